"""The guided support conversation: step rail, the step's intent and questions, the live
escalation banner, reference cards, disposition and record, and the always-visible Crisis button.

Every answer goes through the protocol's `Conversation` (validation, branching) and is made
durable by `svdesk.unit.drafts.save_answer` before "Saved" is shown. The window knows nothing of the
protocol's wording: everything on screen comes from the protocol, cards and vocabulary files.

Longer than ~500 lines because the window is the conversation's one controller: it holds the
draft, the protocol state and the pages, and every answer, step change, crisis, discard and
completion goes through it. What stands on its own is elsewhere: step_page, disposition,
completion, conversation_footer, conversation_host, record_page (ui/unit/).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svdesk.content.program_texts import load_program_texts
from svdesk.content.protocol.conversation import Conversation
from svdesk.content.protocol.loader import load_protocol
from svdesk.errors import SvdeskError, ValidationError
from svdesk.unit.directory import DirectoryEntry
from svdesk.unit.draft_migration import migrate_draft
from svdesk.unit.program_texts import program_text
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.runtime.shortcuts import CRISIS_SHORTCUT
from ui.unit import completion
from ui.unit.conversation_footer import ConversationFooter, crisis_button, discard_confirmation
from ui.unit.crisis import CrisisDialog
from ui.unit.disposition import DISPOSITION_FIELDS, DispositionPanel
from ui.unit.record_page import OverrideReasonDialog, RecordPage, record_field_question
from ui.unit.services import ConversationServices
from ui.unit.step_page import StepPage
from ui.widgets.answers import when_answered
from ui.widgets.cards_panel import CardsPanel
from ui.widgets.escalation_banner import EscalationBanner
from ui.widgets.question_widgets import QuestionWidget
from ui.widgets.step_rail import StepRail

if TYPE_CHECKING:
    from svdesk.content.protocol.model import Protocol
    from svdesk.content.rules import EscalationResult
    from svdesk.unit.context import UnitContext
    from svdesk.unit.drafts import Draft
    from svdesk.unit.records import Encounter
    from ui.qt import QtGui

# The same keys as the main window's Crisis action (ui/shell/main_window.py), so that one shortcut
# opens the crisis screen everywhere. The conversation owns it only when it is a window of its
# own: two owners in one window would cancel each other.

# ------------------------------------------------------------------------------ the window


class ConversationWindow(QtWidgets.QWidget):
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
        parent: QtWidgets.QWidget | None = None,
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
        #: True inside a `ConversationHost`, a window of its own around this widget
        self.hosted = False
        self._focused_once = False
        self.conversation = Conversation(protocol, dict(draft.answers), draft.encounter_type)
        self._record_edits: dict[str, object] = dict(draft.record)
        self._steps = list(self.conversation.steps())
        self._step_of: dict[str, str] = {}
        for step in self._steps:
            for question in step.questions:
                self._step_of[question.id] = str(step.id)
        self._asked_ids = set(self._step_of)
        self._pages: dict[str, StepPage] = {}
        self._disposition: DispositionPanel | None = None
        self._record_page: RecordPage | None = None
        self._directory = self._load_directory()
        self._result: EscalationResult | None = None
        self._pending_box: QtWidgets.QWidget | None = None

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

    def show_migration_notice(self, notices: Sequence[str]) -> None:
        """Say what changed when the draft was moved to this protocol (a visible notice)."""
        text = "ⓘ " + "\n• ".join([notices[0], *notices[1:]]) if notices else ""
        self.migration_notice.setText(text)
        self.migration_notice.setAccessibleDescription(text)
        self.migration_notice.setVisible(bool(notices))

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        header = QtWidgets.QHBoxLayout()
        title = QtWidgets.QLabel(self.windowTitle(), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title, 1)
        self.crisis_button = crisis_button(self, CRISIS_SHORTCUT)
        self.crisis_button.clicked.connect(self.open_crisis)
        header.addWidget(self.crisis_button)
        self._crisis_shortcut = QtGui.QShortcut(QtGui.QKeySequence(CRISIS_SHORTCUT), self)
        self._crisis_shortcut.setEnabled(False)
        self._crisis_shortcut.activated.connect(self.open_crisis)

        self.banner = EscalationBanner(self)

        self.rail = StepRail(self)
        self.rail.set_steps(self._steps)
        self.rail.step_selected.connect(self.go_to_step)

        self.pages = QtWidgets.QStackedWidget(self)
        scroll = QtWidgets.QScrollArea(self)
        scroll.setWidgetResizable(True)
        # Pages wrap their text; a sideways scroll bar would only hide the end of lines.
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.pages)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Current step"))
        self._scroll = scroll

        self.cards_panel = CardsPanel(self.services.cards, self)

        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.rail)
        splitter.addWidget(scroll)
        splitter.addWidget(self.cards_panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([210, 620, 300])
        splitter.setChildrenCollapsible(False)

        self.footer = ConversationFooter(self)
        self.back_button = self.footer.back_button
        self.next_button = self.footer.next_button
        self.saved_label = self.footer.saved_label
        self.discard_button = self.footer.discard_button
        self.complete_button = self.footer.complete_button
        self.back_button.clicked.connect(self.previous_step)
        self.next_button.clicked.connect(self.next_step)
        self.discard_button.clicked.connect(self.ask_discard)
        self.complete_button.clicked.connect(self.request_complete)
        self.message = QtWidgets.QLabel(self)
        self.message.setObjectName("conversationMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000; font-weight: bold;")
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()

        # Shown when a draft started under an older protocol was moved to this one.
        self.migration_notice = QtWidgets.QLabel(self)
        self.migration_notice.setObjectName("migrationNotice")
        self.migration_notice.setWordWrap(True)
        self.migration_notice.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.migration_notice.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.migration_notice.setAccessibleName(self.tr("What changed in this conversation"))
        self.migration_notice.hide()

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.migration_notice)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.footer)

        for keys, slot in (
            ("Alt+Left", self.previous_step),
            ("PgUp", self.previous_step),
            ("Alt+Right", self.next_step),
            ("PgDown", self.next_step),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(keys), self)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _program_text(self, text_id: str) -> str:
        """The unit's wording of program text `text_id` (the default until an admin adapts it)."""
        if not text_id:
            return ""
        if getattr(self.ctx, "db", None) is None:  # a conversation without a store (test fakes)
            return str(load_program_texts(language=content_language())[text_id].text)
        return program_text(self.ctx, text_id, content_language()).text

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
            self._disposition.confirmations_changed.connect(self._update_message)
            self._disposition.set_field_values(self._record_edits)
            page.before_questions.addWidget(self._disposition)
        elif kind == "resources":
            page.add_directory(self._directory)
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
            self.focus_first_unanswered()

    def previous_step(self) -> None:
        ids = self.step_ids()
        index = ids.index(self.current_step_id())
        if index > 0:
            self.go_to_step(ids[index - 1])
            self.focus_first_unanswered()

    def focus_first_unanswered(self) -> None:
        """The keyboard goes on where the supporter has something to do: the first shown
        question of this step without an answer (then its record fields), else Next or Complete
        — never the Crisis button (issue 17, item 6)."""
        if not self._focus_unanswered(self._step_widgets()):
            target = self.next_button if self.next_button.isEnabled() else self.complete_button
            target.setFocus(QtCore.Qt.FocusReason.TabFocusReason)

    def _step_widgets(self) -> list[QuestionWidget]:
        """The questions of the current step in order, then its record fields."""
        page = self._page(self.current_step_id())
        widgets = list(page.question_widgets.values())
        for extra in (self._disposition, self._record_page):
            if extra is not None and page.isAncestorOf(extra):
                widgets += extra.field_widgets.values()
        return widgets

    def _focus_unanswered(self, widgets: list[QuestionWidget]) -> bool:
        for widget in widgets:
            if widget.isVisibleTo(self) and widget.value() is None:
                self._scroll.ensureWidgetVisible(widget, 0, 60)
                widget.focus_target().setFocus(QtCore.Qt.FocusReason.TabFocusReason)
                return True
        return False

    def advance(self) -> None:
        """Enter: on to the next unanswered question of this step after the one in focus, else
        to the next step (on the last step: Complete) — the keyboard's common path."""
        widgets = self._step_widgets()
        focus = QtWidgets.QApplication.focusWidget()
        here = next((i for i, w in enumerate(widgets) if focus and w.isAncestorOf(focus)), -1)
        if self._focus_unanswered(widgets[here + 1 :]):
            return
        if self.next_button.isEnabled():
            self.next_step()
        else:
            self.request_complete()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        # What a child did not take (radio buttons, check boxes, closed combo boxes and spin
        # boxes pass Enter on; the note and the buttons keep theirs).
        if event.key() in (
            QtCore.Qt.Key.Key_Return,
            QtCore.Qt.Key.Key_Enter,
        ) and not event.modifiers() & (
            QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier
        ):
            self.advance()
            event.accept()
            return
        super().keyPressEvent(event)

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
        self.footer.show_saved()
        self.saved.emit(what)

    def _show_unsaved(self, exc: SvdeskError) -> None:
        self.footer.show_unsaved()
        show_error(self, exc)

    def _refresh(self) -> None:
        """After any answer: the rules, branching and markers, before the supporter moves on."""
        self._result = self.services.evaluate(
            self.services.rule_answers(self.draft.carried, self.conversation.answers)
        )
        crisis = next((e for e in self._directory if e.code == "crisis_line"), None)
        self.banner.set_crisis_line(crisis.phone if crisis is not None else None)
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
        self._update_message()

    def missing_record_fields(self) -> list[str]:
        """Record fields the encounter type requires that have no value yet."""
        return completion.missing_record_fields(self)

    def _steps_missing_record_fields(self) -> set[str]:
        return completion.steps_missing_record_fields(self)

    # -- crisis ---------------------------------------------------------------------------
    def showEvent(self, event: QtGui.QShowEvent) -> None:
        # Own the shortcut only as a window of its own (see CRISIS_SHORTCUT).
        self._crisis_shortcut.setEnabled(self.isWindow() or self.hosted)
        super().showEvent(event)
        if not self._focused_once:
            # Opened: the keyboard starts at the first question, not on Crisis (issue 17).
            self._focused_once = True
            self.focus_first_unanswered()

    def open_crisis(self) -> None:
        self.crisis_requested.emit()
        if self.opens_crisis_itself:
            dialog = CrisisDialog(
                self.ctx,
                case_code=self.draft.case_code,
                parent=self,
                services=self.services.unit,
            )
            dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.emergency_recorded.connect(self.emergency_recorded)
            dialog.open()
            self.crisis_dialog = dialog

    # -- discard --------------------------------------------------------------------------
    def ask_discard(self) -> QtWidgets.QMessageBox:
        box, _discard = discard_confirmation(self)

        def done(button: str) -> None:
            if button == "discardDraft":
                self.discard()

        when_answered(box, done)
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

    def _update_message(self) -> None:
        """A shown completion message follows the answers: it lists what is still missing,
        and goes away once nothing is (it used to keep the first round's list)."""
        if self.message.isHidden():
            return
        problem = self.completion_problem()
        if problem is None:
            self._clear_message()
            return
        self.message.setText("⚠ " + problem[0])
        self.message.setAccessibleDescription(problem[0])

    def _problem_widget(self, step_id: str) -> QtWidgets.QWidget | None:
        return completion.problem_widget(self, step_id)

    def completion_problem(self) -> tuple[str, str | None] | None:
        """Why the conversation cannot be completed yet (message, step to show), or None."""
        return completion.completion_problem(self)

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


