"""The identifier guard: finds identifiers of patients or staff in the short free-text note.

Pure and Qt-free. Matching runs on a normalised copy of the note (NFKC, invisible characters
removed, HTML tags and entities undone); every finding is reported in offsets of the ORIGINAL text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.errors import ValidationError

KINDS = (
    "email",
    "phone",
    "url",
    "mrn",
    "ssn",
    "long_number",
    "id_label",
    "date",
    "age_over_89",
    "address",
    "person_name",
    "roster_name",
)
BLOCKING = frozenset({"email", "phone", "url", "mrn", "ssn", "long_number", "id_label"})
MAX_NOTE_CHARS = 280


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str  # "block" | "warn"
    start: int  # character offsets in the text as given
    end: int
    text: str


@dataclass(frozen=True)
class GuardResult:
    verdict: str  # "block" | "warn" | "ok"
    findings: tuple[Finding, ...]

    def to_json(self, explain: bool = False) -> dict[str, object]:
        """The `guard check` JSON of cli.md (the matched text is deliberately left out);
        `explain` adds each finding's "message" and "advice" (EXPLANATIONS)."""
        findings: list[dict[str, object]] = []
        for f in self.findings:
            item: dict[str, object] = {
                "kind": f.kind,
                "severity": f.severity,
                "start": f.start,
                "end": f.end,
            }
            if explain:
                item["message"] = EXPLANATIONS[f.kind].message
                item["advice"] = EXPLANATIONS[f.kind].advice
            findings.append(item)
        return {"verdict": self.verdict, "findings": findings}


# ---------------------------------------------------------------------------------------------
# What each kind is, and what to write instead (shared by `svdesk guard check --explain` and the
# note editor's highlights and message list)


@dataclass(frozen=True)
class Explanation:
    label: str  # "a phone number", as in "the note contains a phone number"
    message: str  # one sentence: why the guard stopped or warned
    advice: str  # how to rephrase


EXPLANATIONS: dict[str, Explanation] = {
    "email": Explanation(
        "an email address",
        "An email address identifies a person and cannot be saved.",
        "Remove it; write 'gave contact details' if it matters.",
    ),
    "phone": Explanation(
        "a phone number",
        "A phone, pager or extension number cannot be saved.",
        "Remove it; write 'will call back' or 'number on file elsewhere'.",
    ),
    "url": Explanation(
        "a web address",
        "A web address (a fundraiser, a post, a profile) can identify someone and cannot be saved.",
        "Remove it; write 'a post online' or 'a fundraising page'.",
    ),
    "mrn": Explanation(
        "a medical record number",
        "A medical record, hospital or NHS number identifies a patient and cannot be saved.",
        "Remove it; write 'the patient' instead.",
    ),
    "ssn": Explanation(
        "a social security number",
        "A social security or National Insurance number cannot be saved.",
        "Remove it entirely.",
    ),
    "long_number": Explanation(
        "a long number",
        "A long number may be a record, account or reference number and cannot be saved.",
        "Remove it; write 'a reference number' if it matters.",
    ),
    "id_label": Explanation(
        "an identifier label (such as MRN, DOB or a bed number)",
        "A bed, room, cot or trolley label or a record label points to one patient and cannot "
        "be saved.",
        "Write 'a patient on the ward' or 'in one of the bays' instead.",
    ),
    "date": Explanation(
        "a date",
        "A date (of birth, death, an incident or a hearing) can identify the people involved.",
        "Write 'last week', 'recently' or 'next month' instead.",
    ),
    "age_over_89": Explanation(
        "an age over 89",
        "An age over 89 is rare enough to identify a person.",
        "Write 'an elderly patient' or 'over 80' instead.",
    ),
    "address": Explanation(
        "an address",
        "A street, postcode or ZIP code can identify where someone lives.",
        "Write 'at home' or 'locally' instead.",
    ),
    "person_name": Explanation(
        "a person's name",
        "This looks like a person's name; notes must not name patients, relatives or staff.",
        "Write 'a colleague', 'the patient' or 'a relative' instead of a name.",
    ),
    "roster_name": Explanation(
        "a name from the unit roster",
        "This is the name of someone on the unit's staff list.",
        "Write 'a colleague' or their role ('the charge nurse') instead of a name.",
    ),
}


def explain(kind: str) -> Explanation:
    """The explanation of a finding kind (every kind in KINDS has one)."""
    return EXPLANATIONS[kind]


# ---------------------------------------------------------------------------------------------
# Normalisation with a map back to the original text


@dataclass(frozen=True)
class _Normalised:
    text: str
    starts: tuple[int, ...]  # for each character of `text`, the original span it came from
    ends: tuple[int, ...]

    def original_span(self, a: int, b: int) -> tuple[int, int]:
        return self.starts[a], self.ends[b - 1]


# Characters that render as nothing (or reorder text) but split words and numbers for a regex.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'"}
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")


def _normalise_chars(chunk: str) -> Iterator[str]:
    """Per-character rules for one cluster (base character plus its combining marks)."""
    for ch in unicodedata.normalize("NFKC", chunk):
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me") or cat == "Cf" or ch in _INVISIBLE:
            continue  # stray marks, zero-width and bidi controls: matched as if absent
        if cat == "Cc" and ch not in "\n\t":
            yield " "  # NUL and other controls separate words, like a space
        elif cat == "Cs":
            yield "\ufffd"
        elif cat == "Pd" or ch == "\u2212":
            yield "-"
        elif cat == "Zs":
            yield " "
        else:
            yield _QUOTES.get(ch, ch)


def _normalise(text: str) -> _Normalised:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chars: Iterable[str], a: int, b: int) -> None:
        for ch in chars:
            out.append(ch)
            starts.append(a)
            ends.append(b)

    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if m:  # pasted rich text: a tag separates words
                emit(" ", i, m.end())
                i = m.end()
                continue
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if m:
                decoded = html.unescape(m.group())
                if decoded != m.group():
                    emit(_normalise_chars(decoded), i, m.end())
                    i = m.end()
                    continue
        if unicodedata.category(ch) == "Cs":
            emit("\ufffd", i, i + 1)  # a lone surrogate cannot be normalised
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.category(text[j]) in ("Mn", "Mc", "Me"):
            j += 1
        emit(_normalise_chars(text[i:j]), i, j)
        i = j
    return _Normalised("".join(out), tuple(starts), tuple(ends))


