"""Imported at start-up by every Python process the tests launch (tests/conftest.py puts this
folder first on PYTHONPATH): the socket guard of tests/network_guard.py for child processes. An
attempt raises and is appended to $SVDESK_TEST_NETWORK_LOG, which the test's `_no_network`
fixture reads, so a child that swallowed the error still fails the test."""

import os

_LOG = os.environ.get("SVDESK_TEST_NETWORK_LOG")

if _LOG:
    import socket

    def _blocked(what: str) -> OSError:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"child process {os.getpid()}: {what}\n")
        return OSError(f"network access attempted during tests: {what}")

    def _method(name: str, real: object) -> object:
        def guarded(self: socket.socket, *args: object) -> object:
            if self.family != socket.AF_UNIX:
                raise _blocked(f"socket.{name}{args!r}")
            return real(self, *args)  # type: ignore[operator]

        return guarded

    def _lookup(name: str) -> object:
        def guarded(*args: object, **kwargs: object) -> object:
            raise _blocked(f"socket.{name}{args!r}")

        return guarded

    for _name in ("connect", "connect_ex", "bind", "sendto", "sendmsg"):
        setattr(socket.socket, _name, _method(_name, getattr(socket.socket, _name)))
    for _name in (
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "create_connection",
        "create_server",
    ):
        setattr(socket, _name, _lookup(_name))
