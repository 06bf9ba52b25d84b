-- Unit workstation: drafts, cases, encounters, follow-ups, escalations, directory, roster, exports.
CREATE TABLE resource_directory (
    code       TEXT PRIMARY KEY,          -- eap, chaplain, psychology, occupational_health, crisis_line, emergency
    label      TEXT NOT NULL,
    phone      TEXT,                      -- NULL = not set
    detail     TEXT,
    sort       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE roster (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL                    -- unit staff names for the identifier guard only
);

CREATE TABLE cases (
    case_code    TEXT PRIMARY KEY,        -- Crockford base32, e.g. K7Q-4MX
    event_date   TEXT,                    -- day (YYYY-MM-DD), for days-since computations
    symptom_days INTEGER,                 -- carried across follow-ups
    symptom_days_on TEXT,                 -- day symptom_days was last recorded; it grows from there
    status       TEXT NOT NULL DEFAULT 'open',  -- open | closed
    created_at   TEXT NOT NULL,
    closed_at    TEXT
);

CREATE TABLE drafts (
    id             TEXT PRIMARY KEY,      -- UUID
    case_code      TEXT NOT NULL,
    encounter_type TEXT NOT NULL,         -- initial | follow_up
    followup_id    TEXT,
    supporter_id   TEXT NOT NULL,
    protocol_id    TEXT NOT NULL,
    protocol_version TEXT NOT NULL,
    answers        TEXT NOT NULL DEFAULT '{}',  -- JSON; may hold screening items (draft only)
    record         TEXT NOT NULL DEFAULT '{}',  -- JSON; record fields edited so far
    carried        TEXT NOT NULL DEFAULT '{}',  -- JSON; answers a follow-up inherits from the case
    current_step   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE encounters (
    encounter_id           TEXT PRIMARY KEY,
    case_code              TEXT NOT NULL REFERENCES cases(case_code),
    site_code              TEXT NOT NULL,
    unit_code              TEXT NOT NULL,
    encounter_type         TEXT NOT NULL,
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
    screen_positive        INTEGER NOT NULL DEFAULT 0,
    escalation_level       TEXT NOT NULL,
    escalation_actions     TEXT NOT NULL DEFAULT '[]',
    escalation_rules       TEXT NOT NULL DEFAULT '[]',
    referral_targets       TEXT NOT NULL DEFAULT '[]',
    referral_accepted      TEXT,
    followup_plan          TEXT,
    needs_met              TEXT,
    supporter_own_distress TEXT,
    note                   TEXT,          -- never exported
    supporter_id           TEXT NOT NULL,
    protocol_version       TEXT NOT NULL,
    rules_version          TEXT NOT NULL,
    created_at             TEXT NOT NULL, -- day (YYYY-MM-DD)
    exported_seq           INTEGER        -- bundle sequence that carried it
);
CREATE INDEX encounters_case ON encounters(case_code);

CREATE TABLE followups (
    id                     TEXT PRIMARY KEY,
    case_code              TEXT NOT NULL REFERENCES cases(case_code),
    plan                   TEXT NOT NULL, -- h24_72 | w1 | w2 | w4
    due_date               TEXT NOT NULL, -- day
    status                 TEXT NOT NULL DEFAULT 'scheduled',  -- scheduled | done | cancelled
    assigned_supporter_id  TEXT,
    completed_encounter_id TEXT,
    created_at             TEXT NOT NULL
);
CREATE INDEX followups_due ON followups(status, due_date);
CREATE INDEX followups_case ON followups(case_code);

CREATE TABLE escalations (
    id           TEXT PRIMARY KEY,
    case_code    TEXT,
    encounter_id TEXT,
    source       TEXT NOT NULL DEFAULT 'rules',  -- rules (a completed encounter) | crisis
    level        TEXT NOT NULL,
    actions      TEXT NOT NULL DEFAULT '[]',
    rules        TEXT NOT NULL DEFAULT '[]',
    status       TEXT NOT NULL DEFAULT 'open',  -- open | handed_off | closed
    handed_to    TEXT,                          -- referral target code, when handed off
    outcome      TEXT,                          -- resources/vocab/escalation_outcomes.toml
    due_at       TEXT NOT NULL,               -- ISO timestamp
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    exported_seq INTEGER
);
CREATE INDEX escalations_status ON escalations(status, due_at);

CREATE TABLE exports (
    sequence       INTEGER PRIMARY KEY,
    export_id      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    records        INTEGER NOT NULL,
    payload_sha256 TEXT NOT NULL
);
