"""The two kinds of store, a unit's and the coordinator's, and the check that an operation runs
on the kind it is for (every use case of svdesk.unit and svdesk.coordinator starts with it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from svdesk.errors import Refused

if TYPE_CHECKING:
    from svdesk.access.session import Session

ROLES: Final = ("unit", "coordinator")


def require_role(session: Session, role: str, what: str) -> None:
    """Refused unless `session` is on a `role` store; `what` names the operation for the message."""
    actual = session.workstation.info.role
    if actual != role:
        raise Refused(
            f"This is a {actual} store; {what} needs a {role} store — open the right data folder."
        )