# ------------------------------------------------------------------------------ opening


def start_new_conversation(
    ctx: UnitContext,
    parent: QtWidgets.QWidget | None = None,
    *,
    encounter_type: str = "initial",
    case_code: str | None = None,
    followup_id: str | None = None,
    services: ConversationServices | None = None,
    protocol: Protocol | None = None,
) -> ConversationWindow:
    """Create a draft through `svdesk.unit.drafts.start_conversation` and open it."""
    services = services or ConversationServices.default()
    if protocol is None:
        protocol = load_protocol(language=content_language())
    draft = services.unit.start_conversation(
        ctx, protocol, encounter_type=encounter_type, case_code=case_code, followup_id=followup_id
    )
    return ConversationWindow(ctx, draft, protocol, parent, services=services)


def resume_conversation(
    ctx: UnitContext,
    draft_id: str,
    parent: QtWidgets.QWidget | None = None,
    *,
    services: ConversationServices | None = None,
    protocol: Protocol | None = None,
) -> ConversationWindow:
    """Reopen a saved draft (after a crash, a lock, or a handoff) where it was left."""
    services = services or ConversationServices.default()
    if protocol is None:
        protocol = load_protocol(language=content_language())
    draft = services.unit.load_draft(ctx, draft_id)
    notices: tuple[str, ...] = ()
    if draft.protocol_version != protocol.version:
        # Started under an older protocol: moved to this one, with a visible notice.
        migrated = migrate_draft(ctx, draft_id, protocol)
        if migrated is not None:
            draft, notices = migrated.draft, migrated.notices
    window = ConversationWindow(ctx, draft, protocol, parent, services=services)
    if notices:
        window.show_migration_notice(notices)
    return window
