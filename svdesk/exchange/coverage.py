"""The on-call coverage a bundle carries (issue 15, item 4; format 4, payload key "coverage"):
its fields, checked like every other record's (`svdesk.exchange.fields`), and how a unit's week
of coverage travels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from svdesk.exchange.fields import RecordField

# On-call coverage (issue 15, item 4; format 4): per ISO week of the unit's local time, how many
# of its real hours the unit watched (167 or 169 in a week the clocks change) and which of them
# had nobody on call, as indices of the week's hours from Monday 00:00 ("0" to "168"). Who was
# on call never travels (svdesk/unit/oncall_coverage.py).
COVERAGE_HOURS: Final = tuple(str(hour) for hour in range(169))
COVERAGE_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("week", "week", "ISO week", required=True),
    RecordField("hours", "int", "Hours watched", required=True),
    RecordField("gaps", "code_list", "Hours with nobody on call", COVERAGE_HOURS),
)
COVERAGE_FIELD_NAMES: Final = tuple(f.name for f in COVERAGE_FIELDS)


def coded_coverage(record: Mapping[str, Any]) -> dict[str, Any]:
    """A week of on-call coverage (`week`, `hours`, `gaps` as hour indices) as it travels."""
    return {
        "week": str(record["week"]),
        "hours": int(record["hours"]),
        "gaps": [str(hour) for hour in sorted({int(h) for h in record["gaps"]})],
    }
