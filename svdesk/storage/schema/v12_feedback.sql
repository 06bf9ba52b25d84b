-- Migration 12 (issue 14, item 3): recipient feedback.
-- At the end of a conversation a supporter may offer the colleague a one-time code; the colleague
-- answers the feedback survey with it at the locked workstation (svdesk/unit/feedback.py). The
-- store keeps each code only as a keyed hash with the month it was offered and the day it expires
-- (the last day of the next month, so it dates nothing finer than the month): no conversation,
-- no supporter, no time, no order (WITHOUT ROWID, keyed by the hash). The key of the hashes is
-- a random salt kept here and in the signed code list beside kiosk.json.
CREATE TABLE feedback_key (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    salt TEXT NOT NULL CHECK (length(salt) = 64)
);
CREATE TABLE feedback_codes (
    hash    TEXT PRIMARY KEY CHECK (length(hash) = 64),
    month   TEXT NOT NULL CHECK (length(month) = 7),    -- YYYY-MM
    expires TEXT NOT NULL CHECK (length(expires) = 10), -- YYYY-MM-DD, the last day it works
    used    INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) WITHOUT ROWID;
-- The answers merged from the kiosk's feedback inbox: keyed by the kiosk's random id, by the
-- code's month only; nothing of the code is kept with them. Sent once (a flag, not the export's
-- number: the export's time would date the response).
CREATE TABLE feedback_responses (
    id             TEXT PRIMARY KEY CHECK (length(id) = 36),
    survey_id      TEXT NOT NULL,
    survey_version TEXT NOT NULL,
    month          TEXT NOT NULL CHECK (length(month) = 7),
    answers        TEXT NOT NULL,  -- JSON: item id -> value
    exported       INTEGER NOT NULL DEFAULT 0 CHECK (exported IN (0, 1))
) WITHOUT ROWID;

-- The coordinator's copy (bundle format 4): the unit and the month only.
CREATE TABLE coord_feedback_responses (
    response_id    TEXT PRIMARY KEY,
    workstation_id TEXT NOT NULL,
    site_code      TEXT,
    unit_code      TEXT,
    survey_id      TEXT NOT NULL,
    survey_version TEXT NOT NULL,
    month          TEXT NOT NULL,  -- YYYY-MM
    answers        TEXT NOT NULL   -- JSON: item id -> value
) WITHOUT ROWID;
