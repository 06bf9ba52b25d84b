"""The coordinator's main page (a coordinator store shows this instead of the unit home): import
bundles, follow escalations across units, the dashboard, and reports with small-cell suppression.
Every store access runs on the background worker; the GUI thread only lays out results.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svdesk.access.workstation import Session
from svdesk.coordinator import importing as coordinator
from svdesk.coordinator import reports
from svdesk.coordinator.importing import DashboardFigures, ImportSummary, QueuedEscalation
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD
from svdesk.errors import InvalidInput, SvdeskError, WriteFailed
from svdesk.storage.paths import atomic_write
from svdesk.unit.escalations import escalation_outcomes
from svdesk.unit.export import Progress
from ui.coordinator.dashboard import WEEK_PATTERN, DashboardView
from ui.coordinator.report_pdf import code_label, write_pdf_report
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QFileDialog,
    QFont,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.unit.pairing import aloud, spelled
from ui.widgets.forms import FormMessage, add_row, explanation, named, page_title, push_button

# Shared with `svdesk report` (svdesk/cli/bundle_cmds.py).
SETTING_THRESHOLD = "report.suppression_threshold"
BUNDLE_FILTER = "svdesk export bundles (*.svdbundle);;All files (*)"

REASON_TEXT = {
    "bad_signature": "Bad signature",
    "unknown_workstation": "Unknown workstation",
    "wrong_recipient": "Not for this coordinator",
    "unsupported_format": "Newer format",
    "sequence_rollback": "Older than what was imported",
    "corrupt": "Damaged or not a bundle",
    "too_large": "Too large",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Coordinator", text)


def _cell(text: str, *, right: bool = False, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def _text_of(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()


def _table(object_name: str, headers: Sequence[str], accessible: str) -> QTableWidget:
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


def merge_summaries(first: ImportSummary, retried: ImportSummary) -> ImportSummary:
    """The first pass with the files that were imported again after a trust decision replaced
    by what the second pass made of them; missing sequences from the later pass win."""
    redone = {
        str(e["file"]) for part in (retried.imported, retried.duplicates, retried.rejected)
        for e in part
    }  # fmt: skip
    merged = ImportSummary(
        imported=[*first.imported, *retried.imported],
        duplicates=[*first.duplicates, *retried.duplicates],
        rejected=[e for e in first.rejected if str(e["file"]) not in redone] + retried.rejected,
    )
    gaps = {g["workstation"]: g for g in first.missing_sequences}
    gaps.update({g["workstation"]: g for g in retried.missing_sequences})
    merged.missing_sequences = list(gaps.values())
    return merged


# ---------------------------------------------------------------------------- import


# The third argument: fingerprints the coordinator has confirmed in this import (one at a time).
ImportOperation = Callable[
    [Session, list[Path], Collection[str]], Generator[Progress, None, ImportSummary]
]


def core_import(
    session: Session, files: list[Path], trusted: Collection[str] = ()
) -> Generator[Progress, None, ImportSummary]:
    # Never trust_new: confirming one fingerprint must not register any other workstation.
    return coordinator.import_bundles(session, files, trusted_fingerprints=frozenset(trusted))


@dataclass
class PendingTrust:
    """A workstation not yet registered: its fingerprint, and the files it sent in this import."""

    workstation: str
    fingerprint: str
    files: list[Path] = field(default_factory=list)


class ImportTab(QWidget):
    imported = Signal(object)  # ImportSummary, after the whole import (trust prompts included)
    trust_prompt_opened = Signal(object)  # QMessageBox asking "Register this workstation?"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importTab")
        self._session = session
        self.import_operation: ImportOperation = core_import
        self._op: BackgroundOp | None = None
        self._summary: ImportSummary | None = None
        self._pending: list[PendingTrust] = []
        self.trust_prompt: QMessageBox | None = None
        self.files: list[Path] = []
        layout = QVBoxLayout(self)

        layout.addWidget(
            explanation(
                _tr(
                    "Import the export files that units bring you. Each file is checked (who "
                    "signed it, whether it is for you, whether it was imported already) and "
                    "applied whole or not at all."
                )
            )
        )
        card_row = QHBoxLayout()
        self.card_fingerprint = QLabel(_tr("Your card fingerprint: …"))
        self.card_fingerprint.setObjectName("cardFingerprint")
        named(self.card_fingerprint, _tr("Your card fingerprint"))
        self.card_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card_row.addWidget(self.card_fingerprint, 1)
        self.save_card_button = push_button(_tr("Save coordinator c&ard…"), object_name="saveCard")
        card_row.addWidget(self.save_card_button)
        layout.addLayout(card_row)

        row = QHBoxLayout()
        self.choose_button = push_button(_tr("C&hoose export files…"), object_name="chooseBundles")
        row.addWidget(self.choose_button)
        self.import_button = push_button(_tr("I&mport"), object_name="importBundles")
        self.import_button.setEnabled(False)
        row.addWidget(self.import_button)
        self.cancel_button = push_button(_tr("&Cancel import"), object_name="cancelImport")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.file_list = QListWidget()
        self.file_list.setObjectName("chosenBundles")
        self.file_list.setMaximumHeight(110)
        named(self.file_list, _tr("Chosen export files"))
        layout.addWidget(self.file_list)

        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        named(self.progress, _tr("Import progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.summary_table = _table(
            "importSummary",
            [_tr("File"), _tr("Result"), _tr("Unit"), _tr("Bundle"), _tr("Records"),
             _tr("Reason")],
            _tr("Import summary"),
        )  # fmt: skip
        self.summary_table.setWordWrap(True)
        layout.addWidget(self.summary_table, 1)
        self.missing = QLabel("")
        self.missing.setObjectName("missingSequences")
        self.missing.setWordWrap(True)
        self.missing.hide()
        layout.addWidget(self.missing)

        self.choose_button.clicked.connect(self.choose_files)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.save_card_button.clicked.connect(self.choose_card_path)
        self._load_fingerprint()

    # -- coordinator card ----------------------------------------------------------------------
    def _load_fingerprint(self) -> None:
        session = self._session

        def done(fp: str) -> None:
            self.card_fingerprint.setText(
                _tr("Your card fingerprint: {fp}").format(fp=aloud(fp).replace("\n", " "))
            )
            self.card_fingerprint.setAccessibleName(
                _tr("Your card fingerprint: {fp}").format(fp=spelled(fp))
            )

        BackgroundOp(
            self,
            op=lambda: coordinator.init_coordinator_keys(session),
            success=done,
            cancellable=False,
        ).run()

    def choose_card_path(self) -> QFileDialog:
        dialog = QFileDialog(self, _tr("Save the coordinator card for units"), "")
        dialog.setObjectName("cardSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.selectFile("svdesk-coordinator-card.json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_card(Path(path)))
        dialog.open()
        return dialog

    def save_card(self, path: Path) -> BackgroundOp:
        session = self._session

        def write() -> Path:
            atomic_write(path, coordinator.card_bytes(session))
            return path

        def done(written: Path) -> None:
            self.status.setText(
                _tr("Saved the coordinator card to {path}. Give it to each unit admin.").format(
                    path=str(written)
                )
            )

        return BackgroundOp(self, op=write, success=done, cancellable=False).run()

    # -- choosing ------------------------------------------------------------------------------
    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, _tr("Choose export files to import"), "")
        dialog.setObjectName("bundleFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(_tr(BUNDLE_FILTER))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda paths: self.set_files([Path(p) for p in paths]))
        dialog.open()
        return dialog

    def set_files(self, files: Sequence[Path]) -> None:
        self.files = list(files)
        self.file_list.clear()
        for path in self.files:
            self.file_list.addItem(str(path))
        self.import_button.setEnabled(bool(self.files) and not self.running)
        if self.files:
            self.import_button.setDefault(True)
            self.import_button.setFocus()

    # -- importing -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return (self._op is not None and not self._op.done) or self.trust_prompt is not None

    def start_import(self) -> BackgroundOp | None:
        if self.running or not self.files:
            return None
        self._summary = None
        self._pending = []
        self.summary_table.setRowCount(0)
        self.missing.hide()
        return self._run(list(self.files), trusted=frozenset())

    def _run(self, files: list[Path], *, trusted: frozenset[str]) -> BackgroundOp:
        session = self._session
        operation = self.import_operation
        self.progress.setRange(0, max(1, len(files)))
        self.progress.setValue(0)
        self.progress.show()
        self.choose_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()
        self.status.setText(_tr("Importing {n} files…").format(n=len(files)))
        self._op = BackgroundOp(
            self,
            op=lambda: operation(session, files, trusted),
            success=self._pass_done,
            failure=self._failed,
            progress=self._progressed,
            cancelled=self._cancelled,
        ).run()
        return self._op

    def cancel_import(self) -> None:
        if self._op is not None and self._op.cancel():
            self.status.setText(_tr("Cancelling after the file being imported…"))
            self.cancel_button.setEnabled(False)

    def _progressed(self, item: object) -> None:
        if isinstance(item, Progress):
            self.progress.setRange(0, max(1, item.total))
            self.progress.setValue(item.done)
            self.status.setText(_tr(item.message))

    def _idle(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.choose_button.setEnabled(True)
        self.import_button.setEnabled(bool(self.files))

    def _pass_done(self, summary: ImportSummary) -> None:
        first_pass = self._summary is None
        self._summary = (
            summary if self._summary is None else merge_summaries(self._summary, summary)
        )
        if not first_pass:
            # Second pass done for one trusted workstation: ask about the next one.
            self._ask_next()
            return
        # First pass: bundles of unknown workstations wait for the coordinator's decision, one
        # prompt per signing key (two keys claiming one workstation are asked about apart).
        unknown: dict[tuple[str, str], PendingTrust] = {}
        for entry in summary.rejected:
            if entry.get("reason") != "unknown_workstation" or "fingerprint" not in entry:
                continue
            ws, fingerprint = str(entry.get("workstation", "")), str(entry["fingerprint"])
            pending = unknown.setdefault((ws, fingerprint), PendingTrust(ws, fingerprint))
            pending.files.append(Path(str(entry["file"])))
        self._pending = list(unknown.values())
        self._ask_next()

    def _ask_next(self) -> None:
        if not self._pending:
            self._finish()
            return
        pending = self._pending[0]
        box = QMessageBox(self)
        box.setObjectName("trustWorkstation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_tr("Register this workstation?"))
        box.setText(_tr("Register this workstation?"))
        info = _tr(
            "{n} file(s) come from a workstation that is not registered yet. Before you "
            "register it, ask the unit admin to read out the workstation's fingerprint (shown "
            "in its pairing settings) and compare it group by group:\n\n{fp}\n\n"
            "Register it only if they match; otherwise its files are not imported."
        ).format(n=len(pending.files), fp=aloud(pending.fingerprint))
        box.setInformativeText(info)
        box.setAccessibleDescription(
            _tr("Fingerprint: {fp}").format(fp=spelled(pending.fingerprint))
        )
        register = box.addButton(_tr("&Register and import"), QMessageBox.ButtonRole.YesRole)
        register.setObjectName("registerWorkstation")
        skip = box.addButton(_tr("&Do not import"), QMessageBox.ButtonRole.NoRole)
        skip.setObjectName("skipWorkstation")
        box.setDefaultButton(skip)  # registering must be a deliberate choice
        box.setEscapeButton(skip)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._trust_answered(box.clickedButton() is register))
        self.trust_prompt = box
        box.open()
        self.trust_prompt_opened.emit(box)

    def _trust_answered(self, register: bool) -> None:
        self.trust_prompt = None
        pending = self._pending.pop(0)
        if register:
            self._run(pending.files, trusted=frozenset({pending.fingerprint}))
        else:
            self._ask_next()

    def _finish(self) -> None:
        self._idle()
        summary = self._summary or ImportSummary()
        self._show_summary(summary)
        text = _tr("Imported {i} file(s); {d} already imported; {r} rejected.").format(
            i=len(summary.imported), d=len(summary.duplicates), r=len(summary.rejected)
        )
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.imported.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._pending = []
        self._idle()
        if isinstance(exc, SvdeskError):
            self.status.setText(_tr(exc.message))
        else:
            show_error(self, exc)
        if self._summary is not None:
            self.imported.emit(self._summary)

    def _cancelled(self) -> None:
        self._pending = []
        self._idle()
        text = _tr(
            "Import cancelled. Files imported before the cancel stay imported; the others were "
            "not touched — import them again later."
        )
        self.status.setText(text)
        self.status.setAccessibleName(text)
        if self._summary is not None:
            self._show_summary(self._summary)
        self.imported.emit(self._summary or ImportSummary())

    def _show_summary(self, summary: ImportSummary) -> None:
        rows: list[tuple[str, str, str, str, str, str]] = []
        units = {str(w["workstation_id"]): w for w in self._workstations}
        for e in summary.imported:
            ws = units.get(str(e.get("workstation")), {})
            unit = " / ".join(str(x) for x in (ws.get("site_code"), ws.get("unit_code")) if x)
            note = _tr("new workstation registered") if e.get("new_workstation") else ""
            rows.append((str(e["file"]), _tr("Imported"), unit, str(e["sequence"]),
                         str(e["records"]), note))  # fmt: skip
        for e in summary.duplicates:
            rows.append((str(e["file"]), _tr("Already imported"), "", str(e["sequence"]), "",
                         _tr("a resend; nothing changed")))  # fmt: skip
        for e in summary.rejected:
            reason = _tr(REASON_TEXT.get(str(e["reason"]), str(e["reason"])))
            rows.append((str(e["file"]), _tr("Rejected"), "", "", "",
                         f"{reason}: {_tr(str(e.get('message', '')))}"))  # fmt: skip
        self.summary_table.setUpdatesEnabled(False)
        self.summary_table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                shown = Path(value).name if c == 0 else value
                item = _cell(shown, right=c in (3, 4), bold=c == 1 and value == _tr("Rejected"))
                if c == 0:
                    item.setToolTip(value)
                self.summary_table.setItem(r, c, item)
        header = self.summary_table.horizontalHeader()
        for column in range(5):
            # Measured once here: a ResizeToContents mode would re-measure on every cell set.
            self.summary_table.resizeColumnToContents(column)
        # The reason wraps in the remaining width instead of scrolling out of sight.
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.summary_table.resizeRowsToContents()
        self.summary_table.setUpdatesEnabled(True)
        gaps = [
            _tr("bundles {seqs} from workstation {ws}").format(
                seqs=", ".join(str(s) for s in g["sequences"]), ws=str(g["workstation"])[:8]
            )
            for g in summary.missing_sequences
        ]
        if gaps:
            self.missing.setText(
                _tr("Missing (never arrived, ask the unit to check): {gaps}.").format(
                    gaps="; ".join(gaps)
                )
            )
        self.missing.setVisible(bool(gaps))

    @property
    def _workstations(self) -> list[dict[str, Any]]:
        return getattr(self, "_known_workstations", [])

    def set_workstations(self, rows: list[dict[str, Any]]) -> None:
        self._known_workstations = rows
        if self._summary is not None:
            self._show_summary(self._summary)

    def summary_rows(self) -> list[list[str]]:
        """The summary table as text (what the coordinator reads)."""
        table = self.summary_table
        return [
            [_text_of(table.item(r, c)) for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]


# ---------------------------------------------------------------------------- escalations


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
                _tr(
                    "Escalations from every unit, most urgent first. Contact the supporter who "
                    "recorded it (their id and the case code identify the conversation on the "
                    "unit); acknowledge when you take it on and close it with the outcome."
                )
            )
        )
        top = QHBoxLayout()
        self.show_closed = QCheckBox(_tr("Show closed escalatio&ns"))
        self.show_closed.setObjectName("showClosed")
        top.addWidget(self.show_closed)
        top.addStretch(1)
        self.refresh_button = push_button(_tr("Re&fresh"), object_name="refreshEscalations")
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.table = _table(
            "coordinatorEscalations", [_tr(c) for c in self.COLUMNS], _tr("Escalation queue")
        )
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_tr("No open escalations."))
        self.empty.setObjectName("noEscalations")
        layout.addWidget(self.empty)

        actions = QHBoxLayout()
        self.acknowledge_button = push_button(_tr("&Acknowledge"), object_name="acknowledge")
        actions.addWidget(self.acknowledge_button)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for outcome in self._outcomes:
            self.outcome.addItem(_tr(outcome.label), outcome.code)
            self.outcome.setItemData(
                self.outcome.count() - 1, _tr(outcome.meaning), Qt.ItemDataRole.ToolTipRole
            )
        outcome_label = QLabel(_tr("O&utcome:"))
        outcome_label.setBuddy(self.outcome)
        self.outcome.setAccessibleName(_tr("Outcome"))
        actions.addStretch(1)
        actions.addWidget(outcome_label)
        actions.addWidget(self.outcome)
        self.close_button = push_button(_tr("&Close with outcome"), object_name="closeEscalation")
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
            op=lambda: coordinator.escalation_queue(session, include_closed=include_closed),
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
                status = _tr("Closed: {o}").format(o=self._outcome_label(q.outcome))
            elif q.acknowledged_at:
                status = _tr("Acknowledged")
            else:
                status = _tr("New")
            # Overdue is said in words and in bold, not by colour alone.
            overdue = _tr("OVERDUE") if q.overdue else _tr("no")
            due = _tr("{date} (week {week})").format(date=q.due.isoformat(), week=q.due_week) \
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
                item = _cell(value, bold=(c == 2 and q.overdue) or (c == 0 and not q.closed_at))
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
                return _tr(outcome.label)
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
        return self._act(lambda: coordinator.acknowledge(session, q.escalation_id))

    def close_selected(self) -> BackgroundOp | None:
        q = self.selected()
        if q is None:
            return None
        session = self._session
        outcome = str(self.outcome.currentData())
        return self._act(lambda: coordinator.close_escalation(session, q.escalation_id, outcome))

    def _act(self, op: Callable[[], None]) -> BackgroundOp:
        self.message.clear_message()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, SvdeskError):
                self.message.show_message(_tr(exc.message))
            else:
                show_error(self, exc)
            self.refresh()

        def done(_: object) -> None:
            self.refresh()
            self.changed.emit()

        return BackgroundOp(self, op=op, success=done, failure=failed, cancellable=False).run()


# ---------------------------------------------------------------------------- reports


REPORT_FORMATS: tuple[tuple[str, str], ...] = (
    ("pdf", "PDF for leadership"),
    ("csv", "CSV tables"),
    ("xlsx", "Excel workbook (XLSX)"),
    ("redcap", "REDCap data dictionary and import file (a folder)"),
)
SUFFIXES = {"pdf": ".pdf", "csv": ".csv", "xlsx": ".xlsx"}


def write_report_files(
    session: Session,
    fmt: str,
    out: Path,
    *,
    period_from: str | None,
    period_to: str | None,
    threshold: int,
) -> Generator[Progress, None, list[Path]]:
    """Any report format through the core writers (PDF through `ui.coordinator.report_pdf`);
    audited like `svdesk report`."""
    if fmt == "pdf":
        yield Progress(0, 2, "Counting")
        figures = coordinator.dashboard_figures(
            session, period_from=period_from, period_to=period_to
        )
        yield Progress(1, 2, "Drawing the PDF")
        if not out.parent.is_dir():
            raise InvalidInput(f"The folder {out.parent} does not exist; choose another place.")
        paths = [write_pdf_report(figures, out, threshold=threshold)]
        yield Progress(2, 2, "Report written")
    else:
        paths = yield from reports.write_report(
            fmt,
            out,
            figures=lambda: coordinator.dashboard_figures(
                session, period_from=period_from, period_to=period_to
            ),
            records=lambda: coordinator.coded_encounters(
                session, period_from=period_from, period_to=period_to
            ),
            threshold=threshold,
        )
    session.audit(
        "report",
        {"format": fmt, "from": period_from, "to": period_to, "files": len(paths)},
    )
    return paths


def saved_threshold(session: Session) -> int:
    """The program's suppression threshold (the one `svdesk report` uses), or the default."""
    raw = session.setting(SETTING_THRESHOLD, DEFAULT_THRESHOLD)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= MINIMUM_THRESHOLD:
        return raw
    return DEFAULT_THRESHOLD


