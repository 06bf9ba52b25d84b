"""The coordinator's PDF report for leadership: the report's sections (`report_sections`, with
small-cell suppression) drawn with QPdfWriter. It carries no case codes and no supporter ids.
`write_pdf_report` is the `reports.PdfWriter` the Reports tab and `svdesk report --format pdf`
pass to `svdesk.coordinator.reports.write_report`; without a running application it starts an
offscreen one (`ensure_qt_app`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from svdesk.content.catalogue import Catalogue
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.coordinator.coverage import CoverageFigures
from svdesk.coordinator.dashboard import DashboardFigures
from svdesk.coordinator.outcomes import OutcomeFigures
from svdesk.coordinator.report_texts import cell_text, report_texts
from svdesk.coordinator.suppression import (
    DEFAULT_THRESHOLD,
    check_threshold,
)
from svdesk.coordinator.survey_figures import SurveyFigures
from svdesk.coordinator.wave_report import WaveReport
from svdesk.storage.paths import atomic_write
from ui.coordinator.report_coverage import coverage_section
from ui.coordinator.report_sections import (
    ReportSection,
    outcome_section,
    percent_text,
    period_text,
    report_sections,
    survey_section,
)
from ui.coordinator.report_waves import wave_sections
from ui.qt import QtCore, QtGui

# ---------------------------------------------------------------------------- Qt application


# Keeps the application made for the CLI alive for the rest of the process.
_CLI_APP: list[QtGui.QGuiApplication] = []


def ensure_qt_app() -> Any:
    """The running Qt application, or a new offscreen QGuiApplication (CLI, no display)."""
    existing = QtCore.QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QtGui.QGuiApplication):
            raise RuntimeError("A PDF report needs a QGuiApplication, not a QCoreApplication.")
        return existing
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless or not sys.stdout.isatty():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _CLI_APP.append(QtGui.QGuiApplication(["svdesk-report"]))
    return _CLI_APP[-1]


# ---------------------------------------------------------------------------- drawing


@dataclass
class _Block:
    height: float
    section: ReportSection | None = None
    kind: str = "section"  # or "header"


class _PdfLayout:
    """Measures and paints the report on a QPdfWriter (A4, points of 1/72 inch as units)."""

    def __init__(
        self, writer: Any, title: str, subtitle: str, footnote: str, texts: Catalogue
    ) -> None:
        self.writer = writer
        self.texts = texts
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.scale: float = float(writer.resolution()) / 72.0  # pixels per point
        self.width: float = float(rect.width()) / self.scale
        self.height: float = float(rect.height()) / self.scale
        self.title, self.subtitle, self.footnote = title, subtitle, footnote
        base = QtGui.QFont("DejaVu Sans")
        base.setStyleHint(QtGui.QFont.StyleHint.SansSerif)
        self.body = QtGui.QFont(base)
        self.body.setPointSizeF(9.5)
        self.bold = QtGui.QFont(self.body)
        self.bold.setBold(True)
        self.heading = QtGui.QFont(base)
        self.heading.setPointSizeF(12)
        self.heading.setBold(True)
        self.big = QtGui.QFont(base)
        self.big.setPointSizeF(17)
        self.big.setBold(True)
        self.small = QtGui.QFont(base)
        self.small.setPointSizeF(8)
        self.metrics = {
            "body": QtGui.QFontMetricsF(self.body, writer),
            "heading": QtGui.QFontMetricsF(self.heading, writer),
            "big": QtGui.QFontMetricsF(self.big, writer),
            "small": QtGui.QFontMetricsF(self.small, writer),
        }
        self.line: float = float(self.metrics["body"].height()) / self.scale * 1.35
        self.footer_height = 24.0

    def text_height(self, text: str, font: str, width: float) -> float:
        if not text:
            return 0.0
        bounds = self.metrics[font].boundingRect(
            QtCore.QRectF(0, 0, width * self.scale, 10_000 * self.scale),
            int(QtCore.Qt.TextFlag.TextWordWrap),
            text,
        )
        return float(bounds.height()) / self.scale

    def header_height(self) -> float:
        return (
            self.text_height(self.title, "big", self.width)
            + 6
            + self.text_height(self.subtitle, "body", self.width)
            + 4
            + self.text_height(self.footnote, "small", self.width)
            + 16
        )

    def section_height(self, section: ReportSection) -> float:
        rows = len(section.rows) + (2 if section.with_total else 1)  # column header, total
        note = self.text_height(section.note, "small", self.width)
        return (
            self.text_height(section.title, "heading", self.width)
            + 4
            + rows * self.line
            + (note + 4 if note else 0)
            + 14
        )

    def paginate(self, sections: Sequence[ReportSection]) -> list[list[_Block]]:
        usable = self.height - self.footer_height
        pages: list[list[_Block]] = [[_Block(self.header_height(), kind="header")]]
        used = pages[0][0].height
        for section in sections:
            block = _Block(self.section_height(section), section)
            if used + block.height > usable and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append(block)
            used += block.height
        return pages

    # -- painting (in points; the painter is scaled) -------------------------------------------
    def paint(self, painter: Any, pages: list[list[_Block]]) -> None:
        painter.scale(self.scale, self.scale)
        for number, blocks in enumerate(pages, start=1):
            if number > 1:
                self.writer.newPage()
            y = 0.0
            for block in blocks:
                if block.kind == "header":
                    self._paint_header(painter)
                elif block.section is not None:
                    self._paint_section(painter, block.section, y)
                y += block.height
            self._paint_footer(painter, number, len(pages))

    @staticmethod
    def _text(
        painter: Any, font: QtGui.QFont, rect: tuple[float, float, float, float], text: str,
        *, right: bool = False,
    ) -> None:  # fmt: skip
        painter.setFont(font)
        align = QtCore.Qt.AlignmentFlag.AlignRight if right else QtCore.Qt.AlignmentFlag.AlignLeft
        painter.drawText(
            QtCore.QRectF(*rect), int(align | QtCore.Qt.AlignmentFlag.AlignVCenter), text
        )

    def _wrapped(self, painter: Any, font: Any, name: str, y: float, text: str) -> float:
        h = self.text_height(text, name, self.width)
        painter.setFont(font)
        painter.drawText(
            QtCore.QRectF(0, y, self.width, h + 2), int(QtCore.Qt.TextFlag.TextWordWrap), text
        )
        return h

    def _paint_header(self, painter: Any) -> None:
        painter.setPen(QtGui.QColor("#1b1b1b"))
        y = self._wrapped(painter, self.big, "big", 0, self.title) + 6
        y += self._wrapped(painter, self.body, "body", y, self.subtitle) + 4
        painter.setPen(QtGui.QColor("#444444"))
        self._wrapped(painter, self.small, "small", y, self.footnote)

    def _paint_section(self, painter: Any, section: ReportSection, top: float) -> None:
        painter.setPen(QtGui.QColor("#1b1b1b"))
        y = top + self._wrapped(painter, self.heading, "heading", top, section.title) + 4
        label_w, count_w, pct_w = self.width * 0.44, self.width * 0.12, self.width * 0.09
        if not section.with_total and section.value_header != self.texts.text("value.count"):
            # A section of measures (shares, means with intervals): no bars, a wide figure.
            label_w, count_w = self.width * 0.62, self.width * 0.36
        pct_x = label_w + count_w
        bar_x = pct_x + pct_w + 12
        bar_w = self.width - bar_x
        line = self.line
        painter.setPen(QtGui.QColor("#444444"))
        self._text(painter, self.bold, (0, y, label_w, line), self.texts.text("pdf.category"))
        self._text(
            painter, self.bold, (label_w, y, count_w, line), section.value_header, right=True
        )
        if section.with_total:
            self._text(painter, self.bold, (pct_x, y, pct_w, line), "%", right=True)
        y += line
        self._rule(painter, y)
        biggest = section.shown_max()
        for row in section.rows:
            painter.setPen(QtGui.QColor("#1b1b1b"))
            # Elided with "…" rather than clipped mid-letter when a label is too long.
            # A measure's label ends with its base ("(of 40)"): elided in the middle, it stays.
            elide = (
                QtCore.Qt.TextElideMode.ElideMiddle
                if row.figure
                else QtCore.Qt.TextElideMode.ElideRight
            )
            label = self.metrics["body"].elidedText(row.label, elide, (label_w - 6) * self.scale)
            self._text(painter, self.body, (0, y, label_w, line), label)
            value = row.figure if row.figure is not None else cell_text(row.cell, self.texts)
            self._text(painter, self.body, (label_w, y, count_w, line), value, right=True)
            if section.with_total:
                pct = percent_text(row.percent, self.texts.language)
                self._text(painter, self.body, (pct_x, y, pct_w, line), pct, right=True)
            if row.figure is not None:
                pass  # a measure (share, median): no bar, its base is in the label
            elif not row.cell.suppressed and biggest > 0 and row.cell.count > 0:
                # Bars only for shown counts: a bar for a hidden cell would give its size away.
                length = bar_w * row.cell.count / biggest
                painter.fillRect(
                    QtCore.QRectF(bar_x, y + line * 0.2, length, line * 0.6),
                    QtGui.QColor("#3465a4"),
                )
            elif row.cell.suppressed:
                painter.setPen(QtGui.QColor("#666666"))
                hidden = self.texts.text("pdf.hidden")
                self._text(painter, self.small, (bar_x, y, bar_w, line), hidden)
            y += line
        self._rule(painter, y)
        if section.with_total:
            painter.setPen(QtGui.QColor("#1b1b1b"))
            self._text(painter, self.bold, (0, y, label_w, line), section.total_label)
            total = cell_text(section.total, self.texts)
            self._text(painter, self.bold, (label_w, y, count_w, line), total, right=True)
            y += line
        if section.note:
            painter.setPen(QtGui.QColor("#444444"))
            self._wrapped(painter, self.small, "small", y + 2, section.note)

    def _rule(self, painter: Any, y: float) -> None:
        painter.setPen(QtGui.QPen(QtGui.QColor("#999999"), 0.5))
        painter.drawLine(QtCore.QPointF(0, y), QtCore.QPointF(self.width, y))

    def _paint_footer(self, painter: Any, number: int, count: int) -> None:
        painter.setPen(QtGui.QColor("#444444"))
        y = self.height - self.footer_height + 8
        half = self.width * 0.5
        self._text(painter, self.small, (0, y, half, 14), self.title)
        page = self.texts.text("pdf.page", number=number, count=count)
        self._text(painter, self.small, (half, y, half, 14), page, right=True)


def pdf_sections(
    figures: DashboardFigures,
    threshold: int,
    outcomes: OutcomeFigures | None,
    surveys: Sequence[SurveyFigures],
    language: str,
    *,
    coverage: CoverageFigures | None = None,
    waves: WaveReport | None = None,
) -> list[ReportSection]:
    """Every section the PDF draws, in order, in `language` (a new section goes here; its
    texts in resources/reports/texts*.toml, tests/ui/test_report_languages.py checks)."""
    sections = report_sections(figures, threshold=threshold, language=language)
    if outcomes is not None:
        sections.append(outcome_section(outcomes, language))
    sections.extend(survey_section(s, language) for s in surveys)
    if waves is not None and waves.has_content:
        sections.extend(wave_sections(waves, language))
    if coverage is not None:
        sections.append(coverage_section(coverage, language))
    return sections


def render_pdf_bytes(
    figures: DashboardFigures,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    title: str | None = None,
    generated: datetime | None = None,
    outcomes: OutcomeFigures | None = None,
    surveys: Sequence[SurveyFigures] = (),
    language: str = DEFAULT_LANGUAGE,
    coverage: CoverageFigures | None = None,
    waves: WaveReport | None = None,
) -> bytes:
    """The report as PDF bytes in `language` (its texts, and numbers with its decimal
    separator); needs a QGuiApplication; safe on a worker thread."""
    texts = report_texts(language)
    title = title or texts.text("pdf.title")
    sections = pdf_sections(
        figures, threshold, outcomes, surveys, language, coverage=coverage, waves=waves
    )
    when = (generated or datetime.now(UTC)).isocalendar()
    subtitle = texts.text(
        "pdf.subtitle",
        period=period_text(figures, language),
        week=f"{when.year}-W{when.week:02d}",
    )
    footnote = texts.text("pdf.footnote", last=threshold - 1, threshold=threshold)
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    writer = QtGui.QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("svdesk")
    writer.setResolution(72)  # one device pixel = one point: fonts and layout agree
    writer.setPageLayout(
        QtGui.QPageLayout(
            QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4),
            QtGui.QPageLayout.Orientation.Portrait,
            QtCore.QMarginsF(18, 18, 18, 18),
            QtGui.QPageLayout.Unit.Millimeter,
        )
    )
    layout = _PdfLayout(writer, title, subtitle, footnote, texts)
    pages = layout.paginate(sections)
    painter = QtGui.QPainter()
    if not painter.begin(writer):
        raise RuntimeError("could not start drawing the PDF report")
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        layout.paint(painter, pages)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data())


def write_pdf_report(
    figures: DashboardFigures,
    out_path: Path,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    title: str | None = None,
    outcomes: OutcomeFigures | None = None,
    surveys: Sequence[SurveyFigures] = (),
    language: str = DEFAULT_LANGUAGE,
    coverage: CoverageFigures | None = None,
    waves: WaveReport | None = None,
) -> Path:
    """Write the suppressed PDF report to `out_path` (temp file → fsync → rename, 0600)."""
    check_threshold(threshold)
    ensure_qt_app()
    data = render_pdf_bytes(
        figures, threshold=threshold, title=title, outcomes=outcomes, surveys=surveys,
        language=language, coverage=coverage, waves=waves,
    )  # fmt: skip
    out = Path(out_path)
    atomic_write(out, data)
    return out
