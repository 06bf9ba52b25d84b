"""The unit's follow-ups on the home screen (overdue / due today / upcoming; take over, start or
resume) and its unfinished conversations (resume). Every change goes through the core
(`svdesk.unit.followups`, `svdesk.unit.cases`), which audit-logs it; these widgets only show and
ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from svdesk.content.protocol.loader import load_protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.errors import SvdeskError
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.unit.queue_table import TableOrEmpty, aware, queue_item, queue_table, rows_height
from ui.unit.services import CoreUnitServices, UnitServices

if TYPE_CHECKING:
    from svdesk.content.protocol.model import Protocol
    from svdesk.unit.context import UnitContext
    from svdesk.unit.drafts import DraftSummary
    from svdesk.unit.followups import Followup


DRAFT_ROWS_SHOWN = 3  # more unfinished conversations scroll


def _tf(text: str) -> str:
    return QtCore.QCoreApplication.translate("FollowupsWidget", text)


def plan_label(plan: str) -> str:
    """A follow-up plan's name, as the record vocabulary gives it (`followup_plan`)."""
    return load_record_vocabulary(language=content_language()).label("followup_plan", plan)


class FollowupsWidget(QtWidgets.QWidget):
    """Follow-ups of the unit: overdue, due today, upcoming. 'Take over' assigns one to the
    signed-in supporter; 'Start follow-up' opens (or resumes) its conversation."""

    changed = Signal()
    #: a follow-up conversation draft was started or is to be resumed: (draft_id)
    conversation_requested = Signal(str)

    def __init__(
        self,
        ctx: UnitContext,
        parent: QtWidgets.QWidget | None = None,
        *,
        services: UnitServices | None = None,
        protocol: Protocol | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followupsWidget")
        self.setAccessibleName(self.tr("Follow-ups"))
        self.ctx = ctx
        self._services = services if services is not None else CoreUnitServices()
        self._protocol = protocol
        self._today = today
        self._rows: list[tuple[str, Followup]] = []
        title = QtWidgets.QLabel(self.tr("Follow-ups"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.summary = QtWidgets.QLabel(self)
        self.summary.setAccessibleName(self.tr("Follow-ups summary"))
        self._headers = [
            self.tr("When"),
            self.tr("Due"),
            self.tr("Case"),
            self.tr("Plan"),
            self.tr("Assigned"),
        ]
        self.table = queue_table(
            self,
            self._headers,
            self.tr("Follow-ups: overdue first, then due today, then upcoming"),
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _i: self.start())  # Enter on a row starts it
        self.take_over_button = QtWidgets.QPushButton(self.tr("&Take over"), self)
        self.take_over_button.setAccessibleName(self.tr("Take over the selected follow-up"))
        self.take_over_button.clicked.connect(self.take_over)
        self.start_button = QtWidgets.QPushButton(self.tr("&Start follow-up"), self)
        self.start_button.setAccessibleName(self.tr("Start the selected follow-up conversation"))
        self.start_button.clicked.connect(self.start)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.take_over_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        self.view = TableOrEmpty(
            self.table,
            self.tr("No follow-ups are due. Follow-ups you schedule appear here."),
            self,
        )
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        today = self._today() if self._today else None
        try:
            queue = self._services.followups_for_unit(self.ctx, today)
        except SvdeskError as exc:
            show_error(self, exc)
            return
        self._rows = (
            [("overdue", f) for f in queue.overdue]
            + [("today", f) for f in queue.due_today]
            + [("upcoming", f) for f in queue.upcoming]
        )
        bucket_text = {
            "overdue": "⚠ " + self.tr("OVERDUE"),
            "today": self.tr("Due today"),
            "upcoming": self.tr("Upcoming"),
        }
        me = self.ctx.supporter_id
        headers = self._headers
        self.table.setRowCount(len(self._rows))
        for row, (bucket, item) in enumerate(self._rows):
            overdue = bucket == "overdue"
            assigned = item.assigned_supporter_id
            who = (
                self.tr("you")
                if assigned is not None and assigned == me
                else (self.tr("another supporter") if assigned else self.tr("nobody"))
            )
            if item.draft_id:
                who += " " + self.tr("(started)")
            cells = [
                queue_item(bucket_text[bucket], overdue=overdue, key=item.id),
                queue_item(item.due_date.isoformat(), overdue=overdue),
                queue_item(item.case_code, overdue=overdue),
                queue_item(plan_label(item.plan), overdue=overdue),
                queue_item(who, overdue=overdue),
            ]
            for column, cell in enumerate(cells):
                cell.setData(
                    QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{headers[column]}: {cell.text()}"
                )
                self.table.setItem(row, column, cell)
        self.summary.setText(
            self.tr("{o} overdue, {t} due today, {u} upcoming").format(
                o=len(queue.overdue), t=len(queue.due_today), u=len(queue.upcoming)
            )
        )
        self.table.resizeRowsToContents()
        self.view.update_state()
        self._update_buttons()

    def selected(self) -> Followup | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()][1] if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        current = self.selected()
        me = self.ctx.supporter_id
        self.take_over_button.setEnabled(
            current is not None and current.assigned_supporter_id != me
        )
        self.start_button.setEnabled(current is not None)
        if current is not None and current.draft_id:
            self.start_button.setText(self.tr("Re&sume follow-up"))
        else:
            self.start_button.setText(self.tr("&Start follow-up"))
        self.start_button.setAccessibleName(self.start_button.text().replace("&", ""))

    def take_over(self) -> None:
        current = self.selected()
        if current is None:
            return
        try:
            self._services.take_over_followup(self.ctx, current.id)
        except SvdeskError as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.changed.emit()

    def start(self) -> None:
        current = self.selected()
        if current is None:
            return
        draft_id = current.draft_id
        if not draft_id:
            protocol = self._protocol
            if protocol is None:
                protocol = load_protocol(language=content_language())
            try:
                draft = self._services.start_followup(self.ctx, protocol, current.id)
            except SvdeskError as exc:
                show_error(self, exc)
                return
            draft_id = draft.id
        self.conversation_requested.emit(str(draft_id))
        self.refresh()


# ------------------------------------------------------------------------------ drafts


class OpenDraftsWidget(QtWidgets.QWidget):
    """Unfinished conversations of the unit (a crash, a lock or a shift change left them open);
    'Resume' reopens one where it was left. Hidden when there are none."""

    conversation_requested = Signal(str)

    def __init__(
        self,
        ctx: UnitContext,
        parent: QtWidgets.QWidget | None = None,
        *,
        services: UnitServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openDraftsWidget")
        self.setAccessibleName(self.tr("Unfinished conversations"))
        self.ctx = ctx
        self._services = services if services is not None else CoreUnitServices()
        self._rows: list[DraftSummary] = []
        title = QtWidgets.QLabel(self.tr("Unfinished conversations"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self._headers = [self.tr("Case"), self.tr("Type"), self.tr("Last change"), self.tr("Whose")]
        self.table = queue_table(self, self._headers, self.tr("Unfinished conversations"))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.resume())
        self.resume_button = QtWidgets.QPushButton(self.tr("&Resume conversation"), self)
        self.resume_button.setAccessibleName(self.tr("Resume the selected conversation"))
        self.resume_button.clicked.connect(self.resume)
        # The button beside the title: the home screen has no height to spare (issue 17).
        row = QtWidgets.QHBoxLayout()
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(self.resume_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Maximum
        )
        self.refresh()

    def refresh(self) -> None:
        try:
            self._rows = list(self._services.open_drafts(self.ctx))
        except SvdeskError as exc:
            show_error(self, exc)
            return
        self.table.setRowCount(len(self._rows))
        for index, draft in enumerate(self._rows):
            kind = (
                self.tr("Follow-up")
                if draft.encounter_type == "follow_up"
                else self.tr("First conversation")
            )
            when = aware(draft.updated_at).astimezone().strftime("%Y-%m-%d %H:%M")
            whose = self.tr("yours") if draft.mine else self.tr("another supporter")
            for column, text in enumerate((draft.case_code, kind, when, whose)):
                cell = queue_item(text, key=draft.id if column == 0 else None)
                cell.setData(
                    QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{self._headers[column]}: {text}"
                )
                self.table.setItem(index, column, cell)
        if self._rows:
            self.table.selectRow(0)
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(rows_height(self.table, DRAFT_ROWS_SHOWN))
        self.setVisible(bool(self._rows))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.resume_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def resume(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.conversation_requested.emit(str(self._rows[rows[0].row()].id))
