"""`keys.json`, the store's keys file, as typed data (`KeyFile`) with one way to change it.

`KeysOnDisk.change()` hands out a copy to edit; leaving the block writes it atomically and makes
it current, and an exception (or a failed write) leaves both the file and the current copy as
they were — save or roll back, nothing in between.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svdesk.errors import Refused, StoreDamaged, StoreTooNew
from svdesk.keys.crypto import Slot, hkdf
from svdesk.storage.paths import atomic_write

SIDECAR_NAME = "keys.json"
SIDECAR_FORMAT = 1
MAX_PENDING_FAILURES = 50


@dataclass
class SupporterEntry:
    """A supporter's slot; `slot` is None when an admin must reset the passphrase."""

    id: str
    name: str
    is_admin: bool
    slot: Slot | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "is_admin": self.is_admin,
            "slot": None if self.slot is None else self.slot.to_json(),
        }


@dataclass
class FailedUnlock:
    """A failed unlock not yet in the audit log (written there at the next unlock)."""

    at: str
    supporter: str | None
    kind: str


@dataclass
class Failures:
    """Consecutive failed unlocks: how many, when the last was (epoch seconds), which."""

    count: int = 0
    last_at: float = 0.0
    pending: list[FailedUnlock] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "count": self.count,
            "last_at": self.last_at,
            "pending": [
                {"at": p.at, "supporter": p.supporter, "kind": p.kind} for p in self.pending
            ],
        }

    @classmethod
    def from_json(cls, data: Any) -> Failures:
        """KeyError / TypeError / ValueError when malformed."""
        if not isinstance(data, dict):
            raise ValueError("failures")
        return cls(
            count=int(data.get("count", 0)),
            last_at=float(data.get("last_at", 0.0)),
            pending=[
                FailedUnlock(
                    at=str(p.get("at") or ""),
                    supporter=_optional_str(p.get("supporter"), "failure supporter"),
                    kind=str(p.get("kind") or "passphrase"),
                )
                for p in data.get("pending", [])
            ],
        )


@dataclass
class PendingEvent:
    """Something that happened while the store was locked (e.g. a restore), audited at unlock."""

    action: str
    at: str
    detail: dict[str, object]


@dataclass
class AuditHead:
    """The audit log's last entry as last seen (its loss shows in `check`)."""

    seq: int
    hash: str


