"""The coordinator's reports tab: format, ISO-week period, target and suppression threshold;
the report is written on the worker. A target inside the data folder or not a regular file is
refused, and one that exists is replaced only when the coordinator says so (issue 18, 1b)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

from svdesk.access.session import Session
from svdesk.coordinator import reports
from svdesk.coordinator.report_texts import report_languages
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD
from svdesk.errors import SvdeskError, WriteFailed
from svdesk.progress import Progress
from svdesk.storage.outputs import check_output_file, check_output_folder, files_to_replace
from ui.coordinator.dashboard import WEEK_PATTERN
from ui.coordinator.report_pdf import write_pdf_report
from ui.coordinator.tables import tr
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language, language_name
from ui.runtime.ops import BackgroundOp
from ui.widgets.answers import when_answered
from ui.widgets.forms import FormMessage, add_row, explanation, named, push_button

# The labels of the core's formats (`reports.REPORT_FORMATS` gives the codes and their order,
# `reports.FILE_SUFFIXES` the suffix of those that write one file; a test ties the keys).
FORMAT_LABELS = {
    "pdf": "PDF for leadership",
    "csv": "CSV tables",
    "xlsx": "Excel workbook (XLSX)",
    "redcap": "REDCap data dictionary and import file (a folder)",
}


class ReportsTab(QtWidgets.QWidget):
    written = Signal(object)  # list[Path]
    replace_prompt_opened = Signal(object)  # QMessageBox asking "Replace the existing file?"

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self._session = session
        self._op: BackgroundOp | None = None
        self.last_paths: list[Path] = []
        self.replace_prompt: QtWidgets.QMessageBox | None = None
        # A file the save dialog returned: that dialog asked before offering an existing one.
        self._confirmed_out: Path | None = None
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                tr(
                    "Reports leave the coordinator: they carry no case codes and no supporter "
                    "ids, and counts from 1 to the threshold minus one are shown as “<11” (with "
                    "more cells hidden where a total would give them away)."
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.format = QtWidgets.QComboBox()
        self.format.setObjectName("reportFormat")
        for code in reports.REPORT_FORMATS:
            self.format.addItem(tr(FORMAT_LABELS[code]), code)
        add_row(form, tr("&Format:"), self.format)
        self.language = QtWidgets.QComboBox()
        self.language.setObjectName("reportLanguage")
        for code in report_languages():
            self.language.addItem(language_name(code), code)
        # The coordinator's own interface language, when reports are written in it.
        own = self.language.findData(content_language())
        self.language.setCurrentIndex(max(own, 0))
        self.language.setAccessibleDescription(
            tr("The language of the report's headings and labels; codes are the same in all.")
        )
        add_row(form, tr("Report lan&guage:"), self.language)
        self.period_from = QtWidgets.QLineEdit()
        self.period_from.setObjectName("reportFrom")
        self.period_from.setPlaceholderText("2026-W01")
        add_row(form, tr("From wee&k:"), self.period_from)
        self.period_to = QtWidgets.QLineEdit()
        self.period_to.setObjectName("reportTo")
        self.period_to.setPlaceholderText("2026-W52")
        add_row(form, tr("&Until week:"), self.period_to)
        out_row = QtWidgets.QHBoxLayout()
        out_row.setContentsMargins(0, 0, 0, 0)
        self.out_path = QtWidgets.QLineEdit()
        self.out_path.setObjectName("reportOut")
        out_row.addWidget(self.out_path, 1)
        self.browse_button = push_button(tr("Bro&wse…"), name=tr("Choose where to save"))
        out_row.addWidget(self.browse_button)
        holder = QtWidgets.QWidget()
        holder.setLayout(out_row)
        label = add_row(form, tr("&Save to:"), holder)
        label.setBuddy(self.out_path)
        self.out_path.setAccessibleName(tr("Save to"))
        self.threshold = QtWidgets.QSpinBox()
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(MINIMUM_THRESHOLD, 1000)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setAccessibleDescription(
            tr("Counts below this number are hidden; the minimum is {n}.").format(
                n=MINIMUM_THRESHOLD
            )
        )
        add_row(form, tr("Hide counts &below:"), self.threshold)
        layout.addLayout(form)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        self.write_button = push_button(tr("Write report &now"), object_name="writeReport")
        row.addWidget(self.write_button)
        layout.addLayout(row)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("reportProgress")
        named(self.progress, tr("Report progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("reportStatus")
        named(self.status, tr("Report status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.message = FormMessage()
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.browse_button.clicked.connect(self.choose_out)
        self.write_button.clicked.connect(self.start_report)
        BackgroundOp(
            self,
            op=lambda: reports.saved_threshold(session),
            success=self.threshold.setValue,
            cancellable=False,
        ).run()
        self.format.currentIndexChanged.connect(self._format_changed)

    def _format_changed(self) -> None:
        text = self.out_path.text().strip()
        fmt = str(self.format.currentData())
        if text and fmt in reports.FILE_SUFFIXES:
            self.out_path.setText(str(Path(text).with_suffix(reports.FILE_SUFFIXES[fmt])))

    def choose_out(self) -> QtWidgets.QFileDialog:
        fmt = str(self.format.currentData())
        dialog = QtWidgets.QFileDialog(self, tr("Save the report"), self.out_path.text())
        dialog.setObjectName("reportSaveDialog")
        if fmt in reports.FILE_SUFFIXES:
            dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(reports.FILE_SUFFIXES[fmt].lstrip("."))
        else:  # a folder (redcap)
            dialog.setFileMode(QtWidgets.QFileDialog.FileMode.Directory)
            dialog.setOption(QtWidgets.QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self._chosen(path, fmt))
        dialog.open()
        return dialog

    def _chosen(self, path: str, fmt: str) -> None:
        self.out_path.setText(path)
        # A save dialog asks before it returns a file that exists; a folder dialog (redcap) does
        # not ask about the files inside.
        self._confirmed_out = Path(path).expanduser() if fmt in reports.FILE_SUFFIXES else None

    def _week(self, field: QtWidgets.QLineEdit) -> str | None:
        text = field.text().strip().upper()
        if text and not WEEK_PATTERN.match(text):
            raise ValueError(tr("{t} is not an ISO week; write it like 2026-W05.").format(t=text))
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
            self.message.show_message(tr("The period starts after it ends; swap the weeks."))
            return None
        text = self.out_path.text().strip()
        if not text:
            self.message.show_message(tr("Choose where to save the report."))
            self.out_path.setFocus()
            return None
        self.message.clear_message()
        fmt = str(self.format.currentData())
        out = Path(text).expanduser()
        home = self._session.workstation.home
        try:  # never over the store or its keys, nor a device or FIFO (issue 18, item 1b)
            if fmt == "redcap":
                check_output_folder(out, home, what="report")
            existing = files_to_replace(reports.report_files(fmt, out), home, what="report")
        except SvdeskError as exc:
            self.message.show_message(tr(exc.message))
            self.out_path.setFocus()
            return None
        if existing and out != self._confirmed_out:
            self.ask_replace(out, existing, lambda: self._write(fmt, out, period_from, period_to))
            return None
        return self._write(fmt, out, period_from, period_to)

    def ask_replace(
        self, out: Path, existing: list[Path], write: Callable[[], object]
    ) -> QtWidgets.QMessageBox:
        """Ask before the report to `out` replaces the `existing` files; Keep is the default
        answer (Enter) and the Escape one, Replace a deliberate key (R)."""
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("replaceReport")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Replace the existing file?"))
        if existing == [out]:
            box.setText(tr("{path} already exists. Replace it with this report?").format(path=out))
        else:  # files in a report's folder (redcap)
            box.setText(
                tr("{folder} already holds {names}. Replace them with this report?").format(
                    folder=existing[0].parent, names=", ".join(p.name for p in existing)
                )
            )
        box.setInformativeText(
            tr("What is in it now is lost. To keep it, choose Keep and give another name.")
        )
        replace = box.addButton(tr("&Replace"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        replace.setObjectName("replaceReportFile")
        keep = box.addButton(tr("&Keep the file"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepReportFile")
        box.setDefaultButton(keep)  # replacing must be a deliberate choice
        box.setEscapeButton(keep)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        when_answered(box, lambda name: self._replace_answered(name == "replaceReportFile", write))
        self.replace_prompt = box
        box.open()
        self.replace_prompt_opened.emit(box)
        return box

    def _replace_answered(self, replace: bool, write: Callable[[], object]) -> None:
        self.replace_prompt = None
        if replace:
            write()
            return
        self.message.show_progress(tr("Nothing was written; give the report another name."))
        self.out_path.setFocus()
        self.out_path.selectAll()

    def _write(
        self, fmt: str, out: Path, period_from: str | None, period_to: str | None
    ) -> BackgroundOp:
        """Write the report on the worker (its target was checked and, if need be, confirmed)."""
        self._confirmed_out = None  # confirmed once, for this report
        threshold = self.threshold.value()
        language = str(self.language.currentData())
        session = self._session
        self.write_button.setEnabled(False)
        self.progress.setRange(0, 2)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(tr("Writing the report…"))

        def write() -> Generator[Progress, None, list[Path]]:
            # Again at the time of writing: what was there may have changed while asking.
            for path in reports.report_files(fmt, out):
                check_output_file(path, session.workstation.home, force=True, what="report")
            return reports.write_report(
                session,
                fmt,
                out,
                period_from=period_from,
                period_to=period_to,
                threshold=threshold,
                pdf_writer=write_pdf_report,
                language=language,
            )

        self._op = BackgroundOp(
            self,
            op=write,
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
        text = tr("Report written: {paths}").format(paths=", ".join(str(p) for p in paths))
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.written.emit(list(paths))

    def _failed(self, exc: BaseException) -> None:
        self.write_button.setEnabled(True)
        self.progress.hide()
        self.status.setText("")
        if isinstance(exc, WriteFailed | SvdeskError):
            self.message.show_message(tr(exc.message))
        else:
            show_error(self, exc)
