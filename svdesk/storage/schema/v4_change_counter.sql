-- Migration 4 (issue 18, item 2): what needs exporting is told by a change counter, not by
-- timestamps. With timestamps, an escalation closed after the clock stepped back (or after an
-- export made with the clock ahead) looked older than the export that last carried it, so its
-- new status never reached the coordinator. Every insert or change of an escalation now takes
-- the next number of `change_counter`; an export records the number it carried.
CREATE TABLE change_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO change_counter (id, value) VALUES (1, 1);

ALTER TABLE escalations ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE escalations ADD COLUMN exported_change INTEGER NOT NULL DEFAULT 0;
-- What the timestamp rule counted as pending stays pending (change 1 > exported 0).
UPDATE escalations SET change_seq = 1
WHERE exported_seq IS NULL
   OR NOT EXISTS (SELECT 1 FROM exports x WHERE x.sequence = escalations.exported_seq)
   OR julianday(updated_at) > (
        SELECT julianday(x.created_at) FROM exports x WHERE x.sequence = escalations.exported_seq
   );

CREATE TRIGGER escalations_change_on_insert AFTER INSERT ON escalations
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE escalations SET change_seq = (SELECT value FROM change_counter WHERE id = 1)
    WHERE id = NEW.id;
END;

-- Any column a bundle carries, or that says the row changed; not exported_seq/exported_change
-- (the export's own marks) nor change_seq (set here).
CREATE TRIGGER escalations_change_on_update
AFTER UPDATE OF case_code, encounter_id, source, level, actions, rules, status, handed_to,
    outcome, due_at, created_at, created_by, updated_at ON escalations
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE escalations SET change_seq = (SELECT value FROM change_counter WHERE id = 1)
    WHERE id = NEW.id;
END;
