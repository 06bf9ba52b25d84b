"""Shared helpers (no tests here) for the coordinator, export, pairing and report GUI tests: real
encrypted unit and coordinator stores (fast test key derivation), conversations completed through
`svdesk.unit.cases`, and a quick way to pair and export without the GUI.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from fakes import make_session

from svdesk.access.session import Session
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.coordinator.keys import card_bytes
from svdesk.progress import run_to_end
from svdesk.unit import cases, drafts, export, records
from svdesk.unit.context import context_for
from ui.runtime import ops

# Record-screen and step-0 answers that make an initial conversation completable.
BASICS: dict[str, object] = {
    "activation_source": "self",
    "modality": "in_person",
    "format": "individual",
    "people_reached": 1,
    "stress.zone": "yellow",
    "followup_plan": "w1",
    "duration": "m15_30",
    "needs_met": "yes",
    "role_category": "nurse",
    "unit_category": "emergency",
}
# Passive death wish without thoughts of suicide: a tier 3 (72 h) escalation.
ESCALATING: dict[str, object] = {
    "stress.zone": "orange",
    "safety.cssrs.wish_dead": True,
    "safety.cssrs.suicidal_thoughts": False,
}


@cache
def protocol() -> Protocol:
    return load_protocol()


def unit_store(tmp_path: Path, name: str = "unit") -> Session:
    return make_session(tmp_path, home_name=name)


def coordinator_store(tmp_path: Path, name: str = "coord") -> Session:
    return make_session(tmp_path, role="coordinator", home_name=name)


def record_conversation(
    session: Session, *, on: date | None = None, **answers: object
) -> records.Encounter:
    """Complete one initial conversation through the core (dots in answer ids written as __)."""
    ctx = context_for(session)
    if on is not None:
        day = on
        ctx = dataclasses.replace(
            ctx, today=lambda: day, now=lambda: datetime.combine(day, time(10), tzinfo=UTC)
        )
    draft = drafts.start_conversation(ctx, protocol())
    given = {k.replace("__", "."): v for k, v in answers.items()}
    for qid, value in {**BASICS, **given}.items():
        if qid in records.EDITABLE_FIELDS and not protocol().has_question(qid):
            drafts.save_record_field(ctx, draft.id, qid, value)
        else:
            drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    return cases.complete(ctx, draft.id, protocol())


def card_file(coord: Session, folder: Path) -> Path:
    path = folder / "coordinator-card.json"
    path.write_bytes(card_bytes(coord))
    return path


def pair_directly(unit: Session, coord: Session) -> str:
    return export.pair(unit, card_bytes(coord))


def export_directly(unit: Session, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return run_to_end(export.export_bundle(unit, folder)).path


def idle(qtbot: Any) -> None:
    """Wait until the background worker has delivered every outcome."""
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
