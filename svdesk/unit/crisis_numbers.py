"""The crisis numbers: which services the crisis screen shows, in what order, and the snapshot of
them that the locked crisis screen reads — plus the phone-number check they share with the
unit directory (`svdesk.unit.directory`, which writes the snapshot whenever an entry is saved).

The crisis screen must show the unit's numbers while svdesk is locked, when the encrypted store
cannot be read. So a copy of just the code, label and phone number of each directory entry that
has a number is kept in `crisis-numbers.json` in the data folder (0600, written atomically).
These are the hospital's service numbers (emergency team, crisis line, on-call psychology, …),
not personal or patient data; the unit's free-text details, the roster and everything else stay
in the encrypted store only. A missing or damaged copy reads as no numbers. No database code
here: the locked crisis screen loads this module alone.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Final, NamedTuple, Protocol

from svdesk.content.hours import parse_hours
from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content
from svdesk.errors import InvalidInput
from svdesk.storage.paths import atomic_write

__all__ = [
    "CRISIS_ORDER",
    "CRISIS_SNAPSHOT_NAME",
    "PHONE_MAX",
    "REQUIRED_CRISIS_CODES",
    "CrisisNumber",
    "crisis_numbers",
    "missing_crisis_numbers",
    "normalise_phone",
    "read_crisis_snapshot",
    "unset_fallback",
    "write_crisis_snapshot",
]

PHONE_MAX: Final = 40
# Digits, spaces, + - ( ) and an extension ("ext 123", "ext. 123", "x123"), or an internal
# extension alone ("x1234").
_PHONE: Final = re.compile(
    r"^(?=.*[0-9])(?:\+?[0-9 ()\-]*[0-9][0-9 ()\-]*)?(?:\s*(?:ext\.?|x)\s*[0-9]+)?$", re.I
)

# The numbers the crisis screen shows, most urgent first.
CRISIS_ORDER: Final = (
    "emergency", "crisis_line", "psychology", "occupational_health", "eap", "chaplain",
)  # fmt: skip
# The numbers a unit must set before its crisis screen is complete (the admin is asked until then).
REQUIRED_CRISIS_CODES: Final = ("emergency", "crisis_line")
_FALLBACKS_FILE: Final = ("directory", "fallbacks.toml")
CRISIS_SNAPSHOT_NAME: Final = "crisis-numbers.json"
_SNAPSHOT_VERSION: Final = 1
_SNAPSHOT_MAX_BYTES: Final = 16_384  # six short entries; anything bigger is not ours
_LABEL_MAX: Final = 100


class CrisisNumber(NamedTuple):
    """One number of the crisis snapshot: what the locked crisis screen may show."""

    code: str
    label: str
    phone: str
    # Opening hours (svdesk.content.hours) and the code of the entry to call while closed, so
    # the locked screen can say what is open now (issue 15, item 3); "" / None: not set.
    hours: str = ""
    after_hours: str | None = None


class NumberedEntry(Protocol):
    """A directory entry or a crisis number: what a snapshot is made from."""

    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def phone(self) -> str | None: ...


def normalise_phone(text: str) -> str | None:
    """A phone number as the unit typed it, trimmed; None for empty; InvalidInput if not one."""
    # Full-width digits and odd spaces pasted from other programs become plain ones.
    phone = " ".join(unicodedata.normalize("NFKC", text).split())
    if not phone:
        return None
    if len(phone) > PHONE_MAX or not _PHONE.match(phone):
        raise InvalidInput(
            f"{phone!r} is not a phone number; use digits, spaces, +, -, ( ) and an optional "
            'extension like "ext 1234".'
        )
    return phone


def crisis_numbers(entries: Iterable[NumberedEntry]) -> list[CrisisNumber]:
    """The entries that have a number, as crisis numbers in `CRISIS_ORDER` (others dropped)."""
    by_code = {e.code: e for e in entries if e.phone and e.code in CRISIS_ORDER}
    return [
        CrisisNumber(
            code=code,
            label=by_code[code].label,
            phone=str(by_code[code].phone),
            hours=str(getattr(by_code[code], "hours", "") or ""),
            after_hours=getattr(by_code[code], "after_hours", None),
        )
        for code in CRISIS_ORDER
        if code in by_code
    ]


def missing_crisis_numbers(entries: Iterable[NumberedEntry]) -> list[str]:
    """The codes of `REQUIRED_CRISIS_CODES` that have no number among `entries`, in order."""
    have = {e.code for e in entries if e.phone}
    return [code for code in REQUIRED_CRISIS_CODES if code not in have]


@cache
def _fallbacks(language: str = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    text, _source = bundled_content(*_FALLBACKS_FILE, language)
    raw = tomllib.loads(text).get("fallbacks", {})
    return {str(k): str(v) for k, v in raw.items() if isinstance(v, str) and v.strip()}


def unset_fallback(code: str, language: str = DEFAULT_LANGUAGE) -> str | None:
    """What to dial when the unit has not set `code` (resources/directory/fallbacks.toml, or its
    translation in `language`: fallbacks.es.toml)."""
    return _fallbacks(language).get(code)


def _snapshot_bytes(numbers: list[CrisisNumber]) -> bytes:
    data = {
        "version": _SNAPSHOT_VERSION,
        "numbers": [
            {"code": n.code, "label": n.label, "phone": n.phone}
            | ({"hours": n.hours} if n.hours else {})
            | ({"after_hours": n.after_hours} if n.after_hours else {})
            for n in numbers
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_crisis_snapshot(home: Path, entries: Iterable[NumberedEntry]) -> bool:
    """Keep code, label and phone of the crisis entries with a number in `home`'s snapshot.

    Returns False when the file already held exactly that (nothing written). Raises
    `WriteFailed` when it cannot be written.
    """
    path = home / CRISIS_SNAPSHOT_NAME
    data = _snapshot_bytes(crisis_numbers(entries))
    try:
        private = os.name != "posix" or path.stat().st_mode & 0o077 == 0
        if private and path.read_bytes() == data:
            return False
    except OSError:
        pass  # missing or unreadable: write it
    atomic_write(path, data)
    return True


def read_crisis_snapshot(home: Path) -> list[CrisisNumber]:
    """The crisis numbers saved in `home`, in `CRISIS_ORDER`; [] when the file is missing or
    damaged (never raises: the locked crisis screen shows a plain sentence instead)."""
    try:
        with (home / CRISIS_SNAPSHOT_NAME).open("rb") as file:
            raw = file.read(_SNAPSHOT_MAX_BYTES + 1)
        if len(raw) > _SNAPSHOT_MAX_BYTES:
            return []
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return []
    if not isinstance(data, dict) or data.get("version") != _SNAPSHOT_VERSION:
        return []
    items = data.get("numbers")
    if not isinstance(items, list):
        return []
    numbers: list[CrisisNumber] = []
    for item in items:
        number = _snapshot_number(item)
        if number is not None:
            numbers.append(number)
    return crisis_numbers(numbers)


def _snapshot_number(item: object) -> CrisisNumber | None:
    """One saved number if it is well formed (an entry that is not is left out)."""
    if not isinstance(item, dict):
        return None
    code, label, phone = item.get("code"), item.get("label"), item.get("phone")
    if not (isinstance(code, str) and isinstance(label, str) and isinstance(phone, str)):
        return None
    label = " ".join(label.split())
    if code not in CRISIS_ORDER or not label or len(label) > _LABEL_MAX:
        return None
    try:
        clean = normalise_phone(phone)
    except InvalidInput:
        return None
    if clean is None:
        return None
    # Hours that do not parse, or an alternative that is no crisis entry, are left out: the
    # number still shows, only without "open now".
    hours = item.get("hours")
    try:
        kept = hours if isinstance(hours, str) and parse_hours(hours) is not None else ""
    except InvalidInput:
        kept = ""
    after = item.get("after_hours")
    alternative = after if isinstance(after, str) and after in CRISIS_ORDER else None
    return CrisisNumber(code=code, label=label, phone=clean, hours=kept, after_hours=alternative)
