"""A small signed file a unit store writes for its locked screen (`kiosk.json`,
`feedback-codes.json`): signed with the workstation's key, whose public half is pinned under
the device secret, so that a same-account user can neither write one nor swap the key. This
module holds the pin and the one reader: bounded and regular-file read, JSON, exactly its
fields, its format, this store, the pin and the signature; the caller checks what is its own."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable, Set
from pathlib import Path
from typing import Any

from svdesk.access.session import Opened
from svdesk.errors import Refused
from svdesk.exchange import card

_PIN_LABEL = b"svdesk kiosk choice pin v1\x00"  # as written since the kiosk survey


def pin(device_secret: bytes, store_id: str, public_key: bytes) -> str:
    """The public signing key pinned under the device secret, for this store."""
    message = _PIN_LABEL + store_id.encode("utf-8") + b"\x00" + public_key
    return hmac.new(device_secret, message, hashlib.sha256).hexdigest()


def read_pinned(
    workstation: Opened,
    path: Path,
    *,
    keys: Set[str],
    optional: Set[str] = frozenset(),
    file_format: object,
    max_bytes: int,
    fields_of: str,
    bad: Callable[[str], Refused],
    missing: str,
) -> tuple[dict[str, Any], bytes]:
    """The signed body of the file at `path` and its public key, checked; `bad(problem)` is
    raised when it is not right, Refused with `missing` when there is none."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise bad("it is not a plain file")
        if info.st_size > max_bytes:
            raise bad(f"it is larger than {max_bytes // 1024} KiB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise Refused(missing) from None
    except OSError as exc:
        raise bad(f"it cannot be read ({exc.strerror or exc})") from exc
    try:
        data = json.loads(raw)
    except ValueError:
        raise bad("it is not JSON") from None
    if not isinstance(data, dict) or set(data) - set(optional) != set(keys) | {"signature"}:
        raise bad(f"its fields are not those of {fields_of}")
    body = {k: v for k, v in data.items() if k != "signature"}
    if body["format"] != file_format:
        raise bad(f"it is in format {body['format']!r}, not {file_format}")
    store_id = workstation.info.store_id
    if body["store_id"] != store_id:
        raise bad("it belongs to another store")
    try:
        public = bytes.fromhex(str(body["public_key"]))
        signature = bytes.fromhex(str(data["signature"]))
    except ValueError:
        raise bad("its key or signature is not hexadecimal") from None
    device = workstation.device_secret
    expected = pin(device, store_id, public) if device else None
    given = body["pin"]
    if expected is None:
        pinned = given is None
    else:
        pinned = isinstance(given, str) and hmac.compare_digest(expected, given)
    if not pinned:
        raise bad("it was not signed by this workstation's key")
    if len(public) != 32 or not card.verify_signature(public, signature, card.canonical_json(body)):
        raise bad("its signature does not match its content")
    return body, public
