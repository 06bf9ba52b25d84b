"""Catalogues of the core's own texts for people, by id, one TOML file per language.

The core has no Qt, so texts it writes itself (the coordinator's reports: headings, labels,
notes) cannot go through `tr()`. They live in a catalogue instead: `resources/<folder>/<name>`
in English and `<name>.<lang>.toml` beside it (the file-name rule of
`svdesk.content.languages`), each a `language` and one `[texts]` table of ids to texts:

    language = "es"
    [texts]
    "table.role" = "Encuentros por función del colega"
    "about.period_value" = "{start} a {end}"

A text may have `{fields}` the code fills in (`str.format`); a translation keeps the English
file's ids and each text's fields exactly (`catalogue_problems`, run by the tests and by
`svdesk.content.translation_check`). A count's text has one id per plural form, `<id>.one` and
`<id>.other` (`Catalogue.plural`). `format.decimal` is the language's decimal separator.

An id missing from a translation falls back to the English text (as a missing content file
does), so a program that translates part of a catalogue still gets whole reports; an id missing
from the English file is a fault of the code (`KeyError`).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from svdesk.content.languages import (
    DEFAULT_LANGUAGE,
    bundled_content,
    check_language,
    is_translation,
)
from svdesk.content.loading import Problems, check_keys, parse_toml, text_of
from svdesk.content.resources import resource

__all__ = [
    "Catalogue",
    "catalogue_languages",
    "catalogue_problems",
    "fields_of",
    "load_catalogue",
    "parse_catalogue",
]

_KEYS: Final = ("language", "texts")


def fields_of(text: str) -> frozenset[str]:
    """The names of a text's `{fields}` (`{n}`, `{n:g}` → "n"); `{{` is a literal brace."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@dataclass(frozen=True)
class Catalogue:
    """One language's texts by id, with the English ones behind it for ids it lacks."""

    language: str
    texts: Mapping[str, str]
    source: str
    fallback: Catalogue | None = field(default=None, repr=False)

    def has(self, text_id: str) -> bool:
        return text_id in self.texts or (self.fallback is not None and self.fallback.has(text_id))

    def raw(self, text_id: str) -> str:
        """The text of `text_id` as written, its fields unfilled."""
        if text_id in self.texts:
            return self.texts[text_id]
        if self.fallback is not None:
            return self.fallback.raw(text_id)
        raise KeyError(f"{self.source} has no text {text_id!r}; add it to every language's file")

    def text(self, text_id: str, /, **values: object) -> str:
        """The text of `text_id` with its `{fields}` filled from `values`."""
        raw = self.raw(text_id)
        return raw.format(**values) if values or fields_of(raw) else raw

    def get(self, text_id: str, default: str, /, **values: object) -> str:
        """`text(text_id, ...)`, or `default` when no language has `text_id`."""
        return self.text(text_id, **values) if self.has(text_id) else default

    def plural(self, text_id: str, n: float, /, **values: object) -> str:
        """`<text_id>.one` for exactly 1, else `<text_id>.other` (English and Spanish have
        these two forms; 1.5 takes the other form in both), with `n` filled in as given."""
        form = "one" if n == 1 else "other"
        return self.text(f"{text_id}.{form}", **values)

    def number(self, value: float, places: int = 0) -> str:
        """`value` rounded to `places` decimals with the language's decimal separator."""
        text = f"{value:.{places}f}"
        return text.replace(".", self.raw("format.decimal")) if places > 0 else text

    def short_number(self, value: float) -> str:
        """`value` without trailing zeros (1.0 → "1", 1.5 → "1,5" in Spanish)."""
        text = f"{value:g}"
        return text.replace(".", self.raw("format.decimal"))


def parse_catalogue(data: Mapping[str, object], source: str, language: str) -> Catalogue:
    """A parsed catalogue file in `language`; `ContentError` naming each problem."""
    problems = Problems(source)
    check_keys(data, _KEYS, "", problems)
    if data.get("language") != language:
        problems.add("language", f"must be {language!r}, the language of the file name")
    raw = data.get("texts")
    texts: dict[str, str] = {}
    if not isinstance(raw, dict) or not raw:
        problems.add("texts", "must be a table of ids and their texts")
    else:
        for text_id, value in raw.items():
            text = text_of(value, f"texts.{text_id}", problems)
            try:
                fields_of(text)
            except ValueError as exc:
                problems.add(f"texts.{text_id}", f"has a broken {{field}} ({exc})")
                continue
            texts[text_id] = text
    problems.raise_if_any()
    return Catalogue(language, texts, source)


@cache
def load_catalogue(folder: str, file_name: str, language: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The bundled catalogue `resources/<folder>/<file_name>` in `language`, with the English
    one behind it; English alone when the language has no file."""
    check_language(language)
    text, source = bundled_content(folder, file_name, language)
    if language == DEFAULT_LANGUAGE:
        return parse_catalogue(parse_toml(text, source), source, DEFAULT_LANGUAGE)
    english = load_catalogue(folder, file_name, DEFAULT_LANGUAGE)
    if source == english.source:
        return english
    own = parse_catalogue(parse_toml(text, source), source, language)
    return Catalogue(language, own.texts, source, fallback=english)


@cache
def catalogue_languages(folder: str, file_name: str) -> tuple[str, ...]:
    """English, then each language that has its own file of the catalogue, by code (the folder
    is listed once: the bundled files do not change while svdesk runs, as `load_catalogue`
    assumes too; each text of a report or the dashboard asks, on the GUI thread)."""
    prefix = file_name.removesuffix(".toml") + "."
    found = sorted(
        node.name[len(prefix) : -len(".toml")]
        for node in resource(folder).iterdir()
        if node.name.startswith(prefix) and is_translation(node.name)
    )
    return (DEFAULT_LANGUAGE, *found)


def catalogue_problems(english: Catalogue, translated: Catalogue) -> list[tuple[str, str]]:
    """(id, problem) where `translated` lacks an English id, has one English lacks, or changes
    a text's `{fields}`."""
    problems: list[tuple[str, str]] = []
    for text_id, text in english.texts.items():
        if text_id not in translated.texts:
            problems.append((text_id, "is missing; translate it"))
        elif fields_of(translated.texts[text_id]) != fields_of(text):
            want = ", ".join(sorted(fields_of(text))) or "none"
            problems.append((text_id, f"must have the fields of the English text ({want})"))
    problems += [
        (text_id, "is not in the English file; remove it or add it there")
        for text_id in translated.texts
        if text_id not in english.texts
    ]
    return problems
