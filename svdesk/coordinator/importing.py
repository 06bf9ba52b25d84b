"""The coordinator's import of unit bundles, and the ledger of what was imported.

Each bundle is imported in one transaction (whole or not at all); the ledger of imported bundles
is what tells a resend (duplicate), a rollback and a gap (missing sequences) apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Generator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from pathlib import Path
from typing import Any, Final

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.coordinator import clock, coverage, feedback, rows, summaries
from svdesk.coordinator.keys import coordinator_keys
from svdesk.errors import InvalidInput, WriteFailed
from svdesk.exchange import bundle, card, fields
from svdesk.exchange.audit_chain import ChainCheck, check_chain
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.manifest import AuditMark, BundleManifest
from svdesk.progress import Progress
from svdesk.storage.db import Database
from svdesk.storage.inputs import FileTooLarge, read_regular_file
from svdesk.storage.settings import read_setting, transaction, write_setting


@dataclass
class ImportSummary:
    imported: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    missing_sequences: list[dict[str, Any]] = field(default_factory=list)
    # Set when a write failed (a full disk) part-way: the file it failed on, the message, and
    # the files not tried. What is in `imported` was kept (each bundle is its own transaction).
    stopped: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """Exactly the cli.md shape (plus `fingerprint`/`workstation` where they help, and
        `stopped` after a failed write)."""
        data: dict[str, Any] = {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "missing_sequences": self.missing_sequences,
        }
        if self.stopped is not None:
            data["stopped"] = self.stopped
        return data

    @property
    def exit_code(self) -> int:
        return 3 if self.rejected or self.stopped is not None else 0


@dataclass
class _Ledger:
    keys: dict[str, bytes]
    last: dict[str, int]
    seen: set[str]
    missing: dict[str, set[int]]
    codes: dict[str, tuple[str, str]]  # (site, unit) each workstation was registered with


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
    # Numbers a unit declared abandoned (reserved, never written) are not waited for.
    for ws, seq in db.execute("SELECT workstation_id, sequence FROM coord_abandoned"):
        imported.setdefault(str(ws), set()).add(int(seq))
    missing = {ws: set(range(1, top + 1)) - imported.get(ws, set()) for ws, top in last.items()}
    codes = {
        str(ws): (str(site), str(unit or ""))
        for ws, site, unit in db.execute(
            "SELECT workstation_id, site_code, unit_code FROM workstations"
        )
    }
    return _Ledger(keys, last, seen, missing, codes)


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
    """
    require_role(session, "coordinator", "importing bundles")
    run = _ImportRun(
        session=session,
        keys=coordinator_keys(session),
        trust_new=trust_new,
        trusted_fingerprints=trusted_fingerprints,
        now=now,
        max_bytes=max_bytes,
    )
    total = len(files)
    for index, path in enumerate(files):
        try:
            yield Progress(index, total, f"Importing {path.name}")
        except GeneratorExit:
            # A file announced as being imported is finished (one transaction) even when the
            # operation is cancelled right then; nothing after it is started.
            _import_one(run, path)
            return run.summary
        try:
            _import_one(run, path)
        except WriteFailed as exc:
            # The disk filled (or failed) part-way: what was imported is kept and said, with
            # the file it stopped at and the files not tried (issue 18, item 4).
            run.summary.stopped = {
                "file": str(path),
                "message": exc.message,
                "not_tried": [str(p) for p in files[index + 1 :]],
            }
            break
        # Cancelling here stops before the next file.
        yield Progress(index + 1, total, f"Imported {path.name}")
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
    summary: ImportSummary = field(default_factory=ImportSummary)
    touched: set[str] = field(default_factory=set)  # workstations whose bundles were seen


