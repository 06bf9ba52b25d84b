"""Guessing passphrases on the unlock screen and editing keys.json to end the delay and hide
the failures (issue 13, item 2): the keyring keeps a second counter, so the delay holds and the
next unlock audits the failures and the edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svdesk.access.throttle import UnlockDelayed
from svdesk.access.workstation import Workstation
from svdesk.errors import WrongPassphrase
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets


def test_resetting_the_failure_counter_in_keys_json_keeps_the_delay_and_is_audited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_000_000.0]
    monkeypatch.setattr(Workstation, "clock", staticmethod(lambda: now[0]))
    session = make_session(tmp_path)
    home, secrets, admin = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    ws = Workstation.open(home, secrets)
    for _ in range(6):
        now[0] += 1_000  # past any delay
        with pytest.raises(WrongPassphrase):
            ws.unlock(admin, "a guess at the passphrase")
    assert ws.unlock_delay() == 16.0
    ws.close()

    path = home / "keys.json"
    data = json.loads(path.read_text())
    data["failures"] = {"count": 0, "last_at": 0.0, "pending": []}
    path.write_text(json.dumps(data))

    ws = Workstation.open(home, secrets)
    assert ws.unlock_delay() == 16.0
    with pytest.raises(UnlockDelayed):
        ws.unlock(admin, ADMIN_PASSPHRASE)
    now[0] += 16
    session = ws.unlock(admin, ADMIN_PASSPHRASE)
    rows = session.db.execute("SELECT action, detail FROM audit ORDER BY seq").fetchall()
    actions = [r[0] for r in rows]
    assert actions.count("unlock_failed") == 6  # the hidden failures are in the log after all
    edited = [json.loads(r[1]) for r in rows if r[0] == "unlock_failures_edited"]
    assert edited == [{"in_keys_file": 0, "in_keyring": 6}]
    close_session(session)
    ws = Workstation.open(home, secrets)
    assert ws.unlock_delay() == 0.0  # both counters start again after the unlock
    close_session(ws.unlock(admin, ADMIN_PASSPHRASE))
