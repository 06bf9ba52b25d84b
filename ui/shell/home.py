"""The home screen after unlocking: who is signed in, "New conversation", and the unit's queues of
follow-ups and escalations (fed by callables from `svdesk.unit.cases`, plugged in by the main
window).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from svdesk.access.session import Session
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QStackedWidget,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets.forms import explanation, page_title, push_button

Row = Mapping[str, Any]
RowSource = Callable[[], Sequence[Row]]
# (key in each row, column header)
Columns = Sequence[tuple[str, str]]


class QueueModel(QAbstractTableModel):
    """Rows (mappings) from a callable; `refresh()` asks it again. Each row's `id` (if any) is
    returned by `row_id()` so a view can act on the selected item."""

    def __init__(
        self, columns: Columns, source: RowSource | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._source = source
        self._rows: list[Row] = []

    def set_source(self, source: RowSource | None) -> None:
        self._source = source
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = list(self._source()) if self._source is not None else []
        self.endResetModel()

    def rowCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            key = self._columns[index.column()][0]
            value = self._rows[index.row()].get(key, "")
            return "" if value is None else str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][1]
        return None

    def row(self, index: int) -> Row:
        return self._rows[index]

    def row_id(self, index: int) -> object:
        return self._rows[index].get("id")


class QueueSection(QGroupBox):
    """A titled table with a friendly empty state (the table hides when there is nothing)."""

    activated = Signal(object)  # the row mapping

    def __init__(
        self, title: str, empty_text: str, columns: Columns, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.model = QueueModel(columns, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName(empty_text)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self._stack)
        self.model.modelReset.connect(self._update_state)
        self.table.activated.connect(self._activated)
        self._update_state()

    def set_source(self, source: RowSource | None) -> None:
        self.model.set_source(source)

    def refresh(self) -> None:
        self.model.refresh()

    def is_empty(self) -> bool:
        return self.model.rowCount() == 0

    def _update_state(self) -> None:
        self._stack.setCurrentWidget(self.empty if self.is_empty() else self.table)
        self.table.setFocusPolicy(
            Qt.FocusPolicy.NoFocus if self.is_empty() else Qt.FocusPolicy.StrongFocus
        )

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.row(index.row()))


# The row keys each queue shows (headers are translated where the sections are built).
FOLLOW_UP_COLUMNS: Columns = (
    ("due", "Due"),
    ("case", "Case"),
    ("what", "What"),
    ("by", "Taken by"),
)
ESCALATION_COLUMNS: Columns = (("due", "Due"), ("case", "Case"), ("tier", "Level"), ("why", "Why"))


class HomePage(QWidget):
    """Signals are hooks for the windows other engineers build (conversation, crisis...)."""

    new_conversation_requested = Signal()
    lock_requested = Signal()
    supporters_requested = Signal()
    settings_requested = Signal()
    change_passphrase_requested = Signal()
    follow_up_activated = Signal(object)  # row mapping
    escalation_activated = Signal(object)  # row mapping

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._session = session
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        self.signed_in = QLabel(self.tr("Signed in as {name}").format(name=session.supporter.name))
        self.signed_in.setObjectName("signedIn")
        self.signed_in.setAccessibleName(self.signed_in.text())
        header.addWidget(self.signed_in)
        header.addStretch(1)
        self.change_passphrase_button = push_button(self.tr("Change &passphrase…"))
        header.addWidget(self.change_passphrase_button)
        self.supporters_button = push_button(self.tr("Su&pporters…"))
        header.addWidget(self.supporters_button)
        self.settings_button = push_button(self.tr("Se&ttings…"))
        header.addWidget(self.settings_button)
        self.lock_button = push_button(
            self.tr("&Lock"), name=self.tr("Lock (Ctrl+L)"), object_name="lockButton"
        )
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L)"))
        header.addWidget(self.lock_button)
        layout.addLayout(header)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)

        start = QHBoxLayout()
        start.addStretch(1)
        intro = QVBoxLayout()
        intro.addWidget(page_title(self.tr("Support a colleague")))
        intro.addWidget(
            explanation(
                self.tr(
                    "Start a guided support conversation. It keeps no names and no story, "
                    "only what is needed to follow up."
                )
            )
        )
        self.new_conversation_button = push_button(
            self.tr("&New conversation"), object_name="newConversation"
        )
        self.new_conversation_button.setDefault(True)
        intro.addWidget(self.new_conversation_button, 0, Qt.AlignmentFlag.AlignLeft)
        start.addLayout(intro, 3)
        start.addStretch(1)
        layout.addLayout(start)

        queues = QHBoxLayout()
        self.follow_ups = QueueSection(
            self.tr("Follow-ups"),
            self.tr("No follow-ups are due. Follow-ups you schedule appear here."),
            [
                ("due", self.tr("Due")),
                ("case", self.tr("Case")),
                ("what", self.tr("What")),
                ("by", self.tr("Taken by")),
            ],
        )
        self.escalations = QueueSection(
            self.tr("Escalations"),
            self.tr("No open escalations."),
            [
                ("due", self.tr("Due")),
                ("case", self.tr("Case")),
                ("tier", self.tr("Level")),
                ("why", self.tr("Why")),
            ],
        )
        queues.addWidget(self.follow_ups)
        queues.addWidget(self.escalations)
        layout.addLayout(queues, 1)

        self.new_conversation_button.clicked.connect(self.new_conversation_requested)
        self.lock_button.clicked.connect(self.lock_requested)
        self.supporters_button.clicked.connect(self.supporters_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.change_passphrase_button.clicked.connect(self.change_passphrase_requested)
        self.follow_ups.activated.connect(self.follow_up_activated)
        self.escalations.activated.connect(self.escalation_activated)
        # Only now that it has a parent: a parentless widget made visible becomes a window.
        self.supporters_button.setVisible(bool(session.supporter.is_admin))
        self.new_conversation_button.setFocus()

    @property
    def session(self) -> Session:
        return self._session

    def initial_focus(self) -> QWidget:
        return self.new_conversation_button

    def set_sources(
        self, *, follow_ups: RowSource | None = None, escalations: RowSource | None = None
    ) -> None:
        """Plug in the queues' data (callables returning row mappings; see the column keys)."""
        self.follow_ups.set_source(follow_ups)
        self.escalations.set_source(escalations)

    def refresh(self) -> None:
        self.follow_ups.refresh()
        self.escalations.refresh()
