"""Render the GUI's screens offscreen into docs/screenshots/*.png, on a throw-away store.

    .venv/bin/python scripts/screenshots.py [--out DIR]

Drives the real windows (first run → recovery code → home → lock → unlock) with an in-memory
device secret, so no keyring and no real data are touched. Extend `SHOTS` for new screens.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Cheap key derivation: screenshots need the screens, not the security margin.
os.environ.setdefault("SVDESK_KDF_PROFILE", "test")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from svdesk.errors import SecretStoreUnavailable
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.runtime.app import create_application
from ui.shell.firstrun import FirstRunPage
from ui.shell.home import HomePage
from ui.shell.main_window import MainWindow
from ui.shell.unlock import UnlockPage

SIZE = (1366, 768)  # a common hospital workstation screen (issue 17)
PASSPHRASE = "blue kettle morning walk"


class MemorySecrets:
    backend_name = "screenshots.MemorySecrets"

    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}

    def get(self, store_id: str) -> bytes | None:
        return self.values.get(store_id)

    def put(self, store_id: str, secret: bytes) -> None:
        self.values[store_id] = secret


def wait_until(predicate: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)


def save(widget: QtWidgets.QWidget, out: Path, name: str) -> None:
    for _ in range(3):  # let deferred layouts and repaints settle
        QtWidgets.QApplication.processEvents()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    create_application(["svdesk-screenshots"])
    with tempfile.TemporaryDirectory(prefix="svdesk-shots-") as tmp:
        home = Path(tmp) / "store"
        window = MainWindow(home, MemorySecrets())
        window.resize(*SIZE)
        window.show()
        page = window.page
        assert isinstance(page, FirstRunPage)
        form = page.form
        form.site.setText("NORTH")
        form.unit.setText("ICU2")
        form.admin_name.setText("Sam R.")
        form.passphrase.first.setText(PASSPHRASE)
        form.passphrase.second.setText(PASSPHRASE)
        save(window, out, "first-run")

        form.submit()
        first_run = page
        wait_until(lambda: first_run.recovery is not None)
        save(window, out, "recovery-code")
        assert page.recovery is not None
        page.recovery.written_down.setChecked(True)
        page.recovery.continue_button.click()
        wait_until(lambda: isinstance(window.page, HomePage))
        save(window, out, "home")
        supporters = window.open_supporters()
        assert supporters is not None
        save(supporters, out, "supporters")
        enrol = supporters.open_enrol()
        enrol.name.setText("Robin K.")
        enrol.passphrase.first.setText("short")
        save(enrol, out, "supporters-add")
        enrol.reject()
        supporters.reject()
        settings = window.open_settings()
        assert settings is not None
        save(settings, out, "settings")
        settings.reject()

        window.lock()
        unlock = window.page
        assert isinstance(unlock, UnlockPage)
        save(window, out, "unlock")
        for _ in range(2):
            unlock.passphrase.setText("not the passphrase")
            unlock.submit()
            wait_until(lambda: not ops.busy())
        save(window, out, "unlock-wrong-passphrase")
        window.shutdown()
        window.close()

        # First run on a computer whose keyring does not work: passphrase-only offered openly.
        class BrokenSecrets(MemorySecrets):
            backend_name = "keyring.backends.fail.Keyring"

            def put(self, store_id: str, secret: bytes) -> None:
                raise SecretStoreUnavailable("The system keyring (fail.Keyring) cannot be used.")

        window = MainWindow(Path(tmp) / "other", BrokenSecrets())
        window.resize(*SIZE)
        window.show()
        page = window.page
        assert isinstance(page, FirstRunPage)
        page.form.site.setText("NORTH")
        page.form.unit.setText("ICU2")
        page.form.admin_name.setText("Sam R.")
        page.form.passphrase.first.setText(PASSPHRASE)
        page.form.passphrase.second.setText(PASSPHRASE)
        page.form.submit()
        wait_until(lambda: page.form.keyring_box.isVisible() and not ops.busy())
        save(window, out, "first-run-no-keyring")
        window.shutdown()
        window.close()
    ops.wait_for_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
