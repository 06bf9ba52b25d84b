"""The anonymous kiosk survey of a unit workstation (issue 14, item 2): a staff member answers the
survey the unit admin chose while the store stays locked; nobody's key slot is opened.

A locked store cannot be read, so two plain things live beside it in the data folder:
- `kiosk.json`, which survey is offered (none: `survey_id` null) and the inbox's key: mirrored
  from the store at each unlock of a unit store, whether a survey is chosen or not (the kiosk's
  request for support, `svdesk.unit.kiosk_requests`, needs the inbox key and the signing key
  too), and signed with the workstation's Ed25519 key (the one bundles are signed with); where
  the store has a device secret (the OS keyring), the key is also pinned by an HMAC under that
  secret, so a file someone else wrote or copied from another store is refused;
- `kiosk-inbox/`, one small file per response, encrypted (age) to this workstation's inbox key,
  whose identity is kept in the store (`kiosk_inbox_key`). A file holds the survey id, its version,
  the ISO week and the answers, nothing else: its name is random and its modification time is
  set to the week's Monday 00:00.
Each unlock (`settle`) merges the inbox into `survey_responses`, keyed by each file's random
name, and only then removes the files: a kill before the commit leaves every file for the next
unlock, one after it leaves files whose rows exist (merged again, ignored), so nothing is lost
or counted twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.access.roles import require_role
from svdesk.access.session import Opened, Session
from svdesk.content.surveys import Survey, bundled_surveys, check_answers
from svdesk.errors import InvalidInput, NotPermitted, Refused, SvdeskError, WriteFailed
from svdesk.exchange import card, weeks
from svdesk.storage.datadir import KIOSK_CHOICE_NAME, KIOSK_INBOX_NAME
from svdesk.storage.db import Database
from svdesk.storage.paths import atomic_write, ensure_private_dir, fsync_dir
from svdesk.storage.settings import delete_setting, read_setting, transaction, write_setting
from svdesk.unit import wave_window
from svdesk.unit.export import SETTING_SIGNING_KEY
from svdesk.unit.pinned_file import pin, read_pinned

SETTING_SURVEY: Final = "kiosk.survey"  # {"id": …, "version": …}; absent: no kiosk survey
RESPONSE_KEYS: Final = frozenset({"survey", "version", "week", "answers"})  # all a file holds
_RESPONSE_NAME: Final = re.compile(r"^([0-9a-f]{32})\.age\Z")
_LEFTOVER: Final = re.compile(r"^\.[0-9a-f]{32}\.age\..+\.tmp\Z")  # a write a kill cut short
_SURVEY_ID: Final = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")
MAX_RESPONSE_BYTES: Final = 64 * 1024  # the bundled survey's response is about 400 bytes
MAX_CHOICE_BYTES: Final = 16 * 1024
MAX_MERGED_PER_UNLOCK: Final = 5000  # a flooded inbox is merged over several unlocks
_CHOICE_FORMAT: Final = 1
_CHOICE_KEYS: Final = frozenset(
    {"format", "store_id", "survey_id", "survey_version", "recipient", "public_key", "pin"}
)
_WAVES_KEY: Final = "waves"  # the survey waves' weeks (`wave_window`); absent in older files
_FIX: Final = "A unit admin can choose the survey again in Settings (each unlock writes the file)."


@dataclass(frozen=True)
class Settled:
    """What an unlock did with the inbox: responses added to the store (a file merged before a
    kill is not added twice), and files left there because they could not be read (another
    workstation's key, damaged, not a response) or wait for the next unlock."""

    merged: int
    left: int


# ---------------------------------------------------------------- the admin's choice


def chosen_survey(session: Session) -> str | None:
    """The id of the survey the kiosk offers (None: no kiosk survey)."""
    value = read_setting(session.db, SETTING_SURVEY)
    return value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None


def choose_survey(session: Session, survey_id: str | None) -> None:
    """The unit admin chooses the bundled survey the kiosk offers (None: offer none), and the
    signed copy of the choice is written for the locked kiosk."""
    require_role(session, "unit", "the staff survey")
    if not session.supporter.is_admin:
        raise NotPermitted("Only a unit admin can choose the staff survey; ask your unit admin.")
    survey: Survey | None = None
    if survey_id is not None:
        survey = bundled_surveys().get(survey_id)
        if survey is None:
            known = ", ".join(sorted(bundled_surveys())) or "none"
            raise InvalidInput(f"There is no bundled survey {survey_id!r}; choose one of: {known}.")
    with transaction(session):
        db = session.db
        if survey is None:
            delete_setting(db, SETTING_SURVEY)
        else:
            write_setting(db, SETTING_SURVEY, {"id": survey.id, "version": survey.version})
            _signing_key(db)
            _inbox_identity(db)
        session.audit("kiosk_survey_chosen", {"survey": survey_id})
    _write_choice(session)


def _signing_key(db: Database) -> bytes:
    """The workstation's Ed25519 key, made here if the workstation was never paired (pairing
    keeps an existing key, so the coordinator registers the same one)."""
    key_hex = read_setting(db, SETTING_SIGNING_KEY)
    if not isinstance(key_hex, str):
        key_hex = card.new_signing_key().hex()
        write_setting(db, SETTING_SIGNING_KEY, key_hex)
    return bytes.fromhex(key_hex)


def _inbox_identity(db: Database) -> pyrage.x25519.Identity:
    """The inbox key kept in the store, made on first use (a new store, or one from before v9)."""
    row = db.execute("SELECT identity FROM kiosk_inbox_key WHERE id = 1").fetchone()
    if row is not None:
        return pyrage.x25519.Identity.from_str(row[0])
    identity = pyrage.x25519.Identity.generate()
    db.execute("INSERT INTO kiosk_inbox_key (id, identity) VALUES (1, ?)", [str(identity)])
    return identity


def _write_choice(session: Session) -> None:
    """Mirror the store's choice into `kiosk.json` (signed); with no survey chosen (or the
    chosen one no longer shipped in that version) it offers none, the inbox key still there."""
    home = session.workstation.home
    path = home / KIOSK_CHOICE_NAME
    db = session.db
    value = read_setting(db, SETTING_SURVEY)
    survey = bundled_surveys().get(value.get("id", "")) if isinstance(value, dict) else None
    if survey is not None and survey.version != value.get("version"):
        survey = None
    with transaction(session):
        signing_key = _signing_key(db)
        recipient = str(_inbox_identity(db).to_public())
    store_id = session.workstation.info.store_id
    public = card.public_key_of(signing_key)
    device = session.workstation.device_secret
    body: dict[str, Any] = {
        "format": _CHOICE_FORMAT,
        "store_id": store_id,
        "survey_id": survey.id if survey is not None else None,
        "survey_version": survey.version if survey is not None else None,
        "recipient": recipient,
        "public_key": public.hex(),
        "pin": pin(device, store_id, public) if device else None,
        _WAVES_KEY: wave_window.window_of(db, survey.id, survey.version) if survey else [],
    }
    signature = Ed25519PrivateKey.from_private_bytes(signing_key).sign(card.canonical_json(body))
    data = json.dumps({**body, "signature": signature.hex()}, indent=1, sort_keys=True)
    atomic_write(path, data.encode("ascii") + b"\n")


# ---------------------------------------------------------------- the locked kiosk


@dataclass(frozen=True)
class Kiosk:
    """The survey offered at a locked workstation, and where its responses go."""

    survey: Survey
    recipient: str
    inbox: Path
    waves: wave_window.Window = ()  # the survey waves' weeks; none: open every week

    def submit(self, answers: Mapping[str, object], *, today: date | None = None) -> None:
        """Keep one response (item id -> point value; None = not answered) in the inbox.

        InvalidInput for an unknown item, an answer off its scale, or nothing answered;
        Refused outside the weeks of the survey's waves.
        """
        closed = wave_window.closed_reason(self.waves, weeks.iso_week(today or date.today()))
        if closed is not None:
            raise Refused(closed + " Nothing was kept.")
        checked = check_answers(self.survey, answers)
        if not checked:
            raise InvalidInput(
                "No statement is answered yet; choose an answer for at least one statement, "
                "or leave the survey."
            )
        week = weeks.iso_week(today or date.today())
        response = {
            "survey": self.survey.id,
            "version": self.survey.version,
            "week": week,
            "answers": checked,
        }
        encrypted = pyrage.encrypt(
            card.canonical_json(response), [pyrage.x25519.Recipient.from_str(self.recipient)]
        )
        monday = datetime.combine(weeks.week_monday(week), time()).timestamp()
        try:
            ensure_private_dir(self.inbox)
        except OSError as exc:
            raise _not_kept(self.inbox, exc) from exc
        _write_dated(self.inbox, f"{secrets.token_hex(16)}.age", encrypted, monday)


_NO_SURVEY: Final = (
    "No staff survey is offered on this workstation; a unit admin chooses one in Settings."
)


def open_kiosk(workstation: Opened, *, today: date | None = None) -> Kiosk:
    """The kiosk of a locked workstation: `kiosk.json` read and verified (its signature, the
    pin under the device secret, this store, a bundled survey of that version), and open in
    `today`'s week when the survey has waves (`wave_window`).

    Refused, saying why and what to do, when no survey is offered or the file is not right.
    """
    if workstation.info.role != "unit":
        raise Refused("The staff survey is offered on unit workstations only.")
    choice = read_choice(workstation, _bad_choice, missing=_NO_SURVEY)
    if choice.survey is None:
        raise Refused(_NO_SURVEY)
    closed = wave_window.closed_reason(choice.waves, weeks.iso_week(today or date.today()))
    if closed is not None:
        raise Refused(closed)
    inbox = workstation.home / KIOSK_INBOX_NAME
    return Kiosk(choice.survey, choice.recipient, inbox, choice.waves)


@dataclass(frozen=True)
class Choice:
    """`kiosk.json` as verified: the survey offered (None: none), the inbox's age recipient and
    the workstation's public signing key (what else the locked kiosk reads is signed by it)."""

    survey: Survey | None
    recipient: str
    public_key: bytes
    waves: wave_window.Window = ()


def read_choice(workstation: Opened, bad: Callable[[str], Refused], *, missing: str) -> Choice:
    """`kiosk.json` read and verified; `bad(problem)` is raised when it is not right, Refused
    with `missing` when there is none (no unlock has written it yet)."""
    body, public = read_pinned(
        workstation,
        workstation.home / KIOSK_CHOICE_NAME,
        keys=_CHOICE_KEYS,
        optional={_WAVES_KEY},
        file_format=_CHOICE_FORMAT,
        max_bytes=MAX_CHOICE_BYTES,
        fields_of="a survey choice",
        bad=bad,
        missing=missing,
    )
    survey: Survey | None = None
    if body["survey_id"] is not None or body["survey_version"] is not None:
        survey = bundled_surveys().get(str(body["survey_id"]))
        if survey is None or survey.version != body["survey_version"]:
            raise bad(
                f"it names survey {body['survey_id']!r} {body['survey_version']!r}, "
                "which this version of svdesk does not ship"
            )
    recipient = str(body["recipient"])
    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except Exception:  # pyrage raises its own exception types for a bad key
        raise bad("its inbox key is not an age recipient") from None
    try:
        waves = wave_window.parse_window(body.get(_WAVES_KEY))
    except ValueError as exc:
        raise bad(str(exc)) from None
    return Choice(survey, recipient, public, waves)


def _bad_choice(problem: str) -> Refused:
    return Refused(f"The staff survey cannot be offered: {KIOSK_CHOICE_NAME} {problem}. {_FIX}")


def _not_kept(where: Path, exc: OSError | WriteFailed) -> WriteFailed:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return WriteFailed(
        f"Your answers could not be kept in {where} ({reason}); nothing was "
        "saved. Please tell the unit's peer support team that the survey does not work."
    )


def _write_dated(folder: Path, name: str, data: bytes, mtime: float) -> None:
    """`data` to `folder/name` (temp file, fsync, rename; 0600), its time and the folder's set
    to `mtime`, so neither says when the response was given."""
    try:
        atomic_write(folder / name, data, mtime=mtime)
        os.utime(folder, (mtime, mtime))
        fsync_dir(folder)
    except (WriteFailed, OSError) as exc:
        raise _not_kept(folder, exc) from exc


# ---------------------------------------------------------------- each unlock


def settle(session: Session) -> Settled:
    """After each unlock of a unit store: make the inbox key if there is none (a new store, or
    the first unlock after the upgrade to v9), merge the inbox, and rewrite `kiosk.json`.

    The GUI runs the same steps with `read_inbox` on its worker (`ui/shell/kiosk.py`)."""
    if session.workstation.info.role != "unit":
        return Settled(0, 0)
    prepare(session)
    return merge_inbox(session)


def prepare(session: Session) -> None:
    """The writes of an unlock that need no inbox: the inbox key if missing, `kiosk.json`."""
    with transaction(session):
        _inbox_identity(session.db)
    _write_choice(session)


@dataclass(frozen=True)
class Inbox:
    """The inbox as read (nothing changed yet): the responses that opened, as rows of
    `survey_responses`, the count of files that did not, and leftovers of cut-short writes."""

    folder: Path
    rows: tuple[tuple[str, str, str, str, str], ...]
    left: int
    leftovers: tuple[str, ...]


def merge_inbox(session: Session) -> Settled:
    """Move the inbox's responses into `survey_responses`; files that cannot be read stay."""
    return store_inbox(session, read_inbox(session))


def read_inbox(session: Session) -> Inbox:
    """Read and decrypt the inbox (no writes: the GUI runs this on its worker)."""
    folder = session.workstation.home / KIOSK_INBOX_NAME
    if not folder.is_dir():
        return Inbox(folder, (), 0, ())
    row = session.db.execute("SELECT identity FROM kiosk_inbox_key WHERE id = 1").fetchone()
    names = sorted(os.listdir(folder))
    leftovers = tuple(n for n in names if _LEFTOVER.match(n))
    candidates = [n for n in names if _RESPONSE_NAME.match(n)]
    if row is None:
        return Inbox(folder, (), len(candidates), leftovers)
    identity = pyrage.x25519.Identity.from_str(row[0])
    rows: list[tuple[str, str, str, str, str]] = []
    left = max(0, len(candidates) - MAX_MERGED_PER_UNLOCK)
    for name in candidates[:MAX_MERGED_PER_UNLOCK]:
        try:
            response = _read_response(folder / name, identity)
        except (OSError, SvdeskError):
            left += 1
            continue
        answers = json.dumps(response["answers"], sort_keys=True)
        rows.append((name[:32], response["survey"], response["version"], response["week"], answers))
    return Inbox(folder, tuple(rows), left, leftovers)


def store_inbox(session: Session, inbox: Inbox) -> Settled:
    """Commit the rows of `read_inbox` (a row already there is not added twice), then remove
    their files and the leftovers, durably."""
    added = 0
    if inbox.rows:
        with transaction(session) as db:
            added = db.conn.executemany(
                "INSERT OR IGNORE INTO survey_responses "
                "(id, survey_id, survey_version, week, answers) VALUES (?, ?, ?, ?, ?)",
                inbox.rows,
            ).rowcount
        for merged in inbox.rows:  # only once their rows are committed
            with contextlib.suppress(FileNotFoundError):
                os.unlink(inbox.folder / f"{merged[0]}.age")
    for leftover in inbox.leftovers:
        with contextlib.suppress(OSError):  # never acknowledged to the person answering
            os.unlink(inbox.folder / leftover)
    if inbox.rows or inbox.leftovers:
        fsync_dir(inbox.folder)
    return Settled(added, inbox.left)


def open_inbox_file(
    path: Path,
    identity: pyrage.x25519.Identity,
    *,
    max_bytes: int,
    keys: frozenset[str],
    kind: str,
    fields_of: str,
) -> dict[str, Any]:
    """One file of a locked screen's inbox (a survey response, a request for support, a
    feedback response) decrypted with the store's inbox key, with exactly `keys`; InvalidInput
    when it is not one, OSError when it cannot be read. The caller checks the values."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        raise InvalidInput(f"{path.name} is not a {kind} file.")
    try:
        data = json.loads(pyrage.decrypt(path.read_bytes(), [identity]))
    except (pyrage.DecryptError, ValueError):
        raise InvalidInput(f"{path.name} does not open with this workstation's key.") from None
    except Exception:  # pyrage's parser raises other types on a damaged file
        raise InvalidInput(f"{path.name} is damaged.") from None
    if not isinstance(data, dict) or set(data) != keys:
        raise InvalidInput(f"{path.name} holds other fields than {fields_of}.")
    return data


def _read_response(path: Path, identity: pyrage.x25519.Identity) -> dict[str, Any]:
    """The response in `path`; InvalidInput when it is not one (OSError when unreadable)."""
    response = open_inbox_file(
        path,
        identity,
        max_bytes=MAX_RESPONSE_BYTES,
        keys=RESPONSE_KEYS,
        kind="response",
        fields_of="a response's",
    )
    survey_id, version = response["survey"], response["version"]
    answers = response["answers"]
    if not (isinstance(survey_id, str) and _SURVEY_ID.match(survey_id)):
        raise InvalidInput(f"{path.name} names no survey.")
    if not (isinstance(version, str) and 0 < len(version) <= 32):
        raise InvalidInput(f"{path.name} names no survey version.")
    weeks.parse_week(str(response["week"]))
    if not isinstance(answers, dict) or not answers:
        raise InvalidInput(f"{path.name} holds no answers.")
    survey = bundled_surveys().get(survey_id)
    if survey is not None and survey.version == version:
        answers = check_answers(survey, answers)
    elif not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        for k, v in answers.items()
    ):
        raise InvalidInput(f"{path.name} holds answers that are not point values.")
    return {**response, "answers": answers}


def stored_responses(session: Session, survey_id: str) -> list[dict[str, Any]]:
    """The merged responses to `survey_id`: survey version, week and answers (random order)."""
    return [
        {"survey_version": r[0], "week": r[1], "answers": json.loads(r[2])}
        for r in session.db.execute(
            "SELECT survey_version, week, answers FROM survey_responses WHERE survey_id = ?",
            [survey_id],
        )
    ]
