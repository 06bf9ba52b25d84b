"""Escalation rules (shared/spec/escalation.md): load them from data, validate, evaluate purely.

Rules live in `resources/rules/default.toml` (format: docs/rules-format.md). `evaluate` turns the
answers of data-dictionary.md §1 into one level, a set of actions and the rules that fired.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal, cast

from svdesk.content.answers import ANSWERS, AnswerSpec, shown, validate_answers
from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content
from svdesk.content.loading import ContentError, Problems, read_content_text
from svdesk.content.record_fields import ESCALATION_ACTIONS, ESCALATION_LEVELS
from svdesk.errors import ValidationError

__all__ = [
    "BUNDLED_RULES",
    "OPERATORS",
    "SCREEN_PREFIX",
    "AllOf",
    "AnyOf",
    "Comparison",
    "Condition",
    "EscalationResult",
    "FiredRule",
    "Rule",
    "RuleSet",
    "due_after",
    "evaluate",
    "level_rank",
    "load_rules",
    "parse_rules",
    "validate_answers",
]

NO_ESCALATION: Final = "tier2"

Operator = Literal["is", "eq", "ne", "gt", "ge", "lt", "le", "contains", "in"]
OPERATORS: Final[tuple[Operator, ...]] = (
    "is", "eq", "ne", "gt", "ge", "lt", "le", "contains", "in",
)  # fmt: skip
BUNDLED_RULES: Final = "resources/rules/default.toml"

# "Same day" as a duration: a working day's worth, so a late-evening contact is not due at
# midnight an hour later. Callers that want a wall-clock deadline add this to the encounter time.
_DUE: Final[Mapping[str, datetime.timedelta | None]] = {
    "emergency": datetime.timedelta(0),
    "tier3_same_day": datetime.timedelta(hours=12),
    "tier3_72h": datetime.timedelta(hours=72),
    "tier3_2wk": datetime.timedelta(days=14),
    "tier2_intensified": datetime.timedelta(hours=72),
    "tier2": None,
}

_ID_PATTERN: Final = re.compile(r"^[a-z][a-z0-9_]*$")


def _unknown_level(level: object) -> ValidationError:
    return ValidationError(
        f"Unknown escalation level {shown(level)}; use one of {', '.join(ESCALATION_LEVELS)}.",
        [(shown(level), "is not an escalation level")],
    )


def level_rank(level: str) -> int:
    """Urgency of `level` as a number: `tier2` is 0, `emergency` the largest; higher = sooner."""
    if level not in ESCALATION_LEVELS:
        raise _unknown_level(level)
    return len(ESCALATION_LEVELS) - 1 - ESCALATION_LEVELS.index(level)


def due_after(level: str) -> datetime.timedelta | None:
    """How soon a result of `level` must be acted on; None for `tier2` (no escalation).

    emergency 0 (now), tier3_same_day 12 h ("same day"), tier3_72h 72 h, tier3_2wk 14 days,
    tier2_intensified 72 h (next peer follow-up within 24–72 h).
    """
    if level not in _DUE:
        raise _unknown_level(level)
    return _DUE[level]


# ---------------------------------------------------------------------------- conditions


@dataclass(frozen=True)
class Comparison:
    """`answer op value`; false whenever the answer is absent, negated operators included."""

    answer: str
    op: Operator
    value: object

    def holds(self, answers: Mapping[str, object]) -> bool:
        actual = answers.get(self.answer)
        if actual is None:
            return False
        op, value = self.op, self.value
        if op in ("is", "eq"):
            return actual == value and type(actual) is type(value)
        if op == "ne":
            return not (actual == value and type(actual) is type(value))
        if op == "contains":
            return isinstance(actual, (list, tuple)) and value in actual
        if op == "in":
            return any(actual == v and type(actual) is type(v) for v in cast(tuple[object], value))
        # Numeric comparisons: the vocabulary guarantees both sides are ints (not bools) here.
        if isinstance(actual, bool) or not isinstance(actual, int):
            return False
        threshold = cast(int, value)
        if op == "gt":
            return actual > threshold
        if op == "ge":
            return actual >= threshold
        if op == "lt":
            return actual < threshold
        return actual <= threshold  # le

    def answer_ids(self) -> frozenset[str]:
        return frozenset({self.answer})


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, object]) -> bool:
        return any(c.holds(answers) for c in self.conditions)

    def answer_ids(self) -> frozenset[str]:
        return frozenset().union(*(c.answer_ids() for c in self.conditions))


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, object]) -> bool:
        return all(c.holds(answers) for c in self.conditions)

    def answer_ids(self) -> frozenset[str]:
        return frozenset().union(*(c.answer_ids() for c in self.conditions))


Condition = Comparison | AnyOf | AllOf


# ---------------------------------------------------------------------------- rules, results


@dataclass(frozen=True)
class Rule:
    id: str
    level: str | None
    actions: tuple[str, ...]
    when: Condition
    reason: str
    source: str


@dataclass(frozen=True)
class FiredRule:
    id: str
    level: str | None
    actions: tuple[str, ...]
    reason: str
    source: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "level": self.level,
            "actions": list(self.actions),
            "reason": self.reason,
            "source": self.source,
        }


@dataclass(frozen=True)
class EscalationResult:
    level: str
    actions: tuple[str, ...]
    fired: tuple[FiredRule, ...]
    rules_version: str

    @property
    def escalated(self) -> bool:
        """True when the result is more than ordinary peer support (a level or any action)."""
        return self.level != NO_ESCALATION or bool(self.actions)

    def to_json(self) -> dict[str, object]:
        """The JSON object of escalation.md / cli.md `rules eval`."""
        return {
            "level": self.level,
            "actions": list(self.actions),
            "fired": [f.to_json() for f in self.fired],
            "rules_version": self.rules_version,
        }


@dataclass(frozen=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    language: str = "en"  # language of the reason texts

    def evaluate(self, answers: Mapping[str, object]) -> EscalationResult:
        """Level, actions and fired rules for `answers` (a pure function of its input).

        Invalid answers (unknown id, wrong type) raise `ValidationError` naming the id.
        """
        known = validate_answers(answers)
        fired = tuple(
            FiredRule(r.id, r.level, r.actions, r.reason, r.source)
            for r in self.rules
            if r.when.holds(known)
        )
        levels = [f.level for f in fired if f.level is not None]
        level = max(levels, key=level_rank) if levels else NO_ESCALATION
        actions = tuple(sorted({a for f in fired for a in f.actions}))
        return EscalationResult(level, actions, fired, self.version)

    def answer_ids(self) -> frozenset[str]:
        """Every answer id some rule reads (the protocol must be able to collect each)."""
        return frozenset().union(*(r.when.answer_ids() for r in self.rules))

    def screen_thresholds(self) -> dict[str, int]:
        """The cut-off of each brief screen (`screen.*` answer id -> positive at or above).

        Read from the rules themselves, so the record's `screen_positive` and the escalation use
        the same numbers (escalation.md: "screen thresholds live in the rules file only"). A
        screen total is positive at the lowest total that makes some rule's comparison on it
        true (`ge 3`, `gt 2` and `in [3, 4, 5, 6]` are all 3); when several rules read one screen,
        the lowest cut-off wins. A screen no rule reads with ge, gt or in has no threshold and is
        never positive.
        """
        thresholds: dict[str, int] = {}
        for rule in self.rules:
            for comparison in _comparisons(rule.when):
                if not comparison.answer.startswith(SCREEN_PREFIX):
                    continue
                cut = _lowest_true(comparison)
                if cut is None:
                    continue
                known = thresholds.get(comparison.answer)
                thresholds[comparison.answer] = cut if known is None else min(known, cut)
        return thresholds


SCREEN_PREFIX: Final = "screen."


def _comparisons(condition: Condition) -> tuple[Comparison, ...]:
    if isinstance(condition, Comparison):
        return (condition,)
    return tuple(c for child in condition.conditions for c in _comparisons(child))


def _lowest_true(comparison: Comparison) -> int | None:
    """The smallest total for which an upward comparison (ge, gt, in) on a screen holds."""
    value = comparison.value
    if comparison.op == "ge" and isinstance(value, int):
        return value
    if comparison.op == "gt" and isinstance(value, int):
        return value + 1
    if comparison.op == "in" and isinstance(value, tuple):
        numbers = [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
        return min(numbers) if numbers else None
    return None


# ---------------------------------------------------------------------------- loading


def _check_value(spec: AnswerSpec, op: Operator, value: object) -> str | None:
    """Why `value` is not a usable operand of `op` on answers of `spec`, or None."""
    if op == "is":
        if spec.type != "bool":
            return f"'is' compares yes/no answers; {spec.id} is {spec.type}, use eq"
        return None if isinstance(value, bool) else "must be true or false"
    if op in ("eq", "ne"):
        if spec.type == "code_list":
            return f"{spec.id} is a list of codes; use contains"
        return spec.problem(value)
    if op in ("gt", "ge", "lt", "le"):
        if spec.type != "integer":
            return f"'{op}' compares numbers; {spec.id} is {spec.type}"
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        return spec.range_problem(value)
    if op == "contains":
        if spec.type != "code_list":
            return f"'contains' reads a list of codes; {spec.id} is {spec.type}"
        return spec.problem([value]) if isinstance(value, str) else "must be one code"
    # in
    if spec.type not in ("code", "integer"):
        return f"'in' reads a code or a number; {spec.id} is {spec.type}"
    if not isinstance(value, list) or not value:
        return "must be a non-empty list of values"
    for item in value:
        problem = spec.problem(item) if item is not None else "must not be empty"
        if problem is not None:
            return f"has {shown(item)}, which {problem}"
    return None


def _parse_condition(raw: object, path: str, problems: Problems) -> Condition | None:
    if not isinstance(raw, dict):
        problems.add(path, "must be a table with answer/op/value, any = [...] or all = [...]")
        return None
    kinds = [k for k in ("answer", "any", "all") if k in raw]
    if len(kinds) != 1:
        problems.add(path, "must have exactly one of answer (with op, value), any or all")
        return None
    kind = kinds[0]
    if kind in ("any", "all"):
        for key in raw:
            if key != kind:
                problems.add(f"{path}.{key}", f"is not allowed next to {kind}")
        items = raw[kind]
        if not isinstance(items, list) or not items:
            problems.add(f"{path}.{kind}", "must be a non-empty list of conditions")
            return None
        parsed = [_parse_condition(c, f"{path}.{kind}[{i}]", problems) for i, c in enumerate(items)]
        conditions = tuple(c for c in parsed if c is not None)
        if len(conditions) != len(parsed):
            return None
        return AnyOf(conditions) if kind == "any" else AllOf(conditions)
    for key in raw:
        if key not in ("answer", "op", "value"):
            problems.add(f"{path}.{key}", "is not a known key (answer, op, value)")
    answer, op, value = raw.get("answer"), raw.get("op"), raw.get("value")
    ok = True
    spec = ANSWERS.get(answer) if isinstance(answer, str) else None
    if spec is None:
        problems.add(
            f"{path}.answer", f"{shown(answer)} is not an answer id of the data dictionary"
        )
        ok = False
    if op not in OPERATORS:
        problems.add(f"{path}.op", f"{shown(op)} is not an operator ({', '.join(OPERATORS)})")
        ok = False
    if "value" not in raw:
        problems.add(f"{path}.value", "is missing")
        ok = False
    if not ok or spec is None:
        return None
    operator = cast(Operator, op)
    problem = _check_value(spec, operator, value)
    if problem is not None:
        problems.add(f"{path}.value", problem)
        return None
    return Comparison(spec.id, operator, tuple(value) if isinstance(value, list) else value)


_RULE_KEYS: Final = ("id", "level", "actions", "when", "reason", "source")


def _parse_rule(raw: object, path: str, problems: Problems) -> Rule | None:
    if not isinstance(raw, dict):
        problems.add(path, "must be a table ([[rules]])")
        return None
    start = len(problems.items)
    for key in raw:
        if key not in _RULE_KEYS:
            problems.add(f"{path}.{key}", f"is not a known key ({', '.join(_RULE_KEYS)})")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID_PATTERN.match(rule_id):
        problems.add(f"{path}.id", "must be a lower-case id (letters, digits, _)")
    level = raw.get("level")
    if level is not None and level not in ESCALATION_LEVELS:
        problems.add(
            f"{path}.level", f"{shown(level)} is not a level ({', '.join(ESCALATION_LEVELS)})"
        )
    actions = raw.get("actions", [])
    if not isinstance(actions, list):
        problems.add(f"{path}.actions", "must be a list of actions")
        actions = []
    for i, action in enumerate(actions):
        if action not in ESCALATION_ACTIONS:
            problems.add(
                f"{path}.actions[{i}]",
                f"{shown(action)} is not an action ({', '.join(ESCALATION_ACTIONS)})",
            )
    if len(set(map(str, actions))) != len(actions):
        problems.add(f"{path}.actions", "lists an action twice")
    if level in (None, NO_ESCALATION) and not actions:
        problems.add(path, "needs a level or at least one action, or it can never matter")
    for key in ("reason", "source"):
        text = raw.get(key)
        if not isinstance(text, str) or not text.strip():
            problems.add(f"{path}.{key}", "must be a non-empty text")
    if "when" not in raw:
        problems.add(f"{path}.when", "is missing")
        return None
    when = _parse_condition(raw["when"], f"{path}.when", problems)
    if when is None or len(problems.items) != start:
        return None
    return Rule(
        id=cast(str, rule_id),
        level=cast("str | None", level),
        actions=tuple(cast(list[str], actions)),
        when=when,
        reason=" ".join(cast(str, raw["reason"]).split()),
        source=" ".join(cast(str, raw["source"]).split()),
    )


def parse_rules(text: str, label: str) -> RuleSet:
    """Parse and validate a rules TOML text; `label` names the file in every problem."""
    problems = Problems(label)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(label, [("", f"is not valid TOML ({exc})")]) from None
    for key in data:
        if key not in ("version", "language", "description", "rules"):
            problems.add(key, "is not a known key (version, language, description, rules)")
    language = data.get("language", "en")
    if not isinstance(language, str) or not re.fullmatch(
        r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", language
    ):
        problems.add("language", "must be a language tag such as en or de-CH")
        language = "en"
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.add("version", "must be a non-empty text")
        version = ""
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        problems.add("rules", "must be a non-empty list of [[rules]] tables")
        raw_rules = []
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_rules):
        path = f"rules[{i}]"
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(rule_id, str):
            if rule_id in seen:
                problems.add(
                    f"{path}.id", f"{shown(rule_id)} is already used by rules[{seen[rule_id]}]"
                )
            else:
                seen[rule_id] = i
        rule = _parse_rule(raw, path, problems)
        if rule is not None:
            rules.append(rule)
    problems.raise_if_any()
    return RuleSet(version=version, rules=tuple(rules), language=language)


def load_rules(path: Path | None = None, language: str = DEFAULT_LANGUAGE) -> RuleSet:
    """The rules in `path`, or the bundled default rules (cached) when `path` is None.

    `language` picks the bundled file's reasons; ids, levels, actions and conditions are the
    same in every language.
    """
    if path is None:
        return _default_rules(language)
    return parse_rules(read_content_text(path), str(path))


@cache
def _default_rules(language: str = DEFAULT_LANGUAGE) -> RuleSet:
    return parse_rules(*bundled_content("rules", "default.toml", language))


def evaluate(answers: Mapping[str, object]) -> EscalationResult:
    """Evaluate the bundled default rules on `answers`."""
    return load_rules().evaluate(answers)
