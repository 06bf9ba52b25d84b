"""The coordinator's escalation queue: escalations from every unit, most urgent first; the
coordinator acknowledges one and closes it with an outcome (store work on the worker)."""

from __future__ import annotations

from collections.abc import Callable

from svdesk.access.session import Session
from svdesk.coordinator.queue import (
    QueuedEscalation,
    acknowledge,
    close_escalation,
    escalation_queue,
)
from svdesk.errors import SvdeskError
from svdesk.unit.escalations import escalation_outcomes
from ui.coordinator.report_pdf import code_label
from ui.coordinator.tables import cell, result_table, tr
from ui.qt import QCheckBox, QComboBox, QHBoxLayout, QLabel, Qt, QVBoxLayout, QWidget, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, explanation, push_button


class EscalationsTab(QWidget):
    changed = Signal()

    COLUMNS = ("Level", "Due", "Overdue?", "Unit", "Supporter", "Case code", "Status", "Actions")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationsTab")
        self._session = session
        self.rows: list[QueuedEscalation] = []
        self._outcomes = escalation_outcomes()
        layout = QVBoxLayout(self)
        layout.addWidget(
            explanation(
                tr(
                    "Escalations from every unit, most urgent first. Contact the supporter who "
                    "recorded it (their id and the case code identify the conversation on the "
                    "unit); acknowledge when you take it on and close it with the outcome."
                )
            )
        )
        top = QHBoxLayout()
        self.show_closed = QCheckBox(tr("Show closed escalatio&ns"))
        self.show_closed.setObjectName("showClosed")
        top.addWidget(self.show_closed)
        top.addStretch(1)
        self.refresh_button = push_button(tr("Re&fresh"), object_name="refreshEscalations")
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.table = result_table(
            "coordinatorEscalations", [tr(c) for c in self.COLUMNS], tr("Escalation queue")
        )
        layout.addWidget(self.table, 1)
        self.empty = QLabel(tr("No open escalations."))
        self.empty.setObjectName("noEscalations")
        layout.addWidget(self.empty)

        actions = QHBoxLayout()
        self.acknowledge_button = push_button(tr("&Acknowledge"), object_name="acknowledge")
        actions.addWidget(self.acknowledge_button)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for outcome in self._outcomes:
            self.outcome.addItem(tr(outcome.label), outcome.code)
            self.outcome.setItemData(
                self.outcome.count() - 1, tr(outcome.meaning), Qt.ItemDataRole.ToolTipRole
            )
        outcome_label = QLabel(tr("O&utcome:"))
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

        self.refresh_button.clicked.connect(self.refresh)
        self.show_closed.toggled.connect(self.refresh)
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
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
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, q in enumerate(rows):
            unit = " / ".join(x for x in (q.site_code, q.unit_code) if x) or q.workstation_id[:8]
            if q.closed_at:
                status = tr("Closed: {o}").format(o=self._outcome_label(q.outcome))
            elif q.acknowledged_at:
                status = tr("Acknowledged")
            else:
                status = tr("New")
            # Overdue is said in words and in bold, not by colour alone.
            overdue = tr("OVERDUE") if q.overdue else tr("no")
            due = tr("{date} (week {week})").format(date=q.due.isoformat(), week=q.due_week) \
                if q.due is not None and q.due_week else "—"  # fmt: skip
            values = (
                code_label("escalation_level", q.level),
                due,
                overdue,
                unit,
                q.supporter_id or "—",
                q.case_code or "—",
                status,
                ", ".join(code_label("escalation_actions", a) for a in q.actions) or "—",
            )
            for c, value in enumerate(values):
                item = cell(value, bold=(c == 2 and q.overdue) or (c == 0 and not q.closed_at))
                if c == 2 and q.overdue:
                    item.setForeground(Qt.GlobalColor.darkRed)
                item.setData(Qt.ItemDataRole.UserRole, q.escalation_id)
                self.table.setItem(r, c, item)
            if q.escalation_id == keep:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        self._update_buttons()

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

    def close_selected(self) -> BackgroundOp | None:
        q = self.selected()
        if q is None:
            return None
        session = self._session
        outcome = str(self.outcome.currentData())
        return self._act(lambda: close_escalation(session, q.escalation_id, outcome))

    def _act(self, op: Callable[[], None]) -> BackgroundOp:
        self.message.clear_message()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, SvdeskError):
                self.message.show_message(tr(exc.message))
            else:
                show_error(self, exc)
            self.refresh()

        def done(_: object) -> None:
            self.refresh()
            self.changed.emit()

        return BackgroundOp(self, op=op, success=done, failure=failed, cancellable=False).run()
