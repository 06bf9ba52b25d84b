"""Read-only result tables shared by the coordinator tabs (import summary, escalation queue),
and the translation context of the coordinator page."""

from __future__ import annotations

from collections.abc import Sequence

from ui.qt import QAbstractItemView, QCoreApplication, Qt, QTableWidget, QTableWidgetItem
from ui.widgets.forms import named


def tr(text: str) -> str:
    return QCoreApplication.translate("Coordinator", text)


def cell(text: str, *, right: bool = False, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def text_of(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()


def result_table(object_name: str, headers: Sequence[str], accessible: str) -> QTableWidget:
    """Rows selected whole, one at a time, never edited; Tab leaves the table."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    named(table, accessible)
    return table
