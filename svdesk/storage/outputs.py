"""Where a command may write a file it was given (`backup --out`, `report --out`,
`coordinator card --out`): never inside the data folder (the live store, its keys file, its
backups), never over something that is not a regular file (a device node, a FIFO, a folder),
and over an existing file only when asked to (`--force`, or the GUI's "Replace?" question).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from svdesk.errors import InvalidInput, Refused


def _inside(path: Path, folder: Path) -> bool:
    try:
        real_path = Path(os.path.realpath(path))
        real_folder = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return False
    return real_path == real_folder or real_folder in real_path.parents


class OutputExists(Refused):
    """The file a command would write exists: it is replaced only when the user says so."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"{path} already exists; the {what} would replace it. Choose another name, or add "
            "--force to replace it."
        )
        self.path = path


def check_output_file(path: Path, home: Path, *, force: bool, what: str) -> None:
    """Refused unless `what` may be written to the file `path` (see the module docstring);
    OutputExists when only `force` is missing."""
    if _inside(path, home):
        raise Refused(
            f"{path} is inside the data folder {home}; writing the {what} there could replace "
            "the store or its keys. Choose a place outside the data folder (a USB drive, "
            "Documents)."
        )
    try:
        st = os.stat(path)  # follows a symbolic link to what it names
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InvalidInput(f"{path} cannot be checked ({exc.strerror or exc}).") from exc
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise Refused(
            f"{path} is {kind}; the {what} is written only to a file. Choose a file name."
        )
    if not force:
        raise OutputExists(path, what)


def files_to_replace(paths: Iterable[Path], home: Path, *, what: str) -> list[Path]:
    """Those of `paths` that exist already, for the user to confirm replacing (the GUI asks);
    Refused or InvalidInput first when any of them may not be written at all."""
    existing: list[Path] = []
    for path in paths:
        try:
            check_output_file(path, home, force=False, what=what)
        except OutputExists:
            existing.append(path)
    return existing


def check_output_folder(folder: Path, home: Path, *, what: str) -> None:
    """Refused when `folder` (where a file with a new name goes) is inside the data folder;
    InvalidInput when it is something other than a folder."""
    if _inside(folder, home):
        raise Refused(
            f"{folder} is inside the data folder {home}; choose a folder outside it for the "
            f"{what} (a USB drive, Documents)."
        )
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise InvalidInput(
            f"{folder} is a file, not a folder; the {what} is written into a folder. Choose a "
            "folder (a new name makes one)."
        )
