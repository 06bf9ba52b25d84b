"""What the unlock screen loads: the one place that says which modules a start must not import
before its first screen is painted (the rest of svdesk and ui imports normally).

The real start (`svdesk --home DIR` on an existing store, through `svdesk_app.main`) runs in a
child process, exits once the unlock screen is painted, and prints `sys.modules` and whether
PySide6 has built the `Qt` namespace by then (see ui/qt.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui  # starts Qt, in a child process

ROOT = Path(__file__).resolve().parents[2]

# module (and its submodules) -> why the unlock screen must not load it
NOT_AT_UNLOCK = {
    # the store: loaded on the worker while the passphrase is typed (ui.runtime.app)
    "sqlcipher3": "SQLCipher and its own OpenSSL (~5.6 MiB resident)",
    "sqlite_utils": "~0.1 s of imports (it pulls in click, tabulate, ...)",
    "svdesk.storage.db": "the store's database code (SQLCipher, sqlite-utils)",
    # the keys: unlocking derives and unwraps them, on the worker
    "cryptography": "OpenSSL bindings for the key wrapping (~10 ms)",
    "argon2": "the passphrase key derivation (~10 ms)",
    "keyring": "finds its backends through package metadata (~60 ms)",
    "importlib.metadata": "~40 ms: the version is read when shown (--version, About, selftest)",
    # the session: what an unlocked store does (svdesk.access.workstation imports it to create
    # or unlock a store; the worker loads it while the passphrase is typed)
    "svdesk.access.session": "the unlocked session's code, with what follows",
    "svdesk.access.clock_check": "the clock check made at unlock",
    "svdesk.access.checking": "the store and audit-chain check",
    "uuid": "~2 ms with platform: new ids are made when a store is created or changed",
    # what only an unlocked store shows
    "svdesk.unit": "a unit's records, cases and queues",
    "svdesk.coordinator": "the coordinator's import, queue and dashboard",
    "svdesk.exchange": "bundles (and pyrage)",
    "pyrage": "age encryption of bundles",
    "ui.unit": "the unit's screens (conversation, crisis, queues, ...)",
    "ui.coordinator": "the coordinator's screens",
    "PySide6.QtCharts": "the coordinator's dashboard only",
    "PySide6.QtPdf": "never used by the app (the tests read PDF reports back with it)",
    # pages and dialogs the unlock screen does not show, imported when opened (ui.shell.main_window)
    "ui.shell.firstrun": "first run: only when there is no store yet",
    "ui.shell.problem": "what is wrong with a store that cannot be opened",
    "ui.shell.recovery": "the recovery-code dialogs, opened from the unlock or problem page",
    "svdesk.access.recovery": "the keyring's recovery with the recovery code",
    "ui.shell.supporters": "an admin's supporters dialog (unlocked)",
    "ui.shell.passphrase_dialogs": "changing a passphrase (unlocked)",
    # the standard library's heavier parts the unlock screen has no use for
    "subprocess": "~4 ms with signal and selectors: only macOS lists its mounts with it",
    "datetime": "~1 ms: dates of records and the clock check (audit.now_iso uses time)",
}

# Why the unlock screen is painted without Qt's namespace: PySide6 builds all of `QtCore.Qt`'s
# ~90 enums when it is first touched (any `QtCore.Qt.X`, and some overloads that accept one, such
# as QAction.setShortcut's), ~15 ms of every start; the bare window pays none of it.
QT_NAMESPACE_WHY = "~15 ms: PySide6 builds all of QtCore.Qt's enums at its first use"

CHILD = """
import json, sys
from svdesk_app.main import main
status = main(["--home", sys.argv[1]])
from PySide6 import QtCore
print("modules " + json.dumps(list(sys.modules)), flush=True)  # in the order imported
print("qt_namespace " + json.dumps("Qt" in vars(QtCore)), flush=True)
sys.exit(status)
"""


def _demo_home(tmp_path: Path) -> Path:
    from svdesk.demo import create_demo

    home = tmp_path / "demo"
    create_demo(home)
    return home


def _start_to_unlock_screen(home: Path) -> tuple[list[str], bool]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SVDESK_EXIT_WHEN_SHOWN": "1"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(home)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "shown" in lines  # the unlock screen was painted
    (modules,) = (line.removeprefix("modules ") for line in lines if line.startswith("modules "))
    (built,) = (line.split()[1] for line in lines if line.startswith("qt_namespace "))
    loaded: list[str] = json.loads(modules)
    return loaded, bool(json.loads(built))


def test_the_unlock_screen_loads_none_of_what_unlocking_or_an_unlocked_store_needs(
    tmp_path: Path,
) -> None:
    loaded, qt_namespace_built = _start_to_unlock_screen(_demo_home(tmp_path))
    assert "ui.shell.unlock" in loaded  # the screen it painted
    assert "svdesk.access.workstation" in loaded  # the folder it opened
    early = {
        name: why
        for name, why in NOT_AT_UNLOCK.items()
        if any(m == name or m.startswith(name + ".") for m in loaded)
    }
    assert early == {}
    assert not qt_namespace_built, QT_NAMESPACE_WHY


def test_the_core_modules_of_the_unlock_screen_are_imported_before_qt(tmp_path: Path) -> None:
    """PySide6's import hook reads the source of every module imported after PySide6 (looking
    for `from __feature__ import`), ~0.5 ms a module: ui.runtime.app imports the core modules
    the unlock screen uses (and with them the bundled `resources` package) before Qt."""
    loaded, _ = _start_to_unlock_screen(_demo_home(tmp_path))
    after_qt = loaded[loaded.index("PySide6") :]
    assert [name for name in after_qt if name.split(".")[0] in ("svdesk", "resources")] == []
