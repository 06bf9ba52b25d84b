"""Report files against a curious reader or a spreadsheet (issue 13, item 8): text that a
spreadsheet would run as a formula is escaped in every form it reads one, and a report folder
the program creates is private to the user whatever the umask."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from svdesk.coordinator import reports, spreadsheet
from svdesk.progress import run_to_end
from tests.core.test_bundle_support import coordinator_session

# Each is read as a formula by a spreadsheet: after leading spaces (also non-breaking and
# ideographic ones), and in the full-width and small forms of = + - @ (NFKC folds them).
DISGUISED = [
    " =1+1",
    "   +SUM(A1:A9)",
    '\u00a0=HYPERLINK("http://x")',
    "\u3000@SUM(A1)",
    '＝HYPERLINK("http://x")',
    "＋1+2",
    "－2+3",
    "＠SUM(A1)",
    "﹦1",
    " ＝1",
]


@pytest.mark.parametrize("text", DISGUISED)
def test_disguised_formula_starts_are_escaped(text: str) -> None:
    assert spreadsheet.escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", [" nurse", "ＩＣＵ", "1 = 1", "  ", ""])
def test_text_that_is_no_formula_is_left_alone(text: str) -> None:
    assert spreadsheet.escape_cell(text) == text


def test_disguised_formulas_are_escaped_in_csv_and_xlsx_cells() -> None:
    rows: list[list[spreadsheet.Value]] = [["unit", "count"], ["＝1+1", 3], [" =1+1", 4]]
    text = spreadsheet.csv_bytes(rows).decode("utf-8-sig")
    assert "'＝1+1,3" in text
    assert "' =1+1,4" in text
    book = spreadsheet.xlsx_bytes([("Units", rows)])
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "'＝1+1" in sheet
    assert "' =1+1" in sheet


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_report_folder_is_created_private_whatever_the_umask(
    tmp_path: Path, umask_022: None
) -> None:
    coord = coordinator_session()
    target = tmp_path / "new" / "redcap"
    written = run_to_end(reports.write_report(coord, "redcap", target))
    assert len(written) == 2
    for folder in (tmp_path / "new", target):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in written:
        assert not stat.S_IMODE(path.stat().st_mode) & 0o077, path


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "shared"
    target.mkdir(mode=0o755)
    run_to_end(reports.write_report(coordinator_session(), "redcap", target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o755
