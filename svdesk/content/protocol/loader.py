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
from svdesk.content.loading import parse_toml, read_toml_file
from svdesk.content.program_texts import load_program_texts
from svdesk.content.protocol.checker import ProtocolChecker
from svdesk.content.protocol.model import Protocol
from svdesk.content.record_fields import RecordVocabulary, load_record_vocabulary
from svdesk.content.resources import read_text
from svdesk.content.rules import load_rules

BUNDLED_PROTOCOL: Final = "resources/protocols/default.toml"


def load_protocol(path: Path | None = None) -> Protocol:
    """The protocol in `path`, or the bundled default (cached) when `path` is None.

    Raises `ContentError` (a `ValidationError`) naming the file, the path in it and each problem.
    """
    if path is None:
        return _bundled()
    return parse_protocol(read_toml_file(path), str(path))


@cache
def _bundled() -> Protocol:
    return parse_protocol(
        parse_toml(read_text("protocols", "default.toml"), BUNDLED_PROTOCOL), BUNDLED_PROTOCOL
    )


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

    The vocabularies, card ids and the answer ids the rules read default to the bundled ones.
    """
    checker = ProtocolChecker(
        source,
        answers or load_vocabulary(),
        record or load_record_vocabulary(),
        frozenset(card_ids) if card_ids is not None else _bundled_card_ids(),
        frozenset(rule_answer_ids) if rule_answer_ids is not None else _rule_answer_ids(),
        program_text_ids=frozenset(program_text_ids)
        if program_text_ids is not None
        else frozenset(load_program_texts()),
    )
    return checker.check(data)


def _bundled_card_ids() -> frozenset[str]:
    return frozenset(load_cards())


def _rule_answer_ids() -> frozenset[str]:
    """Answer ids the bundled escalation rules read: each must be asked by some question."""
    return load_rules().answer_ids()
