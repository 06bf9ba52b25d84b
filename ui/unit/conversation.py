"""The guided support conversation: step rail, the step's intent and questions, the live
escalation banner, reference cards, disposition and record, and the always-visible Crisis button.

Every answer goes through the protocol's `Conversation` (validation, branching) and is made
durable by `svdesk.unit.cases.save_answer` before "Saved" is shown. The window knows nothing of the
protocol's wording: everything on screen comes from the protocol, cards and vocabulary files.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from svdesk.content.program_texts import load_program_texts
from svdesk.content.protocol.conversation import Conversation
from svdesk.errors import SvdeskError, ValidationError
from svdesk.unit.directory import DirectoryEntry
from svdesk.unit.program_texts import program_text
from ui.qt import (
    QAction,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.runtime.errors import show_error
from ui.unit.crisis import CrisisDialog
from ui.unit.record_page import RecordPage, record_field_question
from ui.unit.services import ConversationServices
from ui.widgets.cards_panel import CardsPanel
from ui.widgets.directory_view import DirectoryView, order_entries
from ui.widgets.escalation_banner import EscalationBanner, action_label, level_label, level_meaning
from ui.widgets.question_widgets import QuestionWidget, make_question_widget
from ui.widgets.step_rail import StepRail

if TYPE_CHECKING:
    from svdesk.access.session import Session
    from svdesk.content.protocol.model import Protocol, ProtocolStep, Question
    from svdesk.content.record_fields import RecordVocabulary
    from svdesk.content.rules import EscalationResult
    from svdesk.unit.cases import Draft
    from svdesk.unit.context import UnitContext
    from svdesk.unit.records import Encounter
    from ui.qt import QShowEvent

# The same keys as the main window's Crisis action (ui/shell/main_window.py), so that one shortcut
# opens the crisis screen everywhere. The conversation owns it only when it is a window of its
# own: two owners in one window would cancel each other.
CRISIS_SHORTCUT = "Ctrl+E"
LOCK_SHORTCUT = "Ctrl+L"

# Directory codes worth showing at disposition, by what the result asks for.
_DIRECTORY_FOR_LEVEL = {
    "emergency": ("emergency", "crisis_line", "psychology"),
    "tier3_same_day": ("crisis_line", "psychology", "eap"),
    "tier3_72h": ("psychology", "eap", "crisis_line"),
    "tier3_2wk": ("eap", "psychology", "occupational_health"),
    "tier2_intensified": ("eap", "chaplain"),
    "tier2": ("eap", "chaplain"),
}
_DIRECTORY_FOR_ACTION = {
    "crisis_line_info": ("crisis_line",),
    "relieve_from_duty": ("occupational_health",),
    "risk_legal_support": ("risk_legal",),
    "supporter_debrief": ("psychology",),
}

# Record fields the disposition step asks for (unless the protocol asks them as questions).
DISPOSITION_FIELDS = ("referral_targets", "referral_accepted", "followup_plan")


# ------------------------------------------------------------------------------ steps


def _question_ids(step: ProtocolStep) -> list[str]:
    return [str(q.id) for q in step.questions]


# ------------------------------------------------------------------------------ step pages


def _section(title: str, lines: Sequence[str], parent: QWidget, *, quoted: bool = False) -> QLabel:
    """A heading and bullet lines as one label (so a screen reader reads it as one block)."""
    items = "".join(
        f"<li>{'“' if quoted else ''}{_esc(line)}{'”' if quoted else ''}</li>" for line in lines
    )
    label = QLabel(f"<b>{_esc(title)}</b><ul style='margin-top:2px'>{items}</ul>", parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAccessibleName(title)
    label.setAccessibleDescription(" ".join(lines))
    return label


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class StepPage(QWidget):
    """One step: title, intent, phrasings, what to avoid, tips, then its question widgets."""

    def __init__(
        self, step: ProtocolStep, parent: QWidget | None = None, program_text: str = ""
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName(f"step:{step.id}")
        self.question_widgets: dict[str, QuestionWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        title = QLabel(f"{step.number}. {step.title}", self)
        title.setObjectName("stepTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.4)
        title.setFont(font)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.intent = QLabel(str(step.intent), self)
        self.intent.setObjectName("stepIntent")
        self.intent.setWordWrap(True)
        self.intent.setAccessibleName(self.tr("What this step is for"))
        self.intent.setAccessibleDescription(str(step.intent))
        layout.addWidget(self.intent)
        # The program's own statement (e.g. confidentiality and its limits), as the unit admin
        # set it in the settings: what the supporter says in the program's words.
        self.program_text: QLabel | None = None
        if program_text:
            self.program_text = QLabel(program_text, self)
            self.program_text.setObjectName("programText")
            self.program_text.setWordWrap(True)
            self.program_text.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByKeyboard
                | Qt.TextInteractionFlag.TextSelectableByMouse
            )
            self.program_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.program_text.setFrameShape(QFrame.Shape.StyledPanel)
            self.program_text.setAccessibleName(self.tr("Your program's statement"))
            self.program_text.setAccessibleDescription(program_text)
            layout.addWidget(self.program_text)
        guidance = QHBoxLayout()
        if step.phrasings:
            guidance.addWidget(
                _section(self.tr("You could say"), list(step.phrasings), self, quoted=True),
                1,
                Qt.AlignmentFlag.AlignTop,
            )
        if step.avoid:
            avoid = _section(self.tr("Avoid saying"), list(step.avoid), self, quoted=True)
            avoid.setObjectName("stepAvoid")
            guidance.addWidget(avoid, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(guidance)
        if step.tips:
            layout.addWidget(_section(self.tr("Tips"), list(step.tips), self))
        self.before_questions = QVBoxLayout()
        layout.addLayout(self.before_questions)
        for question in step.questions:
            widget = make_question_widget(question, self)
            self.question_widgets[str(question.id)] = widget
            layout.addWidget(widget)
        self.extras = QVBoxLayout()
        layout.addLayout(self.extras)
        layout.addStretch(1)


class DispositionPanel(QFrame):
    """Disposition extras: the result with actions, the relevant unit numbers, the referral
    fields, and for an emergency the confirmations of the crisis steps taken."""

    field_changed = Signal(str, object)
    confirmations_changed = Signal()

    def __init__(
        self,
        directory: Sequence[DirectoryEntry],
        field_questions: Sequence[Question],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispositionPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Disposition: result and next steps"))
        self._directory = list(directory)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Result and what to do"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("dispositionResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.result_label)
        numbers = QLabel(self.tr("Numbers from your unit directory"), self)
        numbers.setFont(font)
        layout.addWidget(numbers)
        self.directory_view = DirectoryView((), self)
        layout.addWidget(self.directory_view)

        # Emergency confirmations: ticked by the supporter, checked before completing.
        self.emergency_box = QFrame(self)
        self.emergency_box.setObjectName("emergencyConfirmations")
        self.emergency_box.setStyleSheet(
            "QFrame#emergencyConfirmations { border: 2px solid #8b0000; border-radius: 4px; }"
        )
        box_layout = QVBoxLayout(self.emergency_box)
        warn = QLabel(
            "⚠ " + self.tr("Emergency: confirm each crisis step before completing."),
            self.emergency_box,
        )
        warn.setWordWrap(True)
        warn.setStyleSheet("font-weight: bold; color: #8b0000;")
        box_layout.addWidget(warn)
        self.confirm_stay = QCheckBox(
            self.tr("Someone is staying with the person; they are not left alone"),
            self.emergency_box,
        )
        self.confirm_called = QCheckBox(
            self.tr("The emergency response / crisis team has been called"), self.emergency_box
        )
        self.confirm_handover = QCheckBox(self.tr("Handed over to:"), self.emergency_box)
        self.handover_target = QComboBox(self.emergency_box)
        self.handover_target.addItem(self.tr("— choose —"), None)
        for code, label in (
            ("emergency_response", self.tr("Emergency response team")),
            ("crisis_team", self.tr("Crisis team")),
            ("emergency_department", self.tr("Emergency department")),
            ("psychiatry_on_call", self.tr("Psychiatry / psychology on call")),
            ("security", self.tr("Security")),
            ("other", self.tr("Someone else who stays with them")),
        ):
            self.handover_target.addItem(label, code)
        self.handover_target.setAccessibleName(self.tr("Handed over to whom"))
        for box in (self.confirm_stay, self.confirm_called, self.confirm_handover):
            box.setAccessibleName(box.text())
            box.toggled.connect(lambda _c: self.confirmations_changed.emit())
        self.handover_target.currentIndexChanged.connect(
            lambda _i: self.confirmations_changed.emit()
        )
        box_layout.addWidget(self.confirm_stay)
        box_layout.addWidget(self.confirm_called)
        row = QHBoxLayout()
        row.addWidget(self.confirm_handover)
        row.addWidget(self.handover_target, 1)
        box_layout.addLayout(row)
        layout.addWidget(self.emergency_box)
        self.emergency_box.hide()

        self.field_widgets: dict[str, QuestionWidget] = {}
        for question in field_questions:
            widget = make_question_widget(question, self)
            widget.value_changed.connect(self.field_changed)
            self.field_widgets[str(question.id)] = widget
            layout.addWidget(widget)

    def show_result(self, result: EscalationResult) -> None:
        # The reasons are in the banner just above; here: the result and the actions.
        text = f"<b>{_esc(level_label(result.level))}</b><br>{_esc(level_meaning(result.level))}"
        if result.actions:
            text += (
                "<ul style='margin-top:2px; margin-bottom:0'>"
                + "".join(f"<li>{_esc(action_label(a))}</li>" for a in result.actions)
                + "</ul>"
            )
        self.result_label.setText(text)
        self.result_label.setAccessibleName(
            level_label(result.level) + ". " + level_meaning(result.level)
        )
        codes: list[str] = list(_DIRECTORY_FOR_LEVEL.get(result.level, ()))
        for action in result.actions:
            codes.extend(c for c in _DIRECTORY_FOR_ACTION.get(action, ()) if c not in codes)
        known = {e.code for e in self._directory}
        entries = [e for e in order_entries(self._directory, codes) if e.code in codes]
        missing = [c for c in codes if c not in known]
        entries += [
            DirectoryEntry(code=c, label=c.replace("_", " ").capitalize(), phone=None, detail="")
            for c in missing
        ]
        self.directory_view.set_entries(entries)
        self.emergency_box.setVisible(result.level == "emergency")

    def confirmations_complete(self) -> bool:
        return (
            self.confirm_stay.isChecked()
            and self.confirm_called.isChecked()
            and self.confirm_handover.isChecked()
            and self.handover_target.currentData() is not None
        )

    def set_field_values(self, values: Mapping[str, object]) -> None:
        for fid, widget in self.field_widgets.items():
            widget.set_value(values.get(fid))


class OverrideReasonDialog(QDialog):
    """Asks why a note with warnings is kept (the reason is audit-logged, never exported)."""

    def __init__(self, warning: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overrideReasonDialog")
        self.setWindowTitle(self.tr("Keep the note as it is?"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        text = QLabel(
            warning
            + " "
            + self.tr(
                "If it is not about a person, say why you keep it (for example: "
                "'a medication name, not a person'). The reason is recorded in the audit log."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        label = QLabel(self.tr("&Reason:"), self)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for keeping the note"))
        self.reason.setMaxLength(200)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Keep note and complete"))
        ok.setAccessibleName(ok.text())
        ok.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Go back and edit"))
        cancel.setAccessibleName(cancel.text())
        self.reason.textChanged.connect(lambda t: ok.setEnabled(len(t.strip()) >= 3))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


# ------------------------------------------------------------------------------ the window


class ConversationWindow(QWidget):
    """A support conversation over one draft. Open it with `start_new_conversation` or
    `resume_conversation`; it emits `completed(encounter)` or `discarded(draft_id)`."""

    completed = Signal(object)
    discarded = Signal(str)
    crisis_requested = Signal()
    emergency_recorded = Signal(object)  # from the crisis screen opened here
    saved = Signal(str)  # question id or record field, after the store returned

    def __init__(
        self,
        ctx: UnitContext,
        draft: Draft,
        protocol: Protocol,
        parent: QWidget | None = None,
        *,
        services: ConversationServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationWindow")
        self.ctx = ctx
        self.draft = draft
        self.protocol = protocol
        self.services = services or ConversationServices.default()
        #: the main window sets this to False when it wires `crisis_requested` to its own action
        self.opens_crisis_itself = True
        self.conversation = Conversation(protocol, dict(draft.answers), draft.encounter_type)
        self._record_edits: dict[str, object] = dict(draft.record)
        self._steps = list(self.conversation.steps())
        self._step_of: dict[str, str] = {}
        for step in self._steps:
            for qid in _question_ids(step):
                self._step_of[qid] = str(step.id)
        self._asked_ids = set(self._step_of)
        self._pages: dict[str, StepPage] = {}
        self._disposition: DispositionPanel | None = None
        self._record_page: RecordPage | None = None
        self._directory = self._load_directory()
        self._result: EscalationResult | None = None
        self._pending_box: QWidget | None = None

        self.setWindowTitle(
            self.tr("Support conversation — case {code}").format(code=draft.case_code)
        )
        self.setAccessibleName(self.windowTitle())
        self._build()
        start = draft.current_step or str(self._steps[0].id)
        if start not in {str(s.id) for s in self._steps}:
            start = str(self._steps[0].id)
        self._refresh()
        self.go_to_step(start, persist=False)
        self.rail.setFocus()  # arrows move between steps, Tab goes on to the questions

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        header = QHBoxLayout()
        title = QLabel(self.windowTitle(), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title, 1)
        self.crisis_button = QPushButton(self.tr("⚠ &Crisis"), self)
        self.crisis_button.setObjectName("crisisButton")
        self.crisis_button.setAccessibleName(self.tr("Crisis: what to do now"))
        self.crisis_button.setToolTip(
            self.tr("Open the crisis screen ({key})").format(key=CRISIS_SHORTCUT)
        )
        self.crisis_button.setStyleSheet(
            # A border unfocused too: one added only on focus eats into (and clips) the text.
            "QPushButton#crisisButton { background: #8b0000; color: white; font-weight: bold;"
            " padding: 6px 14px; border: 3px solid #8b0000; border-radius: 4px; }"
            "QPushButton#crisisButton:focus { border-color: #f2b632; }"
        )
        self.crisis_button.setMinimumWidth(self.crisis_button.sizeHint().width() + 28)
        self.crisis_button.clicked.connect(self.open_crisis)
        header.addWidget(self.crisis_button)
        self._crisis_shortcut = QShortcut(QKeySequence(CRISIS_SHORTCUT), self)
        self._crisis_shortcut.setEnabled(False)
        self._crisis_shortcut.activated.connect(self.open_crisis)

        self.banner = EscalationBanner(self)

        self.rail = StepRail(self)
        self.rail.set_steps(self._steps)
        self.rail.step_selected.connect(self.go_to_step)

        self.pages = QStackedWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # Pages wrap their text; a sideways scroll bar would only hide the end of lines.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.pages)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Current step"))
        self._scroll = scroll

        self.cards_panel = CardsPanel(self.services.cards, self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.rail)
        splitter.addWidget(scroll)
        splitter.addWidget(self.cards_panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([210, 620, 300])
        splitter.setChildrenCollapsible(False)

        self.back_button = QPushButton(self.tr("← &Back"), self)
        self.back_button.setAccessibleName(self.tr("Previous step"))
        self.back_button.setToolTip(self.tr("Previous step (Alt+Left or Page Up)"))
        self.back_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton(self.tr("&Next →"), self)
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.next_button.setToolTip(self.tr("Next step (Alt+Right or Page Down)"))
        self.next_button.clicked.connect(self.next_step)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedIndicator")
        self.saved_label.setAccessibleName(self.tr("Save status"))
        self.saved_label.setStyleSheet("color: #3a6b3a;")
        self.discard_button = QPushButton(self.tr("&Discard draft…"), self)
        self.discard_button.setAccessibleName(self.tr("Discard this draft"))
        self.discard_button.clicked.connect(self.ask_discard)
        self.complete_button = QPushButton(self.tr("Co&mplete conversation"), self)
        self.complete_button.setObjectName("completeButton")
        self.complete_button.setAccessibleName(
            self.tr("Complete the conversation and save the record")
        )
        self.complete_button.clicked.connect(self.request_complete)
        self.message = QLabel(self)
        self.message.setObjectName("conversationMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000; font-weight: bold;")
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()

        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addWidget(self.next_button)
        footer.addWidget(self.saved_label, 1)
        footer.addWidget(self.discard_button)
        footer.addWidget(self.complete_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(footer)

        for keys, slot in (
            ("Alt+Left", self.previous_step),
            ("PgUp", self.previous_step),
            ("Alt+Right", self.next_step),
            ("PgDown", self.next_step),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _program_text(self, text_id: str) -> str:
        """The unit's wording of program text `text_id` (the default until an admin adapts it)."""
        if not text_id:
            return ""
        if getattr(self.ctx, "db", None) is None:  # a conversation without a store (test fakes)
            return str(load_program_texts()[text_id].text)
        return program_text(self.ctx, text_id).text

    def _page(self, step_id: str) -> StepPage:
        page = self._pages.get(step_id)
        if page is not None:
            return page
        step = next(s for s in self._steps if str(s.id) == step_id)
        page = StepPage(step, self.pages, self._program_text(str(step.program_text)))
        required_fields = set(self.services.required_fields.get(str(self.draft.encounter_type), ()))
        for qid, widget in page.question_widgets.items():
            widget.value_changed.connect(self._on_answer)
            if qid in required_fields:
                widget.mark_required()
        kind = step.kind
        if kind == "disposition":
            questions = [
                record_field_question(f, self.services.record_vocabulary, required=True)
                for f in DISPOSITION_FIELDS
                if f not in self._asked_ids
            ]
            self._disposition = DispositionPanel(
                self._directory, [q for q in questions if q is not None], page
            )
            self._disposition.field_changed.connect(self._on_record_field)
            self._disposition.confirmations_changed.connect(self._clear_message)
            self._disposition.set_field_values(self._record_edits)
            page.before_questions.addWidget(self._disposition)
        elif kind == "resources":
            heading = QLabel(self.tr("The unit's resource directory — hand these over"), page)
            heading.setObjectName("resourcesHeading")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            page.extras.addWidget(heading)
            page.extras.addWidget(DirectoryView(self._directory, page))
        elif kind == "record":
            fields = [
                f
                for f in self.services.editable_fields
                if f not in self._asked_ids
                and f not in DISPOSITION_FIELDS
                and f != "note"
                and f not in self.services.prefilled_fields
            ]
            required = self.services.required_fields.get(str(self.draft.encounter_type), ())
            self._record_page = RecordPage(
                fields=fields,
                required=required,
                vocabulary=self.services.record_vocabulary,
                guard_check=self.services.guard_check,
                roster=self._load_roster(),
                parent=page,
            )
            self._record_page.field_changed.connect(self._on_record_field)
            self._record_page.set_values(self._record_edits)
            page.extras.addWidget(self._record_page)
        self._pages[step_id] = page
        self.pages.addWidget(page)
        self._sync_page(page)
        if self._result is not None:
            self._show_result_in_pages()
        return page

    def _load_directory(self) -> list[DirectoryEntry]:
        try:
            return list(self.services.unit.directory(self.ctx))
        except SvdeskError:
            return []

    def _load_roster(self) -> tuple[str, ...]:
        try:
            return tuple(self.services.unit.roster(self.ctx))
        except SvdeskError:
            return ()

    # -- navigation -----------------------------------------------------------------------
    def current_step_id(self) -> str:
        page = self.pages.currentWidget()
        assert isinstance(page, StepPage)
        return str(page.step.id)

    def step_ids(self) -> list[str]:
        return [str(s.id) for s in self._steps]

    def go_to_step(self, step_id: str, *, persist: bool = True) -> None:
        page = self._page(step_id)
        self.pages.setCurrentWidget(page)
        self._scroll.verticalScrollBar().setValue(0)
        self.rail.set_current_step(step_id)
        self.cards_panel.show_cards([str(c) for c in page.step.cards])
        index = self.step_ids().index(step_id)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self._steps) - 1)
        if persist:
            try:
                self.services.unit.set_current_step(self.ctx, self.draft.id, step_id)
            except SvdeskError as exc:
                show_error(self, exc)

    def next_step(self) -> None:
        ids = self.step_ids()
        index = ids.index(self.current_step_id())
        if index + 1 < len(ids):
            self.go_to_step(ids[index + 1])

    def previous_step(self) -> None:
        ids = self.step_ids()
        index = ids.index(self.current_step_id())
        if index > 0:
            self.go_to_step(ids[index - 1])

    def question_widget(self, qid: str) -> QuestionWidget:
        """The widget of question `qid` (building its step's page if needed)."""
        step_id = self._step_of[qid]
        return self._page(step_id).question_widgets[qid]

    # -- answers --------------------------------------------------------------------------
    def answers(self) -> dict[str, object]:
        return dict(self.conversation.answers)

    def _on_answer(self, qid: str, value: object) -> None:
        widget = self.question_widget(qid)
        try:
            self.conversation.answer(qid, value)
        except ValidationError as exc:
            widget.show_error(exc.message)
            return
        widget.show_error(None)
        try:
            self.draft = self.services.unit.save_answer(
                self.ctx, self.draft.id, qid, value, protocol=self.protocol
            )
        except SvdeskError as exc:
            # Show what is really stored: back to the last durable answers.
            self.conversation = Conversation(
                self.protocol, dict(self.draft.answers), self.draft.encounter_type
            )
            self._refresh()
            self._show_unsaved(exc)
            return
        self._show_saved(qid)
        self._refresh()

    def _on_record_field(self, name: str, value: object) -> None:
        try:
            self.services.unit.save_record_field(self.ctx, self.draft.id, name, value)
        except SvdeskError as exc:
            for panel in (self._disposition, self._record_page):
                if panel is not None and name in panel.field_widgets:
                    panel.field_widgets[name].set_value(self._record_edits.get(name))
            self._show_unsaved(exc)
            return
        if value is None:
            self._record_edits.pop(name, None)
        else:
            self._record_edits[name] = value
        self._show_saved(name)
        self._show_result_in_pages()
        self._refresh_markers()

    def _show_saved(self, what: str) -> None:
        self.saved_label.setText(
            "✓ " + self.tr("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        self.saved_label.setStyleSheet("color: #3a6b3a;")
        self.saved_label.setAccessibleDescription(self.saved_label.text())
        self.saved.emit(what)

    def _show_unsaved(self, exc: SvdeskError) -> None:
        self.saved_label.setText("✖ " + self.tr("Not saved"))
        self.saved_label.setStyleSheet("color: #a00000; font-weight: bold;")
        show_error(self, exc)

    def _refresh(self) -> None:
        """After any answer: the rules, branching and markers, before the supporter moves on."""
        self._result = self.services.evaluate(
            self.services.rule_answers(self.draft.carried, self.conversation.answers)
        )
        self.banner.show_result(self._result)
        for page in self._pages.values():
            self._sync_page(page)
        self._show_result_in_pages()
        self._refresh_markers()

    def _sync_page(self, page: StepPage) -> None:
        answers = self.conversation.answers
        for qid, widget in page.question_widgets.items():
            widget.setVisible(bool(self.conversation.is_visible(qid)))
            if widget.value() != answers.get(qid):
                widget.set_value(answers.get(qid))

    def _show_result_in_pages(self) -> None:
        if self._disposition is not None and self._result is not None:
            self._disposition.show_result(self._result)
        if self._record_page is not None:
            self._record_page.set_summary(
                self.conversation.answers, self._record_edits, self._result
            )

    def _refresh_markers(self) -> None:
        missing_steps = {
            self._step_of[q] for q in self.conversation.missing_required() if q in self._step_of
        }
        missing_steps |= self._steps_missing_record_fields()
        self.rail.set_markers(missing_steps, [str(s) for s in self.conversation.suggested_steps()])

    def _record_step_id(self, kind: str) -> str | None:
        for step in self._steps:
            if step.kind == kind:
                return str(step.id)
        return None

    def missing_record_fields(self) -> list[str]:
        required = self.services.required_fields.get(str(self.draft.encounter_type), ())
        answers = self.conversation.answers
        return [f for f in required if self._record_edits.get(f) is None and answers.get(f) is None]

    def _steps_missing_record_fields(self) -> set[str]:
        out = set()
        for name in self.missing_record_fields():
            if name in self._step_of:
                out.add(self._step_of[name])
            elif name in DISPOSITION_FIELDS:
                step = self._record_step_id("disposition")
                if step:
                    out.add(step)
            else:
                step = self._record_step_id("record")
                if step:
                    out.add(step)
        return out

    # -- crisis ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Own the shortcut only as a window of its own (see CRISIS_SHORTCUT).
        self._crisis_shortcut.setEnabled(
            self.isWindow() or isinstance(self.window(), ConversationHost)
        )
        super().showEvent(event)

    def open_crisis(self) -> None:
        self.crisis_requested.emit()
        if self.opens_crisis_itself:
            dialog = CrisisDialog(
                self.ctx,
                case_code=self.draft.case_code,
                parent=self,
                services=self.services.unit,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.emergency_recorded.connect(self.emergency_recorded)
            dialog.open()
            self.crisis_dialog = dialog

    # -- discard --------------------------------------------------------------------------
    def ask_discard(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("discardConfirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Discard this draft?"))
        box.setText(self.tr("Discard this draft?"))
        box.setInformativeText(
            self.tr("All answers of this conversation will be deleted. This cannot be undone.")
        )
        discard = box.addButton(self.tr("Discard draft"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        discard.setAccessibleName(discard.text())
        keep.setAccessibleName(keep.text())
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def done() -> None:
            if box.clickedButton() is discard:
                self.discard()

        box.finished.connect(lambda _r: done())
        box.open()
        self._pending_box = box
        return box

    def discard(self) -> None:
        try:
            self.services.unit.discard_draft(self.ctx, self.draft.id)
        except SvdeskError as exc:
            show_error(self, exc)
            return
        self.discarded.emit(str(self.draft.id))
        if self.isWindow():
            self.close()

    # -- completion -----------------------------------------------------------------------
    def _clear_message(self) -> None:
        self.message.hide()

    def _say(self, text: str, step_id: str | None = None) -> None:
        self.message.setText("⚠ " + text)
        self.message.setAccessibleDescription(text)
        self.message.show()
        if step_id:
            self.go_to_step(step_id)
            target = self._problem_widget(step_id)
            if target is not None:
                self._scroll.ensureWidgetVisible(target, 0, 60)
                target.setFocus()

    def _problem_widget(self, step_id: str) -> QWidget | None:
        """The control to show and focus for a completion problem on `step_id`."""
        page = self._page(step_id)
        kind = page.step.kind
        disposition, record = self._disposition, self._record_page
        if kind == "disposition" and disposition and disposition.emergency_box.isVisibleTo(self):
            return disposition.confirm_stay
        if kind == "record" and record is not None and record.note.blocking_message():
            return record.note.editor
        missing = set(self.conversation.missing_required())
        missing |= set(self.missing_record_fields())
        for qid, widget in page.question_widgets.items():
            if qid in missing:
                return widget
        extra = self._record_page if kind == "record" else self._disposition
        if extra is not None:
            for name, widget in extra.field_widgets.items():
                if name in missing:
                    return widget
        return None

    def completion_problem(self) -> tuple[str, str | None] | None:
        """Why the conversation cannot be completed yet (message, step to show), or None."""
        missing = self.conversation.missing_required()
        if missing:
            labels = []
            for qid in missing:
                try:
                    labels.append(str(self.question_widget(qid).question.label))
                except KeyError:
                    labels.append(qid)
            return (
                self.tr("Some required answers are missing: {what}.").format(
                    what="; ".join(labels)
                ),
                self._step_of.get(missing[0]),
            )
        if self._result is not None and self._result.level == "emergency":
            disposition = self._record_step_id("disposition")
            if disposition is not None:
                self._page(disposition)
            if self._disposition is None or not self._disposition.confirmations_complete():
                return (
                    self.tr(
                        "This is an emergency: confirm that someone stays with the person, that "
                        "the emergency response was called and to whom you handed over."
                    ),
                    disposition,
                )
        missing_fields = self.missing_record_fields()
        if missing_fields:
            vocabulary = self.services.record_vocabulary
            names = [_field_label(vocabulary, f) for f in missing_fields]
            target = self._record_step_id(
                "disposition" if missing_fields[0] in DISPOSITION_FIELDS else "record"
            )
            return (
                self.tr("Some record fields are missing: {what}.").format(what="; ".join(names)),
                target,
            )
        record_step = self._record_step_id("record")
        if record_step is not None:
            self._page(record_step)
        if self._record_page is not None:
            blocked = self._record_page.note.blocking_message()
            if blocked:
                return blocked, record_step
        return None

    def request_complete(self) -> None:
        problem = self.completion_problem()
        if problem is not None:
            self._say(*problem)
            return
        self._clear_message()
        warning = self._record_page.note.warning_message() if self._record_page else None
        if warning:
            dialog = OverrideReasonDialog(warning, self)
            dialog.accepted.connect(lambda: self.complete(dialog.reason.text().strip()))
            dialog.open()
            self._pending_box = dialog
            return
        self.complete(None)

    def complete(self, guard_override_reason: str | None) -> Encounter | None:
        if self._record_page is not None:
            self._record_page.flush_note()
        try:
            encounter = self.services.unit.complete(
                self.ctx,
                self.draft.id,
                self.protocol,
                guard_override_reason=guard_override_reason,
            )
        except SvdeskError as exc:
            show_error(self, exc)
            return None
        self.encounter = encounter
        self.completed.emit(encounter)
        if self.isWindow():
            self.close()
        return encounter


def _field_label(vocabulary: RecordVocabulary | None, name: str) -> str:
    if vocabulary is not None:
        try:
            return str(vocabulary.field(name).label)
        except (KeyError, ValidationError):
            pass
    return name.replace("_", " ")


# ------------------------------------------------------------------------------ opening


def start_new_conversation(
    ctx: UnitContext,
    parent: QWidget | None = None,
    *,
    encounter_type: str = "initial",
    case_code: str | None = None,
    followup_id: str | None = None,
    services: ConversationServices | None = None,
    protocol: Protocol | None = None,
) -> ConversationWindow:
    """Create a draft through `svdesk.unit.cases.start_conversation` and open it."""
    services = services or ConversationServices.default()
    if protocol is None:
        from svdesk.content.protocol.loader import load_protocol  # noqa: PLC0415

        protocol = load_protocol()
    draft = services.unit.start_conversation(
        ctx, protocol, encounter_type=encounter_type, case_code=case_code, followup_id=followup_id
    )
    return ConversationWindow(ctx, draft, protocol, parent, services=services)


def resume_conversation(
    ctx: UnitContext,
    draft_id: str,
    parent: QWidget | None = None,
    *,
    services: ConversationServices | None = None,
    protocol: Protocol | None = None,
) -> ConversationWindow:
    """Reopen a saved draft (after a crash, a lock, or a handoff) where it was left."""
    services = services or ConversationServices.default()
    if protocol is None:
        from svdesk.content.protocol.loader import load_protocol  # noqa: PLC0415

        protocol = load_protocol()
    draft = services.unit.load_draft(ctx, draft_id)
    return ConversationWindow(ctx, draft, protocol, parent, services=services)


# ------------------------------------------------------------------------------ the shell


class ConversationHost(QMainWindow):
    """The conversation as a window of its own beside the main window. A QMainWindow so that
    the main window's lock closes it like every other window; its title says nothing about the
    case (a shared screen)."""

    lock_requested = Signal()

    def __init__(self, conversation: ConversationWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationHost")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(self.tr("svdesk — support conversation"))
        self.setAccessibleName(self.windowTitle())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conversation = conversation
        self.setCentralWidget(conversation)
        lock = QAction(self.tr("Lock"), self)
        lock.setShortcut(QKeySequence(LOCK_SHORTCUT))
        lock.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        lock.triggered.connect(self.lock_requested)
        self.addAction(lock)
        conversation.completed.connect(lambda _e: self.close())
        conversation.discarded.connect(lambda _d: self.close())
        self.resize(1280, 860)


def completed_message(parent: QWidget, encounter: Encounter) -> QMessageBox:
    """A short, non-blocking confirmation after completion: what was kept and what follows."""
    plan = encounter.followup_plan or "none"
    plans = {
        "none": QCoreApplication.translate("Conversation", "no follow-up planned"),
        "h24_72": QCoreApplication.translate("Conversation", "follow-up in 24–72 hours"),
        "w1": QCoreApplication.translate("Conversation", "follow-up in 1 week"),
        "w2": QCoreApplication.translate("Conversation", "follow-up in 2 weeks"),
        "w4": QCoreApplication.translate("Conversation", "follow-up in 4 weeks"),
    }
    level = encounter.escalation_level
    box = QMessageBox(parent)
    box.setObjectName("conversationCompleted")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("Conversation", "Conversation completed"))
    box.setText(QCoreApplication.translate("Conversation", "The record is saved."))
    info = QCoreApplication.translate("Conversation", "Escalation: {level}; {plan}.").format(
        level=level_label(level), plan=plans.get(plan, plan)
    )
    if level != "tier2":
        info += " " + QCoreApplication.translate(
            "Conversation", "It is in the unit's escalation queue."
        )
    box.setInformativeText(info)
    box.setAccessibleName(box.windowTitle())
    box.setAccessibleDescription(info)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def attach_to_main_window(main: Any) -> None:  # typed by the screen registry (next)
    """Plug the conversation, crisis and queue screens into the shell's `MainWindow`:
    "New conversation" and follow-ups open a conversation window, the toolbar's Crisis action
    opens the crisis screen, and the home page gets the escalation, follow-up and
    unfinished-conversation queues."""
    from svdesk.unit.context import context_for  # noqa: PLC0415
    from ui.unit.crisis import CrisisDialog, locked_crisis_dialog  # noqa: PLC0415 (crisis imports us)
    from ui.unit.queues import (  # noqa: PLC0415
        EscalationQueue,
        FollowupsWidget,
        OpenDraftsWidget,
    )

    queues: list[EscalationQueue | FollowupsWidget | OpenDraftsWidget] = []

    def ctx() -> UnitContext | None:
        session = main.session
        return None if session is None else context_for(session)

    def refresh_home() -> None:
        for widget in queues:
            with contextlib.suppress(RuntimeError):  # the page went with a lock
                widget.refresh()

    def show_host(window: ConversationWindow) -> ConversationHost:
        host = ConversationHost(window, main)
        host.lock_requested.connect(main.lock)
        window.completed.connect(lambda _e: refresh_home())
        window.completed.connect(lambda encounter: completed_message(main, encounter))
        window.discarded.connect(lambda _d: refresh_home())
        window.emergency_recorded.connect(lambda _e: refresh_home())
        host.show()
        host.activateWindow()
        return host

    def new_conversation(_session: Session) -> None:
        unit = ctx()
        if unit is None:
            return
        try:
            show_host(start_new_conversation(unit))
        except SvdeskError as exc:
            show_error(main, exc)
        refresh_home()

    def resume(draft_id: str) -> None:
        unit = ctx()
        if unit is None:
            return
        try:
            show_host(resume_conversation(unit, draft_id))
        except SvdeskError as exc:
            show_error(main, exc)
        refresh_home()

    def crisis() -> None:
        unit = ctx()
        if unit is None:  # locked (or no store yet): the steps and the saved numbers
            dialog = locked_crisis_dialog(main)
        else:
            dialog = CrisisDialog(unit, parent=main)
            dialog.emergency_recorded.connect(lambda _e: refresh_home())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        main.crisis_dialog = dialog

    def refresh_crisis_numbers(session: Session) -> None:
        # The copy the locked crisis screen shows; stores made before it existed get one here.
        if session.workstation.info.role != "unit":
            return
        from svdesk.unit import directory  # noqa: PLC0415 (not needed before an unlock)

        try:
            directory.refresh_crisis_snapshot(context_for(session), session.workstation.home)
        except Exception as exc:  # the unlock goes on; the next save or unlock tries again
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)

    def install_queues(page: Any) -> None:
        unit = ctx()
        if unit is None:
            return
        drafts = OpenDraftsWidget(unit)
        follow_ups = FollowupsWidget(unit)
        escalations = EscalationQueue(unit)
        drafts.conversation_requested.connect(resume)
        follow_ups.conversation_requested.connect(resume)
        layout = page.layout()
        for old, new in ((page.follow_ups, follow_ups), (page.escalations, escalations)):
            layout.replaceWidget(old, new, Qt.FindChildOption.FindChildrenRecursively)
            old.hide()
            old.deleteLater()
        layout.insertWidget(layout.count() - 1, drafts)
        page.follow_ups = follow_ups
        page.escalations = escalations
        page.open_drafts = drafts
        queues[:] = [drafts, follow_ups, escalations]

    main.new_conversation_requested.connect(new_conversation)
    main.crisis_requested.connect(crisis)
    main.home_page_created.connect(install_queues)
    main.unlocked.connect(refresh_crisis_numbers)
    if main.home_page is not None:  # already unlocked when attached
        install_queues(main.home_page)
    if main.session is not None:
        refresh_crisis_numbers(main.session)
