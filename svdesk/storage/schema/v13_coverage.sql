-- Migration 13 (issue 15, items 1 and 4): requests made at the locked workstation's kiosk, and
-- the on-call coverage a unit reports to its coordinator.

-- A request merged from the kiosk inbox keeps no supporter (logged_by stays NULL); its origin
-- says where it came from, for the queue and the audit. Nothing else is kept about the person
-- who asked: the kiosk writes only the coded fields and the time of the request.
ALTER TABLE support_requests ADD COLUMN origin TEXT NOT NULL DEFAULT 'supporter'
    CHECK (origin IN ('supporter', 'kiosk'));

-- The unit's on-call coverage per ISO week of its local time (svdesk/unit/oncall_coverage.py):
-- the real hours recorded (167 or 169 in a week the clocks change; fewer while the roster was
-- not in use or the week is not over) and the indices of those hours, from Monday 00:00, with
-- nobody on call, as a JSON list. Each hour is judged once, at the first unlock or export after
-- it, by the roster as it was then. No names: who was on call is in the roster only.
CREATE TABLE oncall_coverage (
    week  TEXT PRIMARY KEY CHECK (length(week) = 8),  -- YYYY-Www
    hours INTEGER NOT NULL CHECK (hours BETWEEN 0 AND 169),
    gaps  TEXT NOT NULL DEFAULT '[]'
);

-- The coordinator's copy: the latest a workstation reported of each week.
CREATE TABLE coord_coverage (
    workstation_id  TEXT NOT NULL,
    week            TEXT NOT NULL,  -- YYYY-Www
    site_code       TEXT,
    unit_code       TEXT,
    hours           INTEGER NOT NULL,  -- real hours the unit recorded that week
    gap_hours       INTEGER NOT NULL,  -- of them, with nobody on call
    gaps            TEXT NOT NULL,     -- JSON list of the hour indices (from Monday 00:00)
    import_sequence INTEGER NOT NULL,
    updated_at      TEXT NOT NULL,     -- coordinator's clock, last import
    PRIMARY KEY (workstation_id, week)
);
