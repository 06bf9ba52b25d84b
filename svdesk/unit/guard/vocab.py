"""Known vocabulary that the word lists cannot hold one word at a time, for the name rules
(svdesk/unit/guard/names.py):

- phrases of several words that are not people (resources/names/safe_phrases.txt): "Eid
  al-Adha", "Guru Nanak Jayanti", "Tim Hortons", "Bair Hugger";
- texting shorthand with the vowels dropped ("tlk agn nxt wk", "bttr", "grp", "chk");
- clinical nouns after which a capitalised word is an eponym (`clinical_noun`: "Yankauer
  suction", "Fournier's gangrene", "Hashimoto's thyroiditis");
- medicine names (resources/names/medicine_names.txt, loaded by lexicon.py);
- rarer English words and common words of Spanish, Malay, Indonesian and Filipino
  (resources/names/english_words_more.txt, other_language_words.txt).

`known_tokens` returns, per token, "safe" (never a name without a naming cue), "known" (not
suspect for being capitalised and unlisted, but a cue still reports it) or "" (no opinion)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.errors import ValidationError
from svdesk.unit.guard.lexicon import _DRUG_ENDING as _DRUG_ENDING_RE
from svdesk.unit.guard.lexicon import _fold, _name_data, _NameData

# a lower-case word after one of these is a word, not a name ("the rowan tree")
ARTICLES = frozenset(("the", "a", "an", "this", "that", "these", "those", "our", "their", "its"))
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+|-[^\W\d_]+)*")
_CLITICS = ("'s", "n't", "'ll", "'re", "'ve", "'d", "'m", "s'")
_VOWELS = frozenset("aeiouy")
_TITLES = frozenset(("mr", "mrs", "ms", "mx", "dr", "drs", "prof", "sr", "sgt", "st", "rev", "fr"))


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


def _key(word: str) -> str:
    low = _fold(word)
    for ending in _CLITICS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return low[: -len(ending)]
    return low


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    """Phrases of two or more words by their first word, and the one-word entries."""
    text = unicodedata.normalize("NFKC", read_text("names", "safe_phrases.txt"))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    single: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = tuple(_key(w) for w in _WORD.findall(line))
        if not words or re.search(r"[^\w\s'&.-]", line):
            raise ValidationError(
                f"resources/names/safe_phrases.txt line {lineno}: {line!r} is not a phrase; "
                "use words of letters, apostrophes and hyphens, separated by spaces.",
                [(f"resources/names/safe_phrases.txt:{lineno}", "not a phrase")],
            )
        if len(words) == 1:
            single.add(words[0])
        else:
            by_first.setdefault(words[0], []).append(words)
    frozen = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}
    return frozen, frozenset(single)


@lru_cache(maxsize=1)
def _skeletons() -> frozenset[str]:
    """Skeletons ("tlk", "agn", "nxt") of the English words of three to nine letters."""
    return frozenset(_skeleton(w) for w in _name_data().english if 3 <= len(w) <= 9 and w.isalpha())


def _skeleton(word: str) -> str:
    """The first letter and the consonants after it, doubled letters once: "again" -> "agn"."""
    out = [word[0]]
    for ch in word[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out.append(ch)
    return "".join(out)


def shorthand(word: str, key: str, data: _NameData) -> bool:
    """Texting with the vowels dropped: "tlk", "nxt", "bttr", "grp", "wnts", "agn", "Chk".

    A word of three or more letters with no vowel (a, e, i, o, u, y) after its first letter
    that is no listed name: in lower case with no vowel at all; otherwise (a vowel first, or a
    capital first letter) only when it is the skeleton of an English word ("agn" for "again",
    "Tlk" for "talk"), so that an unknown capitalised word ("Zzq") stays suspect."""
    if len(key) < 3 or not key.isascii() or not key.isalpha() or key in _TITLES:
        return False
    if not word[1:].islower() or any(ch in _VOWELS for ch in key[1:]):
        return False
    if data.listed(key) or data.is_english(key):
        return False
    if word[0].islower() and key[0] not in _VOWELS:
        return True
    return key in _skeletons()


_NAME_ENDINGS = _words(
    "nd rd rt st nt ng ck th sh ch ll ss tt rn rk lt ld ff mm nn rm rs ns ks ts ds"
)


def name_shaped_caps(key: str) -> bool:
    """Whether an unknown word in capitals may be a name ("OKAFOR", "NGUYEN"), not an
    abbreviation: four or more letters, a vowel, no four consonants in a row and no
    two at the end but a usual name ending ("HIV", "MBRRACE", "CVVHDF", "PAPR" are not)."""
    letters = [ch for ch in key if ch.isalpha()]
    if len(letters) < 4 or not any(ch in _VOWELS for ch in letters):
        return False
    run = 0
    for ch in letters:
        run = 0 if ch in _VOWELS else run + 1
        if run >= 4:
            return False
    tail = "".join(letters[-2:])
    return not (tail[0] not in _VOWELS and tail[1] not in _VOWELS and tail not in _NAME_ENDINGS)


# Nouns after which a capitalised word is an eponym: devices and findings the eponym list of
# namewords.py lacks, and clinical nouns by their ending ("-itis", "-ectomy", "-oma").
_DEVICE_NOUNS = _words(
    "suction sucker hugger probe clamp drain collar brace mattress sling stent cannula "
    "balloon speculum tourniquet hoist gangrene contracture deformity node nodes nodule "
    "murmur incision manoeuvres maneuvers questionnaire inventory checklist"
)
_CLINICAL_ENDING = re.compile(
    r"[a-z]{3,}(?:itis|osis|oma|omas|emia|aemia|pathy|plasty|ectomy|otomy|ostomy|scopy|"
    r"graphy|algia|plegia|paresis|trophy|ocele|uria|penia|philia|phobia|rrhoea|rrhea)"
)


def clinical_noun(key: str) -> bool:
    return key in _DEVICE_NOUNS or _CLINICAL_ENDING.fullmatch(key) is not None


def known_tokens(
    t: str, tokens: list[tuple[str, int, int]], keys: list[str], data: _NameData
) -> list[str]:
    """Per token (word, start, end) with its look-up key: "safe", "known" or "" (see the
    module's docstring)."""
    n = len(keys)
    out = [""] * n
    by_first, single = _phrases()
    i = 0
    while i < n:
        key = keys[i]
        matched = 0
        for phrase in by_first.get(key, ()):
            m = len(phrase)
            if (
                i + m <= n
                and tuple(keys[i : i + m]) == phrase
                and all(
                    t[tokens[j][2] : tokens[j + 1][1]] in (" ", "-") for j in range(i, i + m - 1)
                )
            ):
                matched = m
                break
        if matched:
            for j in range(i, i + matched):
                out[j] = "safe"
            i += matched
            continue
        if key in single or key in data.medicines or data.is_more(key):
            out[i] = "known"
        elif shorthand(tokens[i][0], key, data):
            out[i] = "safe"
        elif (
            len(key) >= 9
            and tokens[i][0].islower()
            and _CLINICAL_ENDING.fullmatch(key) is not None
            and not data.listed(key)
        ):
            out[i] = "safe"  # "thyroiditis", "cholecystectomy": clinical words by their ending
        i += 1
    _medicine_lists(t, tokens, keys, data, out)
    return out


_LIST_GAP = re.compile(
    r"\.?(?:,\s?|\s(?:and|&|or|n|then|y|e|und|en)\s|,?\s(?:and|&|or)\s(?:then\s)?|,\s(?:then|y)\s|"
    r"\s?/\s?|\s?\+\s?)"
)


@lru_cache(maxsize=1)
def _safe_medicines() -> frozenset[str]:
    """The words under the "medicines" headers of safe_words.txt."""
    text = unicodedata.normalize("NFKC", read_text("names", "safe_words.txt"))
    out: set[str] = set()
    inside = False
    for line in text.splitlines():
        if line.startswith("# ---"):
            inside = line.startswith("# --- medicine")
        elif inside and not line.startswith("#"):
            out.update(_fold(w) for w in line.split("#", 1)[0].split())
    return frozenset(out)


def _medicine_lists(
    t: str, tokens: list[tuple[str, int, int]], keys: list[str], data: _NameData, out: list[str]
) -> None:
    """A capitalised word in no given-name list, in a list with a medicine, is a medicine too
    ("Dexamethasone, Kenacort and Nexium", "Panadol, Adol and Profinal"): set it "known"."""
    safe_meds = _safe_medicines()

    def medicine(j: int) -> bool:
        k = keys[j]
        return k in data.medicines or k in safe_meds or _DRUG_ENDING_RE.search(k) is not None

    n = len(keys)
    meds = [medicine(j) for j in range(n)]
    if not any(meds):
        return
    for _ in range(2):  # a list of three: the middle word may carry the link
        for i in range(n):
            word = tokens[i][0]
            if meds[i] or out[i] or not word[:1].isupper() or keys[i] in data.first:
                continue
            if keys[i] in data.world:
                continue
            for j in (i - 1, i + 1, i - 2, i + 2, i - 3, i + 3):  # "X, Y", "X and then Y"
                if 0 <= j < n and meds[j]:
                    a, b = (j, i) if j < i else (i, j)
                    if _LIST_GAP.fullmatch(t, tokens[a][2], tokens[b][1]):
                        meds[i] = True
                        out[i] = "known"
                        break


def foreign_phrase_words(
    words: list[str],
    keys: list[str],
    classes: list[tuple[bool, bool, bool]],
    data: _NameData,
) -> list[tuple[bool, bool, bool]]:
    """Per token (its text, its look-up key, its classes): a lower-case Spanish word that is also
    a listed name ("ella", "nada", "una"; other_language_name_words.txt) is a word when a word
    of another language stands within two tokens ("ella dice que", "no pasa nada")."""
    foreign = data.foreign | data.foreign_name_words
    out = list(classes)
    n = len(keys)
    for i, k in enumerate(keys):
        if k not in data.foreign_name_words or not words[i].islower():
            continue
        if any(keys[j] in foreign for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < n):
            out[i] = (True, False, False)
    return out


def rare_words_as_words(
    words: list[str],
    keys: list[str],
    classes: list[tuple[bool, bool, bool]],
    data: _NameData,
) -> list[tuple[bool, bool, bool]]:
    """For the position rules (context.py): a rarer English word (english_words_more.txt) in
    lower case is a word ("crossmatched, one given", "the diathermy pad was"); capitalised it is
    only known vocabulary, since such words are names too ("Jarrah", "Berk")."""
    foreign = data.foreign
    return [
        (True, c[1], c[2])
        if not c[0] and w.islower() and k not in foreign and data.is_more(k)
        else c
        for c, k, w in zip(classes, keys, words, strict=True)
    ]
