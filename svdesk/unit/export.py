"""Unit side of the coordinator export: pairing with a coordinator card, incremental signed bundles.

A bundle's sequence number is reserved before its file is written and never reused, so the
coordinator sees a gap (not a conflict) if a write is interrupted; rows are marked exported only
once the file is durable and read back intact. A number whose bundle was not written (a failed
write or fsync, or a kill: a reservation the next export finds) is abandoned, and the following
bundles declare it, so the coordinator does not report it missing (issue 18).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.content.hours import workstation_zone
from svdesk.errors import InvalidInput, NotPermitted, Refused, WriteFailed
from svdesk.exchange import bundle, card, intake, weeks
from svdesk.exchange.manifest import MAX_ABANDONED, AuditMark
from svdesk.exchange.reidentification import ReidentificationCheck
from svdesk.progress import Progress
from svdesk.storage import audit
from svdesk.storage.db import Database
from svdesk.storage.paths import atomic_write
from svdesk.storage.schema import SCHEMA_VERSION
from svdesk.storage.settings import read_setting, transaction, write_setting
from svdesk.unit import feedback_sent as feedback
from svdesk.unit.oncall_coverage import coverage_for_export
from svdesk.unit.requests import response_time_code

SETTING_CARD: Final = "bundle.coordinator_card"
SETTING_SIGNING_KEY: Final = "bundle.signing_key"
# The audit head the last bundle declared: the next one says what became of that entry.
SETTING_AUDIT_HEAD: Final = "bundle.audit_head"
# What a coordinator reads in one bundle; what is left goes into the next bundle.
MAX_ENCOUNTERS_PER_BUNDLE: Final = intake.MAX_ENCOUNTERS


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    records: int  # encounters + escalations in the bundle
    encounters: int
    escalations: int
    remaining: int  # encounters left for the next bundle (over the per-bundle cap)
    #: smallest group of exported encounters sharing unit + role + week + event categories
    reidentification: ReidentificationCheck | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "bundle": str(self.path),
            "sequence": self.sequence,
            "records": self.records,
        }
        if self.reidentification is not None:
            data["reidentification"] = {
                **self.reidentification.to_json(),
                "warning": self.reidentification.warning,
            }
        return data


def _now() -> datetime:
    return datetime.now(UTC)


def workstation_fingerprint(session: Session) -> str | None:
    """The fingerprint of this workstation's signing key (None before pairing)."""
    key = read_setting(session.db, SETTING_SIGNING_KEY)
    return None if key is None else card.fingerprint(card.public_key_of(bytes.fromhex(key)))


def paired_card(session: Session) -> card.CoordinatorCard | None:
    text = read_setting(session.db, SETTING_CARD)
    return None if text is None else card.read_card(str(text).encode("utf-8"))


def pair(session: Session, card_bytes: bytes) -> str:
    """Accept a coordinator card (unit admin only); returns this workstation's fingerprint.

    Creates the workstation's Ed25519 signing key in the encrypted store on first pairing; a
    later pairing (a new coordinator) keeps the key, so the coordinator's registration holds.
    """
    require_role(session, "unit", "pairing with a coordinator")
    if not session.supporter.is_admin:
        raise NotPermitted("Only a unit admin can pair with a coordinator; ask your unit admin.")
    coordinator_card = card.read_card(card_bytes)
    db = session.db
    with transaction(session):
        key_hex = read_setting(db, SETTING_SIGNING_KEY)
        if key_hex is None:
            key_hex = card.new_signing_key().hex()
            write_setting(db, SETTING_SIGNING_KEY, key_hex)
        write_setting(db, SETTING_CARD, card_bytes.decode("utf-8"))
        mine = card.fingerprint(card.public_key_of(bytes.fromhex(key_hex)))
        session.audit(
            "pair",
            {
                "coordinator_id": coordinator_card.coordinator_id,
                "coordinator_fingerprint": coordinator_card.fingerprint,
                "workstation_fingerprint": mine,
            },
        )
    return mine


