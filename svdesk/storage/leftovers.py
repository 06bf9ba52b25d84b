"""What interrupted work leaves in a data folder, settled when the folder is next opened.

- A restore moves the store's files aside into `replaced/<stamp>/`, then puts the backup's in
  place: database first, keys file last. It writes a journal first (`.restore-journal.json`:
  where the files went, which ones). A restore that was killed, or failed for want of space,
  is undone from the journal — the replaced files go back, a half-placed database goes — unless
  the keys file (written last) is in place, in which case it had finished and only the journal
  goes. Without this a kill left "no store here — create one", and `init` made an empty store
  over the recoverable files; `init` now refuses while restore leftovers are there.
- A backup works in `.backup-*` (a full copy of the store) and writes `.<name>.*.tmp` zips; a
  keys change writes `.keys.json.*.tmp`. A kill leaves them; they are removed at open.

Every function here runs under the instance lock (no other svdesk uses the folder).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Final

from svdesk.errors import StoreExists
from svdesk.storage.datadir import DB_NAME
from svdesk.storage.paths import atomic_write, fsync_dir

JOURNAL_NAME: Final = ".restore-journal.json"
REPLACED_DIR: Final = "replaced"
KEYS_NAME: Final = "keys.json"  # svdesk.keys.keyfile.SIDECAR_NAME (storage does not import keys)
STAGED_DB: Final = f".{DB_NAME}.restoring"


def journal_path(home: Path) -> Path:
    return home / JOURNAL_NAME


def begin_restore(home: Path, kept: Path | None, names: list[str]) -> None:
    """Record, durably, that the files `names` of `home` are about to move into `kept`."""
    entry = {"kept": None if kept is None else kept.name, "moved": names}
    atomic_write(journal_path(home), json.dumps(entry).encode("utf-8"))


def end_restore(home: Path) -> None:
    """The restore finished (its keys file is durable): forget the journal."""
    journal_path(home).unlink(missing_ok=True)
    fsync_dir(home)


def settle_restore(home: Path) -> str | None:
    """Finish or undo a restore that was interrupted in `home`; what was done, or None.

    Returns "finished" (the restored store was complete), "undone" (the replaced files are back,
    or the folder is empty again if it held no store), or None (no interrupted restore).
    """
    journal = journal_path(home)
    try:
        entry = json.loads(journal.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        entry = {}
    kept_name = entry.get("kept") if isinstance(entry, dict) else None
    moved = entry.get("moved") if isinstance(entry, dict) else None
    names = (
        [n for n in moved if isinstance(n, str) and "/" not in n] if isinstance(moved, list) else []
    )
    kept = home / REPLACED_DIR / kept_name if isinstance(kept_name, str) and kept_name else None
    if (
        (home / KEYS_NAME).exists()
        and (home / DB_NAME).exists()
        and not _old_left(home, kept, names)
    ):
        outcome = "finished"
    else:
        _undo(home, kept, names)
        outcome = "undone"
    (home / STAGED_DB).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    fsync_dir(home)
    return outcome


def _old_left(home: Path, kept: Path | None, names: list[str]) -> bool:
    """True when some of the store's own files were not moved aside yet (so what is in place is
    the old store, interrupted before the new one went in)."""
    return any(not (kept is not None and (kept / n).exists()) for n in names)


def _undo(home: Path, kept: Path | None, names: list[str]) -> None:
    db_moved = kept is not None and (kept / DB_NAME).exists()
    if (home / DB_NAME).exists() and (db_moved or DB_NAME not in names):
        # Put in place by the restore (the old one is aside, or there was none): a copy of the
        # backup file, which is still where it was.
        (home / DB_NAME).unlink()
    if kept is None:
        return
    for name in names:
        aside = kept / name
        if aside.exists() and not (home / name).exists():
            os.replace(aside, home / name)
    with contextlib.suppress(OSError):
        kept.rmdir()  # empty once everything is back
    with contextlib.suppress(OSError):
        (home / REPLACED_DIR).rmdir()


def settle(home: Path) -> None:
    """At open, under the lock: settle an interrupted restore, then remove what kills left."""
    settle_restore(home)
    clean(home)


def clean(home: Path) -> list[str]:
    """Remove what killed backups, restores and keys changes left in `home`; the names removed."""
    removed: list[str] = []
    for folder in (home, home / "backups"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            is_work_dir = folder == home and name.startswith((".backup-", ".restore-"))
            is_temp = name.startswith(".") and name.endswith(".tmp")
            if not (is_work_dir or is_temp) or name == JOURNAL_NAME:
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue  # a file we cannot remove is only clutter; the next open tries again
            removed.append(name)
    return removed


def refuse_init_over_restore(home: Path) -> None:
    """StoreExists when `home` holds what a restore left (its journal or replaced files)."""
    replaced = home / REPLACED_DIR
    has_replaced = replaced.is_dir() and any(replaced.iterdir())
    if journal_path(home).exists() or has_replaced:
        raise StoreExists(
            f"{home} holds the files of an earlier store ({replaced}); a new store here could "
            "hide them. Open the folder (svdesk check) to finish an interrupted restore, or "
            "restore a backup; to start afresh, move the folder away first."
        )
