"""`svdesk selftest`: start Qt, create a temporary passphrase-only store with the real key
derivation, unlock it on the worker thread, write and read a setting, lock, render the unlock
screen offscreen, load the bundled content and each compiled translation. Prints one line per
check; 0 when all pass.
"""

from __future__ import annotations

import importlib
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from svdesk import __version__
from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.storage.settings import read_setting, save_setting
from ui.qt import QtCore, QtWidgets
from ui.runtime import language, ops
from ui.runtime.app import create_application
from ui.shell.main_window import MainWindow
from ui.shell.unlock import UnlockPage

# (label, "module:function") of bundled content; a module not (yet) in this build is skipped.
CONTENT_LOADERS = (
    ("protocol", "svdesk.content.protocol.loader:load_protocol"),
    ("escalation rules", "svdesk.content.rules:load_rules"),
    ("answer vocabulary", "svdesk.content.answers:load_vocabulary"),
    ("reference cards", "svdesk.content.cards:load_cards"),
)


class _Report:
    def __init__(self) -> None:
        self.failures = 0

    def check(self, label: str, action: Callable[[], str | None]) -> Any:
        started = time.perf_counter()
        try:
            detail = action()
        except Exception as exc:
            self.failures += 1
            print(f"FAIL  {label}: {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stdout)
            return None
        ms = (time.perf_counter() - started) * 1000
        print(f"ok    {label} ({ms:.0f} ms){': ' + detail if detail else ''}")
        return detail


def _run_in_background(op: Callable[[], Any], timeout_ms: int = 60_000) -> Any:
    """Run `op` through ui.runtime.ops on the worker thread; spin an event loop until it is done."""
    holder = QtWidgets.QWidget()
    outcome: dict[str, Any] = {}
    loop = QtCore.QEventLoop()
    op_ = ops.BackgroundOp(
        holder,
        op=op,
        success=lambda result: outcome.setdefault("result", result),
        failure=lambda exc: outcome.setdefault("error", exc),
        cancellable=False,
    )
    op_.finished.connect(loop.quit)
    QtCore.QTimer.singleShot(timeout_ms, loop.quit)
    op_.run()
    loop.exec()
    holder.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        raise TimeoutError(f"the worker thread gave no answer within {timeout_ms} ms")
    return outcome["result"]


def run() -> int:
    report = _Report()
    app = create_application(["svdesk-selftest"])
    print(f"svdesk {__version__} selftest; Qt {QtCore.qVersion()} ({app.platformName()})")
    passphrase = secrets.token_urlsafe(18)
    with tempfile.TemporaryDirectory(prefix="svdesk-selftest-") as tmp:
        home = Path(tmp) / "store"
        state: dict[str, Any] = {}

        def create() -> str:
            session, _code = _run_in_background(
                lambda: Workstation.create(
                    home,
                    role="unit",
                    site="SELFTEST",
                    unit="CHECK",
                    admin_name="Selftest",
                    passphrase=passphrase,
                    secrets=None,
                    passphrase_only=True,
                )
            )
            state["admin"] = session.supporter.id
            session.lock()
            session.workstation.close()
            return "passphrase-only, real key derivation"

        def unlock() -> str:
            ws = Workstation.open(home, None)
            state["ws"] = ws
            session: Session = _run_in_background(lambda: ws.unlock(state["admin"], passphrase))
            state["session"] = session
            return "on the worker thread"

        def setting() -> str | None:
            session: Session = state["session"]
            value = {"checked": True, "text": "é ✓"}
            save_setting(session, "selftest", value)
            if read_setting(session.db, "selftest") != value:
                raise AssertionError("the setting read back differs from what was written")
            return None

        def lock() -> str | None:
            state.pop("session").lock()
            state.pop("ws").close()
            return None

        def render() -> str:
            window = MainWindow(home)
            try:
                window.show()
                app.processEvents()
                if not isinstance(window.page, UnlockPage):
                    raise AssertionError(f"expected the unlock screen, got {window.page!r}")
                pixmap = window.grab()
                if pixmap.isNull():
                    raise AssertionError("the unlock screen rendered to an empty image")
                return f"{pixmap.width()}x{pixmap.height()} px"
            finally:
                window.shutdown()
                window.close()
                window.deleteLater()

        report.check("create store", create)
        if "admin" in state:
            report.check("unlock", unlock)
        if "session" in state:
            report.check("write and read a setting", setting)
            report.check("lock", lock)
        report.check("render the unlock screen offscreen", render)
        report.check("load the translations", _translations)
        for label, target in CONTENT_LOADERS:
            module_name, _, func = target.partition(":")
            try:
                loader = getattr(importlib.import_module(module_name), func)
            except (ImportError, AttributeError):
                print(f"skip  {label}: not in this build")
                continue
            report.check(f"load {label}", _loading(loader))
        app.processEvents()
    ops.wait_for_all()
    if report.failures:
        print(f"selftest FAILED: {report.failures} check(s) failed")
        return 1
    print("selftest passed")
    return 0


def _translations() -> str:
    """Each compiled translation loads and translates the unlock screen (the frozen build finds
    resources/i18n/*.qm as the source tree does); the language in effect is restored."""
    shipped = [c for c in language.available_languages() if c != language.SOURCE_LANGUAGE]
    before = language.current_language()
    try:
        for code in shipped:
            if language.use_language(code) != code:
                raise AssertionError(f"resources/i18n/svdesk_{code}.qm did not load")
            text = QtCore.QCoreApplication.translate("UnlockPage", "svdesk is locked")
            if text == "svdesk is locked":
                raise AssertionError(f"svdesk_{code}.qm has no text for the unlock screen")
    finally:
        language.use_language(before)
    return ", ".join(shipped) or "none compiled (scripts/i18n release)"


def _loading(loader: Callable[[], object]) -> Callable[[], str | None]:
    return lambda: _describe(loader())


def _describe(content: object) -> str | None:
    try:
        return f"{len(content)} item(s)"  # type: ignore[arg-type]
    except TypeError:
        return None
