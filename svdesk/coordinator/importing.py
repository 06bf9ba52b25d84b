"""The coordinator's import of unit bundles, and the ledger of what was imported.

Each bundle is imported in one transaction (whole or not at all); the ledger of imported bundles
is what tells a resend (duplicate), a rollback and a gap (missing sequences) apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Generator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from pathlib import Path
from typing import Any, Final

from svdesk.access.workstation import Session
from svdesk.coordinator import clock, summaries
from svdesk.coordinator.keys import coordinator_keys
from svdesk.exchange import bundle, card, fields
from svdesk.exchange.errors import BundleRejected
from svdesk.storage.db import Database
from svdesk.unit.export import Progress, _require_role, transaction


@dataclass
class ImportSummary:
    imported: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    missing_sequences: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Exactly the cli.md shape (plus `fingerprint`/`workstation` where they help)."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "missing_sequences": self.missing_sequences,
        }

    @property
    def exit_code(self) -> int:
        return 3 if self.rejected else 0


@dataclass
class _Ledger:
    keys: dict[str, bytes]
    last: dict[str, int]
    seen: set[str]
    missing: dict[str, set[int]]


def _load_ledger(db: Database) -> _Ledger:
    keys = {
        str(ws): bytes.fromhex(key)
        for ws, key in db.execute("SELECT workstation_id, signing_key FROM workstations")
    }
    last = {
        str(ws): int(seq)
        for ws, seq in db.execute("SELECT workstation_id, last_sequence FROM workstations")
    }
    seen = {str(h) for (h,) in db.execute("SELECT manifest_sha256 FROM imports")}
    imported: dict[str, set[int]] = {}
    for ws, seq in db.execute("SELECT workstation_id, sequence FROM imports"):
        imported.setdefault(str(ws), set()).add(int(seq))
    missing = {ws: set(range(1, top + 1)) - imported.get(ws, set()) for ws, top in last.items()}
    return _Ledger(keys, last, seen, missing)


def missing_sequences(session: Session) -> dict[str, list[int]]:
    """Per registered workstation, the bundle numbers skipped so far (never arrived)."""
    ledger = _load_ledger(session.db)
    return {ws: sorted(seqs) for ws, seqs in sorted(ledger.missing.items()) if seqs}


def import_bundles(
    session: Session,
    files: Sequence[Path],
    *,
    trust_new: bool = False,
    trusted_fingerprints: Collection[str] = (),
    now: Callable[[], datetime] = clock.now,
    max_bytes: int = bundle.MAX_BUNDLE_BYTES,
) -> Generator[Progress, None, ImportSummary]:
    """Import bundle files one by one, each in its own transaction; returns the summary.

    A resend of an imported bundle is listed as a duplicate and changes nothing. A bundle from
    an unregistered workstation is rejected (`unknown_workstation`, with its fingerprint) unless
    `trust_new`, or its fingerprint is in `trusted_fingerprints` (the GUI shows the fingerprint
    of the rejection, asks, then imports again trusting just that one). Closing the generator
    finishes the bundle named in the last "Importing" progress and starts no other.

    While a bundle is committed, the next file is read, decrypted and checked on a second
    thread (SQLite lets go of the GIL while it writes); everything that depends on the ledger
    of imported bundles is still decided here, in order, after the previous commit.
    """
    _require_role(session, "coordinator", "importing bundles")
    run = _ImportRun(
        session=session,
        keys=coordinator_keys(session),
        trust_new=trust_new,
        trusted_fingerprints=trusted_fingerprints,
        now=now,
        max_bytes=max_bytes,
        files=list(files),
    )
    total = len(files)
    try:
        for index, path in enumerate(files):
            try:
                yield Progress(index, total, f"Importing {path.name}")
            except GeneratorExit:
                # A file announced as being imported is finished (one transaction) even when
                # the operation is cancelled right then; nothing after it is started.
                del run.files[index + 1 :]
                _import_one(run, index)
                return run.summary
            _import_one(run, index)
            # Cancelling here stops before the next file.
            yield Progress(index + 1, total, f"Imported {path.name}")
    finally:
        run.stop_reading()
    gaps = missing_sequences(session)
    run.summary.missing_sequences = [
        {"workstation": ws, "sequences": seqs} for ws, seqs in gaps.items() if ws in run.touched
    ]
    yield Progress(total, total, f"Imported {len(run.summary.imported)} of {total} bundles")
    return run.summary


@dataclass
class _ImportRun:
    session: Session
    keys: card.CoordinatorKeys
    trust_new: bool
    trusted_fingerprints: Collection[str]
    now: Callable[[], datetime]
    max_bytes: int
    files: list[Path]
    summary: ImportSummary = field(default_factory=ImportSummary)
    touched: set[str] = field(default_factory=set)
    reader: ThreadPoolExecutor | None = None
    read_ahead: dict[int, Future[_ReadFile]] = field(default_factory=dict)

    def finish_reading(self, index: int) -> None:
        """Wait until file `index` is read, if it is being read ahead: queries meanwhile would
        hand the reader the GIL each time, and wait for it back."""
        ahead = self.read_ahead.get(index)
        if ahead is not None:
            wait([ahead])

    def read(self, index: int, seen: Collection[str]) -> _ReadFile:
        """File `index` read and checked as far as needs no ledger (read ahead, or now)."""
        ahead = self.read_ahead.pop(index, None)
        if ahead is not None:
            return ahead.result()
        return _read_bundle_file(self.files[index], self.keys.age_identity, self.max_bytes, seen)

    def start_reading(self, index: int, seen: Collection[str]) -> None:
        """Read file `index` on the reader thread, if there is such a file."""
        if index >= len(self.files):
            return
        if self.reader is None:
            self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-reader")
        self.read_ahead[index] = self.reader.submit(
            _read_bundle_file, self.files[index], self.keys.age_identity, self.max_bytes, seen
        )

    def stop_reading(self) -> None:
        if self.reader is not None:
            self.reader.shutdown(wait=True, cancel_futures=True)
            self.read_ahead.clear()


_ReadFile = tuple[bundle.ReadBundle, "_Prepared | None"]


def _read_bundle_file(
    path: Path, identity: str, max_bytes: int, seen: Collection[str]
) -> _ReadFile:
    """`bundle.read_bundle` of a file and, when its records were read, what the import works
    out from them alone (no store access, so this may run on the reader thread)."""
    label = f"The bundle {path.name}"
    data = _read_limited(path, max_bytes, label)
    read = bundle.read_bundle(
        data, identity=identity, max_bytes=max_bytes, label=label, seen_hashes=seen
    )
    prepared = None
    if isinstance(read.records, tuple):
        try:
            prepared = _Prepared.of(read.records[0])
        except Exception:  # the import makes it again, and fails there in its turn
            prepared = None
    return read, prepared


def _import_one(run: _ImportRun, index: int) -> None:
    """Read, verify and apply file `index`, recording the outcome in `run.summary`."""
    path = run.files[index]
    run.finish_reading(index)
    ledger = _load_ledger(run.session.db)
    label = f"The bundle {path.name}"
    try:
        read, prepared = run.read(index, ledger.seen)
        opened = bundle.open_read_bundle(
            read,
            known_workstations=ledger.keys,
            last_sequences=ledger.last,
            seen_hashes=ledger.seen,
            trust_new=run.trust_new,
            trusted_fingerprints=run.trusted_fingerprints,
            missing_sequences=ledger.missing,
        )
    except BundleRejected as exc:
        entry: dict[str, Any] = {
            "file": str(path),
            "reason": exc.reason,
            "message": exc.message,
        }
        if exc.workstation_id is not None:
            entry["workstation"] = exc.workstation_id
        if exc.fingerprint is not None:
            entry["fingerprint"] = exc.fingerprint
        run.summary.rejected.append(entry)
        with transaction(run.session):
            run.session.audit(
                "import_rejected",
                {"reason": exc.reason, "workstation": exc.workstation_id},
            )
        return
    m = opened.manifest
    run.touched.add(m.workstation_id)
    if opened.duplicate:
        run.summary.duplicates.append({"file": str(path), "sequence": m.sequence})
        return
    try:
        with transaction(run.session):
            _apply(run.session, opened, prepared, path.name, clock.stamp(run.now()))
            # The commit takes a while (disk writes, without the GIL): read the next file then.
            run.start_reading(index + 1, frozenset({*ledger.seen, opened.manifest_sha256}))
    except _ForeignRecords:
        run.summary.rejected.append(
            {
                "file": str(path),
                "reason": "corrupt",
                "message": f"{label} carries record ids that belong to another workstation; "
                "it was not imported — check that workstation with the unit.",
                "workstation": m.workstation_id,
            }
        )
        with transaction(run.session):
            run.session.audit(
                "import_rejected",
                {"reason": "foreign_ids", "workstation": m.workstation_id},
            )
        return
    item: dict[str, Any] = {
        "file": str(path),
        "workstation": m.workstation_id,
        "sequence": m.sequence,
        "records": m.records,
    }
    if opened.new_workstation:
        item["fingerprint"] = opened.fingerprint
        item["new_workstation"] = True
    run.summary.imported.append(item)


class _ForeignRecords(Exception):
    """The bundle reuses an encounter or escalation id of another workstation; raised by
    `_apply` before it writes anything, so that the bundle is rejected whole."""


def _existing_encounters(db: Database, opened: bundle.OpenedBundle) -> list[tuple[Any, ...]]:
    """(created_week, unit_code, workstation_id, case_code) of the bundle's encounters that are
    already stored (a resend); `_ForeignRecords` if an encounter or escalation id is another
    workstation's."""
    ws = opened.manifest.workstation_id
    ids = opened.encounter_records.columns[_ENCOUNTER_ID]
    existing: list[tuple[Any, ...]] = []
    if ids:
        # One look-up for both questions: whose ids these are, and what a resend replaces.
        existing = db.execute(
            "SELECT created_week, unit_code, workstation_id, case_code FROM coord_encounters "
            "WHERE encounter_id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        ).fetchall()
    if any(row[2] != ws for row in existing):
        raise _ForeignRecords
    escalation_ids = [e["escalation_id"] for e in opened.escalations]
    if (
        escalation_ids
        and db.execute(
            "SELECT 1 FROM coord_escalations WHERE escalation_id IN "
            "(SELECT value FROM json_each(?)) AND workstation_id != ? LIMIT 1",
            [json.dumps(escalation_ids), ws],
        ).fetchone()
    ):
        raise _ForeignRecords
    return existing


def _read_limited(path: Path, max_bytes: int, label: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BundleRejected(
                "too_large",
                f"{label} is {size // (1024 * 1024)} MiB, over the "
                f"{max_bytes // (1024 * 1024)} MiB limit for a bundle; it is not an svdesk export.",
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise BundleRejected(
            "corrupt",
            f"{label} could not be read ({exc.strerror or exc}); check the file and try again.",
        ) from exc
    if len(data) > max_bytes:
        raise BundleRejected("too_large", f"{label} is over the size limit for a bundle.")
    return data


LIST_FIELDS: Final = frozenset(
    f.name for f in fields.ENCOUNTER_FIELDS if f.kind == "code_list"
) | frozenset(f.name for f in fields.ESCALATION_FIELDS if f.kind == "code_list")


def _json_codes(value: list[str] | None) -> str:
    """`json.dumps(value or [], separators=(",", ":"))`, without the encoder's set-up cost for
    the usual case: codes (checked on opening) need no escaping."""
    if not value:
        return "[]"
    try:
        text = '","'.join(value)
    except TypeError:
        text = "\\"  # not all text: the general encoder below
    plain = text.count('"') == 2 * len(value) - 2 and "\\" not in text
    if plain and text.isascii() and text.isprintable():
        return f'["{text}"]'
    return json.dumps(value, separators=(",", ":"))


def _plain_code(code: str) -> bool:
    return bool(code) and code.isascii() and code.isprintable() and not _ESCAPED & set(code)


_ESCAPED: Final = frozenset('"\\')


def _json_column(values: Sequence[list[str] | None]) -> list[str]:
    """`_json_codes` of each value. When no code needs escaping (checked codes never do), the
    column is encoded with a few joins over all of it rather than list by list in Python."""
    if not values:
        return []
    lists: Sequence[Any] = values
    if None in values:
        lists = [v or () for v in values]
    try:
        codes = set().union(*lists)
        texts = list(map('","'.join, lists))
    except TypeError:  # not all text: one by one
        return [_json_codes(v) for v in values]
    if not all(map(_plain_code, codes)):
        return [_json_codes(v) for v in values]
    # Plain codes are never empty and hold no NUL or quote, so NUL splits the encoded lists
    # apart again and '[""]' can only be an empty list.
    encoded = '["' + '"]\0["'.join(texts) + '"]'
    return encoded.replace('[""]', "[]").split("\0")


def _db_value(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        return _json_codes(value)
    if isinstance(value, bool):
        return int(value)
    return value


_ENCOUNTER_ID: Final = fields.ENCOUNTER_FIELD_NAMES.index("encounter_id")
_ENCOUNTER_COLUMNS: Final = (
    *fields.ENCOUNTER_FIELD_NAMES,
    "workstation_id",
    "import_sequence",
    "period_month",
)
_INSERT_ENCOUNTERS: Final = (
    f"INSERT INTO coord_encounters ({', '.join(_ENCOUNTER_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _ENCOUNTER_COLUMNS)}) "
    "ON CONFLICT(encounter_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _ENCOUNTER_COLUMNS if c != "encounter_id")
)


def _db_columns(records: fields.CheckedRecords) -> dict[str, Sequence[Any]]:
    """The coord_encounters values of checked encounters field by field (C loops, not Python):
    code lists as JSON text, booleans as 0/1."""
    columns: dict[str, Sequence[Any]] = {}
    for name, values in zip(records.names, records.columns, strict=True):
        if name in LIST_FIELDS:
            columns[name] = _json_column(values)
        elif name == "screen_positive":
            columns[name] = [None if v is None else int(v) for v in values]
        else:
            columns[name] = values
    return columns


_ESCALATION_UNIT_SIDE: Final = (
    "case_code",
    "encounter_id",
    "level",
    "actions",
    "rules",
    "supporter_id",
    "created_week",
    "due_week",
)
_INSERT_ESCALATION: Final = (
    "INSERT INTO coord_escalations (escalation_id, workstation_id, import_sequence, "
    f"unit_status, received_at, updated_at, {', '.join(_ESCALATION_UNIT_SIDE)}) "
    f"VALUES (?, ?, ?, ?, ?, ?, {', '.join('?' for _ in _ESCALATION_UNIT_SIDE)}) "
    "ON CONFLICT(escalation_id) DO UPDATE SET import_sequence = excluded.import_sequence, "
    "unit_status = excluded.unit_status, updated_at = excluded.updated_at, "
    + ", ".join(f"{c} = excluded.{c}" for c in _ESCALATION_UNIT_SIDE)
)


def _insert_escalations(db: Database, opened: bundle.OpenedBundle, at: str) -> None:
    m = opened.manifest
    for esc in opened.escalations:
        values = [_db_value(n, esc[n]) for n in _ESCALATION_UNIT_SIDE]
        db.execute(
            _INSERT_ESCALATION,
            [esc["escalation_id"], m.workstation_id, m.sequence, esc["status"], at, at, *values],
        )


@dataclass(frozen=True)
class _Prepared:
    """What an import works out from a bundle's checked encounters alone, without the store:
    their coord_encounters values by column with the months of their weeks, and, for when
    they are all new, their dashboard counts and cases. Made on the reader thread when the
    bundle is read ahead."""

    records: fields.CheckedRecords
    columns: dict[str, Sequence[Any]]
    months: list[str]
    tally: summaries.Tally
    cases: summaries.BundleCases

    @classmethod
    def of(cls, records: fields.CheckedRecords) -> _Prepared:
        columns = _db_columns(records)
        weeks = columns["created_week"]
        month_of = {week: summaries.period_month(week) for week in set(weeks)}
        return cls(
            records=records,
            columns=columns,
            months=list(map(month_of.__getitem__, weeks)),
            tally=summaries.summary_tally(columns),
            cases=summaries.BundleCases.of(columns),
        )


def _apply(
    session: Session,
    opened: bundle.OpenedBundle,
    prepared: _Prepared | None,
    file_name: str,
    at: str,
) -> None:
    db = session.db
    m = opened.manifest
    actor = session.supporter.id
    existing = _existing_encounters(db, opened)
    if opened.new_workstation:
        db.execute(
            "INSERT INTO workstations (workstation_id, fingerprint, signing_key, site_code, "
            "unit_code, registered_at, registered_by, last_sequence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            [
                m.workstation_id,
                opened.fingerprint,
                m.workstation_key.hex(),
                m.site_code,
                m.unit_code,
                at,
                actor,
            ],
        )
        session.audit(
            "workstation_registered",
            {"workstation": m.workstation_id, "fingerprint": opened.fingerprint},
        )
    db.execute(
        "INSERT INTO imports (workstation_id, sequence, export_id, manifest_sha256, "
        "payload_sha256, created_week, file_name, records, encounters, escalations, "
        "imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            m.workstation_id,
            m.sequence,
            m.export_id,
            opened.manifest_sha256,
            m.payload_sha256,
            m.created_week,
            file_name,
            m.records,
            m.encounters,
            m.escalations,
            at,
            actor,
        ],
    )
    if prepared is None or prepared.records is not opened.encounter_records:
        prepared = _Prepared.of(opened.encounter_records)
    columns = prepared.columns
    ids = columns["encounter_id"]
    rows = zip(*columns.values(), repeat(m.workstation_id), repeat(m.sequence), prepared.months)
    if not existing and len(set(ids)) == len(ids):
        # Only new encounters, each once (the usual bundle): the summaries grow by what this
        # bundle holds, counted from its rows in memory rather than read back from the store.
        case_tally = summaries.case_changes(db, m.workstation_id, prepared.cases)
        db.conn.executemany(_INSERT_ENCOUNTERS, rows)
        summaries.write_case_tally(db, case_tally)
        summaries.add_summaries(db, prepared.tally)
    else:
        # A resent encounter may have moved week/unit/case: refresh the summaries it was in,
        # too (recounted from the store, as are those of an encounter twice in one bundle).
        case_counts = summaries.CaseCounts.of(
            db,
            [(m.workstation_id, c) for c in columns["case_code"]]
            + [(str(ws), str(c)) for _, _, ws, c in existing if c],
        )
        db.conn.executemany(_INSERT_ENCOUNTERS, rows)
        case_counts.update()
        summaries.refresh_summaries(
            db,
            weeks_units=[(week, unit or "") for week, unit, _, _ in existing]
            + [
                (week, unit or "")
                for week, unit in zip(columns["created_week"], columns["unit_code"], strict=True)
            ],
        )
    _insert_escalations(db, opened, at)
    db.execute(
        "UPDATE workstations SET last_sequence = max(last_sequence, ?), last_import_at = ?, "
        "site_code = ?, unit_code = ? WHERE workstation_id = ?",
        [m.sequence, at, m.site_code, m.unit_code, m.workstation_id],
    )
    session.audit(
        "import",
        {
            "workstation": m.workstation_id,
            "sequence": m.sequence,
            "export_id": m.export_id,
            "encounters": m.encounters,
            "escalations": m.escalations,
        },
    )


def import_history(session: Session, limit: int = 200) -> list[dict[str, Any]]:
    """The latest imported bundles, newest first (the import page's ledger)."""
    cursor = session.db.execute(
        "SELECT i.workstation_id, w.site_code, w.unit_code, i.sequence, i.created_week, "
        "i.file_name, i.records, i.imported_at FROM imports i "
        "LEFT JOIN workstations w USING (workstation_id) ORDER BY i.imported_at DESC, "
        "i.workstation_id, i.sequence DESC LIMIT ?",
        [limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def workstations(session: Session) -> list[dict[str, Any]]:
    cursor = session.db.execute(
        "SELECT workstation_id, fingerprint, site_code, unit_code, registered_at, last_sequence, "
        "last_import_at FROM workstations ORDER BY site_code, unit_code, workstation_id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
