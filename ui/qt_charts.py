"""QtCharts for ui/, as `ui.qt` is for the rest of Qt: only the coordinator's dashboard draws
charts, and the unlock screen does not load them (tests/ui/test_unlock_imports.py)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)

__all__ = [
    "QBarCategoryAxis",
    "QBarSeries",
    "QBarSet",
    "QChart",
    "QChartView",
    "QHorizontalBarSeries",
    "QValueAxis",
]
