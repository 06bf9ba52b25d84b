"""Validation of a parsed protocol file: every problem collected with its path, then one error.

The loader's (svdesk.content.protocol.loader) second half: it builds the model from the TOML
tables and checks ids, types, codes, ranges and step kinds against the vocabularies; the
conditions are read by svdesk.content.protocol.conditions once every question is known.

Long because it is one checker: each method reads one level of the file (protocol, step,
question, answer target, bounds, options) into the model and adds what is wrong, with its path,
to the one list of problems that becomes the error; the id tables it fills (questions, answer
targets) are what the later levels and the whole-protocol checks read. The condition language,
the part that stands on its own, is already conditions.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, cast

from svdesk.content.answers import AnswerSpec, AnswerVocabulary
from svdesk.content.loading import Problems, check_keys, text_of, texts_of
from svdesk.content.protocol.conditions import ConditionReader, show_if_cycles
from svdesk.content.protocol.model import (
    CONVERSATION_RECORD_FIELDS,
    LOCAL_PREFIX,
    QUESTION_TYPES,
    SINGLE_STEP_KINDS,
    STEP_KINDS,
    Condition,
    Option,
    Protocol,
    ProtocolStep,
    Question,
    QuestionType,
    StepKind,
)
from svdesk.content.record_fields import RecordField, RecordVocabulary

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
    "kind",
    "intent",
    "phrasings",
    "avoid",
    "tips",
    "cards",
    "sources",
    "followup",
    "suggested_if",
    "program_text",
    "questions",
)


_QUESTION_KEYS: Final = (
    "id",
    "type",
    "label",
    "followup_label",
    "help",
    "options",
    "min",
    "max",
    "show_if",
    "required",
    "followup_only",
    "initial_only",
)


class ProtocolChecker:
    """Walks the parsed TOML once, collecting every problem with its path."""

    def __init__(
        self,
        source: str,
        answers: AnswerVocabulary,
        record: RecordVocabulary,
        card_ids: frozenset[str],
        rule_answer_ids: frozenset[str] | None,
        *,
        program_text_ids: frozenset[str] = frozenset(),
    ) -> None:
        self.problems = Problems(source)
        self.program_text_ids = program_text_ids
        self.answers = answers
        self.record = record
        self.card_ids = card_ids
        self.rule_answer_ids = rule_answer_ids
        # question id -> its path in the file (for reports that name another question)
        self.question_paths: dict[str, str] = {}
        self.questions: dict[str, Question] = {}
        self.broken_ids: set[str] = set()
        # a step whose kind is missing or unknown (so "no record step" is not reported on top)
        self.broken_kind = False
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
                    kind=cast(StepKind, shell["kind"]),
                    intent=cast(str, shell["intent"]),
                    phrasings=cast(tuple[str, ...], shell["phrasings"]),
                    avoid=cast(tuple[str, ...], shell["avoid"]),
                    tips=cast(tuple[str, ...], shell["tips"]),
                    cards=cast(tuple[str, ...], shell["cards"]),
                    sources=cast(tuple[str, ...], shell["sources"]),
                    followup=cast(bool, shell["followup"]),
                    suggested_if=conditions.get(f"steps[{i}].suggested_if"),
                    program_text=cast(str, shell["program_text"]),
                    questions=questions,
                )
            )
        self._check_kinds([f"steps[{shell['index']}]" for shell in step_shells], steps)
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
        kind = raw.get("kind")
        if kind not in STEP_KINDS:
            self.add(
                f"{path}.kind",
                ("is missing" if kind is None else f"unknown kind {kind!r}")
                + f" (use one of {', '.join(STEP_KINDS)})",
            )
            kind = "talk"
            self.broken_kind = True
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
        program_text = text_of(
            raw.get("program_text"), f"{path}.program_text", self.problems, required=False
        )
        if program_text and program_text not in self.program_text_ids:
            known = ", ".join(sorted(self.program_text_ids)) or "none"
            self.add(
                f"{path}.program_text", f"unknown program text {program_text!r} (known: {known})"
            )
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
            "kind": kind,
            "intent": intent,
            "phrasings": texts_of(raw.get("phrasings"), f"{path}.phrasings", self.problems),
            "avoid": texts_of(raw.get("avoid"), f"{path}.avoid", self.problems),
            "tips": texts_of(raw.get("tips"), f"{path}.tips", self.problems),
            "cards": cards,
            "sources": texts_of(raw.get("sources"), f"{path}.sources", self.problems),
            "followup": followup,
            "program_text": program_text,
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
        followup_label = text_of(
            raw.get("followup_label"), f"{path}.followup_label", self.problems, required=False
        )
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
            followup_label=followup_label,
        )
        if followup_label and flags["initial_only"]:
            self.add(f"{path}.followup_label", "is never shown: the question is initial_only")
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
        reader = ConditionReader(self.problems, self.questions, self.broken_ids)
        for path, raw, owner in self.pending:
            condition = reader.read(raw, path, owner)
            if condition is not None:
                resolved[path] = condition
        return resolved

    def _check_kinds(self, paths: list[str], steps: list[ProtocolStep]) -> None:
        """One disposition and one record step, in follow-ups too: completion needs their fields."""
        if not steps:
            return  # no usable step: reported already
        for kind in SINGLE_STEP_KINDS:
            placed = [(path, s) for path, s in zip(paths, steps, strict=True) if s.kind == kind]
            if not placed:
                if not self.broken_kind:
                    self.add("steps", f'no step has kind = "{kind}"; a conversation needs one')
                continue
            first_path, first = placed[0]
            for path, _ in placed[1:]:
                self.add(f"{path}.kind", f'a second "{kind}" step (also {first_path})')
            if not first.followup:
                self.add(
                    f"{first_path}.followup",
                    f'must be true: follow-ups fill in the fields of the "{kind}" step too',
                )

    def _check_cycles(self, steps: list[ProtocolStep]) -> None:
        """A question shown only if a question that depends on it is answered can never show."""
        for ring in show_if_cycles(steps):
            qpath = self.question_paths[ring[0]]
            self.add(f"{qpath}.show_if", "show_if creates a cycle: " + " → ".join([*ring, ring[0]]))

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
        followup_label=question.followup_label,
    )
