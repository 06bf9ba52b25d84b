-- Foundation: store identity, supporters, settings, audit log.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);  -- store_id, role (unit|coordinator), site_code, unit_code, created_at

CREATE TABLE supporters (
    id         TEXT PRIMARY KEY,          -- UUID
    name       TEXT NOT NULL,
    is_admin   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    removed_at TEXT
);
CREATE UNIQUE INDEX supporters_active_name ON supporters(name) WHERE removed_at IS NULL;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                   -- JSON
);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical JSON of the row).
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,              -- ISO timestamp, UTC
    actor     TEXT,                       -- supporter id or NULL (system)
    action    TEXT NOT NULL,              -- e.g. unlock, unlock_failed, enrol, export
    detail    TEXT NOT NULL DEFAULT '{}', -- JSON, never free text typed by a user
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
