"""Why a bundle is refused: the reason codes of cli.md and the exception that carries them."""

from __future__ import annotations

from typing import Final, Literal

from svdesk.errors import Refused

RejectReason = Literal[
    "bad_signature",
    "unknown_workstation",
    "wrong_recipient",
    "unsupported_format",
    "sequence_rollback",
    "corrupt",
    "too_large",
]
REJECT_REASONS: Final[tuple[str, ...]] = (
    "bad_signature",
    "unknown_workstation",
    "wrong_recipient",
    "unsupported_format",
    "sequence_rollback",
    "corrupt",
    "too_large",
)


class BundleRejected(Refused):
    """A bundle the coordinator will not import; `reason` is the cli.md code.

    For `unknown_workstation`, `workstation_id` and `fingerprint` name the sender so that the
    coordinator can compare the fingerprint with the one shown on the workstation and trust it;
    `registered_as` ("SITE/UNIT") is set when the workstation is registered but now claims
    another site or unit (trusting it then confirms the move).
    """

    title = "Bundle rejected"

    def __init__(
        self,
        reason: RejectReason,
        message: str,
        *,
        workstation_id: str | None = None,
        fingerprint: str | None = None,
        registered_as: str | None = None,
    ) -> None:
        super().__init__(message)
        self.reason: RejectReason = reason
        self.workstation_id = workstation_id
        self.fingerprint = fingerprint
        self.registered_as = registered_as