# ---------------------------------------------------------------------------------------------
# Name data


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

    def is_english(self, word: str) -> bool:
        """Whether `word` (lower case) is an ordinary English word, e.g. "grace", "walked"."""
        if word in self.english:
            return True
        return any(
            stem in self.english or any(s2 in self.english for s2 in _stems(stem))
            for stem in _stems(word)
        )

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
            len(p) < 2 or self.is_english(p) or self.is_safe(p) for p in parts
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
        """(an ordinary or safe word, a listed name, a safe word or never a name) for a key."""
        never = key in _NEVER_NAME
        return (
            self.is_word(key),
            self.listed(key) and not never,
            self.is_safe(key) or never,
        )

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
        english, safe = self.english, self.safe
        if any(c in english or c in safe for c in cands):
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

# Medicine name endings (INN stems): "-pril", "-olol", "-statin", "-azole", "-mab" ...
_DRUG_ENDING = re.compile(
    r"^[a-z]{3,}(?:pril|olol|alol|sartan|statin|azole|prazole|tidine|dipine|floxacin|cillin|mycin|cycline|"
    r"micin|parin|xaban|gatran|mab|tinib|ciclib|vir|azepam|zolam|oxetine|triptan|setron|"
    r"gliptin|gliflozin|glitazone|afil|lukast|dronate|profen|coxib|caine|curonium|semide|"
    r"thiazide|olone|asone|amide|azine|oxacin|onazole|barbital)$"
)


def _words_of_lines(name: str, many: bool) -> frozenset[str]:
    """The words of a resources/names file: one per line, or (`many`) several per line."""
    text = unicodedata.normalize("NFKC", read_text("names", name))
    lines = [line.split("#", 1)[0].strip() if many else line.strip() for line in text.splitlines()]
    items = [
        item
        for line in lines
        if line and not line.startswith("#")
        for item in (line.split() if many else (line,))
    ]
    # one validating pass in C; the slow per-line search only runs to name a bad line
    check = _SAFE_ITEM if many else _NAME_LINE
    if not all(check.fullmatch(item) for item in items):
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
    words = {item.lower() if item.isascii() else _fold(item) for item in items}
    if not words:
        raise ValidationError(f"resources/names/{name} is empty; restore it from the release.")
    return frozenset(words)


_NAME_LINE = re.compile(r"[^\W\d_]+(?:['\- ][^\W\d_]+)*")
_SAFE_ITEM = re.compile(r"[^\W_][\w&'/-]*|[^\W\d_]+(?:['\-][^\W\d_]+)*")


def _load_word_list(name: str) -> frozenset[str]:
    return _words_of_lines(name, many=False)


@lru_cache(maxsize=1)
def _name_data() -> _NameData:
    safe = _words_of_lines("safe_words.txt", many=True)
    return _NameData(
        first=_load_word_list("first_names.txt"),
        surnames=_load_word_list("surnames.txt"),
        world=_words_of_lines("world_names.txt", many=True),
        english=_load_word_list("english_words.txt"),
        not_names=_load_word_list("not_names.txt"),
        safe=safe,
    )


# ---------------------------------------------------------------------------------------------
# Patterns (run on the normalised text)

_I = re.IGNORECASE
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|ai|app|dev|nhs|health|online|site|uk|us|ca|au|nz|"
    "ie|de|fr|nl|es|it|se|dk|fi|ch|at|be|pl|in|za|ng|sg|hk|jp|cn|ru|br|mx|eu|me|tv|co|ly"
)
_SAFE_TLDS = "com|org|net|edu|gov|info|biz|io|nhs|health|uk|ca|au|nz|ie|de|fr|nl|eu"

