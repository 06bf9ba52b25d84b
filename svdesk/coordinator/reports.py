"""Reports that leave the coordinator: CSV and XLSX figures with small-cell suppression, and a
REDCap data dictionary + import file of coded encounters (`svdesk.coordinator.redcap`);
`write_report` writes any of them, or the PDF through a writer `ui/` passes in, and audits it.

Every text cell is escaped against formula injection (`spreadsheet.escape_cell`).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Protocol

from svdesk.access.session import Session
from svdesk.content.catalogue import Catalogue
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator.coverage import CoverageFigures, coverage_gaps
from svdesk.coordinator.dashboard import DashboardFigures, coded_encounters, dashboard_figures
from svdesk.coordinator.outcomes import OutcomeFigures, outcome_figures
from svdesk.coordinator.redcap import redcap_dictionary, redcap_import
from svdesk.coordinator.redcap_waves import REDCAP_FILE_NAMES, write_wave_files
from svdesk.coordinator.report_table import ReportTable
from svdesk.coordinator.report_texts import (
    cell_text,
    check_report_language,
    report_texts,
    shown_text,
)
from svdesk.coordinator.spreadsheet import Value, csv_bytes, labeller, xlsx_bytes
from svdesk.coordinator.suppression import (
    DEFAULT_THRESHOLD,
    MINIMUM_THRESHOLD,
    Cell,
    check_threshold,
    count_text,
    suppress_counts,
)
from svdesk.coordinator.survey_figures import (
    SubscaleFigure,
    SurveyFigures,
    survey_figures,
    surveys_with_responses,
)
from svdesk.coordinator.wave_report import WaveReport, wave_report, wave_tables
from svdesk.errors import InvalidInput
from svdesk.exchange import weeks
from svdesk.progress import Progress
from svdesk.storage.paths import atomic_write
from svdesk.storage.settings import read_setting

# ---------------------------------------------------------------------------- tables


def _shown(cell: Cell, texts: Catalogue) -> Value:
    return cell_text(cell, texts) if cell.suppressed else cell.count


def _percent(value: float | None) -> Value:
    return None if value is None else round(value, 1)


def _count_header(texts: Catalogue) -> tuple[str, ...]:
    return tuple(texts.text(f"column.{c}") for c in ("category", "code", "count", "percent"))


def _count_table(
    key: str,
    counts: Mapping[str, int],
    *,
    field: str | None,
    threshold: int,
    texts: Catalogue,
    total: int | None = None,
    label: Callable[[str, str], str],
    total_label: str = "row.total",
) -> ReportTable:
    """A table of counts titled `table.<key>`; rows labelled by `field`'s vocabulary, else by
    `row.<code>` when the texts have one, else by the code itself (a month, a band)."""
    result = suppress_counts(counts, threshold=threshold, total=total)
    rows: list[tuple[Value, ...]] = []
    for code, cell in result.cells.items():
        name = label(field, code) if field else texts.get(f"row.{code}", code)
        rows.append((name, code, _shown(cell, texts), _percent(result.percent(code))))
    rows.append((texts.text(total_label), "", _shown(result.total, texts), None))
    return ReportTable(texts.text(f"table.{key}"), _count_header(texts), tuple(rows), key)


# Supporter load leaves the coordinator as how many supporters had how many conversations, never
# per person: these bands (lowest, highest or None for no limit), in every format.
LOAD_BANDS: Final[tuple[tuple[int, int | None], ...]] = ((1, 5), (6, 10), (11, 20), (21, None))


# The English text (resources/reports/texts.toml, `load.not_available`).
LOAD_NOT_AVAILABLE: Final = (
    "Not available: bundles from svdesk units carry no supporter ids (bundle format 2 and "
    "later, docs/privacy.md), so conversations cannot be counted per supporter here."
)


def load_not_available(figures: DashboardFigures) -> bool:
    """No encounter of the period carries a supporter id (every bundle of format 2 and later),
    so the supporter-load figure would be every band at 0: it is said to be not available."""
    return not figures.supporter_load and figures.supporter_load_unknown > 0


def _load_buckets(load: Sequence[int]) -> dict[str, int]:
    return {
        f"{low}+" if high is None else f"{low}-{high}": sum(
            1 for n in load if n >= low and (high is None or n <= high)
        )
        for low, high in LOAD_BANDS
    }


OUTCOMES_TITLE: Final = "Outcomes of support"  # in English (`table.outcomes`)


def outcomes_table(outcomes: OutcomeFigures, *, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    """The outcome figures as one table: each share's count and percent, the median weeks to
    green in the Count column, and each base ("<11" when small); withheld figures are shown as
    "suppressed" (issue 14, item 4)."""
    texts = report_texts(language)
    t = outcomes.threshold
    rows: list[tuple[Value, ...]] = []
    for o in outcomes.outcomes:
        value: Value
        if o.value is None:
            value, pct = (texts.text("cell.suppressed") if o.whole else 0), None
        elif o.part is None:  # a median, in weeks
            value, pct = o.value, None
        else:
            value, pct = o.part, _percent(100 * o.value)
        label = texts.get(f"outcome.{o.code}", o.label)
        rows.append((label, o.code, value, pct, shown_text(o.base_text(t), texts)))
    header = ("outcome", "code", "count", "percent", "based_on")
    return ReportTable(
        texts.text("table.outcomes"),
        tuple(texts.text(f"column.{c}") for c in header),
        tuple(rows),
        "outcomes",
    )


def coverage_table(coverage: CoverageFigures, *, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    """Hours in the last month with nobody on call, by unit (Count: those hours, Based on: the
    hours recorded); a unit with under a week of hours recorded is withheld (issue 15)."""
    texts = report_texts(language)
    rows: list[tuple[Value, ...]] = [
        (u.label, u.unit_code, u.gap_hours, _percent(100 * u.gap_share), u.hours)
        if u.gap_share is not None
        else (u.label, u.unit_code, texts.text("cell.suppressed"), None, u.hours)
        for u in coverage.units
    ]
    if coverage.hours:
        share = _percent(100 * coverage.gap_hours / coverage.hours)
        total = (texts.text("row.total"), None, coverage.gap_hours, share, coverage.hours)
        rows.append(total)
    first, last = coverage.weeks[0], coverage.weeks[-1]
    return ReportTable(
        texts.text("table.coverage", first=first, last=last),
        tuple(
            texts.text(f"column.{c}") for c in ("category", "code", "count", "percent", "based_on")
        ),
        tuple(rows),
        "coverage",
    )


def _survey_row(
    label: str, code: str, sub: SubscaleFigure, threshold: int, texts: Catalogue
) -> tuple[Value, ...]:
    if sub.mean is None or sub.low is None or sub.high is None:
        mean: Value = texts.text("cell.suppressed") if sub.n else None
        interval: Value = None
    else:
        mean, interval = round(sub.mean, 2), f"{sub.low:.2f}–{sub.high:.2f}"
    return (label, code, mean, None, count_text(sub.n, threshold), interval)


def survey_labels(survey: SurveyFigures, language: str) -> tuple[str, dict[str, str]]:
    """The survey's title and its subscales' labels (by id) in `language`, from the survey's
    own translated file; the figures' (English) ones when the language has none of them."""
    own = bundled_surveys(language).get(survey.survey_id) if language != DEFAULT_LANGUAGE else None
    if own is None:  # the figures carry the English texts
        return survey.title, {s.subscale_id: s.label for s in survey.subscales}
    return own.title, {s.id: s.label for s in own.subscales}


