"""Escalation statuses and follow-up plans are one fact each: the statuses are
`svdesk.unit.escalations.STATUSES`, the plans (codes and labels) `followup_plan` in record.toml.

The scan fails when a module keeps its own list of the statuses or its own table of the plans
again (the unit's queues and the completion message each had one), or when a table of status
labels misses a status or names one that does not exist.
"""

from __future__ import annotations

import ast
from pathlib import Path

from svdesk.content.record_fields import load_record_vocabulary
from svdesk.unit.escalations import STATUSES

ROOT = Path(__file__).resolve().parents[2]
PLANS = frozenset(load_record_vocabulary().codes("followup_plan"))
STATUS_CODES = frozenset(STATUSES)
# Where each fact is written: the statuses' tuple (and its transitions), the plans' offsets.
HOMES = {"statuses": "svdesk/unit/escalations.py", "plans": "svdesk/unit/followups.py"}


def _strings(nodes: list[ast.expr | None]) -> set[str]:
    return {n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _problems(where: str, tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        at = f"{where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            codes = _strings(list(node.elts))
        elif isinstance(node, ast.Dict):
            codes = _strings(node.keys)
        else:
            continue
        statuses, plans = codes & STATUS_CODES, codes & PLANS
        if where != HOMES["statuses"] and "handed_off" in statuses and len(statuses) >= 2:
            # A table keyed by status (the queue's labels) has every status and only those; a
            # list of all of them is a copy (two are a choice: "from open or handed off").
            if isinstance(node, ast.Dict) and codes != STATUS_CODES:
                found.append(f"{at}: statuses {sorted(codes ^ STATUS_CODES)} differ")
            elif not isinstance(node, ast.Dict) and statuses == STATUS_CODES:
                found.append(f"{at}: a list of the escalation statuses")
        if where != HOMES["plans"] and len(plans - {"none"}) >= 2:
            found.append(f"{at}: a table of follow-up plans (take them from record.toml)")
    return found


def test_no_module_keeps_its_own_statuses_or_plans() -> None:
    problems = []
    for path in sorted(p for top in ("svdesk", "ui") for p in (ROOT / top).rglob("*.py")):
        where = str(path.relative_to(ROOT))
        problems += _problems(where, ast.parse(path.read_text(encoding="utf-8")))
    assert problems == []


def test_the_scan_finds_a_copy_and_a_drifted_table() -> None:
    module = ast.parse(
        'SHOWN = ("open", "handed_off", "closed")\n'
        'LABELS = {"open": "Open", "handed_off": "Handed off"}\n'
        'FINE = {"open": "Open", "handed_off": "Handed off", "closed": "Closed"}\n'
        'PLANS = {"h24_72": "24–72 hours", "w1": "1 week"}\n'
        'MOVE = ("handed_off", "open") if True else ("open",)\n'
    )
    found = _problems("ui/unit/some_queue.py", module)
    assert [f.split(":")[1] for f in found] == ["1", "2", "4"]
    # In their home modules the same literals are the fact itself.
    assert _problems(HOMES["statuses"], ast.parse('S = ("open", "handed_off", "closed")')) == []
    assert _problems(HOMES["plans"], ast.parse('P = {"h24_72": 1, "w1": 7}')) == []
