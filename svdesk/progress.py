"""Progress of long operations (export, import, reports, restore): generators that yield it.

An operation is a generator of `Progress` whose return value is its result; the GUI runs it on
a worker and shows each step, the CLI and the tests drive it to the end with `run_to_end`.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    """How far a long operation has got: `done` of `total` steps, and what it is doing."""

    done: int
    total: int
    message: str


def run_to_end(operation: Generator[Progress, None, T]) -> T:
    """Drive a progress generator to its end and return its result (CLI and tests)."""
    while True:
        try:
            next(operation)
        except StopIteration as stop:
            result: T = stop.value
            return result
