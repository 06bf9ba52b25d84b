-- Migration (issue 15, item 2): exceptions to the weekly on-call roster of v7. A supporter is
-- off for a span of time (leave, sick, a swap: 'off' removes their weekly shifts then) or on for
-- an extra one-off shift ('on' adds it). Times are wall-clock times in the workstation's zone,
-- written "YYYY-MM-DDTHH:MM" like the weekly pattern is read, so they follow DST; `ends` is
-- exclusive: the whole day 2026-12-24 is 2026-12-24T00:00 to 2026-12-25T00:00. No reason is
-- kept: why someone is off (sick or on leave) is not the roster's business.
CREATE TABLE oncall_exceptions (
    id           TEXT PRIMARY KEY,
    supporter_id TEXT NOT NULL REFERENCES supporters(id),
    kind         TEXT NOT NULL CHECK (kind IN ('off', 'on')),
    starts       TEXT NOT NULL CHECK (length(starts) = 16),
    ends         TEXT NOT NULL CHECK (length(ends) = 16),
    created_at   TEXT NOT NULL,
    CHECK (ends > starts)
);
CREATE INDEX oncall_exceptions_by_end ON oncall_exceptions (ends);
