"""What the home queues share: their table (rows selected whole, arrows inside, Tab out) or a
sentence when it is empty, their cells (overdue ones bold on red), and aware due times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from ui.qt import QtCore, QtGui, QtWidgets

OVERDUE_BACKGROUND = "#ffd9d9"
QWIDGETSIZE_MAX = 16_777_215  # Qt's "no maximum" for a widget's size


def aware(moment: datetime) -> datetime:
    """`moment` with a timezone (naive ones are UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def queue_table(
    parent: QtWidgets.QWidget, headers: Sequence[str], name: str
) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def queue_item(
    text: str, *, overdue: bool = False, key: str | None = None
) -> QtWidgets.QTableWidgetItem:
    item = QtWidgets.QTableWidgetItem(text)
    if key is not None:
        item.setData(QtCore.Qt.ItemDataRole.UserRole, key)
    if overdue:
        font = QtGui.QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QtGui.QColor(OVERDUE_BACKGROUND))
    return item


def rows_height(table: QtWidgets.QTableWidget, count: int) -> int:
    """`table`'s height showing its header and its first `count` rows whole."""
    rows = sum(table.rowHeight(r) for r in range(min(count, table.rowCount())))
    bar = table.horizontalScrollBar()
    scroll = bar.sizeHint().height() if bar.isVisible() else 0
    return table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + scroll


class TableOrEmpty(QtWidgets.QStackedWidget):
    """A queue's table, or in its place a sentence saying why there is nothing (Tab skips an
    empty table).

    Its height follows what it shows (a QStackedWidget asks for its tallest page, so an empty
    queue kept a table's height). `rows`: the table is as tall as its rows, at most `rows` of
    them (it scrolls beyond); None: it takes the height it is given, never less than its first
    `min_rows` rows whole (a row cut in half can never be read).
    """

    def __init__(
        self,
        table: QtWidgets.QTableWidget,
        empty_text: str,
        parent: QtWidgets.QWidget | None = None,
        *,
        rows: int | None = None,
        min_rows: int = 2,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.rows = rows
        self.min_rows = min_rows
        self.empty = QtWidgets.QLabel(empty_text, self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName(empty_text)
        self.addWidget(self.empty)
        self.addWidget(table)
        self._policies = {
            page: page.sizePolicy().verticalPolicy() for page in (self.empty, self.table)
        }
        # Wrapped cells take fewer lines once the columns are wider: the rows (and the height
        # kept for them) follow the columns, not the widths the rows were first filled at.
        table.horizontalHeader().sectionResized.connect(self._columns_resized)
        self.update_state()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # The header lays its sections out after this event: fit the rows once it has.
            QtCore.QTimer.singleShot(0, self, self._columns_resized)

    def _columns_resized(self) -> None:
        if not self.is_empty():
            self.table.resizeRowsToContents()
            self.update_state()

    def is_empty(self) -> bool:
        return self.table.rowCount() == 0

    def update_state(self) -> None:
        """Call after the table's rows changed."""
        empty = self.is_empty()
        self.setCurrentWidget(self.empty if empty else self.table)
        self.table.setFocusPolicy(
            QtCore.Qt.FocusPolicy.NoFocus if empty else QtCore.Qt.FocusPolicy.StrongFocus
        )
        if empty:
            # The hidden table asks for no height (the stack's layout counts every page).
            self.table.setMinimumHeight(0)
            self.table.setMaximumHeight(QWIDGETSIZE_MAX)
        elif self.rows is not None:
            self.table.setFixedHeight(rows_height(self.table, self.rows))
        else:
            self.table.setMinimumHeight(rows_height(self.table, self.min_rows))
        for page in (self.empty, self.table):
            policy = page.sizePolicy()
            policy.setVerticalPolicy(
                self._policies[page]
                if page is self.currentWidget()
                else QtWidgets.QSizePolicy.Policy.Ignored
            )
            page.setSizePolicy(policy)
        self.updateGeometry()

    def _page(self) -> QtWidgets.QWidget:
        return self.table if self.currentWidget() is self.table else self.empty

    def sizeHint(self) -> QtCore.QSize:
        page = self._page()
        hint = page.sizeHint()
        if page is self.table and self.rows is None:
            # It stretches into the room there is: asking for more than its first rows would
            # make a scrolled page taller than the screen instead.
            hint.setHeight(self.table.minimumHeight())
        return hint.boundedTo(page.maximumSize()).expandedTo(page.minimumSize())

    def minimumSizeHint(self) -> QtCore.QSize:
        page = self._page()
        return page.minimumSizeHint().expandedTo(page.minimumSize())
