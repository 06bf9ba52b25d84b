"""The guard evaluation set v9 (issue 12): rebuilt byte for byte from its two hand-written
sources, both parts held out: the evaluator refuses to list their errors and leaves them out of
`--part all`; `--part v9` adds the two parts together."""

from __future__ import annotations

import pytest

from tests.scripts import load_script


def test_the_v9_files_are_rebuilt_from_their_sources() -> None:
    build = load_script("guard_eval_v9")
    assert build.main(["--check"]) == 0
    total = clean = 0
    for spec in build.SETS:
        roster, notes = build.marked.parse(spec, spec.source.read_text(encoding="utf-8"))
        assert len(roster) >= 12
        total += len(notes)
        clean += sum(1 for n in notes if n["clean"])
    assert total - clean >= 850
    assert clean >= 500


def test_v9_is_held_out_from_errors_and_from_all() -> None:
    ev = load_script("guard_eval")
    assert {"v9a_heldout", "v9b_heldout"} <= ev.HELD_OUT_PARTS
    assert all(not s.part.startswith("v9") for s in ev.load_parts("all"))
    assert [s.part for s in ev.load_parts("v9")] == ["v9a_heldout", "v9b_heldout"]
    with pytest.raises(SystemExit):
        ev.main(["--part", "v9", "--show-errors"])
