"""Small in-memory stand-ins for the unit's operations (`ui.unit.services.UnitServices`) and
`svdesk.unit.guard`, for widget tests that must not depend on a store (the end-to-end tests use
the real core with a temporary store)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from svdesk.content import cards, rules
from svdesk.content.answers import ANSWERS
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.unit import records
from svdesk.unit.context import UnitContext
from svdesk.unit.directory import DirectoryEntry
from svdesk.unit.drafts import Draft, DraftSummary
from svdesk.unit.escalations import Escalation
from svdesk.unit.followups import Followup, FollowupQueue
from svdesk.unit.records import Encounter, record_to_row
from ui.unit.services import ConversationServices
from ui.widgets.question_widgets import (
    ChoiceComboQuestion,
    MultiQuestion,
    NumberQuestion,
    RadioQuestion,
)

if TYPE_CHECKING:
    from ui.unit.conversation import ConversationWindow
    from ui.unit.services import UnitServices

PHONE = re.compile(r"\+?\d[\d ()\-]{5,}\d")
NAMES = ("Anna", "Bert")


@dataclass(frozen=True)
class FakeFinding:
    kind: str
    severity: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FakeGuardResult:
    verdict: str
    findings: tuple[FakeFinding, ...]


def fake_guard_check(text: str, roster: Iterable[str] = ()) -> FakeGuardResult:
    """Phone numbers block; a few first names (and roster names) warn."""
    findings = [
        FakeFinding("phone", "block", m.start(), m.end(), m.group()) for m in PHONE.finditer(text)
    ]
    for name in (*NAMES, *roster):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            findings.append(FakeFinding("person_name", "warn", m.start(), m.end(), m.group()))
    verdict = (
        "block" if any(f.severity == "block" for f in findings) else ("warn" if findings else "ok")
    )
    return FakeGuardResult(verdict, tuple(findings))


class FakeUnitServices:
    """`UnitServices` in memory: what the conversation and crisis screens call, with the core's own
    value types (drafts, escalations, directory entries, encounters)."""

    def __init__(self) -> None:
        self.drafts: dict[str, Draft] = {}
        self.escalations: list[Escalation] = []
        self.completed: list[dict[str, object]] = []
        self.saves: list[tuple[str, object]] = []
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
        self.directory_entries = [
            DirectoryEntry("emergency", "Emergency response", "5555", "hospital code team"),
            DirectoryEntry("crisis_line", "Crisis line", "988", "24/7"),
            DirectoryEntry("eap", "Employee assistance (EAP)", None, None),
            DirectoryEntry("psychology", "Psychology on call", "4321", None),
        ]

    # -- conversations
    def start_conversation(
        self,
        ctx: UnitContext,
        protocol: Protocol,
        *,
        encounter_type: str = "initial",
        case_code: str | None = None,
        followup_id: str | None = None,
    ) -> Draft:
        draft = Draft(
            id=str(uuid.uuid4()),
            case_code=case_code or "K7Q-4MX",
            encounter_type=encounter_type,
            followup_id=followup_id,
            supporter_id="S1",
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            answers={},
            record={},
            carried={},
            current_step=None,
            created_at=self.now,
            updated_at=self.now,
        )
        self.drafts[draft.id] = draft
        return draft

    def load_draft(self, ctx: UnitContext, draft_id: str) -> Draft:
        return self.drafts[draft_id]

    def save_answer(
        self, ctx: UnitContext, draft_id: str, qid: str, value: object, *, protocol: Protocol
    ) -> Draft:
        draft = self.drafts[draft_id]
        answers = dict(draft.answers)
        if value is None:
            answers.pop(qid, None)
        else:
            answers[qid] = value
        self.saves.append((qid, value))
        self.drafts[draft_id] = replace(draft, answers=answers)
        return self.drafts[draft_id]

    def save_record_field(self, ctx: UnitContext, draft_id: str, name: str, value: object) -> Draft:
        draft = self.drafts[draft_id]
        record = dict(draft.record)
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
        self.saves.append((name, value))
        self.drafts[draft_id] = replace(draft, record=record)
        return self.drafts[draft_id]

    def set_current_step(self, ctx: UnitContext, draft_id: str, step_id: str | None) -> Draft:
        self.drafts[draft_id] = replace(self.drafts[draft_id], current_step=step_id)
        return self.drafts[draft_id]

    def open_drafts(self, ctx: UnitContext) -> list[DraftSummary]:
        return [
            DraftSummary(
                d.id, d.case_code, d.encounter_type, d.supporter_id, True, d.current_step, self.now
            )
            for d in self.drafts.values()
        ]

    def discard_draft(self, ctx: UnitContext, draft_id: str) -> None:
        del self.drafts[draft_id]

    def complete(
        self,
        ctx: UnitContext,
        draft_id: str,
        protocol: Protocol,
        *,
        guard_override_reason: str | None = None,
    ) -> Encounter:
        draft = self.drafts.pop(draft_id)
        self.completed.append({"draft": draft, "reason": guard_override_reason})
        row = record_to_row(
            {
                **draft.record,
                "encounter_id": "E1",
                "case_code": draft.case_code,
                "encounter_type": draft.encounter_type,
                "escalation_level": "tier2",
            }
        )
        row["created_at"] = self.now.date().isoformat()
        return Encounter.from_row(row)

    def start_followup(self, ctx: UnitContext, protocol: Protocol, followup_id: str) -> Draft:
        raise AssertionError("the widget tests start no follow-up")

    # -- directory
    def directory(self, ctx: UnitContext) -> list[DirectoryEntry]:
        return list(self.directory_entries)

    def roster(self, ctx: UnitContext) -> list[str]:
        return ["Carla Mendes"]

    # -- escalations
    def record_emergency(self, ctx: UnitContext, case_code: str | None = None) -> Escalation:
        escalation = Escalation(
            id=str(uuid.uuid4()),
            case_code=case_code,
            encounter_id=None,
            source="crisis",
            level="emergency",
            actions=("crisis_line_info",),
            rules=(),
            status="open",
            handed_to=None,
            outcome=None,
            due_at=self.now,
            created_at=self.now,
            created_by="S1",
            updated_at=self.now,
        )
        self.escalations.append(escalation)
        return escalation

    def open_escalations(self, ctx: UnitContext, now: datetime | None = None) -> list[Escalation]:
        moment = now or self.now
        return [
            replace(e, overdue=e.due_at < moment) for e in self.escalations if e.status != "closed"
        ]

    def _change(self, escalation_id: str, **changes: object) -> Escalation:
        for index, e in enumerate(self.escalations):
            if e.id == escalation_id:
                self.escalations[index] = replace(e, **changes)  # type: ignore[arg-type]
                return self.escalations[index]
        raise KeyError(escalation_id)

    def hand_off_escalation(
        self, ctx: UnitContext, escalation_id: str, handed_to: str | None = None
    ) -> Escalation:
        return self._change(escalation_id, status="handed_off", handed_to=handed_to)

    def close_escalation(self, ctx: UnitContext, escalation_id: str, outcome: str) -> Escalation:
        return self._change(escalation_id, status="closed", outcome=outcome)

    # -- follow-ups
    def followups_for_unit(self, ctx: UnitContext, today: date | None = None) -> FollowupQueue:
        return FollowupQueue()

    def take_over_followup(self, ctx: UnitContext, followup_id: str) -> Followup:
        raise AssertionError("the widget tests have no follow-ups")


# mypy checks that the fake is a `UnitServices` (this file is in [tool.mypy] files).
_IS_UNIT_SERVICES: type[UnitServices] = FakeUnitServices


def fake_services(unit: FakeUnitServices | None = None) -> ConversationServices:
    """ConversationServices over the real rules, cards and vocabulary, with the fake unit
    operations and guard."""
    return ConversationServices(
        unit=unit or FakeUnitServices(),
        evaluate=rules.evaluate,
        rule_answers=fake_rule_answers,
        guard_check=fake_guard_check,
        cards=_cards(),
        record_vocabulary=load_record_vocabulary(),
        editable_fields=tuple(sorted(records.EDITABLE_FIELDS)),
        prefilled_fields=tuple(records.FROM_ANSWERS),
        required_fields={k: tuple(v) for k, v in records.REQUIRED.items()},
    )


def _cards() -> tuple[cards.ReferenceCard, ...]:
    return tuple(cards.load_cards().values())


def default_protocol() -> Protocol:
    """The bundled protocol."""
    return load_protocol()


def fake_rule_answers(
    carried: Mapping[str, object], answers: Mapping[str, object]
) -> dict[str, object]:
    """As `svdesk.unit.drafts.rule_answers`: §1 answer ids only, this conversation over the
    history."""
    merged = {**carried, **answers}
    return {k: v for k, v in merged.items() if k in ANSWERS and v is not None}


def answer(window: ConversationWindow, qid: str, value: object) -> None:
    """Answer `qid` the way a user would: click the radio/checkbox or set the spin box/combo."""
    window.go_to_step(window._step_of[qid])
    widget = window.question_widget(qid)
    assert widget.isVisibleTo(window), f"{qid} is not shown"
    if isinstance(widget, MultiQuestion):
        for code, box in widget.boxes.items():
            chosen = value if isinstance(value, list | tuple) else ()
            if box.isChecked() != (code in chosen):
                box.click()
    elif isinstance(widget, NumberQuestion):
        assert value is None or isinstance(value, int)
        widget.spin.setValue(widget._low - 1 if value is None else value)
    elif isinstance(widget, ChoiceComboQuestion):
        widget.combo.setCurrentIndex(widget.combo.findData(value))
    else:
        assert isinstance(widget, RadioQuestion)
        widget.radio(value).click()


# Everything an initial conversation needs before it can be completed (no escalation).
COMPLETE_INITIAL = {
    "activation_source": "self",
    "modality": "in_person",
    "format": "individual",
    "people_reached": 1,
    "stress.zone": "yellow",
    "followup_plan": "h24_72",
    "duration": "m15_30",
    "needs_met": "yes",
    "role_category": "nurse",
    "unit_category": "icu_adult",
}


def fill(window: ConversationWindow, answers: dict[str, object]) -> None:
    for qid, value in answers.items():
        answer(window, qid, value)
