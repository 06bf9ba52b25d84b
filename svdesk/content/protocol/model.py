"""The conversation protocol's data: steps, questions, options and show_if conditions.

Plain frozen values built by the loader (svdesk.content.protocol.loader); nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final, Literal, cast

from svdesk.errors import ValidationError

QuestionType = Literal["bool", "choice", "multi", "int", "scale"]


QUESTION_TYPES: Final[tuple[QuestionType, ...]] = ("bool", "choice", "multi", "int", "scale")


# The kinds of conversation (record field encounter_type): the protocol, the cases and the
# record use these; a test ties them to the record vocabulary's codes.
ENCOUNTER_TYPES: Final = ("initial", "follow_up")

# What the app adds to a step beyond its wording and questions (the file says it with `kind`,
# so the UI never guesses from a step id): "talk" nothing; "resources" the unit's resource
# directory; "disposition" the referral and follow-up fields and the emergency confirmations;
# "record" the remaining record fields and the note.
StepKind = Literal["talk", "resources", "disposition", "record"]
STEP_KINDS: Final[tuple[StepKind, ...]] = ("talk", "resources", "disposition", "record")
# Kinds every protocol has exactly once, in follow-ups too: completion needs their fields.
SINGLE_STEP_KINDS: Final[tuple[StepKind, ...]] = ("disposition", "record")


# Record fields (data-dictionary §2) that the supporter answers during the conversation. The
# other record fields are derived (time_since_event, stress_zone, …), set by the app
# (encounter_id, case_code, …) or handled by the record screen (note).
CONVERSATION_RECORD_FIELDS: Final[frozenset[str]] = frozenset(
    {
        "activation_source",
        "modality",
        "format",
        "people_reached",
        "response_time",
        "role_category",
        "unit_category",
        "interventions",
        "referral_targets",
        "referral_accepted",
        "followup_plan",
        "duration",
        "needs_met",
    }
)


# A program may add questions of its own under this prefix; they are kept in the draft only.
LOCAL_PREFIX: Final = "local."


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Condition:
    """A `show_if` / `suggested_if` condition over other answers.

    A leaf compares one answer (`answer`, `op`, `value`); `any` / `all` combine `children`.
    A condition on an absent answer is false, negations included (as in the escalation rules).
    """

    op: str
    answer: str = ""
    value: object = None
    children: tuple[Condition, ...] = ()

    def holds(self, answers: Mapping[str, object]) -> bool:
        if self.op == "any":
            return any(child.holds(answers) for child in self.children)
        if self.op == "all":
            return all(child.holds(answers) for child in self.children)
        current = answers.get(self.answer)
        if current is None:
            return False
        if self.op in ("is", "eq"):
            return _same(current, self.value)
        if self.op == "ne":
            return not _same(current, self.value)
        if self.op == "in":
            return any(_same(current, v) for v in cast(tuple[object, ...], self.value))
        if self.op == "contains":
            return isinstance(current, (list, tuple)) and self.value in current
        if isinstance(current, bool) or not isinstance(current, int):
            return False
        threshold = cast(int, self.value)
        if self.op == "gt":
            return current > threshold
        if self.op == "ge":
            return current >= threshold
        if self.op == "lt":
            return current < threshold
        return current <= threshold  # le

    def answer_ids(self) -> frozenset[str]:
        if self.children:
            return frozenset().union(*(c.answer_ids() for c in self.children))
        return frozenset({self.answer}) if self.answer else frozenset()


def _same(a: object, b: object) -> bool:
    # True == 1 in Python; an answer `true` must not match a count of 1.
    return type(a) is type(b) and a == b


@dataclass(frozen=True)
class Question:
    """One question; `id` is the answer id (§1) or record field (§2) it collects."""

    id: str
    type: QuestionType
    label: str
    help: str = ""
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    show_if: Condition | None = None
    required: bool = False
    followup_only: bool = False
    initial_only: bool = False
    step_id: str = ""
    # The wording at follow-ups when it differs (e.g. the screener's "since last contact"
    # version: "Since we last spoke, have you…"); empty = the same label as at a first contact.
    followup_label: str = ""

    def label_for(self, encounter_type: str) -> str:
        """The question's wording in an `initial` or a `follow_up` conversation."""
        if encounter_type == "follow_up" and self.followup_label:
            return self.followup_label
        return self.label

    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def label_of(self, code: str) -> str:
        for option in self.options:
            if option.code == code:
                return option.label
        return code

    def asked_in(self, encounter_type: str) -> bool:
        if encounter_type == "initial":
            return not self.followup_only
        return not self.initial_only

    def problem(self, value: object) -> str | None:
        """Why `value` cannot be this question's answer, or None when it can."""
        if self.type == "bool":
            return None if isinstance(value, bool) else "must be true or false"
        if self.type in ("int", "scale"):
            if isinstance(value, bool) or not isinstance(value, int):
                return f"must be a whole number{_range_text(self.min, self.max)}"
            if (self.min is not None and value < self.min) or (
                self.max is not None and value > self.max
            ):
                return f"must be a whole number{_range_text(self.min, self.max)}, not {value}"
            return None
        codes = self.codes()
        if self.type == "choice":
            if not isinstance(value, str) or value not in codes:
                return f"must be one of {', '.join(codes)}"
            return None
        if not isinstance(value, (list, tuple, set, frozenset)):
            return f"must be a list of codes from {', '.join(codes)}"
        seen: set[object] = set()
        for item in value:
            if not isinstance(item, str) or item not in codes:
                return f"has {item!r}, which is not one of {', '.join(codes)}"
            if item in seen:
                return f"lists {item!r} twice"
            seen.add(item)
        return None


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    if high is not None:
        return f" of at most {high}"
    return ""


