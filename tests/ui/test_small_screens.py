"""Issue 17, item 8: the main screens at 1000×700 and 1024×700, and the unit home at 1366×768.

At 1000×700 the home window grew to 820 px (taller than the screen), New conversation was cut
and the queues showed no row; the crisis screen cut the general emergency numbers to a line;
the coordinator's queue had columns off to the right and the dashboard's charts cut their
labels, counts included. At 1366×768 a crowded home (requests, on-call, follow-ups,
escalations) grew past the screen and cut the escalation rows.

"Clipped" here is what a user sees: a label or button smaller than its text needs, or outside
its window while not inside a scroll area (where it can be scrolled to).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fakes import close_session, make_session
from test_conversation_fakes import FakeUnitServices, answer, default_protocol, fake_services
from test_coordinator_support import (
    ESCALATING,
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    record_conversation,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.coordinator.importing import import_bundles
from svdesk.demo import DIRECTORY_NUMBERS, populate
from svdesk.progress import run_to_end
from svdesk.unit import directory
from svdesk.unit.context import context_for
from svdesk.unit.requests import log_request
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime.app import BASE_POINT_SIZE, STYLESHEET, calm_palette
from ui.shell.home import HomePage
from ui.shell.main_window import MainWindow
from ui.unit.conversation import start_new_conversation
from ui.unit.conversation_host import ConversationHost
from ui.unit.crisis import CrisisDialog

SMALL = [(1000, 700), (1024, 700)]


@pytest.fixture(autouse=True)
def app_look(qapp: QtWidgets.QApplication) -> Iterator[None]:
    """The font, palette and style sheet the app sets up (`ui.runtime.app`): sizes measured
    with pytest-qt's plain defaults are not what a user sees. Restored after the test."""
    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    look = qapp.font()
    if look.pointSizeF() < BASE_POINT_SIZE:
        look.setPointSizeF(BASE_POINT_SIZE)
    qapp.setFont(look)
    qapp.setPalette(calm_palette())
    qapp.setStyleSheet(STYLESHEET % {"title": f"{look.pointSizeF() * 1.35:g}"})
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


