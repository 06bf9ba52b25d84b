"""What stands between a conversation and its completion: missing required answers, unconfirmed
emergency steps, an emergency with no follow-up, missing record fields, a blocked note; and which
control to show for each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svdesk.errors import ValidationError
from ui.qt import QtCore, QtWidgets
from ui.unit.disposition import DISPOSITION_FIELDS

if TYPE_CHECKING:
    from svdesk.content.protocol.model import ProtocolStep
    from svdesk.content.record_fields import RecordVocabulary
    from ui.unit.conversation import ConversationWindow


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("ConversationWindow", text)


def record_step_id(steps: Sequence[ProtocolStep], kind: str) -> str | None:
    """The id of the (one) step of `kind`, or None."""
    for step in steps:
        if step.kind == kind:
            return str(step.id)
    return None


def missing_record_fields(window: ConversationWindow) -> list[str]:
    """Record fields the encounter type requires that have no value yet."""
    required = window.services.required_fields.get(str(window.draft.encounter_type), ())
    answers = window.conversation.answers
    return [f for f in required if window._record_edits.get(f) is None and answers.get(f) is None]


def follow_up_plan(window: ConversationWindow) -> object:
    """The follow-up plan chosen so far (a record field or an answer), or None."""
    plan = window._record_edits.get("followup_plan")
    return plan if plan is not None else window.conversation.answers.get("followup_plan")


def emergency_without_follow_up(window: ConversationWindow) -> bool:
    """An emergency with "No follow-up": completing needs a plan (issue 17, item 7)."""
    result = window._result
    return result is not None and result.level == "emergency" and follow_up_plan(window) == "none"


def steps_missing_record_fields(window: ConversationWindow) -> set[str]:
    """The steps that ask for the missing record fields (marked in the step rail)."""
    out = set()
    for name in missing_record_fields(window):
        if name in window._step_of:
            out.add(window._step_of[name])
        elif name in DISPOSITION_FIELDS:
            step = record_step_id(window._steps, "disposition")
            if step:
                out.add(step)
        else:
            step = record_step_id(window._steps, "record")
            if step:
                out.add(step)
    return out


def problem_widget(window: ConversationWindow, step_id: str) -> QtWidgets.QWidget | None:
    """The control to show and focus for a completion problem on `step_id`."""
    page = window._page(step_id)
    kind = page.step.kind
    disposition, record = window._disposition, window._record_page
    if (
        kind == "disposition"
        and disposition
        and disposition.emergency_box.isVisibleTo(window)
        and not disposition.confirmations_complete()
    ):
        return disposition.confirm_stay
    if kind == "record" and record is not None and record.note.blocking_message():
        return record.note.editor
    missing = set(window.conversation.missing_required())
    missing |= set(missing_record_fields(window))
    if emergency_without_follow_up(window):
        missing.add("followup_plan")
    for qid, widget in page.question_widgets.items():
        if qid in missing:
            return widget
    extra = window._record_page if kind == "record" else window._disposition
    if extra is not None:
        for name, widget in extra.field_widgets.items():
            if name in missing:
                return widget
    return None


def completion_problems(window: ConversationWindow) -> list[tuple[str, str | None]]:
    """Everything that stands between the conversation and its completion, each as (message,
    step to show), in the order of the steps' work: all at once, so that the supporter does not
    meet them one round at a time (issue 17, item 8)."""
    problems: list[tuple[str, str | None]] = []
    missing = window.conversation.missing_required()
    if missing:
        labels = []
        for qid in missing:
            try:
                labels.append(str(window.question_widget(qid).question.label))
            except KeyError:
                labels.append(qid)
        problems.append(
            (
                _tr("Some required answers are missing: {what}.").format(what="; ".join(labels)),
                window._step_of.get(missing[0]),
            )
        )
    if window._result is not None and window._result.level == "emergency":
        disposition = record_step_id(window._steps, "disposition")
        if disposition is not None:
            window._page(disposition)
        if window._disposition is None or not window._disposition.confirmations_complete():
            problems.append(
                (
                    _tr(
                        "This is an emergency: confirm that someone stays with the person, that "
                        "the emergency response was called and to whom you handed over."
                    ),
                    disposition,
                )
            )
        if follow_up_plan(window) == "none":
            problems.append(
                (
                    _tr(
                        "This is an emergency: plan a follow-up (within 24–72 hours unless the "
                        'crisis team says otherwise); "No follow-up" is not enough.'
                    ),
                    window._step_of.get("followup_plan", disposition),
                )
            )
    missing_fields = missing_record_fields(window)
    if missing_fields:
        vocabulary = window.services.record_vocabulary
        names = [field_label(vocabulary, f) for f in missing_fields]
        target = record_step_id(
            window._steps, "disposition" if missing_fields[0] in DISPOSITION_FIELDS else "record"
        )
        problems.append(
            (_tr("Some record fields are missing: {what}.").format(what="; ".join(names)), target)
        )
    record_step = record_step_id(window._steps, "record")
    if record_step is not None:
        window._page(record_step)
    if window._record_page is not None:
        blocked = window._record_page.note.blocking_message()
        if blocked:
            problems.append((blocked, record_step))
    return problems


def completion_problem(window: ConversationWindow) -> tuple[str, str | None] | None:
    """Why the conversation cannot be completed yet, as one message listing every problem and
    the step of the first one to show, or None."""
    problems = completion_problems(window)
    if not problems:
        return None
    if len(problems) == 1:
        return problems[0]
    lines = [_tr("Before completing:")] + ["• " + text for text, _step in problems]
    return "\n".join(lines), problems[0][1]


def field_label(vocabulary: RecordVocabulary | None, name: str) -> str:
    if vocabulary is not None:
        try:
            return str(vocabulary.field(name).label)
        except (KeyError, ValidationError):
            pass
    return name.replace("_", " ")
