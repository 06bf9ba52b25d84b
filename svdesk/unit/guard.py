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

    def to_json(self) -> dict[str, object]:
        """The `guard check` JSON of cli.md (the matched text is deliberately left out)."""
        return {
            "verdict": self.verdict,
            "findings": [
                {"kind": f.kind, "severity": f.severity, "start": f.start, "end": f.end}
                for f in self.findings
            ],
        }


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


@dataclass(frozen=True)
class _NameData:
    first: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]  # ordinary lower-case words (endings stripped, see english_words.txt)
    not_names: frozenset[str]  # never a name without a cue

    def is_english(self, word: str) -> bool:
        """Whether `word` (lower case) is an ordinary English word, e.g. "grace", "walked"."""
        if word in self.english:
            return True
        return any(
            stem in self.english or any(s2 in self.english for s2 in _stems(stem))
            for stem in _stems(word)
        )

    def listed(self, word: str) -> bool:
        return word in self.first or word in self.surnames


_NAME_LINE = re.compile(r"[^\W\d_]+(?:['\- ][^\W\d_]+)*")


def _load_word_list(name: str) -> frozenset[str]:
    text = read_text("names", name)
    words: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not _NAME_LINE.fullmatch(line):
            raise ValidationError(
                f"resources/names/{name} line {lineno}: {line!r} is not a word or name; "
                "use letters, apostrophes, hyphens or spaces only.",
                [(f"resources/names/{name}:{lineno}", "not a word or name")],
            )
        words.add(unicodedata.normalize("NFKC", line).lower())
    if not words:
        raise ValidationError(f"resources/names/{name} is empty; restore it from the release.")
    return frozenset(words)


