"""The coordinator's escalation queue: escalations from every unit, most urgent first, with whom
to contact; the coordinator acknowledges one and, after choosing an outcome and confirming the
case, closes it (store work on the worker)."""

from __future__ import annotations

from collections.abc import Callable

from svdesk.access.session import Session
from svdesk.content.outcomes import escalation_outcomes
from svdesk.coordinator.queue import (
    QueuedEscalation,
    acknowledge,
    close_escalation,
    escalation_queue,
)
from svdesk.errors import SvdeskError
from ui.coordinator.report_sections import code_label
from ui.coordinator.tables import cell, result_table, tr
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.widgets.answers import when_answered
from ui.widgets.forms import FormMessage, explanation, named, push_button


def unit_text(q: QueuedEscalation) -> str:
    return " / ".join(x for x in (q.site_code, q.unit_code) if x) or tr("unit")


def contact_text(q: QueuedEscalation) -> str:
    """Whom to ask: the unit's admin, on the workstation whose fingerprint (shown in its pairing
    settings) starts so. No supporter id or alias: none travels (bundle format 2), and the
    unit's queue shows who recorded the case."""
    fingerprint = q.workstation_fingerprint
    start = "-".join(fingerprint.split("-")[:2]) if fingerprint else q.workstation_id[:8]
    return tr("{unit} admin, workstation {start}").format(unit=unit_text(q), start=start)


def case_text(q: QueuedEscalation) -> str:
    return q.case_code or tr("(no case code)")


# Level, Due, Contact, Actions: the columns whose words wrap (the others fit their text).
WRAPPED_COLUMNS = (0, 1, 4, 7)


