"""Keep secrets out of core dumps and debuggers: called before a store is opened or created.

POSIX: the core-file size limit goes to 0 (RLIMIT_CORE, inherited by child processes). Linux:
prctl(PR_SET_DUMPABLE, 0) as well, so no core is written whatever the limit and another
process of the same user cannot ptrace the program or read its memory through /proc (only
root, or a process with CAP_SYS_PTRACE, can). macOS and Windows: see docs/security.md.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3

_done = False


def harden_process() -> None:
    """Turn core dumps and same-user attaching off (best effort, once per process)."""
    global _done  # noqa: PLW0603 (once per process, like the OS setting itself)
    if _done:
        return
    _done = True
    if sys.platform == "win32":
        return
    import resource  # noqa: PLC0415 (POSIX only: no such module on Windows)

    with contextlib.suppress(OSError, ValueError):  # lowering a limit is always allowed
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def dumpable() -> bool | None:
    """Whether the kernel would write a core or allow a same-user attach (None: not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
