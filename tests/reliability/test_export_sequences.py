"""Issue 18, items 1(c) and 3: an export's sequence number is never used twice.

Before the fix a failed folder fsync (which comes after the bundle's rename, so the file is on
the drive) released the number; the next export wrote a second bundle 1, the coordinator
rejected it as a rollback and its records never arrived while the unit counted them exported.
And a kill between reserving and writing left a reserved number the coordinator reported
missing forever. Now the number is abandoned and declared in the next bundle's manifest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from svdesk.access.session import Session
from svdesk.coordinator.importing import import_bundles, missing_sequences
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.errors import WriteFailed
from svdesk.exchange import bundle
from svdesk.progress import run_to_end
from svdesk.storage import paths
from svdesk.unit import export
from tests.fakes import close_session, make_session


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler sees it."""


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    coord = make_session(tmp_path, role="coordinator", home_name="coord")
    unit = make_session(tmp_path, role="unit", home_name="unit")
    init_coordinator_keys(coord)
    export.pair(unit, card_bytes(coord))
    yield coord, unit
    close_session(unit)
    close_session(coord)


def test_a_failed_folder_fsync_abandons_the_number_and_the_next_bundle_declares_it(
    pair: tuple[Session, Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coord, unit = pair
    out = tmp_path / "usb"
    out.mkdir()

    def failing_fsync(path: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(paths, "fsync_dir", failing_fsync)
    with pytest.raises(WriteFailed, match="could not be made durable"):
        run_to_end(export.export_bundle(unit, out))
    monkeypatch.undo()
    first = sorted(out.glob(f"*{bundle.BUNDLE_SUFFIX}"))
    assert len(first) == 1  # the rename happened: bundle 1 is on the drive

    second = run_to_end(export.export_bundle(unit, out))
    assert second.sequence == 2  # before the fix: 1 again
    history = {
        h["sequence"]: h["state"] for h in export.export_history(unit, include_abandoned=True)
    }
    assert history == {1: "abandoned", 2: "done"}

    # The coordinator gets both (bundle 1 did reach the drive): both import, nothing missing.
    summary = run_to_end(import_bundles(coord, [first[0], second.path], trust_new=True))
    assert [i["sequence"] for i in summary.imported] == [1, 2]
    assert summary.rejected == []
    assert missing_sequences(coord) == {}


def test_a_kill_between_reserving_and_writing_is_declared_and_not_missing(
    pair: tuple[Session, Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coord, unit = pair
    out = tmp_path / "usb"
    out.mkdir()
    first = run_to_end(export.export_bundle(unit, out))

    def killed(path: Path, data: bytes) -> None:
        raise Killed

    monkeypatch.setattr(export, "atomic_write", killed)
    with pytest.raises(Killed):
        run_to_end(export.export_bundle(unit, out))
    monkeypatch.undo()
    assert {
        h["sequence"]: h["state"] for h in export.export_history(unit, include_abandoned=True)
    } == {
        1: "done",
        2: "reserved",
    }
    third = run_to_end(export.export_bundle(unit, out))
    assert third.sequence == 3
    opened_states = {
        h["sequence"]: h["state"] for h in export.export_history(unit, include_abandoned=True)
    }
    assert opened_states == {1: "done", 2: "abandoned", 3: "done"}

    summary = run_to_end(import_bundles(coord, [first.path, third.path], trust_new=True))
    assert summary.rejected == []
    # Before the fix the coordinator listed 2 as missing, after every import, for good.
    assert summary.missing_sequences == []
    assert missing_sequences(coord) == {}


def test_a_lost_bundle_is_still_reported_missing(
    pair: tuple[Session, Session], tmp_path: Path
) -> None:
    """Declaring abandoned numbers does not hide a bundle that was written and then lost."""
    coord, unit = pair
    out = tmp_path / "usb"
    out.mkdir()
    run_to_end(export.export_bundle(unit, out))  # 1: written, never carried over
    second = run_to_end(export.export_bundle(unit, out))
    run_to_end(import_bundles(coord, [second.path], trust_new=True))
    ws = unit.workstation.info.store_id
    assert missing_sequences(coord) == {ws: [1]}
