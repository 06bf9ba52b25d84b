"""Facts kept once: where a table is keyed by a vocabulary's codes it has exactly those codes,
and no module keeps its own list of them.

(The escalation levels and actions: test_one_source_of_levels.py.)
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from svdesk.content.protocol.model import ENCOUNTER_TYPES
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.unit import records

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = load_record_vocabulary()


@cache
def _string_lists() -> list[tuple[str, frozenset[str]]]:
    """Each tuple, list or set literal of strings in svdesk/ and ui/, with where it is."""
    found = []
    for path in sorted(p for top in ("svdesk", "ui") for p in (ROOT / top).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and node.elts:
                values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                if len(values) == len(node.elts) and all(isinstance(v, str) for v in values):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((where, frozenset(values)))
    return found


def test_encounter_types_are_the_record_vocabularys_and_written_once() -> None:
    assert VOCABULARY.codes("encounter_type") == ENCOUNTER_TYPES
    assert set(records.REQUIRED) == set(ENCOUNTER_TYPES)
    copies = [where for where, values in _string_lists() if values == set(ENCOUNTER_TYPES)]
    assert [where.split(":")[0] for where in copies] == ["svdesk/content/protocol/model.py"]
