"""Free space: how much a drive has, and the advice to give when a write ran out of it."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Final

MB: Final = 1024 * 1024
# Kept free beyond what a write needs: the write-ahead log, the keys file, temp files.
MARGIN: Final = 16 * MB
DISK_FULL_ERRNOS: Final = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def free_bytes(folder: Path) -> int | None:
    """Bytes free for this user on the drive holding `folder` (None when it cannot be told)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def is_disk_full(exc: BaseException) -> bool:
    """True when `exc` (or what caused it) is "no space left" / "quota exceeded"."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in DISK_FULL_ERRNOS:
            return True
        seen = seen.__cause__
    return False


def advice(folder: Path, needed: int) -> str:
    """ "Free N MB on the drive of FOLDER (M MB free now), then try again." """
    free = free_bytes(folder)
    missing = max(needed + MARGIN - (free or 0), MARGIN)
    now = "" if free is None else f" ({free // MB} MB free now)"
    return f"Free at least {-(-missing // MB)} MB on the drive of {folder}{now}, then try again."
