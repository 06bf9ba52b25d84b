"""The dashboard: period (ISO weeks) and unit filters change the figures and charts; "as
reported" shows small counts as "<11"; a malformed week is explained, not crashed on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import (
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    record_conversation,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.coordinator.importing import import_bundles
from svdesk.progress import run_to_end
from ui.coordinator.dashboard import CHARTS, DashboardView


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    """A coordinator with 12 conversations in January 2026 (W02) and 2 in March (W10)."""
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    for _ in range(12):
        record_conversation(unit, on=date(2026, 1, 7), role_category="nurse")
    for _ in range(2):
        record_conversation(
            unit, on=date(2026, 3, 4), role_category="physician_app", format="group_small",
            people_reached=4,
        )  # fmt: skip
    bundle = export_directly(unit, tmp_path / "usb")
    run_to_end(import_bundles(coord, [bundle], trust_new=True))
    close_session(unit)
    yield coord
    close_session(coord)


def shown(qtbot: Any, coord: Session) -> DashboardView:
    view = DashboardView(coord)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    return view


def reload(qtbot: Any, view: DashboardView) -> None:
    with qtbot.waitSignal(view.figures_changed, timeout=10_000):
        view.refresh()
    idle(qtbot)


def test_filters_change_the_figures_and_the_charts(qtbot: Any, coord: Session) -> None:
    view = shown(qtbot, coord)
    reload(qtbot, view)
    assert view.figures is not None
    assert view.figures.encounters == 14
    assert view.headline["encounters"].text() == "14"
    assert view.chart_texts("per_month") == {"2026-01": "12", "2026-03": "2"}
    assert set(view.charts) == {key for key, _ in CHARTS}
    # The unit filter offers the units seen in imports.
    assert view.unit.findData("ICU") > 0

    view.set_filters(period_from="2026-W09", period_to="2026-W12")
    reload(qtbot, view)
    assert view.figures.encounters == 2
    assert view.headline["encounters"].text() == "2"
    assert view.headline["people_reached"].text() == "8"
    assert view.chart_texts("per_month") == {"2026-03": "2"}
    roles = view.chart_texts("role")
    assert roles["Physician or advanced practice provider"] == "2"
    assert roles["Nurse (RN/LPN)"] == "0"

    view.set_filters(period_from="2026-W01", period_to="2026-W05", unit="ICU")
    reload(qtbot, view)
    assert view.figures.encounters == 12
    assert view.figures.unit == "ICU"

    view.set_filters(unit="NOWHERE")
    reload(qtbot, view)
    assert view.figures.encounters == 0
    assert view.headline["encounters"].text() == "0"


def test_as_reported_shows_small_counts_as_less_than_11(qtbot: Any, coord: Session) -> None:
    view = shown(qtbot, coord)
    reload(qtbot, view)
    assert view.chart_texts("per_month") == {"2026-01": "12", "2026-03": "2"}
    view.as_reported.setChecked(True)  # redraws at once from the same figures
    months = view.chart_texts("per_month")
    assert months["2026-03"] == "<11"
    # Complementary suppression: the other month would give the small one away from the total
    # (it is not small, so it reads "suppressed" rather than an untrue "<11").
    assert months["2026-01"] == "suppressed"
    assert view.headline["encounters"].text() == "14"
    # No bar is drawn for a hidden count, and its description says "<11" for screen readers.
    card = view.charts["per_month"]
    assert all(bar.value == 0 for bar in card.bars)
    assert "2026-03: <11" in card.view.accessibleDescription()
    assert "<11" in view.status.text()
    view.as_reported.setChecked(False)
    assert view.chart_texts("per_month")["2026-03"] == "2"


def test_a_malformed_week_is_explained(qtbot: Any, coord: Session) -> None:
    view = shown(qtbot, coord)
    reload(qtbot, view)
    view.period_from.setText("2026-13")
    assert view.refresh() is None
    assert view.message.isVisible()
    assert "2026-13 is not an ISO week" in view.message.text()
    assert view.figures is not None
    assert view.figures.encounters == 14  # the last good figures stay on screen
    idle(qtbot)
