"""Codes people read and type: the one Crockford base-32 alphabet, and the recovery code.

Case codes (`svdesk.unit.records`) use the same alphabet, so a code is read the same way
wherever it appears (no I, L, O or U; I/L read as 1 and O as 0).
"""

from __future__ import annotations

import secrets
from typing import Final

from svdesk.errors import InvalidInput

CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS: Final = 5
RECOVERY_GROUP_LEN: Final = 4  # 20 characters x 5 bits = 100 bits

# Crockford reading rules: what people write for 1 and 0.
_LOOKALIKES: Final = str.maketrans("ILO", "110")


def crockford_clean(text: str) -> str:
    """Upper case, look-alikes read as digits, dashes and spaces dropped (not validated)."""
    cleaned = text.upper().translate(_LOOKALIKES)
    return "".join(ch for ch in cleaned if ch not in "- \t")


def random_crockford(length: int) -> str:
    """`length` random characters of the alphabet (5 bits each, from `secrets`)."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(length))


def _grouped(chars: str) -> str:
    return "-".join(
        chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN)
    )


def new_recovery_code() -> str:
    """A fresh recovery code: 20 characters in groups of four (100 random bits)."""
    return _grouped(random_crockford(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))


def normalise_recovery_code(text: str) -> str:
    """Crockford reading rules: case-free, I/L→1, O→0, dashes and spaces ignored."""
    cleaned = crockford_clean(text)
    if len(cleaned) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(
        ch not in CROCKFORD for ch in cleaned
    ):
        raise InvalidInput(
            "A recovery code has 20 letters and digits in groups of four (e.g. 7KQ2-...); "
            "check what you typed."
        )
    return _grouped(cleaned)
