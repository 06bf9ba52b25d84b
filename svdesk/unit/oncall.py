"""The unit's on-call roster (issue 15, item 2 — a minimal slice): each supporter's weekly
on-call pattern and the number they chose to share; who is on call now and who is next.

Patterns use the opening-hours syntax (`svdesk.content.hours`: "Mon-Fri 08:00-20:00", "Fri
20:00-Mon 08:00"), read in the workstation's time zone. The roster is saved whole: shifts that
do not parse, that are empty ("closed") or that overlap another supporter's are refused with the
names and the first overlapping time, and nothing is saved. Exceptions (a swapped or cancelled
shift) are not supported yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from svdesk.content.hours import DAY_MINUTES, DAYS, hours_state, parse_hours, workstation_zone
from svdesk.errors import InvalidInput
from svdesk.unit.context import UnitContext, require_admin, write_transaction
from svdesk.unit.crisis_numbers import normalise_phone

__all__ = [
    "OnCallNow",
    "OnCallPerson",
    "Shift",
    "on_call_now",
    "roster_rows",
    "set_on_call",
    "shifts",
]


@dataclass(frozen=True)
class Shift:
    supporter_id: str
    name: str
    hours: str
    phone: str | None


@dataclass(frozen=True)
class OnCallPerson:
    name: str
    phone: str | None
    until: datetime | None = None  # on call now: until when (None: always)
    starts: datetime | None = None  # next: from when


@dataclass(frozen=True)
class OnCallNow:
    at: datetime
    now: tuple[OnCallPerson, ...]
    next: OnCallPerson | None


def _names(ctx: UnitContext) -> dict[str, str]:
    rows = ctx.db.query("SELECT id, name FROM supporters WHERE removed_at IS NULL ORDER BY name")
    return {str(r["id"]): str(r["name"]) for r in rows}


def shifts(ctx: UnitContext) -> list[Shift]:
    """The roster, by supporter name (supporters who were removed are left out)."""
    names = _names(ctx)
    rows = ctx.db.query("SELECT supporter_id, hours, phone FROM oncall_shifts")
    found = [
        Shift(str(r["supporter_id"]), names[str(r["supporter_id"])], str(r["hours"]), r["phone"])
        for r in rows
        if str(r["supporter_id"]) in names
    ]
    return sorted(found, key=lambda s: s.name.casefold())


def roster_rows(ctx: UnitContext) -> list[Shift]:
    """Every enrolled supporter with their shifts ("" when not on the roster), by name."""
    saved = {s.supporter_id: s for s in shifts(ctx)}
    return [
        saved.get(sid, Shift(sid, name, "", None))
        for sid, name in sorted(_names(ctx).items(), key=lambda item: item[1].casefold())
    ]


def _minute_name(minute: int) -> str:
    day, rest = divmod(minute, DAY_MINUTES)
    return f"{DAYS[day].capitalize()} {rest // 60:02d}:{rest % 60:02d}"


def set_on_call(ctx: UnitContext, roster: Mapping[str, tuple[str, str | None]]) -> list[Shift]:
    """Replace the roster: `{supporter_id: (weekly hours, shared phone or None)}`; a supporter
    left out (or with empty hours) is not on call."""
    require_admin(ctx, "change the on-call roster")
    names = _names(ctx)
    clean: dict[str, tuple[str, str | None, tuple[bool, ...]]] = {}
    for supporter_id, (hours, phone) in roster.items():
        name = names.get(supporter_id)
        if name is None:
            raise InvalidInput("A supporter on the roster is no longer enrolled; refresh the list.")
        text = " ".join((hours or "").split())
        try:
            parsed = parse_hours(text)
        except InvalidInput as exc:
            raise InvalidInput(
                f"The on-call shifts of {name} cannot be used: {exc.message} Nothing was saved."
            ) from exc
        if parsed is None:
            continue
        if parsed.never:
            raise InvalidInput(
                f"The on-call shifts of {name} are empty; leave them blank to take {name} off "
                "the roster. Nothing was saved."
            )
        try:
            shared = normalise_phone(phone or "")
        except InvalidInput as exc:
            raise InvalidInput(f"The number of {name}: {exc.message}") from exc
        clean[supporter_id] = (text, shared, parsed.minutes)
    ids = list(clean)
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            both = (a and b for a, b in zip(clean[first][2], clean[second][2], strict=True))
            minute = next((m for m, overlap in enumerate(both) if overlap), None)
            if minute is not None:
                raise InvalidInput(
                    f"The on-call shifts of {names[first]} and {names[second]} overlap (first "
                    f"at {_minute_name(minute)}); give each time to one supporter. Nothing was "
                    "saved."
                )
    with write_transaction(ctx):
        ctx.db.execute("DELETE FROM oncall_shifts")
        for supporter_id, (text, shared, _minutes) in clean.items():
            ctx.db.execute(
                "INSERT INTO oncall_shifts (supporter_id, hours, phone) VALUES (?, ?, ?)",
                [supporter_id, text, shared],
            )
        ctx.audit("oncall_changed", {"supporters": len(clean)})
    return shifts(ctx)


def on_call_now(
    ctx: UnitContext, at: datetime | None = None, zone: tzinfo | None = None
) -> OnCallNow:
    """Who is on call at `at` (default `ctx.now()`) and who comes on next."""
    where = zone if zone is not None else workstation_zone()
    moment = (at if at is not None else ctx.now()).astimezone(where)
    now: list[OnCallPerson] = []
    upcoming: list[OnCallPerson] = []
    for shift in shifts(ctx):
        parsed = parse_hours(shift.hours)
        if parsed is None:
            continue
        state = hours_state(parsed, moment, where)
        if state.open:
            now.append(OnCallPerson(shift.name, shift.phone, until=state.until))
        elif state.opens is not None:
            upcoming.append(OnCallPerson(shift.name, shift.phone, starts=state.opens))
    upcoming.sort(key=lambda p: p.starts or moment)
    return OnCallNow(moment, tuple(now), upcoming[0] if upcoming else None)