class ReportsTab(QWidget):
    written = Signal(object)  # list[Path]

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self._session = session
        self._op: BackgroundOp | None = None
        self.last_paths: list[Path] = []
        layout = QVBoxLayout(self)
        layout.addWidget(
            explanation(
                _tr(
                    "Reports leave the coordinator: they carry no case codes and no supporter "
                    "ids, and counts from 1 to the threshold minus one are shown as “<11” (with "
                    "more cells hidden where a total would give them away)."
                )
            )
        )
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setObjectName("reportFormat")
        for code, text in REPORT_FORMATS:
            self.format.addItem(_tr(text), code)
        add_row(form, _tr("&Format:"), self.format)
        self.period_from = QLineEdit()
        self.period_from.setObjectName("reportFrom")
        self.period_from.setPlaceholderText("2026-W01")
        add_row(form, _tr("From wee&k:"), self.period_from)
        self.period_to = QLineEdit()
        self.period_to.setObjectName("reportTo")
        self.period_to.setPlaceholderText("2026-W52")
        add_row(form, _tr("&Until week:"), self.period_to)
        out_row = QHBoxLayout()
        out_row.setContentsMargins(0, 0, 0, 0)
        self.out_path = QLineEdit()
        self.out_path.setObjectName("reportOut")
        out_row.addWidget(self.out_path, 1)
        self.browse_button = push_button(_tr("Bro&wse…"), name=_tr("Choose where to save"))
        out_row.addWidget(self.browse_button)
        holder = QWidget()
        holder.setLayout(out_row)
        label = add_row(form, _tr("&Save to:"), holder)
        label.setBuddy(self.out_path)
        self.out_path.setAccessibleName(_tr("Save to"))
        self.threshold = QSpinBox()
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(MINIMUM_THRESHOLD, 1000)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setAccessibleDescription(
            _tr("Counts below this number are hidden; the minimum is {n}.").format(
                n=MINIMUM_THRESHOLD
            )
        )
        add_row(form, _tr("Hide counts &below:"), self.threshold)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.write_button = push_button(_tr("Write report &now"), object_name="writeReport")
        row.addWidget(self.write_button)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        named(self.progress, _tr("Report progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("reportStatus")
        named(self.status, _tr("Report status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.message = FormMessage()
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.browse_button.clicked.connect(self.choose_out)
        self.write_button.clicked.connect(self.start_report)
        BackgroundOp(
            self,
            op=lambda: saved_threshold(session),
            success=self.threshold.setValue,
            cancellable=False,
        ).run()
        self.format.currentIndexChanged.connect(self._format_changed)

    def _format_changed(self) -> None:
        text = self.out_path.text().strip()
        fmt = str(self.format.currentData())
        if text and fmt in SUFFIXES:
            self.out_path.setText(str(Path(text).with_suffix(SUFFIXES[fmt])))

    def choose_out(self) -> QFileDialog:
        fmt = str(self.format.currentData())
        dialog = QFileDialog(self, _tr("Save the report"), self.out_path.text())
        dialog.setObjectName("reportSaveDialog")
        if fmt == "redcap":
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(SUFFIXES[fmt].lstrip("."))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.out_path.setText)
        dialog.open()
        return dialog

    def _week(self, field: QLineEdit) -> str | None:
        text = field.text().strip().upper()
        if text and not WEEK_PATTERN.match(text):
            raise ValueError(_tr("{t} is not an ISO week; write it like 2026-W05.").format(t=text))
        return text or None

    def start_report(self) -> BackgroundOp | None:
        if self._op is not None and not self._op.done:
            return None
        try:
            period_from, period_to = self._week(self.period_from), self._week(self.period_to)
        except ValueError as exc:
            self.message.show_message(str(exc))
            return None
        if period_from and period_to and period_from > period_to:
            self.message.show_message(_tr("The period starts after it ends; swap the weeks."))
            return None
        text = self.out_path.text().strip()
        if not text:
            self.message.show_message(_tr("Choose where to save the report."))
            self.out_path.setFocus()
            return None
        self.message.clear_message()
        fmt = str(self.format.currentData())
        out = Path(text).expanduser()
        threshold = self.threshold.value()
        session = self._session
        self.write_button.setEnabled(False)
        self.progress.setRange(0, 2)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(_tr("Writing the report…"))
        self._op = BackgroundOp(
            self,
            op=lambda: write_report_files(
                session,
                fmt,
                out,
                period_from=period_from,
                period_to=period_to,
                threshold=threshold,
            ),
            success=self._written,
            failure=self._failed,
            progress=self._progressed,
            cancellable=False,
        ).run()
        return self._op

    def _progressed(self, item: object) -> None:
        if isinstance(item, Progress):
            self.progress.setRange(0, max(1, item.total))
            self.progress.setValue(item.done)

    def _written(self, paths: list[Path]) -> None:
        self.last_paths = list(paths)
        self.write_button.setEnabled(True)
        self.progress.hide()
        text = _tr("Report written: {paths}").format(paths=", ".join(str(p) for p in paths))
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.written.emit(list(paths))

    def _failed(self, exc: BaseException) -> None:
        self.write_button.setEnabled(True)
        self.progress.hide()
        self.status.setText("")
        if isinstance(exc, WriteFailed | SvdeskError):
            self.message.show_message(_tr(exc.message))
        else:
            show_error(self, exc)


# ---------------------------------------------------------------------------- the page


class CoordinatorPage(QWidget):
    """Same hooks as the unit home page so the main window wires either the same way."""

    lock_requested = Signal()
    supporters_requested = Signal()
    settings_requested = Signal()
    change_passphrase_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coordinatorPage")
        self._session = session
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        title = page_title(_tr("Coordinator"))
        header.addWidget(title)
        self.signed_in = QLabel(_tr("Signed in as {name}").format(name=session.supporter.name))
        self.signed_in.setObjectName("signedIn")
        header.addWidget(self.signed_in)
        header.addStretch(1)
        self.change_passphrase_button = push_button(_tr("Change &passphrase…"))
        header.addWidget(self.change_passphrase_button)
        self.supporters_button = push_button(_tr("Pe&ople…"))
        self.supporters_button.setVisible(bool(session.supporter.is_admin))
        header.addWidget(self.supporters_button)
        self.settings_button = push_button(_tr("Se&ttings…"))
        header.addWidget(self.settings_button)
        self.lock_button = push_button(
            _tr("&Lock"), name=_tr("Lock (Ctrl+L)"), object_name="lockButton"
        )
        header.addWidget(self.lock_button)
        layout.addLayout(header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("coordinatorTabs")
        named(self.tabs, _tr("Coordinator sections"))
        named(self.tabs.tabBar(), _tr("Coordinator sections"))
        self.import_tab = ImportTab(session)
        self.escalations_tab = EscalationsTab(session)
        self.dashboard = DashboardView(session)
        self.reports_tab = ReportsTab(session)
        self.tabs.addTab(self.import_tab, _tr("&Import"))
        self.tabs.addTab(self.escalations_tab, _tr("&Escalations"))
        self.tabs.addTab(self.dashboard, _tr("&Dashboard"))
        self.tabs.addTab(self.reports_tab, _tr("&Reports"))
        layout.addWidget(self.tabs, 1)
        big = QFont(title.font())
        title.setFont(big)

        self.lock_button.clicked.connect(self.lock_requested)
        self.supporters_button.clicked.connect(self.supporters_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.change_passphrase_button.clicked.connect(self.change_passphrase_requested)
        self.import_tab.imported.connect(self._after_import)
        self.escalations_tab.changed.connect(self.dashboard.refresh)
        self.refresh()

    @property
    def session(self) -> Session:
        return self._session

    def refresh(self) -> None:
        session = self._session
        BackgroundOp(
            self,
            op=lambda: saved_threshold(session),
            success=self._use_threshold,
            cancellable=False,
        ).run()
        self.escalations_tab.refresh()
        self.dashboard.refresh()
        self._load_workstations()

    def _use_threshold(self, threshold: int) -> None:
        self.dashboard.threshold = threshold
        self.dashboard.as_reported.setText(
            _tr("&As reported (small counts shown as <{t})").format(t=threshold)
        )

    def _load_workstations(self) -> None:
        session = self._session
        BackgroundOp(
            self,
            op=lambda: coordinator.workstations(session),
            success=self.import_tab.set_workstations,
            cancellable=False,
        ).run()

    def _after_import(self, _summary: ImportSummary) -> None:
        self.refresh()


def figures_for(session: Session, **filters: Any) -> DashboardFigures:
    """Dashboard figures (a seam for scripts and tests)."""
    return coordinator.dashboard_figures(session, **filters)
