"""The answer vocabulary (data-dictionary.md §1): answer ids, their types and allowed codes.

Loaded from `resources/vocab/answers.toml`; the protocol, the rules and the store all check
answers against it, so an id or code spelled differently anywhere fails loudly at load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal, cast

from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content
from svdesk.content.loading import Problems, parse_toml, read_content_text
from svdesk.errors import ValidationError

AnswerType = Literal["bool", "integer", "code", "code_list"]
ANSWER_TYPE_NAMES: Final[tuple[AnswerType, ...]] = ("bool", "integer", "code", "code_list")
BUNDLED_VOCABULARY: Final = "resources/vocab/answers.toml"


def shown(value: object) -> str:
    """A short, safe rendering of any value for an error message (never huge, never raises)."""
    if value is None or isinstance(value, (bool, float)):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if -(10**12) < value < 10**12 else "a very large number"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


@dataclass(frozen=True)
class AnswerSpec:
    """What one answer id may hold."""

    id: str
    type: AnswerType
    codes: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    meaning: str = ""

    def problem(self, value: object) -> str | None:
        """Why `value` is not a valid answer for this id, or None when it is (None = absent)."""
        if value is None:
            return None
        if self.type == "bool":
            return None if isinstance(value, bool) else "must be true or false"
        if self.type == "integer":
            # bool is a subclass of int in Python; True is not a count.
            if isinstance(value, bool) or not isinstance(value, int):
                return f"must be a whole number{self._range_text()}"
            return self.range_problem(value)
        if self.type == "code":
            if not isinstance(value, str) or value not in self.codes:
                return f"must be {self._codes_text()}"
            return None
        # code_list
        if not isinstance(value, (list, tuple)):
            return f"must be a list of codes, each {self._codes_text()}"
        for item in value:
            if not isinstance(item, str) or item not in self.codes:
                return f"has {shown(item)}; each code must be {self._codes_text()}"
        return None

    def range_problem(self, number: int) -> str | None:
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            return f"must be a whole number{self._range_text()}, not {shown(number)}"
        return None

    def _codes_text(self) -> str:
        # Long code lists would drown the message; the dictionary lists them all.
        if len(self.codes) <= 6:
            return f"one of {', '.join(self.codes)}"
        return f"one of the {len(self.codes)} codes of {self.id} in the data dictionary"

    def _range_text(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f" from {self.minimum} to {self.maximum}"
        if self.minimum is not None:
            return f" of at least {self.minimum}"
        if self.maximum is not None:
            return f" of at most {self.maximum}"
        return ""


@dataclass(frozen=True)
class AnswerVocabulary:
    version: str
    answers: Mapping[str, AnswerSpec]


def parse_vocabulary(text: str, label: str) -> AnswerVocabulary:
    """Parse and validate vocabulary TOML; `label` names the file in error messages."""
    data = parse_toml(text, label)
    problems = Problems(label)
    bad = problems.add

    version = data.get("version")
    if not isinstance(version, str) or not version:
        bad("version", "must be a non-empty text")
        version = ""
    for key in data:
        if key not in ("version", "language", "answers"):
            bad(key, "is not a known key (expected version, language, answers)")
    if not isinstance(data.get("language", DEFAULT_LANGUAGE), str):
        bad("language", "must be a language tag such as en or es")
    raw_answers = data.get("answers")
    answers: dict[str, AnswerSpec] = {}
    if not isinstance(raw_answers, dict) or not raw_answers:
        bad("answers", "must be a table of answer ids")
        raw_answers = {}
    for answer_id, entry in raw_answers.items():
        path = f'answers."{answer_id}"'
        if not isinstance(entry, dict):
            bad(path, "must be a table")
            continue
        for key in entry:
            if key not in ("type", "codes", "min", "max", "meaning"):
                bad(f"{path}.{key}", "is not a known key (type, codes, min, max, meaning)")
        kind = entry.get("type")
        if kind not in ANSWER_TYPE_NAMES:
            bad(f"{path}.type", f"must be one of {', '.join(ANSWER_TYPE_NAMES)}")
            continue
        kind = cast(AnswerType, kind)
        codes = entry.get("codes", [])
        if kind in ("code", "code_list"):
            if (
                not isinstance(codes, list)
                or not codes
                or not all(isinstance(c, str) and c for c in codes)
            ):
                bad(f"{path}.codes", "must be a non-empty list of codes")
                codes = []
            elif len(set(codes)) != len(codes):
                bad(f"{path}.codes", "lists a code twice")
        elif "codes" in entry:
            bad(f"{path}.codes", f"is only allowed for code and code_list, not {kind}")
            codes = []
        bounds: dict[str, int | None] = {"min": None, "max": None}
        for bound in ("min", "max"):
            if bound not in entry:
                continue
            raw = entry[bound]
            if kind != "integer":
                bad(f"{path}.{bound}", f"is only allowed for integer, not {kind}")
            elif isinstance(raw, bool) or not isinstance(raw, int):
                bad(f"{path}.{bound}", "must be a whole number")
            else:
                bounds[bound] = raw
        low, high = bounds["min"], bounds["max"]
        if low is not None and high is not None and low > high:
            bad(f"{path}.max", "must not be smaller than min")
        meaning = entry.get("meaning", "")
        if not isinstance(meaning, str):
            bad(f"{path}.meaning", "must be a text")
            meaning = ""
        answers[answer_id] = AnswerSpec(
            id=answer_id,
            type=kind,
            codes=tuple(codes),
            minimum=low,
            maximum=high,
            meaning=meaning,
        )
    problems.raise_if_any()
    return AnswerVocabulary(version=version, answers=answers)


def load_vocabulary(path: Path | None = None, language: str = DEFAULT_LANGUAGE) -> AnswerVocabulary:
    """The vocabulary in `path`, or the bundled one (cached) when `path` is None.

    `language` picks the bundled file's meanings; ids, types, codes and bounds never differ.
    """
    if path is None:
        return _bundled(language)
    return parse_vocabulary(read_content_text(path), str(path))


@cache
def _bundled(language: str = DEFAULT_LANGUAGE) -> AnswerVocabulary:
    return parse_vocabulary(*bundled_content("vocab", "answers.toml", language))


VOCABULARY: Final[AnswerVocabulary] = _bundled(DEFAULT_LANGUAGE)
ANSWERS: Final[Mapping[str, AnswerSpec]] = VOCABULARY.answers
ANSWER_TYPES: Final[Mapping[str, AnswerType]] = {k: v.type for k, v in ANSWERS.items()}


def answer_spec(answer_id: str) -> AnswerSpec:
    """The spec of `answer_id`; `ValidationError` naming the id when it is not in the vocabulary."""
    spec = ANSWERS.get(answer_id)
    if spec is None:
        raise ValidationError(
            f"Unknown answer id {shown(answer_id)}; use an id from the data dictionary.",
            [(answer_id, "is not an answer id of the data dictionary")],
        )
    return spec


def validate_answers(answers: Mapping[str, object]) -> dict[str, object]:
    """Check every answer against the vocabulary; return the known (non-null) answers.

    Absent and null answers are "not known" and are left out of the result. Lists are returned as
    tuples so the result is safe to share. Any unknown id or ill-typed value raises a
    `ValidationError` whose message names the first offending id and whose `problems` list all.
    """
    if not isinstance(answers, Mapping):
        raise ValidationError(
            "The answers must be an object mapping answer ids to values; fix the input.",
            [("answers", "must be an object")],
        )
    problems: list[tuple[str, str]] = []
    clean: dict[str, object] = {}
    for key, value in answers.items():
        if not isinstance(key, str):
            problems.append((shown(key), "is not an answer id (ids are text)"))
            continue
        spec = ANSWERS.get(key)
        if spec is None:
            problems.append((key, "is not an answer id of the data dictionary"))
            continue
        problem = spec.problem(value)
        if problem is not None:
            problems.append((key, problem))
        elif value is not None:
            clean[key] = tuple(cast(list[str], value)) if spec.type == "code_list" else value
    if problems:
        first_id, first_message = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValidationError(
            f"Answer {first_id} {first_message}{more}; correct the answers and try again.",
            problems,
        )
    return clean
