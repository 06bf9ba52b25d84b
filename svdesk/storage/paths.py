"""Where svdesk keeps its data, and how files are written safely (0700 dirs, 0600 files, atomic)."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from svdesk.errors import Refused, WriteFailed

ENV_HOME = "SVDESK_HOME"
P = ParamSpec("P")
R = TypeVar("R")


def default_home() -> Path:
    """The platform's per-user application-data folder, or `$SVDESK_HOME`."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
        return base / "svdesk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "svdesk"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "svdesk"


def unusable_path(exc: OSError) -> Refused:
    """What to say when a file or folder svdesk needs cannot be used (issue 18, item 4): which
    one, what the system said, and what to do; instead of a traceback or "Internal error"."""
    where = exc.filename if exc.filename is not None else "a file in the data folder"
    if exc.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
        advice = (
            "svdesk needs to read and write it: check that it belongs to the user running "
            "svdesk and is writable (or that the drive is not read-only)."
        )
    elif exc.errno == errno.ELOOP:
        advice = "it is a loop of symbolic links: point the data folder (--home) at a real folder."
    elif exc.errno in {errno.ENOTDIR, errno.EEXIST, errno.EISDIR}:
        advice = (
            "a file is where a folder should be (or the other way round): choose another data "
            "folder (--home), or move the file away."
        )
    else:
        advice = "check the drive and the file, then try again."
    return Refused(f"Cannot use {where} ({exc.strerror or exc}); {advice}")


def naming_os_errors(func: Callable[P, R]) -> Callable[P, R]:
    """`func`, with an OSError it lets through turned into `unusable_path`'s Refused."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except OSError as exc:
            raise unusable_path(exc) from exc

    return wrapper


def usable_dir(path: Path, *, create: bool = False) -> None:
    """Refused (`unusable_path`) when `path` exists but is not a folder (a file, a loop of
    links), or with `create` cannot be made a private folder; not "no store here"."""
    try:
        if os.path.lexists(path) and not stat.S_ISDIR(os.stat(path).st_mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
        if create:
            ensure_private_dir(path)
    except OSError as exc:
        raise unusable_path(exc) from exc


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) with mode 0700 and tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable (no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, mtime: float | None = None) -> None:
    """Write `data` to `path` via temp file → fsync → rename, mode 0600; with `mtime`, the
    file's access and modification times are set to it before the rename (a kiosk response's
    file must not say when it was written).

    Raises `WriteFailed` (and leaves any previous file untouched) when the disk is full, the
    target is read-only or another I/O error occurs.
    """
    directory = path.parent
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if mtime is not None:
                if os.utime in os.supports_fd:
                    os.utime(fd, (mtime, mtime))
                else:  # pragma: no cover - Windows
                    os.utime(tmp_name, (mtime, mtime))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise WriteFailed(
            f"Could not write {path.name} in {directory}: {exc.strerror or exc}. "
            "Free some space or choose another folder, then try again; nothing was changed."
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    try:
        fsync_dir(directory)
    except OSError as exc:
        # The new file is in place but its rename may not survive a power cut: say so, and do
        # not claim that nothing changed.
        raise WriteFailed(
            f"{path.name} in {directory} was written but could not be made durable "
            f"({exc.strerror or exc}); check the disk, then save again."
        ) from exc
