"""Small in-memory stand-ins for `svdesk.unit.cases` and `svdesk.unit.guard`, for widget tests
that must not depend on a store (the end-to-end tests use the real core with a temporary store)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

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


def fake_guard_check(text: str, roster: Any = ()) -> FakeGuardResult:
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


@dataclass(frozen=True)
class FakeDraft:
    id: str
    case_code: str
    encounter_type: str
    answers: dict[str, object] = field(default_factory=dict)
    record: dict[str, object] = field(default_factory=dict)
    current_step: str | None = None


class FakeCases:
    """The subset of `svdesk.unit.cases` the conversation and crisis screens call."""

    def __init__(self) -> None:
        self.drafts: dict[str, FakeDraft] = {}
        self.escalations: list[Any] = []
        self.completed: list[dict[str, Any]] = []
        self.saves: list[tuple[str, object]] = []
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
        self.directory_entries = [
            SimpleNamespace(
                code="emergency",
                label="Emergency response",
                phone="5555",
                detail="hospital code team",
            ),
            SimpleNamespace(code="crisis_line", label="Crisis line", phone="988", detail="24/7"),
            SimpleNamespace(code="eap", label="Employee assistance (EAP)", phone=None, detail=None),
            SimpleNamespace(
                code="psychology", label="Psychology on call", phone="4321", detail=None
            ),
        ]

    def start_conversation(
        self,
        ctx: Any,
        protocol: Any,
        encounter_type: str = "initial",
        case_code: str | None = None,
        followup_id: str | None = None,
    ) -> FakeDraft:
        draft = FakeDraft(str(uuid.uuid4()), case_code or "K7Q-4MX", encounter_type)
        self.drafts[draft.id] = draft
        return draft

    def load_draft(self, ctx: Any, draft_id: str) -> FakeDraft:
        return self.drafts[draft_id]

    def save_answer(
        self, ctx: Any, draft_id: str, qid: str, value: object, protocol: Any = None
    ) -> FakeDraft:
        draft = self.drafts[draft_id]
        answers = dict(draft.answers)
        if value is None:
            answers.pop(qid, None)
        else:
            answers[qid] = value
        self.saves.append((qid, value))
        self.drafts[draft_id] = replace(draft, answers=answers)
        return self.drafts[draft_id]

    def save_record_field(self, ctx: Any, draft_id: str, name: str, value: object) -> FakeDraft:
        draft = self.drafts[draft_id]
        record = dict(draft.record)
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
        self.saves.append((name, value))
        self.drafts[draft_id] = replace(draft, record=record)
        return self.drafts[draft_id]

    def set_current_step(self, ctx: Any, draft_id: str, step_id: str) -> FakeDraft:
        self.drafts[draft_id] = replace(self.drafts[draft_id], current_step=step_id)
        return self.drafts[draft_id]

    def discard_draft(self, ctx: Any, draft_id: str) -> None:
        del self.drafts[draft_id]

    def complete(
        self, ctx: Any, draft_id: str, protocol: Any, guard_override_reason: str | None = None
    ) -> Any:
        draft = self.drafts.pop(draft_id)
        self.completed.append({"draft": draft, "reason": guard_override_reason})
        return SimpleNamespace(encounter_id="E1", case_code=draft.case_code)

    def directory(self, ctx: Any) -> list[Any]:
        return list(self.directory_entries)

    def roster(self, ctx: Any) -> list[str]:
        return ["Carla Mendes"]

    def record_emergency(self, ctx: Any, case_code: str | None = None) -> Any:
        escalation = SimpleNamespace(
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
            overdue=False,
        )
        self.escalations.append(escalation)
        return escalation

    def open_escalations(self, ctx: Any, now: datetime | None = None) -> list[Any]:
        now = now or self.now
        return [
            replace_ns(e, overdue=e.due_at < now - timedelta(0))
            for e in self.escalations
            if e.status != "closed"
        ]

    def hand_off_escalation(
        self, ctx: Any, escalation_id: str, handed_to: str | None = None
    ) -> Any:
        for e in self.escalations:
            if e.id == escalation_id:
                e.status = "handed_off"
                e.handed_to = handed_to
                return e
        raise KeyError(escalation_id)

    def close_escalation(self, ctx: Any, escalation_id: str, outcome: str) -> Any:
        for e in self.escalations:
            if e.id == escalation_id:
                e.status = "closed"
                e.outcome = outcome
                return e
        raise KeyError(escalation_id)


def replace_ns(ns: Any, **changes: Any) -> Any:
    return SimpleNamespace(**{**vars(ns), **changes})


def fake_services(cases: FakeCases | None = None) -> Any:
    """CoreServices over the real protocol, rules, cards and vocabulary, with fake cases/guard."""
    from svdesk.content import cards, rules
    from svdesk.content.protocol.conversation import Conversation
    from svdesk.content.record_fields import load_record_vocabulary
    from svdesk.unit import records
    from ui.unit.conversation import CoreServices

    return CoreServices(
        cases=cases or FakeCases(),
        evaluate=rules.evaluate,
        rule_answers=fake_rule_answers,
        conversation_class=Conversation,
        guard_check=fake_guard_check,
        cards=_cards(cards),
        record_vocabulary=load_record_vocabulary(),
        editable_fields=tuple(sorted(records.EDITABLE_FIELDS)),
        prefilled_fields=tuple(records.FROM_ANSWERS),
        required_fields={k: tuple(v) for k, v in records.REQUIRED.items()},
    )


def _cards(module: Any) -> tuple[Any, ...]:
    try:
        return tuple(module.load_cards().values())
    except FileNotFoundError:  # cards not written yet
        return ()


def default_protocol() -> Any:
    """The bundled protocol; while the cards folder is not written yet, without checking card
    ids (the cards engineer's loader checks them once it exists)."""
    from svdesk.content.protocol.loader import load_protocol, parse_protocol
    from svdesk.content.resources import read_text

    try:
        return load_protocol()
    except FileNotFoundError:
        import tomllib

        data = tomllib.loads(read_text("protocols", "default.toml"))
        ids = {c for step in data["steps"] for c in step.get("cards", ())}
        return parse_protocol(data, "resources/protocols/default.toml", card_ids=ids)


def fake_rule_answers(carried: Any, answers: Any) -> dict[str, object]:
    """As `svdesk.unit.cases.rule_answers`: §1 answer ids only, this conversation over the
    history."""
    from svdesk.content.answers import ANSWERS

    merged = {**carried, **answers}
    return {k: v for k, v in merged.items() if k in ANSWERS and v is not None}


def answer(window: Any, qid: str, value: object) -> None:
    """Answer `qid` the way a user would: click the radio/checkbox or set the spin box/combo."""
    from ui.widgets.question_widgets import ChoiceComboQuestion, MultiQuestion, NumberQuestion

    window.go_to_step(window._step_of[qid])
    widget = window.question_widget(qid)
    assert widget.isVisibleTo(window), f"{qid} is not shown"
    if isinstance(widget, MultiQuestion):
        for code, box in widget.boxes.items():
            if box.isChecked() != (code in (value or ())):
                box.click()
    elif isinstance(widget, NumberQuestion):
        widget.spin.setValue(widget._low - 1 if value is None else int(value))  # type: ignore[arg-type]
    elif isinstance(widget, ChoiceComboQuestion):
        widget.combo.setCurrentIndex(widget.combo.findData(value))
    else:
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


def fill(window: Any, answers: dict[str, object]) -> None:
    for qid, value in answers.items():
        answer(window, qid, value)
