"""Failed unlocks: the growing delay before the next attempt, and the error that says to wait."""

from __future__ import annotations

import contextlib
import copy
import json

from svdesk.errors import Refused, SecretStoreUnavailable
from svdesk.keys.keyfile import Failures, KeysOnDisk
from svdesk.keys.keyring import DeviceSecrets
from svdesk.storage.audit import now_iso

MAX_DELAY_S = 300.0


class UnlockDelayed(Refused):
    """Too many failed unlocks: wait `seconds` before the next attempt."""

    title = "Please wait"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Too many wrong passphrases; wait {int(seconds + 0.999)} seconds, then try again."
        )


def unlock_delay_for(failures: int) -> float:
    """Seconds to wait after `failures` consecutive failures: 0, 0, 1, 2, 4, … up to 5 minutes."""
    if failures < 2:
        return 0.0
    return float(min(2 ** (failures - 2), MAX_DELAY_S))


def remaining_delay(failures: Failures, now: float) -> float:
    """Seconds still to wait at time `now` (a clock set back does not lengthen the wait)."""
    wait = unlock_delay_for(failures.count)
    if wait <= 0:
        return 0.0
    remaining = failures.last_at + wait - now
    return max(0.0, min(remaining, wait))


def check_delay(failures: Failures, now: float) -> None:
    """UnlockDelayed while the delay after the last failure runs."""
    remaining = remaining_delay(failures, now)
    if remaining > 0:
        raise UnlockDelayed(remaining)


class FailureMirror:
    """A second copy of the failure counter, in the OS keyring (stores that use one).

    keys.json is a plain file: setting its counter back to 0 would end the delay and hide the
    failures from the audit log. The keyring copy is written after each failure; when it shows
    more than the file, the file was edited, the keyring's copy counts and the next unlock
    audits the edit. (Someone who can also edit the keyring is not stopped: docs/security.md.)
    """

    def __init__(self, secrets: DeviceSecrets | None, store_id: str) -> None:
        self._secrets = secrets
        self._id = f"{store_id}.unlock-failures"

    def read(self) -> Failures | None:
        if self._secrets is None:
            return None
        try:
            raw = self._secrets.get(self._id)
            return None if raw is None else Failures.from_json(json.loads(raw.decode("utf-8")))
        except (SecretStoreUnavailable, UnicodeDecodeError, ValueError, KeyError, TypeError):
            return None  # an unreadable copy is no evidence: the file's counts

    def write(self, failures: Failures) -> None:
        if self._secrets is None:
            return
        data = json.dumps(failures.to_json(), sort_keys=True).encode("utf-8")
        with contextlib.suppress(SecretStoreUnavailable):  # best effort: the file still counts
            self._secrets.put(self._id, data)


def effective_failures(in_file: Failures, mirrored: Failures | None) -> tuple[Failures, bool]:
    """The failures to go by, and whether the file shows fewer than the keyring (edited)."""
    if mirrored is None or mirrored.count <= in_file.count:
        return in_file, False
    return mirrored, True


class Throttle:
    """The failure counter of one opened store, in keys.json and (keyring stores) the keyring."""

    def __init__(self, keys: KeysOnDisk, secrets: DeviceSecrets | None) -> None:
        self._keys = keys
        current = keys.current
        self._mirror = FailureMirror(None if current.passphrase_only else secrets, current.store_id)
        self._mirrored = self._mirror.read()

    def failures(self) -> tuple[Failures, bool]:
        """The failures to go by, and whether keys.json had been edited to hide some."""
        return effective_failures(self._keys.current.failures, self._mirrored)

    def remaining(self, now: float) -> float:
        return remaining_delay(self.failures()[0], now)

    def check(self, now: float) -> None:
        """UnlockDelayed while the delay runs (the keyring's copy read again first)."""
        self._mirrored = self._mirror.read()
        check_delay(self.failures()[0], now)

    def record(self, supporter_id: str | None, kind: str, now: float) -> None:
        failures, _ = self.failures()
        with self._keys.change() as keys:
            keys.failures = copy.deepcopy(failures)  # the keyring's, if the file lost some
            keys.record_failure(supporter_id, kind, at=now_iso(), now=now)
        self._mirrored = copy.deepcopy(self._keys.current.failures)
        self._mirror.write(self._mirrored)

    def forget(self) -> None:
        """After a successful unlock has audited them (the session resets the file's copy)."""
        if self._mirrored is not None and self._mirrored.count:
            self._mirror.write(Failures())
        self._mirrored = None