_EMAIL_AT = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}\s{0,2}@\s{0,2}[A-Za-z0-9-]{1,63}"
    r"(?:\s{0,2}\.\s{0,2}[A-Za-z0-9-]{1,63})*\s{0,2}\.\s{0,2}[A-Za-z]{2,24}(?![A-Za-z0-9])"
)
# "name@gmail,com", "name@hotmail" (no domain ending), "name @ gmail . com"
_EMAIL_LOOSE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@[A-Za-z][A-Za-z0-9-]{1,62}"
    r"(?:[.,][A-Za-z0-9-]{1,63})*(?![\w@])"
)
_OBF_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+)"
_OBF_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
_EMAIL_OBF = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}" + _OBF_AT + r"[A-Za-z0-9-]{1,63}"
    r"(?:" + _OBF_DOT + r"[A-Za-z0-9-]{1,63})*" + _OBF_DOT + r"(?:" + _TLDS + r")(?![A-Za-z0-9])",
    _I,
)
_URL = re.compile(
    r"\b(?:(?:https?|hxxps?|ftp|file)\s*(?:://|\[:\]//)|www\d?\.)[^\s<>\"]+"
    r"|(?<![@\w.-])(?:[A-Za-z0-9-]{1,63}\.)+(?:" + _SAFE_TLDS + r")\b(?:[/?#][^\s<>\"]*)?"
    # any short top-level domain when a path follows: bit.ly/abc, t.co/x
    r"|(?<![@\w.-])(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,6}/[A-Za-z0-9][^\s<>\"]*"
    r"|(?<![@\w])[A-Za-z0-9-]{2,63}(?:\s+dot\s+[A-Za-z0-9-]{1,63})*\s+dot\s+(?:"
    + _SAFE_TLDS
    + r")\b",
    _I,
)
_EXT = r"(?:\s*(?:,\s*)?(?:ext|extn|extension|x|#)\.?\s*\d{1,6})?"
_PHONE = re.compile(
    # international: +44 20 7946 0018, +1 (555) 123-4567, +353-1-234-5678
    r"(?<![\w+])\+\s?\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{2,5}){1,4}(?!\d)"
    + _EXT
    # North American: (555) 123-4567, 555.123.4567, 555 123 4567, 1-800-555-1234
    + r"|(?<![\w.-])(?:1[ .-])?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\d-])"
    + _EXT
    # UK style with a trunk 0: 020 7946 0018, 07700 900123, 0161-496-0000
    + r"|(?<![\w.])0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?![\d-])"
    + _EXT
    # local seven digits: 555-1234
    + r"|(?<![\w./-])\d{3}-\d{4}(?![\d/-])"
    + _EXT
    # extensions, bleeps and pagers on their own: ext. 4412, bleep 2231
    + r"|\bx\s?\d{4,5}\b"
    + r"|\b(?:ext|extn|extension|bleep|pager|tel|telephone|phone|mobile|cell|mob)\.?\s*"
    r"(?:no\.?|number|#|:)?\s*\d{3,6}(?!\d)(?![ .-]\d)",
    _I,
)
_SSN = re.compile(
    r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"
    r"|(?<![\w-])\d{3} \d{2} \d{4}(?![\w-])"
    r"|(?<![\w.])\d{3}\.\d{2}\.\d{4}(?![\w]|\.\d)"
    # UK National Insurance number, in either case
    r"|\b(?i:[A-CEGHJ-PR-TW-Z]{2}) ?\d{2} ?\d{2} ?\d{2} ?(?i:[A-D])\b"
)
# "no"/"number" only count as a label when a value follows ("in case no one", "a record number").
_NO = r"(?:no\.?|num\.?|number|#)(?=\s*(?:[:#=]|is\b)?\s*[A-Za-z]{0,4}[ -]?\d)"
_MRN_LABEL = (
    r"MRN|MR ?#|MR ?no\b\.?|med(?:ical)? ?rec(?:ord)?s? ?" + _NO + r"|"
    r"hosp(?:ital)? ?(?:no\b\.?|number|num|#|id\b)|NHS ?(?:no\b\.?|number|num|#)|"
    r"unit ?" + _NO + r"|(?:patient|pt) ?(?:id\b|" + _NO + r")|"
    r"record ?" + _NO + r"|case ?" + _NO + r"|chart ?" + _NO + r"|"
    r"account ?" + _NO + r"|acct ?" + _NO + r"|encounter ?(?:id\b|" + _NO + r")|"
    r"visit ?(?:id\b|" + _NO + r")|accession ?(?:" + _NO + r")?|(?-i:URN|FIN|CSN|EMPI|CHI)"
)
_MRN_LABELLED = re.compile(
    r"\b(?:" + _MRN_LABEL + r")(?:\s*(?:is|=|was|:|#|-)\s*|\s+|(?<=#)|(?<=:))"
    r"(?=[A-Za-z]{0,4}[ -]?\d)([A-Za-z]{0,4}[ -]?\d[\d -]{1,18}\d[A-Za-z]?|[A-Za-z]{0,4}\d{2,})",
    _I,
)
_MRN_BARE = re.compile(r"(?<![\w-])(?:[A-Z]{1,3}-?\d{6,10}[A-Z]?|#\s?\d{5,})(?![\w-])")
_NUMBER_WORDS_TO_99 = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_ID_LABEL = re.compile(
    r"\b(?:" + _MRN_LABEL + r")(?![A-Za-z])"
    r"|\bD\.? ?O\.? ?B\b\.?|\bdate of birth\b|\bbirth ?date\b|\bd\.o\.b\b"
    r"|\b(?:bed|beds|bd|room|rm|bay|cubicle|cubical|cube|bedspace|bed space|side ?room|side ?rm|"
    r"cot|incubator|isolette|trolley|trolly|stretcher|gurney|chair|recliner|pod|couch|majors|"
    r"resus|space|bedhead|single room|sr)\b\.?\s*(?:no\.?|number|#|:)?"
    r"\s*(?:\d{1,4}[A-Za-z]?\b|" + _NUMBER_WORDS_TO_99 + r"\b)"
    r"|\b[Bb]\d{1,2}\s?/\s?\d{1,2}\b|\bSR\s?\d{1,2}\b|\b(?:bd|rm)\d{1,3}\b"
    r"|\bb(?:(?<=\b(?:in|on|to|at) b)|(?<=\bthe b)|(?<=\babout b)|(?<=\bnear b)|(?<=\binto b)"
    r"|(?<=\bfrom b))(?:[48]|1[013-9]|2\d|3[0-2])\b"
    r"|\b(?:pt|patient)\s*#"
    r"|\bID\s*(?::|#|no\b\.?|number\b|\d)"
    r"|\bid\s*[:#]"
    r"|\bSSN\b|\bsocial security(?: ?(?:number|no\.?|#))?\b|\bSIN\b"
    r"|\b(?:NI|national insurance) ?(?:number|no\.?)\b"
    r"|\b(?:employee|staff|badge|payroll|personnel|pin) ?(?:id\b|" + _NO + r")"
    r"|\b(?:passport|licen[cs]e|insurance|policy|medicare|medicaid) ?" + _NO,
    _I,
)
# Case-sensitive labels that would be ordinary words in lower case.
_ID_LABEL_CS = re.compile(r"\bID\b(?=\s*[:#]?\s*[A-Z]{0,3}\d)")

_LONG_DIGITS = re.compile(r"(?<!\d)\d{6,}(?!\d)")
_GROUPED_DIGITS = re.compile(r"(?<![\d.,])\d{1,5}(?:(?: ?- ?| )\d{1,5}){1,8}(?![\d,]|\.\d)")
_NUMBER_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_DIGITS = re.compile(r"\b" + _NUMBER_WORD + r"(?:[\s,-]+" + _NUMBER_WORD + r"){6,}\b", _I)

