-- Coordinator store: registered workstations, import ledger, imported coded records.
CREATE TABLE workstations (
    workstation_id TEXT PRIMARY KEY,
    fingerprint    TEXT NOT NULL,
    signing_key    TEXT NOT NULL,        -- Ed25519 public key, hex
    site_code      TEXT,
    unit_code      TEXT,
    registered_at  TEXT NOT NULL,
    last_sequence  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE imports (
    workstation_id TEXT NOT NULL,
    sequence       INTEGER NOT NULL,
    export_id      TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    records        INTEGER NOT NULL,
    imported_at    TEXT NOT NULL,
    PRIMARY KEY (workstation_id, sequence)
);
