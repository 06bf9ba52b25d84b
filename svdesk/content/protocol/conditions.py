"""The condition language of a protocol file (`show_if`, `suggested_if`): reading a condition
once every question is known, checking it against the question it reads, and show_if cycles.

The operators are the escalation rules' (svdesk.content.rules.OPERATORS).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Final, cast

from svdesk.content.loading import Problems, check_keys, text_of
from svdesk.content.protocol.model import Condition, ProtocolStep, Question
from svdesk.content.rules import OPERATORS

# The same condition language as the escalation rules (docs/rules-format.md, rules.OPERATORS),
# so a program editing both files learns it once; which operators fit each question type:
_OPERATORS_FOR: Final[Mapping[str, tuple[str, ...]]] = {
    "bool": ("is", "eq", "ne"),
    "int": ("eq", "ne", "gt", "ge", "lt", "le", "in"),
    "scale": ("eq", "ne", "gt", "ge", "lt", "le", "in"),
    "choice": ("eq", "ne", "in"),
    "multi": ("contains",),
}


class ConditionReader:
    """Reads the conditions of one protocol file into `Condition`s, reporting each problem."""

    def __init__(
        self, problems: Problems, questions: Mapping[str, Question], broken_ids: Set[str]
    ) -> None:
        self.problems = problems
        # every question of the file by id, and the ids of questions too broken to build (a
        # condition on one of those is not reported again)
        self.questions = questions
        self.broken_ids = broken_ids

    def read(self, raw: object, path: str, owner: str | None) -> Condition | None:
        """The condition of table `raw` at `path` (None, with its problems, when it is broken);
        `owner` is the question whose show_if it is (None for a step's suggested_if)."""
        if not isinstance(raw, dict):
            self.problems.add(
                path, 'must be a table like { answer = "id", op = "eq", value = true }'
            )
            return None
        for combinator in ("any", "all"):
            if combinator in raw:
                check_keys(raw, (combinator,), path, self.problems)
                items = raw[combinator]
                if not isinstance(items, list) or not items:
                    self.problems.add(
                        f"{path}.{combinator}", "must be a non-empty list of conditions"
                    )
                    return None
                children = [
                    self.read(item, f"{path}.{combinator}[{n}]", owner)
                    for n, item in enumerate(items)
                ]
                if any(c is None for c in children):
                    return None
                return Condition(op=combinator, children=tuple(cast(list[Condition], children)))
        check_keys(raw, ("answer", "op", "value"), path, self.problems)
        target = text_of(raw.get("answer"), f"{path}.answer", self.problems)
        op = text_of(raw.get("op"), f"{path}.op", self.problems)
        if op and op not in OPERATORS:
            self.problems.add(f"{path}.op", f"{op!r} is not an operator ({', '.join(OPERATORS)})")
            return None
        if "value" not in raw:
            self.problems.add(f"{path}.value", "is missing")
            return None
        if not target or not op:
            return None
        if target == owner:
            self.problems.add(f"{path}.answer", f"{target!r} refers to the question itself")
            return None
        question = self.questions.get(target)
        if question is None and target in self.broken_ids:
            return None
        if question is None:
            self.problems.add(f"{path}.answer", f"refers to an unknown question {target!r}")
            return None
        value = raw["value"]
        allowed_ops = _OPERATORS_FOR[question.type]
        if op not in allowed_ops:
            self.problems.add(
                f"{path}.op",
                f"{op} cannot be used on the {question.type} question {question.id!r} "
                f"(use {', '.join(allowed_ops)})",
            )
            return None
        problem = _condition_value_problem(question, op, value)
        if problem is not None:
            self.problems.add(f"{path}.value", problem)
            return None
        if op == "in":
            value = tuple(cast(list[object], value))
        return Condition(op=op, answer=target, value=value)


def show_if_cycles(steps: Sequence[ProtocolStep]) -> list[list[str]]:
    """Each show_if cycle once, as its ring of question ids from the one first in the file."""
    depends: dict[str, frozenset[str]] = {
        q.id: q.show_if.answer_ids() for s in steps for q in s.questions if q.show_if
    }
    done: set[str] = set()
    order = {q.id: n for n, q in enumerate(q for s in steps for q in s.questions)}
    reported: set[frozenset[str]] = set()
    rings: list[list[str]] = []
    for start in sorted(depends, key=order.__getitem__):
        trail: list[str] = []
        if not _cycle_from(start, depends, done, trail):
            continue
        ring = trail[:-1]
        if frozenset(ring) in reported:
            continue
        reported.add(frozenset(ring))
        # Name the cycle from the question that comes first in the file.
        first = min(range(len(ring)), key=lambda n: order[ring[n]])
        rings.append(ring[first:] + ring[:first])
    return rings


def _cycle_from(
    node: str, depends: Mapping[str, frozenset[str]], done: set[str], trail: list[str]
) -> bool:
    if node in trail:
        trail.append(node)
        del trail[: trail.index(node)]
        return True
    if node in done:
        return False
    trail.append(node)
    for nxt in sorted(depends.get(node, ())):
        if _cycle_from(nxt, depends, done, trail):
            done.update(trail)
            return True
    trail.pop()
    done.add(node)
    return False


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