_MONTHS_LONG = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTHS_SHORT = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_MONTH = r"(?:" + _MONTHS_LONG + "|" + _MONTHS_SHORT + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE_WORDS = re.compile(
    r"\b" + _DAY + r"(?:\s+of)?[\s-]+" + _MONTH + r"(?:,?[\s-]+(?:" + _YEAR + r"|'\d{2}))?(?![\w])"
    r"|\b" + _MONTH + r"[\s-]+" + _DAY + r"(?![\w:])(?:,?\s+(?:" + _YEAR + r"|'\d{2}))?"
    r"|\b" + _MONTH + r",?\s+" + _YEAR + r"\b",
    _I,
)
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth))"
)
# "the eighth of April", "twentieth of september", "March the third"
_DATE_ORDINAL_WORDS = re.compile(
    r"\b(?:the\s+)?" + _ORDINAL_WORD + r"\s+of\s+(?:" + _MONTHS_LONG + r"|" + _MONTHS_SHORT + r")\b"
    r"|\b(?:" + _MONTHS_LONG + r")\s+(?:the\s+)?" + _ORDINAL_WORD + r"\b",
    _I,
)
_DATE_NUMERIC = re.compile(
    r"(?<![\d./-])(?:" + _YEAR + r"[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{1,2}/\d{1,2})(?![\d/-]|\.\d)"
)
# A fraction after these is a score ("pain 8/10", "sleep rated 4/10"), not a date.
_SCORE_BEFORE = re.compile(
    r"(?:pain|score|scored|scores|scale|gcs|sats?|rated|rates|rating|rate|mood|sleep|out of|ews|"
    r"news2?|distress|stress|anxiety|energy|coping|wellbeing|confidence|fatigue|level|grade|"
    r"thermometer)\s*(?:is|was|of|at|about|around)?\s*:?\s*$",
    _I,
)
_SCORE_AFTER = re.compile(r"\s*(?:on the|pain|distress|score|for (?:sleep|mood|pain))\b", _I)
_AGE = re.compile(
    r"\b(?:9\d|1[01]\d)\s?-?\s?(?:yo|y/o|y\.o\.?|yrs?|years?|yr)(?:\s?-?\s?old)?(?![\w])"
    r"|\b(?:aged|age|ages|age:|aged about|aged around)\s*:?\s*(?:9\d|1[01]\d)\b"
    r"|\b(?:9\d|1[01]\d)\s?(?:M|F)\b"
    r"|\b(?:9\d|1[01]\d)(?:th)? birthday\b"
    r"|\bturned (?:9\d|1[01]\d)\b"
    r"|\b(?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve))?(?:[\s-](?:year|yr)s?[\s-]old|\s+years\s+of\s+age|"
    r"[\s-]y/?o\b)"
    r"|\b(?:aged|age|turned|turning) (?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?\b"
    r"|\b(?:nonagenarian|centenarian|supercentenarian)s?\b"
    r"|\bin (?:his|her|their) (?:late |mid |early )?(?:90s|nineties|hundreds)\b",
    _I,
)
_AGE_CASED = re.compile(
    r"\b(?:9\d|1[01]\d)\s?(?:M|F)\b"
    # "F/91", "m/93", "F92": sex before the age
    r"|\b(?i:[MF])\s?/\s?(?:9\d|1[01]\d)\b|\b(?i:[MF])(?:9\d|1[01]\d)\b"
)
_STREET_SUFFIX = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Close|"
    r"Crescent|Cres|Place|Pl|Terrace|Way|Gardens|Grove|Square|Sq|Parkway|Pkwy|Highway|Hwy|Row|"
    r"Mews|Walk|Circle|Cir|Trail|Terr"
)
_ADDRESS = re.compile(
    r"(?<![\w.])\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'-]+\s+){1,3}(?:" + _STREET_SUFFIX + r")\b\.?"
    r"|(?<![\w])(?:[A-Z][a-z'-]+\s+){1,2}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Crescent|"
    r"Terrace|Gardens|Mews|Parkway)\b"
    r"|\b(?i:P\.? ?O\.? ?Box)\s*\d+"
    r"|\b(?i:Flat|Apt|Apartment|Suite)\.?\s*#?\s*\d+[A-Za-z]?\b"
    # "Unit 5, Elm St": a unit number before a street
    r"|\b(?i:Unit)\s*\d+[A-Za-z]?,\s*(?=[A-Za-z]+\s+(?i:" + _STREET_SUFFIX + r")\b)"
    # a street without a number, capitalised: "Kings Close", "Victoria Ave"
    r"|(?<![\w])(?:[A-Z][a-z'-]+\s+){1,2}(?:Close|Grove|Way|Rd|Ave|Avenue|Court|Place|Square|"
    r"Row|Walk|Hill|Park Road)\b(?<!\bNo Way)(?<!\bThe Way)"
    # lower case: "12 elm st", "meadow rd", "cedar street" (not "the street", "a road")
    r"|(?<![\w.])(?:\d{1,5}[a-z]?\s+)?(?!(?:the|a|an|this|that|our|my|his|her|their|same|main|high|"
    r"one|next|wrong|right|long|short|new|old|back|side|busy|quiet|open)\s)[a-z][a-z'-]{2,}\s+"
    r"(?:street|road|rd|avenue|ave|lane|crescent|drive|terrace|gardens|grove|boulevard|parkway|"
    r"mews)\b"
    r"|(?<![\w.])\d{1,5}[a-z]?\s+[a-z][a-z'-]{2,}\s+(?:st|close|way|court|place|square|row|walk)\b"
    # ZIP codes: "ZIP 02139", "zip code 90210", "90210-1234"
    r"|\b(?i:zip(?:\s?code)?|postcode|post code|postal code)\s*:?\s*\d{5}(?:-\d{4})?\b"
    r"|(?<![\d-])\d{5}-\d{4}(?![\d-])"
    # UK postcode in lower case: "b30 8tt", "sw1a 6aa"
    r"|\b[a-z]{1,2}\d[a-z\d]? \d(?!(?:am|pm|hr|mg|ml|kg|mm|cm|th|st|nd|rd)\b)[a-z]{2}\b"
    # UK postcode
    r"|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
    # US state + ZIP
    r"|\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|"
    r"NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC),?\s+\d{5}"
    r"(?:-\d{4})?\b"
)
_ADDRESS_CUE = re.compile(
    r"\b(?:lives|living|lived|resides|address(?:ed)?|home) (?:at|on|in)\s+"
    r"(\d{1,5}[A-Za-z]?\s+[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+){0,2})"
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+|-[^\W\d_]+)*")
_TITLES = _words(
    "dr mr mrs ms miss mx prof professor nurse sister matron doctor sr rev reverend "
    "father fr mister madam dame sir lady lord capt captain sgt"
)
_TITLES_CASE_SENSITIVE = _words("nurse sister doctor father lady lord sir miss madam dame captain")
_CUES = _words("patient pt called named name aka surname nee buddy mentor preceptee preceptor")
_AFTER_TITLE_STOP = _words("on call the of and in at to for a an who was is said team in-charge")
_SENTENCE_END = ".!?:;\n\r\t•*>|"
_CLITICS = ("'s", "n't", "'ll", "'re", "'ve", "'d", "'m", "s'")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str

    @property
    def lower(self) -> str:
        return self.word.lower()

    @property
    def key(self) -> str:
        """The word to look up: folded lower case, without a possessive or contraction
        ("Okafor's" -> "okafor", "didn't" -> "did", "Nguyễn" -> "nguyen")."""
        low = _fold(self.word)
        for ending in _CLITICS:
            if low.endswith(ending) and len(low) > len(ending) + 1:
                return low[: -len(ending)]
        return low

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper()

    @property
    def all_caps(self) -> bool:
        return len(self.word) > 1 and self.word.isupper()


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \"'([{-\u00ab\u201c":
        if text[i] == "-" and i > 0 and text[i - 1].isalnum():
            return False
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


_Span = tuple[str, int, int]  # kind, start, end (normalised offsets)


