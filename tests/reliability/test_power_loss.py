"""Issue 18: the power-loss simulation (tests/reliability/power_loss.py), short: three cuts
during saves, key rotations, backups and exports lose no acknowledged save and leave no corrupt
store. The control shows the simulation does drop unsynced writes: with SQLite's
`synchronous = OFF` (commits that do not wait for the disk) acknowledged saves are lost.
The long run (200 cuts) is in scripts/reliability."""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.reliability import power_loss

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("cc") is None,
    reason="the LD_PRELOAD shim needs Linux and cc",
)


def test_a_power_cut_loses_no_acknowledged_save() -> None:
    outcomes = power_loss.run(3, seed=7)
    assert sum(o.acknowledged for o in outcomes) > 0
    assert [o.lost for o in outcomes] == [0, 0, 0]
    assert [o.message for o in outcomes if o.corrupt] == []


def test_the_simulation_drops_what_was_not_synced() -> None:
    outcomes = power_loss.run(2, seed=7, nosync=True)
    assert sum(o.lost for o in outcomes) > 0 or any(o.corrupt for o in outcomes)
