"""The unit's resource directory (EAP, chaplain, crisis line, … with the unit's own numbers) and
the staff roster the identifier guard checks notes against. Both are edited by the unit admin.

The crisis snapshot: the crisis screen must show the unit's numbers while svdesk is locked, when
the encrypted store cannot be read. So a copy of just the code, label and phone number of each
directory entry that has a number is kept in `crisis-numbers.json` in the data folder (0600,
written atomically). These are the hospital's service numbers (emergency team, crisis line,
on-call psychology, …), not personal or patient data; the unit's free-text details, the roster
and everything else stay in the encrypted store only. The copy is rewritten whenever a directory
entry is saved and refreshed after each unlock; a missing or damaged copy reads as no numbers.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, NamedTuple

from svdesk.cards import load_directory_defaults
from svdesk.errors import InvalidInput, SvdeskError
from svdesk.paths import atomic_write
from svdesk.records import UnitContext, require_admin, write_transaction

__all__ = [
    "CRISIS_ORDER",
    "CRISIS_SNAPSHOT_NAME",
    "CrisisNumber",
    "DirectoryEntry",
    "crisis_numbers",
    "default_directory",
    "directory",
    "normalise_phone",
    "read_crisis_snapshot",
    "refresh_crisis_snapshot",
    "roster",
    "set_directory_entry",
    "set_roster",
    "write_crisis_snapshot",
]

PHONE_MAX: Final = 40
DETAIL_MAX: Final = 200
ROSTER_NAME_MAX: Final = 100
# Digits, spaces, + - ( ) and an extension ("ext 123", "ext. 123", "x123"), or an internal
# extension alone ("x1234").
_PHONE: Final = re.compile(
    r"^(?=.*[0-9])(?:\+?[0-9 ()\-]*[0-9][0-9 ()\-]*)?(?:\s*(?:ext\.?|x)\s*[0-9]+)?$", re.I
)

# The numbers the crisis screen shows, most urgent first.
CRISIS_ORDER: Final = (
    "emergency", "crisis_line", "psychology", "occupational_health", "eap", "chaplain",
)  # fmt: skip
CRISIS_SNAPSHOT_NAME: Final = "crisis-numbers.json"
_SNAPSHOT_VERSION: Final = 1
_SNAPSHOT_MAX_BYTES: Final = 16_384  # six short entries; anything bigger is not ours
_LABEL_MAX: Final = 100
# The store file's name in the data folder (svdesk.store.DB_NAME; not imported: that module
# loads SQLCipher, which the locked crisis screen does not need).
_DB_NAME: Final = "svdesk.db"


@dataclass(frozen=True)
class DirectoryEntry:
    """One service of the unit directory as the unit has set it up."""

    code: str
    label: str
    phone: str | None  # None: not set yet (the UI shows "not set")
    detail: str | None  # the unit's own note, e.g. "ask for the on-call psychologist"
    description: str = ""  # what the service is for (from the defaults)
    hours: str = ""
    referral_target: str | None = None


class CrisisNumber(NamedTuple):
    """One number of the crisis snapshot: what the locked crisis screen may show."""

    code: str
    label: str
    phone: str


def default_directory() -> tuple[DirectoryEntry, ...]:
    """The bundled directory entries, in display order, without the unit's numbers."""
    return tuple(
        DirectoryEntry(
            code=e.id,
            label=e.label,
            phone=e.number,
            detail=None,
            description=e.description,
            hours=e.hours,
            referral_target=e.referral_target,
        )
        for e in load_directory_defaults()
    )


def directory(ctx: UnitContext) -> list[DirectoryEntry]:
    """The defaults merged with the unit's saved numbers and details."""
    saved = {
        row["code"]: row
        for row in ctx.db.query("SELECT code, phone, detail FROM resource_directory")
    }
    return [
        replace(entry, phone=saved[entry.code]["phone"], detail=saved[entry.code]["detail"])
        if entry.code in saved
        else entry
        for entry in default_directory()
    ]


def normalise_phone(text: str) -> str | None:
    """A phone number as the unit typed it, trimmed; None for empty; InvalidInput if not one."""
    # Full-width digits and odd spaces pasted from other programs become plain ones.
    phone = " ".join(unicodedata.normalize("NFKC", text).split())
    if not phone:
        return None
    if len(phone) > PHONE_MAX or not _PHONE.match(phone):
        raise InvalidInput(
            f"{phone!r} is not a phone number; use digits, spaces, +, -, ( ) and an optional "
            "extension like \"ext 1234\"."
        )
    return phone


