"""Issue 18, item 5: the ISO week of an encounter and of its escalation came from different
dates — the encounter's local day, the escalation's UTC timestamp. East of UTC, an escalation
raised on Monday 4 January 2027 before 13:00 (Auckland) fell in 2026-W53 while its encounter was
in 2027-W01. Now both count the day where the workstation is."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from svdesk.exchange.fields import coded_encounter, coded_escalation
from svdesk.exchange.weeks import iso_week

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="time.tzset")


@pytest.fixture
def auckland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_an_escalation_falls_in_its_encounters_week_at_new_year(auckland: None) -> None:
    local_day = date(2027, 1, 4)  # Monday: 2027-W01
    raised = datetime(2027, 1, 3, 20, 30, tzinfo=UTC)  # 09:30 on 4 January in Auckland
    encounter = {"created_at": local_day.isoformat()}
    escalation = {"created_at": raised.isoformat(), "due_at": raised.isoformat()}
    assert iso_week(encounter["created_at"]) == "2027-W01"
    assert iso_week(escalation["created_at"]) == "2027-W01"  # before the fix: 2026-W53
    assert iso_week(raised) == "2027-W01"


def test_the_bundle_fields_agree(auckland: None) -> None:
    raised = datetime(2027, 1, 3, 20, 30, tzinfo=UTC).isoformat()
    enc = coded_encounter(
        {"encounter_id": "e", "created_at": "2027-01-04", "event_categories": "[]"}
    )
    esc = coded_escalation(
        {"id": "x", "level": "tier3_72h", "created_at": raised, "due_at": raised}
    )
    assert enc["created_week"] == esc["created_week"] == "2027-W01"


def test_days_and_utc_machines_are_unchanged() -> None:
    assert iso_week("2026-12-31") == "2026-W53"
    assert iso_week(date(2027, 1, 3)) == "2026-W53"
