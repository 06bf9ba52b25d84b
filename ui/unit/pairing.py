"""Pairing with the coordinator (unit admin): import the coordinator card, compare its fingerprint
aloud with the coordinator, confirm; show this workstation's own fingerprint for the coordinator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svdesk.access.session import Session
from svdesk.errors import InvalidInput, SvdeskError
from svdesk.exchange import card
from svdesk.storage.inputs import read_regular_file
from svdesk.unit import export
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, add_row, explanation, push_button

CARD_FILTER = "Coordinator card (*.json *.svdcard *.card);;All files (*)"


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("Pairing", text)


def aloud(fingerprint: str) -> str:
    """A fingerprint laid out for reading aloud: two lines of four groups of four characters."""
    groups = [g for g in fingerprint.replace(" ", "-").split("-") if g]
    if len(groups) <= 4:
        return " ".join(groups)
    half = (len(groups) + 1) // 2
    return " ".join(groups[:half]) + "\n" + " ".join(groups[half:])


def spelled(fingerprint: str) -> str:
    """The fingerprint for a screen reader: each character separately, groups by commas."""
    groups = [g for g in fingerprint.replace(" ", "-").split("-") if g]
    return ", ".join(" ".join(group) for group in groups)


def fingerprint_label(object_name: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel("")
    label.setObjectName(object_name)
    font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.5)
    font.setWeight(QtGui.QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return label


def set_fingerprint(label: QtWidgets.QLabel, fingerprint: str | None, empty: str) -> None:
    if fingerprint is None:
        label.setText(empty)
        label.setAccessibleName(empty)
        return
    label.setText(aloud(fingerprint))
    label.setAccessibleName(spelled(fingerprint))


class PairingDialog(QtWidgets.QDialog):
    """Import a coordinator card (admins); `paired(str)` carries this workstation's fingerprint."""

    paired = Signal(str)

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pairingDialog")
        self.setWindowTitle(self.tr("Coordinator pairing"))
        self.resize(640, 520)
        self._session = session
        self._card_bytes: bytes | None = None
        self.card: card.CoordinatorCard | None = None
        is_admin = bool(session.supporter.is_admin)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "Exports are encrypted so that only your coordinator can open them. Import "
                    "the coordinator card file they gave you, then compare its fingerprint with "
                    "the coordinator by reading it aloud (by phone or in person)."
                )
            )
        )
        self.current = QtWidgets.QLabel(self.tr("Checking the pairing…"))
        self.current.setObjectName("currentPairing")
        self.current.setWordWrap(True)
        layout.addWidget(self.current)

        form = QtWidgets.QFormLayout()
        row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.card_path = QtWidgets.QLineEdit()
        self.card_path.setObjectName("cardPath")
        self.card_path.setPlaceholderText(self.tr("The coordinator card file"))
        row.addWidget(self.card_path, 1)
        self.choose_button = push_button(self.tr("C&hoose…"), name=self.tr("Choose card file"))
        self.choose_button.setObjectName("chooseCard")
        row.addWidget(self.choose_button)
        self.read_button = push_button(self.tr("&Read card"), object_name="readCard")
        row.addWidget(self.read_button)
        holder = QtWidgets.QWidget()
        holder.setLayout(row)
        label = add_row(form, self.tr("Coordinator &card:"), holder)
        label.setBuddy(self.card_path)
        self.card_path.setAccessibleName(self.tr("Coordinator card file"))
        layout.addLayout(form)

        compare = QtWidgets.QGroupBox(self.tr("Compare aloud with the coordinator"))
        compare_layout = QtWidgets.QVBoxLayout(compare)
        compare_layout.addWidget(
            QtWidgets.QLabel(self.tr("Coordinator's fingerprint (from the card):"))
        )
        self.coordinator_fingerprint = fingerprint_label("coordinatorFingerprint")
        set_fingerprint(self.coordinator_fingerprint, None, self.tr("(read a card first)"))
        compare_layout.addWidget(self.coordinator_fingerprint)
        self.matches = QtWidgets.QCheckBox(
            self.tr("The coordinator read out the &same fingerprint, group by group")
        )
        self.matches.setObjectName("fingerprintMatches")
        self.matches.setEnabled(False)
        compare_layout.addWidget(self.matches)
        compare_layout.addWidget(QtWidgets.QLabel(self.tr("This workstation's fingerprint:")))
        self.own_fingerprint = fingerprint_label("workstationFingerprint")
        set_fingerprint(self.own_fingerprint, None, self.tr("(created when you pair)"))
        compare_layout.addWidget(self.own_fingerprint)
        compare_layout.addWidget(
            explanation(
                self.tr("The coordinator checks this one when they import your first export.")
            )
        )
        layout.addWidget(compare)

        self.message = FormMessage()
        layout.addWidget(self.message)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        self.pair_button = push_button(self.tr("&Pair with this coordinator"))
        self.pair_button.setObjectName("pairButton")
        self.pair_button.setEnabled(False)
        self.close_button = push_button(self.tr("C&lose"), object_name="closePairing")
        buttons.addWidget(self.pair_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        if not is_admin:
            for widget in (self.card_path, self.choose_button, self.read_button):
                widget.setEnabled(False)
            self.message.show_message(
                self.tr("Only a unit admin can pair with a coordinator; ask your unit admin.")
            )

        self.choose_button.clicked.connect(self.choose_card)
        self.read_button.clicked.connect(self.read_card)
        self.card_path.returnPressed.connect(self.read_card)
        self.card_path.textEdited.connect(self._card_path_edited)
        self.matches.toggled.connect(self._update_pair_button)
        self.pair_button.clicked.connect(self.confirm_pairing)
        self.close_button.clicked.connect(self.reject)
        self.card_path.setFocus()
        self._refresh()

    def _refresh(self) -> None:
        session = self._session

        def read() -> dict[str, Any]:
            card = export.paired_card(session)
            return {
                "coordinator": None if card is None else card.fingerprint,
                "mine": export.workstation_fingerprint(session),
            }

        BackgroundOp(self, op=read, success=self._show_current, cancellable=False).run()

    def _show_current(self, state: dict[str, Any]) -> None:
        if state["coordinator"] is None:
            text = self.tr("This workstation is not paired with a coordinator yet.")
        else:
            text = self.tr("Paired with the coordinator {fp}.").format(fp=state["coordinator"])
        self.current.setText(text)
        self.current.setAccessibleName(text)
        if state["mine"] is not None:
            set_fingerprint(self.own_fingerprint, state["mine"], "")

    def choose_card(self) -> QtWidgets.QFileDialog:
        dialog = QtWidgets.QFileDialog(
            self, self.tr("Choose the coordinator card"), self.card_path.text()
        )
        dialog.setObjectName("cardFileDialog")
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr(CARD_FILTER))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._card_chosen)
        dialog.open()
        return dialog

    def _card_chosen(self, path: str) -> None:
        self.card_path.setText(path)
        self.read_card()

    def _card_path_edited(self) -> None:
        self.card = None
        self._card_bytes = None
        self.matches.setChecked(False)
        self.matches.setEnabled(False)
        set_fingerprint(self.coordinator_fingerprint, None, self.tr("(read a card first)"))
        self._update_pair_button()

    def read_card(self) -> None:
        """Read and check the chosen card, then show its fingerprint to compare aloud."""
        text = self.card_path.text().strip()
        if not text:
            self.message.show_message(self.tr("Choose the coordinator card file first."))
            return
        self._card_path_edited()
        path = Path(text).expanduser()

        def load() -> tuple[bytes, card.CoordinatorCard]:
            try:  # a FIFO is refused at once: waited on, it held the one worker for good
                data = read_regular_file(
                    path, what="coordinator card file", limit=card.MAX_CARD_BYTES
                )
            except OSError as exc:
                raise InvalidInput(
                    f"The card {path.name} could not be read ({exc.strerror or exc}); "
                    "check the file and try again."
                ) from exc
            return data, card.read_card(data)

        BackgroundOp(self, op=load, success=self._card_read, failure=self._failed).run()

    def _card_read(self, loaded: tuple[bytes, card.CoordinatorCard]) -> None:
        self._card_bytes, self.card = loaded
        self.message.clear_message()
        set_fingerprint(self.coordinator_fingerprint, self.card.fingerprint, "")
        self.matches.setEnabled(True)
        self.matches.setFocus()
        self._update_pair_button()

    def _update_pair_button(self) -> None:
        self.pair_button.setEnabled(self._card_bytes is not None and self.matches.isChecked())
        if self.pair_button.isEnabled():
            self.pair_button.setDefault(True)

    def confirm_pairing(self) -> None:
        data = self._card_bytes
        if data is None or not self.matches.isChecked():
            return
        session = self._session
        self.pair_button.setEnabled(False)
        BackgroundOp(
            self,
            op=lambda: export.pair(session, data),
            success=self._paired,
            failure=self._failed,
            cancellable=False,
        ).run()

    def _paired(self, mine: str) -> None:
        set_fingerprint(self.own_fingerprint, mine, "")
        text = self.tr(
            "Paired. Exports from now on are encrypted for this coordinator. Read this "
            "workstation's fingerprint to the coordinator when they import your first export."
        )
        self.message.show_success(text)
        self.matches.setEnabled(False)
        self.close_button.setFocus()
        self._refresh()
        self.paired.emit(mine)

    def _failed(self, exc: BaseException) -> None:
        self._update_pair_button()
        if isinstance(exc, SvdeskError):
            self.message.show_message(self.tr(exc.message))
        else:
            show_error(self, exc)
