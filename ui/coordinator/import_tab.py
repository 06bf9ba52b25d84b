"""The coordinator's import tab: the coordinator card to hand out, bundle files imported on the
worker with progress and cancel, a trust prompt per unknown workstation, and the summary."""

from __future__ import annotations

from collections.abc import Callable, Collection, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svdesk.access.session import Session
from svdesk.coordinator.importing import ImportSummary, import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.errors import SvdeskError
from svdesk.progress import Progress
from svdesk.storage.outputs import check_output_file
from svdesk.storage.paths import atomic_write
from ui.coordinator.tables import cell, result_table, text_of, tr
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.runtime.plural import plural_tr
from ui.unit.pairing import aloud, spelled
from ui.widgets.answers import when_answered
from ui.widgets.forms import explanation, named, push_button

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


# The third argument: fingerprints the coordinator has confirmed in this import (one at a time).
ImportOperation = Callable[
    [Session, list[Path], Collection[str]], Generator[Progress, None, ImportSummary]
]


def core_import(
    session: Session, files: list[Path], trusted: Collection[str] = ()
) -> Generator[Progress, None, ImportSummary]:
    # Never trust_new: confirming one fingerprint must not register any other workstation.
    return import_bundles(session, files, trusted_fingerprints=frozenset(trusted))


@dataclass
class PendingTrust:
    """A workstation not yet registered: its fingerprint, and the files it sent in this import."""

    workstation: str
    fingerprint: str
    files: list[Path] = field(default_factory=list)
    # Set when the workstation is registered but now claims another site/unit: the import's
    # own sentence, which says both (trusting it confirms the move).
    moved: str = ""


