"""The unit's resource directory (EAP, chaplain, crisis line, … with the unit's own numbers) and
the staff roster the identifier guard checks notes against. Both are edited by the unit admin.

The crisis snapshot (`svdesk.unit.crisis_numbers`: the numbers the locked crisis screen shows) is
rewritten whenever a directory entry is saved and refreshed after each unlock.
"""

from __future__ import annotations

import contextlib
import hashlib
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, NamedTuple

from svdesk.content.cards import load_directory_defaults
from svdesk.content.hours import parse_hours
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.errors import InvalidInput, SvdeskError
from svdesk.storage.datadir import DB_NAME
from svdesk.storage.settings import read_setting, write_setting
from svdesk.unit.context import UnitContext, require_admin, write_transaction
from svdesk.unit.crisis_numbers import (
    CRISIS_ORDER,
    CRISIS_SNAPSHOT_NAME,
    CrisisNumber,
    crisis_numbers,
    normalise_phone,
    read_crisis_snapshot,
    write_crisis_snapshot,
)

__all__ = [
    "CRISIS_ORDER",
    "CRISIS_SNAPSHOT_NAME",
    "CrisisNumber",
    "DirectoryEntry",
    "SnapshotRefresh",
    "crisis_numbers",
    "default_directory",
    "directory",
    "normalise_phone",
    "read_crisis_snapshot",
    "refresh_crisis_snapshot",
    "roster",
    "set_directory_entry",
    "set_directory_hours",
    "set_roster",
    "write_crisis_snapshot",
]

DETAIL_MAX: Final = 200
ROSTER_NAME_MAX: Final = 100


@dataclass(frozen=True)
class DirectoryEntry:
    """One service of the unit directory as the unit has set it up."""

    code: str
    label: str
    phone: str | None  # None: not set yet (the UI shows "not set")
    detail: str | None  # the unit's own note, e.g. "ask for the on-call psychologist"
    description: str = ""  # what the service is for (from the defaults)
    hours: str = ""  # weekly opening hours (svdesk.content.hours); "" = not set
    referral_target: str | None = None
    after_hours: str | None = None  # the code of the entry to call while this one is closed


def default_directory(language: str = DEFAULT_LANGUAGE) -> tuple[DirectoryEntry, ...]:
    """The bundled directory entries, in display order, without the unit's numbers; their
    labels and descriptions in `language` (codes, numbers and hours are the same in all)."""
    return tuple(
        DirectoryEntry(
            code=e.id,
            label=e.label,
            phone=e.number,
            detail=None,
            description=e.description,
            hours=e.hours,
            referral_target=e.referral_target,
            after_hours=e.after_hours,
        )
        for e in load_directory_defaults(language=language)
    )


def directory(ctx: UnitContext, language: str = DEFAULT_LANGUAGE) -> list[DirectoryEntry]:
    """The defaults (labels in `language`) merged with the unit's saved numbers, details and
    hours."""
    saved = {
        row["code"]: row
        for row in ctx.db.query(
            "SELECT code, phone, detail, hours, after_hours FROM resource_directory"
        )
    }
    merged = []
    for entry in default_directory(language):
        row = saved.get(entry.code)
        if row is None:
            merged.append(entry)
            continue
        hours = entry.hours if row["hours"] is None else row["hours"]
        after = entry.after_hours if row["after_hours"] is None else (row["after_hours"] or None)
        merged.append(
            replace(entry, phone=row["phone"], detail=row["detail"], hours=hours, after_hours=after)
        )
    return merged


def set_directory_entry(
    ctx: UnitContext, code: str, phone: str | None, detail: str | None = None
) -> DirectoryEntry:
    """Save the unit's number (and a short detail, e.g. "on-call, 24/7") for a directory entry."""
    require_admin(ctx, "change the resource directory")
    defaults = {e.code: e for e in default_directory()}
    if code not in defaults:
        raise InvalidInput(f"Unknown directory entry {code!r}; use one of {', '.join(defaults)}.")
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


