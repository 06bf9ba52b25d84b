-- Migration 3 (issue 15, item 3): opening hours in the unit directory.
-- NULL = the bundled default of the entry (resources/directory/default.toml); '' = not set.
ALTER TABLE resource_directory ADD COLUMN hours TEXT;
-- The directory code to call when this entry is closed (NULL = the default; '' = none).
ALTER TABLE resource_directory ADD COLUMN after_hours TEXT;