class IdentifierGuard:
    """Checks notes for identifiers; `roster` is an optional list of the unit's staff names."""

    def __init__(self, roster: Iterable[str] = ()) -> None:
        self._roster_full: list[re.Pattern[str]] = []
        self._roster_tokens: set[str] = set()
        for entry in roster:
            norm = _normalise(str(entry)).text
            words = [w for w in _WORD.findall(norm) if w.lower().rstrip(".") not in _TITLES]
            if not words:
                continue
            if len(words) > 1:
                self._roster_full.append(
                    re.compile(
                        r"(?<!\w)" + r"[\s.'-]+".join(re.escape(w) for w in words) + r"(?!\w)",
                        _I,
                    )
                )
            self._roster_tokens.update(_fold(w) for w in words if len(w) >= 2)

    # -- public -----------------------------------------------------------------------------

    def check(self, text: str) -> GuardResult:
        if not isinstance(text, str):  # defensive: the CLI and UI always pass str
            raise TypeError("IdentifierGuard.check expects a str")
        norm = _normalise(text)
        spans = self._find(norm.text)
        findings: list[Finding] = []
        seen: set[tuple[str, int, int]] = set()
        for kind, a, b in spans:
            if b <= a:
                continue
            start, end = norm.original_span(a, b)
            if end <= start or (kind, start, end) in seen:
                continue
            seen.add((kind, start, end))
            severity = "block" if kind in BLOCKING else "warn"
            findings.append(Finding(kind, severity, start, end, text[start:end]))
        findings.sort(key=lambda f: (f.start, f.end, KINDS.index(f.kind)))
        if any(f.severity == "block" for f in findings):
            verdict = "block"
        elif findings:
            verdict = "warn"
        else:
            verdict = "ok"
        return GuardResult(verdict, tuple(findings))

    # -- matching ---------------------------------------------------------------------------

    def _find(self, t: str) -> list[_Span]:
        found: list[_Span] = []

        def add_all(
            kind: str, pattern: re.Pattern[str], keep: Callable[[re.Match[str]], bool] | None = None
        ) -> None:
            for m in pattern.finditer(t):
                if keep is None or keep(m):
                    a, b = _trim(t, m.start(), m.end())
                    if b > a:
                        found.append((kind, a, b))

        add_all("email", _EMAIL_AT)
        add_all("email", _EMAIL_OBF)
        add_all("email", _EMAIL_LOOSE)
        add_all("url", _URL, lambda m: not _inside(found, "email", m.start(), m.end()))
        add_all("ssn", _SSN)
        for m in _MRN_LABELLED.finditer(t):
            a, b = _trim(t, m.start(1), m.end(1))
            if b > a:
                found.append(("mrn", a, b))
        add_all("mrn", _MRN_BARE)
        add_all("phone", _PHONE)
        add_all("id_label", _ID_LABEL)
        add_all("id_label", _ID_LABEL_CS)
        add_all("date", _DATE_WORDS, lambda m: _month_word_ok(m.group()))
        add_all("date", _DATE_NUMERIC, lambda m: _numeric_date_ok(t, m))
        add_all("date", _DATE_ORDINAL_WORDS)
        add_all("long_number", _LONG_DIGITS)
        add_all("long_number", _GROUPED_DIGITS, _grouped_number_ok)
        add_all("long_number", _SPOKEN_DIGITS)
        add_all("age_over_89", _AGE)
        add_all("age_over_89", _AGE_CASED)
        add_all("address", _ADDRESS)
        for m in _ADDRESS_CUE.finditer(t):
            found.append(("address", m.start(1), m.end(1)))
        found.extend(self._names(t))
        return _resolve(found)

    def _names(self, t: str) -> list[_Span]:
        data = _name_data()
        tokens = [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(t)]
        n = len(tokens)
        person = [False] * n
        roster = [False] * n
        keys = [tok.key for tok in tokens]
        # per token: "word" (ordinary or safe vocabulary), "listed" (a known name), "safe" (a
        # clinical word, brand, faith or country: never a name without a cue)
        classes = [data.classify(k) for k in keys]
        word = [c[0] for c in classes]
        listed = [c[1] for c in classes]
        safe = [c[2] for c in classes]

        def gap(i: int) -> str:  # the text between token i-1 and token i
            return t[tokens[i - 1].end : tokens[i].start]

        def next_key(i: int) -> str:
            if i + 1 < n and _plain_gap(t, tokens[i], tokens[i + 1]):
                return keys[i + 1]
            return ""

        def unknown(i: int) -> bool:
            """Not a word of any list: a possible name, unless it is a typing slip."""
            k = keys[i]
            if word[i] or listed[i] or len(k) < 2:
                return False
            if not k.isascii() or not tokens[i].word.isascii():
                return True  # accents ("Şener"), another script: English words rarely have them
            if tokens[i].capitalised and (len(k) < 6 or not _sentence_initial(t, tokens[i].start)):
                return True  # only a long word at the start of a sentence may be a slip
            return not data.near_word(k)

        for i, tok in enumerate(tokens):
            key = keys[i]
            if len(key) < 2 and not tok.capitalised:
                continue
            prev = tokens[i - 1] if i > 0 else None
            pkey = keys[i - 1] if i > 0 else ""
            nk = next_key(i)
            after = t[tok.end : tok.end + 24]
            initial = _sentence_initial(t, tok.start)
            title_cue = (
                prev is not None
                and pkey in _TITLES
                and re.fullmatch(r"\.?\s{1,3}|\.", gap(i)) is not None
                and (prev.capitalised or pkey not in _TITLES_CASE_SENSITIVE)
                and (not prev.all_caps or tok.all_caps or len(prev.word) <= 3)
            )
            word_cue = (
                prev is not None
                and pkey in _CUES
                and re.fullmatch(r"\s{1,3}|\s*[:#]\s*|,\s", gap(i)) is not None
            )
            role_after = _ROLE_AFTER.match(t, tok.end) is not None
            dept_after = _DEPT_AFTER.match(t, tok.end) is not None
            bracketed = _in_brackets(t, tok)
            stop = key in _AFTER_TITLE_STOP or key in _MONTH_WORDS or key in _WEEKDAYS
            number_after = re.match(r"\s{0,2}\d", after) is not None
            if key in _TITLES and not (title_cue and tok.capitalised):
                continue
            if stop or pkey == "code":
                continue  # "code Silver", "Code Amber": colour codes, not people
            if title_cue:
                # "Dr Okafor", "Mrs jones", "Nurse Gintare"; not "Nurse Practitioner", "Band 5"
                person[i] = (
                    not number_after
                    and key not in _ROLE_WORDS
                    and key not in _PERSON_VERBS
                    and not safe[i]
                    and (
                        listed[i]
                        or unknown(i)
                        or (tok.capitalised and not tok.all_caps)
                        or (pkey in _STRONG_TITLES and len(key) >= 3)
                    )
                )
                if person[i] or not tok.capitalised:
                    continue
            cued = word_cue or role_after or dept_after or bracketed
            # "pt pietro", "Ngozi from pharmacy", "Ola, the charge nurse", "(Hope)"
            if cued and not safe[i]:  # noqa: SIM102 - the comment belongs to the outer test
                if (
                    unknown(i)
                    or (
                        listed[i]
                        and (not word[i] or bracketed or (tok.capitalised and not initial))
                    )
                    or (tok.capitalised and not word[i] and not initial)
                ):
                    person[i] = True
                    continue
            if tok.all_caps:
                person[i] = (len(key) >= 4 and listed[i] and not word[i] and not safe[i]) or (
                    not safe[i]
                    and unknown(i)
                    and (len(key) >= 6 or nk in _PERSON_VERBS or pkey in _NAME_BEFORE)
                )
                continue
            if safe[i] or nk in _EPONYM_NEXT or nk in _PLACE_NEXT or number_after:
                continue  # "Glasgow coma", "Oak Ward", "Apgar 3", "Costa", "Ramadan"
            if tok.capitalised:
                if not word[i]:
                    # an unknown or listed capitalised word: Philter's rule, suspect it
                    person[i] = listed[i] or (not initial and len(key) >= 2) or unknown(i)
                elif _capitalised_compound(tok.word):
                    person[i] = True  # "Marvellous-Bill", "King-Green"
                elif listed[i]:
                    # a name that is also a word ("Hope", "Will", "Baker"): only with a cue
                    person[i] = (
                        (
                            nk in _ANIMATE_VERBS
                            or (nk in _PERSON_VERBS and not (initial and key in data.not_names))
                        )
                        or nk in _AFTER_NAME
                        or (
                            not initial
                            and (
                                (pkey in _NAME_BEFORE and key not in data.not_names)
                                or _checked_in_on(keys, i)
                            )
                            and not _title_run(t, tokens, i)
                        )
                    )
                continue
            # lower case
            if not word[i] and (listed[i] or unknown(i)) and len(key) >= 3:
                person[i] = True
            elif (
                listed[i]
                and len(key) >= 3
                and key not in data.not_names
                and (nk in _ANIMATE_VERBS or nk in _AFTER_NAME)
            ):
                person[i] = True  # "noble feels blamed", "asked banks how she is"

        # Lower case: a first name and a surname between cues ("with will hill from maternity",
        # "faith bird who found him"), even when both are ordinary words.
        for i in range(1, n):
            a, b = tokens[i - 1], tokens[i]
            if person[i - 1] and person[i]:
                continue
            if a.capitalised or b.capitalised or not re.fullmatch(r" {1,2}", gap(i)):
                continue
            ka, kb = keys[i - 1], keys[i]
            first_like = ka in data.first or ka in data.world
            last_like = kb in data.surnames or kb in data.world or "-" in kb
            if not (first_like and last_like) or ka in _NEVER_NAME or kb in _NEVER_NAME:
                continue
            before = keys[i - 2] if i >= 2 else ""
            after = next_key(i)
            if (
                before in _NAME_BEFORE
                or after in _ANIMATE_VERBS
                or after in _AFTER_NAME
                or (after in ("from", "for") and before in ("with", "for", "to", "w", "thanks"))
            ):
                person[i - 1] = person[i] = True

        # A first name followed by a surname is a name even if either is a word on its own
        # ("Grace Okafor", "Will Turner", "hope baker" is not: lower case needs more).
        for i in range(1, n):
            a, b = tokens[i - 1], tokens[i]
            if not re.fullmatch(r" {1,2}", gap(i)) or not (a.capitalised and b.capitalised):
                continue
            if a.all_caps or b.all_caps or safe[i - 1] or safe[i]:
                continue
            ka, kb = keys[i - 1], keys[i]
            if (
                (ka in data.first or ka in data.world)
                and (listed[i] or not word[i])
                and kb not in data.not_names
                and ka not in _MONTH_WORDS
                and ka not in _WEEKDAYS
                and next_key(i) not in _PLACE_NEXT
                and next_key(i) not in _EPONYM_NEXT
            ):
                person[i - 1] = person[i] = True

        # Spread to neighbours that look like more of the same name ("Mary Anne Smith"),
        # at most _MAX_NAME_WORDS words: one sweep each way keeps long runs linear.
        run = [0] * n
        for i in range(n):
            joined = i > 0 and _joins(t, tokens[i - 1], tokens[i])
            if person[i]:
                run[i] = run[i - 1] + 1 if joined and person[i - 1] else 1
            elif (
                joined
                and person[i - 1]
                and run[i - 1] < _MAX_NAME_WORDS
                and self._continues_name(tokens[i], keys[i], listed[i], word[i], safe[i])
            ):
                person[i] = True
                run[i] = run[i - 1] + 1
        run = [0] * n
        for i in range(n - 1, -1, -1):
            joined = i + 1 < n and _joins(t, tokens[i], tokens[i + 1])
            if person[i]:
                run[i] = run[i + 1] + 1 if joined and person[i + 1] else 1
            elif (
                joined
                and person[i + 1]
                and run[i + 1] < _MAX_NAME_WORDS
                and self._continues_name(tokens[i], keys[i], listed[i], word[i], safe[i])
                and not _sentence_initial(t, tokens[i].start)
            ):
                person[i] = True
                run[i] = run[i + 1] + 1

        for i, tok in enumerate(tokens):
            key = keys[i]
            if self._roster_tokens and key in self._roster_tokens:
                initial = _sentence_initial(t, tok.start)
                if tok.capitalised:
                    roster[i] = not (initial and word[i] and next_key(i) not in _PERSON_VERBS)
                else:
                    roster[i] = not word[i] and len(key) >= 3

        spans: list[_Span] = []
        spans.extend(_merge(tokens, person, "person_name", t))
        spans.extend(_merge(tokens, roster, "roster_name", t))
        for pattern in self._roster_full:
            for m in pattern.finditer(t):
                spans.append(("roster_name", m.start(), m.end()))
        for m in _INITIALS.finditer(t):
            if m.group(1).replace(" ", "").upper() not in _NOT_INITIALS:
                spans.append(("person_name", m.start(1), m.end(1)))
        for m in _INITIALS_CUED.finditer(t):
            bare = m.group(1).replace(".", "").replace(" ", "")
            dotted = "." in m.group(1)
            if bare.upper() not in _NOT_INITIALS and (dotted or not data.is_safe(bare.lower())):
                spans.append(("person_name", m.start(1), m.end(1)))
        return spans

    @staticmethod
    def _continues_name(tok: _Token, key: str, listed: bool, word: bool, safe: bool) -> bool:
        if not tok.capitalised or tok.all_caps or safe:
            return False
        if key in _AFTER_TITLE_STOP or key in _MONTH_WORDS or key in _WEEKDAYS:
            return False
        if key in _TITLES or key in _PLACE_NEXT or key in _EPONYM_NEXT:
            return False
        return listed or not word


