"""The session-wide socket guard of tests/conftest.py: any network attempt fails; local
(AF_UNIX) sockets, which Qt and D-Bus use, keep working."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.network_guard import ATTEMPTS as NETWORK_ATTEMPTS
from tests.network_guard import CHILD_LOG_ENV, NetworkAccessBlocked


def _forget_attempts(count: int) -> None:
    # These tests make attempts on purpose; the per-test check must not fail them.
    del NETWORK_ATTEMPTS[count:]


def test_tcp_connect_is_blocked() -> None:
    before = len(NETWORK_ATTEMPTS)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkAccessBlocked):
            sock.connect(("127.0.0.1", 9))
        with pytest.raises(NetworkAccessBlocked):
            sock.connect_ex(("127.0.0.1", 9))
    recorded = NETWORK_ATTEMPTS[before:]
    print("blocked:", recorded)
    assert len(recorded) == 2
    _forget_attempts(before)


def test_udp_send_bind_and_name_lookup_are_blocked() -> None:
    before = len(NETWORK_ATTEMPTS)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        with pytest.raises(NetworkAccessBlocked):
            sock.sendto(b"x", ("127.0.0.1", 9))
        with pytest.raises(NetworkAccessBlocked):
            sock.bind(("0.0.0.0", 0))
    with pytest.raises(NetworkAccessBlocked):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(OSError, match="network access attempted"):  # urllib's URLError
        urllib.request.urlopen("http://example.org/", timeout=1)
    assert len(NETWORK_ATTEMPTS) - before == 4
    _forget_attempts(before)


def test_an_attempt_swallowed_by_app_code_is_still_recorded() -> None:
    before = len(NETWORK_ATTEMPTS)
    with contextlib.suppress(OSError):  # what careless app code might do
        socket.create_connection(("example.org", 80), timeout=1)
    assert NETWORK_ATTEMPTS[before:], "the per-test check would not see it"
    _forget_attempts(before)


@pytest.mark.skipif(sys.platform == "win32", reason="AF_UNIX socketpair")
def test_local_unix_sockets_still_work(tmp_path: object) -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"


def test_a_child_python_process_is_guarded_too() -> None:
    log = Path(os.environ[CHILD_LOG_ENV])
    before = log.stat().st_size
    code = (
        "import contextlib, socket\n"
        "with contextlib.suppress(OSError):  # swallowed, as careless code would\n"
        "    socket.create_connection(('example.org', 443), timeout=1)\n"
        "print('child done')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "child done"
    recorded = log.read_text(encoding="utf-8")[before:]
    print("child attempts:", recorded.strip())
    assert "create_connection" in recorded
    with log.open("r+", encoding="utf-8") as fh:  # made on purpose: not this test's failure
        fh.truncate(before)
