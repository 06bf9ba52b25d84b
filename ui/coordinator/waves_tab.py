"""The coordinator's survey waves tab (issue 14, item 2): the waves defined here (label, survey,
first and last ISO week, units, state), a form to define one (a bundled survey, a label, the
weeks, every unit or the units known from imported workstations), End wave (its last week
becomes this week), and the signed wave file the unit admins import. Every rule is the core's
(`svdesk.coordinator.waves`); its refusals are shown under the form as it words them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from svdesk.access.session import Session
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator import waves
from svdesk.coordinator.importing import workstations
from svdesk.errors import SvdeskError
from svdesk.exchange import weeks
from svdesk.exchange.wave_file import MAX_LABEL, WAVE_FILE_SUFFIX, Wave
from ui.coordinator.dashboard import WEEK_PATTERN
from ui.coordinator.tables import cell, result_table, tr
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import describe, show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.widgets.answers import when_answered
from ui.widgets.forms import FormMessage, add_row, explanation, named, push_button


def state_text(wave: Wave, this_week: str) -> str:
    """Where the wave stands in `this_week`, in words."""
    if wave.start_week > this_week:
        return tr("Not started")
    if wave.end_week < this_week:
        return tr("Ended")
    return tr("Running")


def units_text(units: tuple[str, ...]) -> str:
    return ", ".join(units) if units else tr("Every unit")


def known_units(rows: list[dict[str, object]]) -> list[str]:
    """The unit codes of the registered workstations, sorted, once each."""
    return sorted({str(r["unit_code"]) for r in rows if r.get("unit_code")})


class WavesTab(QtWidgets.QWidget):
    changed = Signal()  # a wave was defined or ended
    exported = Signal(object)  # Path of the wave file written
    prompt_opened = Signal(object)  # QMessageBox asking to end a wave or replace a file

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wavesTab")
        self._session = session
        self.today: Callable[[], date] = date.today
        self.waves: list[Wave] = []
        self.prompt: QtWidgets.QMessageBox | None = None
        self._op: BackgroundOp | None = None
        self._titles = {
            s.id: s.title for s in bundled_surveys(language=content_language()).values()
        }
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                tr(
                    "A survey wave offers a staff survey at the units' locked workstations from "
                    "its first to its last ISO week. Define it here, export its wave file and "
                    "give the file to each unit admin, who imports it in Settings (Survey "
                    "waves…). Two waves of the same survey may not overlap for a unit."
                )
            )
        )
        table_label = QtWidgets.QLabel(tr("Defined wave&s:"))
        layout.addWidget(table_label)
        self.table = result_table(
            "surveyWaves",
            [
                tr("Label"),
                tr("Survey"),
                tr("First week"),
                tr("Last week"),
                tr("Units"),
                tr("State"),
            ],
            tr("Defined survey waves"),
        )
        table_label.setBuddy(self.table)
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty = QtWidgets.QLabel(tr("No survey wave defined yet."))
        self.empty.setObjectName("noSurveyWaves")
        layout.addWidget(self.empty)
        actions = QtWidgets.QHBoxLayout()
        self.end_button = push_button(tr("End w&ave"), object_name="endWave")
        self.export_button = push_button(tr("E&xport wave file…"), object_name="exportWave")
        actions.addWidget(self.end_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        box = QtWidgets.QGroupBox(tr("Define a wave"))
        form = QtWidgets.QFormLayout(box)
        self.survey = QtWidgets.QComboBox()
        self.survey.setObjectName("waveSurvey")
        for survey_id, title in sorted(self._titles.items(), key=lambda item: item[1]):
            self.survey.addItem(title, survey_id)
        add_row(form, tr("S&urvey:"), self.survey)
        self.label = QtWidgets.QLineEdit()
        self.label.setObjectName("waveLabel")
        self.label.setMaxLength(MAX_LABEL)
        self.label.setPlaceholderText(tr("for example Spring 2027"))
        add_row(form, tr("La&bel:"), self.label)
        self.start_week = QtWidgets.QLineEdit()
        self.start_week.setObjectName("waveStartWeek")
        self.start_week.setMaximumWidth(160)
        self.start_week.setPlaceholderText("2027-W10")
        add_row(form, tr("First wee&k:"), self.start_week)
        self.end_week = QtWidgets.QLineEdit()
        self.end_week.setObjectName("waveEndWeek")
        self.end_week.setMaximumWidth(160)
        self.end_week.setPlaceholderText("2027-W13")
        add_row(form, tr("Last &week:"), self.end_week)
        self.every_unit = QtWidgets.QRadioButton(tr("Every u&nit"))
        self.every_unit.setObjectName("waveEveryUnit")
        self.every_unit.setChecked(True)
        self.some_units = QtWidgets.QRadioButton(tr("Only t&hese units:"))
        self.some_units.setObjectName("waveSomeUnits")
        choice = QtWidgets.QButtonGroup(self)
        choice.addButton(self.every_unit)
        choice.addButton(self.some_units)
        form.addRow(tr("Units:"), self.every_unit)
        form.addRow("", self.some_units)
        self.unit_list = QtWidgets.QListWidget()
        self.unit_list.setObjectName("waveUnits")
        self.unit_list.setMaximumHeight(110)
        named(
            self.unit_list,
            tr("Units of the wave"),
            tr("Space checks or unchecks the unit under the cursor."),
        )
        self.unit_list.setEnabled(False)
        form.addRow("", self.unit_list)
        self.units_note = explanation("")
        self.units_note.setObjectName("waveUnitsNote")
        form.addRow("", self.units_note)
        self.define_button = push_button(tr("De&fine wave"), object_name="defineWave")
        define_row = QtWidgets.QHBoxLayout()
        define_row.addWidget(self.define_button)
        define_row.addStretch(1)
        form.addRow("", define_row)
        layout.addWidget(box)
        self.message = FormMessage()
        layout.addWidget(self.message)

        self.some_units.toggled.connect(self.unit_list.setEnabled)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.define_button.clicked.connect(self.define)
        self.end_button.clicked.connect(self.ask_end)
        self.export_button.clicked.connect(self.choose_export)
        for field in (self.label, self.start_week, self.end_week):
            field.returnPressed.connect(self.define)
        self._show_units([])
        self._selection_changed()

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> BackgroundOp:
        session = self._session
        return BackgroundOp(
            self,
            op=lambda: (waves.list_waves(session), known_units(workstations(session))),
            success=self._show,
            failure=self._failed,
            cancellable=False,
        ).run()

    def _show(self, result: tuple[list[Wave], list[str]]) -> None:
        chosen = self.selected_wave()
        self.waves, units = result
        this_week = weeks.iso_week(self.today())
        self.table.setRowCount(len(self.waves))
        for row, wave in enumerate(self.waves):
            values = (
                wave.label,
                self._titles.get(wave.survey_id, wave.survey_id),
                wave.start_week,
                wave.end_week,
                units_text(wave.units),
                state_text(wave, this_week),
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, cell(text))
        self.table.setVisible(bool(self.waves))
        self.empty.setVisible(not self.waves)
        keep = [i for i, w in enumerate(self.waves) if chosen and w.wave_id == chosen.wave_id]
        if keep:
            self.table.selectRow(keep[0])
        elif self.waves:
            self.table.selectRow(len(self.waves) - 1)
        self._show_units(units)
        self._selection_changed()

    def _show_units(self, units: list[str]) -> None:
        checked = set(self.chosen_units())
        self.unit_list.clear()
        for code in units:
            item = QtWidgets.QListWidgetItem(code)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                QtCore.Qt.CheckState.Checked if code in checked else QtCore.Qt.CheckState.Unchecked
            )
            self.unit_list.addItem(item)
        if units:
            self.unit_list.setCurrentRow(0)
        self.some_units.setEnabled(bool(units))
        if not units:
            self.every_unit.setChecked(True)
        self.unit_list.setVisible(bool(units))
        self.units_note.setText(
            ""
            if units
            else tr(
                "No unit is known yet: units are listed here once their first export is "
                "imported. Until then a wave is for every unit."
            )
        )
        self.units_note.setVisible(not units)

    def chosen_units(self) -> list[str]:
        items = (self.unit_list.item(i) for i in range(self.unit_list.count()))
        return [i.text() for i in items if i.checkState() == QtCore.Qt.CheckState.Checked]

    def selected_wave(self) -> Wave | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.waves):
            return None
        return self.waves[rows[0].row()]

    def _selection_changed(self) -> None:
        wave = self.selected_wave()
        self.export_button.setEnabled(wave is not None)
        this_week = weeks.iso_week(self.today())
        running = wave is not None and wave.start_week <= this_week < wave.end_week
        self.end_button.setEnabled(running)

    # -- defining ------------------------------------------------------------------------------
    def _week(self, field: QtWidgets.QLineEdit, what: str) -> str | None:
        text = field.text().strip().upper()
        if not text:
            self.message.show_message(tr("Give the {what}, like 2027-W10.").format(what=what))
        elif not WEEK_PATTERN.match(text):
            self.message.show_message(
                tr("{text} is not an ISO week; write the {what} like 2027-W10.").format(
                    text=text, what=what
                )
            )
        else:
            return text
        field.setFocus()
        field.selectAll()
        return None

    def define(self) -> BackgroundOp | None:
        if self._op is not None and not self._op.done:
            return None
        survey_id = self.survey.currentData()
        if survey_id is None:
            self.message.show_message(tr("This coordinator has no survey to offer."))
            return None
        if not self.label.text().strip():
            self.message.show_message(tr("Give the wave a label, for example “Spring 2027”."))
            self.label.setFocus()
            return None
        start = self._week(self.start_week, tr("first week"))
        if start is None:
            return None
        end = self._week(self.end_week, tr("last week"))
        if end is None:
            return None
        units: list[str] = []
        if self.some_units.isChecked():
            units = self.chosen_units()
            if not units:
                self.message.show_message(
                    tr("Check at least one unit in the list (Space), or choose Every unit.")
                )
                self.unit_list.setFocus()
                return None
        session, label = self._session, self.label.text()
        self.message.clear_message()
        self.define_button.setEnabled(False)
        self._op = BackgroundOp(
            self,
            op=lambda: waves.define_wave(
                session,
                survey_id=str(survey_id),
                start_week=start,
                end_week=end,
                label=label,
                units=units,
            ),
            success=self._defined,
            failure=self._failed,
            cancellable=False,
        ).run()
        return self._op

    def _defined(self, wave: Wave) -> None:
        self.define_button.setEnabled(True)
        self.label.clear()
        self.message.show_success(
            tr(
                "Defined “{label}”, {start} to {end}. Export its wave file and give it to the "
                "unit admins."
            ).format(label=wave.label, start=wave.start_week, end=wave.end_week)
        )
        self._select_after_refresh(wave.wave_id)
        self.changed.emit()

    def _select_after_refresh(self, wave_id: str) -> None:
        def show(result: tuple[list[Wave], list[str]]) -> None:
            self._show(result)
            for row, wave in enumerate(self.waves):
                if wave.wave_id == wave_id:
                    self.table.selectRow(row)
            self.table.setFocus()

        session = self._session
        BackgroundOp(
            self,
            op=lambda: (waves.list_waves(session), known_units(workstations(session))),
            success=show,
            failure=self._failed,
            cancellable=False,
        ).run()

    def _failed(self, exc: BaseException) -> None:
        self.define_button.setEnabled(True)
        if isinstance(exc, SvdeskError):
            self.message.show_message(describe(exc)[1])
        else:
            show_error(self, exc)

    # -- ending --------------------------------------------------------------------------------
    def _ask(self, text: str, info: str, yes: str, no: str, then: Callable[[], object]) -> None:
        """A question whose default (Enter) and Escape answer is `no`."""
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("wavePrompt")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Survey waves"))
        box.setText(text)
        box.setInformativeText(info)
        accept = box.addButton(yes, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        accept.setObjectName("waveYes")
        keep = box.addButton(no, QtWidgets.QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("waveNo")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(name: str) -> None:
            self.prompt = None
            if name == "waveYes":
                then()
            else:
                self.message.show_progress(tr("Nothing was changed."))

        when_answered(box, answered)
        self.prompt = box
        box.open()
        self.prompt_opened.emit(box)

    def ask_end(self) -> None:
        wave = self.selected_wave()
        if wave is None:
            return
        this_week = weeks.iso_week(self.today())
        self._ask(
            tr("End “{label}” this week ({week})?").format(label=wave.label, week=this_week),
            tr(
                "Its last week becomes {week} instead of {end}. Export its wave file again "
                "afterwards: a unit ends the wave when its admin imports the new file."
            ).format(week=this_week, end=wave.end_week),
            tr("&End the wave"),
            tr("&Keep it running"),
            lambda: self.end(wave.wave_id),
        )

    def end(self, wave_id: str) -> BackgroundOp:
        session, today = self._session, self.today()

        def ended(wave: Wave) -> None:
            self.message.show_success(
                tr(
                    "“{label}” now ends in week {end}. Export its wave file again and give it "
                    "to the unit admins."
                ).format(label=wave.label, end=wave.end_week)
            )
            self._select_after_refresh(wave.wave_id)
            self.changed.emit()

        return BackgroundOp(
            self,
            op=lambda: waves.end_wave(session, wave_id, today=today),
            success=ended,
            failure=self._failed,
            cancellable=False,
        ).run()

    # -- exporting -----------------------------------------------------------------------------
    def choose_export(self) -> QtWidgets.QFileDialog | None:
        wave = self.selected_wave()
        if wave is None:
            self.message.show_message(tr("Choose a wave in the list first."))
            return None
        dialog = QtWidgets.QFileDialog(self, tr("Save the survey wave file"), "")
        dialog.setObjectName("waveSaveDialog")
        dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(WAVE_FILE_SUFFIX.lstrip("."))
        dialog.setNameFilter(tr("Survey wave files (*.svwave);;All files (*)"))
        # This tab asks before replacing a file, in its own words (and the same way in tests).
        dialog.setOption(QtWidgets.QFileDialog.Option.DontConfirmOverwrite, True)
        dialog.selectFile(waves.wave_file_name(wave))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(wave.wave_id, Path(path)))
        dialog.open()
        return dialog

    def export_to(self, wave_id: str, path: Path) -> BackgroundOp | None:
        """Write the wave file to `path`; a file already there is replaced only when the
        coordinator says so (Keep is the default answer)."""
        path = path.expanduser()
        if path.is_file():
            self._ask(
                tr("{path} already exists. Replace it with this wave file?").format(path=path),
                tr("What is in it now is lost. To keep it, choose Keep and give another name."),
                tr("&Replace"),
                tr("&Keep the file"),
                lambda: self._export(wave_id, path, force=True),
            )
            return None
        return self._export(wave_id, path, force=False)

    def _export(self, wave_id: str, path: Path, *, force: bool) -> BackgroundOp:
        session = self._session

        def written(out: Path) -> None:
            wave = next((w for w in self.waves if w.wave_id == wave_id), None)
            self.message.show_success(
                tr(
                    "Saved the wave file of “{label}” to {path}. Give it to each unit admin of "
                    "the wave: they import it in Settings, Survey waves…"
                ).format(label=wave.label if wave else "", path=str(out))
            )
            self.exported.emit(out)

        return BackgroundOp(
            self,
            op=lambda: waves.export_wave_file(session, wave_id, path, force=force),
            success=written,
            failure=self._failed,
            cancellable=False,
        ).run()