def _capitalised_compound(word: str) -> bool:
    parts = word.split("-")
    return len(parts) > 1 and all(len(p) >= 2 and p[0].isupper() and p[1:].islower() for p in parts)


def _checked_in_on(keys: list[str], i: int) -> bool:
    """Whether token i follows "in on" ("checked in on X", "called in on X")."""
    return i >= 2 and keys[i - 1] == "on" and keys[i - 2] == "in"


def _plain_gap(t: str, a: _Token, b: _Token) -> bool:
    return t[a.end : b.start] in (" ", "  ")


def _title_run(t: str, tokens: list[_Token], i: int) -> bool:
    """Whether token i stands in a run of capitalised words ("Root Cause Analysis")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            a, b = (tokens[j], tokens[i]) if j < i else (tokens[i], tokens[j])
            if _plain_gap(t, a, b) and tokens[j].capitalised and tokens[j].key not in _TITLES:
                return not _sentence_initial(t, tokens[j].start) or j > i
    return False


def _in_brackets(t: str, tok: _Token) -> bool:
    """A word alone, or with one or two others, in brackets: "(Hope)", "[Ana Lima]"."""
    left = t.rfind("(", max(0, tok.start - 40), tok.start)
    left = max(left, t.rfind("[", max(0, tok.start - 40), tok.start))
    if left < 0:
        return False
    inner_start = left + 1
    close = re.compile(r"[^()\[\]]{0,40}?[)\]]").match(t, tok.end)
    if close is None:
        return False
    inner = t[inner_start : close.end() - 1]
    return 1 <= len(inner.split()) <= 3 and re.search(r"\d", inner) is None


# Words after which a capitalised word that is also an ordinary word is a person ("with Hope").
_NAME_BEFORE = _words(
    "with w to about that from by for told asked saw thanked blamed how when if whether said "
    "tell nursed supported visited met phoned rang emailed texted like than between including "
    "whom against mentor buddy colleague husband wife partner son daughter mother father "
    "covering cover thanks and me"
)
# Words that follow a name more often than a word ("Hope who found him", "River how she is").
_AFTER_NAME = _words("who whose how herself himself")
# Titles that make the next word a name even in lower case ("mr sky", "dr rice").
_STRONG_TITLES = _words("dr mr mrs ms miss mx prof mister")
# Words after a title that are roles, not names ("Nurse Practitioner", "Sister in charge").
_ROLE_WORDS = _words(
    "practitioner specialist consultant educator associate manager lead leader in-charge charge "
    "band advocate assistant apprentice director officer coordinator co-ordinator navigator "
    "facilitator tutor lecturer researcher champion partner clinician endoscopist prescriber "
    "anaesthetist surgeon registrar physician said says asked on of in at the and for"
)
# Words that usually follow a person as the subject ("Okonkwo was upset").
_PERSON_VERBS = _words(
    "was is had has said says felt feels asked told died complained cried came went seemed "
    "wants wanted will would could did does thinks thought blamed shouted left arrived called "
    "upset sat rang found looked needs needed wants seems knows knew tried helped gave took"
)
# Verbs that want a person as the subject ("Hope feels", not "Joy has gone").
_ANIMATE_VERBS = _words(
    "said says felt feels cried complained asked told wants wanted thinks thought shouted rang "
    "sat blamed upset knows knew tried"
)
# Words after which a name is an eponym, not a person ("Schwartz Rounds", "Wells score").
_EPONYM_NEXT = _words(
    "rounds round disease disease's syndrome score scores scale catheter line test sign "
    "manoeuvre maneuver position criteria classification reflex palsy fracture tube needle "
    "procedure operation protocol method model cycle pathway curve formula law ratio effect "
    "tool stockings frame mask bundle chart lecture award prize coma lymphoma sarcoma tumour "
    "tumor dementia crisis ulcer cyst repair splint traction forceps retractor blade "
    "airway pump bag valve shunt ligament nerve triad dressing dressings"
)
# Words after which a capitalised word is a place in the hospital ("Oak Ward", "Lister Building").
_PLACE_NEXT = _words(
    "ward wards wing suite unit building theatre theatres room rooms centre center block house "
    "lounge clinic hospital hospice lodge hall court garden gardens chapel library hub floor"
)
# Words never a person on their own, whatever the lists say: roles, team words, days.
_NEVER_NAME = (
    _words(
        "colleague coll staff team manager matron reg registrar consultant nurse nurses sister "
        "doctor doc porter hca midwife pharmacist physio student crew family relatives patient pt "
        "code blue red amber grey gray black pink"
    )
    | _PLACE_NEXT
)
_ROLE_AFTER = re.compile(
    r"(?:,?\s(?:the|our|a|my)\s|,\s(?=[A-Z]{2,}\b|[a-z]+\s?,))(?:charge\s|ward\s|night\s|day\s|duty\s|student\s|staff\s|senior\s|"
    r"junior\s|on-call\s|bank\s|agency\s)?(?:nurse|manager|sister|matron|f1|f2|fy1|fy2|sho|reg|"
    r"registrar|consultant|porter|hca|pharmacist|physio|midwife|doctor|cleaner|domestic|"
    r"receptionist|paramedic|chaplain|lead|coordinator|co-ordinator|student|anaesthetist|"
    r"surgeon|tech|technician|odp|hcsw|secretary|clerk|educator|supervisor)\b",
    _I,
)
_DEPT_AFTER = re.compile(
    r"\s(?:from|in|at|on)\s(?:the\s)?(?:pharmacy|icu|itu|hdu|ed|a&e|theatres?|radiology|lab|labs|"
    r"estates|ward\s?\d+|nicu|picu|scbu|maternity|physio|physiotherapy|it|hr|oh|switchboard|"
    r"portering|security|catering|payroll|finance|outpatients|endoscopy|cardiology|oncology|"
    r"haematology|renal|dialysis|paeds|surgery|medicine|admin|"
    r"chaplaincy|mortuary|pathology|microbiology|housekeeping|recovery|resus|majors|minors)\b",
    _I,
)
# Initials: "A.B.", "A. B.", "J.M.K."; after a cue also "AB", "A.B" ("pt AB", "RN C.D").
_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.\s?){1,2}[A-Z]\.)(?![\w])")
_INITIALS_CUED = re.compile(
    r"\b(?:pt|patient|rn|sn|hca|dr|mr|mrs|ms|miss|nurse|sister|fy1|fy2|f1|f2|reg|sho|consultant|"
    r"colleague|staff nurse|student|porter|baby|mum|dad|infant|child)\.?\s+"
    r"((?:[A-Za-z]\.\s?){1,2}[A-Za-z]\.?|(?-i:[A-Z]{2,3}))(?![\w])",
    _I,
)
_NOT_INITIALS = _words(
    "UK US USA EU UN NB PS AM PM IV IM SC PO PR PV OK TV GP ED ER OR ICU ITU HDU RN SN DR MR "
    "MS ID IT HR OH OT NHS RIP DNR BP MI PE CT MRI ECG EEG ENT AE TO AT ON IN IS BE NO SO GO"
)
_MAX_NAME_WORDS = 4
_FULL_MONTHS = frozenset(_MONTHS_LONG.split("|"))
_MONTH_WORDS = frozenset(_MONTHS_LONG.split("|")) | frozenset(_MONTHS_SHORT.split("|"))
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def _joins(t: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens can be parts of one name: "Anna Smith", "J. Smith", not "Anna. Dr"."""
    between = t[left.end : right.start]
    if between in (" ", "  ", "-"):
        return True
    return between in (".", ". ") and len(left.word) == 1


