"""Reference content shown beside the conversation: reference cards and the default directory.

Cards live in `resources/cards/<id>.toml` (one card per file); the default resource directory
(EAP, chaplain, …, numbers unset until a unit admin fills them) in `resources/directory/`.
Both are validated at load; errors name the file, the path inside it and the problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from svdesk.content.hours import parse_hours
from svdesk.content.languages import (
    DEFAULT_LANGUAGE,
    bundled_content,
    is_translation,
    translated_name,
)
from svdesk.content.loading import (
    ContentError,
    Problems,
    check_keys,
    parse_toml,
    read_toml_file,
    text_of,
    texts_of,
)
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.resources import resource
from svdesk.errors import InvalidInput

# The directory entries every unit has; the crisis screen and step 7 rely on these ids.
DIRECTORY_IDS: Final[tuple[str, ...]] = (
    "eap",
    "chaplain",
    "psychology",
    "occupational_health",
    "crisis_line",
    "emergency",
)


@dataclass(frozen=True)
class CardSection:
    heading: str
    items: tuple[str, ...]
    text: str = ""


@dataclass(frozen=True)
class ReferenceCard:
    id: str
    title: str
    language: str
    summary: str
    sections: tuple[CardSection, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class DirectoryEntry:
    """One resource of the unit directory; `number` is None until a unit admin sets it."""

    id: str
    label: str
    description: str
    number: str | None = None
    hours: str = ""
    referral_target: str | None = None
    after_hours: str | None = None  # the entry's id to call when this one is closed


def parse_card(
    data: Mapping[str, object], source: str, expected_id: str | None = None
) -> ReferenceCard:
    """Validate one parsed card; `expected_id` (the file stem) must equal its `id`."""
    problems = Problems(source)
    check_keys(data, ("id", "title", "language", "summary", "sections", "sources"), "", problems)
    card_id = text_of(data.get("id"), "id", problems)
    if expected_id is not None and card_id and card_id != expected_id:
        problems.add(
            "id", f"is {card_id!r} but the file is named {expected_id}.toml; make them the same"
        )
    title = text_of(data.get("title"), "title", problems)
    language = text_of(data.get("language"), "language", problems)
    summary = text_of(data.get("summary"), "summary", problems, required=False)
    sources = texts_of(data.get("sources"), "sources", problems)
    if not sources:
        problems.add("sources", "must list at least one source")
    raw_sections = data.get("sections")
    sections: list[CardSection] = []
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.add("sections", "must be a non-empty list of [[sections]] tables")
        raw_sections = []
    for i, raw in enumerate(raw_sections):
        path = f"sections[{i}]"
        if not isinstance(raw, dict):
            problems.add(path, "must be a table")
            continue
        check_keys(raw, ("heading", "text", "items"), path, problems)
        heading = text_of(raw.get("heading"), f"{path}.heading", problems)
        text = text_of(raw.get("text"), f"{path}.text", problems, required=False)
        items = texts_of(raw.get("items"), f"{path}.items", problems)
        if not items and not text:
            problems.add(path, "needs items or text")
        sections.append(CardSection(heading=heading, items=items, text=text))
    problems.raise_if_any()
    return ReferenceCard(
        id=card_id,
        title=title,
        language=language,
        summary=summary,
        sections=tuple(sections),
        sources=sources,
    )


def load_card(path: Path) -> ReferenceCard:
    """One card file; its id must be the file's name without the language (`x.es.toml` → x)."""
    return parse_card(read_toml_file(path), str(path), path.name.split(".")[0])


def load_cards(
    folder: Path | None = None, language: str = DEFAULT_LANGUAGE
) -> Mapping[str, ReferenceCard]:
    """Every card of `folder`, or the bundled cards (cached) when None, by id, in `language`.

    One card per English file `<id>.toml`; its translation `<id>.<language>.toml` beside it is
    read instead when there is one (svdesk/content/languages.py).
    """
    if folder is None:
        return _bundled_cards(language)
    cards: dict[str, ReferenceCard] = {}
    for english in sorted(folder.glob("*.toml")):
        if is_translation(english.name):
            continue
        path = english.with_name(translated_name(english.name, language))
        card = load_card(path if path.is_file() else english)
        cards[card.id] = card
    return MappingProxyType(cards)


