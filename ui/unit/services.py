"""What the unit's screens need from the core, as typed seams: `UnitServices` (the domain
operations on cases, the directory, escalations and follow-ups), `CoreUnitServices` (the real
ones) and `ConversationServices` (those plus the content a conversation reads: rules, cards,
record fields). Widget tests pass in-memory fakes of the same Protocol
(tests/ui/test_conversation_fakes.py, checked by mypy).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from svdesk.content import cards, rules
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.unit import cases, directory, drafts, escalations, followups, guard, records
from ui.runtime.language import content_language

if TYPE_CHECKING:
    from svdesk.content.cards import ReferenceCard
    from svdesk.content.protocol.model import Protocol as ConversationProtocol
    from svdesk.content.record_fields import RecordVocabulary
    from svdesk.content.rules import EscalationResult
    from svdesk.unit.context import UnitContext
    from svdesk.unit.directory import DirectoryEntry
    from svdesk.unit.drafts import Draft, DraftSummary
    from svdesk.unit.escalations import Escalation
    from svdesk.unit.followups import Followup, FollowupQueue
    from svdesk.unit.records import Encounter
    from ui.widgets.guarded_note import GuardCheck


class UnitServices(Protocol):
    """The unit's domain operations the GUI calls, each with the `UnitContext` first."""

    # -- conversations (svdesk.unit.cases)
    def start_conversation(
        self,
        ctx: UnitContext,
        protocol: ConversationProtocol,
        *,
        encounter_type: str = "initial",
        case_code: str | None = None,
        followup_id: str | None = None,
    ) -> Draft: ...

    def load_draft(self, ctx: UnitContext, draft_id: str) -> Draft: ...

    def save_answer(
        self,
        ctx: UnitContext,
        draft_id: str,
        qid: str,
        value: object,
        *,
        protocol: ConversationProtocol,
    ) -> Draft: ...

    def save_record_field(
        self, ctx: UnitContext, draft_id: str, name: str, value: object
    ) -> Draft: ...

    def set_current_step(self, ctx: UnitContext, draft_id: str, step_id: str | None) -> Draft: ...

    def open_drafts(self, ctx: UnitContext) -> list[DraftSummary]: ...

    def discard_draft(self, ctx: UnitContext, draft_id: str) -> None: ...

    def complete(
        self,
        ctx: UnitContext,
        draft_id: str,
        protocol: ConversationProtocol,
        *,
        guard_override_reason: str | None = None,
    ) -> Encounter: ...

    def start_followup(
        self, ctx: UnitContext, protocol: ConversationProtocol, followup_id: str
    ) -> Draft: ...

    # -- the unit directory (svdesk.unit.directory)
    def directory(self, ctx: UnitContext) -> list[DirectoryEntry]: ...

    def roster(self, ctx: UnitContext) -> list[str]: ...

    # -- escalations (svdesk.unit.escalations)
    def record_emergency(self, ctx: UnitContext, case_code: str | None = None) -> Escalation: ...

    def open_escalations(
        self, ctx: UnitContext, now: datetime | None = None
    ) -> list[Escalation]: ...

    def hand_off_escalation(
        self, ctx: UnitContext, escalation_id: str, handed_to: str | None = None
    ) -> Escalation: ...

    def close_escalation(
        self, ctx: UnitContext, escalation_id: str, outcome: str
    ) -> Escalation: ...

    # -- follow-ups (svdesk.unit.followups)
    def followups_for_unit(self, ctx: UnitContext, today: date | None = None) -> FollowupQueue: ...

    def take_over_followup(self, ctx: UnitContext, followup_id: str) -> Followup: ...


