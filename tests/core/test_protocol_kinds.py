"""Step kinds: each step of a protocol file says what the app adds to it (`kind`), checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svdesk.content.loading import ContentError
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.protocol.model import SINGLE_STEP_KINDS, STEP_KINDS
from svdesk.content.resources import read_text

DEFAULT = read_text("protocols", "default.toml")


def _edit(old: str, new: str, text: str = DEFAULT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _problems(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_protocol(path)
    return err.value.problems


def test_every_step_of_the_default_protocol_declares_its_kind() -> None:
    steps = DEFAULT.count("\n[[steps]]\n")
    assert len(re.findall(r"^kind = ", DEFAULT, flags=re.MULTILINE)) == steps == 12
    kinds = {s.id: s.kind for s in load_protocol().steps}
    assert kinds["coping_resources"] == "resources"
    assert kinds["disposition"] == "disposition"
    assert kinds["record"] == "record"
    assert {k for k in kinds.values()} == set(STEP_KINDS)
    for kind in SINGLE_STEP_KINDS:
        assert list(kinds.values()).count(kind) == 1


def test_an_unknown_kind_is_reported_with_the_known_ones(tmp_path: Path) -> None:
    text = _edit('number = 7\nkind = "resources"', 'number = 7\nkind = "coping"')
    assert _problems(tmp_path, text) == [
        ("steps[7].kind", "unknown kind 'coping' (use one of talk, resources, disposition, record)")
    ]


def test_a_missing_kind_is_reported_once(tmp_path: Path) -> None:
    # The record step without its kind: no second report that the protocol lacks a record step.
    text = _edit('number = 10\nkind = "record"\n', "number = 10\n")
    assert _problems(tmp_path, text) == [
        ("steps[10].kind", "is missing (use one of talk, resources, disposition, record)")
    ]


def test_a_second_disposition_step_is_refused(tmp_path: Path) -> None:
    text = _edit('number = 9\nkind = "talk"', 'number = 9\nkind = "disposition"')
    assert _problems(tmp_path, text) == [
        ("steps[9].kind", 'a second "disposition" step (also steps[8])')
    ]


def test_a_protocol_without_a_record_step_is_refused(tmp_path: Path) -> None:
    text = _edit('number = 10\nkind = "record"', 'number = 10\nkind = "talk"')
    assert _problems(tmp_path, text) == [
        ("steps", 'no step has kind = "record"; a conversation needs one')
    ]


def test_the_disposition_step_belongs_to_follow_ups_too(tmp_path: Path) -> None:
    step = 'kind = "disposition"\ntitle = "Disposition"\nfollowup = '
    text = _edit(step + "true", step + "false")
    assert _problems(tmp_path, text) == [
        (
            "steps[8].followup",
            'must be true: follow-ups fill in the fields of the "disposition" step too',
        )
    ]
