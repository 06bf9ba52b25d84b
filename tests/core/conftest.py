"""Fixtures of the core tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.fakes import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory OS keyring installed for `keyring` (what `default_secrets()` finds)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