class CoreUnitServices:
    """`UnitServices` over the store: each method is the core function of the same name."""

    def start_conversation(
        self,
        ctx: UnitContext,
        protocol: ConversationProtocol,
        *,
        encounter_type: str = "initial",
        case_code: str | None = None,
        followup_id: str | None = None,
    ) -> Draft:
        return drafts.start_conversation(
            ctx,
            protocol,
            encounter_type=encounter_type,
            case_code=case_code,
            followup_id=followup_id,
        )

    def load_draft(self, ctx: UnitContext, draft_id: str) -> Draft:
        return drafts.load_draft(ctx, draft_id)

    def save_answer(
        self,
        ctx: UnitContext,
        draft_id: str,
        qid: str,
        value: object,
        *,
        protocol: ConversationProtocol,
    ) -> Draft:
        return drafts.save_answer(ctx, draft_id, qid, value, protocol=protocol)

    def save_record_field(self, ctx: UnitContext, draft_id: str, name: str, value: object) -> Draft:
        return drafts.save_record_field(ctx, draft_id, name, value)

    def set_current_step(self, ctx: UnitContext, draft_id: str, step_id: str | None) -> Draft:
        return drafts.set_current_step(ctx, draft_id, step_id)

    def open_drafts(self, ctx: UnitContext) -> list[DraftSummary]:
        return drafts.open_drafts(ctx)

    def discard_draft(self, ctx: UnitContext, draft_id: str) -> None:
        drafts.discard_draft(ctx, draft_id)

    def complete(
        self,
        ctx: UnitContext,
        draft_id: str,
        protocol: ConversationProtocol,
        *,
        guard_override_reason: str | None = None,
    ) -> Encounter:
        return cases.complete(ctx, draft_id, protocol, guard_override_reason=guard_override_reason)

    def start_followup(
        self, ctx: UnitContext, protocol: ConversationProtocol, followup_id: str
    ) -> Draft:
        return drafts.start_followup(ctx, protocol, followup_id)

    def directory(self, ctx: UnitContext) -> list[DirectoryEntry]:
        return directory.directory(ctx, content_language())

    def roster(self, ctx: UnitContext) -> list[str]:
        return directory.roster(ctx)

    def record_emergency(self, ctx: UnitContext, case_code: str | None = None) -> Escalation:
        return escalations.record_emergency(ctx, case_code)

    def open_escalations(self, ctx: UnitContext, now: datetime | None = None) -> list[Escalation]:
        return escalations.open_escalations(ctx, now)

    def hand_off_escalation(
        self, ctx: UnitContext, escalation_id: str, handed_to: str | None = None
    ) -> Escalation:
        return escalations.hand_off_escalation(ctx, escalation_id, handed_to)

    def close_escalation(self, ctx: UnitContext, escalation_id: str, outcome: str) -> Escalation:
        return escalations.close_escalation(ctx, escalation_id, outcome)

    def followups_for_unit(self, ctx: UnitContext, today: date | None = None) -> FollowupQueue:
        return followups.followups_for_unit(ctx, today)

    def take_over_followup(self, ctx: UnitContext, followup_id: str) -> Followup:
        return followups.take_over_followup(ctx, followup_id)


@dataclass(frozen=True)
class ConversationServices:
    """What the conversation window needs from the core: the unit's operations and the content
    it reads (rules, cards, record fields); tests pass fakes for `unit` and `guard_check`."""

    unit: UnitServices
    evaluate: Callable[[Mapping[str, object]], EscalationResult]
    rule_answers: Callable[[Mapping[str, object], Mapping[str, object]], dict[str, object]]
    guard_check: GuardCheck
    cards: Sequence[ReferenceCard] = ()
    record_vocabulary: RecordVocabulary | None = None
    editable_fields: Sequence[str] = ()
    #: record fields prefilled from answers (e.g. event_categories <- event.categories)
    prefilled_fields: Sequence[str] = ()
    required_fields: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @classmethod
    def default(cls) -> ConversationServices:
        """The real core: the store's operations, the bundled rules, cards and vocabulary."""
        return cls(
            unit=CoreUnitServices(),
            evaluate=rules.evaluate,
            rule_answers=drafts.rule_answers,
            guard_check=guard.check,
            cards=tuple(cards.load_cards(language=content_language()).values()),
            record_vocabulary=load_record_vocabulary(language=content_language()),
            editable_fields=tuple(sorted(records.EDITABLE_FIELDS)),
            prefilled_fields=tuple(records.FROM_ANSWERS),
            required_fields={k: tuple(v) for k, v in records.REQUIRED.items()},
        )