# -- what "clipped" means ------------------------------------------------------------------
def _scroll_area(widget: QtWidgets.QWidget) -> QtWidgets.QAbstractScrollArea | None:
    """The scroll area whose viewport holds `widget` (it can be scrolled into view there)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QtWidgets.QAbstractScrollArea) and parent.viewport().isAncestorOf(
            widget
        ):
            return parent
        parent = parent.parentWidget()
    return None


def clipped(root: QtWidgets.QWidget) -> list[str]:
    """The labels and buttons of `root` that are cut: smaller than their text, or (outside a
    scroll area) not inside their window."""
    window = root.window()
    problems: list[str] = []
    for widget in root.findChildren(QtWidgets.QWidget):
        if not isinstance(
            widget, QtWidgets.QLabel | QtWidgets.QAbstractButton
        ) or not widget.isVisibleTo(window):
            continue
        if type(widget).__name__ == "QToolButton" and not widget.text():
            continue  # a tab bar's or scroll bar's arrow: drawn to the room it is given
        name = f"{type(widget).__name__} {widget.text()[:50]!r}"
        if (
            isinstance(widget, QtWidgets.QLabel)
            and widget.wordWrap()
            and widget.hasHeightForWidth()
        ):
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                problems.append(f"{name}: {widget.height()} px high, needs {needed}")
        else:
            hint = widget.sizeHint()
            if widget.width() < hint.width() or widget.height() < widget.minimumSizeHint().height():
                problems.append(
                    f"{name}: {widget.width()}×{widget.height()}, needs "
                    f"{hint.width()}×{widget.minimumSizeHint().height()}"
                )
        area = _scroll_area(widget)
        if area is None:
            where = QtCore.QRect(widget.mapTo(window, QtCore.QPoint(0, 0)), widget.size())
            if not window.rect().contains(where):
                problems.append(f"{name}: at {where.getRect()}, outside {window.rect().getRect()}")
        elif not area.horizontalScrollBar().isVisible():
            # Nothing to scroll sideways to: what is right of the viewport is cut off.
            left = widget.mapTo(area.viewport(), QtCore.QPoint(0, 0)).x()
            if left < 0 or left + widget.width() > area.viewport().width():
                problems.append(f"{name}: cut at the right of its scroll area")
    return problems


def settle() -> None:
    for _ in range(5):  # deferred layouts, the rows fitted after the columns
        QtWidgets.QApplication.processEvents()


def rows_shown_whole(table: QtWidgets.QTableWidget) -> int:
    """How many rows, from the top, the table shows whole."""
    room = table.viewport().height()
    shown = 0
    for row in range(table.rowCount()):
        room -= table.rowHeight(row)
        if room < 0:
            break
        shown += 1
    return shown


# -- the unit home -------------------------------------------------------------------------
@pytest.fixture
def crowded(store: Any, kit: SimpleNamespace) -> Any:
    """The demo's conversations, follow-ups and escalations, and three open requests (one of
    them overdue): everything the home screen lists at once."""
    session = store.workstation().unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        populate(session, today=date.today())
        ctx = context_for(session)
        for source, minutes_ago in (("peer", 40), ("manager", 12), ("self", 5)):
            log_request(
                ctx,
                source=source,
                people=1,
                urgency="now",
                requested_at=ctx.now() - timedelta(minutes=minutes_ago),
                other_unit=False,
            )
    finally:
        session.lock()
        session.workstation.close()
    return store


def open_home(
    qtbot: Any, open_window: Any, kit: SimpleNamespace, store: Any, size: tuple[int, int]
) -> tuple[MainWindow, HomePage]:
    window: MainWindow = open_window(store.home, store.secrets)
    window.resize(*size)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: window.home_page is not None, timeout=10_000)
    page = window.home_page
    assert page is not None
    idle(qtbot)
    settle()
    return window, page


# 728: the main window on a 1366x768 screen leaves 40 px for the title bar (fit_screen).
@pytest.mark.parametrize("height", [768, 728])
def test_the_crowded_unit_home_fits_1366x768(
    qtbot: Any, open_window: Any, kit: SimpleNamespace, crowded: Any, height: int
) -> None:
    window, page = open_home(qtbot, open_window, kit, crowded, (1366, height))
    assert page.requests.table.rowCount() == 3
    assert page.escalations.table.rowCount() >= 3
    assert page.follow_ups.table.rowCount() >= 3
    # The window kept the screen's size: nothing pushed it taller.
    assert (window.width(), window.height()) == (1366, height)
    # The queues show rows whole, two at least (an escalation row was cut in half).
    assert rows_shown_whole(page.escalations.table) >= 2
    assert rows_shown_whole(page.follow_ups.table) >= 2
    assert rows_shown_whole(page.requests.table) == 3
    # Nothing below the fold: the page does not need its scroll bar here.
    assert page.body_scroll.verticalScrollBar().maximum() == 0
    assert page.queues.side_by_side()
    for button in (
        page.new_conversation_button,
        page.requests.log_button,
        page.follow_ups.start_button,
        page.escalations.hand_off_button,
        page.escalations.close_button,
        page.on_call_button,
    ):
        assert button.isVisible()
        where = QtCore.QRect(button.mapTo(window, QtCore.QPoint(0, 0)), button.size())
        assert window.rect().contains(where), button.text()
    assert clipped(window) == []


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_unit_home_at_a_small_screen(
    qtbot: Any,
    open_window: Any,
    kit: SimpleNamespace,
    crowded: Any,
    size: tuple[int, int],
) -> None:
    window, page = open_home(qtbot, open_window, kit, crowded, size)
    assert (window.width(), window.height()) == size  # it grew to 820 px high
    assert clipped(window) == []
    # Side by side only if every column fits (else one above the other); rows whole, and the
    # page scrolls to them (Tab does too: a scroll area shows the control that takes focus).
    assert rows_shown_whole(page.escalations.table) >= 2
    assert rows_shown_whole(page.follow_ups.table) >= 2
    for table in (page.escalations.table, page.follow_ups.table):
        assert table.horizontalScrollBar().maximum() == 0  # every column in view
    close = page.escalations.close_button
    page.escalations.select_row(0)  # its details below the table take their lines
    assert close.isEnabled()
    page.new_conversation_button.setFocus()
    for _ in range(60):  # by keyboard: Tab until Close with outcome has the focus
        settle()
        if QtWidgets.QApplication.focusWidget() is close:
            break
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Tab)
    assert QtWidgets.QApplication.focusWidget() is close
    top_left = close.mapTo(page.body_scroll.viewport(), QtCore.QPoint(0, 0))
    assert page.body_scroll.viewport().rect().contains(QtCore.QRect(top_left, close.size()))


def test_an_empty_queue_keeps_no_tables_height(qtbot: Any, tmp_path: Path) -> None:
    """No requests: one line saying so, not the blank height of a hidden table."""
    session = make_session(tmp_path)
    try:
        page = HomePage(session)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        settle()
        view = page.requests.view
        assert view.is_empty()
        sentence = view.empty.heightForWidth(view.width())
        assert view.height() <= sentence + 4
    finally:
        close_session(session)


# -- the conversation with an EMERGENCY banner, and the crisis screen -----------------------
@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_conversation_at_emergency_on_a_small_screen(qtbot: Any, size: tuple[int, int]) -> None:
    window = start_new_conversation(
        None, services=fake_services(FakeUnitServices()), protocol=default_protocol()
    )
    host = ConversationHost(window)
    qtbot.addWidget(host)
    host.resize(*size)
    host.show()
    answer(window, "safety.imminent_danger", True)
    settle()
    assert (host.width(), host.height()) == size
    level = window.banner._level_label
    assert "EMERGENCY" in level.text()
    assert level.width() >= level.sizeHint().width() or level.height() >= level.heightForWidth(
        level.width()
    )
    assert clipped(host) == []


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def crisis_dialog(qtbot: Any, session: Session, size: tuple[int, int]) -> CrisisDialog:
    dialog = CrisisDialog(context_for(session))
    qtbot.addWidget(dialog)
    dialog.resize(min(dialog.width(), size[0]), min(dialog.height(), size[1] - 40))
    dialog.show()
    settle()
    assert dialog.width() <= size[0]
    return dialog


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_crisis_screen_on_a_small_screen(
    qtbot: Any, session: Session, size: tuple[int, int]
) -> None:
    """A new unit: the emergency and crisis line show the general numbers, in sentences."""
    dialog = crisis_dialog(qtbot, session, size)
    for code in ("emergency", "crisis_line"):
        label = dialog.directory_view.number_labels[code]
        assert label.wordWrap()
        assert label.height() >= label.heightForWidth(label.width()), code
    assert clipped(dialog) == []
    # The record button stays in view; the steps and numbers scroll above it.
    button = dialog.record_button
    assert dialog.rect().contains(
        QtCore.QRect(button.mapTo(dialog, QtCore.QPoint(0, 0)), button.size())
    )


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_crisis_screens_big_numbers_and_their_details_are_whole(
    qtbot: Any, session: Session, size: tuple[int, int]
) -> None:
    """Every number set, in the big font, with a detail beside it: in a scroll area the
    details column was cut off at the right (found under Xvfb)."""
    ctx = context_for(session)
    for code, (phone, detail) in DIRECTORY_NUMBERS.items():
        directory.set_directory_entry(ctx, code, phone, detail)
    dialog = crisis_dialog(qtbot, session, size)
    assert dialog.directory_view.number_labels["emergency"].text() == "911"
    assert clipped(dialog) == []


# -- the coordinator's queue and dashboard --------------------------------------------------
@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    """14 conversations of one unit, 5 of them escalated (tier 3, 72 h)."""
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    for index in range(14):
        record_conversation(
            unit, on=date(2026, 11, 25), **(ESCALATING if index % 3 == 0 else {})
        )  # fmt: skip
    bundle = export_directly(unit, tmp_path / "usb")
    run_to_end(import_bundles(coord, [bundle], trust_new=True))
    close_session(unit)
    yield coord
    close_session(coord)


def open_coordinator(qtbot: Any, coord: Session, size: tuple[int, int]) -> CoordinatorPage:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(size[0], size[1] - 42)  # the main window's toolbar
    page.show()
    idle(qtbot)
    settle()
    return page


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_coordinator_queue_shows_every_column(
    qtbot: Any, coord: Session, size: tuple[int, int]
) -> None:
    page = open_coordinator(qtbot, coord, size)
    page.tabs.setCurrentWidget(page.escalations_tab)
    page.escalations_tab.refresh()
    idle(qtbot)
    settle()
    table = page.escalations_tab.table
    assert table.rowCount() == 5
    header = table.horizontalHeader()
    width = table.viewport().width()
    for column in range(table.columnCount()):
        name = table.horizontalHeaderItem(column).text()
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= width, name
    assert table.horizontalScrollBar().maximum() == 0
    # Wrapped cells get their lines: no row is shorter than its text.
    for row in range(table.rowCount()):
        assert table.rowHeight(row) >= table.sizeHintForRow(row)
    assert clipped(page) == []


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_dashboards_chart_labels_are_whole(
    qtbot: Any, coord: Session, size: tuple[int, int]
) -> None:
    page = open_coordinator(qtbot, coord, size)
    view = page.dashboard
    page.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.figures_changed, timeout=10_000):
        view.refresh()
    qtbot.waitUntil(view.drawn, timeout=10_000)  # the charts are drawn one per turn
    idle(qtbot)
    settle()
    for key, card in view.charts.items():
        axis = card.chart.axes(QtCore.Qt.Orientation.Vertical)[0]
        metrics = QtGui.QFontMetricsF(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(c) for c in axis.categories())
        # QtCharts elides a category label wider than the room left of the plot area.
        assert widest <= card.chart.plotArea().left(), key
    assert view.columns == 1  # two columns only where both have room
