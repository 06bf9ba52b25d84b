"""What in the unit directory is open at a moment (now by default), in the workstation's zone.

`open_now(ctx)` is what the crisis screen, the disposition and `svdesk directory open-now` show:
each entry with hours is open (with when it closes) or closed (with when it opens and the
after-hours alternative to call meanwhile). Entries whose hours are not set are in neither list:
svdesk does not claim they are open or closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from svdesk.content.hours import hours_state, parse_hours, workstation_zone
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.errors import InvalidInput
from svdesk.unit.context import UnitContext
from svdesk.unit.directory import DirectoryEntry, directory

__all__ = ["ClosedEntry", "OpenEntry", "OpenNow", "open_now", "open_now_of", "parse_local"]


@dataclass(frozen=True)
class OpenEntry:
    code: str
    label: str
    phone: str | None
    until: datetime | None  # None: open around the clock


@dataclass(frozen=True)
class ClosedEntry:
    code: str
    label: str
    opens: datetime | None  # None: never (hours "closed")
    after_hours: DirectoryEntry | None = None  # the entry to call meanwhile, if one is set


@dataclass(frozen=True)
class OpenNow:
    at: datetime  # aware, in the workstation's zone
    open: tuple[OpenEntry, ...]
    closed: tuple[ClosedEntry, ...]
    not_set: tuple[str, ...] = ()  # codes of entries without hours

    def state_of(self, code: str) -> OpenEntry | ClosedEntry | None:
        found: list[OpenEntry | ClosedEntry] = [e for e in self.open if e.code == code]
        found += [e for e in self.closed if e.code == code]
        return found[0] if found else None

    def to_json(self) -> dict[str, object]:
        """The `svdesk directory open-now` shape (times as ISO 8601 with the UTC offset)."""
        return {
            "at": _iso(self.at),
            "open": [
                {"code": e.code, "label": e.label, "phone": e.phone, "until": _iso(e.until)}
                for e in self.open
            ],
            "closed": [
                {"code": e.code, "label": e.label, "opens": _iso(e.opens)} for e in self.closed
            ],
        }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="minutes")


def open_now_of(entries: list[DirectoryEntry], at: datetime, zone: tzinfo | None = None) -> OpenNow:
    """`open_now` over given entries (hours already validated when they were saved)."""
    where = zone if zone is not None else workstation_zone()
    local = at.astimezone(where)
    by_code = {e.code: e for e in entries}
    opened: list[OpenEntry] = []
    closed: list[ClosedEntry] = []
    not_set: list[str] = []
    for entry in entries:
        hours = parse_hours(entry.hours)
        if hours is None:
            not_set.append(entry.code)
            continue
        state = hours_state(hours, local, where)
        if state.open:
            opened.append(OpenEntry(entry.code, entry.label, entry.phone, state.until))
        else:
            alternative = by_code.get(entry.after_hours) if entry.after_hours else None
            closed.append(ClosedEntry(entry.code, entry.label, state.opens, alternative))
    return OpenNow(local, tuple(opened), tuple(closed), tuple(not_set))


def open_now(
    ctx: UnitContext,
    at: datetime | None = None,
    zone: tzinfo | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> OpenNow:
    """The unit directory open and closed at `at` (default: `ctx.now()`), in `zone` (default:
    the workstation's), its labels in `language`."""
    return open_now_of(directory(ctx, language), at if at is not None else ctx.now(), zone)


def parse_local(text: str, zone: tzinfo | None = None) -> datetime:
    """`YYYY-MM-DDTHH:MM` as a wall-clock time in `zone` (default: the workstation's)."""
    try:
        wall = datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M")
    except ValueError as exc:
        raise InvalidInput(
            f"{text!r} is not a time as YYYY-MM-DDTHH:MM (e.g. 2026-12-02T03:00)."
        ) from exc
    return wall.replace(tzinfo=zone if zone is not None else workstation_zone())
