"""The GUI start's command line (parsed without argparse, for start-up time) means exactly what
the whole parser makes of it; every other command line goes to the whole parser."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svdesk.cli import _gui_start, build_parser, command_key, parse_args

# Folder names as a desktop launcher or a user may pass them (spaces, unicode, "=" included).
folders = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda s: not s.startswith("-"))


@given(folders)
def test_gui_start_with_a_home_is_what_argparse_makes_of_it(folder: str) -> None:
    for argv in (["--home", folder], [f"--home={folder}"]):
        fast = _gui_start(argv)
        assert fast is not None, argv
        assert fast == build_parser().parse_args(argv)
        assert parse_args(argv) == fast
        assert command_key(fast) == "gui"


def test_bare_gui_start_is_what_argparse_makes_of_it() -> None:
    assert _gui_start([]) == build_parser().parse_args([]) == parse_args([])


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["--home"],
        ["--home="],
        ["--home", "-x"],
        ["--hom", "dir"],
        ["demo"],
        ["--home", "dir", "check"],
        ["check", "--home", "dir"],
        ["--home", "a", "--home", "b"],
    ],
)
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert _gui_start(argv) is None


def test_a_command_is_still_parsed_by_the_whole_parser() -> None:
    args = parse_args(["--home", "d", "rules", "eval", "f.json"])
    assert isinstance(args, argparse.Namespace)
    assert command_key(args) == "rules eval"
    assert str(args.home) == "d"


def test_usage_errors_still_come_from_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args(["--home"])
    assert exc.value.code == 2
    assert "--home: expected one argument" in capsys.readouterr().err
