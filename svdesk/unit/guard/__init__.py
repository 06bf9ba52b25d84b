"""The identifier guard: finds identifiers of patients or staff in the short free-text note.

Pure and Qt-free. Matching runs on a normalised copy of the note (`text`); every finding is
reported in offsets of the ORIGINAL text. Modules: `core` (kinds, findings, verdict, overlaps),
`patterns` (every kind but names), `names` (person and roster names) with `namewords` (its
vocabulary), `wordnames` (names that are also words) and `context` (names from the subject or
object position), `lexicon` (word and name lists), `explain` (what each kind is and how to
rephrase it).
"""

from __future__ import annotations

from svdesk.unit.guard.core import (
    BLOCKING,
    KINDS,
    MAX_NOTE_CHARS,
    Finding,
    GuardResult,
    IdentifierGuard,
    check,
    load_lists,
)
from svdesk.unit.guard.explain import EXPLANATIONS, Explanation, explain

__all__ = [
    "BLOCKING",
    "EXPLANATIONS",
    "KINDS",
    "MAX_NOTE_CHARS",
    "Explanation",
    "Finding",
    "GuardResult",
    "IdentifierGuard",
    "check",
    "explain",
    "load_lists",
]
