"""The data directory on disk, before any database is opened: its file names, the instance
lock (one running svdesk per folder) and the refusal of network folders. Kept apart from
`svdesk.storage.db` so that opening a folder (the unlock screen) loads no database code.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO, Final

if sys.platform == "win32":
    import ctypes
    import msvcrt
else:
    import fcntl
if sys.platform == "darwin":
    from svdesk.storage.darwin_mounts import darwin_mounts

from svdesk.errors import StoreLocked

__all__ = [
    "DB_FILE_SUFFIXES",
    "DB_NAME",
    "KIOSK_CHOICE_NAME",
    "KIOSK_INBOX_NAME",
    "LOCK_NAME",
    "SHM_SUFFIX",
    "WAL_SUFFIX",
    "InstanceLock",
    "is_network_path",
    "mount_type",
]

DB_NAME = "svdesk.db"
# SQLite keeps a database in WAL mode as up to three files: the database file itself, its
# write-ahead log and the log's shared-memory index (the database's name + each suffix).
WAL_SUFFIX: Final = "-wal"
SHM_SUFFIX: Final = "-shm"
DB_FILE_SUFFIXES: Final = ("", WAL_SUFFIX, SHM_SUFFIX)
LOCK_NAME = "svdesk.lock"
# The kiosk survey (svdesk.unit.kiosk) while the store is locked: the signed choice of survey, and
# the folder of encrypted responses that the next unlock merges. Named here so that the unlock
# screen can see whether a survey is offered without loading the unit's code.
KIOSK_CHOICE_NAME: Final = "kiosk.json"
KIOSK_INBOX_NAME: Final = "kiosk-inbox"
_NETWORK_FS = {
    "smbfs",
    "afpfs",
    "webdav",
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
    "ncpfs",
    "fuse.gvfsd-fuse",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
    "fuse.rclone",
}


def is_network_path(path: Path) -> bool:
    """True when `path` is on a network file system (SQLite locking is unreliable there)."""
    text = str(path)
    if sys.platform == "win32":
        if text.startswith(("\\\\", "//")):
            return True
        try:
            drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # type: ignore[attr-defined]
        except (OSError, AttributeError):
            return False
    mounts: list[tuple[str, str]] = []
    try:
        if sys.platform.startswith("linux"):
            for line in Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 3:
                    mounts.append((parts[1].replace("\\040", " "), parts[2]))
        elif sys.platform == "darwin":
            mounts = darwin_mounts()
    except OSError:
        return False
    return mount_type(os.path.realpath(text), mounts) in _NETWORK_FS


def mount_type(target: str, mounts: list[tuple[str, str]]) -> str:
    """The file-system type of the longest mount point containing `target` ("" if none)."""
    best, best_type = "", ""
    for point, kind in mounts:
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, kind
    return best_type


class InstanceLock:
    """An exclusive OS lock on `svdesk.lock`: one running instance per data directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        fh = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        if os.name == "posix":
            os.chmod(self.path, 0o600)
        try:
            if sys.platform == "win32":
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise StoreLocked(
                f"svdesk is already running with the data folder {self.path.parent}; "
                "use the open window (or close it) and try again."
            ) from exc
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        with contextlib.suppress(OSError):
            if sys.platform == "win32":
                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        self._fh.close()
        self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None
