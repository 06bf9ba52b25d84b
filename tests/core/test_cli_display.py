"""Without a screen, the program (svdesk_app) refuses to start the GUI with a sentence (Qt would
abort the process)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from svdesk.access.workstation import Workstation
from svdesk_app.main import main

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11/Wayland display variables")


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("no_display")
def test_gui_without_a_display_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(tmp_path / "home")]) == 2
    err = capsys.readouterr().err
    assert "No display was found" in err
    assert not (tmp_path / "home").exists()  # nothing was created


@pytest.mark.usefixtures("no_display")
def test_demo_without_a_display_keeps_the_store_it_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "demo"
    assert main(["demo", "--home", str(home)]) == 2
    out, err = capsys.readouterr()
    assert '"sign_ins"' in out
    assert "No display was found" in err
    assert Workstation.exists(home)
