"""`svdesk init | check | backup | restore | recover` (contract: shared/spec/cli.md)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from svdesk.access.recovery import recover_device_secret
from svdesk.access.workstation import Workstation
from svdesk.cli.common import (
    close_session,
    open_session,
    pick_supporter,
    read_passphrase,
    secrets_for,
)
from svdesk.errors import (
    InvalidInput,
    NotPermitted,
    SecretStoreUnavailable,
    StoreDamaged,
    StoreMissing,
    StoreTooNew,
    WrongPassphrase,
)
from svdesk.keys.keyfile import read_keyfile
from svdesk.keys.keyring import DeviceSecrets, check_usable, default_secrets
from svdesk.storage.backup import restore_backup
from svdesk.storage.inputs import check_regular_file
from svdesk.storage.outputs import check_output_file, check_output_folder


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
    if args.out is not None:
        # Before the passphrase: never over the live store, its keys or a device node.
        if args.out.is_dir():
            check_output_folder(args.out, args.home, what="backup")
        else:
            check_output_file(args.out, args.home, force=args.force, what="backup")
    session = open_session(args)
    try:
        path = session.backup(args.out)
    finally:
        close_session(session)
    _print_json({"backup": str(path)})
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replacing a store needs one of its admins' passphrases or its recovery code (typed where
    the passphrase goes). A working store is unlocked first, so a non-admin is told plainly; a
    store that cannot be opened (damaged, keyring lost, newer version) is checked against its
    keys file, or the backup's when that is unreadable. The replaced files are kept."""
    # Before the passphrase: a FIFO or a folder was answered "there is no backup file at ...".
    check_regular_file(args.file, what="backup file")
    secret = read_passphrase(args, "Admin passphrase or recovery code: ")
    secrets = secrets_for_restore(args)
    if Workstation.exists(args.home):
        try:
            ws = Workstation.open(args.home, secrets_for(args))
        except (StoreDamaged, StoreTooNew, SecretStoreUnavailable) as exc:
            print(
                f"svdesk: the current store cannot be opened ({exc.message}) — replacing it; "
                "its files are kept.",
                file=sys.stderr,
            )
        else:
            try:
                _refuse_non_admin(ws, args, secret)
            finally:
                ws.close()
    kept = restore_backup(args.home, args.file, secrets, secret=secret)
    _print_json({"restored": str(args.file), "kept": str(kept) if kept else None})
    return 0


def _refuse_non_admin(ws: Workstation, args: argparse.Namespace, secret: str) -> None:
    """NotPermitted when `--supporter` (or the only supporter) unlocks but is not an admin."""
    supporter = pick_supporter(ws, getattr(args, "supporter", None))
    if supporter.is_admin:
        return
    try:
        session = ws.unlock(supporter.id, secret)
    except WrongPassphrase:
        return  # perhaps the recovery code: restore_backup decides
    session.lock()
    raise NotPermitted("Only an admin can restore a backup over this store.")


def secrets_for_restore(args: argparse.Namespace) -> DeviceSecrets | None:
    """The OS keyring if there is one (a passphrase-only backup needs none)."""
    try:
        return default_secrets()
    except SecretStoreUnavailable:
        return None


def _recovery_input(args: argparse.Namespace, name: str) -> tuple[str, str]:
    """(recovery code, new passphrase): two lines with `--passphrase-stdin`, else no-echo
    prompts on a terminal (the new passphrase twice)."""
    if args.passphrase_stdin:
        code = sys.stdin.readline().strip()
        passphrase = sys.stdin.readline().rstrip("\r\n")
        if not code or not passphrase:
            raise InvalidInput(
                "Give the recovery code and the new passphrase on standard input, one line each."
            )
        return code, passphrase
    if not sys.stdin.isatty():
        raise InvalidInput(
            "The recovery code and a new passphrase are needed: use --passphrase-stdin (two "
            "lines), or run the command in a terminal."
        )
    code = getpass.getpass("Recovery code: ").strip()
    passphrase = getpass.getpass(f"New passphrase for {name}: ")
    if getpass.getpass("Type the new passphrase again: ") != passphrase:
        raise InvalidInput("The two new passphrases differ; nothing was changed, try again.")
    if not code or not passphrase:
        raise InvalidInput("The recovery code and the new passphrase are both needed; try again.")
    return code, passphrase


def cmd_recover(args: argparse.Namespace) -> int:
    """The OS keyring lost this store's device secret: the recovery code proves the right to
    store a new one, `--supporter` gets a new passphrase, every other supporter needs a reset."""
    if not Workstation.exists(args.home):
        raise StoreMissing(
            f"There is no svdesk store in {args.home}; check --home, or restore a backup."
        )
    # The store cannot be opened (that is the point), so names come from its keys file.
    supporters = [(s.id, s.name) for s in read_keyfile(args.home).supporters]
    wanted = " ".join(args.supporter.split()).casefold()
    match = [(sid, name) for sid, name in supporters if name.casefold() == wanted]
    if not match:
        raise InvalidInput(f"No supporter called {args.supporter!r} is enrolled; check the name.")
    supporter_id, name = match[0]
    secrets = default_secrets()
    check_usable(secrets)  # before asking for the code, which cannot help without a keyring
    code, passphrase = _recovery_input(args, name)
    session = recover_device_secret(args.home, secrets, code, supporter_id, passphrase)
    close_session(session)
    others = [other for sid, other in supporters if sid != supporter_id]
    _print_json({"recovered": True, "supporter": name, "needs_reset": others})
    print(
        f"svdesk: the keyring holds a new secret for this store; {name} signs in with the new "
        "passphrase.",
        file=sys.stderr,
    )
    if others:
        print(
            f"svdesk: {', '.join(others)} cannot sign in until an admin resets their passphrase "
            "(Supporters > Reset passphrase); an admin can instead set their own with the "
            "recovery code ('Forgot passphrase' on the unlock screen).",
            file=sys.stderr,
        )
    return 0