def _merge(tokens: list[_Token], flags: list[bool], kind: str, t: str) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and j + 1 - i < _MAX_NAME_WORDS
            and flags[j + 1]
            and _joins(t, tokens[j], tokens[j + 1])
        ):
            j += 1  # a name is at most _MAX_NAME_WORDS words; a longer run is several findings
        spans.append((kind, tokens[i].start, tokens[j].end))
        i = j + 1
    return spans


def _trim(t: str, a: int, b: int) -> tuple[int, int]:
    while b > a and t[b - 1] in " .,;:!?)]}'\"-\n\t":
        if t[b - 1] == ")" and "(" in t[a:b]:
            break
        b -= 1
    while a < b and t[a] in " \n\t":
        a += 1
    return a, b


def _inside(found: list[_Span], kind: str, a: int, b: int) -> bool:
    return any(k == kind and fa < b and a < fa_end for k, fa, fa_end in found)


def _month_word_ok(s: str) -> bool:
    # "may" and "march" are ordinary words in lower case ("may 2 staff attend", "march 5 km").
    head = re.match(r"[A-Za-z]+", s)
    words = re.findall(r"[A-Za-z]+", s)
    month = next((w for w in words if w.lower().rstrip(".") in _MONTH_WORDS), "")
    if month.lower() in ("may", "march", "mar") and not month[0].isupper():
        # "19th may", "may 7th", "the second of march" are dates; "may 2 staff attend" is not
        return re.search(r"\d(?:st|nd|rd|th)\b|^\d{1,2}\s+(?:of\s+)?[A-Za-z]|\d{4}", s) is not None
    return head is not None or bool(month)


