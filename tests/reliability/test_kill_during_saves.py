"""kill -9 during saves: no acknowledged save is lost and the store opens clean afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "kill_loop.py"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_twenty_times_loses_no_acknowledged_save(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--count",
            "20",
            "--seed",
            "20",
            "--home",
            str(tmp_path / "store"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print("kill -9 figures:", figures)
    assert result.returncode == 0, result.stdout + result.stderr
    assert figures["kills"] == 20
    assert figures["acknowledged"] > 0
    assert figures["lost"] == 0
    assert figures["corrupt_rows"] == 0
    assert figures["check_ok"] is True
