"""The dashboard draws its charts one per turn of the event loop (each takes QtCharts several
milliseconds of the GUI thread; all at once held it for 20-30 ms after every import), while
what they show (bars, accessible description) is set at once."""

from __future__ import annotations

from typing import Any

from test_dashboard_response_time import coord  # noqa: F401 (the fixture)

from svdesk.access.session import Session
from ui.coordinator.dashboard import DashboardView
from ui.qt import QtWidgets


def test_charts_are_drawn_one_per_turn_and_all_in_the_end(
    qtbot: Any,
    coord: Session,  # noqa: F811 (the fixture)
) -> None:
    view = DashboardView(coord)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.figures_changed, timeout=10_000):
        view.refresh()
    qtbot.waitUntil(view.drawn, timeout=10_000)
    cards = list(view.charts.values())
    assert len(cards) > 2
    view.as_reported.setChecked(True)  # redraws every chart
    # the texts are there at once; the first chart is drawn now, the others are not yet
    assert "12" in view.charts["response_time"].view.accessibleDescription()
    assert not view.drawn()
    turns = 0
    while not view.drawn():
        QtWidgets.QApplication.processEvents()
        turns += 1
        assert turns < 100
    assert turns >= len(cards) - 1  # one chart per turn, not all in one
    assert all(c.chart.series() for c in cards)
