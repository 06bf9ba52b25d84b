"""The word lists of the identifier guard: English words, the clinical safe-list, name lists of
many origins (resources/names/*.txt, each header naming its source and licence), accent folding
and the one-typing-slip test. Loaded once, on first use."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.errors import ValidationError

_ENDINGS = ("ies", "es", "s", "ed", "d", "ing", "ly", "er", "est", "ers", "ness", "ment", "ful")


def _stems(word: str) -> list[str]:
    out: list[str] = []
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            out += [stem, stem + "e", stem + "y"]
            if stem[-1] == stem[-2]:
                out.append(stem[:-1])
    return out


_FOLD_EXTRA = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "ı": "i",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


def _fold(word: str) -> str:
    """Lower case without accents, for look-up: "Nguyễn" -> "nguyen", "Michał" -> "michal"."""
    if word.isascii():
        return word.lower()
    low = word.lower().translate(_FOLD_EXTRA)
    if low.isascii():
        return low
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class _NameData:
    first: frozenset[str]
    surnames: frozenset[str]
    world: frozenset[str]  # names of many origins (world_names.txt)
    english: frozenset[str]  # ordinary lower-case words (endings stripped, see english_words.txt)
    not_names: frozenset[str]  # never a name without a cue
    safe: frozenset[str]  # clinical and hospital vocabulary, brands, faiths, countries
    given_prefixes: frozenset[str]  # the first 3-5 letters of each given name (nicknames)
    medicines: frozenset[str] = frozenset()  # generic and brand names (medicine_names.txt)
    # rarer English words (english_words_more.txt) and common words of other languages
    # (other_language_words.txt): known vocabulary like the medicines (not suspect for being in
    # no list, a cue or a person's position still names it: "Hari was in tears", "told Iman"),
    # and not used for the one-typing-slip test
    more_english: frozenset[str] = frozenset()
    foreign: frozenset[str] = frozenset()
    # Spanish words that are also listed names: words beside a foreign word ("ella dice")
    foreign_name_words: frozenset[str] = frozenset()

    def is_english(self, word: str) -> bool:
        """Whether `word` (lower case) is an ordinary English word, e.g. "grace", "walked"."""
        if word in self.english:
            return True
        return any(
            stem in self.english or any(s2 in self.english for s2 in _stems(stem))
            for stem in _stems(word)
        )

    @lru_cache(maxsize=16384)  # noqa: B019 - one _NameData lives for the process
    def is_more(self, word: str) -> bool:
        """A rarer English word, with the endings the file's maker stripped ("crossmatched"), or a
        common word of another language."""
        if word in self.foreign or word in self.more_english:
            return True
        more = self.more_english
        return any(stem in more or any(s2 in more for s2 in _stems(stem)) for stem in _stems(word))

    def is_safe(self, word: str) -> bool:
        """A clinical or hospital word, a brand, a faith, a country (safe_words.txt)."""
        if word in self.safe or _DRUG_ENDING.search(word) is not None:
            return True
        return word.endswith("s") and word[:-1] in self.safe

    def is_word(self, word: str) -> bool:
        """Ordinary English or safe vocabulary; a hyphenated word when all its parts are."""
        if self.is_english(word) or self.is_safe(word):
            return True
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and all(
            len(p) < 2 or self.is_english(p) or self.is_safe(p) or self.is_more(p) for p in parts
        )

    def listed(self, word: str) -> bool:
        if word in self.first or word in self.surnames or word in self.world:
            return True
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and any(
            p in self.first or p in self.surnames or p in self.world for p in parts
        )

    @lru_cache(maxsize=16384)  # noqa: B019 - one _NameData lives for the process
    def classify(self, key: str) -> tuple[bool, bool, bool]:
        """(an ordinary or safe word, a listed name, a safe word) for a look-up key."""
        return self.is_word(key), self.listed(key), self.is_safe(key)

    @lru_cache(maxsize=4096)  # noqa: B019 - one _NameData lives for the process
    def near_word(self, word: str) -> bool:
        """Whether `word` is one typing slip (a letter dropped, doubled or swapped; a wrong letter
        in a longer word) away from an ordinary or safe word: "tearfull", "hellpine", "aout"."""
        n = len(word)
        if n < 4 or not word.isalpha() or not word.isascii():
            return False
        cands: set[str] = set()
        for i in range(n):
            cands.add(word[:i] + word[i + 1 :])  # an extra letter
            if i + 1 < n:
                cands.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped
            if n >= 6:
                cands.update(word[:i] + c + word[i + 1 :] for c in _LETTERS)  # a wrong letter
        for i in range(1, n + 1):
            cands.update(word[:i] + c + word[i:] for c in _LETTERS)  # a dropped letter
        cands.discard(word)
        # English words only: a name one letter from a safe word of another language or an
        # abbreviation is no slip ("Mingyu"/"minggu", "vlad"/"lvad")
        english = self.english
        if any(c in english for c in cands):
            return True
        return any(len(c) >= 4 and self._inflected(c) for c in cands)

    def _inflected(self, w: str, depth: int = 2) -> bool:
        """A cheap `is_english` for the common endings only (used on many typo candidates)."""
        english = self.english
        for ending, add in _CHEAP_ENDINGS:
            if w.endswith(ending):
                stem = w[: -len(ending)]
                if len(stem) < 2:
                    continue
                if stem + add in english or (
                    not add
                    and (stem + "e" in english or (stem[-1] == stem[-2] and stem[:-1] in english))
                ):
                    return True
                if depth > 1 and self._inflected(stem + add, depth - 1):
                    return True
        return False


_CHEAP_ENDINGS = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("er", ""),
    ("ers", ""),
    ("ness", ""),
    ("ful", ""),
)

# Medicine name endings (INN stems): "-pril", "-olol", "-statin", "-azole", "-mab" ...; an
# antiviral's "-vir" after a vowel ("aciclovir", "remdesivir"; Punjabi names end in "-jvir",
# "-nvir": Rajvir, Ranvir)
_DRUG_ENDING = re.compile(
    r"^[a-z]{3,}(?:pril|olol|alol|sartan|statin|azole|prazole|tidine|dipine|floxacin|cillin|mycin|cycline|"
    r"micin|parin|xaban|gatran|mab|tinib|ciclib|[aeiou]vir|azepam|zolam|oxetine|triptan|setron|"
    r"gliptin|gliflozin|glitazone|afil|lukast|dronate|profen|coxib|caine|curonium|semide|"
    r"thiazide|olone|asone|amide|azine|oxacin|onazole|barbital)$"
    # procedures and conditions, which no name ends in: "Fasciotomy", "Pericardiocentesis",
    # "Norovirus", "Debridements" (not "-itis" or "-oma": Adomaitis, Paloma)
    r"|^[a-z]{4,}(?:otomy|otomies|ectomy|ectomies|ostomy|ostomies|plasty|plasties|scopy|"
    r"scopies|centesis|graphy|virus|viruses|aemia|emia|algia|uria|pathy|ectasis|desis|rrhage|"
    r"rrhaphy|debridements?|debrided)$"
    r"|^debride(?:ment|ments|d)?$"
)


def _words_of_lines(name: str, many: bool) -> frozenset[str]:
    """The words of a resources/names file: one per line, or (`many`) several per line."""
    text = unicodedata.normalize("NFKC", read_text("names", name))
    if many:
        body = _COMMENT.sub("", text)  # comments, whole-line or after the words
        items = body.split()
    else:  # one per line: the header's comment lines off, then the lines as they are
        items = [line.strip() for line in _COMMENT_LINE.sub("", text).splitlines()]
        items = [item for item in items if item]
    # one validating match in C over all items; the slow per-line search only runs to name a
    # bad line
    check = _SAFE_ITEM if many else _NAME_LINE
    block = _SAFE_BLOCK if many else _NAME_BLOCK
    joined = "\n".join(items) + "\n"
    cheap = _ASCII_SAFE_BLOCK if many else _ASCII_NAME_BLOCK  # subsets of the grammar, faster
    if (
        _LETTERS_ONLY.fullmatch(joined) is None
        and cheap.fullmatch(joined) is None
        and block.fullmatch(joined) is None
    ):
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip() if many else raw.strip()
            if not line or line.startswith("#"):
                continue
            for item in line.split() if many else [line]:
                if not check.fullmatch(item):
                    raise ValidationError(
                        f"resources/names/{name} line {lineno}: {item!r} is not a word or name; "
                        "use letters, apostrophes, hyphens or spaces only.",
                        [(f"resources/names/{name}:{lineno}", "not a word or name")],
                    )
    if text.isascii():
        words = set(map(str.lower, items))
    else:
        words = {item.lower() if item.isascii() else _fold(item) for item in items}
    if not words:
        raise ValidationError(f"resources/names/{name} is empty; restore it from the release.")
    return frozenset(words)


_NAME_LINE = re.compile(r"[^\W\d_]+(?:['\- ][^\W\d_]+)*")
_SAFE_ITEM = re.compile(r"[^\W_][\w&'/-]*|[^\W\d_]+(?:['\-][^\W\d_]+)*")
_COMMENT = re.compile(r"#[^\n]*")
_COMMENT_LINE = re.compile(r"^[ \t]*#[^\n]*\n?", re.MULTILINE)
_LETTERS_ONLY = re.compile(r"[A-Za-z\n]*")  # the cheap test first: most files are letters only
_ASCII_NAME_BLOCK = re.compile(r"(?:[A-Za-z]+(?:['\- ][A-Za-z]+)*\n)*")
_ASCII_SAFE_BLOCK = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9_&'/-]*\n)*")
_NAME_BLOCK = re.compile(r"(?:[^\W\d_]+(?:['\- ][^\W\d_]+)*\n)*")
_SAFE_BLOCK = re.compile(r"(?:(?:[^\W_][\w&'/-]*|[^\W\d_]+(?:['\-][^\W\d_]+)*)\n)*")


def _load_word_list(name: str) -> frozenset[str]:
    return _words_of_lines(name, many=False)


@lru_cache(maxsize=1)
def _name_data() -> _NameData:
    safe = _words_of_lines("safe_words.txt", many=True)
    first = _load_word_list("first_names.txt")
    world = _words_of_lines("world_names.txt", many=True)
    more_english = _load_word_list("english_words_more.txt")
    foreign = _words_of_lines("other_language_words.txt", many=True)
    return _NameData(
        first=first,
        surnames=_load_word_list("surnames.txt"),
        world=world,
        english=_load_word_list("english_words.txt"),
        # SCOWL's largest size and common words of other languages (see the files' headers)
        more_english=more_english,
        foreign=foreign,
        foreign_name_words=_words_of_lines("other_language_name_words.txt", many=True),
        not_names=_load_word_list("not_names.txt"),
        safe=safe,
        given_prefixes=frozenset(
            name[:k] for name in first | world for k in (3, 4, 5) if len(name) > k
        ),
        medicines=_load_word_list("medicine_names.txt"),
    )
