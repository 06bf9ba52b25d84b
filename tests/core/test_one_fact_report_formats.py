"""The report formats are one fact, `svdesk.coordinator.reports.REPORT_FORMATS` (with the file
suffixes in `FILE_SUFFIXES`): the command line's `--format` choices follow it. (The parser keeps
its own list because building it must not load svdesk.coordinator before the unlock screen; this
test ties the two. The Reports tab's labels are tied in tests/ui/test_coordinator_reports.py.)"""

from __future__ import annotations

from svdesk.cli import build
from svdesk.coordinator.reports import FILE_SUFFIXES, REPORT_FORMATS
from svdesk_app.main import add_qt_commands


def test_the_command_line_offers_the_cores_formats_in_its_order() -> None:
    assert build([add_qt_commands]).report_formats == list(REPORT_FORMATS)
    # without Qt, every format but the PDF (drawn by Qt) is written by the core itself
    assert build().report_formats == [f for f in REPORT_FORMATS if f != "pdf"]


def test_every_format_writes_a_file_with_its_suffix_or_a_folder() -> None:
    assert set(FILE_SUFFIXES) < set(REPORT_FORMATS)
    assert [f for f in REPORT_FORMATS if f not in FILE_SUFFIXES] == ["redcap"]
    assert all(FILE_SUFFIXES[f] == f".{f}" for f in FILE_SUFFIXES)