@cache
def _bundled_cards(language: str = DEFAULT_LANGUAGE) -> Mapping[str, ReferenceCard]:
    cards: dict[str, ReferenceCard] = {}
    for node in sorted(resource("cards").iterdir(), key=lambda n: n.name):
        if not node.name.endswith(".toml") or is_translation(node.name):
            continue
        text, source = bundled_content("cards", node.name, language)
        card = parse_card(parse_toml(text, source), source, node.name.removesuffix(".toml"))
        cards[card.id] = card
    return MappingProxyType(cards)


def parse_directory(data: Mapping[str, object], source: str) -> tuple[DirectoryEntry, ...]:
    """Validate a parsed directory file; it must have every id of `DIRECTORY_IDS`."""
    targets = set(load_record_vocabulary().codes("referral_targets"))
    problems = Problems(source)
    check_keys(data, ("version", "language", "entries"), "", problems)
    text_of(data.get("version"), "version", problems)
    text_of(data.get("language"), "language", problems)
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.add("entries", "must be a non-empty list of [[entries]] tables")
        raw_entries = []
    entries: list[DirectoryEntry] = []
    after_hours: list[tuple[str, str, str]] = []  # (path, entry id, the id it names)
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_entries):
        path = f"entries[{i}]"
        if not isinstance(raw, dict):
            problems.add(path, "must be a table")
            continue
        check_keys(
            raw,
            ("id", "label", "description", "number", "hours", "after_hours", "referral_target"),
            path,
            problems,
        )
        entry_id = text_of(raw.get("id"), f"{path}.id", problems)
        if entry_id in seen:
            problems.add(
                f"{path}.id", f"duplicate id {entry_id!r} (also entries[{seen[entry_id]}])"
            )
        seen[entry_id] = i
        number = text_of(raw.get("number"), f"{path}.number", problems, required=False)
        target = text_of(
            raw.get("referral_target"), f"{path}.referral_target", problems, required=False
        )
        if target and target not in targets:
            problems.add(f"{path}.referral_target", f"unknown referral target {target!r}")
        hours = text_of(raw.get("hours"), f"{path}.hours", problems, required=False)
        try:
            parse_hours(hours)
        except InvalidInput as exc:
            problems.add(f"{path}.hours", exc.message)
        after = text_of(raw.get("after_hours"), f"{path}.after_hours", problems, required=False)
        if after:
            after_hours.append((f"{path}.after_hours", entry_id, after))
        entries.append(
            DirectoryEntry(
                id=entry_id,
                label=text_of(raw.get("label"), f"{path}.label", problems),
                description=text_of(raw.get("description"), f"{path}.description", problems),
                number=number.strip() or None,
                hours=hours,
                referral_target=target or None,
                after_hours=after or None,
            )
        )
    for where, entry_id, after in after_hours:
        if after == entry_id:
            problems.add(where, "names the entry itself; name another entry to call instead")
        elif after not in seen:
            problems.add(where, f"unknown entry {after!r}; use the id of another entry")
    for required_id in DIRECTORY_IDS:
        if required_id not in seen:
            problems.add("entries", f"has no entry {required_id!r}")
    problems.raise_if_any()
    return tuple(entries)


def load_directory_defaults(
    path: Path | None = None, language: str = DEFAULT_LANGUAGE
) -> tuple[DirectoryEntry, ...]:
    """The default resource directory (numbers unset), from `path` or the bundled file in
    `language` (the same ids, numbers, hours and targets in every language)."""
    if path is None:
        return _bundled_directory(language)
    return parse_directory(read_toml_file(path), str(path))


@cache
def _bundled_directory(language: str = DEFAULT_LANGUAGE) -> tuple[DirectoryEntry, ...]:
    text, source = bundled_content("directory", "default.toml", language)
    return parse_directory(parse_toml(text, source), source)


__all__ = [
    "DIRECTORY_IDS",
    "CardSection",
    "ContentError",
    "DirectoryEntry",
    "ReferenceCard",
    "load_card",
    "load_cards",
    "load_directory_defaults",
    "parse_card",
    "parse_directory",
]
