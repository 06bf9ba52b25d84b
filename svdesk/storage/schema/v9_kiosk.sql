-- Migration (issue 14, item 2): the anonymous kiosk survey. A response taken while the store is
-- locked waits in the inbox folder, encrypted to this workstation's inbox key (age/X25519); its
-- identity is kept here, in the encrypted store, one row. Each unlock merges the inbox into
-- survey_responses. A response keeps only its survey, the survey's version, the ISO week and the
-- answers: no time, no supporter, no order — WITHOUT ROWID, keyed by the response's random id,
-- so the table's order is the random ids', not the order the responses came in.
CREATE TABLE kiosk_inbox_key (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    identity TEXT NOT NULL CHECK (identity LIKE 'AGE-SECRET-KEY-1%')
);
CREATE TABLE survey_responses (
    id             TEXT PRIMARY KEY CHECK (length(id) = 32),
    survey_id      TEXT NOT NULL,
    survey_version TEXT NOT NULL,
    week           TEXT NOT NULL CHECK (length(week) = 8),
    answers        TEXT NOT NULL
) WITHOUT ROWID;