def _numeric_date_ok(t: str, m: re.Match[str]) -> bool:
    s = m.group()
    parts = [int(p) for p in re.split(r"[/.-]", s) if p]
    if len(parts) == 3:
        if len(re.split(r"[/.-]", s)[0]) == 4:
            return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
        a, b = parts[0], parts[1]
        if "." in s and len(re.split(r"[/.-]", s)[2]) == 2 and a > 12 and b > 12:
            return False
        return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)
    a, b = parts[0], parts[1]
    if s in ("24/7", "24/7/365") or (a, b) in _FRACTIONS:
        return False  # "24/7" and halves, thirds and quarters are not dates
    if not ((1 <= a <= 12 and 1 <= b <= 31) or (1 <= a <= 31 and 1 <= b <= 12)):
        return False
    if _SCORE_AFTER.match(t, m.end()):
        return False
    return _SCORE_BEFORE.search(t[max(0, m.start() - 30) : m.start()]) is None


_FRACTIONS = frozenset({(1, 2), (1, 3), (2, 3), (1, 4), (3, 4)})


def _grouped_number_ok(m: re.Match[str]) -> bool:
    if re.fullmatch(r"\d{5}-\d{4}", m.group()):
        return False  # a US ZIP+4 code: reported as an address
    groups = re.findall(r"\d+", m.group())
    digits = sum(len(g) for g in groups)
    if digits < 7:
        return False
    # Shift times and year ranges ("0700-1930", "2023 - 2024") are not identifiers.
    return not ("-" in m.group() and len(groups) == 2 and all(_time_or_year(g) for g in groups))


def _time_or_year(group: str) -> bool:
    if len(group) != 4:
        return False
    value = int(group)
    return (value // 100 <= 24 and value % 100 < 60) or 1900 <= value <= 2099


# Which finding hides another that lies inside it: the stronger, more specific kind wins.
_PRIORITY = {
    "email": 0,
    "url": 1,
    "ssn": 2,
    "mrn": 3,
    "phone": 4,
    "date": 5,
    "long_number": 6,
    "address": 7,
    "age_over_89": 8,
    "id_label": 9,
    "roster_name": 10,
    "person_name": 11,
}
# Kinds that may sit inside another finding and still be reported (a label next to its number).
_KEEP_INSIDE = frozenset({"id_label"})


def _hides(strong: _Span, weak: _Span) -> bool:
    """Whether the already kept finding `strong` makes `weak` redundant."""
    k2, a2, b2 = strong
    kind, a, b = weak
    inside = a2 <= a and b <= b2
    if k2 == kind:
        return inside
    if kind in _KEEP_INSIDE or _PRIORITY[k2] >= _PRIORITY[kind] or not (a < b2 and a2 < b):
        return False
    if kind in BLOCKING and k2 not in BLOCKING:
        # a blocking number overlapping a date or an address still blocks if it reaches beyond
        return inside
    if kind == "person_name" and k2 in ("address", "date", "age_over_89"):
        return inside
    return True  # a name inside an email, a number inside a phone number


def _resolve(found: list[_Span]) -> list[_Span]:
    ordered = sorted(set(found), key=lambda s: (_PRIORITY[s[0]], s[1], -s[2]))
    kept: list[_Span] = []
    # kept spans by 32-character bucket, so that a long pasted text stays linear
    buckets: dict[int, list[_Span]] = {}
    for kind, a, b in ordered:
        nearby = {s for q in range(a // 32, (b - 1) // 32 + 1) for s in buckets.get(q, ())}
        if not any(_hides((k2, a2, b2), (kind, a, b)) for k2, a2, b2 in nearby):
            kept.append((kind, a, b))
            for q in range(a // 32, (b - 1) // 32 + 1):
                buckets.setdefault(q, []).append((kind, a, b))
    # A roster name also found as a person name is reported once, as the roster name.
    rosters = [(a, b) for k, a, b in kept if k == "roster_name"]
    return [
        s
        for s in kept
        if not (s[0] == "person_name" and any(a < s[2] and s[1] < b for a, b in rosters))
    ]


@lru_cache(maxsize=1)
def _default_guard() -> IdentifierGuard:
    return IdentifierGuard()


def check(text: str, roster: Iterable[str] = ()) -> GuardResult:
    """Check `text`; the name lists load once, on first use."""
    roster = tuple(roster)
    guard = IdentifierGuard(roster) if roster else _default_guard()
    return guard.check(text)
