"""Home-screen queues: open escalations (level, due, open → handed off → closed with an outcome)
and the unit's follow-ups (overdue / due today / upcoming, take over, start).

Every change goes through the core (`svdesk.unit.escalations`, `svdesk.unit.followups`,
`svdesk.unit.cases`), which audit-logs it; these widgets only show and ask.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from svdesk.errors import SvdeskError
from ui.qt import (
    QAbstractItemView,
    QButtonGroup,
    QColor,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.runtime.errors import show_error
from ui.unit.services import CoreUnitServices, UnitServices
from ui.widgets.escalation_banner import action_label, level_label, level_short_label

if TYPE_CHECKING:
    from svdesk.content.protocol.model import Protocol
    from svdesk.unit.cases import DraftSummary
    from svdesk.unit.context import UnitContext
    from svdesk.unit.escalations import Escalation, Outcome
    from svdesk.unit.followups import Followup

# An escalation due "now" is not called overdue in its first minutes (it was just raised).
OVERDUE_GRACE = timedelta(minutes=15)
OVERDUE_BACKGROUND = "#ffd9d9"


def _t(text: str) -> str:
    return QCoreApplication.translate("EscalationQueue", text)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    return _aware(now) - _aware(due_at) > OVERDUE_GRACE


def due_text(due_at: datetime, now: datetime) -> str:
    """'now', 'today', 'tomorrow', 'in 2 days', or 'OVERDUE by 3 h' — words, not colour."""
    due, current = _aware(due_at), _aware(now)
    late = current - due
    if late > OVERDUE_GRACE:
        if late < timedelta(hours=1):
            amount = _t("{n} min").format(n=int(late.total_seconds() // 60))
        elif late < timedelta(days=1):
            amount = _t("{n} h").format(n=int(late.total_seconds() // 3600))
        else:
            amount = _t("1 day") if late.days == 1 else _t("{n} days").format(n=late.days)
        return _t("OVERDUE by {amount}").format(amount=amount)
    if due - current <= OVERDUE_GRACE:
        return _t("now")
    local_due, local_now = due.astimezone(), current.astimezone()
    days = (local_due.date() - local_now.date()).days
    if days <= 0:
        return _t("today")
    if days == 1:
        return _t("tomorrow")
    return _t("in {n} days").format(n=days)


def status_label(status: str) -> str:
    return {
        "open": _t("Open"),
        "handed_off": _t("Handed off"),
        "closed": _t("Closed"),
    }.get(status, status)


def _outcomes() -> Sequence[Outcome]:
    from svdesk.unit.escalations import escalation_outcomes  # noqa: PLC0415

    return escalation_outcomes()


class OutcomeDialog(QDialog):
    """Choose how an escalation ended; the codes come from the outcome vocabulary."""

    def __init__(self, outcomes: Sequence[Outcome], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Close escalation"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("How did this escalation end?"), self)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.codes: list[str] = []
        for index, outcome in enumerate(outcomes):
            radio = QRadioButton(str(outcome.label), self)
            meaning = outcome.meaning
            radio.setAccessibleName(str(outcome.label))
            radio.setAccessibleDescription(meaning)
            radio.setToolTip(meaning)
            self.group.addButton(radio, index)
            self.codes.append(str(outcome.code))
            layout.addWidget(radio)
            if meaning:
                hint = QLabel(meaning, self)
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #555555; margin-left: 24px;")
                layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Close escalation"))
        ok.setAccessibleName(ok.text())
        ok.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.group.idToggled.connect(lambda _i, _c: ok.setEnabled(self.outcome() is not None))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def outcome(self) -> str | None:
        index = self.group.checkedId()
        return self.codes[index] if index >= 0 else None

    def choose(self, code: str) -> None:
        button = self.group.button(self.codes.index(code))
        if button is not None:
            button.setChecked(True)


class HandOffDialog(QDialog):
    """Record to which service an escalation was handed off (a role, never a person's name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handOffDialog")
        self.setWindowTitle(self.tr("Hand off escalation"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Handed off &to:"), self)
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Handed off to"))
        for code, text in (
            ("emergency_department", self.tr("Emergency department")),
            ("crisis_line", self.tr("Crisis line / crisis team")),
            ("psychology", self.tr("Psychology")),
            ("psychiatry", self.tr("Psychiatry")),
            ("eap", self.tr("Employee assistance (EAP)")),
            ("occupational_health", self.tr("Occupational health")),
            ("chaplain", self.tr("Chaplain or spiritual care")),
            ("leader", self.tr("Leader")),
            ("coordinator", self.tr("Peer support coordinator")),
        ):
            self.target.addItem(text, code)
        label.setBuddy(self.target)
        layout.addWidget(label)
        layout.addWidget(self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Hand off"))
        ok.setAccessibleName(ok.text())
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def handed_to(self) -> str:
        return str(self.target.currentData())


def _table(parent: QWidget, headers: Sequence[str], name: str) -> QTableWidget:
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


def _item(text: str, *, overdue: bool = False, key: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if key is not None:
        item.setData(Qt.ItemDataRole.UserRole, key)
    if overdue:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QColor(OVERDUE_BACKGROUND))
    return item


class EscalationQueue(QWidget):
    """The unit's open escalations, most urgent first, with hand-off and close."""

    changed = Signal()

    def __init__(
        self,
        ctx: UnitContext,
        parent: QWidget | None = None,
        *,
        services: UnitServices | None = None,
        now: Callable[[], datetime] | None = None,
        outcomes: Sequence[Outcome] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("escalationQueue")
        self.setAccessibleName(self.tr("Open escalations"))
        self.ctx = ctx
        self._services = services if services is not None else CoreUnitServices()
        self._now = now or (lambda: datetime.now(UTC))
        self._outcomes = outcomes
        self._rows: list[Escalation] = []
        self.dialog: QDialog | None = None

        title = QLabel(self.tr("Open escalations"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Escalations summary"))
        self._headers = [self.tr("Due"), self.tr("Level"), self.tr("Status"), self.tr("Case")]
        self.table = _table(self, self._headers, self.tr("Open escalations, most urgent first"))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.detail = QLabel(self)
        self.detail.setObjectName("escalationDetail")
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Selected escalation"))
        self.hand_off_button = QPushButton(self.tr("&Hand off…"), self)
        self.hand_off_button.setAccessibleName(self.tr("Hand off the selected escalation"))
        self.hand_off_button.clicked.connect(self.ask_hand_off)
        self.close_button = QPushButton(self.tr("C&lose with outcome…"), self)
        self.close_button.setAccessibleName(self.tr("Close the selected escalation"))
        self.close_button.clicked.connect(self.ask_close)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh the escalations"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hand_off_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.refresh()

    # -- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        now = self._now()
        try:
            rows = list(self._services.open_escalations(self.ctx, now))
        except SvdeskError as exc:
            show_error(self, exc)
            return
        rows.sort(key=lambda e: _aware(e.due_at))
        self._rows = rows
        self.table.setRowCount(len(rows))
        overdue_count = 0
        headers = self._headers
        for row, esc in enumerate(rows):
            overdue = is_overdue(esc.due_at, now)
            overdue_count += overdue
            due = due_text(esc.due_at, now)
            marker = "⚠ " if overdue or esc.level == "emergency" else ""
            actions = "; ".join(action_label(a) for a in esc.actions)
            status = status_label(esc.status)
            if esc.status == "handed_off" and esc.handed_to:
                status += " → " + str(esc.handed_to).replace("_", " ")
            cells = [
                _item(marker + due, overdue=overdue, key=esc.id),
                _item(level_short_label(esc.level), overdue=overdue),
                _item(status, overdue=overdue),
                _item(esc.case_code or self.tr("(no case)"), overdue=overdue),
            ]
            detail = level_label(esc.level) + (
                ". " + self.tr("What to do: {actions}").format(actions=actions) if actions else ""
            )
            for column, cell in enumerate(cells):
                cell.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{headers[column]}: {cell.text()}"
                )
                cell.setToolTip(detail)
                self.table.setItem(row, column, cell)
        if rows:
            self.summary.setText(
                self.tr("{n} open, {late} overdue").format(n=len(rows), late=overdue_count)
            )
        else:
            self.summary.setText(self.tr("No open escalations."))
        self.summary.setAccessibleDescription(self.summary.text())
        self.table.resizeRowsToContents()
        self._update_buttons()

    def due_texts(self) -> list[str]:
        """The Due column as shown (tests and screen readers read it)."""
        items = (self.table.item(r, 0) for r in range(self.table.rowCount()))
        return [item.text() if item is not None else "" for item in items]

    def selected(self) -> Escalation | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._rows[rows[0].row()]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        current = self.selected()
        if current is None:
            self.detail.setText(self.tr("Select an escalation to see what to do."))
        else:
            actions = "; ".join(action_label(a) for a in current.actions)
            text = level_label(current.level) + "."
            if actions:
                text += " " + self.tr("What to do: {actions}.").format(actions=actions)
            if current.rules:
                text += " " + self.tr("Rules: {rules}.").format(rules=", ".join(current.rules))
            elif current.source == "crisis":
                text += " " + self.tr("Recorded from the crisis screen.")
            self.detail.setText(text)
        self.detail.setAccessibleDescription(self.detail.text())
        self.hand_off_button.setEnabled(current is not None and current.status == "open")
        self.close_button.setEnabled(current is not None and current.status != "closed")

    # -- changes --------------------------------------------------------------------------
    def ask_hand_off(self) -> HandOffDialog | None:
        current = self.selected()
        if current is None:
            return None
        dialog = HandOffDialog(self)
        dialog.accepted.connect(lambda: self.hand_off(current.id, dialog.handed_to()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def ask_close(self) -> OutcomeDialog | None:
        current = self.selected()
        if current is None:
            return None
        dialog = OutcomeDialog(self._outcomes if self._outcomes is not None else _outcomes(), self)
        dialog.accepted.connect(
            lambda: self.close_escalation(current.id, dialog.outcome() or "other")
        )
        dialog.open()
        self.dialog = dialog
        return dialog

    def hand_off(self, escalation_id: str, handed_to: str | None) -> None:
        try:
            self._services.hand_off_escalation(self.ctx, escalation_id, handed_to)
        except SvdeskError as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.changed.emit()

    def close_escalation(self, escalation_id: str, outcome: str) -> None:
        try:
            self._services.close_escalation(self.ctx, escalation_id, outcome)
        except SvdeskError as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.changed.emit()


# ------------------------------------------------------------------------------ follow-ups


def plan_label(plan: str) -> str:
    return {
        "h24_72": _t("24–72 hours"),
        "w1": _t("1 week"),
        "w2": _t("2 weeks"),
        "w4": _t("4 weeks"),
    }.get(plan, plan)


class FollowupsWidget(QWidget):
    """Follow-ups of the unit: overdue, due today, upcoming. 'Take over' assigns one to the
    signed-in supporter; 'Start follow-up' opens (or resumes) its conversation."""

    changed = Signal()
    #: a follow-up conversation draft was started or is to be resumed: (draft_id)
    conversation_requested = Signal(str)

    def __init__(
        self,
        ctx: UnitContext,
        parent: QWidget | None = None,
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
        title = QLabel(self.tr("Follow-ups"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Follow-ups summary"))
        self._headers = [
            self.tr("When"),
            self.tr("Due"),
            self.tr("Case"),
            self.tr("Plan"),
            self.tr("Assigned"),
        ]
        self.table = _table(
            self,
            self._headers,
            self.tr("Follow-ups: overdue first, then due today, then upcoming"),
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.take_over_button = QPushButton(self.tr("&Take over"), self)
        self.take_over_button.setAccessibleName(self.tr("Take over the selected follow-up"))
        self.take_over_button.clicked.connect(self.take_over)
        self.start_button = QPushButton(self.tr("&Start follow-up"), self)
        self.start_button.setAccessibleName(self.tr("Start the selected follow-up conversation"))
        self.start_button.clicked.connect(self.start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_over_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
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
                _item(bucket_text[bucket], overdue=overdue, key=item.id),
                _item(item.due_date.isoformat(), overdue=overdue),
                _item(item.case_code, overdue=overdue),
                _item(plan_label(item.plan), overdue=overdue),
                _item(who, overdue=overdue),
            ]
            for column, cell in enumerate(cells):
                cell.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{headers[column]}: {cell.text()}"
                )
                self.table.setItem(row, column, cell)
        self.summary.setText(
            self.tr("{o} overdue, {t} due today, {u} upcoming").format(
                o=len(queue.overdue), t=len(queue.due_today), u=len(queue.upcoming)
            )
        )
        self.table.resizeRowsToContents()
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
                from svdesk.content.protocol.loader import load_protocol  # noqa: PLC0415

                protocol = load_protocol()
            try:
                draft = self._services.start_followup(self.ctx, protocol, current.id)
            except SvdeskError as exc:
                show_error(self, exc)
                return
            draft_id = draft.id
        self.conversation_requested.emit(str(draft_id))
        self.refresh()


# ------------------------------------------------------------------------------ drafts


class OpenDraftsWidget(QWidget):
    """Unfinished conversations of the unit (a crash, a lock or a shift change left them open);
    'Resume' reopens one where it was left. Hidden when there are none."""

    conversation_requested = Signal(str)

    def __init__(
        self,
        ctx: UnitContext,
        parent: QWidget | None = None,
        *,
        services: UnitServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openDraftsWidget")
        self.setAccessibleName(self.tr("Unfinished conversations"))
        self.ctx = ctx
        self._services = services if services is not None else CoreUnitServices()
        self._rows: list[DraftSummary] = []
        title = QLabel(self.tr("Unfinished conversations"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self._headers = [self.tr("Case"), self.tr("Type"), self.tr("Last change"), self.tr("Whose")]
        self.table = _table(self, self._headers, self.tr("Unfinished conversations"))
        self.table.setMaximumHeight(100)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.resume())
        self.resume_button = QPushButton(self.tr("&Resume conversation"), self)
        self.resume_button.setAccessibleName(self.tr("Resume the selected conversation"))
        self.resume_button.clicked.connect(self.resume)
        row = QHBoxLayout()
        row.addWidget(self.resume_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addLayout(row)
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
            when = _aware(draft.updated_at).astimezone().strftime("%Y-%m-%d %H:%M")
            whose = self.tr("yours") if draft.mine else self.tr("another supporter")
            for column, text in enumerate((draft.case_code, kind, when, whose)):
                cell = _item(text, key=draft.id if column == 0 else None)
                cell.setData(Qt.ItemDataRole.AccessibleTextRole, f"{self._headers[column]}: {text}")
                self.table.setItem(index, column, cell)
        if self._rows:
            self.table.selectRow(0)
        self.setVisible(bool(self._rows))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.resume_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def resume(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.conversation_requested.emit(str(self._rows[rows[0].row()].id))
