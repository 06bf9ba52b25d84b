"""The unit's on-call roster (issue 15, item 2): each supporter's weekly on-call pattern, the
number they chose to share, the exceptions to the pattern, and who is on call now and who is next.

Patterns use the opening-hours syntax (`svdesk.content.hours`: "Mon-Fri 08:00-20:00", "Fri
20:00-Mon 08:00"), read in the workstation's time zone. The weekly roster is saved whole: shifts
that do not parse, that are empty ("closed") or that overlap another supporter's are refused with
the names and the first overlapping time, and nothing is saved.

An exception is a span of wall-clock time in the same zone: a supporter is *off* (leave, sick, a
swap: their weekly shifts do not count then) or *on* for an extra one-off shift. One supporter's
exceptions never overlap each other, and an extra shift may not put two supporters on call at
once: to hand a shift over, the admin first takes the one supporter off, then adds the extra
shift of the other. Who is on call is computed on the wall clock (like opening hours) and placed
in the zone at the end, so shifts follow DST (that arithmetic: `svdesk.unit.oncall_spans`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Final

from svdesk.content.hours import DAY_MINUTES, DAYS, WEEK_MINUTES, parse_hours, workstation_zone
from svdesk.errors import InvalidInput
from svdesk.unit.context import UnitContext, require_admin, write_transaction
from svdesk.unit.crisis_numbers import normalise_phone
from svdesk.unit.oncall_spans import (
    OnCallPlan,
    Span,
    describe_span,
    double_booking,
    exception_span,
    instant,
    wall_name,
    wall_of,
    weekly_runs,
)

__all__ = [
    "KINDS",
    "OFF",
    "ON",
    "OnCallNow",
    "OnCallPerson",
    "RosterException",
    "Shift",
    "Span",
    "add_exception",
    "describe_span",
    "exception_span",
    "exceptions",
    "on_call_now",
    "remove_exception",
    "roster_rows",
    "set_on_call",
    "shifts",
]

OFF: Final = "off"
ON: Final = "on"
KINDS: Final = (OFF, ON)
_WALL: Final = "%Y-%m-%dT%H:%M"  # how the store keeps wall-clock times
# Who was off and when is not kept for long: ended exceptions go at the next change after this.
ENDED_KEPT_DAYS: Final = 35


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


@dataclass(frozen=True)
class RosterException:
    """One supporter off (`kind` OFF) or on (ON) from `starts` to `ends` (wall clock, naive)."""

    id: str
    supporter_id: str
    name: str
    kind: str
    starts: datetime
    ends: datetime

    def describe(self) -> str:
        what = "off" if self.kind == OFF else "extra shift"
        return f"{self.name}, {what}: {describe_span(self.starts, self.ends)}"


def _names(ctx: UnitContext) -> dict[str, str]:
    rows = ctx.db.query("SELECT id, name FROM supporters WHERE removed_at IS NULL ORDER BY name")
    return {str(r["id"]): str(r["name"]) for r in rows}


def shifts(ctx: UnitContext) -> list[Shift]:
    """The roster, by supporter name (supporters who were removed are left out); a supporter
    with a shared number but no weekly shifts has hours ""."""
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


def _stored_exceptions(ctx: UnitContext, names: Mapping[str, str]) -> list[RosterException]:
    rows = ctx.db.query("SELECT id, supporter_id, kind, starts, ends FROM oncall_exceptions")
    found = [
        RosterException(
            str(r["id"]),
            str(r["supporter_id"]),
            names[str(r["supporter_id"])],
            str(r["kind"]),
            datetime.strptime(str(r["starts"]), _WALL),
            datetime.strptime(str(r["ends"]), _WALL),
        )
        for r in rows
        if str(r["supporter_id"]) in names
    ]
    return sorted(found, key=lambda e: (e.starts, e.name.casefold(), e.id))


def _plans(
    names: Mapping[str, str], weekly: Mapping[str, Shift], found: Iterable[RosterException]
) -> dict[str, OnCallPlan]:
    listed = list(found)
    plans: dict[str, OnCallPlan] = {}
    for sid, name in names.items():
        mine = [e for e in listed if e.supporter_id == sid]
        shift = weekly.get(sid)
        plans[sid] = OnCallPlan(
            sid,
            name,
            shift.phone if shift is not None else None,
            weekly_runs(shift.hours) if shift is not None else (),
            tuple((e.starts, e.ends) for e in mine if e.kind == ON),
            tuple((e.starts, e.ends) for e in mine if e.kind == OFF),
        )
    return plans


# -- the weekly roster ---------------------------------------------------------------------------
def set_on_call(
    ctx: UnitContext, roster: Mapping[str, tuple[str, str | None]], zone: tzinfo | None = None
) -> list[Shift]:
    """Replace the roster: `{supporter_id: (weekly hours, shared phone or None)}`; a supporter
    left out (or with empty hours) is not on call weekly; their shared number is kept for extra
    shifts."""
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
        if parsed is not None and parsed.never:
            raise InvalidInput(
                f"The on-call shifts of {name} are empty; leave them blank to take {name} off "
                "the roster. Nothing was saved."
            )
        try:
            shared = normalise_phone(phone or "")
        except InvalidInput as exc:
            raise InvalidInput(f"The number of {name}: {exc.message}") from exc
        if parsed is None and shared is None:
            continue
        minutes = parsed.minutes if parsed is not None else (False,) * WEEK_MINUTES
        clean[supporter_id] = (text, shared, minutes)
    ids = list(clean)
    # Each week as a bit mask (bit i: minute i): a pair overlaps where both masks have a bit.
    masks = {
        sid: int("".join("1" if on else "0" for on in reversed(c[2])), 2)
        for sid, c in clean.items()
    }
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            both = masks[first] & masks[second]
            if both:
                minute = (both & -both).bit_length() - 1
                raise InvalidInput(
                    f"The on-call shifts of {names[first]} and {names[second]} overlap (first "
                    f"at {_minute_name(minute)}); give each time to one supporter. Nothing was "
                    "saved."
                )
    weekly = {sid: Shift(sid, names[sid], text, shared) for sid, (text, shared, _) in clean.items()}
    now = wall_of(ctx.now(), zone if zone is not None else workstation_zone())
    clash = double_booking(_plans(names, weekly, _stored_exceptions(ctx, names)), now)
    if clash is not None:
        holder, other, when = clash
        raise InvalidInput(
            f"The on-call shifts of {names[other]} overlap the extra shift of {names[holder]} "
            f"(first at {wall_name(when)}); take {names[other]} off for that time with an "
            "exception, or remove the extra shift. Nothing was saved."
        )
    with write_transaction(ctx):
        ctx.db.execute("DELETE FROM oncall_shifts")
        for supporter_id, (text, shared, _minutes) in clean.items():
            ctx.db.execute(
                "INSERT INTO oncall_shifts (supporter_id, hours, phone) VALUES (?, ?, ?)",
                [supporter_id, text, shared],
            )
        ctx.audit("oncall_changed", {"supporters": sum(1 for c in clean.values() if c[0])})
    return shifts(ctx)


# -- exceptions ----------------------------------------------------------------------------------
def _forget_ended(ctx: UnitContext, now: datetime) -> None:
    """Delete exceptions that ended more than ENDED_KEPT_DAYS before `now` (wall clock)."""
    before = (now - timedelta(days=ENDED_KEPT_DAYS)).strftime(_WALL)
    ctx.db.execute("DELETE FROM oncall_exceptions WHERE ends < ?", [before])


def exceptions(ctx: UnitContext, zone: tzinfo | None = None) -> list[RosterException]:
    """The exceptions not over yet (by start), of supporters still enrolled."""
    now = wall_of(ctx.now(), zone if zone is not None else workstation_zone())
    return [e for e in _stored_exceptions(ctx, _names(ctx)) if e.ends > now]


def add_exception(
    ctx: UnitContext,
    supporter_id: str,
    kind: str,
    span: Span,
    zone: tzinfo | None = None,
) -> RosterException:
    """Add an exception: `supporter_id` off (OFF) or on (ON) during `span` (wall clock in
    `zone`, default the workstation's). Refused, with nothing saved: a span that ends before it
    starts or is over already, one that overlaps another exception of the same supporter, an
    extra shift while someone else is on call."""
    require_admin(ctx, "change the on-call roster")
    names = _names(ctx)
    name = names.get(supporter_id)
    if name is None:
        raise InvalidInput("That supporter is no longer enrolled; refresh the list.")
    if kind not in KINDS:
        raise InvalidInput(f"{kind!r} is not a kind of exception; use {OFF!r} or {ON!r}.")
    starts, ends = (moment.replace(second=0, microsecond=0, tzinfo=None) for moment in span)
    if ends <= starts:
        raise InvalidInput(
            f"The exception would end ({wall_name(ends)}) before it starts "
            f"({wall_name(starts)}); check the days and times."
        )
    now = wall_of(ctx.now(), zone if zone is not None else workstation_zone())
    if ends <= now:
        raise InvalidInput(
            f"{describe_span(starts, ends)} is over already (it is {wall_name(now)} now); "
            "enter an exception that ends in the future."
        )
    found = _stored_exceptions(ctx, names)
    for other in found:
        if other.supporter_id == supporter_id and other.starts < ends and starts < other.ends:
            what = "is off" if other.kind == OFF else "has an extra shift"
            raise InvalidInput(
                f"{name} {what} then already ({describe_span(other.starts, other.ends)}); "
                "remove that exception first, or choose times that do not overlap it. Nothing "
                "was saved."
            )
    added = RosterException(str(uuid.uuid4()), supporter_id, name, kind, starts, ends)
    clash = double_booking(
        _plans(names, {s.supporter_id: s for s in shifts(ctx)}, [*found, added]), now
    )
    if clash is not None:
        holder, other_id, when = clash
        busy = names[other_id if holder == supporter_id else holder]
        raise InvalidInput(
            f"{busy} is on call then too (first at {wall_name(when)}); to hand that time to "
            f"{name}, first take {busy} off for it with an exception, or choose another time. "
            "Nothing was saved."
        )
    with write_transaction(ctx):
        _forget_ended(ctx, now)
        ctx.db.execute(
            "INSERT INTO oncall_exceptions (id, supporter_id, kind, starts, ends, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                added.id,
                supporter_id,
                kind,
                starts.strftime(_WALL),
                ends.strftime(_WALL),
                ctx.now().astimezone(UTC).isoformat(timespec="seconds"),
            ],
        )
        ctx.audit(
            "oncall_exception_added", {"id": added.id, "supporter": supporter_id, "kind": kind}
        )
    return added


def remove_exception(ctx: UnitContext, exception_id: str, zone: tzinfo | None = None) -> None:
    """Remove an exception; refused when taking an "off" away would put two supporters on call."""
    require_admin(ctx, "change the on-call roster")
    names = _names(ctx)
    found = _stored_exceptions(ctx, names)
    gone = next((e for e in found if e.id == exception_id), None)
    if gone is None:
        raise InvalidInput("That exception is no longer on the roster; refresh the list.")
    rest = [e for e in found if e.id != exception_id]
    now = wall_of(ctx.now(), zone if zone is not None else workstation_zone())
    clash = double_booking(_plans(names, {s.supporter_id: s for s in shifts(ctx)}, rest), now)
    if clash is not None:
        holder, other, when = clash
        raise InvalidInput(
            f"Without this exception {names[other]} and {names[holder]} would both be on call "
            f"(first at {wall_name(when)}); remove the extra shift of {names[holder]} first. "
            "Nothing was removed."
        )
    with write_transaction(ctx):
        _forget_ended(ctx, now)
        ctx.db.execute("DELETE FROM oncall_exceptions WHERE id = ?", [exception_id])
        ctx.audit(
            "oncall_exception_removed",
            {"id": exception_id, "supporter": gone.supporter_id, "kind": gone.kind},
        )


# -- who is on call ------------------------------------------------------------------------------
def on_call_now(
    ctx: UnitContext, at: datetime | None = None, zone: tzinfo | None = None
) -> OnCallNow:
    """Who is on call at `at` (default `ctx.now()`) and who comes on next, exceptions counted."""
    where = zone if zone is not None else workstation_zone()
    moment = (at if at is not None else ctx.now()).astimezone(where)
    wall = wall_of(moment, where)
    names = _names(ctx)
    weekly = {s.supporter_id: s for s in shifts(ctx)}
    current = [e for e in _stored_exceptions(ctx, names) if e.ends > wall]
    now: list[OnCallPerson] = []
    upcoming: list[OnCallPerson] = []
    for plan in sorted(_plans(names, weekly, current).values(), key=lambda p: p.name.casefold()):
        horizon = plan.horizon(wall)
        cover = plan.cover(wall, horizon)
        if not cover:
            continue
        start, end = cover[0]
        if start == wall:
            until = None if end >= horizon else instant(end, where, moment)
            now.append(OnCallPerson(plan.name, plan.phone, until=until))
        else:
            upcoming.append(
                OnCallPerson(plan.name, plan.phone, starts=instant(start, where, moment))
            )
    upcoming.sort(key=lambda p: (p.starts or moment).astimezone(UTC))
    return OnCallNow(moment, tuple(now), upcoming[0] if upcoming else None)
