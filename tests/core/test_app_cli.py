"""The program's command line (svdesk_app.main, the `svdesk` console script and the frozen app):
the core's, plus the commands that need Qt; every other command runs without loading Qt or ui/."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from svdesk.cli import build, command_key
from svdesk_app.main import add_qt_commands

ROOT = Path(__file__).resolve().parents[2]


def test_the_program_adds_selftest_the_gui_and_pdf_reports() -> None:
    command_line = build([add_qt_commands])
    assert command_key(command_line.parser.parse_args(["selftest"])) == "selftest"
    report = command_line.parser.parse_args(["report", "--format", "pdf", "--out", "r.pdf"])
    assert report.format == "pdf"
    assert {"gui", "demo", "selftest", "report"} <= set(command_line.handlers)
    assert command_line.report_formats == ["pdf", "csv", "xlsx", "redcap"]  # cli.md's order


def test_the_console_script_and_the_frozen_app_run_the_program() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"svdesk": "svdesk_app.main:main"}
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '[str(ROOT / "svdesk_app" / "__main__.py")]' in spec


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    no_screen = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {k: v for k, v in os.environ.items() if k not in no_screen}
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
        check=False,
    )  # fmt: skip


def test_a_command_that_needs_no_qt_does_not_load_it() -> None:
    code = (
        "import sys\n"
        "from svdesk_app.main import main\n"
        "status = main(['guard', 'check', 'nothing to see here'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui'))\n"
        "print('loaded', loaded)\n"
        "sys.exit(0 if status in (0, 1) else status)\n"
    )
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr
    assert "loaded []" in result.stdout


@pytest.mark.parametrize("module", ["svdesk", "svdesk_app"])
def test_no_screen_is_refused_with_a_sentence(module: str, tmp_path: Path) -> None:
    env_less = _run("-m", module, "--home", str(tmp_path))
    assert env_less.returncode == 2
    assert "Traceback" not in env_less.stderr
    if module == "svdesk":  # the core alone: where the GUI is
        assert "has no GUI" in env_less.stderr
    else:
        assert "No display was found" in env_less.stderr
