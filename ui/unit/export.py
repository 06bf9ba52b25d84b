"""Export for the coordinator (unit side): choose a folder or USB drive, write the next signed,
encrypted bundle in the background with progress and cancel, and list the exports made so far.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from svdesk.access.session import Session
from svdesk.errors import SvdeskError, WriteFailed
from svdesk.progress import Progress
from svdesk.storage.settings import read_setting, save_setting
from svdesk.unit import export
from svdesk.unit.export import ExportResult
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, add_row, explanation, named, push_button

LAST_FOLDER_KEY = "export.last_folder"


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("ExportDialog", text)


def write_failure_text(exc: WriteFailed) -> str:
    """What to tell the user when the target cannot take the bundle (full, read-only, gone)."""
    cause = exc.__cause__
    code = cause.errno if isinstance(cause, OSError) else None
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        head = _tr("The drive is full.")
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        head = _tr("This folder or drive is read-only (or you may not write there).")
    elif code in (errno.ENOENT, errno.ENODEV, errno.EIO):
        head = _tr("The folder or drive is no longer available.")
    else:
        head = _tr("The bundle could not be written.")
    return _tr("{head} Nothing was marked as exported. {detail}").format(
        head=head, detail=_tr(exc.message)
    )


def _folder_dialog(
    parent: QtWidgets.QWidget, start: str, on_chosen: Callable[[str], None]
) -> QtWidgets.QFileDialog:
    """A window-modal folder chooser (keyboard usable; works offscreen for tests)."""
    dialog = QtWidgets.QFileDialog(
        parent, _tr("Choose the folder or USB drive for the export"), start
    )
    dialog.setObjectName("exportFolderDialog")
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.Directory)
    dialog.setOption(QtWidgets.QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptOpen)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(on_chosen)
    dialog.open()
    return dialog


class ExportDialog(QtWidgets.QDialog):
    """One action writes the next bundle; the history shows every export of this workstation."""

    exported = Signal(object)  # ExportResult

    HISTORY_COLUMNS = ("Bundle", "Written (UTC)", "Records", "File")

    def __init__(
        self,
        session: Session,
        parent: QtWidgets.QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export for the coordinator"))
        self.resize(720, 520)
        self._session = session
        self._op: BackgroundOp | None = None
        # The core export (a seam: tests hold it between progress steps to test cancelling).
        self.export_operation: Callable[[Session, Path], Generator[Progress, None, ExportResult]]
        self.export_operation = export.export_bundle
        self.last_result: ExportResult | None = None
        layout = QtWidgets.QVBoxLayout(self)

        layout.addWidget(
            explanation(
                self.tr(
                    "Writes the records not yet exported into one encrypted, signed file that "
                    "only your coordinator can open. Notes never leave this workstation. Take "
                    "the file to the coordinator on a USB drive or a shared folder."
                )
            )
        )
        self.pairing_status = QtWidgets.QLabel(self.tr("Checking the pairing…"))
        self.pairing_status.setObjectName("pairingStatus")
        named(self.pairing_status, self.tr("Pairing"))
        self.pairing_status.setWordWrap(True)
        self.pairing_status.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout.addWidget(self.pairing_status)
        self.pending = QtWidgets.QLabel("")
        self.pending.setObjectName("pendingCount")
        layout.addWidget(self.pending)

        form = QtWidgets.QFormLayout()
        row = QtWidgets.QHBoxLayout()
        self.folder = QtWidgets.QLineEdit(str(folder) if folder is not None else "")
        self.folder.setObjectName("exportFolder")
        self.folder.setPlaceholderText(self.tr("A folder or USB drive"))
        row.addWidget(self.folder, 1)
        self.choose_button = push_button(self.tr("C&hoose…"), name=self.tr("Choose folder"))
        self.choose_button.setObjectName("chooseFolder")
        row.addWidget(self.choose_button)
        holder = QtWidgets.QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        label = add_row(form, self.tr("Export &to:"), holder)
        label.setBuddy(self.folder)
        self.folder.setAccessibleName(self.tr("Export to folder"))
        layout.addLayout(form)

        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 4)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        named(self.progress, self.tr("Export progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("exportStatus")
        named(self.status, self.tr("Export status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.message = FormMessage()
        layout.addWidget(self.message)

        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = push_button(self.tr("&Export now"), object_name="exportNow")
        self.export_button.setDefault(True)
        self.export_button.setEnabled(False)  # until the pairing has been read
        self.cancel_button = push_button(self.tr("&Cancel export"), object_name="cancelExport")
        self.cancel_button.setEnabled(False)
        self.close_button = push_button(self.tr("C&lose"), object_name="closeExport")
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        history_box = QtWidgets.QGroupBox(self.tr("Exports from this workstation"))
        history_layout = QtWidgets.QVBoxLayout(history_box)
        self.history = QtWidgets.QTableWidget(0, len(self.HISTORY_COLUMNS))
        self.history.setObjectName("exportHistory")
        self.history.setHorizontalHeaderLabels([self.tr(c) for c in self.HISTORY_COLUMNS])
        self.history.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(
            3, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.history.setTabKeyNavigation(False)
        named(self.history, self.tr("Export history"))
        history_layout.addWidget(self.history)
        layout.addWidget(history_box, 1)

        self.choose_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        self.folder.setFocus()
        self.refresh()

    # -- state --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._op is not None and not self._op.done

    def refresh(self) -> None:
        """Reload pairing, pending count and history (on the worker: the store is shared)."""
        session = self._session

        def read() -> dict[str, Any]:
            card = export.paired_card(session)
            return {
                "card": None if card is None else card.fingerprint,
                "mine": export.workstation_fingerprint(session),
                "pending": export.pending_count(session),
                "history": export.export_history(session),
                "last_folder": read_setting(session.db, LAST_FOLDER_KEY),
            }

        BackgroundOp(self, op=read, success=self._show_state, cancellable=False).run()

    def _show_state(self, state: dict[str, Any]) -> None:
        if state["card"] is None:
            self.pairing_status.setText(
                self.tr(
                    "This workstation is not paired with a coordinator yet. A unit admin "
                    "imports the coordinator card in Settings → Coordinator pairing."
                )
            )
            self.export_button.setEnabled(False)
        else:
            self.pairing_status.setText(
                self.tr(
                    "Exports are encrypted for the coordinator {coordinator}. This "
                    "workstation signs them as {mine}."
                ).format(coordinator=state["card"], mine=state["mine"])
            )
            self.export_button.setEnabled(not self.running)
        self.pairing_status.setAccessibleName(self.pairing_status.text())
        last = state.get("last_folder")
        if isinstance(last, str) and last and not self.folder.text().strip():
            self.folder.setText(last)  # where the previous export went (often the USB drive)
        pending = int(state["pending"])
        self.pending.setText(
            self.tr("%n record(s) are waiting to be exported.", "", pending)
            if pending
            else self.tr("Everything has been exported; a new export would be empty.")
        )
        rows: list[dict[str, Any]] = state["history"]
        self.history.setRowCount(len(rows))
        for r, item in enumerate(rows):
            written = str(item["created_at"])[:16].replace("T", " ")
            values = (str(item["sequence"]), written, str(item["records"]), str(item["file_name"]))
            for c, value in enumerate(values):
                cell = QtWidgets.QTableWidgetItem(value)
                if c in (0, 2):
                    cell.setTextAlignment(
                        QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
                    )
                self.history.setItem(r, c, cell)
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(
            3, QtWidgets.QHeaderView.ResizeMode.Stretch
        )

    # -- actions -------------------------------------------------------------------------------
    def choose_folder(self) -> QtWidgets.QFileDialog:
        return _folder_dialog(self, self.folder.text(), self.folder.setText)

    def start_export(self) -> BackgroundOp | None:
        if self.running:
            return None
        text = self.folder.text().strip()
        if not text:
            self.message.show_message(self.tr("Choose a folder or USB drive to export to."))
            self.folder.setFocus()
            return None
        folder = Path(text).expanduser()
        session = self._session
        operation = self.export_operation
        self.message.show_message("")
        self.status.setText(self.tr("Starting the export…"))
        self.progress.setValue(0)
        self.progress.show()
        self.export_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.folder.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()
        self._op = BackgroundOp(
            self,
            op=lambda: operation(session, folder),
            success=self._exported,
            failure=self._failed,
            progress=self._progressed,
            cancelled=self._cancelled,
        ).run()
        return self._op

    def cancel_export(self) -> None:
        if self._op is not None and self._op.cancel():
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _progressed(self, item: object) -> None:
        if isinstance(item, Progress):
            self.progress.setRange(0, max(1, item.total))
            self.progress.setValue(item.done)
            self.status.setText(self.tr(item.message))

    def _idle(self) -> None:
        self.cancel_button.setEnabled(False)
        self.choose_button.setEnabled(True)
        self.folder.setEnabled(True)
        self.export_button.setEnabled(True)
        self.export_button.setFocus()

    def _exported(self, result: ExportResult) -> None:
        self.last_result = result
        self._idle()
        self.progress.setValue(self.progress.maximum())
        text = self.tr(
            "Exported bundle {sequence} with %n record(s) to {path}.", "", result.records
        ).format(sequence=result.sequence, path=str(result.path))
        if result.remaining:
            text += " " + self.tr(
                "%n record(s) are left for the next export.", "", result.remaining
            )
        check = result.reidentification
        if check is not None and check.smallest_group is not None:
            text += " " + self.tr(
                "Re-identification check: the smallest group of records sharing unit, role, "
                "week and kind of event has {n}."
            ).format(n=check.smallest_group)
            if check.warning:
                text += " ⚠ " + self.tr(check.warning)
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.exported.emit(result)
        session, folder = self._session, str(result.path.parent)
        BackgroundOp(
            self,
            op=lambda: save_setting(session, LAST_FOLDER_KEY, folder),
            success=lambda _: self.refresh(),
            cancellable=False,
        ).run()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self.progress.hide()
        self.status.setText("")
        if isinstance(exc, WriteFailed):
            self.message.show_message(write_failure_text(exc))
            self.folder.setFocus()
        elif isinstance(exc, SvdeskError):
            self.message.show_message(self.tr(exc.message))
        else:
            show_error(self, exc)
        self.refresh()

    def _cancelled(self) -> None:
        self._idle()
        self.progress.hide()
        self.status.setText(self.tr("Export cancelled; nothing was written or marked."))

    def reject(self) -> None:
        if self.running:
            # Closing mid-export cancels it (the core writes nothing after a cancel).
            self.cancel_export()
        super().reject()
