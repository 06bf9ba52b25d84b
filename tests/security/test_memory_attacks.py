"""A same-user process reading svdesk's memory: a core dump, or attaching to it (issue 13,
item 7); and the database key left in memory after lock."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes import make_session, reopen

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


def _hits_in_memory(first: bytes, second: bytes) -> int:
    """How often `first + second` appears in this process's readable memory. The needle is
    held in two halves, so the search itself does not put the whole of it in memory."""
    hits = 0
    with open("/proc/self/maps", encoding="ascii") as maps, open("/proc/self/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            at = data.find(first)
            while at >= 0:
                hits += data[at + len(first) : at + len(first) + len(second)] == second
                at = data.find(first, at + 1)
    return hits


def _held_by_python(first: bytes, second: bytes) -> list[str]:
    """The str, bytes and bytearray objects reachable from the collector's objects that hold
    `first + second`, as text or (for bytes) as it is."""
    gc.collect()
    text = (first.decode("latin-1"), second.decode("latin-1"))
    found = []
    for container in gc.get_objects():
        for obj in (container, *gc.get_referents(container)):
            if isinstance(obj, str):
                halves: tuple[str, str] | tuple[bytes, bytes] = text
            elif isinstance(obj, bytes | bytearray):
                halves = (first, second)
            else:
                continue
            at = obj.find(halves[0])  # type: ignore[arg-type]
            if at >= 0 and obj[at + len(halves[0]) :].startswith(halves[1]):  # type: ignore[arg-type]
                found.append(f"{type(obj).__name__} held by {type(container).__name__}")
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/mem")
def test_after_lock_the_database_key_is_nowhere_in_the_process(tmp_path: Path) -> None:
    session = reopen(make_session(tmp_path))
    session.rotate_key()  # the re-key too
    session.db.execute("SELECT count(*) FROM audit").fetchone()
    assert session._key is not None
    raw = (bytes(session._key[:16]), bytes(session._key[16:]))
    hexed = (raw[0].hex().encode(), raw[1].hex().encode())
    session.lock()
    session.workstation.close()
    assert _held_by_python(*hexed) == []
    assert _held_by_python(*raw) == []
    # the PRAGMA key text of old was freed, never wiped: found here after every lock
    assert _hits_in_memory(*hexed) == 0


def test_the_key_literal_opens_stores_keyed_with_the_pragma_of_old(tmp_path: Path) -> None:
    import sqlcipher3

    from svdesk.storage.db import connect

    key = bytes(range(32))
    old = sqlcipher3.connect(str(tmp_path / "old.db"))
    old.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    old.execute("CREATE TABLE t (v)")
    old.execute("INSERT INTO t VALUES (42)")
    old.commit()
    old.close()
    conn = connect(tmp_path / "old.db", key)
    assert conn.execute("SELECT v FROM t").fetchall() == [(42,)]
    conn.close()
    wrong = connect(tmp_path / "old.db", bytes(32))
    with pytest.raises(sqlcipher3.dbapi2.DatabaseError, match="not a database"):
        wrong.execute("SELECT v FROM t")
    wrong.close()
