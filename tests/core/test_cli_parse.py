"""The command line is one argparse parser: the core's commands, then what an extension adds (the
program's Qt commands, `svdesk_app.main`); usage errors are argparse's (exit status 2)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svdesk.cli import CommandLine, build, command_key, main, parse_args

# Folder names as a desktop launcher or a user may pass them (spaces, unicode, "=" included).
folders = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda s: not s.startswith("-"))


@given(folders)
def test_no_command_with_a_home_is_the_gui_start(folder: str) -> None:
    for argv in (["--home", folder], [f"--home={folder}"]):
        args = parse_args(argv)
        assert command_key(args) == "gui"
        assert args.home == Path(folder)


def test_no_command_at_all_is_the_gui_start_on_the_default_home() -> None:
    args = parse_args([])
    assert command_key(args) == "gui"
    assert args.home is None


def test_a_command_is_parsed_with_its_home() -> None:
    args = parse_args(["--home", "d", "rules", "eval", "f.json"])
    assert isinstance(args, argparse.Namespace)
    assert command_key(args) == "rules eval"
    assert str(args.home) == "d"
    assert str(parse_args(["check", "--home", "e"]).home) == "e"


def test_usage_errors_come_from_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args(["--home"])
    assert exc.value.code == 2
    assert "--home: expected one argument" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["selftest"], ["report", "--format", "pdf", "--out", "r.pdf"]])
def test_the_core_alone_has_no_qt_commands(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args(argv)
    assert exc.value.code == 2
    capsys.readouterr()


def test_the_core_alone_says_where_the_gui_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(tmp_path)]) == 2
    assert "has no GUI" in capsys.readouterr().err


def test_the_core_demo_needs_no_gui_and_makes_nothing_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "demo"
    assert main(["--home", str(home), "demo"]) == 2
    assert "--no-gui" in capsys.readouterr().err
    assert not home.exists()


def test_an_extension_adds_commands_formats_and_handlers(tmp_path: Path) -> None:
    ran: list[str] = []

    def extend(command_line: CommandLine) -> None:
        hello = command_line.add_command("hello", "say hello", lambda a: ran.append(a.who) or 0)
        hello.add_argument("who")
        command_line.report_formats.append("txt")
        command_line.handlers["gui"] = lambda a: ran.append(f"gui {a.home}") or 0

    args = build([extend]).parser.parse_args(["report", "--format", "txt", "--out", "r"])
    assert args.format == "txt"
    assert main(["--home", str(tmp_path), "hello", "you"], extensions=[extend]) == 0
    assert main(["--home", str(tmp_path)], extensions=[extend]) == 0
    assert ran == ["you", f"gui {tmp_path}"]
    with pytest.raises(SystemExit):
        parse_args(["hello", "you"])  # the core alone is unchanged