class EscalationsTab(QtWidgets.QWidget):
    changed = Signal()
    close_prompt_opened = Signal(object)  # the QMessageBox asking to confirm a close

    COLUMNS = ("Level", "Due", "Overdue?", "Unit", "Contact", "Case code", "Status", "Actions")

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationsTab")
        self._session = session
        self.rows: list[QueuedEscalation] = []
        self.close_prompt: QtWidgets.QMessageBox | None = None
        self._outcome_for: str | None = None  # the escalation the chosen outcome is for
        self._outcomes = escalation_outcomes(language=content_language())
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                tr(
                    "Escalations from every unit, most urgent first. Ask the unit's admin about "
                    "the case code (Contact names the unit and its workstation; the unit's queue "
                    "shows who recorded it); acknowledge when you take it on, then choose the "
                    "outcome and close it."
                )
            )
        )
        top = QtWidgets.QHBoxLayout()
        self.show_closed = QtWidgets.QCheckBox(tr("Show closed escalatio&ns"))
        self.show_closed.setObjectName("showClosed")
        top.addWidget(self.show_closed)
        top.addStretch(1)
        self.refresh_button = push_button(tr("Re&fresh"), object_name="refreshEscalations")
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.table = result_table(
            "coordinatorEscalations", [tr(c) for c in self.COLUMNS], tr("Escalation queue")
        )
        # Long texts wrap in their columns so that all eight stay in view; at 1000-1024 px
        # Contact and Actions were off to the right (issue 17).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(self.COLUMNS)):
            mode = (
                QtWidgets.QHeaderView.ResizeMode.Stretch
                if column in WRAPPED_COLUMNS
                else QtWidgets.QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.empty = QtWidgets.QLabel(tr("No open escalations."))
        self.empty.setObjectName("noEscalations")
        layout.addWidget(self.empty)

        actions = QtWidgets.QHBoxLayout()
        self.acknowledge_button = push_button(tr("&Acknowledge"), object_name="acknowledge")
        actions.addWidget(self.acknowledge_button)
        self.outcome = QtWidgets.QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(tr("Choose an outcome…"), None)  # closing needs a real choice
        for outcome in self._outcomes:
            self.outcome.addItem(tr(outcome.label), outcome.code)
            self.outcome.setItemData(
                self.outcome.count() - 1, tr(outcome.meaning), QtCore.Qt.ItemDataRole.ToolTipRole
            )
        outcome_label = QtWidgets.QLabel(tr("O&utcome:"))
        outcome_label.setBuddy(self.outcome)
        self.outcome.setAccessibleName(tr("Outcome"))
        actions.addStretch(1)
        actions.addWidget(outcome_label)
        actions.addWidget(self.outcome)
        self.close_button = push_button(tr("&Close with outcome"), object_name="closeEscalation")
        actions.addWidget(self.close_button)
        layout.addLayout(actions)
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.status = QtWidgets.QLabel("")  # what was done (the red message line is for problems)
        self.status.setObjectName("escalationStatus")
        self.status.setWordWrap(True)
        named(self.status, tr("Escalation status"))
        layout.addWidget(self.status)

        self.refresh_button.clicked.connect(self.refresh)
        self.show_closed.toggled.connect(self.refresh)
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._update_buttons()

    def refresh(self) -> BackgroundOp:
        session = self._session
        include_closed = self.show_closed.isChecked()
        return BackgroundOp(
            self,
            op=lambda: escalation_queue(session, include_closed=include_closed),
            success=self._show,
            cancellable=False,
        ).run()

    def _show(self, rows: list[QueuedEscalation]) -> None:
        selected = self.selected()
        keep = selected.escalation_id if selected is not None else None
        # The selection stays on the same escalation, or on none when it is no longer listed:
        # never on whichever row moved into its place.
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, q in enumerate(rows):
            if q.closed_at:
                status = tr("Closed: {o}").format(o=self._outcome_label(q.outcome))
            elif q.acknowledged_at:
                status = tr("Acknowledged")
            else:
                status = tr("New")
            # Overdue is said in words and in bold, not by colour alone.
            overdue = tr("OVERDUE") if q.overdue else tr("no")
            if q.due_within_a_day:
                due = tr("the day it was raised (week {week})").format(
                    week=q.created_week or q.due_week or "?"
                )
            elif q.due is not None and q.due_week:
                due = tr("{date} (week {week})").format(date=q.due.isoformat(), week=q.due_week)
            else:
                due = "—"
            values = (
                code_label("escalation_level", q.level),
                due,
                overdue,
                unit_text(q),
                contact_text(q),
                q.case_code or "—",
                status,
                ", ".join(code_label("escalation_actions", a) for a in q.actions) or "—",
            )
            for c, value in enumerate(values):
                item = cell(value, bold=(c == 2 and q.overdue) or (c == 0 and not q.closed_at))
                if c == 2 and q.overdue:
                    item.setForeground(QtCore.Qt.GlobalColor.darkRed)
                item.setData(QtCore.Qt.ItemDataRole.UserRole, q.escalation_id)
                if c == 4:
                    item.setToolTip(
                        tr(
                            "Ask the admin of {unit} to find case {case} on the workstation "
                            "whose fingerprint (in its pairing settings) starts as shown: its "
                            "escalation queue shows who recorded it."
                        ).format(unit=unit_text(q), case=case_text(q))
                    )
                self.table.setItem(r, c, item)
            if q.escalation_id == keep:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not rows)
        self._selection_changed()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        # The rows take the lines their wrapped cells need once the columns have their widths.
        QtCore.QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def _outcome_label(self, code: str | None) -> str:
        for outcome in self._outcomes:
            if outcome.code == code:
                return tr(outcome.label)
        return code or ""

    def selected(self) -> QueuedEscalation | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        row = indexes[0].row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_escalation(self, escalation_id: str) -> bool:
        for r, q in enumerate(self.rows):
            if q.escalation_id == escalation_id:
                self.table.selectRow(r)
                return True
        return False

    def _selection_changed(self) -> None:
        q = self.selected()
        chosen_for = q.escalation_id if q is not None else None
        if chosen_for != self._outcome_for:
            # An outcome is chosen for one escalation: another selected starts unchosen.
            self.outcome.setCurrentIndex(0)
            self._outcome_for = chosen_for
        self._update_buttons()

    def _update_buttons(self) -> None:
        q = self.selected()
        self.acknowledge_button.setEnabled(q is not None and q.acknowledged_at is None)
        self.close_button.setEnabled(q is not None and q.closed_at is None)
        self.outcome.setEnabled(q is not None and q.closed_at is None)

    def acknowledge_selected(self) -> BackgroundOp | None:
        q = self.selected()
        if q is None:
            return None
        session = self._session
        return self._act(lambda: acknowledge(session, q.escalation_id))

    def close_selected(self) -> QtWidgets.QMessageBox | None:
        """Ask to confirm closing the selected escalation with the chosen outcome, naming the
        case; nothing is closed until the coordinator confirms (Enter and Esc keep it open)."""
        q = self.selected()
        if q is None or q.closed_at is not None or self.close_prompt is not None:
            return None
        code = self.outcome.currentData()
        if code is None:
            self.message.show_message(
                tr("Choose the outcome for case {case} first, then close it.").format(
                    case=case_text(q)
                )
            )
            self.outcome.setFocus()
            return None
        outcome = str(code)
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("confirmClose")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Close this escalation?"))
        box.setText(tr("Close the escalation of case {case}?").format(case=case_text(q)))
        box.setInformativeText(
            tr("{level}, {unit}.\nOutcome: {outcome}.\nA closed escalation stays closed.").format(
                level=code_label("escalation_level", q.level),
                unit=unit_text(q),
                outcome=self._outcome_label(outcome),
            )
        )
        confirm = box.addButton(
            tr("Close &escalation"), QtWidgets.QMessageBox.ButtonRole.AcceptRole
        )
        confirm.setObjectName("confirmCloseEscalation")
        keep = box.addButton(tr("&Keep it open"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepEscalationOpen")
        box.setDefaultButton(keep)  # closing must be a deliberate choice
        box.setEscapeButton(keep)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        when_answered(
            box, lambda name: self._close_answered(q, outcome, name == "confirmCloseEscalation")
        )
        self.close_prompt = box
        box.open()
        self.close_prompt_opened.emit(box)
        return box

    def _close_answered(self, q: QueuedEscalation, outcome: str, confirmed: bool) -> None:
        self.close_prompt = None
        if not confirmed:
            return
        session = self._session
        done = tr("Closed the escalation of case {case}: {outcome}.").format(
            case=case_text(q), outcome=self._outcome_label(outcome)
        )
        self._act(lambda: close_escalation(session, q.escalation_id, outcome), done=done)

    def _act(self, op: Callable[[], None], *, done: str = "") -> BackgroundOp:
        self.message.clear_message()
        self.status.clear()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, SvdeskError):
                self.message.show_message(tr(exc.message))
            else:
                show_error(self, exc)
            self.refresh()

        def succeeded(_: object) -> None:
            self.status.setText(done)
            self.status.setAccessibleDescription(done)
            self.refresh()
            self.changed.emit()

        return BackgroundOp(self, op=op, success=succeeded, failure=failed, cancellable=False).run()
