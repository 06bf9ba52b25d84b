"""The home screen's two work queues, follow-ups and open escalations: side by side when the
window is wide enough for both tables' columns, one above the other when it is not (at 1000 px
side by side both tables scrolled sideways and showed half a row; issue 17)."""

from __future__ import annotations

from ui.qt import QtCore, QtGui, QtWidgets


def columns_width(table: QtWidgets.QTableWidget) -> int:
    """The width `table` needs to show every column whole, with its frame and scroll bar; a
    stretched column wraps its words, so half its text's width will do (two lines)."""
    header = table.horizontalHeader()
    columns = 0
    for c in range(table.columnCount()):
        text = table.sizeHintForColumn(c)
        if header.sectionResizeMode(c) == QtWidgets.QHeaderView.ResizeMode.Stretch:
            text = text // 2
        columns += max(text, header.sectionSizeHint(c))
    return columns + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()


class HomeQueues(QtWidgets.QWidget):
    """`first` and `second` (each a queue widget with a `table`) in one row or one column."""

    def __init__(
        self,
        first: QtWidgets.QWidget,
        second: QtWidgets.QWidget,
        tables: tuple[QtWidgets.QTableWidget, QtWidgets.QTableWidget],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homeQueues")
        self._tables = tables
        self.layout_ = QtWidgets.QBoxLayout(QtWidgets.QBoxLayout.Direction.LeftToRight, self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(first, 1)
        self.layout_.addWidget(second, 1)
        # The columns' widths follow the rows: look again once a queue has been refreshed.
        for table in tables:
            model = table.model()
            for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved):
                signal.connect(self._contents_changed)

    def _contents_changed(self) -> None:
        QtCore.QTimer.singleShot(0, self, lambda: self.arrange(self.width()))

    def side_by_side(self) -> bool:
        return self.layout_.direction() == QtWidgets.QBoxLayout.Direction.LeftToRight

    def needed_width(self) -> int:
        """The width at which both queues' columns fit side by side."""
        return sum(columns_width(t) for t in self._tables) + self.layout_.spacing()

    def arrange(self, width: int) -> None:
        direction = (
            QtWidgets.QBoxLayout.Direction.LeftToRight
            if width >= self.needed_width()
            else QtWidgets.QBoxLayout.Direction.TopToBottom
        )
        if direction != self.layout_.direction():
            self.layout_.setDirection(direction)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        self.arrange(event.size().width())
        super().resizeEvent(event)
