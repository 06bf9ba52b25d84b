"""The re-identification check of an export (docs/privacy.md): how small is the smallest group
of exported encounters that share unit, role, ISO week and event categories? A group of one is
a record that someone who knows the unit's incidents of that week could single out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["KEY_FIELDS", "ReidentificationCheck", "reidentification_check"]

# What a coordinator who also sees incident reports could match on.
KEY_FIELDS: Final = ("unit_code", "role_category", "created_week", "event_categories")


@dataclass(frozen=True)
class ReidentificationCheck:
    records: int
    groups: int
    smallest_group: int | None  # None when nothing is exported
    unique_records: int  # records alone in their group

    @property
    def warning(self) -> str:
        """One sentence for the person exporting, or "" when no record stands alone."""
        if not self.unique_records:
            return ""
        return (
            f"{self.unique_records} of {self.records} exported records are the only one of "
            "their unit, role, week and kind of event: someone who knows that week's events "
            "could recognise the colleague. Consider recording the role as “prefer not to say” "
            "for such records, or exporting less often."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "key": list(KEY_FIELDS),
            "records": self.records,
            "groups": self.groups,
            "smallest_group": self.smallest_group,
            "unique_records": self.unique_records,
        }


def _key(record: Mapping[str, Any]) -> tuple[object, ...]:
    unit, role, week, events = (record.get(f) for f in KEY_FIELDS)
    return (unit or "", role or "", week or "", tuple(sorted(events or ())))


def reidentification_check(records: Iterable[Mapping[str, Any]]) -> ReidentificationCheck:
    """The check over exported (coded) encounter records."""
    sizes = Counter(_key(r) for r in records)
    total = sum(sizes.values())
    return ReidentificationCheck(
        records=total,
        groups=len(sizes),
        smallest_group=min(sizes.values()) if sizes else None,
        unique_records=sum(1 for n in sizes.values() if n == 1),
    )
