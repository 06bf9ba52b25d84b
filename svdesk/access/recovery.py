"""Renewing a store's device secret when the OS keyring lost it: the recovery code proves the
right to store a new one (`svdesk recover`, "Forgot the keyring" in the GUI)."""

from __future__ import annotations

import os
from pathlib import Path

from svdesk.access.passphrase import check_new_passphrase
from svdesk.access.process import harden_process
from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.errors import Refused, SecretStoreUnavailable, StoreMissing
from svdesk.keys import crypto
from svdesk.keys.codes import normalise_recovery_code
from svdesk.keys.keyfile import KeysOnDisk, read_keyfile
from svdesk.keys.keyring import DeviceSecrets, check_usable, device_secret_for
from svdesk.storage.datadir import DB_NAME, LOCK_NAME, InstanceLock


def recover_device_secret(
    home: Path,
    secrets: DeviceSecrets,
    recovery_code: str,
    supporter_id: str,
    new_passphrase: str,
) -> Session:
    """The keyring lost this store's device secret (OS account or keyring reset): prove it
    with the recovery code, store a NEW device secret in `secrets`, give `supporter_id` a new
    passphrase. Every other supporter then needs an admin to reset their passphrase.

    Refused when the keyring still holds the right secret (nothing to recover).
    """
    harden_process()
    check_new_passphrase(new_passphrase)
    code = normalise_recovery_code(recovery_code)
    db_path = home / DB_NAME
    if not db_path.is_file():
        raise StoreMissing(f"There is no svdesk store file in {home}; restore a backup.")
    lock = InstanceLock(home / LOCK_NAME)
    lock.acquire()
    try:
        keys = read_keyfile(home)
        if keys.passphrase_only:
            raise Refused(
                "This store does not use the keyring; use the recovery code to reset a "
                "passphrase instead."
            )
        # A keyring that can hold no secret makes the recovery code useless here: say so
        # before the code is tried (a wrong one would count as a failed unlock).
        check_usable(secrets)
        try:
            device_secret_for(keys, secrets)
        except SecretStoreUnavailable:
            pass  # expected: missing, different or from another backend
        else:
            raise Refused(
                "The keyring still holds this store's device secret; sign in normally or "
                "use 'forgot passphrase'."
            )
        # This keyring does not hold the store's secret (yet): no failure copy goes there.
        ws = Workstation(home, KeysOnDisk(home, keys), b"", lock, None)
        ws.supporter_info(supporter_id)
        ws.check_delay()
        session = ws.unlock_with_code(code, supporter_id)
        try:
            device = os.urandom(32)
            store_id = ws.info.store_id
            secrets.put(store_id, device)
            if secrets.get(store_id) != device:
                raise SecretStoreUnavailable(
                    f"The system keyring ({secrets.backend_name}) did not keep the new device "
                    "secret; fix the keyring and try again."
                )
            ws.device_secret = device
            with ws.keys.change() as draft:
                draft.backend = secrets.backend_name
                draft.device_check = crypto.device_check(device, store_id)
                for entry in draft.supporters:
                    entry.slot = None
            session.reset_slot(supporter_id, new_passphrase)
            session.audit("device_secret_renewed", {"backend": secrets.backend_name})
            session.audit("recovery_used", {"supporter": supporter_id})
        except BaseException:
            session.lock()
            raise
        return session
    except BaseException:
        lock.release()
        raise
