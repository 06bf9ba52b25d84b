"""The PDF report: small-cell suppression in the drawn text, page numbers, no percentages from
hidden cells, threshold floor, atomic 0600 writes, and use from a process with no Qt app (CLI)."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPdf import QPdfDocument

from svdesk.coordinator import reports
from svdesk.coordinator.dashboard import DashboardFigures
from svdesk.errors import ValidationError, WriteFailed
from ui.coordinator.report_pdf import ensure_qt_app, write_pdf_report
from ui.coordinator.report_sections import load_bands, report_sections

ROOT = Path(__file__).resolve().parents[2]


def figures(**changes: Any) -> DashboardFigures:
    base = DashboardFigures(
        period_from="2026-W01",
        period_to="2026-W26",
        unit=None,
        encounters=57,
        people_reached=80,
        per_month={"2026-01": 20, "2026-02": 30, "2026-03": 7},
        by_unit_category={"icu_adult": 40, "emergency": 12, "not_recorded": 5},
        by_role={"nurse": 30, "physician_app": 20, "trainee": 7},
        by_event_category={"unexpected_death": 30, "medication_error": 3},
        response_time={"le_30min": 30, "le_24h": 20, "gt_24h": 7},
        by_format={"individual": 50, "group_small": 7},
        people_reached_by_format={"individual": 50, "group_small": 30},
        escalation_level={"emergency": 1, "tier2": 56},
        referral_accepted={"yes": 20, "no": 37},
        followup={"planned": 40, "completed": 33},
        needs_met={"yes": 50, "partly": 7},
        supporter_distress={"none": 40, "some": 17},
        supporter_load=[30, 20, 5, 2],
        supporter_load_unknown=0,
        escalations_open=4,
        escalations_overdue=1,
    )
    return dataclasses.replace(base, **changes)


def pdf_pages(path: Path) -> list[str]:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    pages = [doc.getAllText(i).text() for i in range(doc.pageCount())]
    doc.close()
    return pages


def test_small_counts_are_shown_as_less_than_11_in_the_pdf(qapp: Any, tmp_path: Path) -> None:
    out = write_pdf_report(figures(), tmp_path / "report.pdf", title="Program report 2026")
    pages = pdf_pages(out)
    text = "\n".join(pages)
    assert "Program report 2026" in text
    assert "Period: 2026-W01 to 2026-W26" in text
    # 7 March encounters are small; 20 January ones are hidden too so 7 cannot be recovered.
    assert "2026-03\n<11" in text or "2026-03 <11" in text.replace("\n", " ")
    assert "suppressed" in text
    assert "57" in text  # the total is not small
    # Percentages appear for shown cells only.
    assert "53 %" in text  # 30 of 57 in February
    assert " 12 %" not in text  # 7 of 57 would be 12 %: never computed from a hidden cell
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_sections_never_carry_a_percentage_for_a_hidden_cell() -> None:
    for section in report_sections(figures()):
        for row in section.rows:
            if row.cell.suppressed:
                assert row.percent is None, (section.key, row.code)
                assert row.cell.text in ("<11", "suppressed")


def test_a_long_report_runs_over_pages_with_numbers(qapp: Any, tmp_path: Path) -> None:
    months = {f"{2023 + i // 12}-{i % 12 + 1:02d}": 11 + i for i in range(40)}
    out = write_pdf_report(figures(per_month=months), tmp_path / "long.pdf")
    pages = pdf_pages(out)
    assert len(pages) >= 3
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_threshold_has_a_floor_of_5_and_changes_the_marker(qapp: Any, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="minimum of 5"):
        write_pdf_report(figures(), tmp_path / "r.pdf", threshold=4)
    assert not (tmp_path / "r.pdf").exists()
    out = write_pdf_report(figures(), tmp_path / "r5.pdf", threshold=5)
    text = "\n".join(pdf_pages(out))
    assert "<5" in text
    assert "<11" not in text


def test_written_atomically_private_and_replacing(qapp: Any, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    write_pdf_report(figures(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # no temp file left
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(WriteFailed):
        write_pdf_report(figures(), tmp_path / "no-such-folder" / "report.pdf")


def test_empty_figures_still_make_a_report(qapp: Any, tmp_path: Path) -> None:
    empty = figures(
        encounters=0, people_reached=0, per_month={}, by_role={}, by_unit_category={},
        by_event_category={}, response_time={}, by_format={}, people_reached_by_format={},
        escalation_level={}, referral_accepted={}, followup={"planned": 0, "completed": 0},
        needs_met={}, supporter_distress={}, supporter_load=[], escalations_open=0,
        escalations_overdue=0,
    )  # fmt: skip
    text = "\n".join(pdf_pages(write_pdf_report(empty, tmp_path / "empty.pdf")))
    assert "Conversations per month" in text


def test_ensure_qt_app_reuses_the_running_application(qapp: Any) -> None:
    assert ensure_qt_app() is qapp


def test_works_in_a_process_without_a_qt_application(tmp_path: Path) -> None:
    """What `svdesk report --format pdf` does: no app yet, no display."""
    out = tmp_path / "cli.pdf"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ui.coordinator.report_pdf import ensure_qt_app, write_pdf_report\n"
        "from tests.ui.test_report_pdf import figures\n"
        "guard = getattr(sys.modules.get('sitecustomize'), '__file__', '') or ''\n"
        "assert Path(guard).parent.name == 'child_guard', f'no network guard: {guard!r}'\n"
        "ensure_qt_app()\n"
        "print(write_pdf_report(figures(), Path(sys.argv[1])))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    # prepend: the inherited PYTHONPATH carries the child network guard (tests/conftest.py)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH")])
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF")


def test_cli_report_format_pdf(tmp_path: Path) -> None:
    """`svdesk report --format pdf` as a program: no display, no Qt app, a real file keyring."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("SVDESK_HOME", None)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        SVDESK_TEST_ALLOW_PLAINTEXT_KEYRING="1",
        SVDESK_KDF_PROFILE="test",
    )
    passphrase = "correct horse battery staple\n"

    def svdesk(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "svdesk_app", "--home", str(tmp_path / "coord"), *argv],
            input=passphrase, capture_output=True, text=True, env=env, cwd=ROOT,
            timeout=120, check=False,
        )  # fmt: skip

    made = svdesk(
        "init", "--role", "coordinator", "--site", "S01", "--admin", "Alex", "--passphrase-stdin"
    )
    assert made.returncode == 0, made.stderr
    out = tmp_path / "leadership.pdf"
    done = svdesk(
        "report", "--format", "pdf", "--out", str(out), "--from", "2026-W01", "--to", "2026-W52",
        "--passphrase-stdin",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"report": [str(out)]}
    pages = pdf_pages(out)
    assert "Period: 2026-W01 to 2026-W52" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]
    missing = svdesk(
        "report", "--format", "pdf", "--out", str(tmp_path / "nowhere" / "r.pdf"),
        "--passphrase-stdin",
    )  # fmt: skip
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr


