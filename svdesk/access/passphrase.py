"""Passphrase rules: what a new passphrase must meet, and a strength estimate for the form."""

from __future__ import annotations

import re

from svdesk.errors import InvalidInput

MIN_PASSPHRASE = 8


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """0..4 and a short hint (length and variety; long passphrases of words score well)."""
    text = passphrase.strip()
    if len(text) < MIN_PASSPHRASE:
        return 0, f"Use at least {MIN_PASSPHRASE} characters; a few unrelated words work well."
    classes = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    words = len(re.findall(r"[A-Za-z]{3,}", text))
    distinct = len(set(text.lower()))
    score = 1
    if len(text) >= 12 or (len(text) >= 10 and classes >= 3):
        score = 2
    if len(text) >= 16 or (len(text) >= 12 and classes >= 3) or words >= 3:
        score = 3
    if len(text) >= 20 and (words >= 4 or classes >= 3):
        score = 4
    if distinct < 5:
        score = min(score, 1)
    hints = {
        1: "Weak: make it longer, e.g. three or four unrelated words.",
        2: "Fair: adding another word makes it much stronger.",
        3: "Good.",
        4: "Strong.",
    }
    return score, hints[score]


def check_new_passphrase(passphrase: str) -> None:
    """InvalidInput (saying what to do) when `passphrase` may not be used."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise InvalidInput(
            f"The passphrase is too short; use at least {MIN_PASSPHRASE} characters."
        )
