"""Settings: the idle lock timeout (admins), the passphrase-only notice, the language (each
supporter's own; the workstation's for the unlock screen, admins), and about/version."""

from __future__ import annotations

import math

import svdesk
from svdesk.access.session import Session
from svdesk.content.surveys import bundled_surveys
from svdesk.errors import SvdeskError
from svdesk.storage.settings import (
    read_setting,
    read_workstation_language,
    save_setting,
    write_workstation_language,
)
from svdesk.unit import kiosk, retention
from svdesk.unit.context import context_for
from ui.qt import PYSIDE_VERSION, QtCore, QtGui, QtWidgets, Signal
from ui.runtime.autolock import DEFAULT_LOCK_MINUTES
from ui.runtime.errors import show_error
from ui.runtime.language import (
    available_languages,
    content_language,
    current_language,
    language_name,
    save_supporter_choice,
    session_language,
    supporter_choice,
)
from ui.runtime.shortcuts import LOCK_SHORTCUT
from ui.unit.directory_editor import DirectoryDialog, RosterDialog
from ui.unit.pairing import PairingDialog
from ui.unit.program_texts import ProgramTextsDialog
from ui.unit.wave_import import WavesDialog
from ui.widgets.forms import FormMessage, add_row, explanation, push_button

LOCK_MINUTES_KEY = "lock_minutes"
LOCK_MINUTES_RANGE = (1, 60)


