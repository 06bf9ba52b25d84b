"""The guard evaluation set v5 (issue 12): rebuilt byte for byte from its source. Written all
held out and run once (session 7); a development set since: in `--part all`, errors shown."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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


def test_v5_is_a_development_set_now() -> None:
    ev = _load("guard_eval", ROOT / "scripts" / "guard_eval.py")
    assert "v5_heldout" not in ev.HELD_OUT_PARTS
    assert any(s.part == "v5_heldout" for s in ev.load_parts("all"))
    (only,) = ev.load_parts("v5")
    assert only.part == "v5_heldout"
