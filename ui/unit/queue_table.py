"""What the home queues share: their table (rows selected whole, arrows inside, Tab out) or a
sentence when it is empty, their cells (overdue ones bold on red), and aware due times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from ui.qt import (
    QAbstractItemView,
    QColor,
    QFont,
    QHeaderView,
    QLabel,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

OVERDUE_BACKGROUND = "#ffd9d9"


def aware(moment: datetime) -> datetime:
    """`moment` with a timezone (naive ones are UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def queue_table(parent: QWidget, headers: Sequence[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def queue_item(text: str, *, overdue: bool = False, key: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if key is not None:
        item.setData(Qt.ItemDataRole.UserRole, key)
    if overdue:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QColor(OVERDUE_BACKGROUND))
    return item


class TableOrEmpty(QStackedWidget):
    """A queue's table, or in its place a sentence saying why there is nothing (Tab skips an
    empty table)."""

    def __init__(self, table: QTableWidget, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName(empty_text)
        self.addWidget(self.empty)
        self.addWidget(table)
        self.update_state()

    def is_empty(self) -> bool:
        return self.table.rowCount() == 0

    def update_state(self) -> None:
        """Call after the table's rows changed."""
        empty = self.is_empty()
        self.setCurrentWidget(self.empty if empty else self.table)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus if empty else Qt.FocusPolicy.StrongFocus)