def lock_minutes(session: Session) -> float:
    value = read_setting(session.db, LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return DEFAULT_LOCK_MINUTES


class SettingsDialog(QtWidgets.QDialog):
    lock_minutes_changed = Signal(float)
    language_changed = Signal(str)  # the language now chosen for this supporter (saved)

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._session = session
        is_admin = bool(session.supporter.is_admin)
        info = session.workstation.info
        layout = QtWidgets.QVBoxLayout(self)
        # Two columns: one column of every box was taller than a 1366×768 screen (issue 17).
        columns = QtWidgets.QHBoxLayout()
        left, right = QtWidgets.QVBoxLayout(), QtWidgets.QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)

        lock_box = QtWidgets.QGroupBox(self.tr("Lock"))
        lock_form = QtWidgets.QFormLayout(lock_box)
        self.lock_minutes = QtWidgets.QSpinBox()
        self.lock_minutes.setRange(*LOCK_MINUTES_RANGE)
        self.lock_minutes.setSuffix(self.tr(" min"))
        current = lock_minutes(session)
        shown = max(LOCK_MINUTES_RANGE[0], min(LOCK_MINUTES_RANGE[1], math.ceil(current)))
        self.lock_minutes.setValue(shown)
        #: said, not done silently: a saved value outside the range is shown as its nearest end
        self.clamp_notice = (
            self.tr(
                "The saved idle time ({saved:g} min) is outside {low}–{high} min; it is shown "
                "as {shown} min and kept as that when you save."
            ).format(saved=current, low=LOCK_MINUTES_RANGE[0], high=LOCK_MINUTES_RANGE[1],
                     shown=shown)
            if shown != current and abs(shown - current) >= 1
            else ""
        )  # fmt: skip
        self.lock_minutes.setEnabled(is_admin)
        add_row(lock_form, self.tr("Lock after &idle time:"), self.lock_minutes)
        if not is_admin:
            lock_form.addRow(explanation(self.tr("Only an admin can change this.")))
        lock_form.addRow(
            explanation(
                self.tr("From {low} to {high} minutes. {key} locks at once. Locking clears the "
                        "screen.").format(
                    low=LOCK_MINUTES_RANGE[0], high=LOCK_MINUTES_RANGE[1], key=LOCK_SHORTCUT
                )
            )
        )  # fmt: skip
        left.addWidget(lock_box)

        protection = QtWidgets.QGroupBox(self.tr("Protection"))
        protection_layout = QtWidgets.QVBoxLayout(protection)
        if info.passphrase_only:
            text = self.tr(
                "Passphrase-only mode: this store is protected by supporters' passphrases "
                "alone, because this computer's secret store (OS keyring) could not be used. "
                "A copy of the file can be attacked by guessing passphrases; choose long ones."
            )
        else:
            text = self.tr(
                "The store is locked by each supporter's passphrase together with a secret "
                "kept in this computer account's secret store (OS keyring)."
            )
        self.protection_text = explanation(text)
        self.protection_text.setObjectName("protectionText")
        protection_layout.addWidget(self.protection_text)
        left.addWidget(protection)

        if info.role == "unit":
            pairing = QtWidgets.QGroupBox(self.tr("Coordinator"))
            pairing_layout = QtWidgets.QVBoxLayout(pairing)
            self.pairing_button = push_button(
                self.tr("Coordinator &pairing…"), object_name="openPairing"
            )
            self.pairing_button.setAutoDefault(False)  # Return still means Save
            self.pairing_button.setEnabled(is_admin)
            self.pairing_button.clicked.connect(self.open_pairing)
            pairing_layout.addWidget(self.pairing_button)
            right.addWidget(pairing)

            unit_box = QtWidgets.QGroupBox(self.tr("Unit directory"))
            unit_layout = QtWidgets.QVBoxLayout(unit_box)
            self.directory_button = push_button(
                self.tr("Resource &directory…"), object_name="openDirectory"
            )
            self.directory_button.setAutoDefault(False)
            self.directory_button.clicked.connect(self.open_directory)  # read-only if not admin
            self.roster_button = push_button(self.tr("Unit &roster…"), object_name="openRoster")
            self.roster_button.setAutoDefault(False)
            self.roster_button.setEnabled(is_admin)
            self.roster_button.clicked.connect(self.open_roster)
            # The confidentiality statement and other program texts (admins edit, all read).
            self.program_texts_button = push_button(
                self.tr("Program te&xts…"), object_name="openProgramTexts"
            )
            self.program_texts_button.setAutoDefault(False)
            self.program_texts_button.clicked.connect(self.open_program_texts)
            unit_layout.addWidget(self.directory_button)
            unit_layout.addWidget(self.roster_button)
            unit_layout.addWidget(self.program_texts_button)
            right.addWidget(unit_box)
            right.addWidget(self._retention_box(session, is_admin))
            left.addWidget(self._kiosk_box(session, is_admin))
        right.addWidget(self._language_box(session, is_admin))

        about = QtWidgets.QGroupBox(self.tr("About"))
        about_form = QtWidgets.QFormLayout(about)
        about_form.addRow(self.tr("Version:"), QtWidgets.QLabel(f"svdesk {svdesk.__version__}"))
        about_form.addRow(
            self.tr("Qt:"), QtWidgets.QLabel(f"Qt {QtCore.qVersion()}, PySide6 {PYSIDE_VERSION}")
        )
        role = self.tr("coordinator") if info.role == "coordinator" else self.tr("unit")
        codes = " / ".join(c for c in (info.site_code, info.unit_code) if c)
        about_form.addRow(self.tr("This store:"), QtWidgets.QLabel(f"{role} {codes}".strip()))
        left.addWidget(about)
        left.addStretch(1)
        right.addStretch(1)

        self.message = FormMessage()
        layout.addWidget(self.message)
        if self.clamp_notice:
            self.message.show_message(self.clamp_notice)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        save.setAccessibleName(self.tr("Save"))
        save.setDefault(True)
        save.setEnabled(is_admin)
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.lock_minutes.setFocus()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        # A window opens at most 2/3 of the screen high and does not ask its layout how high
        # the wrapped explanations are at its width: without this they open squashed.
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.heightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
        super().showEvent(event)

    def _retention_box(self, session: Session, is_admin: bool) -> QtWidgets.QGroupBox:
        """The retention policy in words; admins change the number of days."""
        box = QtWidgets.QGroupBox(self.tr("Case records"))
        form = QtWidgets.QFormLayout(box)
        self.retention_days = QtWidgets.QSpinBox()
        self.retention_days.setObjectName("retentionDays")
        self.retention_days.setRange(*retention.DAYS_RANGE)
        self.retention_days.setSuffix(self.tr(" days"))
        self._saved_retention = retention.retention_days(session)
        self.retention_days.setValue(self._saved_retention)
        self.retention_days.setEnabled(is_admin)
        self.retention_text = explanation("")
        self.retention_text.setObjectName("retentionText")
        form.addRow(self.retention_text)
        add_row(form, self.tr("Delete case records a&fter:"), self.retention_days)
        if not is_admin:
            form.addRow(explanation(self.tr("Only an admin can change this.")))
        self.retention_days.valueChanged.connect(self._show_retention)
        self._show_retention(self._saved_retention)
        return box

    def _language_box(self, session: Session, is_admin: bool) -> QtWidgets.QGroupBox:
        """The supporter's own language, and (admins) the workstation's: the unlock screen's and
        that of everyone who has not chosen one. Both apply when Save is pressed."""
        box = QtWidgets.QGroupBox(self.tr("Language"))
        form = QtWidgets.QFormLayout(box)
        languages = available_languages()
        workstation = read_workstation_language(session.workstation.home)
        self.my_language = QtWidgets.QComboBox()
        self.my_language.setObjectName("myLanguage")
        self.my_language.addItem(self.tr("As this workstation"), None)
        self.workstation_language = QtWidgets.QComboBox()
        self.workstation_language.setObjectName("workstationLanguage")
        self.workstation_language.addItem(self.tr("As this computer's system"), None)
        for code in languages:
            self.my_language.addItem(language_name(code), code)
            self.workstation_language.addItem(language_name(code), code)
        own = supporter_choice(session, session.supporter.id)
        self.my_language.setCurrentIndex(max(0, self.my_language.findData(own)))
        shown = self.workstation_language.findData(workstation)
        self.workstation_language.setCurrentIndex(max(0, shown))
        self._saved_languages = (
            self.my_language.currentData(),
            self.workstation_language.currentData(),
        )
        add_row(form, self.tr("&My language:"), self.my_language)
        add_row(form, self.tr("&Workstation and unlock screen:"), self.workstation_language)
        self.workstation_language.setEnabled(is_admin)
        if not is_admin:
            form.addRow(explanation(self.tr("Only an admin can change this.")))
        return box

    def _save_languages(self) -> None:
        """Store the choices that changed (the supporter's in the store, the workstation's
        beside it); the interface itself switches when the dialog has closed."""
        mine, workstation = self.my_language.currentData(), self.workstation_language.currentData()
        if mine != self._saved_languages[0]:
            save_supporter_choice(self._session, self._session.supporter.id, mine)
        if workstation != self._saved_languages[1] and self.workstation_language.isEnabled():
            write_workstation_language(self._session.workstation.home, workstation)
        self._saved_languages = (mine, workstation)

    def _kiosk_box(self, session: Session, is_admin: bool) -> QtWidgets.QGroupBox:
        """Which survey staff can take at this workstation while it is locked (issue 14)."""
        box = QtWidgets.QGroupBox(self.tr("Staff survey"))
        form = QtWidgets.QFormLayout(box)
        self.kiosk_survey = QtWidgets.QComboBox()
        self.kiosk_survey.setObjectName("kioskSurvey")
        self.kiosk_survey.addItem(self.tr("None offered"), None)
        for survey in sorted(
            bundled_surveys(language=content_language()).values(), key=lambda s: s.title
        ):
            self.kiosk_survey.addItem(survey.title, survey.id)
        self._saved_kiosk_survey = kiosk.chosen_survey(session)
        found = self.kiosk_survey.findData(self._saved_kiosk_survey)
        self.kiosk_survey.setCurrentIndex(found if self._saved_kiosk_survey and found > 0 else 0)
        self.kiosk_survey.setEnabled(is_admin)
        add_row(form, self.tr("Staff s&urvey:"), self.kiosk_survey)
        form.addRow(
            explanation(
                self.tr("Staff answer it anonymously from the locked screen (Staff survey…); "
                        "each unlock adds the answers to the store, by week only.")
            )
        )  # fmt: skip
        self.waves_button = push_button(self.tr("Survey wa&ves…"), object_name="openSurveyWaves")
        self.waves_button.setAutoDefault(False)  # Return still means Save
        self.waves_button.clicked.connect(self.open_survey_waves)
        form.addRow(self.waves_button)
        return box

    def open_survey_waves(self) -> WavesDialog:
        """The unit's survey waves; an import makes the wave's survey the kiosk's (as shown)."""
        dialog = WavesDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._kiosk_survey_chosen)
        dialog.open()
        return dialog

    def _kiosk_survey_chosen(self, survey_id: str) -> None:
        self._saved_kiosk_survey = survey_id
        self.kiosk_survey.setCurrentIndex(max(0, self.kiosk_survey.findData(survey_id)))

    def _save_kiosk_survey(self) -> None:
        survey = self.kiosk_survey.currentData() if hasattr(self, "kiosk_survey") else None
        if hasattr(self, "kiosk_survey") and survey != self._saved_kiosk_survey:
            kiosk.choose_survey(self._session, survey)
            self._saved_kiosk_survey = survey

    def _show_retention(self, days: int) -> None:
        text = self.tr(
            "Case records are deleted %n day(s) after they were exported and the case closed. "
            "Open cases and records not yet exported are kept.",
            "",
            days,
        )
        self.retention_text.setText(text)
        self.retention_text.setAccessibleName(text)

    def open_pairing(self) -> PairingDialog:
        dialog = PairingDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_directory(self) -> DirectoryDialog:
        dialog = DirectoryDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_program_texts(self) -> ProgramTextsDialog:
        dialog = ProgramTextsDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_roster(self) -> RosterDialog:
        dialog = RosterDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save(self) -> None:
        minutes = self.lock_minutes.value()
        days = self.retention_days.value() if hasattr(self, "retention_days") else None
        try:
            if days is not None and days != self._saved_retention:
                retention.set_retention_days(context_for(self._session), days)
                self._saved_retention = days
            save_setting(self._session, LOCK_MINUTES_KEY, minutes)
            self._save_kiosk_survey()
            self._save_languages()
        except SvdeskError as exc:
            self.message.show_message(exc.message)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.lock_minutes_changed.emit(float(minutes))
        self.accept()
        language = session_language(self._session)
        if language != current_language():
            self.language_changed.emit(language)  # the main window rebuilds its page in it
