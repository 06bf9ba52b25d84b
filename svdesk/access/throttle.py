"""Failed unlocks: the growing delay before the next attempt, and the error that says to wait."""

from __future__ import annotations

from svdesk.errors import Refused
from svdesk.keys.keyfile import Failures

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
