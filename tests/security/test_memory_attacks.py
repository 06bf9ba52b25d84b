"""A same-user process reading svdesk's memory: a core dump, or attaching to it (issue 13,
item 7); and the database key left in memory after lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes import make_session

PROBE = r"""
import resource, sys
from pathlib import Path
from svdesk.access.process import dumpable
from svdesk.access.workstation import Workstation
print(resource.getrlimit(resource.RLIMIT_CORE)[1], dumpable())
Workstation.open(Path(sys.argv[1]), None).close()
print(resource.getrlimit(resource.RLIMIT_CORE)[1], dumpable())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process limits")
def test_opening_a_store_turns_core_dumps_and_attaching_off(tmp_path: Path) -> None:
    session = make_session(tmp_path, passphrase_only=True)
    home = session.workstation.home
    session.lock()
    session.workstation.close()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(home)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    before, after = (line.split() for line in done.stdout.splitlines())
    assert after[0] == "0"  # no core file, whatever the shell's ulimit said
    if sys.platform.startswith("linux"):
        assert before[1] == "True"
        assert after[1] == "False"


def test_lock_wipes_the_sessions_copy_of_the_database_key(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    held = session._key
    assert held is not None
    assert any(held)
    session.lock()
    assert session._key is None
    assert not any(held)
    session.workstation.close()
