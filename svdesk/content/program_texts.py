"""Program texts: statements the peer support program makes in its own words.

The defaults live in `resources/program/texts.toml` (e.g. the Frame step's confidentiality
statement); a unit admin adapts them in the settings (`svdesk.unit.program_texts` keeps the
adapted text in the encrypted store). Validated at load like every content file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content
from svdesk.content.loading import (
    Problems,
    check_keys,
    parse_toml,
    read_toml_file,
    text_of,
    texts_of,
)

__all__ = [
    "BUNDLED_PROGRAM_TEXTS",
    "PROGRAM_TEXT_MAX",
    "ProgramText",
    "load_program_texts",
    "parse_program_texts",
]

BUNDLED_PROGRAM_TEXTS: Final = "resources/program/texts.toml"
# Long enough for a statement with its limits; short enough to read out in a minute or two.
PROGRAM_TEXT_MAX: Final = 3000


@dataclass(frozen=True)
class ProgramText:
    id: str
    title: str
    text: str  # the default wording (paragraphs separated by blank lines)
    help: str = ""
    sources: tuple[str, ...] = ()


def _paragraphs(text: str) -> str:
    """Trim each line and keep blank lines between paragraphs (TOML `\\` joins wrapped lines)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def parse_program_texts(data: Mapping[str, object], source: str) -> Mapping[str, ProgramText]:
    """Validate parsed program-texts TOML; `source` names the file in every problem."""
    problems = Problems(source)
    check_keys(data, ("version", "language", "texts"), "", problems)
    text_of(data.get("version"), "version", problems)
    text_of(data.get("language"), "language", problems)
    raw_texts = data.get("texts")
    texts: dict[str, ProgramText] = {}
    if not isinstance(raw_texts, dict) or not raw_texts:
        problems.add("texts", "must be a table of [texts.<id>] tables")
        raw_texts = {}
    for text_id, raw in raw_texts.items():
        path = f"texts.{text_id}"
        if not isinstance(raw, dict):
            problems.add(path, "must be a table")
            continue
        check_keys(raw, ("title", "text", "help", "sources"), path, problems)
        title = text_of(raw.get("title"), f"{path}.title", problems)
        body = text_of(raw.get("text"), f"{path}.text", problems)
        help_text = text_of(raw.get("help"), f"{path}.help", problems, required=False)
        sources = texts_of(raw.get("sources"), f"{path}.sources", problems)
        body = _paragraphs(body)
        if len(body) > PROGRAM_TEXT_MAX:
            problems.add(f"{path}.text", f"must be at most {PROGRAM_TEXT_MAX} characters")
        texts[text_id] = ProgramText(text_id, title, body, help_text, sources)
    problems.raise_if_any()
    return MappingProxyType(texts)


def load_program_texts(
    path: Path | None = None, language: str = DEFAULT_LANGUAGE
) -> Mapping[str, ProgramText]:
    """The program texts in `path`, or the bundled defaults in `language` (cached) when None."""
    if path is None:
        return _bundled(language)
    return parse_program_texts(read_toml_file(path), str(path))


@cache
def _bundled(language: str = DEFAULT_LANGUAGE) -> Mapping[str, ProgramText]:
    text, source = bundled_content("program", "texts.toml", language)
    return parse_program_texts(parse_toml(text, source), source)
