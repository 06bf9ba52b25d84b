"""One titled table of a CSV/XLSX report (`reports`, `wave_report`): here, apart from the report
writer, so that the modules making tables and the one writing them do not import each other."""

from __future__ import annotations

from dataclasses import dataclass

from svdesk.coordinator.spreadsheet import Value


@dataclass(frozen=True)
class ReportTable:
    """One titled table: header plus rows of already-suppressed, display-ready values.

    `key` names the table in the report texts (`report_texts`: its title `table.<key>`, its
    XLSX sheet `sheet.<key>`); empty for a table made elsewhere."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    key: str = ""
