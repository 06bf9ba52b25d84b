"""The guard evaluation set v7 (issue 12): rebuilt byte for byte from its two hand-written
sources. Both parts were held out until their one run (session 9, 18:07 UTC); since then they
are development sets: in `--part all`, their errors listed; `--part v7` adds the two together."""

from __future__ import annotations

from tests.scripts import load_script


def test_the_v7_files_are_rebuilt_from_their_sources() -> None:
    build = load_script("guard_eval_v7")
    assert build.main(["--check"]) == 0
    total = clean = 0
    for spec in build.SETS:
        roster, notes = build.marked.parse(spec, spec.source.read_text(encoding="utf-8"))
        assert len(roster) >= 12
        total += len(notes)
        clean += sum(1 for n in notes if n["clean"])
    assert total - clean >= 1000
    assert clean >= 580


def test_v7_is_a_development_set_now() -> None:
    ev = load_script("guard_eval")
    assert not {"v7a_heldout", "v7b_heldout"} & ev.HELD_OUT_PARTS
    assert {"v7a_heldout", "v7b_heldout"} <= {s.part for s in ev.load_parts("all")}
    assert [s.part for s in ev.load_parts("v7")] == ["v7a_heldout", "v7b_heldout"]
