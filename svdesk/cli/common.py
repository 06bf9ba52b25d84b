"""Shared pieces of CLI commands that need an unlocked store: read a passphrase, open a session.

`open_session(args)` opens `args.home` with the OS keyring, picks `--supporter NAME` (or the only
supporter), reads the passphrase (`--passphrase-stdin` or a no-echo prompt) and unlocks.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time

from svdesk.access.session import Session
from svdesk.access.store_info import SupporterInfo
from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, SecretStoreUnavailable
from svdesk.keys.keyfile import read_keyfile
from svdesk.keys.keyring import DeviceSecrets, default_secrets

# Longest unlock delay the CLI waits out by itself; longer ones are reported.
MAX_CLI_WAIT_S = 30.0


def read_passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    """One line from stdin with `--passphrase-stdin`, else a no-echo prompt on a terminal."""
    if getattr(args, "passphrase_stdin", False):
        try:
            line = sys.stdin.readline()
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                "The passphrase on standard input is not UTF-8 text; pipe it as UTF-8 (the way "
                "it was typed when it was set) and try again."
            ) from exc
        passphrase = line.rstrip("\r\n")
        if not passphrase:
            raise InvalidInput("No passphrase on standard input; pipe it as one line.")
        return passphrase
    if sys.stdin.isatty():
        passphrase = getpass.getpass(prompt)
        if not passphrase:
            raise InvalidInput("No passphrase was typed; try again.")
        return passphrase
    raise InvalidInput(
        "A passphrase is needed: use --passphrase-stdin, or run the command in a terminal."
    )


def secrets_for(args: argparse.Namespace) -> DeviceSecrets | None:
    """The OS keyring, unless the store in `args.home` is passphrase-only (then None)."""
    try:
        if read_keyfile(args.home).passphrase_only:
            return None
    except Exception:  # Workstation.open reports the real problem
        pass
    try:
        return default_secrets()
    except SecretStoreUnavailable:
        return None


def pick_supporter(ws: Workstation, name: str | None) -> SupporterInfo:
    supporters = ws.supporters()
    if name is None:
        if len(supporters) == 1:
            return supporters[0]
        raise InvalidInput("Several supporters are enrolled; choose one with --supporter NAME.")
    wanted = " ".join(name.split()).casefold()
    for supporter in supporters:
        if supporter.name.casefold() == wanted:
            return supporter
    raise InvalidInput(f"No supporter called {name!r} is enrolled; check the name.")


def open_session(args: argparse.Namespace) -> Session:
    """Open and unlock the store in `args.home` as `--supporter` (caller locks and closes)."""
    ws = Workstation.open(args.home, secrets_for(args))
    try:
        supporter = pick_supporter(ws, getattr(args, "supporter", None))
        passphrase = read_passphrase(args, f"Passphrase for {supporter.name}: ")
        delay = ws.unlock_delay()
        if 0 < delay <= MAX_CLI_WAIT_S:
            time.sleep(delay)
        session = ws.unlock(supporter.id, passphrase)
        if session.clock_warning is not None:
            print(f"svdesk: warning: {session.clock_warning}", file=sys.stderr)
        return session
    except BaseException:
        ws.close()
        raise


def close_session(session: Session) -> None:
    session.lock()
    session.workstation.close()
