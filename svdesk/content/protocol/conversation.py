"""The state of one support conversation over a protocol: answers, visibility, completeness.

Pure: nothing here stores anything — the cases module persists the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

from svdesk.content.answers import AnswerVocabulary, load_vocabulary
from svdesk.content.protocol.model import (
    CONVERSATION_RECORD_FIELDS,
    Protocol,
    ProtocolStep,
    Question,
    check_encounter_type,
)
from svdesk.errors import ValidationError


class Conversation:
    """The state of one support conversation over `protocol`: answers, visibility, completeness.

    No storage: the caller persists `answers` after each change. Answers of questions hidden by
    a `show_if` are removed as soon as they become hidden (e.g. screener items 3–5 when item 2
    goes back to no), so a draft never keeps an answer to a question that was not asked.
    """

    def __init__(
        self,
        protocol: Protocol,
        answers: Mapping[str, object] | None = None,
        encounter_type: str = "initial",
    ) -> None:
        check_encounter_type(encounter_type)
        self.protocol = protocol
        self.encounter_type = encounter_type
        self.answers: dict[str, object] = {}
        problems: list[tuple[str, str]] = []
        for qid, value in (answers or {}).items():
            if value is None:
                continue
            if not protocol.has_question(qid):
                problems.append((qid, "is not a question of the protocol"))
                continue
            question = protocol.question(qid)
            problem = question.problem(value)
            if problem is not None:
                problems.append((qid, problem))
                continue
            self.answers[qid] = _normalised(question, value)
        if problems:
            qid, problem = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ValidationError(
                f"Answer {qid} {problem}{more}; correct the answers and try again.", problems
            )
        self._prune_hidden()

    def steps(self) -> tuple[ProtocolStep, ...]:
        return self.protocol.steps_for(self.encounter_type)

    def visible_questions(self, step_id: str) -> tuple[Question, ...]:
        """The questions of `step_id` asked now, worded for this encounter type."""
        self.protocol.step(step_id)  # an unknown step is an error
        step = next((s for s in self.steps() if s.id == step_id), None)
        if step is None:
            return ()
        return tuple(q for q in step.questions if self._shown(q))

    def is_visible(self, qid: str) -> bool:
        """Whether `qid` is asked now: its step belongs to this encounter and show_if holds."""
        question = self.protocol.question(qid)
        if all(s.id != question.step_id for s in self.steps()):
            return False
        return self._shown(question)

    def _shown(self, question: Question) -> bool:
        if not question.asked_in(self.encounter_type):
            return False
        return question.show_if is None or question.show_if.holds(self.answers)

    def answer(self, qid: str, value: object) -> dict[str, object]:
        """Record `value` for `qid` (None clears it); returns a copy of the new answers.

        Raises `ValidationError` naming the id when the value has the wrong type, an unknown code
        or is out of range, or when the question is hidden by its show_if.
        """
        question = self.protocol.question(qid)
        if value is None:
            self.clear(qid)
            return dict(self.answers)
        problem = question.problem(value)
        if problem is not None:
            raise ValidationError(
                f"Answer {qid} {problem}; choose a valid answer.", [(qid, problem)]
            )
        if question.show_if is not None and not question.show_if.holds(self.answers):
            raise ValidationError(
                f"{qid} is not asked with the answers given so far; answer the question it "
                "depends on first.",
                [(qid, "is hidden by its show_if condition")],
            )
        self.answers[qid] = _normalised(question, value)
        self._prune_hidden()
        return dict(self.answers)

    def clear(self, qid: str) -> None:
        self.protocol.question(qid)  # unknown ids are an error, not a silent no-op
        self.answers.pop(qid, None)
        self._prune_hidden()

    def missing_required(self) -> list[str]:
        """Ids of required questions that are asked now and not yet answered, in step order."""
        return [
            q.id
            for s in self.steps()
            for q in s.questions
            if q.required and q.id not in self.answers and self._shown(q)
        ]

    def suggested_steps(self) -> frozenset[str]:
        """Steps the answers so far suggest opening (e.g. the safety check in orange/red)."""
        return frozenset(
            s.id
            for s in self.steps()
            if s.suggested_if is not None and s.suggested_if.holds(self.answers)
        )

    def rule_answers(self, vocabulary: AnswerVocabulary | None = None) -> dict[str, object]:
        """The answers the escalation rules read (data-dictionary §1 ids only)."""
        ids = (vocabulary or load_vocabulary()).answers
        return {k: v for k, v in self.answers.items() if k in ids}

    def record_answers(self) -> dict[str, object]:
        """The record fields (data-dictionary §2) collected during the conversation."""
        return {k: v for k, v in self.answers.items() if k in CONVERSATION_RECORD_FIELDS}

    def _prune_hidden(self) -> None:
        # Removing one answer can hide another (chains of show_if): repeat until stable.
        changed = True
        while changed:
            changed = False
            for qid in list(self.answers):
                question = self.protocol.question(qid)
                if question.show_if is not None and not question.show_if.holds(self.answers):
                    del self.answers[qid]
                    changed = True


def _normalised(question: Question, value: object) -> object:
    if question.type == "multi":
        chosen = set(cast(Iterable[str], value))
        return [code for code in question.codes() if code in chosen]  # option order
    return value
