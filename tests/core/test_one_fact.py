"""Facts kept once: where a table is keyed by a vocabulary's codes it has exactly those codes,
and no module keeps its own list of them.

(The escalation levels and actions: test_one_source_of_levels.py.)
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from svdesk import demo
from svdesk.content import rules
from svdesk.content.answers import ANSWER_TYPE_NAMES
from svdesk.content.cards import DIRECTORY_IDS
from svdesk.content.protocol import checker, conditions
from svdesk.content.protocol.model import ENCOUNTER_TYPES, QUESTION_TYPES
from svdesk.content.record_fields import RECORD_FIELD_TYPES, load_record_vocabulary
from svdesk.exchange import fields
from svdesk.unit import crisis_numbers, followups, records

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


def test_the_protocol_and_the_rules_share_one_condition_language() -> None:
    assert set().union(*conditions._OPERATORS_FOR.values()) == set(rules.OPERATORS)
    assert set(conditions._OPERATORS_FOR) == set(QUESTION_TYPES)
    copies = [where for where, values in _string_lists() if values == set(rules.OPERATORS)]
    # rules.py has the tuple and the Literal type of its items; no other module has either
    assert {where.split(":")[0] for where in copies} == {"svdesk/content/rules.py"}


def test_tables_by_vocabulary_type_cover_every_type() -> None:
    assert set(checker._ANSWER_TYPE_FITS) == set(ANSWER_TYPE_NAMES)
    fits = {q for types in checker._ANSWER_TYPE_FITS.values() for q in types}
    assert fits == set(QUESTION_TYPES)
    assert set(fields._KIND_OF_VOCABULARY_TYPE) == set(RECORD_FIELD_TYPES)


def test_every_follow_up_plan_but_none_has_its_offset() -> None:
    plans = set(VOCABULARY.codes("followup_plan"))
    assert set(followups.PLAN_OFFSETS) == plans - {"none"}


def test_the_crisis_screen_and_the_demo_cover_the_directory_entries_every_unit_has() -> None:
    assert sorted(crisis_numbers.CRISIS_ORDER) == sorted(DIRECTORY_IDS)
    assert set(demo.DIRECTORY_NUMBERS) == set(DIRECTORY_IDS)


@cache
def _pair_tables() -> list[tuple[str, frozenset[tuple[str, str]]]]:
    """Each dict literal, and each tuple or list of string pairs, in svdesk/ and ui/ as pairs."""
    found = []
    for path in sorted(p for top in ("svdesk", "ui") for p in (ROOT / top).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            pairs: list[tuple[object, object]] = []
            if isinstance(node, ast.Dict):
                pairs = [
                    (k.value, v.value)
                    for k, v in zip(node.keys, node.values, strict=True)
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                ]
            elif isinstance(node, (ast.Tuple, ast.List)):
                pairs = [
                    (e.elts[0].value, e.elts[1].value)
                    for e in node.elts
                    if isinstance(e, ast.Tuple)
                    and len(e.elts) == 2
                    and all(isinstance(x, ast.Constant) for x in e.elts)
                ]
            strings = frozenset(
                (a, b) for a, b in pairs if isinstance(a, str) and isinstance(b, str)
            )
            if strings:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", strings))
    return found


def test_the_record_fields_prefilled_from_answers_are_listed_once() -> None:
    prefilled = frozenset(records.FROM_ANSWERS.items())
    copies = [where for where, pairs in _pair_tables() if len(pairs & prefilled) >= 2]
    assert [where.split(":")[0] for where in copies] == ["svdesk/unit/records.py"], copies
