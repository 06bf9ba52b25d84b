"""`svdesk init | check | backup | restore` (contract: shared/spec/cli.md)."""

from __future__ import annotations

import argparse
import json
import sys

from svdesk.cli.common import close_session, open_session, read_passphrase
from svdesk.errors import NotPermitted, SecretStoreUnavailable, StoreDamaged, StoreTooNew
from svdesk.keys import DeviceSecrets, default_secrets
from svdesk.workstation import Workstation, restore


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args, "Passphrase for the admin: ")
    secrets: DeviceSecrets | None = None
    try:
        if not args.passphrase_only:
            secrets = default_secrets()
        session, code = Workstation.create(
            args.home,
            role=args.role,
            site=args.site,
            unit=args.unit,
            admin_name=args.admin,
            passphrase=passphrase,
            secrets=secrets,
            passphrase_only=bool(args.passphrase_only),
        )
    except SecretStoreUnavailable as exc:
        raise SecretStoreUnavailable(
            exc.message.rstrip(".") + " (svdesk init --passphrase-only)."
        ) from exc
    info = session.workstation.info
    close_session(session)
    _print_json(
        {
            "home": str(args.home),
            "store_id": info.store_id,
            "role": info.role,
            "passphrase_only": info.passphrase_only,
            "recovery_code": code,
        }
    )
    print(
        "svdesk: write the recovery code down and keep it safe; it is shown only this once.",
        file=sys.stderr,
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        report = session.check()
    finally:
        close_session(session)
    _print_json({"ok": report.ok, "problems": report.problems, "figures": report.figures})
    if not report.ok:
        print(
            f"svdesk: the store has {len(report.problems)} problem(s); restore a backup "
            "(svdesk restore FILE) and report this.",
            file=sys.stderr,
        )
        return 3
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        path = session.backup(args.out)
    finally:
        close_session(session)
    _print_json({"backup": str(path)})
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    # Replacing a working store needs one of its admins; a store that cannot be opened at all
    # (damaged, keyring lost, made by a newer version) may be replaced without, since restoring
    # is then the way out, and the replaced files are kept.
    if Workstation.exists(args.home):
        try:
            session = open_session(args)
        except (StoreDamaged, StoreTooNew, SecretStoreUnavailable) as exc:
            print(
                f"svdesk: the current store cannot be opened ({exc.message}) — replacing it; "
                "its files are kept.",
                file=sys.stderr,
            )
        else:
            try:
                if not session.supporter.is_admin:
                    raise NotPermitted("Only an admin can restore a backup over this store.")
            finally:
                close_session(session)
    kept = restore(args.home, args.file, secrets_for_restore(args))
    _print_json({"restored": str(args.file), "kept": str(kept) if kept else None})
    return 0


def secrets_for_restore(args: argparse.Namespace) -> DeviceSecrets | None:
    """The OS keyring if there is one (a passphrase-only backup needs none)."""
    try:
        return default_secrets()
    except SecretStoreUnavailable:
        return None
