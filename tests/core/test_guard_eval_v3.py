"""The v3 evaluation set (tests/data/guard_eval_v3_{dev,heldout}.jsonl, written without reading
the guard) as scripts/guard_eval.py reads it, and the guard's figures on it.

The held-out part was measured once, after tuning on dev stopped (docs/guard-evaluation.md).
It misses several targets; each floor below is a little under its measured value, so the
misses are written down here rather than hidden, and a regression still fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("guard_eval", ROOT / "scripts" / "guard_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["guard_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(ev: ModuleType) -> dict[str, dict[str, object]]:
    return {part: ev.evaluate(es) for part in ev.V3_FILES for es in ev.load_parts(part)}


def test_both_parts_are_read_with_names_by_origin_and_form(ev: ModuleType) -> None:
    for part in ev.V3_FILES:
        (es,) = ev.load_parts(part)
        assert es.part == part
        assert sum(1 for n in es.notes if not n["clean"]) >= 500
        assert sum(1 for n in es.notes if n["clean"]) >= 200
        fig = ev.evaluate(es)
        assert len(fig["origins"]) >= 20  # name forms are read from "variant"
        assert "from_dept" in fig["forms"]


# measured after tuning on dev: dev person_name 0.997, clean 4/239; held-out person_name
# 0.970 (323/333), anglo_word 0.583 (7/12), clean 33/266 (0.124), email 0.889, phone 0.909,
# mrn 0.958, id_label 0.900, age_over_89 0.882, address 0.895, date 0.952
FLOORS: dict[str, dict[str, float]] = {
    "v3_dev": {"person_name": 0.98, "clean_max": 0.03, "blocking": 0.98, "warn": 0.95},
    "v3_heldout": {
        "person_name": 0.95,
        "clean_max": 0.14,
        "blocking": 0.86,
        "warn": 0.85,
        "origin": 0.55,
    },
}


@pytest.mark.parametrize("part", ["v3_dev", "v3_heldout"])
def test_figures(ev: ModuleType, figures: dict[str, dict[str, object]], part: str) -> None:
    fig = figures[part]
    floor = FLOORS[part]
    kinds, origins = fig["kinds"], fig["origins"]
    assert isinstance(kinds, dict)
    assert isinstance(origins, dict)
    assert kinds["person_name"]["recall"] >= floor["person_name"], kinds["person_name"]
    for kind, rec in kinds.items():
        key = "blocking" if kind in ev.BLOCKING else "warn"
        if kind != "person_name":
            assert rec["recall"] >= floor[key], (kind, rec)
    for origin, rec in origins.items():
        assert rec["recall"] >= floor.get("origin", 0.80), (origin, rec)
    rate = fig["clean_flag_rate"]
    assert isinstance(rate, float)
    assert rate <= floor["clean_max"]


def test_show_errors_refuses_the_v3_held_out_part(ev: ModuleType) -> None:
    with pytest.raises(SystemExit):
        ev.main(["--part", "v3_heldout", "--show-errors"])
    with pytest.raises(SystemExit):
        ev.main(["--part", "v3", "--show-errors"])
