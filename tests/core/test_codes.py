"""Codes people type: one Crockford alphabet for recovery codes and case codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svdesk.errors import InvalidInput
from svdesk.keys import codes
from svdesk.unit import records

ROOT = Path(__file__).resolve().parents[2]


def test_the_alphabet_is_written_once_in_the_code() -> None:
    # Any run of 20+ alphabet characters in a string literal is a second copy of the alphabet.
    copy = re.compile(r"[\"'][0-9A-Z]{20,}[\"']")
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for folder in ("svdesk", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for match in copy.finditer(path.read_text(encoding="utf-8"))
        if set(match.group()[1:-1]) <= set(codes.CROCKFORD + "ILOU")
    ]
    assert found == [f"svdesk/keys/codes.py: {codes.CROCKFORD!r}".replace("'", '"')]


def test_case_codes_and_recovery_codes_read_alike() -> None:
    # Both kinds of code are read with the same rules: any case, O as 0, I and L as 1.
    assert records.parse_case_code("oil-k7q") == "011-K7Q"
    assert codes.normalise_recovery_code("oil0 0000 0000 0000 0000") == "0110-0000-0000-0000-0000"
    for text in ("UUU-000", "K7Q-4M"):
        with pytest.raises(InvalidInput):
            records.parse_case_code(text)
    drawn = "".join(records.random_case_code() for _ in range(500)).replace("-", "")
    assert set(drawn) <= set(codes.CROCKFORD)
    recovery = "".join(codes.new_recovery_code() for _ in range(50)).replace("-", "")
    assert set(recovery) <= set(codes.CROCKFORD)