def survey_table(survey: SurveyFigures, *, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    """A staff survey's subscale means with their 95 % intervals, then the same by month (the
    trend); a mean from fewer responses than the threshold is "suppressed" (issue 14)."""
    texts = report_texts(language)
    t = survey.threshold
    title, labels = survey_labels(survey, language)

    def name(sub: SubscaleFigure) -> str:
        return labels.get(sub.subscale_id, sub.label)

    rows = [_survey_row(name(s), s.subscale_id, s, t, texts) for s in survey.subscales]
    for month, subs in survey.by_month.items():
        rows += [
            _survey_row(
                texts.text("table.survey_month", label=name(s), month=month),
                f"{s.subscale_id}.{month}",
                s,
                t,
                texts,
            )
            for s in subs
        ]
    header = ("subscale", "code", "mean", "percent", "responses", "interval")
    return ReportTable(
        texts.text("table.survey", title=title),
        tuple(texts.text(f"column.{c}") for c in header),
        tuple(rows),
        f"survey.{survey.survey_id}",
    )


def report_tables(
    figures: DashboardFigures,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    generated: datetime | None = None,
    outcomes: OutcomeFigures | None = None,
    surveys: Sequence[SurveyFigures] = (),
    language: str = DEFAULT_LANGUAGE,
    coverage: CoverageFigures | None = None,
    waves: WaveReport | None = None,
) -> list[ReportTable]:
    """The figures as suppressed tables (what CSV and XLSX show), the outcomes of support last
    when given; headings and labels in `language` (`report_texts`), codes as they are."""
    check_threshold(threshold)
    texts = report_texts(language)
    label = labeller(language)
    when = generated or datetime.now(UTC)
    period = texts.text(
        "about.period_value",
        start=figures.period_from or texts.text("about.start"),
        end=figures.period_to or texts.text("about.latest"),
    )
    about = ReportTable(
        texts.text("table.about"),
        (texts.text("column.item"), texts.text("column.value")),
        (
            (texts.text("about.period"), period),
            (texts.text("about.unit"), figures.unit or texts.text("about.all_units")),
            (texts.text("about.generated"), weeks.iso_week(when)),
            (
                texts.text("about.small_cells"),
                texts.text("about.small_cells_value", last=threshold - 1, threshold=threshold),
            ),
        ),
        "about",
    )
    n = figures.encounters
    tables = [about]

    def add(
        key: str,
        counts: Mapping[str, int],
        field: str | None,
        total: int | None = None,
        total_label: str = "row.total",
    ) -> None:
        tables.append(
            _count_table(
                key,
                counts,
                field=field,
                threshold=threshold,
                texts=texts,
                total=total,
                label=label,
                total_label=total_label,
            )
        )

    add("per_month", figures.per_month, None)
    add("unit_category", figures.by_unit_category, "unit_category")
    add("role", figures.by_role, "role_category")
    # An encounter may name several event categories: percentages are of encounters.
    add("event_category", figures.by_event_category, "event_categories", n)
    add("response_time", figures.response_time, "response_time")
    add("format", figures.by_format, "format")
    add("people_by_format", figures.people_reached_by_format, "format")
    add("escalation_level", figures.escalation_level, "escalation_level")
    add("referral_accepted", figures.referral_accepted, "referral_accepted")
    planned = figures.followup.get("planned", 0)
    completed = figures.followup.get("completed", 0)
    add("followup", {"completed": completed, "not_completed": planned - completed}, None)
    add("needs_met", figures.needs_met, "needs_met")
    add("supporter_distress", figures.supporter_distress, "supporter_own_distress")
    if load_not_available(figures):
        tables.append(
            ReportTable(
                texts.text("table.supporter_load"),
                _count_header(texts),
                ((texts.text("load.not_available"), "not_available", None, None),),
                "supporter_load",
            )
        )
    else:
        add(
            "supporter_load",
            _load_buckets(figures.supporter_load),
            None,
            total_label="row.supporters",
        )
    if outcomes is not None:
        tables.append(outcomes_table(outcomes, language=language))
    tables.extend(survey_table(s, language=language) for s in surveys)
    if waves is not None and waves.has_content:  # issue 14, item 5 (`wave_report`)
        tables.extend(wave_tables(waves, language=language))
    if coverage is not None:
        tables.append(coverage_table(coverage, language=language))
    return tables


# ---------------------------------------------------------------------------- CSV


def csv_report(tables: Sequence[ReportTable], *, language: str = DEFAULT_LANGUAGE) -> bytes:
    """All tables in one CSV: Table, then each table's own columns."""
    texts = report_texts(language)
    columns = ("table", "category", "code", "count", "percent", "based_on", "interval")
    rows: list[Sequence[Value]] = [tuple(texts.text(f"column.{c}") for c in columns)]
    for table in tables:
        for row in table.rows:
            rows.append((table.title, *row))
    return csv_bytes(rows)


# ---------------------------------------------------------------------------- XLSX


def xlsx_report(tables: Sequence[ReportTable], *, language: str = DEFAULT_LANGUAGE) -> bytes:
    """One sheet per table, header in the first row; sheets named by `sheet.<key>` (at most 31
    characters), else by the table's title."""
    texts = report_texts(language)
    return xlsx_bytes([(texts.get(f"sheet.{t.key}", t.title), [t.header, *t.rows]) for t in tables])


# ---------------------------------------------------------------------------- writing


# The program's suppression threshold in the coordinator store's settings.
SETTING_THRESHOLD: Final = "report.suppression_threshold"
# The formats that write one file, with its suffix; redcap writes a folder of REDCAP_FILE_NAMES.
# REPORT_FORMATS: all of them, in the order the Reports tab offers them.
FILE_SUFFIXES: Final[Mapping[str, str]] = {"pdf": ".pdf", "csv": ".csv", "xlsx": ".xlsx"}
REPORT_FORMATS: Final = (*FILE_SUFFIXES, "redcap")


class PdfWriter(Protocol):
    """Draws the PDF report of `figures` to `out` (Qt, so it lives in `ui/` and is passed in)."""

    def __call__(
        self,
        figures: DashboardFigures,
        out: Path,
        /,
        *,
        threshold: int,
        outcomes: OutcomeFigures,
        surveys: Sequence[SurveyFigures],
        language: str,
        coverage: CoverageFigures | None,
        waves: WaveReport | None = None,
    ) -> Path: ...


def saved_threshold(session: Session) -> int:
    """The program's suppression threshold as saved in the store, or the default when none (or
    no usable one: not a whole number, or under the minimum) is saved."""
    raw = read_setting(session.db, SETTING_THRESHOLD, DEFAULT_THRESHOLD)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= MINIMUM_THRESHOLD:
        return raw
    return DEFAULT_THRESHOLD


def _private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents readable by this user only (0700, whatever the
    umask); a folder that already exists is left as it is."""
    missing = [d for d in (folder, *folder.parents) if not d.exists()]
    for d in reversed(missing):
        d.mkdir(mode=0o700)
        d.chmod(0o700)


def report_files(fmt: str, out: Path) -> list[Path]:
    """The files a report in `fmt` to `out` may write (redcap: `out` is the folder of
    REDCAP_FILE_NAMES), for the checks before writing (`svdesk report --out`, the Reports tab)."""
    return [out / name for name in REDCAP_FILE_NAMES] if fmt == "redcap" else [out]


def write_report(
    session: Session,
    fmt: str,
    out: Path,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    pdf_writer: PdfWriter | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Generator[Progress, None, list[Path]]:
    """Write a pdf / csv / xlsx / redcap report of ISO weeks `period_from`..`period_to` and audit
    it; returns the files written (redcap: `out` is a folder for two files, four with survey
    waves: `redcap_waves`). The GUI and `svdesk report` both write reports through here.
    Headings and labels are in `language` (`report_texts`); codes, and the REDCap files
    (REDCap's own format), are the same in all."""
    check_threshold(threshold)
    check_report_language(language)
    if fmt not in REPORT_FORMATS:
        raise InvalidInput(
            f"{fmt!r} is not a report format; use one of {', '.join(REPORT_FORMATS)}."
        )
    if fmt == "pdf" and pdf_writer is None:
        raise InvalidInput(
            "PDF reports are drawn by the svdesk desktop app; write csv, xlsx or redcap here, "
            "or the PDF from the app's Reports tab."
        )
    for week in (period_from, period_to):
        if week is not None:
            weeks.parse_week(week)
    yield Progress(0, 2, "Counting")
    if fmt == "redcap":
        if out.exists() and not out.is_dir():
            raise InvalidInput(f"{out} is a file; for REDCap give a folder for its files.")
        try:
            _private_folder(out)
        except OSError as exc:
            raise InvalidInput(f"Cannot create the folder {out} ({exc.strerror}).") from exc
        data = redcap_import(
            coded_encounters(session, period_from=period_from, period_to=period_to)
        )
        by_wave = wave_report(
            session, period_from=period_from, period_to=period_to, threshold=threshold
        )
        yield Progress(1, 2, "Writing the REDCap files")
        paths = report_files(fmt, out)
        atomic_write(paths[0], redcap_dictionary())
        atomic_write(paths[1], data)
        paths = [*paths[:2], *write_wave_files(by_wave, paths[2:])]
    else:
        figures = dashboard_figures(session, period_from=period_from, period_to=period_to)
        outcomes = outcome_figures(
            session, period_from=period_from, period_to=period_to, threshold=threshold
        )
        surveys = [
            survey_figures(
                session, survey_id, period_from=period_from, period_to=period_to,
                threshold=threshold,
            )
            for survey_id in surveys_with_responses(session)
        ]  # fmt: skip
        by_wave = wave_report(
            session, period_from=period_from, period_to=period_to, threshold=threshold,
            language=language,
        )  # fmt: skip
        # Passed on only when there are waves or feedback: a writer made before them still works.
        extra = {"waves": by_wave} if by_wave.has_content else {}
        yield Progress(1, 2, "Drawing the PDF" if fmt == "pdf" else "Writing the report")
        if not out.parent.is_dir():
            raise InvalidInput(f"The folder {out.parent} does not exist; choose another place.")
        if pdf_writer is not None and fmt == "pdf":
            paths = [
                pdf_writer(
                    figures, out, threshold=threshold, outcomes=outcomes, surveys=surveys,
                    language=language, coverage=coverage_gaps(session), **extra,
                )
            ]  # fmt: skip
        else:
            tables = report_tables(
                figures, threshold=threshold, outcomes=outcomes, surveys=surveys,
                language=language, coverage=coverage_gaps(session), waves=by_wave,
            )  # fmt: skip
            write = csv_report if fmt == "csv" else xlsx_report
            atomic_write(out, write(tables, language=language))
            paths = [out]
    session.audit(
        "report",
        {
            "format": fmt, "from": period_from, "to": period_to, "files": len(paths),
            "language": language,
        },
    )  # fmt: skip
    yield Progress(2, 2, "Report written")
    return paths
