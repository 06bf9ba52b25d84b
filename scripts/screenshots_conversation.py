"""Render the conversation, record, crisis and queue screens offscreen into docs/screenshots/.

    .venv/bin/python scripts/screenshots_conversation.py [--out DIR]

Uses a throw-away unit store (in-memory device secret, cheap key derivation) and drives the
real windows through the main window's screens, as `svdesk gui` does. Synthetic content only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SVDESK_KDF_PROFILE", "test")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# same folder: the shared helpers of the screenshot scripts
from screenshots import PASSPHRASE, MemorySecrets, save, wait_until

from svdesk.access.workstation import Workstation
from svdesk.content.protocol.loader import load_protocol
from svdesk.unit import cases, directory, drafts, escalations
from svdesk.unit.context import context_for
from ui.qt import QtWidgets
from ui.runtime import ops
from ui.runtime.app import create_application
from ui.shell.main_window import MainWindow
from ui.shell.unlock import UnlockPage
from ui.unit.conversation_host import ConversationHost
from ui.unit.crisis import CrisisDialog


def answer(window: object, qid: str, value: object) -> None:
    from ui.widgets.question_widgets import MultiQuestion, NumberQuestion

    window.go_to_step(window._step_of[qid])  # type: ignore[attr-defined]
    widget = window.question_widget(qid)  # type: ignore[attr-defined]
    if isinstance(widget, MultiQuestion):
        for code, box in widget.boxes.items():
            box.setChecked(code in (value or ()))  # type: ignore[operator]
    elif isinstance(widget, NumberQuestion):
        widget.spin.setValue(int(value))  # type: ignore[call-overload]
    elif hasattr(widget, "combo"):
        widget.combo.setCurrentIndex(widget.combo.findData(value))
    else:
        widget.radio(value).click()


def host_window() -> ConversationHost:
    hosts = [w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, ConversationHost)]
    return hosts[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    create_application(["svdesk-screenshots"])
    with tempfile.TemporaryDirectory(prefix="svdesk-shots-") as tmp:
        home = Path(tmp) / "store"
        secrets = MemorySecrets()
        session, _code = Workstation.create(
            home,
            role="unit",
            site="NORTH",
            unit="ICU2",
            admin_name="Sam R.",
            passphrase=PASSPHRASE,
            secrets=secrets,
        )
        ctx = context_for(session)
        directory.set_directory_entry(ctx, "emergency", "2222", "hospital emergency team")
        directory.set_directory_entry(ctx, "crisis_line", "988", "24/7, call or text")
        directory.set_directory_entry(ctx, "psychology", "+1 555 0142 ext 31", "on call 8–20")
        escalations.record_emergency(ctx)  # something in the queue
        # Two conversations completed days ago: an overdue follow-up and escalation, and one due.
        for days_ago, zone, plan in ((4, "red", "h24_72"), (1, "yellow", "w1")):
            past = datetime.now(UTC) - timedelta(days=days_ago)
            then = replace(ctx, now=lambda past=past: past, today=lambda past=past: past.date())
            protocol = load_protocol()
            draft = drafts.start_conversation(then, protocol)
            for qid, value in (
                ("activation_source", "peer"),
                ("modality", "in_person"),
                ("format", "individual"),
                ("people_reached", 1),
                ("stress.zone", zone),
                ("followup_plan", plan),
                ("duration", "m15_30"),
                ("needs_met", "yes"),
                ("role_category", "nurse"),
                ("unit_category", "icu_adult"),
            ):
                drafts.save_answer(then, draft.id, qid, value, protocol=protocol)
            cases.complete(then, draft.id, protocol)
        session.lock()
        session.workstation.close()

        window = MainWindow(home, secrets)
        window.load_screens()
        window.resize(1366, 768)
        window.show()
        unlock = window.page
        assert isinstance(unlock, UnlockPage)
        unlock.passphrase.setText(PASSPHRASE)
        unlock.submit()
        wait_until(lambda: window.home_page is not None)

        # A conversation at the check step, orange zone, with a screener "yes".
        window.home_page.new_conversation_button.click()
        wait_until(
            lambda: any(
                isinstance(w, ConversationHost) for w in QtWidgets.QApplication.topLevelWidgets()
            )
        )
        host = host_window()
        # What a 1366×768 workstation shows (the offscreen screen is smaller, and the window
        # sizes itself to the screen it opens on).
        host.resize(1366, 768)
        conversation = host.conversation
        for qid, value in (
            ("activation_source", "peer"),
            ("modality", "in_person"),
            ("format", "individual"),
            ("people_reached", 1),
            ("event.categories", ["medication_or_treatment_error"]),
            ("event.days_since", 1),
        ):
            answer(conversation, qid, value)
        answer(conversation, "stress.zone", "orange")
        answer(conversation, "stress.symptom_days", 2)
        conversation.go_to_step("check")
        for _ in range(3):
            QtWidgets.QApplication.processEvents()
        conversation._scroll.ensureWidgetVisible(
            conversation.question_widget("stress.recovery_stage"), 0, 10
        )
        save(host, out, "conversation-check")

        answer(conversation, "safety.cssrs.wish_dead", True)
        answer(conversation, "safety.cssrs.suicidal_thoughts", True)
        answer(conversation, "safety.cssrs.method", False)
        conversation.go_to_step("safety_check")
        for _ in range(3):
            QtWidgets.QApplication.processEvents()
        conversation._scroll.ensureWidgetVisible(
            conversation.question_widget("safety.cssrs.behavior_lifetime"), 0, 10
        )
        save(host, out, "conversation-safety-check")

        answer(conversation, "referral_targets", ["psychology", "crisis_line"])
        answer(conversation, "referral_accepted", "yes")
        answer(conversation, "followup_plan", "h24_72")
        conversation.go_to_step("disposition")
        save(host, out, "conversation-disposition")

        answer(conversation, "duration", "m31_60")
        answer(conversation, "needs_met", "partly")
        conversation.go_to_step("record")
        page = conversation._record_page
        assert page is not None
        page.note.set_text("Anna asked to be called back on 555-123-4567; follow up about sleep.")
        page.note.editor.setFocus()
        for _ in range(3):
            QtWidgets.QApplication.processEvents()
        conversation._scroll.verticalScrollBar().setValue(
            conversation._scroll.verticalScrollBar().maximum()
        )
        save(host, out, "record-guarded-note")

        # Emergency: the banner and the confirmations at disposition.
        answer(conversation, "safety.imminent_danger", True)
        conversation.request_complete()
        save(host, out, "conversation-emergency-disposition")

        conversation.crisis_button.click()
        crisis = conversation.crisis_dialog
        assert isinstance(crisis, CrisisDialog)
        save(crisis, out, "crisis")
        crisis.record_button.click()
        save(crisis, out, "crisis-recorded")
        crisis.close()
        host.close()

        wait_until(lambda: window.home_page is not None)
        window.home_page.escalations.refresh()
        window.home_page.open_drafts.refresh()
        window.home_page.escalations.select_row(0)
        save(window, out, "home-queues")
        window.shutdown()
        window.close()
    ops.wait_for_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
