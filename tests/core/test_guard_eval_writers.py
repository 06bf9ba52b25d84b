"""The guard evaluation sets written by two hands each (v6 to v9, issue 12): each rebuilt byte
for byte from its two hand-written sources. Each was held out until its one run (v6 at the end
of session 8; v7, v8 and v9 in session 9, each after a round of tuning on the one before); since
then they are development sets: in `--part all`, their errors listed; `--part vN` adds the two
parts together."""

from __future__ import annotations

import pytest

from tests.scripts import load_script

# set -> (identifying notes, clean notes) at least, as written
SIZES = {"v6": (700, 450), "v7": (1000, 580), "v8": (900, 500), "v9": (850, 500)}


@pytest.mark.parametrize("version", sorted(SIZES))
def test_the_files_are_rebuilt_from_their_sources(version: str) -> None:
    build = load_script(f"guard_eval_{version}")
    assert build.main(["--check"]) == 0
    total = clean = 0
    for spec in build.SETS:
        roster, notes = build.marked.parse(spec, spec.source.read_text(encoding="utf-8"))
        assert len(roster) >= 10
        total += len(notes)
        clean += sum(1 for n in notes if n["clean"])
    identifying, clean_at_least = SIZES[version]
    assert total - clean >= identifying
    assert clean >= clean_at_least


@pytest.mark.parametrize("version", sorted(SIZES))
def test_each_set_is_a_development_set_now(version: str) -> None:
    ev = load_script("guard_eval")
    parts = [f"{version}a_heldout", f"{version}b_heldout"]
    assert not set(parts) & ev.HELD_OUT_PARTS
    assert set(parts) <= {s.part for s in ev.load_parts("all")}
    assert [s.part for s in ev.load_parts(version)] == parts
    assert version in ev.WRITER_SETS


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