def set_directory_hours(
    ctx: UnitContext, changes: Mapping[str, tuple[str, str | None]]
) -> list[DirectoryEntry]:
    """Save the opening hours and after-hours alternative of several entries at once:
    `{code: (hours, after_hours code or None)}`. Every entry is checked first; one that does not
    parse refuses the lot (the message names the entry), so nothing is saved half-way."""
    require_admin(ctx, "change the resource directory")
    current = {e.code: e for e in directory(ctx)}
    clean: dict[str, tuple[str, str]] = {}
    for code, (hours, after) in changes.items():
        entry = current.get(code)
        if entry is None:
            raise InvalidInput(
                f"Unknown directory entry {code!r}; use one of {', '.join(current)}."
            )
        text = " ".join((hours or "").split())
        try:
            parse_hours(text)
        except InvalidInput as exc:
            raise InvalidInput(
                f"The hours of {entry.label} cannot be used: {exc.message} Nothing was saved.",
                title=exc.title,
            ) from exc
        alternative = (after or "").strip()
        if alternative == code:
            raise InvalidInput(
                f"{entry.label} cannot be its own after-hours alternative; choose another "
                "entry, or none."
            )
        if alternative and alternative not in current:
            raise InvalidInput(
                f"The after-hours alternative of {entry.label} is {alternative!r}, which is "
                f"not in the directory; use one of {', '.join(current)}."
            )
        clean[code] = (text, alternative)
    order = list(current)
    with write_transaction(ctx):
        for code, (text, alternative) in clean.items():
            ctx.db.execute(
                "INSERT INTO resource_directory (code, label, phone, detail, sort, hours, "
                "after_hours) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET "
                "hours = excluded.hours, after_hours = excluded.after_hours",
                [code, current[code].label, current[code].phone, current[code].detail,
                 order.index(code), text, alternative],
            )  # fmt: skip
        ctx.audit("directory_hours_changed", {"codes": sorted(clean)})
    return directory(ctx)


# The SHA-256 of the snapshot as svdesk last wrote it, kept in the encrypted store: a file that
# no longer matches was changed (or removed) by something other than svdesk.
SNAPSHOT_HASH_SETTING: Final = "crisis_snapshot.sha256"


class SnapshotRefresh(NamedTuple):
    wrote: bool  # the file was (re)written
    changed_outside: bool  # the file on disk was not what svdesk last wrote (audited)


def refresh_crisis_snapshot(ctx: UnitContext, home: Path | None = None) -> SnapshotRefresh:
    """Rewrite the snapshot from the unit's directory (after each unlock and each directory
    save). `home` defaults to the store file's folder; without either (an in-memory or test
    database) nothing is written.

    The snapshot cannot be signed in a way the locked screen could check against someone on
    the same OS account, so a change is detected afterwards instead: the file is compared with
    the hash recorded at svdesk's last write, and a file edited or removed in between is
    audited and reported (`changed_outside`) before it is rewritten from the store."""
    folder = home if home is not None else _store_home(ctx)
    if folder is None:
        return SnapshotRefresh(False, False)
    path = folder / CRISIS_SNAPSHOT_NAME
    recorded = read_setting(ctx.db, SNAPSHOT_HASH_SETTING)
    on_disk = _file_hash(path)
    changed_outside = isinstance(recorded, str) and on_disk != recorded
    wrote = write_crisis_snapshot(folder, directory(ctx))
    written = _file_hash(path)
    if written != recorded or changed_outside:
        with write_transaction(ctx):
            write_setting(ctx.db, SNAPSHOT_HASH_SETTING, written)
            if changed_outside:
                ctx.audit(
                    "crisis_snapshot_changed_outside",
                    {"file": CRISIS_SNAPSHOT_NAME, "removed": on_disk is None},
                )
    return SnapshotRefresh(wrote, changed_outside)


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


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
            return path.parent if path.name == DB_NAME else None
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
            ctx.db.execute("INSERT INTO roster (id, name) VALUES (?, ?)", [str(uuid.uuid4()), text])
        # The audit log keeps counts, never names.
        ctx.audit("roster_changed", {"names": len(clean)})
    return roster(ctx)