@dataclass(frozen=True)
class ProtocolStep:
    id: str
    number: int
    title: str
    kind: StepKind
    intent: str
    phrasings: tuple[str, ...]
    avoid: tuple[str, ...]
    tips: tuple[str, ...]
    cards: tuple[str, ...]
    questions: tuple[Question, ...]
    followup: bool
    sources: tuple[str, ...] = ()
    suggested_if: Condition | None = None
    # Id of a program text (resources/program/texts.toml, editable by the unit admin) that the
    # step shows, e.g. the Frame step's confidentiality statement; empty = none.
    program_text: str = ""


@dataclass(frozen=True)
class Protocol:
    id: str
    version: str
    language: str
    title: str
    steps: tuple[ProtocolStep, ...]
    description: str = ""
    sources: tuple[str, ...] = ()
    _questions: Mapping[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._questions:
            index = {q.id: q for s in self.steps for q in s.questions}
            object.__setattr__(self, "_questions", index)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in step order."""
        return tuple(q for s in self.steps for q in s.questions)

    def question(self, qid: str) -> Question:
        try:
            return self._questions[qid]
        except KeyError:
            raise ValidationError(
                f"The protocol {self.id} {self.version} has no question {qid!r}; "
                "use an id the protocol asks.",
                [(qid, "is not a question of the protocol")],
            ) from None

    def has_question(self, qid: str) -> bool:
        return qid in self._questions

    def step(self, step_id: str) -> ProtocolStep:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise ValidationError(
            f"The protocol {self.id} {self.version} has no step {step_id!r}; "
            "use a step id of the protocol.",
            [(step_id, "is not a step of the protocol")],
        )

    def steps_for(self, encounter_type: str) -> tuple[ProtocolStep, ...]:
        """The steps of an `initial` conversation (all) or a `follow_up` (those marked followup).

        At a follow-up each question carries its follow-up wording as its `label` (e.g. the
        screener's "Since we last spoke, have you…"), so a screen that shows `label` shows the
        wording of this encounter type.
        """
        check_encounter_type(encounter_type)
        if encounter_type == "initial":
            return self.steps
        return tuple(_worded_for_followup(s) for s in self.steps if s.followup)

    def question_ids(self) -> frozenset[str]:
        return frozenset(self._questions)


def check_encounter_type(encounter_type: str) -> None:
    if encounter_type not in ENCOUNTER_TYPES:
        raise ValidationError(
            f"Unknown encounter type {encounter_type!r}; use initial or follow_up.",
            [("encounter_type", "must be initial or follow_up")],
        )


def _worded_for_followup(step: ProtocolStep) -> ProtocolStep:
    if not any(q.followup_label for q in step.questions):
        return step
    questions = tuple(
        replace(q, label=q.label_for("follow_up")) if q.followup_label else q
        for q in step.questions
    )
    return replace(step, questions=questions)
