"""`svdesk survey check FILE`: the contract of `protocol check` (cli.md) for survey files — each
problem as `FILE: PATH: problem` on standard output and exit 2, or one `ok:` line and exit 0."""

from __future__ import annotations

import os
import sys
from importlib.resources import as_file
from pathlib import Path

import pytest

from svdesk.cli import build, command_key, main
from svdesk.content.resources import resource
from tests.core.test_surveys import MINIMAL


def test_the_command_is_parsed() -> None:
    args = build().parser.parse_args(["survey", "check", "s.toml"])
    assert command_key(args) == "survey check"
    assert args.file == Path("s.toml")


def test_the_shipped_survey_checks_ok(capsys: pytest.CaptureFixture[str]) -> None:
    with as_file(resource("surveys", "program_pulse.toml")) as path:
        status = main(["survey", "check", str(path)])
    out, err = capsys.readouterr()
    assert status == 0
    assert out == (
        "ok: program_pulse 1.0.0, 9 items, 3 subscales; "
        "written by a program, not a validated instrument\n"
    )
    assert err == ""


def test_a_validated_instrument_is_not_called_program_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "licensed.toml"
    path.write_text(MINIMAL.replace("validated = false", "validated = true"), encoding="utf-8")
    assert main(["survey", "check", str(path)]) == 0
    assert capsys.readouterr().out == "ok: mini 1.0.0, 5 items, 2 subscales\n"


def test_each_problem_is_printed_with_file_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.toml"
    text = MINIMAL.replace('id = "a2"', 'id = "a1"').replace("reverse = true", "reverse = 1")
    path.write_text(text, encoding="utf-8")
    status = main(["survey", "check", str(path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [
        f"{path}: items[1].id: duplicate item id 'a1' (also items[0])",
        f"{path}: items[2].reverse: must be true or false",
    ]
    assert err == f"svdesk: {path} has 2 problems; correct the file and check it again.\n"


def test_one_problem_is_one_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL.replace("min_answered = 2", "min_answered = 7"), encoding="utf-8")
    assert main(["survey", "check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == (
        f"{path}: subscales[0].min_answered: is 7 but the subscale has 3 items; use 1 to 3\n"
    )
    assert "has 1 problem;" in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.toml"
    assert main(["survey", "check", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out.startswith(f"{missing}: cannot be read")
    assert "has 1 problem" in err


def test_not_toml_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "survey.toml"
    path.write_text("id = \n", encoding="utf-8")
    assert main(["survey", "check", str(path)]) == 2
    assert capsys.readouterr().out.startswith(f"{path}: is not valid TOML (")


def test_a_folder_is_refused_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["survey", "check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"svdesk: {tmp_path} is a folder, not a regular file")
    assert err.count("\n") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Read with a plain open(), a FIFO would block here for good, waiting for a writer.
    fifo = tmp_path / "survey.toml"
    os.mkfifo(fifo)
    assert main(["survey", "check", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert "is a named pipe (FIFO), not a regular file" in err
