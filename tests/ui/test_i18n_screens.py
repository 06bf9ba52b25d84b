"""The screens in Spanish (issue 16, items 1 and 3): the unlock screen, home, a conversation step,
settings and the coordinator page show no interface text in English, and a supporter switches
language from Settings by keyboard, at once, without a restart.

"In English" means: a visible label, button, group, tab or window title whose text is the
English source of a text of resources/i18n/svdesk_es.ts (formatted ones matched with their
{fields} as wildcards) that has a different Spanish translation. The content files (protocol,
cards, vocabularies) are not the interface's and are not translated yet (issue 16, item 2).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import ADMIN_NAME, ADMIN_PASSPHRASE, MemorySecrets
from test_conversation_fakes import answer

from svdesk.access.workstation import Workstation
from svdesk.storage.settings import write_workstation_language
from ui.qt import QtCore, QtWidgets
from ui.runtime import language, ops
from ui.shell.home import HomePage
from ui.shell.settings import SettingsDialog
from ui.shell.unlock import UnlockPage
from ui.unit.crisis import CrisisDialog

ROOT = Path(__file__).resolve().parents[2]
SPANISH = ROOT / "resources" / "i18n" / "svdesk_es.ts"
# Proper names, product names and codes that read the same in every language.
ALLOWED = {"svdesk", "Qt", "PySide6", "REDCap", "PDF", "CSV", "XLSX", "ICU", "SITE1"}
_CODE = re.compile(r"^[\W\d_]*$|^[A-Z0-9][A-Z0-9._/ -]*$")  # numbers, codes, punctuation only
_FIELD = re.compile(r"\{[^{}]*\}")


def plain(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def _english_texts() -> tuple[set[str], list[re.Pattern[str]]]:
    """The English sources whose Spanish differs: exact texts, and patterns of formatted ones."""
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for message in ET.parse(SPANISH).getroot().iter("message"):
        source = plain(message.findtext("source") or "")
        translation = message.find("translation")
        forms = [] if translation is None else list(translation.iter("numerusform"))
        spanish = plain(
            (forms[0].text if forms else translation.text if translation is not None else "") or ""
        )
        if not source or source == spanish:
            continue
        if not _FIELD.search(source):
            exact.add(source)
            continue
        literal = _FIELD.sub("", source)
        if sum(c.isalpha() for c in literal) >= 4:
            parts = [re.escape(p) for p in _FIELD.split(source)]
            patterns.append(re.compile("^" + ".+?".join(parts) + "$", re.S))
    return exact, patterns


ENGLISH, ENGLISH_PATTERNS = _english_texts()


def shown_texts(root: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(where, text) of what `root` shows: its title, labels, buttons, groups, tabs, the chosen
    item of combo boxes."""
    found = [(f"window {type(root).__name__}", root.windowTitle())]
    for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QtWidgets.QLabel | QtWidgets.QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QtWidgets.QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QtWidgets.QTabWidget):
            found += [(where, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(
            widget, QtWidgets.QComboBox
        ):  # the chosen item (others may be content: cards)
            found.append((where, widget.currentText()))
    return found


def english_on(root: QtWidgets.QWidget) -> list[str]:
    """What `root` shows in English, as `where: text`."""
    problems = []
    for where, text in shown_texts(root):
        for line in [plain(text), *(plain(part) for part in text.split("\n"))]:
            if not line or line in ALLOWED or _CODE.match(line):
                continue
            if line in ENGLISH or any(p.match(line) for p in ENGLISH_PATTERNS):
                problems.append(f"{where}: {line!r}")
                break
    return problems


def test_the_detector_finds_english_text(qtbot: Any) -> None:
    """The check itself: an English source is found (also formatted), Spanish and names pass."""
    root = QtWidgets.QWidget()
    qtbot.addWidget(root)
    for text in ("svdesk is locked", "Signed in as Alex", "&Unlock", "svdesk", "2026-W05"):
        QtWidgets.QLabel(text, root)
    QtWidgets.QLabel("svdesk está bloqueado", root)
    root.setWindowTitle("Settings")
    assert english_on(root) == [
        "window QWidget: 'Settings'",
        "QLabel '': 'svdesk is locked'",
        "QLabel '': 'Signed in as Alex'",
        "QLabel '': 'Unlock'",
    ]


@pytest.fixture
def in_spanish(qapp: QtWidgets.QApplication) -> Iterator[None]:
    qm = SPANISH.with_suffix(".qm")
    if not qm.is_file() or qm.stat().st_mtime < SPANISH.stat().st_mtime:
        import subprocess
        import sys

        subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n"), "release"], check=True)
    yield
    language.use_language("en", qapp)


def _hosts() -> list[QtWidgets.QWidget]:
    from ui.unit.conversation_host import ConversationHost

    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ConversationHost) and w.isVisible()
    ]


