"""Reports that leave the coordinator: CSV and XLSX figures with small-cell suppression, and a
REDCap data dictionary + import file of coded encounters (`svdesk.coordinator.redcap`);
`write_report` writes any of them, or the PDF through a writer `ui/` passes in, and audits it.

Every text cell is escaped against formula injection (`spreadsheet.escape_cell`).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Protocol

from svdesk.access.session import Session
from svdesk.coordinator.dashboard import DashboardFigures, coded_encounters, dashboard_figures
from svdesk.coordinator.outcomes import OutcomeFigures, outcome_figures
from svdesk.coordinator.redcap import redcap_dictionary, redcap_import
from svdesk.coordinator.spreadsheet import Value, csv_bytes, labeller, xlsx_bytes
from svdesk.coordinator.suppression import (
    DEFAULT_THRESHOLD,
    MINIMUM_THRESHOLD,
    SUPPRESSED_TEXT,
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
from svdesk.errors import InvalidInput
from svdesk.exchange import weeks
from svdesk.progress import Progress
from svdesk.storage.paths import atomic_write
from svdesk.storage.settings import read_setting

# ---------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class ReportTable:
    """One titled table: header plus rows of already-suppressed, display-ready values."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def _shown(cell: Cell) -> Value:
    return cell.text if cell.suppressed else cell.count


def _percent(value: float | None) -> Value:
    return None if value is None else round(value, 1)


def _count_table(
    title: str,
    counts: Mapping[str, int],
    *,
    field: str | None,
    threshold: int,
    total: int | None = None,
    label: Callable[[str, str], str],
    total_label: str = "Total",
) -> ReportTable:
    result = suppress_counts(counts, threshold=threshold, total=total)
    rows: list[tuple[Value, ...]] = []
    for code, cell in result.cells.items():
        name = label(field, code) if field else code
        rows.append((name, code, _shown(cell), _percent(result.percent(code))))
    rows.append((total_label, "", _shown(result.total), None))
    return ReportTable(title, ("Category", "Code", "Count", "Percent"), tuple(rows))


# Supporter load leaves the coordinator as how many supporters had how many conversations, never
# per person: these bands (lowest, highest or None for no limit), in every format.
LOAD_BANDS: Final[tuple[tuple[int, int | None], ...]] = ((1, 5), (6, 10), (11, 20), (21, None))


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


OUTCOMES_TITLE: Final = "Outcomes of support"


def outcomes_table(outcomes: OutcomeFigures) -> ReportTable:
    """The outcome figures as one table: each share's count and percent, the median weeks to
    green in the Count column, and each base ("<11" when small); withheld figures are shown as
    "suppressed" (issue 14, item 4)."""
    t = outcomes.threshold
    rows: list[tuple[Value, ...]] = []
    for o in outcomes.outcomes:
        value: Value
        if o.value is None:
            value, pct = (SUPPRESSED_TEXT if o.whole else 0), None
        elif o.part is None:  # a median, in weeks
            value, pct = o.value, None
        else:
            value, pct = o.part, _percent(100 * o.value)
        rows.append((o.label, o.code, value, pct, o.base_text(t)))
    return ReportTable(
        OUTCOMES_TITLE, ("Outcome", "Code", "Count", "Percent", "Based on"), tuple(rows)
    )


def _survey_row(label: str, code: str, sub: SubscaleFigure, threshold: int) -> tuple[Value, ...]:
    if sub.mean is None or sub.low is None or sub.high is None:
        mean: Value = SUPPRESSED_TEXT if sub.n else None
        interval: Value = None
    else:
        mean, interval = round(sub.mean, 2), f"{sub.low:.2f}–{sub.high:.2f}"
    return (label, code, mean, None, count_text(sub.n, threshold), interval)


def survey_table(survey: SurveyFigures) -> ReportTable:
    """A staff survey's subscale means with their 95 % intervals, then the same by month (the
    trend); a mean from fewer responses than the threshold is "suppressed" (issue 14)."""
    t = survey.threshold
    rows = [_survey_row(s.label, s.subscale_id, s, t) for s in survey.subscales]
    for month, subs in survey.by_month.items():
        rows += [_survey_row(f"{s.label}, {month}", f"{s.subscale_id}.{month}", s, t) for s in subs]
    return ReportTable(
        f"Staff survey: {survey.title}",
        ("Subscale", "Code", "Mean", "Percent", "Responses", "95 % interval"),
        tuple(rows),
    )


