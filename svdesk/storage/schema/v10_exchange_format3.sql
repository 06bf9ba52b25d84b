-- Migration 10: bundle format 3.
-- Requests for support (issue 15, item 2) travel to the coordinator as coded records (no names,
-- no supporter ids): the cross-unit requests the coordinator must match with a supporter of
-- another unit, and the real request-to-contact times for the figures. What to send is told by
-- the change counter of migration 4, as for escalations.
-- Kiosk survey responses (issue 14) travel too: no identity, no time of day, weeks only.
ALTER TABLE support_requests ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 1;
ALTER TABLE support_requests ADD COLUMN exported_seq INTEGER;
ALTER TABLE support_requests ADD COLUMN exported_change INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER support_requests_change_on_insert AFTER INSERT ON support_requests
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE support_requests SET change_seq = (SELECT value FROM change_counter WHERE id = 1)
    WHERE id = NEW.id;
END;

-- The columns a bundle carries (not the export's own marks, nor change_seq set here).
CREATE TRIGGER support_requests_change_on_update
AFTER UPDATE OF requested_at, source, people, urgency, other_unit, status, taken_at
ON support_requests
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE support_requests SET change_seq = (SELECT value FROM change_counter WHERE id = 1)
    WHERE id = NEW.id;
END;

-- The coordinator's copy: one row per request, the latest state a unit reported.
CREATE TABLE coord_requests (
    request_id      TEXT PRIMARY KEY,
    workstation_id  TEXT NOT NULL,
    import_sequence INTEGER NOT NULL,
    site_code       TEXT,
    unit_code       TEXT,
    requested_week  TEXT NOT NULL,  -- YYYY-Www
    source          TEXT,           -- activation_source code
    people          INTEGER,
    urgency         TEXT,           -- now | today | this_week
    other_unit      INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL,  -- open | taken | withdrawn (on the unit)
    response_time   TEXT,           -- le_30min | le_24h | gt_24h once taken (real times)
    minutes_to_contact INTEGER,     -- once taken: whole minutes from request to first contact
    requested_hour  TEXT,           -- 00..23, the unit's local time
    received_at     TEXT NOT NULL,  -- coordinator's clock, first import
    updated_at      TEXT NOT NULL   -- coordinator's clock, last import
);
CREATE INDEX coord_requests_unmatched ON coord_requests (other_unit, status, requested_week);

-- Survey responses never change: sent once is enough. A flag, not the export's number: the
-- export's time would date the response.
ALTER TABLE survey_responses ADD COLUMN exported INTEGER NOT NULL DEFAULT 0 CHECK (exported IN (0, 1));

-- The coordinator's copy, as anonymous as the unit's: keyed by the response's random id, no
-- order kept (WITHOUT ROWID), the unit and the ISO week only.
CREATE TABLE coord_survey_responses (
    response_id     TEXT PRIMARY KEY,
    workstation_id  TEXT NOT NULL,
    site_code       TEXT,
    unit_code       TEXT,
    survey_id       TEXT NOT NULL,
    survey_version  TEXT NOT NULL,
    week            TEXT NOT NULL,  -- YYYY-Www
    answers         TEXT NOT NULL   -- JSON: item id -> value
) WITHOUT ROWID;
