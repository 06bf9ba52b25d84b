"""Loading a protocol file (TOML, see docs/protocol-format.md): the bundled one or a program's.

Raises `ContentError` naming the file, the path in it and each problem (see the checker).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Final

from svdesk.content.answers import AnswerVocabulary, load_vocabulary
from svdesk.content.cards import load_cards
from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content, check_language
from svdesk.content.loading import parse_toml, read_toml_file
from svdesk.content.program_texts import load_program_texts
from svdesk.content.protocol.checker import ProtocolChecker
from svdesk.content.protocol.model import Protocol
from svdesk.content.record_fields import RecordVocabulary, load_record_vocabulary
from svdesk.content.rules import load_rules
from svdesk.errors import InvalidInput

BUNDLED_PROTOCOL: Final = "resources/protocols/default.toml"


def load_protocol(path: Path | None = None, language: str = DEFAULT_LANGUAGE) -> Protocol:
    """The protocol in `path`, or the bundled default in `language` (cached) when `path` is None.

    `path` names the exact file, whatever its language. Raises `ContentError` (a
    `ValidationError`) naming the file, the path in it and each problem.
    """
    if path is None:
        return _bundled(language)
    return parse_protocol(read_toml_file(path), str(path))


@cache
def _bundled(language: str = DEFAULT_LANGUAGE) -> Protocol:
    text, source = bundled_content("protocols", "default.toml", language)
    return parse_protocol(parse_toml(text, source), source)


def parse_protocol(
    data: Mapping[str, object],
    source: str,
    *,
    answers: AnswerVocabulary | None = None,
    record: RecordVocabulary | None = None,
    card_ids: Iterable[str] | None = None,
    rule_answer_ids: Iterable[str] | None = None,
    program_text_ids: Iterable[str] | None = None,
) -> Protocol:
    """Validate parsed protocol TOML and build the `Protocol`; `source` names the file in errors.

    The vocabularies, card ids and the answer ids the rules read default to the bundled ones;
    the record vocabulary (the labels of options taken from it) in the protocol's language.
    """
    checker = ProtocolChecker(
        source,
        answers or load_vocabulary(),
        record or load_record_vocabulary(language=_language_of(data)),
        frozenset(card_ids) if card_ids is not None else _bundled_card_ids(),
        frozenset(rule_answer_ids) if rule_answer_ids is not None else _rule_answer_ids(),
        program_text_ids=frozenset(program_text_ids)
        if program_text_ids is not None
        else frozenset(load_program_texts()),
    )
    return checker.check(data)


def _language_of(data: Mapping[str, object]) -> str:
    """The protocol's `language` if it is a language tag, else English (the checker reports it)."""
    language = data.get("language")
    try:
        return check_language(language) if isinstance(language, str) else DEFAULT_LANGUAGE
    except InvalidInput:
        return DEFAULT_LANGUAGE


def _bundled_card_ids() -> frozenset[str]:
    return frozenset(load_cards())


def _rule_answer_ids() -> frozenset[str]:
    """Answer ids the bundled escalation rules read: each must be asked by some question."""
    return load_rules().answer_ids()