def report_tables(
    figures: DashboardFigures,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    generated: datetime | None = None,
    outcomes: OutcomeFigures | None = None,
    surveys: Sequence[SurveyFigures] = (),
) -> list[ReportTable]:
    """The figures as suppressed tables (what CSV, XLSX and the PDF show), the outcomes of
    support last when given."""
    check_threshold(threshold)
    label = labeller()
    when = generated or datetime.now(UTC)
    period = f"{figures.period_from or 'start'} to {figures.period_to or 'latest'}"
    about = ReportTable(
        "About this report",
        ("Item", "Value"),
        (
            ("Period (ISO weeks)", period),
            ("Unit", figures.unit or "all units"),
            ("Generated (ISO week)", weeks.iso_week(when)),
            (
                "Small cells",
                f"counts from 1 to {threshold - 1} are shown as <{threshold}; cells marked "
                "suppressed are hidden too, so that small counts cannot be worked out from "
                "totals",
            ),
        ),
    )
    n = figures.encounters
    tables = [about]
    tables.append(
        _count_table(
            "Encounters per month",
            figures.per_month,
            field=None,
            threshold=threshold,
            label=label,
        )
    )

    def add(title: str, counts: Mapping[str, int], field: str, total: int | None = None) -> None:
        tables.append(
            _count_table(title, counts, field=field, threshold=threshold, total=total, label=label)
        )

    add("Encounters by colleague's area", figures.by_unit_category, "unit_category")
    add("Encounters by colleague's role", figures.by_role, "role_category")
    # An encounter may name several event categories: percentages are of encounters.
    add("Encounters by event category", figures.by_event_category, "event_categories", n)
    add("Response time (request to first contact)", figures.response_time, "response_time")
    add("Individual and group support", figures.by_format, "format")
    add("People reached by format", figures.people_reached_by_format, "format")
    add("Escalation level", figures.escalation_level, "escalation_level")
    add("Referral accepted", figures.referral_accepted, "referral_accepted")
    planned = figures.followup.get("planned", 0)
    completed = figures.followup.get("completed", 0)
    tables.append(
        _count_table(
            "Cases with a planned follow-up",
            {"completed": completed, "not_completed": planned - completed},
            field=None,
            threshold=threshold,
            label=label,
        )
    )
    add("Needs met (supporter's rating)", figures.needs_met, "needs_met")
    add("Supporter's own distress", figures.supporter_distress, "supporter_own_distress")
    if load_not_available(figures):
        tables.append(
            ReportTable(
                "Supporters by number of encounters",
                ("Category", "Code", "Count", "Percent"),
                ((LOAD_NOT_AVAILABLE, "not_available", None, None),),
            )
        )
    else:
        tables.append(
            _count_table(
                "Supporters by number of encounters",
                _load_buckets(figures.supporter_load),
                field=None,
                threshold=threshold,
                label=label,
                total_label="Supporters",
            )
        )
    if outcomes is not None:
        tables.append(outcomes_table(outcomes))
    tables.extend(survey_table(s) for s in surveys)
    return tables


# ---------------------------------------------------------------------------- CSV


def csv_report(tables: Sequence[ReportTable]) -> bytes:
    """All tables in one CSV: Table, then each table's own columns."""
    rows: list[Sequence[Value]] = [
        ("Table", "Category", "Code", "Count", "Percent", "Based on", "95 % interval")
    ]
    for table in tables:
        for row in table.rows:
            rows.append((table.title, *row))
    return csv_bytes(rows)


# ---------------------------------------------------------------------------- XLSX

# Sheet names are limited to 31 characters: short names for the report's tables.
SHEET_NAMES: Final = {
    "About this report": "About",
    "Encounters per month": "Per month",
    "Encounters by colleague's area": "Area",
    "Encounters by colleague's role": "Role",
    "Encounters by event category": "Event category",
    "Response time (request to first contact)": "Response time",
    "Individual and group support": "Format",
    "People reached by format": "People reached",
    "Escalation level": "Escalation level",
    "Referral accepted": "Referral accepted",
    "Cases with a planned follow-up": "Follow-up",
    "Needs met (supporter's rating)": "Needs met",
    "Supporter's own distress": "Supporter distress",
    "Supporters by number of encounters": "Supporter load",
    OUTCOMES_TITLE: "Outcomes",
}


def xlsx_report(tables: Sequence[ReportTable]) -> bytes:
    """One sheet per table, header in the first row."""
    return xlsx_bytes([(SHEET_NAMES.get(t.title, t.title), [t.header, *t.rows]) for t in tables])


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


# The two files of a REDCap report, in the folder given.
REDCAP_FILE_NAMES: Final = ("svdesk_redcap_data_dictionary.csv", "svdesk_redcap_import.csv")


def report_files(fmt: str, out: Path) -> list[Path]:
    """The files a report in `fmt` to `out` writes (redcap: `out` is the folder of two), for
    the checks before writing (`svdesk report --out`, the Reports tab)."""
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
) -> Generator[Progress, None, list[Path]]:
    """Write a pdf / csv / xlsx / redcap report of ISO weeks `period_from`..`period_to` and audit
    it; returns the files written (redcap: `out` is a folder for two files). The GUI and
    `svdesk report` both write reports through here."""
    check_threshold(threshold)
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
            raise InvalidInput(f"{out} is a file; for REDCap give a folder for the two files.")
        try:
            _private_folder(out)
        except OSError as exc:
            raise InvalidInput(f"Cannot create the folder {out} ({exc.strerror}).") from exc
        data = redcap_import(
            coded_encounters(session, period_from=period_from, period_to=period_to)
        )
        yield Progress(1, 2, "Writing the REDCap files")
        paths = report_files(fmt, out)
        atomic_write(paths[0], redcap_dictionary())
        atomic_write(paths[1], data)
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
        yield Progress(1, 2, "Drawing the PDF" if fmt == "pdf" else "Writing the report")
        if not out.parent.is_dir():
            raise InvalidInput(f"The folder {out.parent} does not exist; choose another place.")
        if pdf_writer is not None and fmt == "pdf":
            paths = [
                pdf_writer(figures, out, threshold=threshold, outcomes=outcomes, surveys=surveys)
            ]
        else:
            tables = report_tables(figures, threshold=threshold, outcomes=outcomes, surveys=surveys)
            atomic_write(out, csv_report(tables) if fmt == "csv" else xlsx_report(tables))
            paths = [out]
    session.audit(
        "report", {"format": fmt, "from": period_from, "to": period_to, "files": len(paths)}
    )
    yield Progress(2, 2, "Report written")
    return paths
