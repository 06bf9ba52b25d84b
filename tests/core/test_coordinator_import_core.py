"""Coordinator import, against its plain definition: whatever mix of new, resent, repeated and
foreign encounters a series of bundles holds, the stored dashboard and follow-up counts are
exactly what recounting every stored encounter gives, rows are stored as the plain
record-by-record conversion would store them, and each file is decided against the ledger as
the files before it in the same run left it."""

from __future__ import annotations

import dataclasses
import random
import uuid
from pathlib import Path
from typing import Any

import pytest
from test_bundle_support import FakeSession, coordinator_session

from svdesk.coordinator.dashboard import dashboard_figures
from svdesk.coordinator.importing import ImportSummary, import_bundles
from svdesk.coordinator.keys import coordinator_keys
from svdesk.coordinator.rows import SCRUBBED_SETTING, db_value
from svdesk.coordinator.summaries import CROSS_FIELDS, period_month, refresh_summaries
from svdesk.exchange import bundle, card, fields
from svdesk.progress import run_to_end
from svdesk.storage.settings import delete_setting

SUMMARY_TABLES = ("coord_weekly_counts", "coord_case_weekly", "coord_supporter_weekly")
FIELDS = {f.name: f for f in fields.ENCOUNTER_FIELDS}


def rows(coord: FakeSession, table: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in coord.db.execute(f"SELECT * FROM {table}").fetchall())


def summaries(coord: FakeSession) -> dict[str, list[tuple[Any, ...]]]:
    return {table: rows(coord, table) for table in SUMMARY_TABLES}


def recounted(coord: FakeSession) -> dict[str, list[tuple[Any, ...]]]:
    """The counts as the repair recomputes them from every stored encounter."""
    coord.db.execute("SAVEPOINT recount")
    try:
        refresh_summaries(coord.db)
        return summaries(coord)
    finally:
        coord.db.execute("ROLLBACK TO recount")
        coord.db.execute("RELEASE recount")


def coded_encounter(rng: random.Random, encounter_id: str) -> dict[str, Any]:
    """A coded encounter with few distinct values, so that weeks, units and cases collide."""

    def code(name: str) -> str | None:
        return rng.choice([None, *FIELDS[name].codes])

    record: dict[str, Any] = {name: None for name in fields.ENCOUNTER_FIELD_NAMES}
    record.update(
        encounter_id=encounter_id,
        case_code=rng.choice([None, "", "C-1", "C-2", "C-3", "C-4"]),
        site_code="S01",
        unit_code=rng.choice([None, "", "ED1", "ICU"]),
        people_reached=rng.choice([None, 1, 2, 7]),
        event_categories=rng.sample(FIELDS["event_categories"].codes, rng.randint(0, 2)),
        interventions=rng.choice([[], ["listening"], ["listening", "normalisation"]]),
        screen_positive=rng.choice([None, True, False]),
        supporter_id=rng.choice([None, "00000000-0000-4000-8000-000000000001", str(uuid.uuid4())]),
        created_week=rng.choice(["2026-W01", "2026-W02", "2026-W03"]),
    )
    for name in (*CROSS_FIELDS, "encounter_type", "followup_plan", "modality"):
        record[name] = code(name)
    return record


class Unit:
    """A unit workstation as far as bundles go: its key, its numbering, what it sent."""

    def __init__(self, coord: FakeSession, rng: random.Random) -> None:
        self.coord = coord
        self.rng = rng
        self.key = card.new_signing_key()
        self.id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        self.sequence = 0
        self.sent: list[str] = []

    def bundle_file(self, folder: Path, records: list[dict[str, Any]]) -> Path:
        self.sequence += 1
        built = bundle.build_bundle(
            records=records,
            escalations=[],
            workstation_id=self.id,
            sequence=self.sequence,
            signing_key=self.key,
            recipients=[coordinator_keys(self.coord).age_recipient],
            schema_version=1,
            created_week="2026-W03",
            site_code="S01",
            unit_code="ED1",
        )
        path = folder / f"{self.id}-{self.sequence}.svdbundle"
        path.write_bytes(built.data)
        self.sent += [r["encounter_id"] for r in records]
        return path

    def new_ids(self, n: int) -> list[str]:
        return [str(uuid.UUID(int=self.rng.getrandbits(128), version=4)) for _ in range(n)]


def import_(coord: FakeSession, path: Path) -> ImportSummary:
    return run_to_end(import_bundles(coord, [path], trust_new=True))


