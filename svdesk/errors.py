"""Domain errors: each carries a user-facing title and one-sentence message, and a CLI exit code.

The UI maps these to dialogs in one place (`ui/runtime/errors.py`); the CLI prints `message` to
stderr and exits with `exit_code`. Messages say what is wrong and what to do.
"""

from __future__ import annotations


class SvdeskError(Exception):
    """Base of every error the core raises on purpose."""

    title = "Something went wrong"
    exit_code = 1

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title


class InvalidInput(SvdeskError):
    """Bad input from a user or a file: exit status 2."""

    title = "Invalid input"
    exit_code = 2


class ValidationError(InvalidInput):
    """A content or answers file failed validation; `problems` lists each (path, message)."""

    title = "Validation failed"

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class Refused(SvdeskError):
    """The operation was refused (wrong passphrase, locked or damaged store, rejected bundle)."""

    title = "Refused"
    exit_code = 3


class WrongPassphrase(Refused):
    title = "Wrong passphrase"


class StoreLocked(Refused):
    title = "Store in use"


class StoreMissing(Refused):
    title = "No store here"


class StoreExists(Refused):
    title = "A store already exists"


class StoreDamaged(Refused):
    title = "Store damaged"


class StoreTooNew(Refused):
    title = "Store made by a newer version"


class SecretStoreUnavailable(Refused):
    """The OS keyring cannot be used (none installed, locked, prompt dismissed, backend changed)."""

    title = "Secret store unavailable"


class NotPermitted(Refused):
    """The signed-in supporter may not do this (e.g. not an admin)."""

    title = "Not permitted"


class WriteFailed(SvdeskError):
    """A write could not be made durable (disk full, read-only, I/O error). Nothing was saved."""

    title = "Could not save"
    exit_code = 3
