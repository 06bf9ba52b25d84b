"""The guard evaluation set v5 (issue 12): rebuilt byte for byte from its source, all of it held
out — the evaluator refuses to list its errors and leaves it out of `--part all`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_v5_file_is_rebuilt_from_its_source() -> None:
    build = _load("guard_eval_v5", ROOT / "scripts" / "guard_eval_v5.py")
    assert build.main(["--check"]) == 0
    roster, notes = build.marked.parse(build.V5, build.V5.source.read_text(encoding="utf-8"))
    assert len(notes) >= 1_000
    assert sum(1 for n in notes if n["clean"]) >= 450
    assert len(roster) >= 10


def test_v5_is_held_out_from_errors_and_from_all() -> None:
    ev = _load("guard_eval", ROOT / "scripts" / "guard_eval.py")
    assert "v5_heldout" in ev.HELD_OUT_PARTS
    assert all(s.part != "v5_heldout" for s in ev.load_parts("all"))
    (only,) = ev.load_parts("v5")
    assert only.part == "v5_heldout"
    with pytest.raises(SystemExit):
        ev.main(["--part", "v5", "--show-errors"])