def test_unlock_home_conversation_and_settings_show_no_english(
    qtbot: Any, open_window: Any, store: Any, kit: Any, in_spanish: None
) -> None:
    write_workstation_language(store.home, "es")  # the unit admin's choice for this workstation
    main = open_window(store.home, store.secrets)
    main.load_screens()
    assert isinstance(main.page, UnlockPage)
    assert main.page.unlock_button.text() == "&Desbloquear"
    assert english_on(main) == []
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    assert english_on(main) == []

    main.crisis_action.trigger()  # the crisis screen, and an escalation on home's queue
    qtbot.waitUntil(lambda: isinstance(getattr(main, "crisis_dialog", None), CrisisDialog))
    assert english_on(main.crisis_dialog) == []
    main.crisis_dialog.record_button.click()
    assert english_on(main.crisis_dialog) == []
    main.crisis_dialog.close()
    [due] = main.home_page.escalations.due_texts()
    assert "ahora" in due, due
    assert english_on(main) == []

    main.home_page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    host = _hosts()[0]
    assert english_on(host) == []
    answer(host.conversation, "stress.zone", "red")  # the escalation banner shows
    assert "Escalamiento: " in " ".join(text for _where, text in shown_texts(host))
    assert english_on(host) == []
    host.close()

    settings = main.open_settings()
    assert isinstance(settings, SettingsDialog)
    assert english_on(settings) == []
    settings.reject()


def test_the_coordinator_page_shows_no_english(
    qtbot: Any, tmp_path: Path, open_window: Any, kit: Any, in_spanish: None
) -> None:
    from ui.coordinator.page import CoordinatorPage

    secrets = MemorySecrets()
    home = tmp_path / "coord"
    session, _code = Workstation.create(
        home, role="coordinator", site="SITE1", unit=None, admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE, secrets=secrets,
    )  # fmt: skip
    session.lock()
    session.workstation.close()
    write_workstation_language(home, "es")
    main = open_window(home, secrets)
    kit.unlock_by_keyboard(qtbot, main, ADMIN_NAME, ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(main.page, CoordinatorPage), timeout=10_000)
    page = main.page
    qtbot.waitUntil(lambda: "Huella de su tarjeta: " in page.import_tab.card_fingerprint.text())
    problems = []
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        problems += english_on(main)
    assert problems == []


def test_a_supporter_switches_to_spanish_from_settings_by_keyboard(
    qtbot: Any, open_window: Any, store: Any, kit: Any, in_spanish: None
) -> None:
    """No restart: Save applies it to the page, built afresh; it is the supporter's own (kept in
    the store, applied at their unlock); the unlock screen keeps the workstation's language."""
    write_workstation_language(store.home, "en")
    main = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    english_home = main.home_page
    assert english_home.new_conversation_button.text() == "&New conversation"
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    settings = main.open_settings()
    assert isinstance(settings, SettingsDialog)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is settings, timeout=5_000)

    def key(
        k: QtCore.Qt.Key,
        modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
    ) -> None:
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), k, modifier)

    key(QtCore.Qt.Key.Key_M, QtCore.Qt.KeyboardModifier.AltModifier)  # &My language
    qtbot.waitUntil(
        lambda: QtWidgets.QApplication.focusWidget() is settings.my_language, timeout=5_000
    )
    qtbot.keyClicks(settings.my_language, "Esp")  # type-ahead in the closed combo box
    assert settings.my_language.currentData() == "es"
    key(QtCore.Qt.Key.Key_Return)  # Save, the default button
    qtbot.waitUntil(lambda: main.home_page is not None and main.home_page is not english_home)
    assert main.home_page.new_conversation_button.text() == "&Nueva conversación"
    assert main.lock_action.text() == "Bloquear"
    assert english_on(main) == []

    main.lock()  # the unlock screen: the workstation's language
    assert isinstance(main.page, UnlockPage)
    assert main.page.unlock_button.text() == "&Unlock"
    kit.unlock_by_keyboard(qtbot, main, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    assert main.home_page.new_conversation_button.text() == "&New conversation"  # Blake's
    main.lock()
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    assert main.home_page.new_conversation_button.text() == "&Nueva conversación"  # Alex's
    assert isinstance(main.home_page, HomePage)


def test_the_dialogs_of_home_and_settings_show_no_english(
    qtbot: Any, open_window: Any, store: Any, kit: Any, in_spanish: None
) -> None:
    """Beyond the five screens: every dialog home and Settings open, in Spanish."""
    write_workstation_language(store.home, "es")
    main = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    home = main.home_page
    problems: list[str] = []

    def walk(dialog: QtWidgets.QWidget | None) -> None:
        assert dialog is not None
        qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
        problems.extend(english_on(dialog))
        dialog.close()

    walk(main.open_supporters())
    walk(main.open_export())
    walk(main.open_change_passphrase())
    walk(home.open_on_call())
    home.open_directory()
    walk(home.directory_dialog)
    walk(home.requests.open_log_dialog())
    settings = main.open_settings()
    assert isinstance(settings, SettingsDialog)
    for opener in (
        settings.open_pairing,
        settings.open_directory,
        settings.open_roster,
        settings.open_program_texts,
    ):
        walk(opener())
    settings.reject()
    assert problems == []


def test_first_run_is_in_the_system_language(
    qtbot: Any, tmp_path: Path, open_window: Any, in_spanish: None, monkeypatch: Any
) -> None:
    """Before a store exists there is no workstation choice: the system's language (Spanish
    here) is used for the set-up."""
    from ui.shell.firstrun import FirstRunPage

    monkeypatch.setattr(language, "system_language", lambda: "es")
    main = open_window(tmp_path / "new")
    assert isinstance(main.page, FirstRunPage)
    assert english_on(main) == []
    assert "Configurar svdesk en este equipo" in [text for _w, text in shown_texts(main)]