class ImportTab(QtWidgets.QWidget):
    imported = Signal(object)  # ImportSummary, after the whole import (trust prompts included)
    trust_prompt_opened = Signal(object)  # QMessageBox asking "Register this workstation?"

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importTab")
        self._session = session
        self.import_operation: ImportOperation = core_import
        self._op: BackgroundOp | None = None
        self._summary: ImportSummary | None = None
        self._pending: list[PendingTrust] = []
        self.trust_prompt: QtWidgets.QMessageBox | None = None
        self.files: list[Path] = []
        self._workstations: list[dict[str, Any]] = []
        layout = QtWidgets.QVBoxLayout(self)

        layout.addWidget(
            explanation(
                tr(
                    "Import the export files that units bring you. Each file is checked (who "
                    "signed it, whether it is for you, whether it was imported already) and "
                    "applied whole or not at all."
                )
            )
        )
        card_row = QtWidgets.QHBoxLayout()
        self.card_fingerprint = QtWidgets.QLabel(tr("Your card fingerprint: …"))
        self.card_fingerprint.setObjectName("cardFingerprint")
        named(self.card_fingerprint, tr("Your card fingerprint"))
        self.card_fingerprint.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )
        card_row.addWidget(self.card_fingerprint, 1)
        self.save_card_button = push_button(tr("Save coordinator c&ard…"), object_name="saveCard")
        card_row.addWidget(self.save_card_button)
        layout.addLayout(card_row)

        row = QtWidgets.QHBoxLayout()
        self.choose_button = push_button(tr("C&hoose export files…"), object_name="chooseBundles")
        row.addWidget(self.choose_button)
        self.import_button = push_button(tr("I&mport"), object_name="importBundles")
        self.import_button.setEnabled(False)
        row.addWidget(self.import_button)
        self.cancel_button = push_button(tr("&Cancel import"), object_name="cancelImport")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.file_list = QtWidgets.QListWidget()
        self.file_list.setObjectName("chosenBundles")
        self.file_list.setMaximumHeight(110)
        named(self.file_list, tr("Chosen export files"))
        layout.addWidget(self.file_list)

        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("importProgress")
        named(self.progress, tr("Import progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.summary_table = result_table(
            "importSummary",
            [tr("File"), tr("Result"), tr("Unit"), tr("Bundle"), tr("Records"),
             tr("Reason")],
            tr("Import summary"),
        )  # fmt: skip
        self.summary_table.setWordWrap(True)
        layout.addWidget(self.summary_table, 1)
        self.missing = QtWidgets.QLabel("")
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
                tr("Your card fingerprint: {fp}").format(fp=aloud(fp).replace("\n", " "))
            )
            self.card_fingerprint.setAccessibleName(
                tr("Your card fingerprint: {fp}").format(fp=spelled(fp))
            )

        BackgroundOp(
            self,
            op=lambda: init_coordinator_keys(session),
            success=done,
            cancellable=False,
        ).run()

    def choose_card_path(self) -> QtWidgets.QFileDialog:
        dialog = QtWidgets.QFileDialog(self, tr("Save the coordinator card for units"), "")
        dialog.setObjectName("cardSaveDialog")
        dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.selectFile("svdesk-coordinator-card.json")
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_card(Path(path)))
        dialog.open()
        return dialog

    def save_card(self, path: Path) -> BackgroundOp:
        session = self._session

        def write() -> Path:
            # The dialog asked before replacing a file; never the store or its keys, though.
            check_output_file(path, session.workstation.home, force=True, what="coordinator card")
            atomic_write(path, card_bytes(session))
            return path

        def done(written: Path) -> None:
            self.status.setText(
                tr("Saved the coordinator card to {path}. Give it to each unit admin.").format(
                    path=str(written)
                )
            )

        return BackgroundOp(self, op=write, success=done, cancellable=False).run()

    # -- choosing ------------------------------------------------------------------------------
    def choose_files(self) -> QtWidgets.QFileDialog:
        dialog = QtWidgets.QFileDialog(self, tr("Choose export files to import"), "")
        dialog.setObjectName("bundleFileDialog")
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(tr(BUNDLE_FILTER))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
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
        self.status.setText(plural_tr("Importing %n file(s)…", "files to import", len(files)))
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
            self.status.setText(tr("Cancelling after the file being imported…"))
            self.cancel_button.setEnabled(False)

    def _progressed(self, item: object) -> None:
        if isinstance(item, Progress):
            self.progress.setRange(0, max(1, item.total))
            self.progress.setValue(item.done)
            self.status.setText(tr(item.message))

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
            if entry.get("registered_as"):
                pending.moved = str(entry.get("message", ""))
        self._pending = list(unknown.values())
        self._ask_next()

    def _ask_next(self) -> None:
        if not self._pending:
            self._finish()
            return
        pending = self._pending[0]
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("trustWorkstation")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        if pending.moved:
            box.setWindowTitle(tr("Confirm that this workstation moved?"))
            box.setText(tr("Confirm that this workstation moved?"))
            info = tr(
                "{moved}\n\nBefore you confirm, ask that unit's admin whether the workstation "
                "really moved, and to read out its fingerprint (shown in its pairing settings); "
                "compare it group by group:\n\n{fp}\n\n"
                "Confirm only if both hold; otherwise its files are not imported."
            ).format(moved=tr(pending.moved), fp=aloud(pending.fingerprint))
        else:
            box.setWindowTitle(tr("Register this workstation?"))
            box.setText(tr("Register this workstation?"))
            info = plural_tr(
                "%n file(s) come from a workstation that is not registered yet. Before you "
                "register it, ask the unit admin to read out the workstation's fingerprint "
                "(shown in its pairing settings) and compare it group by group:\n\n{fp}\n\n"
                "Register it only if they match; otherwise its files are not imported.",
                "files from a workstation not registered",
                len(pending.files),
            ).format(fp=aloud(pending.fingerprint))
        box.setInformativeText(info)
        box.setAccessibleDescription(
            tr("Fingerprint: {fp}").format(fp=spelled(pending.fingerprint))
        )
        register = box.addButton(
            tr("&Confirm and import") if pending.moved else tr("&Register and import"),
            QtWidgets.QMessageBox.ButtonRole.YesRole,
        )
        register.setObjectName("registerWorkstation")
        skip = box.addButton(tr("&Do not import"), QtWidgets.QMessageBox.ButtonRole.NoRole)
        skip.setObjectName("skipWorkstation")
        box.setDefaultButton(skip)  # registering must be a deliberate choice
        box.setEscapeButton(skip)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        when_answered(box, lambda name: self._trust_answered(name == "registerWorkstation"))
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
        text = plural_tr(
            "Imported %n file(s); {d} already imported; {r} rejected.",
            "files imported",
            len(summary.imported),
        ).format(d=len(summary.duplicates), r=len(summary.rejected))
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.imported.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._pending = []
        self._idle()
        if isinstance(exc, SvdeskError):
            self.status.setText(tr(exc.message))
        else:
            show_error(self, exc)
        if self._summary is not None:
            self.imported.emit(self._summary)

    def _cancelled(self) -> None:
        self._pending = []
        self._idle()
        text = tr(
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
            note = tr("new workstation registered") if e.get("new_workstation") else ""
            status = tr("Imported")
            if e.get("audit_message"):  # the unit's audit log does not extend what was seen
                status, note = tr("Imported; check"), tr(str(e["audit_message"]))
            rows.append((str(e["file"]), status, unit, str(e["sequence"]),
                         str(e["records"]), note))  # fmt: skip
        for e in summary.duplicates:
            rows.append((str(e["file"]), tr("Already imported"), "", str(e["sequence"]), "",
                         tr("a resend; nothing changed")))  # fmt: skip
        for e in summary.rejected:
            reason = tr(REASON_TEXT.get(str(e["reason"]), str(e["reason"])))
            rows.append((str(e["file"]), tr("Rejected"), "", "", "",
                         f"{reason}: {tr(str(e.get('message', '')))}"))  # fmt: skip
        self.summary_table.setUpdatesEnabled(False)
        self.summary_table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                shown = Path(value).name if c == 0 else value
                flagged = value in (tr("Rejected"), tr("Imported; check"))
                item = cell(shown, right=c in (3, 4), bold=c == 1 and flagged)
                if c == 0:
                    item.setToolTip(value)
                self.summary_table.setItem(r, c, item)
        header = self.summary_table.horizontalHeader()
        for column in range(5):
            # Measured once here: a ResizeToContents mode would re-measure on every cell set.
            self.summary_table.resizeColumnToContents(column)
        # The reason wraps in the remaining width instead of scrolling out of sight.
        header.setSectionResizeMode(5, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.summary_table.resizeRowsToContents()
        self.summary_table.setUpdatesEnabled(True)
        gaps = [
            tr("bundles {seqs} from workstation {ws}").format(
                seqs=", ".join(str(s) for s in g["sequences"]), ws=str(g["workstation"])[:8]
            )
            for g in summary.missing_sequences
        ]
        if gaps:
            self.missing.setText(
                tr("Missing (never arrived, ask the unit to check): {gaps}.").format(
                    gaps="; ".join(gaps)
                )
            )
        self.missing.setVisible(bool(gaps))

    def set_workstations(self, rows: list[dict[str, Any]]) -> None:
        """The registered workstations, for the unit column of the summary."""
        self._workstations = rows
        if self._summary is not None:
            self._show_summary(self._summary)

    def summary_rows(self) -> list[list[str]]:
        """The summary table as text (what the coordinator reads)."""
        table = self.summary_table
        return [
            [text_of(table.item(r, c)) for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
