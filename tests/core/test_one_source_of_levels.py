"""The escalation levels (in order) and actions are one fact: record.toml, via record_fields.

Every other module takes them from `svdesk.content.record_fields`; this test fails when a copy
appears in the code again (a tuple or list of the codes) or when a table keyed by level misses
a level or names one that does not exist.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from svdesk.content import rules
from svdesk.content.record_fields import ESCALATION_ACTIONS, ESCALATION_LEVELS
from svdesk.content.resources import read_text

ROOT = Path(__file__).resolve().parents[2]
LEVELS = frozenset(ESCALATION_LEVELS)
ACTIONS = frozenset(ESCALATION_ACTIONS)


def _sources() -> list[Path]:
    return sorted(p for top in ("svdesk", "ui") for p in (ROOT / top).rglob("*.py"))


def _strings(nodes: list[ast.expr | None]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _literals() -> list[tuple[str, ast.AST]]:
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        found += [(f"{where}:{getattr(n, 'lineno', 0)}", n) for n in ast.walk(tree)]
    return found


def test_the_levels_and_actions_are_the_record_vocabularys_in_its_order() -> None:
    record = tomllib.loads(read_text("vocab", "record.toml"))["fields"]
    assert tuple(c["code"] for c in record["escalation_level"]["codes"]) == ESCALATION_LEVELS
    assert tuple(c["code"] for c in record["escalation_actions"]["codes"]) == ESCALATION_ACTIONS
    # Most urgent first: the rules rank them so, and only the last one means no escalation.
    assert ESCALATION_LEVELS[0] == "emergency"
    assert ESCALATION_LEVELS[-1] == rules.NO_ESCALATION
    ranks = [rules.level_rank(level) for level in ESCALATION_LEVELS]
    assert ranks == sorted(ranks, reverse=True)


def _copies(nodes: list[tuple[str, ast.AST]]) -> list[str]:
    """Where a tuple, list or set literal holds three or more level or action codes."""
    copies = []
    for where, node in nodes:
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            codes = set(_strings(list(node.elts)))
            if len(codes & LEVELS) >= 3 or len(codes & ACTIONS) >= 3:
                copies.append(where)
    return copies


def test_no_module_keeps_its_own_list_of_levels_or_actions() -> None:
    copies = _copies(_literals())
    assert copies == [], f"lists of escalation levels or actions outside record.toml: {copies}"


def test_tables_by_level_have_every_level_and_tables_by_action_only_actions() -> None:
    tables = 0
    for where, node in _literals():
        if not isinstance(node, ast.Dict):
            continue
        keys = set(_strings(node.keys))
        if len(keys & LEVELS) >= 3:
            tables += 1
            assert keys == LEVELS, f"{where}: levels {sorted(keys ^ LEVELS)} differ"
        elif len(keys & ACTIONS) >= 3:
            tables += 1
            assert keys <= ACTIONS, f"{where}: {sorted(keys - ACTIONS)} are not actions"
    assert tables >= 5  # the rules' due times, the banner's styles and labels, the disposition's


def test_the_scan_finds_a_copy_of_the_order_or_of_the_actions() -> None:
    module = ast.parse(
        'ORDER = ("emergency", "tier3_same_day", "tier3_72h")\n'
        'URGENT = ("emergency", "tier3_same_day")\n'
        'DONE = ["relieve_from_duty", "group_response", "crisis_line_info"]\n'
    )
    found = _copies([(f"m:{getattr(n, 'lineno', 0)}", n) for n in ast.walk(module)])
    assert found == ["m:1", "m:3"]  # two levels are a choice, not a copy of the list
