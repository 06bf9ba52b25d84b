"""Coordinator side: keys and card, the import ledger, the escalation queue and dashboard figures.

Each bundle is imported in one transaction (whole or not at all); the ledger of imported bundles
is what tells a resend (duplicate), a rollback and a gap (missing sequences) apart.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection, Generator, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import repeat
from pathlib import Path
from typing import Any, Final

from svdesk.access.workstation import Session
from svdesk.errors import InvalidInput, Refused
from svdesk.exchange import bundle, card, fields, weeks
from svdesk.exchange.errors import BundleRejected
from svdesk.storage.db import Database
from svdesk.unit.escalations import escalation_outcomes
from svdesk.unit.export import Progress, _require_role, transaction

LEVEL_ORDER: Final = {level: i for i, level in enumerate(fields.ESCALATION_LEVELS)}


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------- keys and card


def init_coordinator_keys(session: Session) -> str:
    """Create the coordinator's keys once (idempotent); returns the card fingerprint."""
    _require_role(session, "coordinator", "coordinator keys")
    db = session.db
    with transaction(session):
        row = db.execute("SELECT fingerprint FROM coordinator_keys WHERE id = 1").fetchone()
        if row is not None:
            return str(row[0])
        keys = card.generate_coordinator_keys()
        db.execute(
            "INSERT INTO coordinator_keys (id, coordinator_id, age_identity, age_recipient, "
            "signing_key, fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
            [
                keys.coordinator_id,
                keys.age_identity,
                keys.age_recipient,
                keys.signing_key.hex(),
                keys.fingerprint,
                _stamp(_now()),
            ],
        )
        session.audit("coordinator_keys_created", {"fingerprint": keys.fingerprint})
        return keys.fingerprint


def coordinator_keys(session: Session) -> card.CoordinatorKeys:
    _require_role(session, "coordinator", "this")
    row = session.db.execute(
        "SELECT coordinator_id, age_identity, signing_key FROM coordinator_keys WHERE id = 1"
    ).fetchone()
    if row is None:
        init_coordinator_keys(session)
        return coordinator_keys(session)
    return card.CoordinatorKeys(
        coordinator_id=row[0], age_identity=row[1], signing_key=bytes.fromhex(row[2])
    )


def card_bytes(session: Session) -> bytes:
    """The coordinator card to hand to units (public keys and fingerprint, signed)."""
    keys = coordinator_keys(session)
    return card.make_card(keys, site_code=session.workstation.info.site_code)


# ---------------------------------------------------------------------------- import


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
    now: Callable[[], datetime] = _now,
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
            _apply(run.session, opened, prepared, path.name, _stamp(run.now()))
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


_MONTH_OF_WEEK: dict[str, str] = {}


def _period_month(week: str) -> str:
    # An ISO week belongs to the month of its Thursday (as it belongs to that Thursday's year).
    month = _MONTH_OF_WEEK.get(week)
    if month is None:
        thursday = weeks.week_monday(week) + timedelta(days=3)
        month = f"{thursday.year:04d}-{thursday.month:02d}"
        if len(_MONTH_OF_WEEK) < 100_000:  # weeks of a few centuries: never a memory concern
            _MONTH_OF_WEEK[week] = month
    return month


