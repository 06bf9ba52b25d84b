"""Report writers: suppressed CSV/XLSX figures, REDCap files, formula escaping, no identifiers."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from test_bundle_support import (
    CANARY,
    FakeSession,
    coordinator_session,
    insert_encounter,
    insert_escalation,
    unit_session,
)

from svdesk.coordinator import redcap, reports, spreadsheet
from svdesk.coordinator.coverage import CoverageFigures, coverage_gaps
from svdesk.coordinator.dashboard import DashboardFigures, coded_encounters, dashboard_figures
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes
from svdesk.coordinator.outcomes import OutcomeFigures, outcome_figures
from svdesk.coordinator.report_texts import report_texts
from svdesk.coordinator.survey_figures import SurveyFigures, survey_figures
from svdesk.errors import InvalidInput, ValidationError
from svdesk.progress import run_to_end
from svdesk.storage.settings import write_setting
from svdesk.unit import export

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_csv(data: bytes, *, bom: bool = True) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff") == bom
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def read_xlsx(data: bytes) -> dict[str, list[list[str]]]:
    """Sheet name -> rows of cell texts, read back with zipfile + ElementTree."""
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None
    assert "[Content_Types].xml" in z.namelist()
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    sheets: dict[str, list[list[str]]] = {}
    for i, sheet in enumerate(workbook.findall("m:sheets/m:sheet", NS), start=1):
        root = ET.fromstring(z.read(f"xl/worksheets/sheet{i}.xml"))
        rows = []
        for row in root.findall("m:sheetData/m:row", NS):
            cells = []
            for c in row.findall("m:c", NS):
                if c.get("t") == "inlineStr":
                    cells.append(c.findtext("m:is/m:t", default="", namespaces=NS))
                else:
                    cells.append(c.findtext("m:v", default="", namespaces=NS))
            rows.append(cells)
        sheets[sheet.get("name", "")] = rows
    return sheets


DANGEROUS = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tX", "\rY"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_starts_are_escaped(text: str) -> None:
    assert spreadsheet.escape_cell(text) == "'" + text


def test_plain_values_are_left_alone() -> None:
    assert spreadsheet.escape_cell("nurse") == "nurse"
    assert spreadsheet.escape_cell(12) == 12
    assert spreadsheet.escape_cell(None) is None


def test_csv_and_xlsx_cells_are_escaped() -> None:
    table = reports.ReportTable(
        "Injected", ("Category", "Code"), tuple((t, "x") for t in DANGEROUS)
    )
    rows = read_csv(reports.csv_report([table]))
    assert [r[1] for r in rows[1:]] == ["'" + t for t in DANGEROUS]
    sheets = read_xlsx(reports.xlsx_report([table]))
    (sheet,) = sheets.values()
    # ElementTree normalises a bare CR in text to LF; the apostrophe is what matters.
    assert [r[0] for r in sheet[1:]] == ["'" + t.replace("\r", "\n") for t in DANGEROUS]


def _coordinator_with_data(tmp_path: Path) -> tuple[FakeSession, FakeSession]:
    coord = coordinator_session()
    unit = unit_session()
    export.pair(unit, card_bytes(coord))
    for i in range(30):
        enc = insert_encounter(
            unit.db,
            case_code=f"K7Q-{i:03d}",
            role_category="nurse" if i < 26 else "leader",
            created_at="2026-03-05",
        )
    insert_escalation(unit.db, encounter=enc)
    path = run_to_end(export.export_bundle(unit, tmp_path)).path
    run_to_end(import_bundles(coord, [path], trust_new=True))
    return coord, unit


def test_csv_report_suppresses_small_cells(tmp_path: Path) -> None:
    coord, _ = _coordinator_with_data(tmp_path)
    tables = reports.report_tables(dashboard_figures(coord))
    rows = read_csv(reports.csv_report(tables))
    assert rows[0] == ["Table", "Category", "Code", "Count", "Percent", "Based on", "95 % interval"]
    roles = {r[2]: r for r in rows if r[0] == "Encounters by colleague's role"}
    assert roles["leader"][3] == "<11"
    assert roles["leader"][4] == ""  # no percentage from a hidden cell
    # 30 - 26 would give the 4 leaders back, so the nurses are hidden as the complement.
    assert roles["nurse"][3] == "suppressed"
    assert roles["physician_app"][3] == "0"
    assert roles[""][1:4] == ["Total", "", "30"]
    month = [r for r in rows if r[0] == "Encounters per month"]
    assert month[0][2] == "2026-03"


def test_the_report_ends_with_the_outcomes_of_support(tmp_path: Path) -> None:
    coord, _ = _coordinator_with_data(tmp_path)
    tables = reports.report_tables(dashboard_figures(coord), outcomes=outcome_figures(coord))
    rows = read_csv(reports.csv_report(tables))
    outcomes = {r[2]: r for r in rows if r[0] == "Outcomes of support"}
    assert list(outcomes) == [o.code for o in outcome_figures(coord).outcomes]
    # 30 first conversations, all answered within 30 minutes, none followed up yet.
    assert outcomes["contact_30min"][3:] == ["30", "100.0", "30"]
    assert outcomes["improved"][3:] == ["0", "", "0"]
    # One escalation, open past its due week: a base of 1, so the figure and base are hidden.
    assert outcomes["closed_in_time"][3:] == ["suppressed", "", "<11"]


def test_xlsx_report_opens_back_with_the_same_cells(tmp_path: Path) -> None:
    coord, _ = _coordinator_with_data(tmp_path)
    tables = reports.report_tables(dashboard_figures(coord), outcomes=outcome_figures(coord))
    sheets = read_xlsx(reports.xlsx_report(tables))
    assert len(sheets) == len(tables)
    assert set(sheets) == {report_texts().text(f"sheet.{t.key}") for t in tables}
    roles = sheets["Role"]
    assert roles[0] == ["Category", "Code", "Count", "Percent"]
    leader = next(r for r in roles if len(r) > 1 and r[1] == "leader")
    assert leader[2] == "<11"


def test_threshold_floor_applies_to_reports(tmp_path: Path) -> None:
    coord, _ = _coordinator_with_data(tmp_path)
    with pytest.raises(ValidationError):
        reports.report_tables(dashboard_figures(coord), threshold=3)
    tables = reports.report_tables(dashboard_figures(coord), threshold=5)
    roles = next(t for t in tables if t.title == "Encounters by colleague's role")
    shown = {r[1]: r[2] for r in roles.rows}
    assert shown["leader"] == "<5"
    assert shown["nurse"] == "suppressed"


def test_redcap_dictionary_has_redcaps_exact_headers() -> None:
    rows = read_csv(redcap.redcap_dictionary(), bom=False)
    assert rows[0] == [
        "Variable / Field Name",
        "Form Name",
        "Section Header",
        "Field Type",
        "Field Label",
        "Choices, Calculations, OR Slider Labels",
        "Field Note",
        "Text Validation Type OR Show Slider Number",
        "Text Validation Min",
        "Text Validation Max",
        "Identifier?",
        "Branching Logic (Show field only if...)",
        "Required Field?",
        "Custom Alignment",
        "Question Number (surveys only)",
        "Matrix Group Name",
        "Matrix Ranking?",
        "Field Annotation",
    ]
    by_name = {r[0]: r for r in rows[1:]}
    assert rows[1][0] == "record_id"
    assert by_name["role_category"][3] == "radio"
    assert by_name["role_category"][5].startswith("nurse, ")
    assert by_name["event_categories"][3] == "checkbox"
    assert by_name["screen_positive"][3] == "yesno"
    assert by_name["people_reached"][7] == "integer"
    for name in ("case_code", "supporter_id", "note", "encounter_id"):
        assert name not in by_name
    assert all(r[1] == "encounter" for r in rows[1:])


def test_redcap_import_rows_match_the_dictionary(tmp_path: Path) -> None:
    coord, _ = _coordinator_with_data(tmp_path)
    data = redcap.redcap_import(coded_encounters(coord))
    rows = read_csv(data, bom=False)
    header = rows[0]
    fields = {r[0] for r in read_csv(redcap.redcap_dictionary(), bom=False)[1:]}
    for column in header[:-1]:
        assert column.split("___")[0] in fields
    assert header[-1] == "encounter_complete"
    assert len(rows) == 31
    record = dict(zip(header, rows[1], strict=True))
    assert record["record_id"] == "1"
    assert record["event_categories___unexpected_death"] == "1"
    assert record["event_categories___near_miss"] == "0"
    assert record["created_week"] == "2026-W10"


def test_no_note_and_no_identifiers_leave_the_coordinator(tmp_path: Path) -> None:
    coord, unit = _coordinator_with_data(tmp_path)
    out = tmp_path / "reports"
    out.mkdir()
    written: list[Path] = []
    for fmt, target in (("csv", out / "r.csv"), ("xlsx", out / "r.xlsx"), ("redcap", out / "rc")):
        written += run_to_end(reports.write_report(coord, fmt, target))
    assert len(written) == 4
    forbidden = [CANARY, "K7Q-0", unit.workstation.info.store_id]
    forbidden += [
        str(s) for (s,) in unit.db.execute("SELECT DISTINCT supporter_id FROM encounters")
    ]
    forbidden += [str(e) for (e,) in unit.db.execute("SELECT encounter_id FROM encounters")]
    for path in written:
        raw = path.read_bytes()
        texts = [raw.decode("utf-8", "replace")]
        if path.suffix == ".xlsx":
            texts = [json.dumps(read_xlsx(raw))]
        for text in texts:
            for secret in forbidden:
                assert secret not in text, f"{secret} in {path.name}"


def test_write_report_refuses_unknown_format_and_missing_folder(tmp_path: Path) -> None:
    coord = coordinator_session()
    with pytest.raises(InvalidInput, match="not a report format"):
        run_to_end(reports.write_report(coord, "html", tmp_path / "x.html"))
    with pytest.raises(InvalidInput, match="drawn by the svdesk desktop app"):
        run_to_end(reports.write_report(coord, "pdf", tmp_path / "x.pdf"))
    with pytest.raises(InvalidInput, match="does not exist"):
        run_to_end(reports.write_report(coord, "csv", tmp_path / "nope" / "x.csv"))
    with pytest.raises(InvalidInput, match="ISO week"):
        run_to_end(reports.write_report(coord, "csv", tmp_path / "x.csv", period_from="2026-W60"))
    assert not [a for a, _ in coord.audited if a == "report"]
    assert not list(tmp_path.iterdir())


def test_every_format_is_written_and_audited_through_write_report(tmp_path: Path) -> None:
    """One writer for the GUI and `svdesk report`: the PDF goes to the writer passed in, with
    the same figures and threshold the other formats use, and each report is audited."""
    coord, _unit = _coordinator_with_data(tmp_path)
    drawn: list[tuple[DashboardFigures, Path, int, OutcomeFigures]] = []

    def pdf_writer(
        figures: DashboardFigures,
        out: Path,
        *,
        threshold: int,
        outcomes: OutcomeFigures,
        surveys: Sequence[SurveyFigures],
        language: str,
        coverage: CoverageFigures | None,
    ) -> Path:
        assert list(surveys) == []  # no survey responses in this store
        assert language == "en"  # the default
        assert coverage == coverage_gaps(coord)  # the month CSV and XLSX report too
        drawn.append((figures, out, threshold, outcomes))
        out.write_bytes(b"%PDF-1.4 test")
        return out

    out = tmp_path / "out"
    out.mkdir()
    period = {"period_from": "2026-W01", "period_to": "2026-W52"}
    for fmt, target in (
        ("pdf", out / "r.pdf"),
        ("csv", out / "r.csv"),
        ("xlsx", out / "r.xlsx"),
        ("redcap", out / "rc"),
    ):
        run_to_end(
            reports.write_report(coord, fmt, target, threshold=7, pdf_writer=pdf_writer, **period)
        )
    assert drawn == [
        (
            dashboard_figures(coord, **period),
            out / "r.pdf",
            7,
            outcome_figures(coord, threshold=7, **period),
        )
    ]
    assert [d for a, d in coord.audited if a == "report"] == [
        {"format": fmt, "from": "2026-W01", "to": "2026-W52", "files": n, "language": "en"}
        for fmt, n in (("pdf", 1), ("csv", 1), ("xlsx", 1), ("redcap", 2))
    ]
    assert "<7" in (out / "r.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("saved", "used"), [(None, 11), (5, 5), (25, 25), (4, 11), (True, 11), ("12", 11)]
)
def test_the_saved_threshold_is_used_when_it_is_a_usable_one(saved: object, used: int) -> None:
    coord = coordinator_session()
    if saved is not None:
        write_setting(coord.db, reports.SETTING_THRESHOLD, saved)
    assert reports.saved_threshold(coord) == used  # type: ignore[arg-type]


def test_supporter_load_says_not_available_when_no_bundle_carries_supporter_ids(
    tmp_path: Path,
) -> None:
    """Issue 11 follow-up: bundles of format 2 and later carry no supporter ids, so the load
    figure showed every band as 0 as if no supporter had held a conversation."""
    coord, _ = _coordinator_with_data(tmp_path)
    figures = dashboard_figures(coord)
    assert figures.supporter_load == []
    assert figures.supporter_load_unknown == 30
    assert reports.load_not_available(figures)
    rows = read_csv(reports.csv_report(reports.report_tables(figures)))
    load = [r for r in rows if r[0] == "Supporters by number of encounters"]
    assert len(load) == 1
    assert load[0][1].startswith("Not available: bundles from svdesk units carry no supporter ids")
    assert load[0][3] == ""  # no count of 0


def test_the_report_carries_the_staff_survey_with_its_intervals(tmp_path: Path) -> None:
    import json
    import secrets

    coord, _ = _coordinator_with_data(tmp_path)
    for value in (3, 5) * 6:  # 12 responses in one week of March
        answers = {"know_reach": value, "know_what_happens": value, "know_out_of_hours": value}
        coord.db.execute(
            "INSERT INTO coord_survey_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, week, answers) "
            "VALUES (?, 'ws', 'S01', 'ED1', 'program_pulse', '1.0.0', '2026-W10', ?)",
            [secrets.token_hex(16), json.dumps(answers)],
        )
    survey = survey_figures(coord, "program_pulse")
    rows = read_csv(
        reports.csv_report(reports.report_tables(dashboard_figures(coord), surveys=[survey]))
    )
    table = {r[2]: r for r in rows if r[0] == "Staff survey: Peer support program pulse"}
    assert table["know_how"][3] == "4.0"
    assert table["know_how"][5] == "12"
    low, high = (float(x) for x in table["know_how"][6].split("–"))
    assert low < 4.0 < high
    assert table["trust"][3] == ""  # no item answered: no mean
    assert table["know_how.2026-03"][3] == "4.0"