def _import_one(run: _ImportRun, path: Path) -> None:
    """Read, verify and apply one file against the ledger as it is now, recording the outcome
    in `run.summary`."""
    ledger = _load_ledger(run.session.db)
    label = f"The bundle {path.name}"
    try:
        opened = bundle.open_bundle(
            _read_limited(path, run.max_bytes, label),
            identity=run.keys.age_identity,
            known_workstations=ledger.keys,
            last_sequences=ledger.last,
            seen_hashes=ledger.seen,
            trust_new=run.trust_new,
            trusted_fingerprints=run.trusted_fingerprints,
            missing_sequences=ledger.missing,
            registered_codes=ledger.codes,
            max_bytes=run.max_bytes,
            label=label,
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
        if exc.registered_as is not None:
            entry["registered_as"] = exc.registered_as
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
            _apply(run.session, opened, path.name, clock.stamp(run.now()))
            chain = _audit_chain(run.session, m, label)
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
    except _BadRecords as exc:
        run.summary.rejected.append(
            {
                "file": str(path),
                "reason": "corrupt",
                "message": f"{label} is damaged ({exc}); it was not imported — ask the unit to "
                "export again.",
                "workstation": m.workstation_id,
            }
        )
        with transaction(run.session):
            run.session.audit(
                "import_rejected", {"reason": "bad_records", "workstation": m.workstation_id}
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
    if chain.flagged:  # said only when something is amiss: the usual summary is unchanged
        item["audit_chain"] = chain.verdict
        item["audit_message"] = chain.message
    run.summary.imported.append(item)


# Per workstation, the audit head each imported bundle declared: {"<sequence>": [seq, hash]}.
_AUDIT_HEADS: Final = "import.audit_heads."


def _audit_chain(session: Session, manifest: BundleManifest, label: str) -> ChainCheck:
    """Whether the bundle's audit head extends the heads earlier bundles of its workstation
    declared (`check_chain`); records its head, and audits a bundle that is flagged."""
    key = _AUDIT_HEADS + manifest.workstation_id
    stored = read_setting(session.db, key, {})
    stored = stored if isinstance(stored, dict) else {}
    seen = {int(s): AuditMark(int(v[0]), str(v[1])) for s, v in stored.items()}
    chain = check_chain(seen, manifest, label)
    head = manifest.audit_head
    if head is not None:
        write_setting(session.db, key, stored | {str(manifest.sequence): [head.seq, head.hash]})
    if chain.flagged:
        session.audit(
            "import_audit_chain",
            {
                "workstation": manifest.workstation_id,
                "sequence": manifest.sequence,
                "verdict": chain.verdict,
            },
        )
    return chain


class _BadRecords(Exception):
    """A record the bundle's checks let through but this coordinator cannot accept (a survey
    answer off its scale); raised by `_apply` before it writes anything."""


class _ForeignRecords(Exception):
    """The bundle reuses an encounter, escalation or request id of another workstation; raised by
    `_apply` before it writes anything, so that the bundle is rejected whole."""


def _existing_encounters(db: Database, opened: bundle.OpenedBundle) -> list[tuple[Any, ...]]:
    """(created_week, unit_code, workstation_id, case_code) of the bundle's encounters that are
    already stored (a resend); `_ForeignRecords` if an encounter, escalation, request, survey
    or feedback response id is another workstation's."""
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
    for table, key, records in (
        ("coord_requests", "request_id", opened.requests),
        ("coord_survey_responses", "response_id", opened.survey_responses),
        ("coord_feedback_responses", "response_id", opened.feedback_responses),
    ):
        ids = [r[key] for r in records]
        if (
            ids
            and db.execute(
                f"SELECT 1 FROM {table} WHERE {key} IN (SELECT value FROM json_each(?)) "
                "AND workstation_id != ? LIMIT 1",
                [json.dumps(ids), ws],
            ).fetchone()
        ):
            raise _ForeignRecords
    return existing


def _read_limited(path: Path, max_bytes: int, label: str) -> bytes:
    """The bundle's bytes, read only from a regular file checked on its open descriptor: a
    FIFO or device (swapped in after the file was chosen, too) would block or never end."""
    try:
        return read_regular_file(path, what="bundle file", limit=max_bytes)
    except FileTooLarge as exc:
        raise BundleRejected(
            "too_large",
            f"{label} is over the {max_bytes // (1024 * 1024)} MiB limit for a bundle; it is "
            "not an svdesk export.",
        ) from exc
    except InvalidInput as exc:  # a folder, FIFO, device or socket
        raise BundleRejected("corrupt", exc.message) from exc
    except OSError as exc:
        raise BundleRejected(
            "corrupt",
            f"{label} could not be read ({exc.strerror or exc}); check the file and try again.",
        ) from exc


_ENCOUNTER_ID: Final = fields.ENCOUNTER_FIELD_NAMES.index("encounter_id")


def _apply(
    session: Session,
    opened: bundle.OpenedBundle,
    file_name: str,
    at: str,
) -> None:
    db = session.db
    m = opened.manifest
    actor = session.supporter.id
    existing = _existing_encounters(db, opened)
    try:
        survey = rows.survey_rows(opened)
        weeks_covered = coverage.coverage_rows(opened)
        feedback_rows = feedback.feedback_rows(opened)
    except ValueError as exc:
        raise _BadRecords(str(exc)) from exc
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
    columns = rows.db_columns(opened.encounter_records)
    ids = columns["encounter_id"]
    months = list(map(summaries.period_month, columns["created_week"]))
    values = zip(*columns.values(), repeat(m.workstation_id), repeat(m.sequence), months)
    if not existing and len(set(ids)) == len(ids):
        # Only new encounters, each once (the usual bundle): the summaries grow by what this
        # bundle holds, counted from its rows in memory rather than read back from the store.
        case_tally = summaries.case_changes(db, m.workstation_id, summaries.BundleCases.of(columns))
        db.conn.executemany(rows.INSERT_ENCOUNTERS, values)
        summaries.write_case_tally(db, case_tally)
        summaries.add_summaries(db, summaries.summary_tally(columns))
    else:
        # A resent encounter may have moved week/unit/case: refresh the summaries it was in,
        # too (recounted from the store, as are those of an encounter twice in one bundle).
        case_counts = summaries.CaseCounts.of(
            db,
            [(m.workstation_id, c) for c in columns["case_code"]]
            + [(str(ws), str(c)) for _, _, ws, c in existing if c],
        )
        db.conn.executemany(rows.INSERT_ENCOUNTERS, values)
        case_counts.update()
        summaries.refresh_summaries(
            db,
            weeks_units=[(week, unit or "") for week, unit, _, _ in existing]
            + [
                (week, unit or "")
                for week, unit in zip(columns["created_week"], columns["unit_code"], strict=True)
            ],
        )
    rows.insert_escalations(db, opened, at)
    rows.upsert_requests(db, opened, at)
    rows.insert_survey_responses(db, survey)
    coverage.store_coverage(db, opened, weeks_covered, at)
    feedback.insert_feedback(db, feedback_rows)
    db.conn.executemany(
        "INSERT OR IGNORE INTO coord_abandoned (workstation_id, sequence, declared_in) "
        "VALUES (?, ?, ?)",
        [(m.workstation_id, seq, m.sequence) for seq in m.abandoned],
    )
    rows.scrub_withheld(db)
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
            "requests": m.requests,
            "survey_responses": m.survey_responses,
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
