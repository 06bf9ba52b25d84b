"""The process that tests/ui/test_e2e_keyboard_kill.py kills: the real svdesk window on a store,
driven by keyboard only, saying on stdout what it saves. Not a test (pytest does not collect it).

Run as `python e2e_conversation_child.py HOME` with QT_QPA_PLATFORM=offscreen; the passphrase is
read from the E2E_PASSPHRASE variable. It unlocks through the unlock page, starts a new
conversation from the home page and answers `SCRIPT` (steps 0 to 4) by Tab, arrow keys, Space and
typing. Around each answer save it prints, and flushes:

    saving <question id> <value as JSON>   about to write the answer (it may not be durable yet)
    saved <question id> <value as JSON>    the store returned and "Saved" is shown

then `done` when the script is through, and waits to be killed. The keyboard helpers below are
also used by the parent test for the resume-and-finish half.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Steps 0–4 of a first conversation, in screen order: a yes to screener item 2 and answers to
# items 3–5 (a yes to item 4 makes it an emergency, so completing needs the crisis confirmations).
SCRIPT: tuple[tuple[str, object], ...] = (
    ("safety.unsafe_to_continue_care", False),
    ("activation_source", "peer"),
    ("modality", "in_person"),
    ("format", "individual"),
    ("people_reached", 1),
    ("response_time", "le_30min"),
    ("event.categories", ["near_miss", "pediatric_event"]),
    ("event.days_since", 2),
    ("event.staff_affected", 3),
    ("event.repeat_in_90d", False),
    ("stress.zone", "orange"),
    ("stress.symptom_days", 3),
    ("stress.recovery_stage", "2_intrusive_reflections"),
    ("stress.functional_impairment", False),
    ("stress.substance_use_to_cope", False),
    ("stress.considering_leaving", False),
    ("safety.imminent_danger", False),
    ("safety.cssrs.wish_dead", True),
    ("safety.cssrs.suicidal_thoughts", True),
    ("safety.cssrs.method", True),
    ("safety.cssrs.intent", True),
    ("safety.cssrs.plan", False),
    ("safety.cssrs.behavior_lifetime", False),
    ("safety.harm_to_others_thoughts", False),
)

PACE_MS = 25  # between answers, so that a kill can land anywhere (not only after the last one)


# ------------------------------------------------------------------------------ keyboard


def _qt() -> Any:
    import ui.qt  # when first called: the parent imports SCRIPT before Qt is set up

    return ui.qt


def press(widget: Any, key: Any, modifiers: Any = None, text: str = "") -> None:
    """One key press and release delivered to `widget`, as the keyboard would."""
    qt = _qt()
    mods = qt.QtCore.Qt.KeyboardModifier.NoModifier if modifiers is None else modifiers
    for kind in (qt.QtCore.QEvent.Type.KeyPress, qt.QtCore.QEvent.Type.KeyRelease):
        qt.QtWidgets.QApplication.sendEvent(widget, qt.QtGui.QKeyEvent(kind, key, mods, text))


def type_text(widget: Any, text: str) -> None:
    qt = _qt()
    for ch in text:
        press(widget, qt.QtCore.Qt.Key(ord(ch.upper())), None, ch)


def wait_until(condition: Callable[[], object], timeout_s: float = 30.0, what: str = "") -> None:
    """Run the event loop until `condition()` holds."""
    qt = _qt()
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what or condition}")
        qt.QtWidgets.QApplication.processEvents(
            qt.QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20
        )


def pause(ms: int) -> None:
    qt = _qt()
    loop = qt.QtCore.QEventLoop()
    qt.QtCore.QTimer.singleShot(ms, loop.quit)
    loop.exec()


def focused(window: Any) -> Any:
    """The widget with the keyboard focus in `window` (the active window's focus widget)."""
    qt = _qt()
    widget = qt.QtWidgets.QApplication.focusWidget()
    return widget if widget is not None and widget.window() is window else window.focusWidget()


def tab_until(window: Any, wanted: Callable[[Any], bool], limit: int = 400) -> Any:
    """Press Tab until the focus is on a widget `wanted` accepts; that widget."""
    qt = _qt()
    for _ in range(limit):
        widget = focused(window)
        if widget is not None and wanted(widget):
            return widget
        press(widget or window, qt.QtCore.Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the control")


def unlock_by_keyboard(main: Any, passphrase: str) -> None:
    """On the unlock page (the passphrase field has the focus): type, then Enter."""
    qt = _qt()
    from ui.shell.unlock import UnlockPage

    page = main.page
    assert isinstance(page, UnlockPage), f"not the unlock page: {page!r}"
    field = tab_until(main, lambda w: w is page.passphrase)
    type_text(field, passphrase)
    press(field, qt.QtCore.Qt.Key.Key_Return)


def go_to_step_by_keyboard(host: Any, conversation: Any, step_id: str) -> None:
    """Tab to the step rail, then arrow up or down to `step_id` (arrows move between steps)."""
    qt = _qt()
    if conversation.current_step_id() == step_id:
        return
    rail = tab_until(host, lambda w: w is conversation.rail)
    ids = conversation.step_ids()
    for _ in range(len(ids) * 2):
        current = ids.index(conversation.current_step_id())
        target = ids.index(step_id)
        if current == target:
            return
        press(rail, qt.QtCore.Qt.Key.Key_Down if target > current else qt.QtCore.Qt.Key.Key_Up)
    raise AssertionError(f"the rail did not reach {step_id}")


def _arrow_towards(source: Any, target: Any) -> Any:
    qt = _qt()
    here = source.mapToGlobal(source.rect().center())
    there = target.mapToGlobal(target.rect().center())
    if abs(there.y() - here.y()) > source.height() // 2:
        return qt.QtCore.Qt.Key.Key_Down if there.y() > here.y() else qt.QtCore.Qt.Key.Key_Up
    return qt.QtCore.Qt.Key.Key_Right if there.x() > here.x() else qt.QtCore.Qt.Key.Key_Left


def answer_by_keyboard(host: Any, conversation: Any, qid: str, value: object) -> None:
    """Give `value` to question `qid` with the keyboard: the rail to its step, Tab to it, then
    arrows (radio buttons, combo box), Space (check boxes) or typing and Enter (numbers)."""
    qt = _qt()
    from ui.widgets.question_widgets import (
        ChoiceComboQuestion,
        MultiQuestion,
        NumberQuestion,
        RadioQuestion,
    )

    go_to_step_by_keyboard(host, conversation, conversation._step_of[qid])
    widget = conversation.question_widget(qid)
    if not widget.isVisibleTo(conversation):
        raise AssertionError(f"{qid} is not shown")
    if isinstance(widget, MultiQuestion):
        wanted = set(value or ())  # type: ignore[call-overload]
        for code, box in widget.boxes.items():
            if box.isChecked() != (code in wanted):
                press(
                    tab_until(host, lambda w, b=box: w is b), qt.QtCore.Qt.Key.Key_Space, None, " "
                )
    else:
        control = tab_until(host, widget.isAncestorOf)
        if isinstance(widget, RadioQuestion):
            target = widget.radio(value)
            for _ in range(12):
                current = focused(host)
                if current is target:
                    break
                press(current, _arrow_towards(current, target))
            if not target.isChecked():  # reached by Tab with nothing moved: tick it
                press(target, qt.QtCore.Qt.Key.Key_Space, None, " ")
        elif isinstance(widget, ChoiceComboQuestion):
            goal = widget.combo.findData(value)
            for _ in range(widget.combo.count()):
                index = widget.combo.currentIndex()
                if index == goal:
                    break
                press(
                    control, qt.QtCore.Qt.Key.Key_Down if goal > index else qt.QtCore.Qt.Key.Key_Up
                )
        elif isinstance(widget, NumberQuestion):
            press(
                control, qt.QtCore.Qt.Key.Key_A, qt.QtCore.Qt.KeyboardModifier.ControlModifier, ""
            )
            type_text(control, str(value))
            press(control, qt.QtCore.Qt.Key.Key_Return)
        else:
            raise AssertionError(f"no keyboard path for {type(widget).__name__}")
    if widget.value() != value:
        raise AssertionError(f"{qid}: the widget shows {widget.value()!r}, not {value!r}")


def conversation_hosts() -> list[Any]:
    from ui.unit.conversation_host import ConversationHost

    qt = _qt()
    return [
        w
        for w in qt.QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ConversationHost) and w.isVisible()
    ]


# ------------------------------------------------------------------------------ the child


def _say(*parts: str) -> None:
    sys.stdout.write(" ".join(parts) + "\n")
    sys.stdout.flush()


def _value(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def main(argv: list[str]) -> int:
    home = Path(argv[1])
    passphrase = os.environ["E2E_PASSPHRASE"]
    from ui.runtime.app import create_application
    from ui.shell.main_window import MainWindow

    qt = _qt()
    app = create_application([sys.argv[0]])
    main_window = MainWindow(home)  # passphrase-only: no keyring is read
    main_window.show()
    main_window.load_screens()
    main_window.activateWindow()
    wait_until(
        lambda: qt.QtWidgets.QApplication.activeWindow() is main_window, what="the main window"
    )
    unlock_by_keyboard(main_window, passphrase)
    wait_until(lambda: main_window.home_page is not None, what="the home page")
    home_page = main_window.home_page
    # The home page opens with the focus on "New conversation".
    start = tab_until(main_window, lambda w: w is home_page.new_conversation_button)
    press(start, qt.QtCore.Qt.Key.Key_Space, None, " ")
    wait_until(lambda: len(conversation_hosts()) == 1, what="the conversation window")
    host = conversation_hosts()[0]
    wait_until(
        lambda: qt.QtWidgets.QApplication.activeWindow() is host, what="the conversation active"
    )
    conversation = host.conversation

    # Say what is being written before the store is asked (a kill may land in between) and what
    # the store acknowledged once "Saved" is on screen.
    cases_ops = conversation.services.unit
    real_save = cases_ops.save_answer

    def save_answer(ctx: Any, draft_id: str, qid: str, value: object, **kwargs: Any) -> Any:
        _say("saving", qid, _value(value))
        return real_save(ctx, draft_id, qid, value, **kwargs)

    def acknowledged(what: str) -> None:
        if what in conversation._step_of and conversation.saved_label.text().startswith("✓"):
            _say("saved", what, _value(conversation.answers().get(what)))

    cases_ops.save_answer = save_answer
    conversation.saved.connect(acknowledged)
    _say("draft", str(conversation.draft.id))

    for qid, value in SCRIPT:
        answer_by_keyboard(host, conversation, qid, value)
        pause(PACE_MS)
    _say("done")
    qt.QtCore.QTimer.singleShot(60_000, app.quit)  # never outlive a parent that forgot to kill
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
