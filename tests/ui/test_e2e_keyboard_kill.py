"""End to end by keyboard, with a crash: a supporter runs a conversation in the real window, the
process is killed (SIGKILL) at a random point, a new window unlocks the same store, resumes the
unfinished conversation from the home page, finds every acknowledged answer, finishes and
completes it, and the completed record keeps no screening item answer anywhere in the store.

Issue: "A supporter can run a whole conversation in the GUI by keyboard, kill the process mid-way,
unlock again and finish it, and the completed record holds no screening item answers."
The first half runs in tests/ui/e2e_conversation_child.py (a real process to kill).
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import e2e_conversation_child as child
import pytest
from fakes import ADMIN_NAME, ADMIN_PASSPHRASE

from svdesk.access.workstation import Workstation
from svdesk.unit import escalations, records
from svdesk.unit.context import context_for
from ui.qt import QtCore, QtWidgets

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(child.__file__).resolve()
LINE_TIMEOUT_S = 60.0  # the child's start (imports, unlock) on a busy shared machine

# What the record step and disposition still need (the child stops after step 4).
REMAINING_REQUIRED: tuple[tuple[str, object], ...] = (
    ("followup_plan", "h24_72"),
    ("duration", "m15_30"),
    ("needs_met", "partly"),
    ("role_category", "nurse"),
    ("unit_category", "icu_adult"),
)


def _passphrase_only_store(home: Path) -> None:
    session, _code = Workstation.create(
        home,
        role="unit",
        site="SITE1",
        unit="ICU",
        admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE,
        secrets=None,
        passphrase_only=True,
    )
    session.lock()
    session.workstation.close()


class ChildRun:
    """The child process and the lines it printed, read on a thread (a blocked read must not
    hang the test)."""

    def __init__(self, home: Path, scratch: Path) -> None:
        user_home = scratch / "user-home"
        user_home.mkdir()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "SVDESK_KDF_PROFILE": "test",
            "E2E_PASSPHRASE": ADMIN_PASSPHRASE,
            "PYTHONPATH": str(ROOT),
            # Never the real home, config or keyring (the store is passphrase-only anyway).
            "HOME": str(user_home),
            "XDG_CONFIG_HOME": str(user_home / ".config"),
            "XDG_CACHE_HOME": str(user_home / ".cache"),
            "XDG_DATA_HOME": str(user_home / ".local" / "share"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        self.stderr_path = scratch / "child-stderr.txt"
        self._stderr = self.stderr_path.open("w")
        self.proc = subprocess.Popen(  # our own script, with the venv's python
            [sys.executable, str(CHILD), str(home)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def next_line(self) -> str | None:
        try:
            line = self._queue.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            self.kill()
            self._reader.join(timeout=10)
            problem = self.stderr()
            self.close()
            pytest.fail(f"the child printed nothing for {LINE_TIMEOUT_S} s: {problem}")
        if line is not None:
            self.lines.append(line)
        return line

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def drain(self) -> None:
        """Every line printed before the kill (the pipe keeps what was flushed)."""
        while self.next_line() is not None:
            pass
        self._reader.join(timeout=10)
        self.close()

    def close(self) -> None:
        if self.proc.stdout is not None and not self._reader.is_alive():
            self.proc.stdout.close()
        self._stderr.close()

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-3000:]


def _parse(lines: list[str]) -> tuple[dict[str, object], tuple[str, object] | None, int]:
    """The acknowledged answers (last value per question), the save in flight when the process
    died (printed 'saving' without 'saved': it may or may not have reached the disk), and the
    number of acknowledged saves."""
    acked: dict[str, object] = {}
    pending: tuple[str, object] | None = None
    count = 0
    for line in lines:
        kind, _, rest = line.partition(" ")
        if kind not in ("saving", "saved"):
            continue
        qid, _, value = rest.partition(" ")
        if kind == "saving":
            pending = (qid, json.loads(value))
        else:
            acked[qid] = json.loads(value)
            pending = None
            count += 1
    return acked, pending, count


def _table_text(db: Any) -> str:
    """Every text value of every column of every table (as tests/core/test_cases_support.py)."""
    out: list[str] = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in db.execute(f'SELECT * FROM "{table}"'):
            out.extend(str(v) for v in row if isinstance(v, str | bytes))
    return "\n".join(out)


def _press_space(widget: Any) -> None:
    child.press(widget, QtCore.Qt.Key.Key_Space, None, " ")


@pytest.mark.parametrize("seed", [11, 23, 47])
def test_kill_mid_conversation_then_resume_and_finish_by_keyboard(
    qtbot: Any, open_window: Any, tmp_path: Path, seed: int
) -> None:
    home = tmp_path / "home"
    _passphrase_only_store(home)
    rng = random.Random(seed)
    kill_after = rng.randint(3, len(child.SCRIPT) - 2)
    # Killed between two answers, or while the next answer is being written to the store.
    mid_save = rng.choice((False, True))

    # ---- first half: the child process, killed after `kill_after` acknowledged saves
    run = ChildRun(home, tmp_path)
    saved = 0
    while True:
        line = run.next_line()
        if line is None:
            run.kill()
            problem = run.stderr()
            run.close()
            pytest.fail(f"the child ended early: {problem}")
        saved += line.startswith("saved ")
        if saved >= kill_after and line.startswith("saving " if mid_save else "saved "):
            break
    run.kill()
    run.drain()
    assert run.proc.returncode == -signal.SIGKILL
    acked, pending, count = _parse(run.lines)
    assert "done" not in run.lines, "the kill came after the whole script"
    print(
        f"seed {seed}: killed after {count} acknowledged saves"
        f"{', one more in flight' if pending else ''} (asked for {kill_after}, {mid_save=})"
    )
    assert count >= 3

    # ---- second half: a new window on the same store, by keyboard
    main = open_window(home)
    main.load_screens()
    child.unlock_by_keyboard(main, ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=30_000)
    home_page = main.home_page
    drafts = home_page.open_drafts
    assert drafts.isVisibleTo(home_page), "the unfinished conversation is not offered"
    assert drafts.table.rowCount() == 1
    resume = child.tab_until(main, lambda w: w is drafts.resume_button)
    _press_space(resume)
    qtbot.waitUntil(lambda: len(child.conversation_hosts()) == 1)
    host = child.conversation_hosts()[0]
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is host)
    conversation = host.conversation

    # It opens where it was left: on the step of the last acknowledged answer or on the way
    # (by the rail) to the next one.
    steps = conversation.step_ids()
    order = [qid for qid, _v in child.SCRIPT]
    last = next(line.split(" ")[1] for line in reversed(run.lines) if line.startswith("saved "))
    after = order[order.index(last) + 1] if order.index(last) + 1 < len(order) else last
    low, high = (steps.index(conversation._step_of[q]) for q in (last, after))
    assert low <= steps.index(conversation.current_step_id()) <= high

    # Every answer acknowledged before the kill is on screen (the one in flight may be either).
    for qid, value in acked.items():
        allowed = [value]
        if pending is not None and pending[0] == qid:
            allowed.append(pending[1])
        widget = conversation.question_widget(qid)
        assert not widget.isHidden(), f"{qid} is hidden"  # (its page may be another step)
        assert widget.value() in allowed, f"{qid}: acknowledged {value!r}, shown {widget.value()!r}"
    if pending is not None and pending[0] not in acked:
        assert conversation.question_widget(pending[0]).value() in (None, pending[1])
    if pending is not None:
        landed = conversation.question_widget(pending[0]).value() == pending[1]
        print(
            f"seed {seed}: the answer in flight ({pending[0]}) {'was' if landed else 'was not'}"
            " on disk"
        )

    # Finish by keyboard: what the child did not get to, then the record's required fields.
    acks: list[str] = []
    conversation.saved.connect(acks.append)
    for qid, value in (*child.SCRIPT, *REMAINING_REQUIRED):
        if conversation.question_widget(qid).value() != value:
            before = len(acks)
            child.answer_by_keyboard(host, conversation, qid, value)
            assert acks[before:], f"no save acknowledged for {qid}"
            assert conversation.saved_label.text().startswith("✓")
    assert conversation.banner.level() == "emergency"  # item 4 (intent) is a yes
    draft_id = str(conversation.draft.id)
    case_code = str(conversation.draft.case_code)
    ctx = context_for(main.session)
    [(draft_answers,)] = list(ctx.db.execute("SELECT answers FROM drafts WHERE id = ?", [draft_id]))
    assert "safety.cssrs.intent" in draft_answers
    assert "safety.cssrs" in _table_text(ctx.db)  # the search below can find the items

    # Complete: refused until the crisis steps are confirmed; the focus goes to the first one.
    complete = child.tab_until(host, lambda w: w is conversation.complete_button)
    _press_space(complete)
    assert conversation.message.isVisible()
    assert "emergency" in conversation.message.text().lower()
    panel = conversation._disposition
    assert panel is not None
    for box in (panel.confirm_stay, panel.confirm_called, panel.confirm_handover):
        _press_space(child.tab_until(host, lambda w, b=box: w is b))
    target = child.tab_until(host, lambda w: w is panel.handover_target)
    child.press(target, QtCore.Qt.Key.Key_Down)
    assert panel.confirmations_complete()
    with qtbot.waitSignal(conversation.completed, timeout=10_000) as done:
        _press_space(child.tab_until(host, lambda w: w is conversation.complete_button))
    encounter = done.args[0]
    qtbot.waitUntil(lambda: child.conversation_hosts() == [])
    assert main.findChild(QtWidgets.QMessageBox, "conversationCompleted") is not None

    # ---- the record: screened and positive, no screener item answer anywhere
    [stored] = records.encounters_for_case(ctx, case_code)
    assert stored.encounter_id == encounter.encounter_id
    assert "cssrs" in stored.screens_done
    assert stored.screen_positive is True
    assert stored.escalation_level == "emergency"
    [raised] = [
        e for e in escalations.open_escalations(ctx) if e.encounter_id == encounter.encounter_id
    ]
    assert raised.due_at == raised.created_at  # emergency: due now
    everything = _table_text(ctx.db)
    assert "safety.cssrs" not in everything
    assert draft_answers not in everything
    assert list(ctx.db.execute("SELECT count(*) FROM drafts")) == [(0,)]
    assert not home_page.open_drafts.isVisibleTo(home_page)