def test_the_pdf_and_the_spreadsheets_band_supporter_load_alike() -> None:
    load = [1, 5, 6, 10, 11, 20, 21, 400, 3]
    assert list(load_bands(load).values()) == [3, 2, 2, 2]
    assert list(load_bands(load).values()) == list(reports._load_buckets(load).values())


def test_the_pdf_ends_with_the_outcomes_of_support(qapp: Any, tmp_path: Path) -> None:
    from svdesk.coordinator.outcomes import Outcome, OutcomeFigures

    outcomes = OutcomeFigures(
        period_from="2026-W01",
        period_to="2026-W26",
        unit=None,
        threshold=11,
        cases_followed=40,
        zone_change={"improved": 29, "unchanged": 11, "worse": 0},
        outcomes=(
            Outcome("improved", "Cases whose zone improved", 29, 40, 29 / 40, "Higher is better."),
            Outcome("weeks_to_green", "Weeks to green (median)", None, 22, 2.0, "Lower."),
            Outcome("closed_in_time", "Escalations closed in time", None, 4, None, "Higher."),
        ),
    )
    out = write_pdf_report(figures(), tmp_path / "report.pdf", outcomes=outcomes)
    text = " ".join("\n".join(pdf_pages(out)).split())
    assert "Outcomes of support" in text
    # The labels are the report texts' (resources/reports/texts.toml), by the outcome's code.
    assert "Cases whose stress zone impr…y the last follow-up (of 40) 72 %" in text  # base kept
    assert "Weeks from the first conversation to green (median) (of 22) 2 weeks" in text
    # A base of 4 is a small count: shown as <11, the figure hidden.
    assert "Escalations closed by the end of their due week (of <11)" in text
    assert "(of 4)" not in text


def test_supporter_load_without_supporter_ids_is_not_available_in_the_pdf(
    qapp: Any, tmp_path: Path
) -> None:
    out = write_pdf_report(
        figures(supporter_load=[], supporter_load_unknown=57), tmp_path / "report.pdf"
    )
    text = " ".join("\n".join(pdf_pages(out)).split())
    assert "Supporter load" in text
    assert "Not available: bundles from svdesk units carry no supporter ids" in text
    assert "1–5 conversations" not in text


def test_the_pdf_carries_the_staff_survey(qapp: Any, tmp_path: Path) -> None:
    from svdesk.coordinator.survey_figures import SubscaleFigure, SurveyFigures

    know = SubscaleFigure("know_how", "Knowing how to get support", 40, 3.9, 3.6, 4.2, "Higher.")
    trust = SubscaleFigure("trust", "Trust", 4, None, None, None, "Higher.")
    survey = SurveyFigures(
        survey_id="program_pulse",
        title="Peer support program pulse",
        validated=False,
        threshold=11,
        responses=40,
        subscales=(know, trust),
        by_month={"2026-11": (know, trust)},
        not_scored=0,
    )
    out = write_pdf_report(figures(), tmp_path / "report.pdf", surveys=[survey])
    text = " ".join("\n".join(pdf_pages(out)).split())
    assert "Staff survey: Peer support program pulse" in text
    assert "Knowing how to get support (40 responses) 3.90 (95 % CI 3.60–4.20)" in text
    assert "Trust (<11 responses)" in text
    assert "2026-11: Knowing how to get support" in text
    assert "written by the program, not validated" in text
