"""Checking a translated content file against its English source: texts change, nothing else.

A translation (`x.es.toml` beside `x.toml`, svdesk/content/languages.py) must keep every id,
code, number, condition, card list and the structure of the English file, and translate every
text for people. `check_translations(language)` lists what is missing, changed or left in
English across the bundled content; the tests and a program's check command use it.

Two kinds of text may stay as in English: names and abbreviations that read the same
(`SAME_IN_EVERY_LANGUAGE`) and validated instruments' own item wording, kept in English until the
instrument owner's official translation is in hand (`INSTRUMENT_WORDING`, the one list of them).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from svdesk.content.catalogue import catalogue_problems, load_catalogue
from svdesk.content.languages import (
    DEFAULT_LANGUAGE,
    check_language,
    is_translation,
    translated_name,
)
from svdesk.content.loading import ContentError
from svdesk.content.resources import resource
from svdesk.errors import InvalidInput

__all__ = [
    "CATALOGUES",
    "INSTRUMENT_WORDING",
    "SAME_IN_EVERY_LANGUAGE",
    "TEXT_KEYS",
    "TranslationProblem",
    "check_translation",
    "check_translations",
    "content_files",
]

# The bundled files with texts for people, as resources/<folder>/<name>, besides every card and
# survey.
_FILES: Final[tuple[str, ...]] = (
    "protocols/default.toml",
    "vocab/record.toml",
    "vocab/answers.toml",
    "vocab/escalation_outcomes.toml",
    "rules/default.toml",
    "program/texts.toml",
    "directory/default.toml",
    "directory/fallbacks.toml",
    "surveys/feedback/recipient_feedback.toml",
)

# The catalogues of texts by id (svdesk/content/catalogue.py), as (folder, file): each
# translation must have the English ids and each text the English text's {fields}.
CATALOGUES: Final[tuple[tuple[str, str], ...]] = (("reports", "texts.toml"),)

# The keys whose values are texts for people: they must be translated. Every other key keeps the
# English value exactly; `sources` and `source` are citations and stay as written, so that the
# cited work can be found, and so does a survey's `licence`.
TEXT_KEYS: Final = frozenset(
    {
        "title",
        "description",
        "intent",
        "phrasings",
        "avoid",
        "tips",
        "label",
        "followup_label",
        "help",
        "summary",
        "heading",
        "text",
        "items",
        "meaning",
        "reason",
        "instructions",
        "reading",
    }
)

# Tables whose every value is a text (keyed by ids): the crisis numbers' fallbacks.
TEXT_TABLES: Final = frozenset({"fallbacks"})

# Texts that read the same in Spanish: names, abbreviations and one-word labels.
SAME_IN_EVERY_LANGUAGE: Final = frozenset({"PC-PTSD-5", "PHQ-2", "GAD-2", "No"})

# Validated instruments' own wording, kept in English in every translation until the
# instrument owner's official translation is in hand verbatim from a primary source (never a
# translation of our own). A translated file names the reason in a comment.
CSSRS: Final = "official Spanish wording required: Columbia Lighthouse Project, cssrs.columbia.edu"
PC_PTSD5: Final = "official Spanish wording required: National Center for PTSD (VA), ptsd.va.gov"
PHQ_GAD: Final = "official Spanish wording required: PHQ/GAD-7 screeners (Pfizer), phqscreeners.com"
_SAFETY: Final = "steps[safety_check].questions"
INSTRUMENT_WORDING: Final[Mapping[str, Mapping[str, str]]] = {
    "protocols/default.toml": {
        **{
            f"{_SAFETY}[safety.cssrs.{item}].{key}": CSSRS
            for item in ("wish_dead", "suicidal_thoughts", "method", "intent", "plan")
            for key in ("label", "followup_label")
        },
        f"{_SAFETY}[safety.cssrs.method].help": CSSRS,
        f"{_SAFETY}[safety.cssrs.intent].help": CSSRS,
        f"{_SAFETY}[safety.cssrs.behavior_lifetime].label": CSSRS,
        f"{_SAFETY}[safety.cssrs.behavior_lifetime].help": CSSRS,
        f"{_SAFETY}[safety.cssrs.behavior_3mo].label": CSSRS,
    },
    "cards/brief_screens.toml": {
        "sections[0].text": PC_PTSD5,
        **{f"sections[0].items[{i}]": PC_PTSD5 for i in range(5)},
        "sections[1].text": PHQ_GAD,
        "sections[1].items[0]": PHQ_GAD,
        "sections[1].items[1]": PHQ_GAD,
        "sections[2].text": PHQ_GAD,
        "sections[2].items[0]": PHQ_GAD,
        "sections[2].items[1]": PHQ_GAD,
    },
}


@dataclass(frozen=True)
class TranslationProblem:
    """One problem of a translation: `file` (resources/...), the path inside it, what is wrong."""

    file: str
    path: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.problem}"


def content_files() -> tuple[str, ...]:
    """Every bundled English content file with texts, as `<folders>/<name>` under resources/."""
    per_file = sorted(
        f"{folder}/{node.name}"
        for folder in ("cards", "surveys")
        for node in resource(folder).iterdir()
        if node.name.endswith(".toml") and not is_translation(node.name)
    )
    return (*_FILES, *per_file)


def _segment(value: object, index: int) -> str:
    """A list item's path segment: its id or code when it has one, else its index."""
    if isinstance(value, dict):
        for key in ("id", "code"):
            if isinstance(value.get(key), str):
                return f"[{value[key]}]"
    return f"[{index}]"


