"""The unit's survey waves (issue 14, item 2), opened in Settings (Survey waves…): the waves this
unit holds, and (unit admins) Import survey wave… for the signed file the coordinator exported.
What was imported is said in words (survey, weeks); a refused file shows the core's reason and
what to do, and nothing is kept then (`svdesk.unit.waves`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from svdesk.access.session import Session
from svdesk.content.surveys import bundled_surveys
from svdesk.errors import SvdeskError
from svdesk.exchange import weeks
from svdesk.exchange.wave_file import Wave
from svdesk.unit import waves
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import describe, show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, explanation, named, push_button


class WavesDialog(QtWidgets.QDialog):
    """`imported(str)` carries the survey id the kiosk offers from now on."""

    imported = Signal(str)
    file_dialog_opened = Signal(object)  # the QFileDialog asking for the wave file

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyWavesDialog")
        self.setWindowTitle(self.tr("Survey waves"))
        self.resize(720, 440)
        self._session = session
        self.today: Callable[[], date] = date.today
        self.waves: list[Wave] = []
        self.last: waves.Imported | None = None
        self._titles = {
            s.id: s.title for s in bundled_surveys(language=content_language()).values()
        }
        is_admin = bool(session.supporter.is_admin)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "The coordinator defines survey waves and gives the unit admin a wave file. "
                    "Once a wave is imported, the locked workstation offers its staff survey in "
                    "the wave's weeks only."
                )
            )
        )
        table_label = QtWidgets.QLabel(self.tr("&Waves of this unit:"))
        layout.addWidget(table_label)
        self.table = QtWidgets.QTableWidget(0, 5)
        self.table.setObjectName("unitSurveyWaves")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Label"),
                self.tr("Survey"),
                self.tr("First week"),
                self.tr("Last week"),
                self.tr("State"),
            ]
        )
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(4):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        named(self.table, self.tr("Survey waves of this unit"))
        table_label.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        self.empty = QtWidgets.QLabel(
            self.tr(
                "No survey wave imported: the staff survey chosen in Settings is offered every "
                "week."
            )
        )
        self.empty.setObjectName("noUnitSurveyWaves")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        row = QtWidgets.QHBoxLayout()
        self.import_button = push_button(
            self.tr("&Import survey wave…"), object_name="importSurveyWave"
        )
        self.import_button.setAutoDefault(False)
        self.import_button.setEnabled(is_admin)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        if not is_admin:
            layout.addWidget(explanation(self.tr("Only a unit admin can import a survey wave.")))
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.import_button.clicked.connect(self.choose_file)
        (self.import_button if is_admin else self.table).setFocus()
        self.refresh()

    # -- the list ------------------------------------------------------------------------------
    def refresh(self) -> BackgroundOp:
        session = self._session
        return BackgroundOp(
            self,
            op=lambda: waves.unit_waves(session),
            success=self._show,
            failure=self._failed,
            cancellable=False,
        ).run()

    def state_text(self, wave: Wave) -> str:
        this_week = weeks.iso_week(self.today())
        if wave.start_week > this_week:
            return self.tr("Not started")
        if wave.end_week < this_week:
            return self.tr("Ended")
        return self.tr("Running")

    def survey_title(self, wave: Wave) -> str:
        return self._titles.get(wave.survey_id, wave.survey_id)

    def _show(self, held: list[Wave]) -> None:
        self.waves = held
        self.table.setRowCount(len(held))
        for row, wave in enumerate(held):
            values = (
                wave.label,
                self.survey_title(wave),
                wave.start_week,
                wave.end_week,
                self.state_text(wave),
            )
            for column, text in enumerate(values):
                item = QtWidgets.QTableWidgetItem(text)
                item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(held))
        self.empty.setVisible(not held)
        if held:
            self.table.selectRow(len(held) - 1)

    def rows(self) -> list[tuple[str, ...]]:
        """The table's texts, row by row (what the admin reads)."""
        table = self.table
        return [
            tuple((table.item(r, c) or QtWidgets.QTableWidgetItem()).text() for c in range(5))
            for r in range(table.rowCount())
        ]

    # -- importing -----------------------------------------------------------------------------
    def choose_file(self) -> QtWidgets.QFileDialog:
        dialog = QtWidgets.QFileDialog(self, self.tr("Choose the survey wave file"), "")
        dialog.setObjectName("waveOpenDialog")
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Survey wave files (*.svwave);;All files (*)"))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.import_path(Path(path)))
        dialog.open()
        self.file_dialog_opened.emit(dialog)
        return dialog

    def import_path(self, path: Path) -> BackgroundOp:
        session, today = self._session, self.today()
        self.import_button.setEnabled(False)
        self.message.show_progress(self.tr("Checking the survey wave file…"))
        return BackgroundOp(
            self,
            op=lambda: waves.import_wave(session, waves.read_wave_path(path), today=today),
            success=self._imported,
            failure=self._failed,
            cancellable=False,
        ).run()

    def outcome_text(self, result: waves.Imported) -> str:
        wave = result.wave
        fields = {
            "label": wave.label,
            "survey": self.survey_title(wave),
            "start": wave.start_week,
            "end": wave.end_week,
        }
        if result.outcome == "unchanged":
            return self.tr(
                "“{label}” was imported already ({survey}, week {start} to week {end}); "
                "nothing changed."
            ).format(**fields)
        if result.outcome == "replaced":
            return self.tr(
                "Updated “{label}”: the staff survey “{survey}” now runs from week {start} to "
                "week {end}."
            ).format(**fields)
        return self.tr(
            "Imported “{label}”: the locked workstation offers the staff survey “{survey}” from "
            "week {start} to week {end}."
        ).format(**fields)

    def _imported(self, result: waves.Imported) -> None:
        self.last = result
        self.import_button.setEnabled(True)
        self.message.show_success(self.outcome_text(result))
        self.refresh()
        if result.outcome != "unchanged":
            self.imported.emit(result.wave.survey_id)

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(bool(self._session.supporter.is_admin))
        if isinstance(exc, SvdeskError):
            self.message.show_message(describe(exc)[1])
            self.import_button.setFocus()
        else:
            self.message.clear_message()
            show_error(self, exc)
