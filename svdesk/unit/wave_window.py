"""When the locked kiosk offers its survey (issue 14, item 2): the weeks of the survey waves this
unit imported (`svdesk.unit.waves`). The kiosk's signed choice file carries them (`kiosk.json`,
written at each unlock), since the locked kiosk cannot read the store.

No wave imported for the chosen survey: the kiosk offers it every week, as the unit admin chose.
Once a wave is imported, only in the weeks of one of its waves.
"""

from __future__ import annotations

from typing import Final

from svdesk.exchange import weeks
from svdesk.storage.db import Database

Window = tuple[tuple[str, str], ...]  # (first week, last week) of each wave, oldest first
MAX_WAVES: Final = 100


def window_of(db: Database, survey_id: str, survey_version: str) -> list[list[str]]:
    """The imported waves' weeks of a survey, as `kiosk.json` holds them (none in a store not
    yet migrated to the waves' table)."""
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'unit_survey_waves'"
    ).fetchone():
        return []
    return [
        [str(r[0]), str(r[1])]
        for r in db.execute(
            "SELECT start_week, end_week FROM unit_survey_waves "
            "WHERE survey_id = ? AND survey_version = ? ORDER BY start_week",
            [survey_id, survey_version],
        )
    ]


def parse_window(value: object) -> Window:
    """`kiosk.json`'s waves (absent in a file written before waves: none); ValueError when they
    are not a list of real (first, last) ISO weeks."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_WAVES:
        raise ValueError("its survey waves are not a list")
    spans: list[tuple[str, str]] = []
    for span in value:
        pair = isinstance(span, list) and len(span) == 2
        if not (pair and all(isinstance(w, str) for w in span)):
            raise ValueError("a survey wave is not a pair of weeks")
        start, end = span
        try:
            weeks.parse_week(start)
            weeks.parse_week(end)
        except Exception:
            raise ValueError("a survey wave's week is not an ISO week") from None
        if end < start:
            raise ValueError("a survey wave ends before it starts")
        spans.append((start, end))
    return tuple(sorted(spans))


def closed_reason(window: Window, week: str) -> str | None:
    """None when the survey is open in `week`; otherwise why not, in words for the kiosk."""
    if not window or any(start <= week <= end for start, end in window):
        return None
    later = [span for span in window if span[0] > week]
    if later:
        start, end = later[0]
        return (
            f"The staff survey is not open this week ({week}). The next survey wave runs from "
            f"week {start} to week {end}."
        )
    return (
        f"The staff survey is not open this week ({week}): its last survey wave ended in week "
        f"{window[-1][1]}."
    )
