"""The main window picks the page by the store's role: a coordinator store shows the coordinator
page (no export action); a unit store shows the home page and an export action that opens the
export dialog. Both lock like any unlocked page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from fakes import ADMIN_NAME, ADMIN_PASSPHRASE, MemorySecrets

from svdesk.access.workstation import Workstation
from ui.coordinator.page import CoordinatorPage
from ui.shell.home import HomePage
from ui.shell.unlock import UnlockPage
from ui.unit.export import ExportDialog


def coordinator_home(tmp_path: Path, secrets: MemorySecrets) -> Path:
    home = tmp_path / "coord"
    session, _code = Workstation.create(
        home, role="coordinator", site="SITE1", unit=None, admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE, secrets=secrets,
    )  # fmt: skip
    session.lock()
    session.workstation.close()
    return home


def test_a_coordinator_store_opens_the_coordinator_page(
    qtbot: Any, tmp_path: Path, open_window: Any, kit: SimpleNamespace
) -> None:
    secrets = MemorySecrets()
    window = open_window(coordinator_home(tmp_path, secrets), secrets)
    kit.unlock_by_keyboard(qtbot, window, ADMIN_NAME, ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, CoordinatorPage), timeout=10_000)
    page = window.page
    assert isinstance(page, CoordinatorPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "&Import", "&Escalations", "Re&quests", "&Dashboard", "Effecti&veness", "&Reports",
        "Surve&y waves",
    ]  # fmt: skip
    assert not window.export_action.isVisible()
    qtbot.waitUntil(lambda: "Your card fingerprint: " in page.import_tab.card_fingerprint.text())
    window.lock()
    assert isinstance(window.page, UnlockPage)
    assert not window.findChildren(CoordinatorPage)


def test_a_unit_store_offers_the_export_dialog(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    window = open_window(store.home, store.secrets)
    assert not window.export_action.isVisible()  # nothing to export while locked
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    assert window.export_action.isVisible()
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "not paired" in dialog.pairing_status.text(), timeout=10_000)
    window.lock()
    assert not window.export_action.isVisible()
    assert not window.findChildren(ExportDialog)
