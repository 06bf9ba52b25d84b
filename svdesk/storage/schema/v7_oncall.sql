-- Migration (issue 15, item 2, minimal): the unit's on-call roster. One weekly pattern per
-- supporter (the opening-hours syntax of svdesk/content/hours.py) and the number that
-- supporter chose to share for on-call contact. Exceptions to the pattern are not kept yet.
CREATE TABLE oncall_shifts (
    supporter_id TEXT PRIMARY KEY REFERENCES supporters(id),
    hours        TEXT NOT NULL,       -- e.g. "Mon-Fri 08:00-20:00"
    phone        TEXT                 -- shared by the supporter; NULL = not shared
);
