"""The loading kit of the content files (TOML): parse, read, check keys and texts, report problems.

Every content loader (protocol, rules, cards, vocabularies, program texts, escalation outcomes)
collects its problems with their paths in a `Problems` and raises one `ContentError` for them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from svdesk.errors import ValidationError


class ContentError(ValidationError):
    """A bundled or program-supplied content file (protocol, card, vocabulary) is invalid.

    `source` names the file; each entry of `problems` is (path inside the file, problem).
    """

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        path, problem = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        where = f"{source}: {path}" if path else source
        super().__init__(
            f"{where}: {problem}{more}; correct the file and try again.", list(problems)
        )
        self.source = source


class Problems:
    """Collects (path, problem) pairs while a content file is checked, then raises them at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, problem: str) -> None:
        self.items.append((path, problem))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.source, self.items)


def parse_toml(text: str, source: str) -> dict[str, object]:
    """Parse TOML text; a syntax error becomes a `ContentError` with the line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(source, [("", f"is not valid TOML ({exc})")]) from None


def read_content_text(path: Path) -> str:
    """The UTF-8 text of a content file; unreadable → `ContentError` naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(str(path), [("", f"cannot be read ({exc})")]) from None


def read_toml_file(path: Path) -> dict[str, object]:
    return parse_toml(read_content_text(path), str(path))


def text_of(value: object, path: str, problems: Problems, *, required: bool = True) -> str:
    """`value` as a text, recording a problem when it is not one (or empty and required)."""
    if value is None:
        if required:
            problems.add(path, "is missing")
        return ""
    if not isinstance(value, str):
        problems.add(path, "must be a text")
        return ""
    if required and not value.strip():
        problems.add(path, "must not be empty")
    return value


def texts_of(value: object, path: str, problems: Problems) -> tuple[str, ...]:
    """`value` as a list of non-empty texts (absent = empty)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(path, "must be a list of texts")
        return ()
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.add(f"{path}[{i}]", "must be a non-empty text")
        else:
            out.append(item)
    return tuple(out)


def check_keys(
    table: Mapping[str, object], allowed: tuple[str, ...], path: str, problems: Problems
) -> None:
    for key in table:
        if key not in allowed:
            where = f"{path}.{key}" if path else key
            problems.add(where, f"is not a known key (expected one of {', '.join(allowed)})")
