"""Issue 17, item 8: the dashboard's response-time chart showed cumulative bars ("≤ 30 min",
"≤ 24 h" including the ≤ 30 min ones) above the raw bands of the same conversations, so one
conversation was counted up to three times in one chart. It now shows the bands only, and its
title says so."""

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
from ui.coordinator.dashboard import DashboardView

# 12 within 30 minutes, 3 later the same day, 1 after a day, 1 with no time recorded.
BANDS = {"le_30min": 12, "le_24h": 3, "gt_24h": 1}


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    for code, n in BANDS.items():
        for _ in range(n):
            record_conversation(unit, on=date(2026, 1, 7), response_time=code)
    record_conversation(unit, on=date(2026, 1, 7))
    bundle = export_directly(unit, tmp_path / "usb")
    run_to_end(import_bundles(coord, [bundle], trust_new=True))
    close_session(unit)
    yield coord
    close_session(coord)


def test_the_response_time_chart_shows_one_kind_of_figure(qtbot: Any, coord: Session) -> None:
    view = DashboardView(coord)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    with qtbot.waitSignal(view.figures_changed, timeout=10_000):
        view.refresh()
    idle(qtbot)
    card = view.charts["response_time"]
    assert view.chart_texts("response_time") == {
        "30 min or less": "12",
        "Over 30 min, up to 24 h": "3",
        "More than 24 h": "1",
        "Not recorded": "1",
    }
    # Bands do not overlap: the bars add up to the conversations, and the percentages to 100.
    assert view.figures is not None
    assert sum(bar.value for bar in card.bars) == view.figures.encounters == 17
    assert sum(bar.percent or 0 for bar in card.bars) == pytest.approx(100.0)
    assert "not cumulative" in card.title.text()
    assert "one band" in card.caption.text()
    # The first band is the 30-minute target, as a share of all conversations.
    first = card.bars[0]
    assert first.percent == pytest.approx(100.0 * 12 / 17)
    assert "30 min or less: 12" in card.view.accessibleDescription()

    # As reported, the small bands are hidden and no cumulative figure gives them away.
    view.as_reported.setChecked(True)
    texts = view.chart_texts("response_time")
    assert set(texts) == {"30 min or less", "Over 30 min, up to 24 h", "More than 24 h",
                          "Not recorded"}  # fmt: skip
    assert texts["Over 30 min, up to 24 h"] == "<11"
    assert all(bar.value == 0 for bar in card.bars if not bar.text.isdigit())
