"""The mounted file systems on macOS, as `/sbin/mount` lists them (Linux reads /proc/self/mounts
and Windows asks for the drive type, in `svdesk.storage.datadir`). A module of its own so that
only macOS loads `subprocess` when a folder is opened (the unlock screen)."""

from __future__ import annotations

import subprocess


def darwin_mounts() -> list[tuple[str, str]]:
    """(mount point, file-system type) pairs as `mount` lists them on macOS."""
    try:
        listing = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except subprocess.SubprocessError as exc:
        raise OSError(f"mount could not be listed: {exc}") from exc
    mounts: list[tuple[str, str]] = []
    for line in listing.splitlines():  # "//u@host/share on /Volumes/share (smbfs, ...)"
        _, sep, rest = line.partition(" on ")
        point, sep2, kind = rest.rpartition(" (")
        if sep and sep2:
            mounts.append((point, kind.split(",")[0].strip(" )")))
    return mounts