def _walk(
    english: object, translated: object, path: str, text: bool
) -> Iterator[tuple[str, str, object, object]]:
    """("structure" | "value", path, english, translated) where the two differ beyond texts, and
    ("text", path, english, translated) for every text leaf."""
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            yield "structure", path, "a table", type(translated).__name__
            return
        keys, other = set(english) - {"language"}, set(translated) - {"language"}
        if keys != other:
            yield "structure", path, sorted(keys - other), sorted(other - keys)
            return
        values_are_texts = path.rsplit(".", 1)[-1] in TEXT_TABLES
        for key, value in english.items():
            if key != "language":
                where = f"{path}.{key}" if path else key
                yield from _walk(
                    value, translated[key], where, values_are_texts or key in TEXT_KEYS
                )
    elif isinstance(english, list):
        if not isinstance(translated, list) or len(english) != len(translated):
            yield "structure", path, f"{len(english)} items", translated
            return
        for i, (en, tr) in enumerate(zip(english, translated, strict=True)):
            yield from _walk(en, tr, f"{path}{_segment(en, i)}", text)
    elif text and isinstance(english, str):
        yield "text", path, english, translated
    elif english != translated or type(english) is not type(translated):
        yield "value", path, english, translated


def check_translation(
    relative: str,
    language: str,
    english: Mapping[str, object],
    translated: Mapping[str, object],
    source_text: str = "",
) -> list[TranslationProblem]:
    """The problems of `translated` (parsed `relative` in `language`) against `english`.

    `source_text` (the translated file's text) is searched for the comment naming each reason
    why instrument wording is kept in English.
    """
    name = _translated(relative, language)
    problems: list[TranslationProblem] = []

    def add(path: str, problem: str) -> None:
        problems.append(TranslationProblem(name, path, problem))

    if ("language" in english or "language" in translated) and translated.get(
        "language"
    ) != language:
        add("language", f"must be {language!r}, the language of the file name")
    kept = INSTRUMENT_WORDING.get(relative, {})
    seen: set[str] = set()
    for kind, path, en, tr in _walk(english, translated, "", False):
        if kind == "structure":
            add(path, f"differs from the English file ({en!r} there, {tr!r} here)")
        elif kind == "value":
            add(path, f"must be {en!r} as in the English file, not {tr!r}; translate texts only")
        elif not isinstance(tr, str) or not tr.strip():
            add(path, "must be a non-empty text")
        elif path in kept:
            seen.add(path)
            if tr != en:
                add(path, f"{kept[path]}; keep the English wording until then")
        elif tr == en and en not in SAME_IN_EVERY_LANGUAGE:
            add(path, f"is not translated ({en!r})")
        elif path.split(".", 1)[0] in TEXT_TABLES and _numbers(tr) != _numbers(str(en)):
            add(path, f"must give the same numbers as the English ({', '.join(_numbers(str(en)))})")
    for path in sorted(set(kept) - seen):
        add(path, "instrument wording listed in svdesk/content/translation_check.py is missing")
    for reason in sorted(set(kept.values())):
        if source_text and reason not in source_text:
            add("", f"must say in a comment which wording is kept in English: {reason}")
    return problems


def check_translations(language: str) -> list[TranslationProblem]:
    """Every problem of the bundled content in `language`: missing files, changed ids or codes,
    texts left in English. Empty when the language is complete."""
    if check_language(language) == DEFAULT_LANGUAGE:
        raise InvalidInput(
            f"{language!r} is the source language of the content; name a translation such as es."
        )
    problems: list[TranslationProblem] = []
    for relative in content_files():
        *folders, name = relative.split("/")
        node = resource(*folders, translated_name(name, language))
        if not node.is_file():
            problems.append(
                TranslationProblem(
                    _translated(relative, language), "", f"is missing; translate {relative}"
                )
            )
            continue
        text = node.read_text(encoding="utf-8")
        try:
            translated = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(
                TranslationProblem(_translated(relative, language), "", f"is not TOML ({exc})")
            )
            continue
        english = tomllib.loads(resource(*folders, name).read_text(encoding="utf-8"))
        problems += check_translation(relative, language, english, translated, text)
    return problems + _catalogue_problems(language)


def _catalogue_problems(language: str) -> list[TranslationProblem]:
    problems: list[TranslationProblem] = []
    for folder, name in CATALOGUES:
        where = _translated(f"{folder}/{name}", language)
        if not resource(folder, translated_name(name, language)).is_file():
            problems.append(TranslationProblem(where, "", f"is missing; translate {folder}/{name}"))
            continue
        try:
            own = load_catalogue(folder, name, language)
        except ContentError as exc:
            problems.append(TranslationProblem(where, "", str(exc)))
            continue
        problems += [
            TranslationProblem(where, f"texts.{text_id}", problem)
            for text_id, problem in catalogue_problems(load_catalogue(folder, name), own)
        ]
    return problems


def _numbers(text: str) -> list[str]:
    """The phone numbers in a text, in order (a crisis fallback must dial the same ones)."""
    return re.findall(r"\d+", text)


def _translated(relative: str, language: str) -> str:
    folder, _, name = relative.rpartition("/")
    return f"resources/{folder}/{translated_name(name, language)}"
