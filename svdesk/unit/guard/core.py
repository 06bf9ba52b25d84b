"""The guard itself: kinds and severities (data-dictionary section 3), findings, the verdict, and
which of two overlapping findings is reported."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from svdesk.unit.guard.explain import EXPLANATIONS
from svdesk.unit.guard.lexicon import _fold, _name_data
from svdesk.unit.guard.names import find_names
from svdesk.unit.guard.namewords import _TITLES, _WORD
from svdesk.unit.guard.patterns import _I, _public_numbers, find_patterns
from svdesk.unit.guard.phrases import phrase_words
from svdesk.unit.guard.places import _places
from svdesk.unit.guard.text import _normalise, _Span

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
        found = find_patterns(t)
        found.extend(find_names(t, self._roster_tokens, self._roster_full))
        return _resolve(found)


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


def load_lists() -> None:
    """Load the word, name, place and phrase lists now instead of at the first check (about
    150 ms): the note editor has the worker do it, so its first keystroke does not wait."""
    _name_data()
    _places()
    phrase_words()
    _public_numbers()