@pytest.mark.parametrize("seed", range(6))
def test_counts_kept_at_import_equal_a_full_recount(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    coord = coordinator_session()
    units = [Unit(coord, rng), Unit(coord, rng)]
    batch: list[Path] = []  # imported together in one run, then checked

    def import_batch() -> None:
        if batch:
            summary = run_to_end(import_bundles(coord, batch, trust_new=True))
            assert len(summary.imported) == len(batch), summary.to_json()
            assert summaries(coord) == recounted(coord)
            batch.clear()

    for _ in range(16):
        unit = rng.choice(units)
        kind = rng.choice(["new", "new", "resend", "repeat", "foreign"])
        ids = unit.new_ids(rng.randint(0, 6))
        if kind == "resend" and unit.sent:  # some encounters again, maybe moved or changed
            ids += rng.sample(unit.sent, min(len(unit.sent), rng.randint(1, 3)))
        elif kind == "repeat" and ids:  # one encounter twice in the same bundle
            ids.append(ids[0])
        elif kind == "foreign":
            other = units[1 - units.index(unit)]
            if not other.sent:
                continue
            ids.append(rng.choice(other.sent))
            import_batch()
        path = unit.bundle_file(tmp_path, [coded_encounter(rng, i) for i in ids])
        if kind != "foreign":
            batch.append(path)
            if rng.random() < 0.4:
                import_batch()
            continue
        before = summaries(coord)
        stored = rows(coord, "coord_encounters")
        summary = import_(coord, path)
        assert [r["reason"] for r in summary.rejected] == ["corrupt"]
        assert "another workstation" in summary.rejected[0]["message"]
        assert (summaries(coord), rows(coord, "coord_encounters")) == (before, stored)
        unit.sent = unit.sent[: -len(ids)]
    import_batch()
    assert sum(n for *_, field, _code, n, _p in rows(coord, "coord_weekly_counts") if field == "*")
    assert dashboard_figures(coord).encounters == len(rows(coord, "coord_encounters"))


def test_a_case_followed_up_in_a_later_bundle_counts_as_completed(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = Unit(coord, random.Random(1))
    first = coded_encounter(unit.rng, unit.new_ids(1)[0])
    first.update(case_code="C-9", encounter_type="initial", followup_plan="w1", unit_code="ICU")
    later = coded_encounter(unit.rng, unit.new_ids(1)[0])
    later.update(case_code="C-9", encounter_type="follow_up", unit_code="ED1")
    later["created_week"] = "2025-W52"  # recorded late, with an earlier week
    import_(coord, unit.bundle_file(tmp_path, [first]))
    assert rows(coord, "coord_case_weekly") == [(first["created_week"], "ICU", 1, 0)]
    import_(coord, unit.bundle_file(tmp_path, [later]))
    # The case moves to its earliest week and its least unit, and is completed.
    assert rows(coord, "coord_case_weekly") == [("2025-W52", "ED1", 1, 1)]
    assert summaries(coord) == recounted(coord)


def test_encounter_rows_are_stored_as_plainly_converted(tmp_path: Path) -> None:
    coord = coordinator_session()
    rng = random.Random(7)
    unit = Unit(coord, rng)
    records = [coded_encounter(rng, i) for i in unit.new_ids(40)]
    import_(coord, unit.bundle_file(tmp_path, records))
    # Fields withheld since format 2 are stored empty whatever an older bundle carried.
    withheld = {f.name: f for f in fields.ENCOUNTER_FIELDS if f.withheld}
    expected = sorted(
        (
            *(
                db_value(n, ([] if withheld[n].kind == "code_list" else None))
                if n in withheld
                else db_value(n, r[n])
                for n in fields.ENCOUNTER_FIELD_NAMES
            ),
            unit.id,
            1,
            period_month(r["created_week"]),
        )
        for r in records
    )
    columns = [*fields.ENCOUNTER_FIELD_NAMES, "workstation_id", "import_sequence", "period_month"]
    stored = coord.db.execute(f"SELECT {', '.join(columns)} FROM coord_encounters").fetchall()
    assert sorted(tuple(r) for r in stored) == expected


# ---------------------------------------------------------------------------- one run, in order
# What the ledger decides (duplicates, new workstations, rollbacks) follows the bundles before
# in the same run; a file that cannot be read is rejected in its turn; a cancel stops between.


def test_decisions_follow_the_bundles_before_in_the_same_run(tmp_path: Path) -> None:
    coord = coordinator_session()
    rng = random.Random(3)
    unit = Unit(coord, rng)
    first = unit.bundle_file(tmp_path, [coded_encounter(rng, i) for i in unit.new_ids(3)])
    second = unit.bundle_file(tmp_path, [coded_encounter(rng, i) for i in unit.new_ids(2)])
    unit.sequence = 1  # number 2 again, with other content
    (tmp_path / "again").mkdir()
    replay = unit.bundle_file(tmp_path / "again", [coded_encounter(rng, unit.new_ids(1)[0])])
    trusted = card.fingerprint(card.public_key_of(unit.key))
    summary = run_to_end(
        import_bundles(coord, [first, first, second, replay], trusted_fingerprints={trusted})
    )
    assert [(i["sequence"], "new_workstation" in i) for i in summary.imported] == [
        (1, True),
        (2, False),
    ]
    assert summary.duplicates == [{"file": str(first), "sequence": 1}]
    assert [r["reason"] for r in summary.rejected] == ["sequence_rollback"]
    assert len(rows(coord, "coord_encounters")) == 5


def test_a_next_file_that_cannot_be_read_is_rejected_in_its_turn(tmp_path: Path) -> None:
    coord = coordinator_session()
    rng = random.Random(4)
    unit = Unit(coord, rng)
    good = unit.bundle_file(tmp_path, [coded_encounter(rng, i) for i in unit.new_ids(2)])
    missing = tmp_path / "gone.svdbundle"
    damaged = tmp_path / "damaged.svdbundle"
    damaged.write_bytes(good.read_bytes()[:-10])
    summary = run_to_end(import_bundles(coord, [good, missing, damaged], trust_new=True))
    assert [i["file"] for i in summary.imported] == [str(good)]
    assert [(r["file"], r["reason"]) for r in summary.rejected] == [
        (str(missing), "corrupt"),
        (str(damaged), "corrupt"),
    ]
    assert "could not be read" in summary.rejected[0]["message"]
    assert [a for a, _ in coord.audited].count("import_rejected") == 2


def test_cancelling_after_a_bundle_leaves_the_next_unimported(tmp_path: Path) -> None:
    coord = coordinator_session()
    rng = random.Random(5)
    unit = Unit(coord, rng)
    files = [
        unit.bundle_file(tmp_path, [coded_encounter(rng, i) for i in unit.new_ids(2)])
        for _ in range(3)
    ]
    operation = import_bundles(coord, files, trust_new=True)
    messages = [next(operation).message, next(operation).message]
    assert messages == [f"Importing {files[0].name}", f"Imported {files[0].name}"]
    operation.close()
    assert len(rows(coord, "imports")) == 1
    rest = run_to_end(import_bundles(coord, files, trust_new=True))
    assert [d["sequence"] for d in rest.duplicates] == [1]
    assert [i["sequence"] for i in rest.imported] == [2, 3]


def test_a_bundle_read_as_a_known_duplicate_is_still_opened_whole_when_it_is_not() -> None:
    coord = coordinator_session()
    rng = random.Random(6)
    unit = Unit(coord, rng)
    keys = coordinator_keys(coord)
    built = bundle.build_bundle(
        records=[coded_encounter(rng, i) for i in unit.new_ids(2)],
        escalations=[],
        workstation_id=unit.id,
        sequence=1,
        signing_key=unit.key,
        recipients=[keys.age_recipient],
        schema_version=1,
        created_week="2026-W03",
        site_code="S01",
        unit_code="ED1",
    )
    read = bundle.read_bundle(built.data, identity=keys.age_identity)
    ledger: dict[str, Any] = {"known_workstations": {}, "last_sequences": {}, "trust_new": True}
    # Not parsed: the ledger says it was imported already (records that cannot be parsed pass).
    unparsable = dataclasses.replace(read, payload=b"{")
    duplicate = bundle.open_read_bundle(unparsable, seen_hashes={built.manifest_sha256}, **ledger)
    assert duplicate.duplicate
    assert len(duplicate.encounter_records) == 0
    opened = bundle.open_read_bundle(read, seen_hashes=(), **ledger)
    assert not opened.duplicate
    assert len(opened.encounters) == 2


def test_rows_imported_before_format_2_lose_what_no_longer_travels(tmp_path: Path) -> None:
    # docs/privacy.md: rule ids and supporter ids imported from format-1 bundles are emptied at
    # the next import, and the dashboard counts are recounted.
    coord = coordinator_session()
    rng = random.Random(11)
    unit = Unit(coord, rng)
    import_(coord, unit.bundle_file(tmp_path, [coded_encounter(rng, unit.new_ids(1)[0])]))
    someone = str(uuid.uuid4())
    coord.db.execute(
        "UPDATE coord_encounters SET supporter_id = ?, escalation_rules = '[\"cssrs_high\"]'",
        [someone],
    )
    coord.db.execute(
        "INSERT INTO coord_supporter_weekly (created_week, unit_code, supporter_id, n) "
        "SELECT created_week, coalesce(unit_code, ''), ?, 1 FROM coord_encounters",
        [someone],
    )
    # Such rows exist only in stores written by a version before format 2, which never scrubbed.
    delete_setting(coord.db, SCRUBBED_SETTING)
    import_(coord, unit.bundle_file(tmp_path, [coded_encounter(rng, unit.new_ids(1)[0])]))
    stored = rows(coord, "coord_encounters")
    assert stored
    text = repr(stored) + repr(rows(coord, "coord_supporter_weekly"))
    assert someone not in text
    assert "cssrs_high" not in text
    assert summaries(coord) == recounted(coord)
