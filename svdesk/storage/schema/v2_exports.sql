-- Migration 2 (issue 18, item 1c): an export's sequence number is never used twice.
-- A number is reserved before its bundle is written; if the bundle does not get written (a
-- failed write, a kill) the number is abandoned, not released, and the next bundles declare it
-- so the coordinator does not wait for it.
ALTER TABLE exports ADD COLUMN state TEXT NOT NULL DEFAULT 'done';  -- reserved | done | abandoned

-- Coordinator: the numbers a unit declared abandoned (never to arrive; not "missing").
CREATE TABLE coord_abandoned (
    workstation_id TEXT NOT NULL REFERENCES workstations(workstation_id),
    sequence       INTEGER NOT NULL,
    declared_in    INTEGER NOT NULL,    -- the sequence of the bundle that declared it
    PRIMARY KEY (workstation_id, sequence)
);