def set_directory_entry(
    ctx: UnitContext, code: str, phone: str | None, detail: str | None = None
) -> DirectoryEntry:
    """Save the unit's number (and a short detail, e.g. "on-call, 24/7") for a directory entry."""
    require_admin(ctx, "change the resource directory")
    defaults = {e.code: e for e in default_directory()}
    if code not in defaults:
        raise InvalidInput(
            f"Unknown directory entry {code!r}; use one of {', '.join(defaults)}."
        )
    clean_phone = normalise_phone(phone or "")
    clean_detail = " ".join((detail or "").split()) or None
    if clean_detail is not None and len(clean_detail) > DETAIL_MAX:
        raise InvalidInput(
            f"The detail is {len(clean_detail)} characters long; shorten it to {DETAIL_MAX}."
        )
    with write_transaction(ctx):
        ctx.db.execute(
            "INSERT INTO resource_directory (code, label, phone, detail, sort) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET "
            "phone = excluded.phone, detail = excluded.detail",
            [code, defaults[code].label, clean_phone, clean_detail,
             list(defaults).index(code)],
        )  # fmt: skip
        ctx.audit(
            "directory_changed",
            {"code": code, "phone_set": clean_phone is not None},
        )
        # Inside the transaction so that the copy shows what this save makes of the directory.
        # Inside an outer transaction that later rolls back, the copy is one save ahead of the
        # store until the next save or unlock refreshes it.
        _refresh_quietly(ctx)
    return replace(defaults[code], phone=clean_phone, detail=clean_detail)


def crisis_numbers(entries: Iterable[DirectoryEntry | CrisisNumber]) -> list[CrisisNumber]:
    """The entries that have a number, as crisis numbers in `CRISIS_ORDER` (others dropped)."""
    by_code = {e.code: e for e in entries if e.phone and e.code in CRISIS_ORDER}
    return [
        CrisisNumber(code=code, label=by_code[code].label, phone=str(by_code[code].phone))
        for code in CRISIS_ORDER
        if code in by_code
    ]


def _snapshot_bytes(numbers: list[CrisisNumber]) -> bytes:
    data = {
        "version": _SNAPSHOT_VERSION,
        "numbers": [{"code": n.code, "label": n.label, "phone": n.phone} for n in numbers],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_crisis_snapshot(home: Path, entries: Iterable[DirectoryEntry | CrisisNumber]) -> bool:
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
    return None if clean is None else CrisisNumber(code=code, label=label, phone=clean)


def refresh_crisis_snapshot(ctx: UnitContext, home: Path | None = None) -> bool:
    """Rewrite the snapshot from the unit's directory (after an unlock, so that stores made
    before the snapshot existed get one). `home` defaults to the store file's folder; without
    either (an in-memory or test database) nothing is written. Returns whether it wrote."""
    folder = home if home is not None else _store_home(ctx)
    if folder is None:
        return False
    return write_crisis_snapshot(folder, directory(ctx))


def _refresh_quietly(ctx: UnitContext) -> None:
    # The directory itself was saved; a copy that cannot be written now is retried at the next
    # save or unlock rather than undoing the admin's change.
    with contextlib.suppress(SvdeskError):
        refresh_crisis_snapshot(ctx)


def _store_home(ctx: UnitContext) -> Path | None:
    """The data folder of the store `ctx` works on: the folder of its `svdesk.db` file."""
    for row in ctx.db.execute("PRAGMA database_list").fetchall():
        if row[1] == "main" and row[2]:
            path = Path(row[2])
            return path.parent if path.name == _DB_NAME else None
    return None


def roster(ctx: UnitContext) -> list[str]:
    """The unit's staff names (for the identifier guard only), in alphabetical order."""
    return [r["name"] for r in ctx.db.query("SELECT name FROM roster ORDER BY name COLLATE NOCASE")]


def set_roster(ctx: UnitContext, names: Iterable[str]) -> list[str]:
    """Replace the roster; names are trimmed, blank lines dropped, duplicates kept once."""
    require_admin(ctx, "change the staff roster")
    clean: dict[str, str] = {}
    for name in names:
        text = " ".join(unicodedata.normalize("NFC", name).split())
        if not text:
            continue
        if len(text) > ROSTER_NAME_MAX:
            raise InvalidInput(
                f"A roster name is {len(text)} characters long; names are at most "
                f"{ROSTER_NAME_MAX}. Put one name per line."
            )
        clean.setdefault(text.casefold(), text)
    with write_transaction(ctx):
        ctx.db.execute("DELETE FROM roster")
        for text in clean.values():
            ctx.db.execute(
                "INSERT INTO roster (id, name) VALUES (?, ?)", [str(uuid.uuid4()), text]
            )
        # The audit log keeps counts, never names.
        ctx.audit("roster_changed", {"names": len(clean)})
    return roster(ctx)
