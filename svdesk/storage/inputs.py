"""Reading a file a user named (`rules eval FILE`, `protocol check FILE`, `pair CARD`,
`restore FILE`): only a regular file, and never in a way that can block. Opening a FIFO for
reading waits for a writer, for good; a device such as /dev/zero never ends. So the file is
opened without blocking and checked on its open descriptor (no window for a swap) before a byte
is read, and at most `limit` bytes are read (issue 18, item 5).

A missing or unreadable file is not decided here: the OSError goes to the caller, which words it
in its own command's terms (and keeps its existing contract).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from svdesk.errors import InvalidInput

# O_NONBLOCK: open a FIFO at once instead of waiting for a writer (POSIX; Windows has no FIFOs
# to open by path). O_NOCTTY: naming a terminal device must not make it ours.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str | None:
    """What a file of st_mode `mode` is, in words, when it is not a regular file (else None)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _not_regular(path: Path, kind: str, what: str, hint: str) -> InvalidInput:
    return InvalidInput(f"{path} is {kind}, not a regular file; give the {what} itself{hint}.")


class FileTooLarge(InvalidInput):
    """The file is larger than the caller's limit (a caller may word this in its own terms)."""


def _too_large(path: Path, limit: int, what: str) -> InvalidInput:
    return FileTooLarge(
        f"{path} is larger than {limit:,} bytes, far too large for a {what}; check that this is "
        "the right file."
    )


def check_regular_file(path: Path, *, what: str, hint: str = "") -> None:
    """InvalidInput when `path` exists and is not a regular file (a folder, FIFO, device,
    socket; a symbolic link is followed); `what` names the file ("backup file"). For a file that
    another function opens and reads itself."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return  # missing or unreadable: the caller says so in its own words
    kind = kind_of(mode)
    if kind is not None:
        raise _not_regular(path, kind, what, hint)


def read_regular_file(path: Path, *, what: str, limit: int, hint: str = "") -> bytes:
    """The bytes of the regular file `path` (at most `limit`).

    InvalidInput when it is not a regular file or is larger than `limit`; `hint` is added to
    that message (", or - for standard input"). OSError when it is missing or cannot be read.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (IsADirectoryError, PermissionError):
        check_regular_file(path, what=what, hint=hint)  # Windows: a folder cannot be opened
        raise
    try:
        st = os.fstat(fd)
        kind = kind_of(st.st_mode)
        if kind is not None:
            raise _not_regular(path, kind, what, hint)
        if st.st_size > limit:
            raise _too_large(path, limit, what)
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a regular file: read it plainly
        with os.fdopen(fd, "rb") as fh:
            fd = -1  # the file object owns it now
            data = fh.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # a file that grew since fstat
        raise _too_large(path, limit, what)
    return data


def read_regular_text(path: Path, *, what: str, limit: int, hint: str = "") -> str:
    """`read_regular_file` decoded as `Path.read_text(encoding="utf-8")` would (universal
    newlines); UnicodeDecodeError when it is not UTF-8."""
    data = read_regular_file(path, what=what, limit=limit, hint=hint)
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