@dataclass
class KeyFile:
    """Everything in keys.json. Mutable: change it only inside `KeysOnDisk.change()`."""

    store_id: str
    role: str
    site_code: str
    unit_code: str | None
    backend: str | None
    passphrase_only: bool
    device_check: str | None
    key_id: str
    pending_key_id: str | None
    key_checks: dict[str, str]
    supporters: list[SupporterEntry]
    recovery: Slot
    failures: Failures = field(default_factory=Failures)
    audit_head: AuditHead | None = None
    events: list[PendingEvent] = field(default_factory=list)
    # Counts the writes of this keys file: a writer whose copy is older refuses to write.
    generation: int = 0
    # The database's count of sessions as last written there (svdesk.access.freshness): a
    # database behind it was put back. None in keys files from before the count.
    store_change: int | None = None
    # HMAC of `authenticated()` under a key derived from the database key (see KeysOnDisk).
    mac: str | None = None

    # ---- look-ups ----------------------------------------------------------------------------
    def supporter(self, supporter_id: str) -> SupporterEntry | None:
        return next((s for s in self.supporters if s.id == supporter_id), None)

    def admins(self) -> list[SupporterEntry]:
        return [s for s in self.supporters if s.is_admin]

    def record_failure(self, supporter_id: str | None, kind: str, *, at: str, now: float) -> None:
        self.failures.count += 1
        self.failures.last_at = now
        self.failures.pending.append(FailedUnlock(at=at, supporter=supporter_id, kind=kind))
        del self.failures.pending[:-MAX_PENDING_FAILURES]

    def authenticated(self) -> bytes:
        """What the MAC covers: the store's identity, the roster with its admin flags and slot
        keys, the recovery slot's key, the audit anchor and the database's change count (not
        failures or pending events, which are written while the store is locked)."""
        body = {
            "store_id": self.store_id,
            "role": self.role,
            "site_code": self.site_code,
            "unit_code": self.unit_code,
            "passphrase_only": self.passphrase_only,
            "key_id": self.key_id,
            "supporters": [
                [s.id, s.name, s.is_admin, None if s.slot is None else s.slot.to_json()["public"]]
                for s in self.supporters
            ],
            "recovery": self.recovery.to_json()["public"],
            "audit_head": None
            if self.audit_head is None
            else [self.audit_head.seq, self.audit_head.hash],
        }
        if self.store_change is not None:  # absent from older files, whose MACs stay valid
            body["store_change"] = self.store_change
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def for_backup(self) -> KeyFile:
        """A copy without what belongs to this machine's history (failures, pending events)."""
        clean = copy.deepcopy(self)
        clean.failures = Failures()
        clean.events = []
        return clean

    # ---- JSON --------------------------------------------------------------------------------
    def to_json(self) -> dict[str, object]:
        return {
            "format": SIDECAR_FORMAT,
            "store_id": self.store_id,
            "role": self.role,
            "site_code": self.site_code,
            "unit_code": self.unit_code,
            "backend": self.backend,
            "passphrase_only": self.passphrase_only,
            "device_check": self.device_check,
            "key_id": self.key_id,
            "pending_key_id": self.pending_key_id,
            "key_checks": dict(self.key_checks),
            "supporters": [s.to_json() for s in self.supporters],
            "recovery": self.recovery.to_json(),
            "failures": self.failures.to_json(),
            "audit_head": (
                None
                if self.audit_head is None
                else {"seq": self.audit_head.seq, "hash": self.audit_head.hash}
            ),
            "events": [{"action": e.action, "at": e.at, "detail": e.detail} for e in self.events],
            "generation": self.generation,
            "store_change": self.store_change,
            "mac": self.mac,
        }

    def dumps(self) -> bytes:
        return (json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: Any) -> KeyFile:
        """KeyError / TypeError / ValueError naming what is malformed."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        strings = {name: data[name] for name in ("store_id", "role", "site_code", "key_id")}
        for name, value in strings.items():
            if not isinstance(value, str):
                raise ValueError(name)
        if not isinstance(data["supporters"], list) or not data["supporters"]:
            raise ValueError("supporters")
        supporters = []
        for entry in data["supporters"]:
            if not isinstance(entry["id"], str) or not isinstance(entry["name"], str):
                raise ValueError("supporter")
            slot = None if entry["slot"] is None else Slot.from_json(entry["slot"])
            supporters.append(
                SupporterEntry(entry["id"], entry["name"], bool(entry.get("is_admin")), slot)
            )
        checks = data["key_checks"]
        if not isinstance(checks, dict):
            raise ValueError("key_checks")
        head = data.get("audit_head")
        return cls(
            store_id=strings["store_id"],
            role=strings["role"],
            site_code=strings["site_code"],
            unit_code=_optional_str(data.get("unit_code"), "unit_code"),
            backend=_optional_str(data.get("backend"), "backend"),
            passphrase_only=bool(data.get("passphrase_only")),
            device_check=_optional_str(data.get("device_check"), "device_check"),
            key_id=strings["key_id"],
            pending_key_id=_optional_str(data.get("pending_key_id"), "pending_key_id"),
            key_checks={str(k): str(v) for k, v in checks.items()},
            supporters=supporters,
            recovery=Slot.from_json(data["recovery"]),
            failures=Failures.from_json(data.get("failures") or {}),
            audit_head=(
                AuditHead(int(head["seq"]), str(head["hash"])) if isinstance(head, dict) else None
            ),
            generation=int(data.get("generation", 0)),
            store_change=_optional_int(data.get("store_change"), "store_change"),
            mac=_optional_str(data.get("mac"), "mac"),
            events=[
                PendingEvent(
                    str(e.get("action")), str(e.get("at") or ""), dict(e.get("detail") or {})
                )
                for e in data.get("events", [])
            ],
        )


def _optional_str(value: object, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(name)


def _optional_int(value: object, name: str) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(name)


def damaged_sidecar(home: Path, detail: str) -> StoreDamaged:
    return StoreDamaged(
        f"The keys file {home / SIDECAR_NAME} is damaged ({detail}); restore a backup."
    )


# Set in the store's `meta` once its keys file carries a MAC: a keys file without one is refused.
KEYFILE_MAC_META = "keyfile_mac"


def tampered_keyfile(home: Path, detail: str) -> StoreDamaged:
    return StoreDamaged(
        f"The keys file {home / SIDECAR_NAME} was changed outside svdesk ({detail}): its "
        "supporters, roles or audit anchor are not what svdesk wrote, so it was not used. "
        "Restore it from a backup (svdesk restore FILE) and tell your svdesk admin."
    )


def read_keyfile(home: Path) -> KeyFile:
    """The validated `keys.json` of `home` (StoreDamaged / StoreTooNew with a plain message)."""
    path = home / SIDECAR_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise StoreDamaged(
            f"The keys file {path} is missing, so the store cannot be unlocked; restore a backup."
        ) from exc
    except IsADirectoryError as exc:
        raise damaged_sidecar(home, "it is a folder") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise damaged_sidecar(home, "not readable") from exc
    if not isinstance(data, dict):
        raise damaged_sidecar(home, "not an object")
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > SIDECAR_FORMAT:
        raise StoreTooNew(
            "This store's keys file was made by a newer version of svdesk; install that version."
        )
    try:
        if fmt != SIDECAR_FORMAT:
            raise ValueError("format")
        return KeyFile.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise damaged_sidecar(home, f"bad or missing field {exc}") from exc


def write_keyfile(home: Path, keys: KeyFile) -> None:
    """Write `keys` to `home/keys.json` atomically (WriteFailed leaves the old file)."""
    atomic_write(home / SIDECAR_NAME, keys.dumps())


def keyfile_mac(db_key: bytes, keys: KeyFile) -> str:
    """The MAC of `keys` under a key derived from the database key `db_key`."""
    mac_key = hkdf(db_key, keys.store_id.encode(), b"svdesk-keyfile-mac-v1")
    return hmac.new(mac_key, keys.authenticated(), hashlib.sha256).hexdigest()


class StaleKeyFile(Refused):
    """keys.json on disk is newer than the copy this process would write over it."""

    title = "Opened twice"


def _generation_on_disk(home: Path) -> int | None:
    try:
        data = json.loads((home / SIDECAR_NAME).read_bytes().decode("utf-8"))
        return int(data.get("generation", 0)) if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, ValueError, TypeError):
        return None


class KeysOnDisk:
    """The keys file of one data directory: the `current` saved copy and `change()`.

    Every write raises the file's `generation`; before writing, the generation on disk must be
    the one this copy was read or last written at, so a second instance on the same folder
    (its lock file removed, or another computer on a shared folder) cannot put back an older
    keys file — an enrolment, removal or key rotation made by the first stays.
    """

    def __init__(self, home: Path, current: KeyFile) -> None:
        self.home = home
        self.current = current
        # Set while a session is unlocked: the database key in use, for the MAC.
        self.db_key: bytes | None = None
        # Told each new generation once it is written (the keyring's copy: rollback check).
        self.written: Callable[[int], None] | None = None

    def verify(self, keys: Mapping[str, bytes]) -> bool | None:
        """Whether the MAC matches under the database key named by the file (None: no MAC)."""
        current = self.current
        if current.mac is None:
            return None
        key = keys.get(current.key_id)
        if key is None:
            return False
        return hmac.compare_digest(current.mac, keyfile_mac(key, current))

    @classmethod
    def read(cls, home: Path) -> KeysOnDisk:
        return cls(home, read_keyfile(home))

    @contextmanager
    def change(self) -> Iterator[KeyFile]:
        """Edit a copy; it is written and made current when the block ends without error."""
        draft = copy.deepcopy(self.current)
        yield draft
        on_disk = _generation_on_disk(self.home)
        if on_disk != self.current.generation:
            raise StaleKeyFile(
                f"The keys file {self.home / SIDECAR_NAME} was changed by another svdesk since "
                "this one opened the store (is svdesk also running on this folder elsewhere?), "
                "so this change was not saved, to keep that one. Close this svdesk window and "
                "open the store again."
            )
        if self.db_key is not None:
            draft.mac = keyfile_mac(self.db_key, draft)
        elif draft.authenticated() != self.current.authenticated():
            raise AssertionError("the roster changes only while a session is unlocked")
        draft.generation = self.current.generation + 1
        write_keyfile(self.home, draft)
        self.current = draft
        if self.written is not None:
            self.written(draft.generation)
