"""The guard still meets its targets on the OLD (v1) held-out set (scripts/guard_eval_v1.py).

Kept as a regression set: it was generated with a seed and a name slice never used while tuning
guard v1. The v2 set and its targets are tested in test_guard_eval_v2.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from svdesk.unit.guard import BLOCKING, KINDS

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "guard_eval_heldout.jsonl"


@pytest.fixture(scope="module")
def guard_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "guard_eval_v1", ROOT / "scripts" / "guard_eval_v1.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["guard_eval_v1"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(guard_eval: ModuleType) -> dict[str, object]:
    notes, roster = guard_eval.read_jsonl(HELDOUT)
    result: dict[str, object] = guard_eval.evaluate(notes, roster)
    return result


def test_heldout_set_is_big_enough_and_covers_every_kind(guard_eval: ModuleType) -> None:
    notes, roster = guard_eval.read_jsonl(HELDOUT)
    assert sum(1 for n in notes if not n.clean) >= 500
    assert sum(1 for n in notes if n.clean) >= 300
    assert len(roster) == 10
    per_kind = {k: 0 for k in KINDS}
    for note in notes:
        for span in note.spans:
            per_kind[span["kind"]] += 1
            assert note.text[span["start"] : span["end"]].strip()
        if note.clean:
            assert note.spans == []
    assert min(per_kind.values()) >= 40, per_kind


def test_heldout_file_is_what_the_generator_makes(guard_eval: ModuleType) -> None:
    notes, _ = guard_eval.read_jsonl(HELDOUT)
    again = guard_eval.generate(guard_eval.HELDOUT_SEED, "heldout")
    assert [(n.text, n.spans, n.clean) for n in again] == [
        (n.text, n.spans, n.clean) for n in notes
    ]


def test_blocking_kinds_recall(figures: dict[str, object]) -> None:
    recall = figures["recall"]
    assert isinstance(recall, dict)
    for kind in BLOCKING:
        assert recall[kind] >= 0.98, (kind, figures["missed"])


def test_person_name_recall(figures: dict[str, object]) -> None:
    recall = figures["recall"]
    assert isinstance(recall, dict)
    assert recall["person_name"] >= 0.90


def test_other_warn_kinds_recall(figures: dict[str, object]) -> None:
    recall = figures["recall"]
    assert isinstance(recall, dict)
    for kind in ("date", "age_over_89", "address", "roster_name"):
        assert recall[kind] >= 0.85, kind


def test_clean_notes_rarely_flagged(figures: dict[str, object]) -> None:
    rate = figures["clean_flag_rate"]
    assert isinstance(rate, float)
    assert rate <= 0.05, figures["false_flags"]


def test_tuning_seed_also_meets_targets(guard_eval: ModuleType) -> None:
    notes = guard_eval.generate(1, "tune")
    fig = guard_eval.evaluate(notes, guard_eval.vocab("tune").roster)
    assert fig["meets_targets"], {k: fig[k] for k in ("recall", "clean_flag_rate")}