@lru_cache(maxsize=1)
def _name_data() -> _NameData:
    return _NameData(
        first=_load_word_list("first_names.txt"),
        surnames=_load_word_list("surnames.txt"),
        english=_load_word_list("english_words.txt"),
        not_names=_load_word_list("not_names.txt"),
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
    + r"|\b(?:ext|extn|extension|bleep|pager|tel|telephone|phone|mobile|cell|mob)\.?\s*"
    r"(?:no\.?|number|#|:)?\s*\d{3,6}(?!\d)(?![ .-]\d)",
    _I,
)
_SSN = re.compile(
    r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"
    r"|(?<![\w-])\d{3} \d{2} \d{4}(?![\w-])"
    # UK National Insurance number
    r"|\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
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
_ID_LABEL = re.compile(
    r"\b(?:" + _MRN_LABEL + r")(?![A-Za-z])"
    r"|\bD\.? ?O\.? ?B\b\.?|\bdate of birth\b|\bbirth ?date\b|\bd\.o\.b\b"
    r"|\b(?:bed|room|bay|cubicle|cubical|bedspace|bed space|side ?room)\s*(?:no\.?|number|#)?"
    r"\s*\d{1,4}[A-Za-z]?\b"
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
    r"|\b(?:ninety|a hundred|one hundred)(?:[\s-](?:one|two|three|four|five|six|seven|eight|"
    r"nine))?(?:[\s-](?:year|yr)s?[\s-]old|\s+years\s+of\s+age)"
    r"|\baged (?:ninety|a hundred|one hundred)(?:[\s-](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?\b"
    r"|\b(?:nonagenarian|centenarian|supercentenarian)s?\b"
    r"|\bin (?:his|her|their) (?:late |mid |early )?(?:90s|nineties|hundreds)\b",
    _I,
)
_AGE_CASED = re.compile(r"\b(?:9\d|1[01]\d)\s?(?:M|F)\b")
_STREET_SUFFIX = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Close|"
    r"Crescent|Cres|Place|Pl|Terrace|Way|Gardens|Grove|Square|Sq|Parkway|Pkwy|Highway|Hwy|Row|"
    r"Mews|Walk|Circle|Cir|Trail|Terr"
)
_ADDRESS = re.compile(
    r"(?<![\w.])\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'-]+\s+){1,3}(?:" + _STREET_SUFFIX + r")\b\.?"
    r"|(?<![\w])(?:[A-Z][a-z'-]+\s+){1,2}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Crescent|"
    r"Terrace|Gardens|Mews|Parkway)\b"
    r"|\bP\.? ?O\.? ?Box\s*\d+"
    r"|\b(?:Flat|Apt|Apartment|Suite)\.?\s*#?\s*\d+[A-Za-z]?\b"
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
_CUES = frozenset({"patient", "pt", "called", "named", "name", "aka", "surname", "nee", "née"})
_AFTER_TITLE_STOP = _words("on call the of and in at to for a an who was is said team in-charge")
_SENTENCE_END = ".!?:;\n\r\t•*>|"


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
        """The word to look up: lower case, without a possessive ("Okafor's" -> "okafor")."""
        low = self.word.lower()
        return low[:-2] if low.endswith("'s") and len(low) > 3 else low

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
            self._roster_tokens.update(w.lower() for w in words if len(w) >= 2)

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

        def gap(i: int) -> str:  # the text between token i-1 and token i
            return t[tokens[i - 1].end : tokens[i].start]

        for i, tok in enumerate(tokens):
            key = tok.key
            listed = data.listed(key)
            english = data.is_english(key)
            stop = key in data.not_names
            initial = _sentence_initial(t, tok.start)
            prev = tokens[i - 1] if i > 0 else None
            nxt = tokens[i + 1] if i + 1 < n else None
            next_key = nxt.key if nxt is not None and _plain_gap(t, tok, nxt) else ""
            title_cue = (
                prev is not None
                and prev.lower in _TITLES
                and re.fullmatch(r"\.?\s{1,3}|\.", gap(i)) is not None
                and (prev.capitalised or prev.lower not in _TITLES_CASE_SENSITIVE)
                # "MS Teams" is not a title; "MRS JONES" in capitals is
                and (not prev.all_caps or tok.all_caps)
            )
            word_cue = (
                prev is not None
                and prev.lower in _CUES
                and re.fullmatch(r"\s{1,3}|\s*[:#]\s*|,\s", gap(i)) is not None
            )
            if key in _TITLES and not tok.all_caps:
                continue
            if title_cue and key not in _AFTER_TITLE_STOP:
                person[i] = tok.capitalised or (listed and not stop and not english)
            elif word_cue and key not in _AFTER_TITLE_STOP and len(key) >= 2:
                # "patient Erdman", "named Hope", "called anna"
                person[i] = (tok.capitalised and not tok.all_caps) or (
                    listed and not stop and not english
                )
            elif tok.all_caps:
                person[i] = len(key) >= 4 and listed and not english and not stop
            elif tok.capitalised:
                if key in _FULL_MONTHS or key in _WEEKDAYS:
                    pass  # "Jan" may be a person; "June" in a note is the month
                elif stop:
                    # "how Dawn was spoken to": a first name used as a subject
                    person[i] = (
                        key in data.first
                        and key not in _PLACE_WORDS
                        and next_key in _PERSON_VERBS
                        and not initial
                    )
                elif initial:
                    # "Anna was upset", "Lee was upset" yes; "Young colleague", "Security called",
                    # "Rest advised" no
                    person[i] = (not english and listed) or (
                        len(key) >= 3 and next_key in _PERSON_VERBS and (listed or not english)
                    )
                elif listed:
                    # mid-sentence capital: a name, unless part of a title-case phrase
                    # ("Root Cause Analysis") made of ordinary words
                    person[i] = not english or not _in_title_phrase(tokens, i, t, data)
                else:
                    # an unknown capitalised word where a person usually stands
                    person[i] = (
                        not english
                        and len(key) >= 3
                        and (
                            (prev is not None and prev.key in _NAME_BEFORE)
                            or next_key in _PERSON_VERBS
                        )
                        and not (
                            nxt is not None
                            and nxt.capitalised
                            and _plain_gap(t, tok, nxt)
                            and data.is_english(nxt.key)
                            and not data.listed(nxt.key)
                        )
                    )
            else:
                person[i] = (
                    not stop
                    and not english
                    and (
                        (key in data.first and len(key) >= 4)
                        or (key in data.surnames and len(key) >= 5)
                    )
                )

            if person[i] and not title_cue and not word_cue and next_key in _EPONYM_NEXT:
                person[i] = False  # "Schwartz Rounds", "Parkinson's disease", "Glasgow score"

            if self._roster_tokens and key in self._roster_tokens:
                if tok.capitalised:
                    roster[i] = (
                        (not stop and not (initial and english))
                        or (stop and not initial)
                        or next_key in _PERSON_VERBS
                    )
                else:
                    roster[i] = not stop and not english and len(key) >= 4

        # A first name followed by a capitalised surname is a name even if either is a word
        # on its own ("Grace Okafor", "Will Turner").
        for i in range(1, n):
            a, b = tokens[i - 1], tokens[i]
            if not re.fullmatch(r" {1,2}", gap(i)) or not (a.capitalised and b.capitalised):
                continue
            if a.all_caps or b.all_caps:
                continue
            surname_like = b.key in data.surnames or (
                not data.is_english(b.key) and len(b.key) >= 3
            )
            if (
                a.key in data.first
                and surname_like
                and b.key not in data.not_names
                and a.key not in _MONTH_WORDS
                and a.key not in _WEEKDAYS
            ):
                person[i - 1] = person[i] = True

        # Spread from a flagged token to capitalised neighbours that look like more of the name
        # ("Anna Okonkwo-Bello", "Mary Anne Smith"), to at most _MAX_NAME_WORDS words: one sweep
        # rightwards, one leftwards, so that a long run of capitals stays linear.
        run = [0] * n
        for i in range(n):
            joined = i > 0 and _joins(t, tokens[i - 1], tokens[i])
            if person[i]:
                run[i] = run[i - 1] + 1 if joined and person[i - 1] else 1
            elif (
                joined
                and person[i - 1]
                and run[i - 1] < _MAX_NAME_WORDS
                and self._continues_name(tokens[i], data)
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
                and self._precedes_name(t, tokens[i], data)
            ):
                person[i] = True
                run[i] = run[i + 1] + 1

        spans: list[_Span] = []
        spans.extend(_merge(tokens, person, "person_name", t))
        spans.extend(_merge(tokens, roster, "roster_name", t))
        for pattern in self._roster_full:
            for m in pattern.finditer(t):
                spans.append(("roster_name", m.start(), m.end()))
        return spans

    @staticmethod
    def _continues_name(tok: _Token, data: _NameData) -> bool:
        if not tok.capitalised or tok.all_caps or tok.lower in _AFTER_TITLE_STOP:
            return False
        if tok.lower in _MONTH_WORDS or tok.lower in _WEEKDAYS:
            return False
        if tok.key in data.not_names:
            return tok.key in data.surnames and tok.key not in _PLACE_WORDS
        return True

    @staticmethod
    def _precedes_name(t: str, tok: _Token, data: _NameData) -> bool:
        if not tok.capitalised or tok.all_caps or tok.lower in _TITLES:
            return False
        if tok.lower in _MONTH_WORDS or tok.lower in _WEEKDAYS or tok.lower in _PLACE_WORDS:
            return False
        if tok.key in data.first:
            return True
        return not _sentence_initial(t, tok.start) and tok.lower not in data.not_names


def _plain_gap(t: str, a: _Token, b: _Token) -> bool:
    return t[a.end : b.start] in (" ", "  ")


def _in_title_phrase(tokens: list[_Token], i: int, t: str, data: _NameData) -> bool:
    """Whether token i stands in a run of capitalised ordinary words ("Root Cause Analysis")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            a, b = (tokens[j], tokens[i]) if j < i else (tokens[i], tokens[j])
            other = tokens[j]
            if (
                _plain_gap(t, a, b)
                and other.capitalised
                and not data.listed(other.key)
                and (data.is_english(other.key) or other.all_caps)
                and not _sentence_initial(t, other.start)
            ):
                return True
    return False


# Words after which a capitalised unknown word is probably a person ("spoke with Okonkwo").
_NAME_BEFORE = _words(
    "with to about that and from by for told asked saw thanked blamed how when if whether said "
    "tell nursed supported visited met phoned rang emailed texted like than of between including "
    "whom against mentor buddy colleague husband wife partner son daughter mother father was is"
)
# Words that usually follow a person as the subject ("Okonkwo was upset").
_PERSON_VERBS = _words(
    "was is had has said says felt feels asked told died complained cried came went seemed "
    "wants wanted will would could did does thinks thought blamed shouted left arrived called"
)
# Words after which a name is an eponym, not a person ("Schwartz Rounds", "Wells score").
_EPONYM_NEXT = _words(
    "rounds round disease syndrome score scale catheter line test sign manoeuvre maneuver "
    "position criteria classification reflex palsy fracture tube needle procedure operation "
    "protocol method model cycle pathway curve formula law ratio effect tool stockings frame mask "
    "bundle chart ward wing building unit centre center hospital lecture award prize"
)
_MAX_NAME_WORDS = 4
_FULL_MONTHS = frozenset(_MONTHS_LONG.split("|"))
_MONTH_WORDS = frozenset(_MONTHS_LONG.split("|")) | frozenset(_MONTHS_SHORT.split("|"))
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
_PLACE_WORDS = _words(
    "ward bay bed unit team hospital trust theatre street road hall house park hill "
    "lane code blue care health clinic"
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
        while j + 1 < n and flags[j + 1] and _joins(t, tokens[j], tokens[j + 1]):
            j += 1
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
        return False
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
