"""Read-only result tables shared by the coordinator tabs (import summary, escalation queue),
and the translation context of the coordinator page."""

from __future__ import annotations

from collections.abc import Sequence

from ui.qt import QtCore, QtWidgets
from ui.widgets.forms import named


def tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("Coordinator", text)


def cell(text: str, *, right: bool = False, bold: bool = False) -> QtWidgets.QTableWidgetItem:
    item = QtWidgets.QTableWidgetItem(text)
    item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(
            QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
        )
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def text_of(item: QtWidgets.QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()


def result_table(
    object_name: str, headers: Sequence[str], accessible: str
) -> QtWidgets.QTableWidget:
    """Rows selected whole, one at a time, never edited; Tab leaves the table."""
    table = QtWidgets.QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    named(table, accessible)
    return table


def fit_height(table: QtWidgets.QTableWidget) -> None:
    """As tall as its rows, so that a tab scrolls as one and no table scrolls inside it."""
    table.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    scroll = table.horizontalScrollBar()
    below = scroll.sizeHint().height() if scroll.isVisible() else 0
    table.setFixedHeight(
        table.horizontalHeader().sizeHint().height() + rows + below + 2 * table.frameWidth() + 4
    )
