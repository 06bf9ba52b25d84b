-- Migration (issue 15, item 1): requests for peer support, logged before anyone sits down.
-- No names and no story: who asked is a code, the rest counts and times.
CREATE TABLE support_requests (
    id            TEXT PRIMARY KEY,
    requested_at  TEXT NOT NULL,           -- ISO 8601 UTC: when the request was made
    logged_at     TEXT NOT NULL,           -- ISO 8601 UTC: when it was typed in
    logged_by     TEXT,                    -- supporter id
    source        TEXT NOT NULL,           -- activation_source code (data dictionary)
    people        INTEGER NOT NULL CHECK (people >= 1),
    urgency       TEXT NOT NULL,           -- now | today | this_week
    other_unit    INTEGER NOT NULL DEFAULT 0,  -- 1: a supporter from another unit is preferred
    status        TEXT NOT NULL DEFAULT 'open',  -- open | taken | withdrawn
    taken_at      TEXT,                    -- ISO 8601 UTC: first contact (conversation started)
    taken_by      TEXT,
    draft_id      TEXT
);
CREATE INDEX support_requests_open ON support_requests (status, requested_at);
