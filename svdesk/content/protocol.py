"""The conversation protocol: loading and validating protocol files, and the conversation state.

A protocol file (TOML, see docs/protocol-format.md) holds the steps, their wording and the
questions; `Conversation` applies it to a mapping of answers (visibility, types, codes, ranges).
Pure: nothing here stores anything — the cases module persists the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final, Literal, cast

from svdesk.content.answers import AnswerSpec, AnswerVocabulary, load_vocabulary
from svdesk.content.cards import load_cards
from svdesk.content.record_fields import (
    ContentError,
    Problems,
    RecordField,
    RecordVocabulary,
    check_keys,
    load_record_vocabulary,
    parse_toml,
    read_toml_file,
    text_of,
    texts_of,
)
from svdesk.content.resources import read_text
from svdesk.content.rules import load_rules
from svdesk.errors import ValidationError

QuestionType = Literal["bool", "choice", "multi", "int", "scale"]
QUESTION_TYPES: Final[tuple[QuestionType, ...]] = ("bool", "choice", "multi", "int", "scale")
ENCOUNTER_TYPES: Final = ("initial", "follow_up")
BUNDLED_PROTOCOL: Final = "resources/protocols/default.toml"

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

# The question types that may collect an answer of each vocabulary type.
_ANSWER_TYPE_FITS: Final[Mapping[str, tuple[QuestionType, ...]]] = {
    "bool": ("bool",),
    "integer": ("int", "scale"),
    "code": ("choice",),
    "code_list": ("multi",),
}

_PROTOCOL_KEYS: Final = ("id", "version", "language", "title", "description", "sources", "steps")
_STEP_KEYS: Final = (
    "id",
    "number",
    "title",
    "intent",
    "phrasings",
    "avoid",
    "tips",
    "cards",
    "sources",
    "followup",
    "suggested_if",
    "questions",
)
_QUESTION_KEYS: Final = (
    "id",
    "type",
    "label",
    "help",
    "options",
    "min",
    "max",
    "show_if",
    "required",
    "followup_only",
    "initial_only",
)
# The same condition language as the escalation rules (docs/rules-format.md), so a program
# editing both files learns it once.
OPERATORS: Final = ("is", "eq", "ne", "gt", "ge", "lt", "le", "contains", "in")
_OPERATORS_FOR: Final[Mapping[str, tuple[str, ...]]] = {
    "bool": ("is", "eq", "ne"),
    "int": ("eq", "ne", "gt", "ge", "lt", "le", "in"),
    "scale": ("eq", "ne", "gt", "ge", "lt", "le", "in"),
    "choice": ("eq", "ne", "in"),
    "multi": ("contains",),
}


# --------------------------------------------------------------------------- model


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
    intent: str
    phrasings: tuple[str, ...]
    avoid: tuple[str, ...]
    tips: tuple[str, ...]
    cards: tuple[str, ...]
    questions: tuple[Question, ...]
    followup: bool
    sources: tuple[str, ...] = ()
    suggested_if: Condition | None = None


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
        """The steps of an `initial` conversation (all) or a `follow_up` (those marked followup)."""
        _check_encounter_type(encounter_type)
        if encounter_type == "initial":
            return self.steps
        return tuple(s for s in self.steps if s.followup)

    def question_ids(self) -> frozenset[str]:
        return frozenset(self._questions)


def _check_encounter_type(encounter_type: str) -> None:
    if encounter_type not in ENCOUNTER_TYPES:
        raise ValidationError(
            f"Unknown encounter type {encounter_type!r}; use initial or follow_up.",
            [("encounter_type", "must be initial or follow_up")],
        )


# --------------------------------------------------------------------------- loading


def load_protocol(path: Path | None = None) -> Protocol:
    """The protocol in `path`, or the bundled default (cached) when `path` is None.

    Raises `ContentError` (a `ValidationError`) naming the file, the path in it and each problem.
    """
    if path is None:
        return _bundled()
    return parse_protocol(read_toml_file(path), str(path))


@cache
def _bundled() -> Protocol:
    return parse_protocol(
        parse_toml(read_text("protocols", "default.toml"), BUNDLED_PROTOCOL), BUNDLED_PROTOCOL
    )


def parse_protocol(
    data: Mapping[str, object],
    source: str,
    *,
    answers: AnswerVocabulary | None = None,
    record: RecordVocabulary | None = None,
    card_ids: Iterable[str] | None = None,
    rule_answer_ids: Iterable[str] | None = None,
) -> Protocol:
    """Validate parsed protocol TOML and build the `Protocol`; `source` names the file in errors.

    The vocabularies, card ids and the answer ids the rules read default to the bundled ones.
    """
    checker = _ProtocolChecker(
        source,
        answers or load_vocabulary(),
        record or load_record_vocabulary(),
        frozenset(card_ids) if card_ids is not None else _bundled_card_ids(),
        frozenset(rule_answer_ids) if rule_answer_ids is not None else _rule_answer_ids(),
    )
    return checker.check(data)


def _bundled_card_ids() -> frozenset[str]:
    return frozenset(load_cards())


def _rule_answer_ids() -> frozenset[str]:
    """Answer ids the bundled escalation rules read: each must be asked by some question."""
    return load_rules().answer_ids()


class _ProtocolChecker:
    """Walks the parsed TOML once, collecting every problem with its path."""

    def __init__(
        self,
        source: str,
        answers: AnswerVocabulary,
        record: RecordVocabulary,
        card_ids: frozenset[str],
        rule_answer_ids: frozenset[str] | None,
    ) -> None:
        self.problems = Problems(source)
        self.answers = answers
        self.record = record
        self.card_ids = card_ids
        self.rule_answer_ids = rule_answer_ids
        # question id -> its path in the file (for reports that name another question)
        self.question_paths: dict[str, str] = {}
        self.questions: dict[str, Question] = {}
        self.broken_ids: set[str] = set()
        # conditions to check once every question is known: (path, raw condition, owner id)
        self.pending: list[tuple[str, object, str | None]] = []

    def add(self, path: str, problem: str) -> None:
        self.problems.add(path, problem)

    # ---- top level
    def check(self, data: Mapping[str, object]) -> Protocol:
        check_keys(data, _PROTOCOL_KEYS, "", self.problems)
        pid = text_of(data.get("id"), "id", self.problems)
        version = text_of(data.get("version"), "version", self.problems)
        language = text_of(data.get("language"), "language", self.problems)
        title = text_of(data.get("title"), "title", self.problems)
        description = text_of(data.get("description"), "description", self.problems, required=False)
        sources = texts_of(data.get("sources"), "sources", self.problems)
        raw_steps = data.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            self.add("steps", "must be a non-empty list of [[steps]] tables")
            raw_steps = []
        step_shells: list[dict[str, object]] = []
        step_ids: dict[str, int] = {}
        numbers: dict[int, int] = {}
        for i, raw in enumerate(raw_steps):
            path = f"steps[{i}]"
            if not isinstance(raw, dict):
                self.add(path, "must be a table")
                continue
            shell = self._step(raw, path, i, step_ids, numbers)
            step_shells.append(shell)
        # Conditions refer to questions anywhere in the file: check them after the walk.
        conditions = self._resolve_conditions()
        steps: list[ProtocolStep] = []
        for shell in step_shells:
            i = cast(int, shell["index"])
            questions = tuple(
                _with_show_if(q, conditions.get(f"steps[{i}].questions[{j}].show_if"))
                for j, q in cast(list[tuple[int, Question]], shell["questions"])
            )
            steps.append(
                ProtocolStep(
                    id=cast(str, shell["id"]),
                    number=cast(int, shell["number"]),
                    title=cast(str, shell["title"]),
                    intent=cast(str, shell["intent"]),
                    phrasings=cast(tuple[str, ...], shell["phrasings"]),
                    avoid=cast(tuple[str, ...], shell["avoid"]),
                    tips=cast(tuple[str, ...], shell["tips"]),
                    cards=cast(tuple[str, ...], shell["cards"]),
                    sources=cast(tuple[str, ...], shell["sources"]),
                    followup=cast(bool, shell["followup"]),
                    suggested_if=conditions.get(f"steps[{i}].suggested_if"),
                    questions=questions,
                )
            )
        self._check_cycles(steps)
        self._check_rules_collected()
        self.problems.raise_if_any()
        return Protocol(
            id=pid,
            version=version,
            language=language,
            title=title,
            description=description,
            sources=sources,
            steps=tuple(steps),
        )

    # ---- steps
    def _step(
        self,
        raw: Mapping[str, object],
        path: str,
        index: int,
        step_ids: dict[str, int],
        numbers: dict[int, int],
    ) -> dict[str, object]:
        check_keys(raw, _STEP_KEYS, path, self.problems)
        sid = text_of(raw.get("id"), f"{path}.id", self.problems)
        if sid in step_ids:
            self.add(f"{path}.id", f"duplicate step id {sid!r} (also steps[{step_ids[sid]}])")
        elif sid:
            step_ids[sid] = index
        number = raw.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            self.add(f"{path}.number", "must be a whole number of at least 0")
            number = index
        elif number in numbers:
            self.add(
                f"{path}.number", f"duplicate step number {number} (also steps[{numbers[number]}])"
            )
        else:
            numbers[number] = index
        title = text_of(raw.get("title"), f"{path}.title", self.problems)
        intent = text_of(raw.get("intent"), f"{path}.intent", self.problems)
        cards = texts_of(raw.get("cards"), f"{path}.cards", self.problems)
        for k, card in enumerate(cards):
            if card not in self.card_ids:
                known = ", ".join(sorted(self.card_ids)) or "none"
                self.add(f"{path}.cards[{k}]", f"unknown card id {card!r} (known: {known})")
        followup = raw.get("followup", False)
        if not isinstance(followup, bool):
            self.add(f"{path}.followup", "must be true or false")
            followup = False
        if "suggested_if" in raw:
            self.pending.append((f"{path}.suggested_if", raw["suggested_if"], None))
        raw_questions = raw.get("questions", [])
        questions: list[tuple[int, Question]] = []
        if not isinstance(raw_questions, list):
            self.add(f"{path}.questions", "must be a list of [[steps.questions]] tables")
            raw_questions = []
        for j, rq in enumerate(raw_questions):
            qpath = f"{path}.questions[{j}]"
            if not isinstance(rq, dict):
                self.add(qpath, "must be a table")
                continue
            question = self._question(rq, qpath, sid)
            if question is not None:
                questions.append((j, question))
        return {
            "index": index,
            "id": sid,
            "number": number,
            "title": title,
            "intent": intent,
            "phrasings": texts_of(raw.get("phrasings"), f"{path}.phrasings", self.problems),
            "avoid": texts_of(raw.get("avoid"), f"{path}.avoid", self.problems),
            "tips": texts_of(raw.get("tips"), f"{path}.tips", self.problems),
            "cards": cards,
            "sources": texts_of(raw.get("sources"), f"{path}.sources", self.problems),
            "followup": followup,
            "questions": questions,
        }

    # ---- questions
    def _question(self, raw: Mapping[str, object], path: str, step_id: str) -> Question | None:
        check_keys(raw, _QUESTION_KEYS, path, self.problems)
        qid = text_of(raw.get("id"), f"{path}.id", self.problems)
        kind = raw.get("type")
        if kind not in QUESTION_TYPES:
            # Remember the id so that this one mistake is not reported again by every
            # condition that refers to it and by the rules-collected check.
            if qid:
                self.broken_ids.add(qid)
            self.add(
                f"{path}.type", f"unknown type {kind!r} (use one of {', '.join(QUESTION_TYPES)})"
            )
            return None
        qtype: QuestionType = kind
        label = text_of(raw.get("label"), f"{path}.label", self.problems)
        help_text = text_of(raw.get("help"), f"{path}.help", self.problems, required=False)
        flags: dict[str, bool] = {}
        for flag in ("required", "followup_only", "initial_only"):
            value = raw.get(flag, False)
            if not isinstance(value, bool):
                self.add(f"{path}.{flag}", "must be true or false")
                value = False
            flags[flag] = value
        if flags["followup_only"] and flags["initial_only"]:
            self.add(f"{path}.initial_only", "cannot be set together with followup_only")

        spec = self._target(qid, qtype, path)
        low, high = self._bounds(raw, qtype, spec, path)
        options = self._options(raw, qtype, qid, spec, path)

        if qid in self.question_paths:
            other = self.question_paths[qid]
            self.add(f"{path}.id", f"duplicate question id {qid!r} (also {other})")
            return None
        if not qid:
            return None
        self.question_paths[qid] = path
        if "show_if" in raw:
            self.pending.append((f"{path}.show_if", raw["show_if"], qid))
        question = Question(
            id=qid,
            type=qtype,
            label=label,
            help=help_text,
            options=options,
            min=low,
            max=high,
            required=flags["required"],
            followup_only=flags["followup_only"],
            initial_only=flags["initial_only"],
            step_id=step_id,
        )
        self.questions[qid] = question
        return question

    def _target(self, qid: str, qtype: QuestionType, path: str) -> AnswerSpec | RecordField | None:
        """The vocabulary entry the question collects (None for local questions)."""
        if not qid:
            return None
        spec: AnswerSpec | RecordField | None
        if qid in self.answers.answers:
            spec = self.answers.answers[qid]
        elif qid in CONVERSATION_RECORD_FIELDS and qid in self.record.fields:
            spec = self.record.fields[qid]
        elif qid.startswith(LOCAL_PREFIX) and len(qid) > len(LOCAL_PREFIX):
            return None
        elif qid in self.record.fields:
            self.add(
                f"{path}.id",
                f"{qid!r} is a record field the app fills itself; it cannot be asked as a question",
            )
            return None
        else:
            self.add(
                f"{path}.id",
                f"unknown id {qid!r}: not an answer id of the data "
                f"dictionary, a conversation record field, nor "
                f"{LOCAL_PREFIX}*",
            )
            return None
        fits = _ANSWER_TYPE_FITS[spec.type]
        if qtype not in fits:
            self.add(
                f"{path}.type",
                f"{qid!r} holds {spec.type} values, so the type must be "
                f"{' or '.join(fits)}, not {qtype}",
            )
        return spec

    def _bounds(
        self,
        raw: Mapping[str, object],
        qtype: QuestionType,
        spec: AnswerSpec | RecordField | None,
        path: str,
    ) -> tuple[int | None, int | None]:
        values: dict[str, int | None] = {"min": None, "max": None}
        for bound in ("min", "max"):
            if bound not in raw:
                continue
            value = raw[bound]
            if qtype not in ("int", "scale"):
                self.add(f"{path}.{bound}", f"is only allowed for int and scale, not {qtype}")
            elif isinstance(value, bool) or not isinstance(value, int):
                self.add(f"{path}.{bound}", "must be a whole number")
            else:
                values[bound] = value
        low, high = values["min"], values["max"]
        if qtype not in ("int", "scale"):
            return None, None
        if spec is not None:
            vlow, vhigh = spec.minimum, spec.maximum
            if low is not None and vlow is not None and low < vlow:
                self.add(f"{path}.min", f"is {low}, below the data dictionary's minimum {vlow}")
            if high is not None and vhigh is not None and high > vhigh:
                self.add(f"{path}.max", f"is {high}, above the data dictionary's maximum {vhigh}")
            low = vlow if low is None else low
            high = vhigh if high is None else high
        if low is not None and high is not None and low > high:
            self.add(f"{path}.max", f"min > max ({low} > {high})")
        if qtype == "scale" and (low is None or high is None):
            self.add(path, "a scale needs both min and max")
        return low, high

    def _options(
        self,
        raw: Mapping[str, object],
        qtype: QuestionType,
        qid: str,
        spec: AnswerSpec | RecordField | None,
        path: str,
    ) -> tuple[Option, ...]:
        raw_options = raw.get("options")
        if qtype not in ("choice", "multi"):
            if raw_options is not None:
                self.add(f"{path}.options", f"is only allowed for choice and multi, not {qtype}")
            return ()
        allowed: tuple[str, ...] | None = None
        if isinstance(spec, AnswerSpec):
            allowed = spec.codes
        elif isinstance(spec, RecordField):
            allowed = spec.code_ids()
        if raw_options is None:
            # Record fields carry labels in the record vocabulary; answer codes do not.
            if isinstance(spec, RecordField) and spec.codes:
                return tuple(Option(c.code, c.label) for c in spec.codes)
            self.add(f"{path}.options", "is missing: list the options with code and label")
            return ()
        if not isinstance(raw_options, list) or not raw_options:
            self.add(f"{path}.options", "must be a non-empty list of { code, label } tables")
            return ()
        options: list[Option] = []
        seen: dict[str, int] = {}
        for k, entry in enumerate(raw_options):
            opath = f"{path}.options[{k}]"
            if not isinstance(entry, dict):
                self.add(opath, "must be a table { code = ..., label = ... }")
                continue
            check_keys(entry, ("code", "label", "help"), opath, self.problems)
            code = text_of(entry.get("code"), f"{opath}.code", self.problems)
            label = text_of(entry.get("label"), f"{opath}.label", self.problems)
            help_text = text_of(entry.get("help"), f"{opath}.help", self.problems, required=False)
            if not code:
                continue
            if code in seen:
                self.add(f"{opath}.code", f"duplicate code {code!r} (also options[{seen[code]}])")
                continue
            seen[code] = k
            if allowed is not None and code not in allowed:
                self.add(
                    f"{opath}.code",
                    f"unknown code {code!r} for {qid!r} (the vocabulary has {', '.join(allowed)})",
                )
                continue
            options.append(Option(code, label, help_text))
        return tuple(options)

    # ---- conditions
    def _resolve_conditions(self) -> dict[str, Condition]:
        resolved: dict[str, Condition] = {}
        for path, raw, owner in self.pending:
            condition = self._condition(raw, path, owner)
            if condition is not None:
                resolved[path] = condition
        return resolved

    def _condition(self, raw: object, path: str, owner: str | None) -> Condition | None:
        if not isinstance(raw, dict):
            self.add(path, 'must be a table like { answer = "id", op = "eq", value = true }')
            return None
        for combinator in ("any", "all"):
            if combinator in raw:
                check_keys(raw, (combinator,), path, self.problems)
                items = raw[combinator]
                if not isinstance(items, list) or not items:
                    self.add(f"{path}.{combinator}", "must be a non-empty list of conditions")
                    return None
                children = [
                    self._condition(item, f"{path}.{combinator}[{n}]", owner)
                    for n, item in enumerate(items)
                ]
                if any(c is None for c in children):
                    return None
                return Condition(op=combinator, children=tuple(cast(list[Condition], children)))
        check_keys(raw, ("answer", "op", "value"), path, self.problems)
        target = text_of(raw.get("answer"), f"{path}.answer", self.problems)
        op = text_of(raw.get("op"), f"{path}.op", self.problems)
        if op and op not in OPERATORS:
            self.add(f"{path}.op", f"{op!r} is not an operator ({', '.join(OPERATORS)})")
            return None
        if "value" not in raw:
            self.add(f"{path}.value", "is missing")
            return None
        if not target or not op:
            return None
        if target == owner:
            self.add(f"{path}.answer", f"{target!r} refers to the question itself")
            return None
        question = self.questions.get(target)
        if question is None and target in self.broken_ids:
            return None
        if question is None:
            self.add(f"{path}.answer", f"refers to an unknown question {target!r}")
            return None
        value = raw["value"]
        allowed_ops = _OPERATORS_FOR[question.type]
        if op not in allowed_ops:
            self.add(
                f"{path}.op",
                f"{op} cannot be used on the {question.type} question {question.id!r} "
                f"(use {', '.join(allowed_ops)})",
            )
            return None
        problem = _condition_value_problem(question, op, value)
        if problem is not None:
            self.add(f"{path}.value", problem)
            return None
        if op == "in":
            value = tuple(cast(list[object], value))
        return Condition(op=op, answer=target, value=value)

    def _check_cycles(self, steps: list[ProtocolStep]) -> None:
        """A question shown only if a question that depends on it is answered can never show."""
        depends: dict[str, frozenset[str]] = {
            q.id: q.show_if.answer_ids() for s in steps for q in s.questions if q.show_if
        }
        done: set[str] = set()
        order = {q.id: n for n, q in enumerate(q for s in steps for q in s.questions)}
        reported: set[frozenset[str]] = set()
        for start in sorted(depends, key=order.__getitem__):
            trail: list[str] = []
            if not self._cycle_from(start, depends, done, trail):
                continue
            ring = trail[:-1]
            if frozenset(ring) in reported:
                continue
            reported.add(frozenset(ring))
            # Name the cycle from the question that comes first in the file.
            first = min(range(len(ring)), key=lambda n: order[ring[n]])
            ring = ring[first:] + ring[:first]
            qpath = self.question_paths[ring[0]]
            self.add(f"{qpath}.show_if", "show_if creates a cycle: " + " → ".join([*ring, ring[0]]))

    def _cycle_from(
        self, node: str, depends: Mapping[str, frozenset[str]], done: set[str], trail: list[str]
    ) -> bool:
        if node in trail:
            trail.append(node)
            del trail[: trail.index(node)]
            return True
        if node in done:
            return False
        trail.append(node)
        for nxt in sorted(depends.get(node, ())):
            if self._cycle_from(nxt, depends, done, trail):
                done.update(trail)
                return True
        trail.pop()
        done.add(node)
        return False

    def _check_rules_collected(self) -> None:
        if self.rule_answer_ids is None:
            return
        for answer_id in sorted(self.rule_answer_ids - set(self.questions) - self.broken_ids):
            self.add(
                "steps", f"no question collects {answer_id!r}, which the escalation rules read"
            )


def _with_show_if(question: Question, condition: Condition | None) -> Question:
    if condition is None:
        return question
    return Question(
        id=question.id,
        type=question.type,
        label=question.label,
        help=question.help,
        options=question.options,
        min=question.min,
        max=question.max,
        show_if=condition,
        required=question.required,
        followup_only=question.followup_only,
        initial_only=question.initial_only,
        step_id=question.step_id,
    )


def _condition_value_problem(question: Question, op: str, value: object) -> str | None:
    """Why a condition's value can never match an answer of `question` (None when it can)."""
    if op == "in":
        if not isinstance(value, list) or not value:
            return "must be a non-empty list of values"
        values: list[object] = value
    else:
        values = [value]
    for v in values:
        problem = question.problem(v) if question.type != "multi" else _code_problem(question, v)
        if problem is not None:
            return f"{v!r} is not a possible answer of {question.id!r} (it {problem})"
    return None


def _code_problem(question: Question, code: object) -> str | None:
    if not isinstance(code, str) or code not in question.codes():
        return f"must be one of {', '.join(question.codes())}"
    return None


# --------------------------------------------------------------------------- conversation


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
        _check_encounter_type(encounter_type)
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
        step = self.protocol.step(step_id)
        if step not in self.steps():
            return ()
        return tuple(q for q in step.questions if self._shown(q))

    def is_visible(self, qid: str) -> bool:
        """Whether `qid` is asked now: its step belongs to this encounter and show_if holds."""
        question = self.protocol.question(qid)
        if self.protocol.step(question.step_id) not in self.steps():
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


__all__ = [
    "BUNDLED_PROTOCOL",
    "CONVERSATION_RECORD_FIELDS",
    "QUESTION_TYPES",
    "Condition",
    "ContentError",
    "Conversation",
    "Option",
    "Protocol",
    "ProtocolStep",
    "Question",
    "QuestionType",
    "load_protocol",
    "parse_protocol",
]
