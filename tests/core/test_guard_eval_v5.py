"""The guard evaluation set v5 (issue 12): rebuilt byte for byte from its source. Written all
held out and run once (session 7); a development set since: in `--part all`, errors shown."""

from __future__ import annotations

from tests.scripts import load_script


def test_the_v5_file_is_rebuilt_from_its_source() -> None:
    build = load_script("guard_eval_v5")
    assert build.main(["--check"]) == 0
    roster, notes = build.marked.parse(build.V5, build.V5.source.read_text(encoding="utf-8"))
    assert len(notes) >= 1_000
    assert sum(1 for n in notes if n["clean"]) >= 450
    assert len(roster) >= 10


def test_v5_is_a_development_set_now() -> None:
    ev = load_script("guard_eval")
    assert "v5_heldout" not in ev.HELD_OUT_PARTS
    assert any(s.part == "v5_heldout" for s in ev.load_parts("all"))
    (only,) = ev.load_parts("v5")
    assert only.part == "v5_heldout"