def _pending_encounters(db: Database, limit: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT * FROM encounters WHERE exported_seq IS NULL "
        "ORDER BY created_at, encounter_id LIMIT ?",
        [limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _pending_escalations(db: Database) -> list[dict[str, Any]]:
    # New ones, and ones changed since the export that last carried them: told by the change
    # counter (migration 4), not by timestamps, which a clock stepping back makes lie.
    cursor = db.execute(
        "SELECT e.* FROM escalations e "
        "WHERE e.exported_seq IS NULL OR e.change_seq > e.exported_change "
        "ORDER BY e.created_at, e.id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# What the next export carries of the requests and of the kiosk responses.
_REQUESTS_PENDING: Final = "exported_seq IS NULL OR change_seq > exported_change"
_RESPONSES_PENDING: Final = "exported = 0"


def _pending_requests(db: Database) -> list[dict[str, Any]]:
    """Requests for support new or changed since the export that last carried them (the change
    counter, migration 10), each with its request-to-contact time coded from the real times."""
    cursor = db.execute(
        "SELECT id, requested_at, source, people, urgency, other_unit, status, taken_at, "
        "change_seq "
        f"FROM support_requests WHERE {_REQUESTS_PENDING} ORDER BY requested_at, id LIMIT ?",
        [intake.MAX_REQUESTS],
    )
    names = [d[0] for d in cursor.description]
    zone = workstation_zone()
    out = []
    for row in cursor.fetchall():
        item = dict(zip(names, row, strict=True))
        taken = item.pop("taken_at")
        requested = datetime.fromisoformat(str(item["requested_at"]))
        item["requested_hour"] = f"{requested.astimezone(zone).hour:02d}"
        item["response_time"] = item["minutes_to_contact"] = None
        if taken is not None:
            contact = datetime.fromisoformat(str(taken))
            item["response_time"] = response_time_code(requested, contact)
            item["minutes_to_contact"] = max(0, int((contact - requested).total_seconds() // 60))
        out.append(item)
    return out


def _pending_survey_responses(db: Database) -> list[dict[str, Any]]:
    """Kiosk responses not yet exported, in the order of their random ids (no other order is
    kept: svdesk/unit/kiosk.py)."""
    cursor = db.execute(
        "SELECT id, survey_id, survey_version, week, answers FROM survey_responses "
        f"WHERE {_RESPONSES_PENDING} ORDER BY id LIMIT ?",
        [intake.MAX_SURVEY_RESPONSES],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def pending_count(session: Session) -> int:
    """How many records the next export would carry (for the GUI's export page)."""
    db = session.db
    enc = db.execute("SELECT count(*) FROM encounters WHERE exported_seq IS NULL").fetchone()[0]
    requests = db.execute(f"SELECT count(*) FROM support_requests WHERE {_REQUESTS_PENDING}")
    responses = db.execute(f"SELECT count(*) FROM survey_responses WHERE {_RESPONSES_PENDING}")
    return (
        int(enc)
        + len(_pending_escalations(db))
        + min(int(requests.fetchone()[0]), intake.MAX_REQUESTS)
        + min(int(responses.fetchone()[0]), intake.MAX_SURVEY_RESPONSES)
        + feedback.pending_count(db)
    )


def export_history(session: Session, *, include_abandoned: bool = False) -> list[dict[str, Any]]:
    """The exports made, newest first; with `include_abandoned` also the numbers reserved whose
    bundle was not written (not shown to users: no file carries them)."""
    where = "" if include_abandoned else "WHERE state = 'done' "
    cursor = session.db.execute(
        "SELECT sequence, export_id, created_at, file_name, records, state FROM exports "
        f"{where}ORDER BY sequence DESC"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def export_bundle(
    session: Session,
    out_dir: Path,
    *,
    now: Callable[[], datetime] = _now,
    max_encounters: int = MAX_ENCOUNTERS_PER_BUNDLE,
) -> Generator[Progress, None, ExportResult]:
    """Write the next bundle into `out_dir`; yields progress, returns an `ExportResult`.

    Closing the generator before it finishes cancels the export with nothing written or marked.
    Raises `WriteFailed` for a full or read-only target (nothing is marked exported then).
    """
    require_role(session, "unit", "exporting")
    db = session.db
    info = session.workstation.info
    total = 4
    yield Progress(0, total, "Reading the records not yet exported")
    coordinator_card = paired_card(session)
    key_hex = read_setting(db, SETTING_SIGNING_KEY)
    if coordinator_card is None or key_hex is None:
        raise Refused(
            "This workstation is not paired with a coordinator yet; "
            "ask the unit admin to import the coordinator card first."
        )
    if not out_dir.is_dir():
        raise InvalidInput(f"{out_dir} is not a folder; choose an existing folder or USB drive.")
    snapshot = now()
    encounters = _pending_encounters(db, max_encounters)
    escalations = _pending_escalations(db)
    requests = _pending_requests(db)
    # Each marked with the change it was exported at: a change made meanwhile goes next time.
    request_changes = [(str(r["id"]), int(r.pop("change_seq"))) for r in requests]
    responses = _pending_survey_responses(db)
    # The on-call hours up to now judged, then the last weeks' coverage (format 4; no names).
    coverage = coverage_for_export(session, snapshot)
    feedback_responses = feedback.pending_responses(db)  # format 4
    remaining = int(
        db.execute("SELECT count(*) FROM encounters WHERE exported_seq IS NULL").fetchone()[0]
    ) - len(encounters)
    last = db.execute("SELECT max(sequence) FROM exports").fetchone()[0]
    sequence = int(last or 0) + 1
    audit_head, audit_anchor = _audit_marks(db)
    abandoned = _abandoned_sequences(db)

    yield Progress(1, total, "Signing and encrypting the bundle")
    built = bundle.build_bundle(
        records=encounters,
        escalations=escalations,
        workstation_id=info.store_id,
        sequence=sequence,
        signing_key=bytes.fromhex(key_hex),
        recipients=[coordinator_card.age_recipient],
        schema_version=SCHEMA_VERSION,
        created_week=weeks.iso_week(snapshot),
        site_code=info.site_code,
        unit_code=info.unit_code or "",
        audit_head=audit_head,
        audit_anchor=audit_anchor,
        abandoned=abandoned,
        requests=requests,
        survey_responses=responses,
        coverage=coverage,
        feedback_responses=feedback_responses,
    )
    unit = info.unit_code or "unit"
    name = (
        f"svdesk-{_safe(info.site_code)}-{_safe(unit)}-{sequence:06d}-"
        f"{built.manifest.export_id[:8]}{bundle.BUNDLE_SUFFIX}"
    )
    path = out_dir / name

    yield Progress(2, total, f"Writing {name}")
    # From here to the end there is no yield: a cancel cannot leave a half-finished export.
    with transaction(session):
        db.execute("UPDATE exports SET state = 'abandoned' WHERE state = 'reserved'")
        db.execute(
            "INSERT INTO exports (sequence, export_id, created_at, file_name, records, "
            "payload_sha256, state) VALUES (?, ?, ?, ?, ?, ?, 'reserved')",
            [
                sequence,
                built.manifest.export_id,
                snapshot.isoformat(),
                name,
                built.manifest.records,
                built.manifest.payload_sha256,
            ],
        )
    try:
        atomic_write(path, built.data)
        _verify_written(path, built.data_sha256)
    except WriteFailed:
        # The file may exist (a failed folder fsync comes after the rename), so the number is
        # never used again: abandoned, and declared in the next bundle.
        with transaction(session):
            db.execute("UPDATE exports SET state = 'abandoned' WHERE sequence = ?", [sequence])
        raise
    with transaction(session):
        db.execute("UPDATE exports SET state = 'done' WHERE sequence = ?", [sequence])
        _mark(db, "encounters", "encounter_id", [r["encounter_id"] for r in encounters], sequence)
        # Each with the change it was exported at: a change made meanwhile goes next time.
        db.conn.executemany(
            "UPDATE escalations SET exported_seq = ?, exported_change = ? WHERE id = ?",
            [(sequence, e["change_seq"], e["id"]) for e in escalations],
        )
        db.conn.executemany(
            "UPDATE support_requests SET exported_seq = ?, exported_change = ? WHERE id = ?",
            [(sequence, change, request_id) for request_id, change in request_changes],
        )
        # Sent, with no export number: the export's time would date the response.
        db.conn.executemany(
            "UPDATE survey_responses SET exported = 1 WHERE id = ?", [(r["id"],) for r in responses]
        )
        feedback.mark_sent(db, feedback_responses)
        if audit_head is not None:
            write_setting(db, SETTING_AUDIT_HEAD, [audit_head.seq, audit_head.hash])
        session.audit(
            "export",
            {
                "sequence": sequence,
                "export_id": built.manifest.export_id,
                "encounters": len(encounters),
                "escalations": len(escalations),
                "requests": len(requests),
                "survey_responses": len(responses),
                "feedback_responses": len(feedback_responses),
                "coordinator_fingerprint": coordinator_card.fingerprint,
            },
        )
    yield Progress(total, total, f"Exported {built.manifest.records} records")
    return ExportResult(
        path=path,
        sequence=sequence,
        records=built.manifest.records,
        encounters=len(encounters),
        escalations=len(escalations),
        remaining=remaining,
        reidentification=built.reidentification,
    )


def _abandoned_sequences(db: Database) -> list[int]:
    """The latest sequence numbers reserved without a bundle, for the next manifest.

    A reservation still open before an export starts was left by a kill during an export (the
    instance lock means no other export is running): it counts as abandoned, and is marked so
    when this export reserves its own number.
    """
    rows = db.execute(
        "SELECT sequence FROM exports WHERE state IN ('reserved', 'abandoned') "
        "ORDER BY sequence DESC LIMIT ?",
        [MAX_ABANDONED],
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def _audit_marks(db: Database) -> tuple[AuditMark | None, AuditMark | None]:
    """The audit log's last entry now, and the entry the previous bundle ended at as it is now
    (its hash None if it is gone), for the bundle's manifest."""
    head = audit.head(db.conn)
    if head is None:
        return None, None
    previous = read_setting(db, SETTING_AUDIT_HEAD)
    anchor = None
    if isinstance(previous, list) and previous and isinstance(previous[0], int):
        anchor = AuditMark(previous[0], audit.hash_at(db.conn, previous[0]))
    return AuditMark(*head), anchor


def renumber_after_restore(session: Session, coordinator_last: int) -> int:
    """After this store was restored from a backup: continue after the coordinator's number.

    A restored store would reuse export numbers the coordinator already has, and it rejects
    those bundles as rollbacks. This (unit admin only) makes the next export number
    `coordinator_last + 1` and marks every record for sending again (the coordinator keeps one
    copy of each). Returns the next export number.
    """
    require_role(session, "unit", "renumbering exports")
    if not session.supporter.is_admin:
        raise NotPermitted("Only a unit admin can renumber exports; ask your unit admin.")
    if coordinator_last < 0:
        raise InvalidInput("The coordinator's last export number cannot be negative.")
    db = session.db
    with transaction(session):
        last = int(db.execute("SELECT coalesce(max(sequence), 0) FROM exports").fetchone()[0])
        if last < coordinator_last:
            db.execute(
                "INSERT INTO exports (sequence, export_id, created_at, file_name, records, "
                "payload_sha256) VALUES (?, ?, ?, ?, 0, '')",
                [
                    coordinator_last,
                    "renumbered-after-restore",
                    _now().isoformat(),
                    "(numbers skipped after a restore; nothing was written)",
                ],
            )
        db.execute("UPDATE encounters SET exported_seq = NULL")
        db.execute("UPDATE escalations SET exported_seq = NULL")
        db.execute("UPDATE support_requests SET exported_seq = NULL")
        db.execute("UPDATE survey_responses SET exported = 0")
        db.execute("UPDATE feedback_responses SET exported = 0")
        following = max(last, coordinator_last) + 1
        session.audit("exports_renumbered", {"from_sequence": last, "next_sequence": following})
    return following


def _safe(code: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code)[:24] or "x"


def _verify_written(path: Path, sha256: str) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WriteFailed(
            f"The bundle {path.name} could not be read back ({exc.strerror or exc}); "
            "check the drive and export again."
        ) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        path.unlink(missing_ok=True)
        raise WriteFailed(
            f"The bundle {path.name} read back differently from what was written; the drive may "
            "be failing — export again to another folder."
        )


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _mark(db: Database, table: str, key: str, ids: list[str], sequence: int) -> None:
    for chunk in _chunks(ids):
        marks = ",".join("?" for _ in chunk)
        db.execute(
            f"UPDATE {table} SET exported_seq = ? WHERE {key} IN ({marks})", [sequence, *chunk]
        )
