"""Issue 17: a calm first contact by keyboard takes at most 60 keystrokes from "New conversation"
to "Completed" (benchmarks/bench_keystrokes.py drives the real main window), and what it typed
is what the record holds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from svdesk.access.workstation import Workstation

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_keystrokes import NAME, PASSPHRASE, TARGET, _make_store, drive

from svdesk.unit.context import context_for
from svdesk.unit.records import encounters_for_case


def test_a_calm_first_contact_takes_at_most_60_keystrokes(qtbot: Any, tmp_path: Path) -> None:
    home = tmp_path / "store"
    _make_store(home)
    result = drive(home)
    assert result.completed, "\n".join(result.trace)
    assert result.keystrokes <= TARGET, "\n".join(result.trace)

    workstation = Workstation.open(home, None)
    who = next(s for s in workstation.supporters() if s.name == NAME)
    session = workstation.unlock(who.id, PASSPHRASE)
    try:
        ctx = context_for(session)
        codes = [r["case_code"] for r in ctx.db.query("SELECT case_code FROM cases")]
        [encounter] = [e for code in codes for e in encounters_for_case(ctx, code)]
        assert (encounter.duration, encounter.needs_met, encounter.followup_plan) == (
            "m15_30",
            "yes",
            "h24_72",
        )
        assert (encounter.role_category, encounter.people_reached) == ("nurse", 1)
        assert encounter.escalation_level == "tier2"  # calm: no escalation
    finally:
        session.lock()
        workstation.close()