_LIST_FIELDS: Final = frozenset(
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
    if name in _LIST_FIELDS:
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
        if name in _LIST_FIELDS:
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


def _or_empty(value: str | None) -> str:
    return "" if value is None else value


@dataclass(frozen=True)
class _Prepared:
    """What an import works out from a bundle's checked encounters alone, without the store:
    their coord_encounters values by column with the months of their weeks, and, for when
    they are all new, their dashboard counts and cases. Made on the reader thread when the
    bundle is read ahead."""

    records: fields.CheckedRecords
    columns: dict[str, Sequence[Any]]
    months: list[str]
    tally: _Tally
    cases: _BundleCases

    @classmethod
    def of(cls, records: fields.CheckedRecords) -> _Prepared:
        columns = _db_columns(records)
        weeks = columns["created_week"]
        month_of = {week: _period_month(week) for week in set(weeks)}
        return cls(
            records=records,
            columns=columns,
            months=list(map(month_of.__getitem__, weeks)),
            tally=_summary_tally(columns),
            cases=_BundleCases.of(columns),
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
        case_tally = _case_changes(db, m.workstation_id, prepared.cases)
        db.conn.executemany(_INSERT_ENCOUNTERS, rows)
        _write_case_tally(db, case_tally)
        _add_summaries(db, prepared.tally)
    else:
        # A resent encounter may have moved week/unit/case: refresh the summaries it was in,
        # too (recounted from the store, as are those of an encounter twice in one bundle).
        case_counts = _CaseCounts.of(
            db,
            [(m.workstation_id, c) for c in columns["case_code"]]
            + [(str(ws), str(c)) for _, _, ws, c in existing if c],
        )
        db.conn.executemany(_INSERT_ENCOUNTERS, rows)
        case_counts.update()
        refresh_summaries(
            db,
            weeks_units=[(week, unit or "") for week, unit, _, _ in existing]
            + list(zip(columns["created_week"], map(_or_empty, columns["unit_code"]), strict=True)),
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


# ---------------------------------------------------------------------------- escalation queue


@dataclass(frozen=True)
class QueuedEscalation:
    """One escalation as the coordinator follows it up (through the recording supporter)."""

    escalation_id: str
    level: str
    actions: tuple[str, ...]
    rules: tuple[str, ...]
    workstation_id: str
    site_code: str | None
    unit_code: str | None
    supporter_id: str | None
    case_code: str | None
    created_week: str | None
    due_week: str | None
    due: date | None  # last day (Sunday) of the due week: weeks are all that leave a unit
    overdue: bool
    unit_status: str
    received_at: str
    acknowledged_at: str | None
    acknowledged_by: str | None
    outcome: str | None
    closed_at: str | None


def _week_end(week: str | None) -> date | None:
    return None if week is None else weeks.week_monday(week) + timedelta(days=6)


def escalation_queue(
    session: Session, now: datetime | None = None, *, include_closed: bool = False
) -> list[QueuedEscalation]:
    """Open escalations (closed too if asked), most urgent level first, then by due week."""
    today = (now or _now()).date()
    sql = (
        "SELECT e.escalation_id, e.level, e.actions, e.rules, e.workstation_id, w.site_code, "
        "w.unit_code, e.supporter_id, e.case_code, e.created_week, e.due_week, e.unit_status, "
        "e.received_at, e.acknowledged_at, e.acknowledged_by, e.outcome, e.closed_at "
        "FROM coord_escalations e LEFT JOIN workstations w USING (workstation_id)"
    )
    if not include_closed:
        sql += " WHERE e.closed_at IS NULL"
    out = []
    for r in session.db.execute(sql).fetchall():
        due = _week_end(r[10])
        closed = r[16] is not None
        out.append(
            QueuedEscalation(
                escalation_id=r[0],
                level=r[1],
                actions=tuple(json.loads(r[2])),
                rules=tuple(json.loads(r[3])),
                workstation_id=r[4],
                site_code=r[5],
                unit_code=r[6],
                supporter_id=r[7],
                case_code=r[8],
                created_week=r[9],
                due_week=r[10],
                due=due,
                overdue=not closed and due is not None and today > due,
                unit_status=r[11],
                received_at=r[12],
                acknowledged_at=r[13],
                acknowledged_by=r[14],
                outcome=r[15],
                closed_at=r[16],
            )
        )
    out.sort(key=lambda q: (LEVEL_ORDER.get(q.level, 99), q.due_week or "", q.received_at))
    return out


def _escalation_exists(db: Database, escalation_id: str) -> tuple[str | None, str | None]:
    row = db.execute(
        "SELECT acknowledged_at, closed_at FROM coord_escalations WHERE escalation_id = ?",
        [escalation_id],
    ).fetchone()
    if row is None:
        raise InvalidInput(f"There is no escalation {escalation_id}; refresh the queue.")
    return row[0], row[1]


def acknowledge(session: Session, escalation_id: str, *, now: datetime | None = None) -> None:
    """Record that the coordinator has seen the escalation and taken it on (idempotent)."""
    _require_role(session, "coordinator", "acknowledging escalations")
    db = session.db
    with transaction(session):
        acknowledged, _ = _escalation_exists(db, escalation_id)
        if acknowledged is not None:
            return
        at = _stamp(now or _now())
        db.execute(
            "UPDATE coord_escalations SET acknowledged_at = ?, acknowledged_by = ?, "
            "updated_at = ? WHERE escalation_id = ?",
            [at, session.supporter.id, at, escalation_id],
        )
        session.audit("escalation_acknowledged", {"escalation": escalation_id})


def outcome_codes() -> tuple[str, ...]:
    return tuple(o.code for o in escalation_outcomes())


def close_escalation(
    session: Session, escalation_id: str, outcome: str, *, now: datetime | None = None
) -> None:
    """Close an escalation with an outcome code (acknowledging it too if it was not yet)."""
    _require_role(session, "coordinator", "closing escalations")
    codes = outcome_codes()
    if outcome not in codes:
        raise InvalidInput(f"{outcome!r} is not an outcome; choose one of {', '.join(codes)}.")
    db = session.db
    with transaction(session):
        acknowledged, closed = _escalation_exists(db, escalation_id)
        if closed is not None:
            raise Refused("This escalation is already closed; its outcome stays as recorded.")
        at = _stamp(now or _now())
        db.execute(
            "UPDATE coord_escalations SET outcome = ?, closed_at = ?, closed_by = ?, "
            "acknowledged_at = coalesce(acknowledged_at, ?), "
            "acknowledged_by = coalesce(acknowledged_by, ?), updated_at = ? "
            "WHERE escalation_id = ?",
            [outcome, at, session.supporter.id, at, session.supporter.id, at, escalation_id],
        )
        session.audit(
            "escalation_closed",
            {
                "escalation": escalation_id,
                "outcome": outcome,
                "was_acknowledged": bool(acknowledged),
            },
        )


# ---------------------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class DashboardFigures:
    """Counts for the dashboard and reports; every table maps a code to a count.

    `encounters` is the number of encounters in the period. Supporter figures never carry
    supporter ids: `supporter_load` is the sorted list of encounter counts per supporter.
    """

    period_from: str | None
    period_to: str | None
    unit: str | None
    encounters: int
    people_reached: int
    per_month: dict[str, int]
    by_unit_category: dict[str, int]
    by_role: dict[str, int]
    by_event_category: dict[str, int]
    response_time: dict[str, int]
    by_format: dict[str, int]
    people_reached_by_format: dict[str, int]
    escalation_level: dict[str, int]
    referral_accepted: dict[str, int]
    followup: dict[str, int]  # planned, completed
    needs_met: dict[str, int]
    supporter_distress: dict[str, int]
    supporter_load: list[int]
    escalations_open: int
    escalations_overdue: int

    def rate(self, part: int, whole: int | None = None) -> float | None:
        base = self.encounters if whole is None else whole
        return None if base == 0 else part / base

    @property
    def response_le_30min(self) -> int:
        return self.response_time.get("le_30min", 0)

    @property
    def response_le_24h(self) -> int:
        # "≤ 24 h" includes the ones answered within 30 minutes.
        return self.response_time.get("le_30min", 0) + self.response_time.get("le_24h", 0)


def _field(name: str) -> fields.RecordField:
    return next(f for f in fields.ENCOUNTER_FIELDS if f.name == name)


def _where(
    period_from: str | None, period_to: str | None, unit: str | None, alias: str = ""
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    p = f"{alias}." if alias else ""
    if period_from is not None:
        weeks.parse_week(period_from)
        clauses.append(f"{p}created_week >= ?")
        params.append(period_from)
    if period_to is not None:
        weeks.parse_week(period_to)
        clauses.append(f"{p}created_week <= ?")
        params.append(period_to)
    if unit is not None:
        clauses.append(f"{p}unit_code = ?")
        params.append(unit)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_CROSS_FIELDS: Final = (
    "unit_category",
    "role_category",
    "response_time",
    "format",
    "escalation_level",
    "referral_accepted",
    "needs_met",
    "supporter_own_distress",
)
NOT_RECORDED: Final = "not_recorded"


_WeeklyCounts = dict[tuple[str, str, str, str], list[int]]  # (week, unit, field, code): n, people


@dataclass
class _Tally:
    """Dashboard counts of some encounters: coord_weekly_counts and coord_supporter_weekly rows
    by key, counted column by column in C (Counter over tuples); people_reached takes few
    values, so (code, people) pairs are few and the people sums come from their counts."""

    counts: _WeeklyCounts = field(default_factory=dict)
    load: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    events_of: dict[str, frozenset[str]] = field(default_factory=dict)  # each text parsed once

    def _add(self, name: str, tallies: Iterable[tuple[tuple[str, str, Any, int], int]]) -> None:
        counts = self.counts
        for (week, unit, code, people), n in tallies:
            key = (week, unit, name, NOT_RECORDED if code is None else code)
            tally = counts.setdefault(key, [0, 0])
            tally[0] += n
            tally[1] += people * n

    def count(self, columns: Sequence[Sequence[Any]]) -> None:
        """Count encounters given by column: created_week, unit_code ('' for none),
        people_reached (0 for none), supporter_id ('' for none), event_categories (JSON text as
        stored), then the columns of _CROSS_FIELDS."""
        weeks, units, people, supporters, events, *codes = columns
        self._add("*", Counter(zip(weeks, units, repeat("*"), people)).items())
        for name, column in zip(_CROSS_FIELDS, codes, strict=True):
            self._add(name, Counter(zip(weeks, units, column, people, strict=True)).items())
        events_of = self.events_of
        for text in set(events).difference(events_of):
            events_of[text] = frozenset(json.loads(text or "[]"))
        # Event lists repeat: counted as they are, then each distinct list split up.
        self._add(
            "event_categories",
            (
                ((week, unit, category, n), times)
                for (week, unit, text, n), times in Counter(
                    zip(weeks, units, events, people, strict=True)
                ).items()
                for category in events_of[text]
            ),
        )
        self.load.update(zip(weeks, units, supporters, strict=True))


_INSERT_WEEKLY: Final = (
    "INSERT INTO coord_weekly_counts (created_week, unit_code, field, code, n, people) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_SUPPORTER_WEEKLY: Final = (
    "INSERT INTO coord_supporter_weekly (created_week, unit_code, supporter_id, n) "
    "VALUES (?, ?, ?, ?)"
)


def refresh_summaries(db: Database, weeks_units: Iterable[tuple[str, str]] | None = None) -> None:
    """Recompute the dashboard counts for some (week, unit) keys, or all of them together with
    the follow-up counts (repair); an import of new encounters adds to them (`_add_summaries`)
    and keeps the follow-up counts up to date (`_case_changes`, `_CaseCounts`).

    Called inside the import transaction.
    """
    scopes: list[tuple[str, list[Any]]]
    if weeks_units is None:
        db.execute("DELETE FROM coord_weekly_counts")
        db.execute("DELETE FROM coord_supporter_weekly")
        scopes = [("", [])]
    else:
        scopes = []
        for week, unit in sorted(set(weeks_units)):
            for table in ("coord_weekly_counts", "coord_supporter_weekly"):
                db.execute(
                    f"DELETE FROM {table} WHERE created_week = ? AND unit_code = ?", [week, unit]
                )
            scopes.append((" WHERE created_week = ? AND coalesce(unit_code, '') = ?", [week, unit]))
    # One read of the encounters in scope, counted here for every field at once (a GROUP BY
    # per field would read them ten times).
    tally = _Tally()
    columns = ", ".join(_CROSS_FIELDS)
    for where, params in scopes:
        rows = db.execute(
            "SELECT created_week, coalesce(unit_code, ''), coalesce(people_reached, 0), "
            f"coalesce(supporter_id, ''), event_categories, {columns} "
            f"FROM coord_encounters{where}",
            params,
        ).fetchall()
        if rows:
            tally.count(list(zip(*rows, strict=True)))
    db.conn.executemany(
        _INSERT_WEEKLY, [(*key, n, people) for key, (n, people) in tally.counts.items()]
    )
    db.conn.executemany(_INSERT_SUPPORTER_WEEKLY, [(*key, n) for key, n in tally.load.items()])
    if weeks_units is None:
        db.execute("DELETE FROM coord_case_weekly")
        db.execute(
            "INSERT INTO coord_case_weekly (first_week, unit_code, planned, completed) "
            "SELECT first_week, unit_code, sum(planned), sum(planned AND followed_up) "
            f"FROM ({_CASES_SQL} WHERE {_IS_CASE} GROUP BY workstation_id, case_code) "
            "GROUP BY first_week, unit_code HAVING sum(planned) > 0"
        )


def _summary_tally(columns: Mapping[str, Sequence[Any]]) -> _Tally:
    """The dashboard counts of encounters given by their coord_encounters values by column."""
    tally = _Tally()
    tally.count(
        [
            columns["created_week"],
            list(map(_or_empty, columns["unit_code"])),
            [0 if n is None else n for n in columns["people_reached"]],
            list(map(_or_empty, columns["supporter_id"])),
            columns["event_categories"],
            *(columns[name] for name in _CROSS_FIELDS),
        ]
    )
    return tally


def _add_summaries(db: Database, tally: _Tally) -> None:
    """Add the counts of new encounters to the dashboard counts: what `refresh_summaries` of
    their weeks and units gives when they are the only change."""
    db.conn.executemany(
        _INSERT_WEEKLY + " ON CONFLICT (created_week, unit_code, field, code) DO UPDATE SET "
        "n = n + excluded.n, people = people + excluded.people",
        [(*key, n, people) for key, (n, people) in tally.counts.items()],
    )
    db.conn.executemany(
        _INSERT_SUPPORTER_WEEKLY + " ON CONFLICT (created_week, unit_code, supporter_id) "
        "DO UPDATE SET n = n + excluded.n",
        [(*key, n) for key, n in tally.load.items()],
    )


# A case is what a unit's encounters share a case code for (per workstation): it had a planned
# follow-up if its initial encounter planned one, and got it if a follow-up was recorded.
_PLANNED_SQL: Final = (
    "encounter_type = 'initial' AND followup_plan IS NOT NULL AND followup_plan != 'none'"
)
_CASES_SQL: Final = (
    "SELECT coalesce(min(unit_code), '') AS unit_code, min(created_week) AS first_week, "
    f"coalesce(max({_PLANNED_SQL}), 0) AS planned, "
    "coalesce(max(encounter_type = 'follow_up'), 0) AS followed_up FROM coord_encounters"
)
_IS_CASE: Final = "case_code IS NOT NULL AND case_code != ''"

_CaseTally = dict[tuple[str, str], list[int]]  # (first week, unit): planned, completed


def _tally_case(tally: _CaseTally, week: str, unit: str, followed_up: bool, sign: int) -> None:
    """Count a case with a planned follow-up in (sign +1) or out (-1) of coord_case_weekly."""
    t = tally.setdefault((week, unit), [0, 0])
    t[0] += sign
    t[1] += sign if followed_up else 0


def _write_case_tally(db: Database, tally: _CaseTally) -> None:
    db.conn.executemany(
        "INSERT INTO coord_case_weekly (first_week, unit_code, planned, completed) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (first_week, unit_code) DO UPDATE SET "
        "planned = planned + excluded.planned, completed = completed + excluded.completed",
        [(*key, p, c) for key, (p, c) in tally.items()],
    )
    db.conn.executemany(
        "DELETE FROM coord_case_weekly WHERE first_week = ? AND unit_code = ? AND planned = 0",
        list(tally),
    )


@dataclass
class _BundleCases:
    """The cases of a bundle's encounters as `_CASES_SQL` aggregates them: each case's
    earliest week and least unit (min() passes over NULL), whether its initial encounter
    planned a follow-up, and whether a follow-up was recorded."""

    week_of: dict[str, str]
    unit_of: dict[str, str | None]
    planned: set[str]
    followed_up: set[str]

    @classmethod
    def of(cls, columns: Mapping[str, Sequence[Any]]) -> _BundleCases:
        week_of: dict[str, str] = {}
        unit_of: dict[str, str | None] = {}
        planned: set[str] = set()
        followed_up: set[str] = set()
        for case, unit, week, kind, plan in zip(
            columns["case_code"],
            columns["unit_code"],
            columns["created_week"],
            columns["encounter_type"],
            columns["followup_plan"],
            strict=True,
        ):
            if not case:
                continue
            first = week_of.get(case)
            if first is None:
                week_of[case] = week
                unit_of[case] = unit
            else:
                if week < first:
                    week_of[case] = week
                least = unit_of[case]
                if unit is not None and (least is None or unit < least):
                    unit_of[case] = unit
            if kind == "initial":
                if plan is not None and plan != "none":
                    planned.add(case)
            elif kind == "follow_up":
                followed_up.add(case)
        return cls(week_of, unit_of, planned, followed_up)


def _case_changes(db: Database, workstation_id: str, bundle_cases: _BundleCases) -> _CaseTally:
    """How coord_case_weekly changes when new encounters join their cases: each case they
    touch is counted out as it is stored now and back in with them (its stored encounters
    joined to `bundle_cases`, which this changes). Read before they are written."""
    week_of, unit_of = bundle_cases.week_of, bundle_cases.unit_of
    planned, followed_up = bundle_cases.planned, bundle_cases.followed_up
    tally: _CaseTally = {}
    if not week_of:
        return tally
    for case, unit, week, was_planned, was_followed_up in db.execute(
        f"SELECT case_code, min(unit_code), min(created_week), coalesce(max({_PLANNED_SQL}), 0), "
        "coalesce(max(encounter_type = 'follow_up'), 0) FROM coord_encounters "
        "WHERE workstation_id = ? AND case_code IN (SELECT value FROM json_each(?)) "
        "GROUP BY case_code",
        [workstation_id, json.dumps(list(week_of))],
    ):
        if was_planned:
            _tally_case(tally, week, _or_empty(unit), bool(was_followed_up), -1)
            planned.add(case)
        if was_followed_up:
            followed_up.add(case)
        week_of[case] = min(week_of[case], week)
        least = unit_of[case]
        if unit is not None and (least is None or unit < least):
            unit_of[case] = unit
    for case in planned:
        _tally_case(tally, week_of[case], _or_empty(unit_of[case]), case in followed_up, +1)
    return tally


@dataclass
class _CaseCounts:
    """coord_case_weekly kept up to date by an import that replaces stored encounters: the
    follow-up counts of the cases it touches are taken away before its encounters are written
    and added back after (both read from the store)."""

    db: Database
    keys: str  # JSON [[workstation_id, case_code], ...]: one parameter, not one per case

    @classmethod
    def of(cls, db: Database, cases: Iterable[tuple[str, str]]) -> _CaseCounts:
        counts = cls(db, json.dumps(sorted({(ws, c) for ws, c in cases if c})))
        counts._add(-1)
        return counts

    def _add(self, sign: int) -> None:
        tally: _CaseTally = {}
        for unit, week, planned, followed_up in self.db.execute(
            f"{_CASES_SQL} WHERE (workstation_id, case_code) IN "
            "(SELECT value ->> 0, value ->> 1 FROM json_each(?)) "
            "GROUP BY workstation_id, case_code",
            [self.keys],
        ):
            if planned:
                _tally_case(tally, week, unit, bool(followed_up), sign)
        _write_case_tally(self.db, tally)

    def update(self) -> None:
        """After the import's encounters are written."""
        self._add(+1)


def _summary_where(
    period_from: str | None, period_to: str | None, unit: str | None, week_column: str
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if period_from is not None:
        weeks.parse_week(period_from)
        clauses.append(f"{week_column} >= ?")
        params.append(period_from)
    if period_to is not None:
        weeks.parse_week(period_to)
        clauses.append(f"{week_column} <= ?")
        params.append(period_to)
    if unit is not None:
        clauses.append("unit_code = ?")
        params.append(unit)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def dashboard_figures(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    now: datetime | None = None,
) -> DashboardFigures:
    """All dashboard counts for ISO weeks `period_from`..`period_to` (inclusive) and a unit.

    Tables list every known code (0 when absent), codes a program added, and `not_recorded`
    when some encounters left the field empty.
    """
    if period_from and period_to and period_from > period_to:
        raise InvalidInput(f"The period starts ({period_from}) after it ends ({period_to}).")
    db = session.db
    where, params = _summary_where(period_from, period_to, unit, "created_week")
    tables: dict[str, dict[str, int]] = {
        name: {c: 0 for c in _field(name).codes} for name in (*_CROSS_FIELDS, "event_categories")
    }
    people_by_format = {c: 0 for c in _field("format").codes}
    total = reached = 0
    for name, code, n, people in db.execute(
        f"SELECT field, code, sum(n), sum(people) FROM coord_weekly_counts{where} "
        "GROUP BY field, code",
        params,
    ):
        if name == "*":
            total, reached = int(n), int(people)
            continue
        tables.setdefault(str(name), {})[str(code)] = int(n)
        if name == "format":
            people_by_format[str(code)] = int(people)
    per_month: dict[str, int] = {}
    month_where = where + (" AND " if where else " WHERE ") + "field = '*'"
    for week, n in db.execute(
        f"SELECT created_week, sum(n) FROM coord_weekly_counts{month_where} "
        "GROUP BY created_week ORDER BY created_week",
        params,
    ):
        month = _period_month(str(week))
        per_month[month] = per_month.get(month, 0) + int(n)
    case_where, case_params = _summary_where(period_from, period_to, unit, "first_week")
    planned, completed = db.execute(
        "SELECT coalesce(sum(planned), 0), coalesce(sum(completed), 0) "
        f"FROM coord_case_weekly{case_where}",
        case_params,
    ).fetchone()
    load = sorted(
        (
            int(n)
            for (n,) in db.execute(
                f"SELECT sum(n) FROM coord_supporter_weekly{where} GROUP BY supporter_id",
                params,
            )
        ),
        reverse=True,
    )
    queue = escalation_queue(session, now)
    return DashboardFigures(
        period_from=period_from,
        period_to=period_to,
        unit=unit,
        encounters=total,
        people_reached=reached,
        per_month=per_month,
        by_unit_category=tables["unit_category"],
        by_role=tables["role_category"],
        by_event_category=tables["event_categories"],
        response_time=tables["response_time"],
        by_format=tables["format"],
        people_reached_by_format=people_by_format,
        escalation_level=tables["escalation_level"],
        referral_accepted=tables["referral_accepted"],
        followup={"planned": int(planned), "completed": int(completed)},
        needs_met=tables["needs_met"],
        supporter_distress=tables["supporter_own_distress"],
        supporter_load=load,
        escalations_open=len(queue),
        escalations_overdue=sum(1 for q in queue if q.overdue),
    )


def units(session: Session) -> list[str]:
    """Unit codes seen in imported encounters (for the dashboard's unit filter)."""
    return [
        str(u)
        for (u,) in session.db.execute(
            "SELECT DISTINCT unit_code FROM coord_encounters WHERE unit_code IS NOT NULL "
            "ORDER BY unit_code"
        )
    ]


def coded_encounters(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
) -> Iterable[dict[str, Any]]:
    """Imported encounters as coded records (lists decoded), oldest week first."""
    where, params = _where(period_from, period_to, unit)
    cursor = session.db.execute(
        f"SELECT {', '.join(fields.ENCOUNTER_FIELD_NAMES)} FROM coord_encounters{where} "
        "ORDER BY created_week, encounter_id",
        params,
    )
    for row in cursor:
        record: dict[str, Any] = {}
        for name, value in zip(fields.ENCOUNTER_FIELD_NAMES, row, strict=True):
            if name in _LIST_FIELDS:
                record[name] = json.loads(value) if value else []
            elif name == "screen_positive":
                record[name] = None if value is None else bool(value)
            else:
                record[name] = value
        yield record


def figures_as_json(figures: DashboardFigures) -> Mapping[str, Any]:
    """Plain JSON of the figures (for tests and debugging; reports suppress before output)."""
    return asdict(figures)
