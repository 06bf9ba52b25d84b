"""The hand-written evaluation set (tests/data/guard_eval_handwritten.src.txt, built by
scripts/guard_eval_handwritten.py) and the guard's figures on its two halves.

The halves were fixed by a seeded hash of each note's text before the guard ever ran on them.
Tuning used the dev half only; the held-out half was measured once (docs/guard-evaluation.md).
Floors sit a little below the measured figures. Where the held-out half misses a target it is
said here, not hidden: 5/98 clean notes flagged (0.051 > 0.05), and single-note kinds (one NI
number, one age in words, one Arabic nickname) that the guard misses.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from svdesk.unit.guard import KINDS
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_script("guard_eval")


@pytest.fixture(scope="module")
def hw() -> ModuleType:
    return load_script("guard_eval_handwritten")


@pytest.fixture(scope="module")
def figures(ev: ModuleType) -> dict[str, dict[str, object]]:
    return {part: ev.evaluate(ev.read_hand(part)) for part in ev.HAND_PARTS}


def test_stored_set_is_what_the_source_builds(hw: ModuleType) -> None:
    assert hw.main(["--check"]) == 0


def test_size_mix_and_offsets(ev: ModuleType, hw: ModuleType) -> None:
    whole = ev.read_set(ev.HAND_FILE)
    notes = whole.notes
    assert len(notes) >= 400
    word_name = [
        n for n in notes if any(s["origin"] == "word_name" for s in n["spans"] if "origin" in s)
    ]
    clean = [n for n in notes if n["clean"]]
    other = [n for n in notes if not n["clean"] and n not in word_name]
    assert len(word_name) >= 150
    assert len(other) >= 100
    assert len(clean) >= 150
    assert len({n["text"] for n in notes}) == len(notes)
    for note in notes:
        text = note["text"]
        assert len(text) <= 280
        assert note["clean"] == (not note["spans"])
        assert note["part"] == hw.part_of(text)  # the split is the seeded hash, nothing else
        for span in note["spans"]:
            piece = text[span["start"] : span["end"]]
            assert piece.strip() == piece != "", (piece, text)
            assert span["kind"] in KINDS
            if span["kind"] == "person_name":
                assert span["origin"]
                assert span["form"]


def test_halves_are_disjoint_and_both_sizeable(ev: ModuleType) -> None:
    dev, held = ev.read_hand("hand_dev"), ev.read_hand("hand_heldout")
    assert not {n["text"] for n in dev.notes} & {n["text"] for n in held.notes}
    for half in (dev, held):
        assert len(half.notes) >= 200
        assert sum(1 for n in half.notes if n["clean"]) >= 75


def test_a_bad_mark_up_is_refused_with_the_line(hw: ModuleType, tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("sup/uk|told [Hope]{pn:word_name} about it\n", encoding="utf-8")
    with pytest.raises(hw.SourceError, match="line 1: a name needs pn:ORIGIN:FORM"):
        hw.build(src)
    src.write_text("sup/uk|" + "x" * 281 + "\n", encoding="utf-8")
    with pytest.raises(hw.SourceError, match="281 characters"):
        hw.build(src)


# measured (issue 12, position rules): dev word_name 0.944 (101/107), person_name 0.949
# (131/138), clean 1/94; held-out word_name 0.933 (111/119), person_name 0.940 (141/150),
# clean 4/98
FLOORS = {
    "hand_dev": {"word_name": 0.91, "person_name": 0.92, "clean_max": 0.03},
    "hand_heldout": {"word_name": 0.90, "person_name": 0.91, "clean_max": 0.05},
}


@pytest.mark.parametrize("part", ["hand_dev", "hand_heldout"])
def test_figures(figures: dict[str, dict[str, object]], part: str) -> None:
    fig = figures[part]
    kinds, origins = fig["kinds"], fig["origins"]
    assert isinstance(kinds, dict)
    assert isinstance(origins, dict)
    floor = FLOORS[part]
    assert origins["word_name"]["recall"] >= floor["word_name"], origins["word_name"]
    assert kinds["person_name"]["recall"] >= floor["person_name"], kinds["person_name"]
    rate = fig["clean_flag_rate"]
    assert isinstance(rate, float)
    assert rate <= floor["clean_max"]
    for kind in ("email", "phone", "url", "mrn", "id_label", "date", "address"):
        if kind in kinds:
            assert kinds[kind]["recall"] == 1.0, (kind, kinds[kind])


def test_show_errors_refuses_the_hand_written_held_out_half(ev: ModuleType) -> None:
    with pytest.raises(SystemExit):
        ev.main(["--part", "hand_heldout", "--show-errors"])
    with pytest.raises(SystemExit):
        ev.main(["--part", "hand", "--show-errors"])
