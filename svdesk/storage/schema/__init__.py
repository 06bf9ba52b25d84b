"""The store's schema as ordered migrations; `PRAGMA user_version` holds the applied version.

Migration N is the list of SQL files `MIGRATIONS[N - 1]`, run in one transaction together with
the version bump (see `svdesk.storage.db`). Files are split by area only for readability; before the
first release everything is version 1. After a release, never edit a shipped migration: append.
"""

from __future__ import annotations

from importlib.resources import files

MIGRATIONS: list[tuple[str, ...]] = [
    ("v1_core.sql", "v1_cases.sql", "v1_coordinator.sql"),
    ("v2_exports.sql",),
    ("v3_directory_hours.sql",),
    ("v4_change_counter.sql",),
    ("v5_requests.sql",),
    ("v6_followup_index.sql",),
    ("v7_oncall.sql",),
    ("v8_oncall_exceptions.sql",),
    ("v9_kiosk.sql",),
    ("v10_exchange_format3.sql",),
    ("v13_coverage.sql",),  # kiosk requests and on-call coverage (issue 15, items 1 and 4)
    ("v12_feedback.sql",),  # recipient feedback (issue 14, item 3), appended after v13
    ("v11_survey_waves.sql",),  # survey waves (issue 14, items 2 and 5), appended after v12
]

SCHEMA_VERSION = len(MIGRATIONS)


def migration_sql(version: int) -> str:
    """The SQL script that brings a store from `version - 1` to `version`."""
    names = MIGRATIONS[version - 1]
    return "\n".join(files(__package__).joinpath(n).read_text(encoding="utf-8") for n in names)
