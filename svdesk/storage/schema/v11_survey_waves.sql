-- Migration (issue 14, items 2 and 5): survey waves. The coordinator defines a wave (a survey, its
-- version, a first and a last ISO week, the units it is for, a label) and hands it to units in a
-- signed wave file (svdesk/exchange/wave_file.py); a unit keeps the waves it imported, and its
-- locked kiosk offers the survey only in a wave's weeks. A wave holds no response and no person:
-- responses are assigned to a wave at the coordinator by survey, week and unit only.
-- `revision` grows when the coordinator ends a wave early: a unit replaces an older file's wave.

-- The coordinator's waves. `units` is a JSON list of unit codes, [] for every unit.
CREATE TABLE coord_survey_waves (
    wave_id        TEXT PRIMARY KEY CHECK (length(wave_id) = 32),
    survey_id      TEXT NOT NULL,
    survey_version TEXT NOT NULL,
    label          TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    start_week     TEXT NOT NULL CHECK (length(start_week) = 8),
    end_week       TEXT NOT NULL CHECK (length(end_week) = 8),
    units          TEXT NOT NULL DEFAULT '[]',
    revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK (start_week <= end_week)
);
CREATE INDEX coord_survey_waves_by_survey ON coord_survey_waves (survey_id, start_week);

-- A unit's imported waves (this unit is in each one's units).
CREATE TABLE unit_survey_waves (
    wave_id        TEXT PRIMARY KEY CHECK (length(wave_id) = 32),
    coordinator_id TEXT NOT NULL,
    survey_id      TEXT NOT NULL,
    survey_version TEXT NOT NULL,
    label          TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    start_week     TEXT NOT NULL CHECK (length(start_week) = 8),
    end_week       TEXT NOT NULL CHECK (length(end_week) = 8),
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    CHECK (start_week <= end_week)
);
