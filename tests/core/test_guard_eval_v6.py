"""The guard evaluation set v6 (issue 12): rebuilt byte for byte from its two hand-written
sources. Both parts were held out until their one run at the end of session 8; since then they
are development sets: in `--part all`, their errors listed; `--part v6` adds the two together."""

from __future__ import annotations

from tests.scripts import load_script


def test_the_v6_files_are_rebuilt_from_their_sources() -> None:
    build = load_script("guard_eval_v6")
    assert build.main(["--check"]) == 0
    total = clean = 0
    for spec in build.SETS:
        roster, notes = build.marked.parse(spec, spec.source.read_text(encoding="utf-8"))
        assert len(roster) >= 10
        total += len(notes)
        clean += sum(1 for n in notes if n["clean"])
    assert total - clean >= 700
    assert clean >= 450


def test_v6_is_a_development_set_now() -> None:
    ev = load_script("guard_eval")
    assert not {"v6a_heldout", "v6b_heldout"} & ev.HELD_OUT_PARTS
    assert {"v6a_heldout", "v6b_heldout"} <= {s.part for s in ev.load_parts("all")}
    assert [s.part for s in ev.load_parts("v6")] == ["v6a_heldout", "v6b_heldout"]


def test_the_two_parts_add_up() -> None:
    ev = load_script("guard_eval")
    a = {"kinds": {"email": {"found": 2, "total": 3}}, "origins": {}, "forms": {}, "voices": {},
         "styles": {}, "variants": {}, "clean_flags_by_trap": {},
         "names_unlisted_by_guard": {"found": 0, "total": 0}, "identifying_notes": 3,
         "clean_notes": 10, "clean_flagged": 1, "clean_flag_kinds": {"date": 1},
         "missed": [], "false_flags": []}  # fmt: skip
    b = {
        **a,
        "kinds": {"email": {"found": 3, "total": 3}},
        "clean_flagged": 0,
        "clean_flag_kinds": {},
    }
    both = ev.combine([a, b], "both")
    assert both["kinds"]["email"] == {"recall": 5 / 6, "found": 5, "total": 6}
    assert both["clean_flagged"] == 1
    assert both["clean_flag_rate"] == 1 / 20
    assert both["clean_flag_kinds"] == {"date": 1}
