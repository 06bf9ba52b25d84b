"""The test session's socket guard: connect, bind, sendto on anything but AF_UNIX, and name
look-ups raise NetworkAccessBlocked and are recorded in ATTEMPTS, so that a test whose code
swallowed the error still fails (see the `_no_network` fixture in tests/conftest.py)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

ATTEMPTS: list[str] = []
CHILD_LOG_ENV = "SVDESK_TEST_NETWORK_LOG"  # where child processes record their attempts
METHODS = ("connect", "connect_ex", "bind", "sendto", "sendmsg")
LOOKUPS = (
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "gethostbyaddr",
    "create_connection",
    "create_server",
)


class NetworkAccessBlocked(OSError):
    """svdesk must not touch the network; raised by the guard instead."""


def _blocked(what: str) -> NetworkAccessBlocked:
    ATTEMPTS.append(what)
    return NetworkAccessBlocked(f"network access attempted during tests: {what}")


def _guard_method(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(self: socket.socket, *args: Any) -> Any:
        if self.family != socket.AF_UNIX:
            raise _blocked(f"socket.{name}{args!r} (family {self.family!r})")
        return real(self, *args)

    guarded.__name__ = name
    return guarded


def _guard_lookup(name: str) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        raise _blocked(f"socket.{name}{args!r}")

    guarded.__name__ = name
    return guarded


@contextmanager
def installed() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    try:
        for name in METHODS:
            patch.setattr(socket.socket, name, _guard_method(name, getattr(socket.socket, name)))
        for name in LOOKUPS:
            patch.setattr(socket, name, _guard_lookup(name))
        yield
    finally:
        patch.undo()
