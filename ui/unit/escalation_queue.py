"""The unit's open escalations on the home screen: level, due, open → handed off → closed with an
outcome. Every change goes through the core (`svdesk.unit.escalations`), which audit-logs it;
this widget only shows and asks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from svdesk.content.outcomes import escalation_outcomes
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.rules import load_rules
from svdesk.errors import SvdeskError
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.runtime.plural import plural_tr
from ui.unit.queue_table import TableOrEmpty, aware, queue_item, queue_table
from ui.unit.services import CoreUnitServices, UnitServices
from ui.widgets.escalation_banner import action_label, level_label

if TYPE_CHECKING:
    from svdesk.content.outcomes import Outcome
    from svdesk.unit.context import UnitContext
    from svdesk.unit.escalations import Escalation

# An escalation due "now" is not called overdue in its first minutes (it was just raised).
OVERDUE_GRACE = timedelta(minutes=15)


def _t(text: str) -> str:
    return QtCore.QCoreApplication.translate("EscalationQueue", text)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    return aware(now) - aware(due_at) > OVERDUE_GRACE


def due_text(due_at: datetime, now: datetime) -> str:
    """'now', 'today', 'tomorrow', 'in 2 days', or 'OVERDUE by 3 h' — words, not colour."""
    due, current = aware(due_at), aware(now)
    late = current - due
    if late > OVERDUE_GRACE:
        if late < timedelta(hours=1):
            amount = _t("{n} min").format(n=int(late.total_seconds() // 60))
        elif late < timedelta(days=1):
            amount = _t("{n} h").format(n=int(late.total_seconds() // 3600))
        else:
            amount = plural_tr("%n day(s)", "overdue by", late.days)
        return _t("OVERDUE by {amount}").format(amount=amount)
    if due - current <= OVERDUE_GRACE:
        return _t("now")
    local_due, local_now = due.astimezone(), current.astimezone()
    days = (local_due.date() - local_now.date()).days
    if days <= 0:
        return _t("today")
    if days == 1:
        return _t("tomorrow")
    return plural_tr("in %n day(s)", "due in", days)


def status_labels() -> dict[str, str]:
    """The shown names of the core's statuses, `svdesk.unit.escalations.STATUSES` (a test ties
    the keys to them)."""
    return {"open": _t("Open"), "handed_off": _t("Handed off"), "closed": _t("Closed")}


def status_label(status: str) -> str:
    return status_labels().get(status, status)


def target_label(code: str) -> str:
    """A hand-off target's name: the record vocabulary's referral targets are the ones the core
    accepts (`hand_off_escalation`)."""
    return load_record_vocabulary(language=content_language()).label("referral_targets", code)


def _outcomes() -> Sequence[Outcome]:
    return escalation_outcomes(language=content_language())


class OutcomeDialog(QtWidgets.QDialog):
    """Choose how an escalation ended; the codes come from the outcome vocabulary."""

    def __init__(
        self, outcomes: Sequence[Outcome], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Close escalation"))
        self.setAccessibleName(self.windowTitle())
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(self.tr("How did this escalation end?"), self)
        layout.addWidget(intro)
        self.group = QtWidgets.QButtonGroup(self)
        self.codes: list[str] = []
        for index, outcome in enumerate(outcomes):
            radio = QtWidgets.QRadioButton(str(outcome.label), self)
            meaning = outcome.meaning
            radio.setAccessibleName(str(outcome.label))
            radio.setAccessibleDescription(meaning)
            radio.setToolTip(meaning)
            self.group.addButton(radio, index)
            self.codes.append(str(outcome.code))
            layout.addWidget(radio)
            if meaning:
                hint = QtWidgets.QLabel(meaning, self)
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #555555; margin-left: 24px;")
                layout.addWidget(hint)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Close escalation"))
        ok.setAccessibleName(ok.text())
        ok.setEnabled(False)
        cancel = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
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


class HandOffDialog(QtWidgets.QDialog):
    """Record to which service an escalation was handed off (a role, never a person's name)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handOffDialog")
        self.setWindowTitle(self.tr("Hand off escalation"))
        self.setAccessibleName(self.windowTitle())
        layout = QtWidgets.QVBoxLayout(self)
        label = QtWidgets.QLabel(self.tr("Handed off &to:"), self)
        self.target = QtWidgets.QComboBox(self)
        self.target.setAccessibleName(self.tr("Handed off to"))
        for target in (
            load_record_vocabulary(language=content_language()).field("referral_targets").codes
        ):
            self.target.addItem(target.label, target.code)
        label.setBuddy(self.target)
        layout.addWidget(label)
        layout.addWidget(self.target)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        ok = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Hand off"))
        ok.setAccessibleName(ok.text())
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def handed_to(self) -> str:
        return str(self.target.currentData())


class EscalationQueue(QtWidgets.QWidget):
    """The unit's open escalations, most urgent first, with hand-off and close."""

    changed = Signal()

    def __init__(
        self,
        ctx: UnitContext,
        parent: QtWidgets.QWidget | None = None,
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
        self.dialog: QtWidgets.QDialog | None = None

        title = QtWidgets.QLabel(self.tr("Open escalations"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.summary = QtWidgets.QLabel(self)
        self.summary.setAccessibleName(self.tr("Escalations summary"))
        self._headers = [self.tr("Due"), self.tr("Level"), self.tr("Status"), self.tr("Case")]
        self.table = queue_table(
            self, self._headers, self.tr("Open escalations, most urgent first")
        )
        # Level and status share the width and wrap: rows of two lines, not three (issue 17).
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QtWidgets.QHeaderView.ResizeMode.Stretch
            )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.detail = QtWidgets.QLabel(self)
        self.detail.setObjectName("escalationDetail")
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Selected escalation"))
        self.hand_off_button = QtWidgets.QPushButton(self.tr("&Hand off…"), self)
        self.hand_off_button.setAccessibleName(self.tr("Hand off the selected escalation"))
        self.hand_off_button.clicked.connect(self.ask_hand_off)
        self.close_button = QtWidgets.QPushButton(self.tr("C&lose with outcome…"), self)
        self.close_button.setAccessibleName(self.tr("Close the selected escalation"))
        self.close_button.clicked.connect(self.ask_close)
        self.refresh_button = QtWidgets.QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh the escalations"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.hand_off_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        layout.addLayout(head)
        self.view = TableOrEmpty(
            self.table,
            self.tr(
                "No open escalations. What completed conversations and the crisis screen "
                "escalate appears here, most urgent first."
            ),
            self,
        )
        layout.addWidget(self.view, 1)
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
        rows.sort(key=lambda e: aware(e.due_at))
        self._rows = rows
        self.table.setRowCount(len(rows))
        overdue_count = 0
        headers = self._headers
        for row, esc in enumerate(rows):
            overdue_count += is_overdue(esc.due_at, now)
            # An emergency due now is as urgent as an overdue one: highlighted the same way.
            overdue = is_overdue(esc.due_at, now) or (
                esc.level == "emergency" and esc.due_at <= now
            )
            due = due_text(esc.due_at, now)
            marker = "⚠ " if overdue or esc.level == "emergency" else ""
            actions = "; ".join(action_label(a) for a in esc.actions)
            status = status_label(esc.status)
            if esc.status == "handed_off" and esc.handed_to:
                status += " → " + target_label(esc.handed_to)
            cells = [
                queue_item(marker + due, overdue=overdue, key=esc.id),
                queue_item(level_label(esc.level), overdue=overdue),
                queue_item(status, overdue=overdue),
                queue_item(esc.case_code or self.tr("(no case)"), overdue=overdue),
            ]
            detail = level_label(esc.level) + (
                ". " + self.tr("What to do: {actions}").format(actions=actions) if actions else ""
            )
            for column, cell in enumerate(cells):
                cell.setData(
                    QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{headers[column]}: {cell.text()}"
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
        self.view.update_state()
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
                # Why, in the rules' own words: a raw rule id means nothing on a night shift.
                text += " " + self.tr("Why: {reasons}").format(
                    reasons=" ".join(_rule_reason(r) for r in current.rules)
                )
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


def _rule_reason(rule_id: str) -> str:
    """The reason text of bundled rule `rule_id` (the id itself for a rule no longer bundled)."""
    reasons = {rule.id: rule.reason for rule in load_rules(language=content_language()).rules}
    return reasons.get(rule_id, rule_id)
