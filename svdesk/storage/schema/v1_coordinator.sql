-- Coordinator store: its keys, registered workstations, the import ledger, imported coded records
-- (dates as ISO weeks only) and the coordinator's own handling of escalations.

-- One row: the age identity that decrypts bundles and the key that signs the coordinator card.
CREATE TABLE coordinator_keys (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    coordinator_id TEXT NOT NULL,
    age_identity   TEXT NOT NULL,        -- AGE-SECRET-KEY-1… (the store is encrypted)
    age_recipient  TEXT NOT NULL,        -- age1…
    signing_key    TEXT NOT NULL,        -- Ed25519 private key, hex
    fingerprint    TEXT NOT NULL,        -- of age_recipient, as shown on the card
    created_at     TEXT NOT NULL
);

CREATE TABLE workstations (
    workstation_id TEXT PRIMARY KEY,
    fingerprint    TEXT NOT NULL,
    signing_key    TEXT NOT NULL,        -- Ed25519 public key, hex
    site_code      TEXT,
    unit_code      TEXT,
    registered_at  TEXT NOT NULL,
    registered_by  TEXT,                 -- supporter id of the coordinator who trusted it
    last_sequence  INTEGER NOT NULL DEFAULT 0,
    last_import_at TEXT
);

-- One row per imported bundle; a resend of the same manifest is a duplicate, never a new row.
CREATE TABLE imports (
    workstation_id  TEXT NOT NULL REFERENCES workstations(workstation_id),
    sequence        INTEGER NOT NULL,
    export_id       TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL UNIQUE,
    payload_sha256  TEXT NOT NULL,
    created_week    TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    records         INTEGER NOT NULL,
    encounters      INTEGER NOT NULL DEFAULT 0,
    escalations     INTEGER NOT NULL DEFAULT 0,
    imported_at     TEXT NOT NULL,
    imported_by     TEXT,
    PRIMARY KEY (workstation_id, sequence)
);

-- Imported encounters: data-dictionary §2 without `note`; `created_week` instead of the day.
CREATE TABLE coord_encounters (
    encounter_id           TEXT PRIMARY KEY,
    workstation_id         TEXT NOT NULL,
    import_sequence        INTEGER NOT NULL,
    case_code              TEXT,
    site_code              TEXT,
    unit_code              TEXT,
    encounter_type         TEXT,
    modality               TEXT,
    format                 TEXT,
    people_reached         INTEGER,
    role_category          TEXT,
    unit_category          TEXT,
    activation_source      TEXT,
    event_categories       TEXT NOT NULL DEFAULT '[]',
    time_since_event       TEXT,
    response_time          TEXT,
    duration               TEXT,
    recovery_stage         TEXT,
    stress_zone            TEXT,
    interventions          TEXT NOT NULL DEFAULT '[]',
    screens_done           TEXT NOT NULL DEFAULT '[]',
    screen_positive        INTEGER,
    escalation_level       TEXT,
    escalation_actions     TEXT NOT NULL DEFAULT '[]',
    escalation_rules       TEXT NOT NULL DEFAULT '[]',
    referral_targets       TEXT NOT NULL DEFAULT '[]',
    referral_accepted      TEXT,
    followup_plan          TEXT,
    needs_met              TEXT,
    supporter_own_distress TEXT,
    supporter_id           TEXT,
    protocol_version       TEXT,
    rules_version          TEXT,
    created_week           TEXT NOT NULL, -- YYYY-Www
    period_month           TEXT NOT NULL  -- YYYY-MM of the week's Thursday (ISO week → month)
);
CREATE INDEX coord_encounters_week ON coord_encounters(created_week, unit_code);
CREATE INDEX coord_encounters_case ON coord_encounters(workstation_id, case_code, encounter_type);
CREATE INDEX coord_encounters_unit_supporter ON coord_encounters(unit_code, supporter_id, created_week);

-- Escalations as the unit reported them, plus what the coordinator did about them.
CREATE TABLE coord_escalations (
    escalation_id    TEXT PRIMARY KEY,
    workstation_id   TEXT NOT NULL,
    import_sequence  INTEGER NOT NULL,
    case_code        TEXT,
    encounter_id     TEXT,
    level            TEXT NOT NULL,
    actions          TEXT NOT NULL DEFAULT '[]',
    rules            TEXT NOT NULL DEFAULT '[]',
    unit_status      TEXT NOT NULL DEFAULT 'open', -- open | handed_off | closed (on the unit)
    supporter_id     TEXT,                         -- who to contact about it
    created_week     TEXT,
    due_week         TEXT,
    received_at      TEXT NOT NULL,                -- coordinator's clock, first import
    updated_at       TEXT NOT NULL,                -- coordinator's clock, last import/change
    acknowledged_at  TEXT,
    acknowledged_by  TEXT,
    outcome          TEXT,                         -- a code from svdesk.coordinator.OUTCOMES
    closed_at        TEXT,
    closed_by        TEXT
);
CREATE INDEX coord_escalations_open ON coord_escalations(closed_at, due_week);
CREATE INDEX coord_escalations_level ON coord_escalations(level, created_week);

-- Dashboard counts kept up to date at import (recomputed for the weeks and units a bundle
-- touches), so that figures over hundreds of thousands of encounters take milliseconds.
-- field is a coded field of coord_encounters, 'event_categories', or '*' (code '*': all).
CREATE TABLE coord_weekly_counts (
    created_week TEXT NOT NULL,
    unit_code    TEXT NOT NULL,
    field        TEXT NOT NULL,
    code         TEXT NOT NULL,
    n            INTEGER NOT NULL,
    people       INTEGER NOT NULL,     -- sum of people_reached
    PRIMARY KEY (created_week, unit_code, field, code)
) WITHOUT ROWID;

-- Cases (encounters sharing a workstation and case code) counted by the week of their first
-- encounter and its unit: the follow-up figures of a period read these few rows, not every
-- case. Only rows with planned > 0.
CREATE TABLE coord_case_weekly (
    first_week TEXT NOT NULL,
    unit_code  TEXT NOT NULL,
    planned    INTEGER NOT NULL,   -- cases whose initial encounter planned a follow-up
    completed  INTEGER NOT NULL,   -- of those, cases that had a follow-up encounter
    PRIMARY KEY (first_week, unit_code)
) WITHOUT ROWID;

-- Encounters per (week, unit, supporter) for the supporter-load figure (recomputed with
-- coord_weekly_counts); supporter_id '' stands for encounters without one.
CREATE TABLE coord_supporter_weekly (
    created_week TEXT NOT NULL,
    unit_code    TEXT NOT NULL,
    supporter_id TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (created_week, unit_code, supporter_id)
) WITHOUT ROWID;
