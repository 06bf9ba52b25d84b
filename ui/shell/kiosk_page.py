"""What the pages a locked workstation shows over its unlock form have in common (the staff survey,
ui/shell/kiosk; the request for support, ui/shell/kiosk_request; the recipient feedback,
ui/shell/kiosk_feedback): a stack of steps, an idle timer that any key, click, wheel or touch
restarts, Escape and every Done or Leave button going back (once, forgetting what was typed or
chosen), the last step centred as the unlock form is, and `show_over_unlock`, which puts a page
over the unlock form and takes it away again.

It holds no text of its own: each page translates its texts in its own context (KioskPage, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from svdesk.content.surveys import ResponseScale, SurveyItem
from svdesk.errors import Refused
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.widgets.forms import explanation, page_title, push_button

_ACTIVITY = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
    }
)


def centred(page: QtWidgets.QWidget) -> QtWidgets.QVBoxLayout:
    """The column of `page`, centred as the unlock form is (half the width)."""
    row = QtWidgets.QHBoxLayout(page)
    column = QtWidgets.QVBoxLayout()
    row.addStretch(1)
    row.addLayout(column, 2)
    row.addStretch(1)
    return column


def item_box(
    title: str, object_name: str, item: SurveyItem, scale: ResponseScale, *, across: bool = True
) -> tuple[QtWidgets.QGroupBox, QtWidgets.QButtonGroup]:
    """A survey item: its text, and a radio button for each point of its scale, across (or down,
    for long labels), all in one group."""
    box = QtWidgets.QGroupBox(title)
    box.setObjectName(object_name)
    inner = QtWidgets.QVBoxLayout(box)
    inner.addWidget(explanation(item.text))
    line: QtWidgets.QBoxLayout = QtWidgets.QHBoxLayout() if across else QtWidgets.QVBoxLayout()
    group = QtWidgets.QButtonGroup(box)
    group.setExclusive(True)
    for point in scale.points:
        radio = QtWidgets.QRadioButton(point.label.replace("&", "&&"))
        radio.setAccessibleName(point.label)
        radio.setAccessibleDescription(item.text)
        group.addButton(radio, point.value)
        line.addWidget(radio)
    if across:
        line.addStretch(1)
    inner.addLayout(line)
    return box, group


def chosen(groups: dict[str, QtWidgets.QButtonGroup]) -> dict[str, int | None]:
    """What is chosen, by item id (None: not answered)."""
    return {
        item_id: (group.checkedId() if group.checkedButton() is not None else None)
        for item_id, group in groups.items()
    }


def unchoose(groups: dict[str, QtWidgets.QButtonGroup]) -> None:
    """Every answer chosen in `groups` forgotten (none checked)."""
    for group in groups.values():
        checked = group.checkedButton()
        if checked is not None:
            group.setExclusive(False)
            checked.setChecked(False)
            group.setExclusive(True)


def first_choice(
    groups: dict[str, QtWidgets.QButtonGroup], otherwise: QtWidgets.QWidget
) -> QtWidgets.QWidget:
    """The first answer of the first item (`otherwise` when there is none)."""
    first = next(iter(groups.values()), None)
    buttons = first.buttons() if first is not None else []
    return buttons[0] if buttons else otherwise


class KioskPageBase(QtWidgets.QWidget):
    """Steps in `pages`; emits `finished` once (done, left, or untouched `idle_ms`)."""

    finished = Signal()

    def __init__(self, idle_ms: int, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._left = False
        self._timers: list[QtCore.QTimer] = []
        self.pages = QtWidgets.QStackedWidget()
        QtWidgets.QVBoxLayout(self).addWidget(self.pages)
        self.done_button: QtWidgets.QPushButton | None = None
        self._idle = self._timer(idle_ms, self.leave)

    def _timer(self, ms: int, slot: Callable[[], None], *, once: bool = True) -> QtCore.QTimer:
        """A timer stopped when the page is left."""
        timer = QtCore.QTimer(self)
        timer.setSingleShot(once)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        self._timers.append(timer)
        return timer

    def _watch(self) -> None:
        """Escape leaves; the idle time runs from now, and again from each key or click."""
        QtGui.QShortcut(QtGui.QKeySequence("Escape"), self).activated.connect(self.leave)
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()

    def _last_page(
        self, title: str, body: QtWidgets.QWidget, done: str, done_name: str
    ) -> QtWidgets.QLabel:
        """The last step, centred: `title`, `body`, and a Done button that leaves; its title."""
        page = QtWidgets.QWidget()
        column = centred(page)
        column.addStretch(1)
        heading = page_title(title)
        column.addWidget(heading)
        column.addWidget(body)
        self.done_button = push_button(done, object_name=done_name)
        done_row = QtWidgets.QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        column.addLayout(done_row)
        column.addStretch(2)
        self.pages.addWidget(page)
        self.done_button.clicked.connect(self.leave)
        return heading

    def _show_last(self, timer: QtCore.QTimer) -> None:
        """The last step shown, Done focused, and `timer` (which goes back) started."""
        self.pages.setCurrentIndex(self.pages.count() - 1)
        if self.done_button is not None:
            self.done_button.setFocus()
        timer.start()

    def leave(self) -> None:
        """Forget what was typed and chosen, and go back to the unlock screen (once)."""
        if self._left:
            return
        self._left = True
        for timer in self._timers:
            timer.stop()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._forget_on_leave()
        self.finished.emit()

    def initial_focus(self) -> QtWidgets.QWidget:
        """Where the keyboard starts when the page is shown."""
        raise NotImplementedError

    def _forget_on_leave(self) -> None:
        """What the page forgets when it is left."""
        raise NotImplementedError

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() in _ACTIVITY and not self._left:
            self._idle.start()  # restarts: from the last key or click
        return False


Station = TypeVar("Station")
Page = TypeVar("Page", bound=KioskPageBase)


def show_over_unlock(
    pages: QtWidgets.QStackedWidget,
    open_station: Callable[[], Station],
    make_page: Callable[[Station], Page],
    *,
    refused: Callable[[str], None],
    closed: Callable[[], None],
) -> Page | None:
    """The page `make_page` makes for the station `open_station` opens, over the unlock form in
    `pages` (the unlock page's own stack) and focused, until it is finished: then the unlock
    form again, and `closed()`. When `open_station` refuses, `refused(message)` instead."""
    try:
        station = open_station()
    except Refused as exc:
        refused(exc.message)
        return None
    page = make_page(station)
    pages.addWidget(page)
    pages.setCurrentWidget(page)
    page.initial_focus().setFocus()

    def back() -> None:
        pages.setCurrentIndex(0)
        pages.removeWidget(page)
        page.hide()
        page.deleteLater()
        closed()

    page.finished.connect(back)
    return page
