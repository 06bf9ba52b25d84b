"""The plain crisis-numbers file the locked crisis screen reads (docs/crisis-snapshot.md) edited
or removed by someone on the same OS account (issue 13, item 8). It cannot be signed in a way
the locked screen could check against that person, so the change is detected at the next
unlock or directory save: audited, reported, and the file rewritten from the store. Before,
the edited number stayed on the locked screen with no trace and no warning."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from svdesk.access.session import Session
from svdesk.unit import directory
from svdesk.unit.context import context_for
from svdesk.unit.directory import CRISIS_SNAPSHOT_NAME, SNAPSHOT_HASH_SETTING
from tests.fakes import close_session, make_session


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = make_session(tmp_path)
    yield s
    close_session(s)


def _audited(session: Session, action: str) -> list[dict[str, object]]:
    return [
        json.loads(detail)
        for (detail,) in session.db.execute(
            "SELECT detail FROM audit WHERE action = ? ORDER BY seq", [action]
        )
    ]


def _phones(home: Path) -> list[str]:
    return [n.phone for n in directory.read_crisis_snapshot(home)]


def test_a_crisis_number_changed_in_the_plain_file_is_detected_and_put_back(
    session: Session,
) -> None:
    home = session.workstation.home
    ctx = context_for(session)
    directory.set_directory_entry(ctx, "crisis_line", "988")
    assert _phones(home) == ["988"]
    path = home / CRISIS_SNAPSHOT_NAME
    path.write_text(path.read_text("utf-8").replace("988", "555 0199"), "utf-8")
    assert _phones(home) == ["555 0199"]  # what the locked screen would show meanwhile

    result = directory.refresh_crisis_snapshot(ctx, home)  # as at the next unlock
    assert result.changed_outside
    assert result.wrote
    assert _phones(home) == ["988"]
    assert _audited(session, "crisis_snapshot_changed_outside") == [
        {"file": CRISIS_SNAPSHOT_NAME, "removed": False}
    ]
    # Put back: the next refresh finds nothing to report.
    assert directory.refresh_crisis_snapshot(ctx, home) == (False, False)


def test_a_removed_crisis_file_is_reported_too(session: Session) -> None:
    home = session.workstation.home
    ctx = context_for(session)
    directory.set_directory_entry(ctx, "emergency", "2222")
    (home / CRISIS_SNAPSHOT_NAME).unlink()
    assert directory.refresh_crisis_snapshot(ctx, home).changed_outside
    assert _phones(home) == ["2222"]
    assert _audited(session, "crisis_snapshot_changed_outside") == [
        {"file": CRISIS_SNAPSHOT_NAME, "removed": True}
    ]


def test_a_store_from_before_the_hash_is_not_reported(session: Session) -> None:
    home = session.workstation.home
    ctx = context_for(session)
    directory.set_directory_entry(ctx, "emergency", "2222")
    with session.store.transaction():
        session.db.execute("DELETE FROM settings WHERE key = ?", [SNAPSHOT_HASH_SETTING])
    result = directory.refresh_crisis_snapshot(ctx, home)
    assert not result.changed_outside
    assert _audited(session, "crisis_snapshot_changed_outside") == []
    # From now on the hash is kept: an edit is caught.
    (home / CRISIS_SNAPSHOT_NAME).write_text("{}", "utf-8")
    assert directory.refresh_crisis_snapshot(ctx, home).changed_outside
