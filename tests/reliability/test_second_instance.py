"""A second svdesk on the same folder (its lock file removed) must not write back its stale
keys.json over a newer one (issue 18, item 1a): an enrolment or a key rotation made by the
first instance stays, and the second says what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import WrongPassphrase
from svdesk.keys.keyfile import StaleKeyFile
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets


def _names(home: Path) -> set[str]:
    return {s["name"] for s in json.loads((home / "keys.json").read_text())["supporters"]}


def test_a_stale_second_instance_cannot_undo_an_enrolment(tmp_path: Path) -> None:
    first = make_session(tmp_path)
    home, secrets = first.workstation.home, session_secrets(first)
    (home / "svdesk.lock").unlink()  # what let the second instance in
    second = Workstation.open(home, secrets)
    first.enrol("Sam", "sam's own long passphrase")
    assert _names(home) == {"Alex", "Sam"}
    # a failed unlock in the second instance would write its old copy (without Sam)
    with pytest.raises(StaleKeyFile, match="open the store again"):
        second.unlock(first.supporter.id, "not the right passphrase at all")
    with pytest.raises(StaleKeyFile):
        second.unlock(first.supporter.id, ADMIN_PASSPHRASE)  # the unlock's own write
    assert _names(home) == {"Alex", "Sam"}
    second.close()
    close_session(first)
    again = Workstation.open(home, secrets)
    assert {s.name for s in again.supporters()} == {"Alex", "Sam"}
    with pytest.raises(WrongPassphrase):
        again.unlock(first.supporter.id, "not the right passphrase at all")
    again.close()


def test_a_stale_second_instance_cannot_undo_a_key_rotation(tmp_path: Path) -> None:
    first = make_session(tmp_path)
    home, secrets = first.workstation.home, session_secrets(first)
    (home / "svdesk.lock").unlink()
    second = Workstation.open(home, secrets)
    first.rotate_key()
    rotated = json.loads((home / "keys.json").read_text())["key_id"]
    with pytest.raises(StaleKeyFile):
        second.unlock(first.supporter.id, "not the right passphrase at all")
    assert json.loads((home / "keys.json").read_text())["key_id"] == rotated
    second.close()
    close_session(first)
    close_session(Workstation.open(home, secrets).unlock(first.supporter.id, ADMIN_PASSPHRASE))
