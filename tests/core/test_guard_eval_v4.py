"""The v4 evaluation set: its JSONL files are rebuilt from the marked-up source, the split is
the fixed hash, and scripts/guard_eval.py reads both parts.

The guard is not run here: the held-out part stays unmeasured until tuning on `v4_dev` stops
(docs/guard-evaluation.md, "The v4 independent set").
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("guard_eval_v4")


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_script("guard_eval")


def test_the_jsonl_files_are_rebuilt_from_the_source(build: ModuleType) -> None:
    roster, notes = build.parse(build.SOURCE.read_text(encoding="utf-8"))
    rendered = build.render(roster, notes)
    for part, path in build.OUTPUTS.items():
        assert path.read_text(encoding="utf-8") == rendered[part], (
            f"{path.name} is stale: run python scripts/guard_eval_v4.py"
        )
    assert build.main(["--check"]) == 0


def test_parts_follow_the_hash_and_are_read_by_the_evaluator(ev: ModuleType) -> None:
    seen: set[str] = set()
    for part in ("v4_dev", "v4_heldout"):
        (es,) = ev.load_parts(part)
        assert es.part == part
        assert len(es.roster) >= 10
        for note in es.notes:
            text = str(note["text"])
            bit = hashlib.sha256(("svdesk-guard-v4|" + text).encode()).digest()[-1] & 1
            assert part == ("v4_heldout" if bit else "v4_dev"), text
            assert text not in seen
            seen.add(text)
    (whole_dev, whole_held) = ev.load_parts("v4")
    notes = whole_dev.notes + whole_held.notes
    assert sum(1 for n in notes if not n["clean"]) >= 700
    assert sum(1 for n in notes if n["clean"]) >= 400


def test_every_span_is_a_clean_slice_and_every_kind_is_covered(ev: ModuleType) -> None:
    spans_by_kind: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    forms: set[str] = set()
    for es in ev.load_parts("v4"):
        for note in es.notes:
            text = str(note["text"])
            assert len(text) <= 280
            spans = note["spans"]
            assert isinstance(spans, list)
            assert bool(spans) != bool(note["clean"]), text
            ends = sorted((int(s["start"]), int(s["end"])) for s in spans)
            for (_, b), (c, _) in itertools.pairwise(ends):
                assert b <= c, text  # no overlapping spans
            for s in spans:
                piece = text[int(s["start"]) : int(s["end"])]
                assert piece, text
                assert piece == piece.strip(), (text, piece)
                spans_by_kind[str(s["kind"])] += 1
                if s["kind"] == "person_name":
                    origins[str(s["origin"])] += 1
                    forms.add(str(s["form"]))
            if note["clean"]:
                assert note["trap"]
    for kind in ev.BLOCKING:
        assert spans_by_kind[kind] >= 40, (kind, spans_by_kind[kind])
    for kind in ("date", "age_over_89", "address", "roster_name"):
        assert spans_by_kind[kind] >= 20, (kind, spans_by_kind[kind])
    assert len(origins) >= 20
    assert min(origins.values()) >= 15, origins
    assert {"from_dept", "wordname", "initials", "possessive", "list", "lower"} <= forms


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("clean/eponym: Call [[phone:07700 900 123]] now", "a clean note has marks"),
        ("Spoke with the charge nurse", "must start with clean/TRAP"),
        ("Met [[name/martian/full:Zork Blip]] today", "unknown origin"),
        ("Met [[name/slavic/sideways:Ola]] today", "unknown name form"),
        ("Call [[fax:0141 496 0000]]", "unknown mark"),
        ("Met [[name/slavic/given: Ola]] today", "spaces at its ends"),
        ("Met [[name/slavic/given:Ola]] " + "x" * 280, "the limit is 280"),
        ("~shouty~ Met [[name/slavic/given:Ola]]", "unknown style"),
    ],
)
def test_malformed_source_lines_are_refused(build: ModuleType, line: str, message: str) -> None:
    with pytest.raises(build.SourceError, match=message):
        build.parse(line)


def test_offsets_come_from_the_marks(build: ModuleType) -> None:
    _, (note,) = build.parse(
        "#voice: welsh\n~sms~ ta [[name/celtic/given:Cerys]], [[phone:029 2018 0944]]"
    )
    assert note["text"] == "ta Cerys, 029 2018 0944"
    assert note["voice"] == "welsh"
    assert note["style"] == "sms"
    name, phone = note["spans"]
    assert (name["start"], name["end"], name["origin"], name["form"]) == (3, 8, "celtic", "given")
    assert (phone["kind"], phone["start"], phone["end"]) == ("phone", 10, 23)


def test_show_errors_shows_v4_held_out_but_refuses_v3_held_out(
    ev: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    # v4_heldout was run once and is a development set now: its errors may be listed
    assert ev.main(["--part", "v4_heldout", "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "== part v4_heldout" in out
    assert "MISS " in out or "FLAG " in out
    with pytest.raises(SystemExit):
        ev.main(["--part", "v3_heldout", "--show-errors"])
