"""How an escalation can end: the outcome codes a supporter or coordinator chooses when closing
one (resources/vocab/escalation_outcomes.toml), shared by the unit's and the coordinator's
queues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content
from svdesk.content.loading import Problems, check_keys, parse_toml, text_of

OUTCOMES_FILE: Final = "resources/vocab/escalation_outcomes.toml"
_CODE: Final = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    meaning: str


def parse_outcomes(text: str, source: str) -> tuple[Outcome, ...]:
    """Outcome codes from TOML text; `ContentError` naming `source` and the path on problems."""
    data = parse_toml(text, source)
    problems = Problems(source)
    check_keys(data, ("version", "outcomes"), "", problems)
    text_of(data.get("version"), "version", problems)
    raw = data.get("outcomes")
    if not isinstance(raw, dict) or not raw:
        problems.add("outcomes", "must be a table of at least one outcome")
        raw = {}
    outcomes: list[Outcome] = []
    for code, entry in raw.items():
        path = f"outcomes.{code}"
        if not _CODE.match(code):
            problems.add(path, "code must be lower case letters, digits and underscores")
        if not isinstance(entry, dict):
            problems.add(path, "must be a table with label and meaning")
            continue
        check_keys(entry, ("label", "meaning"), path, problems)
        label = text_of(entry.get("label"), f"{path}.label", problems)
        meaning = text_of(entry.get("meaning"), f"{path}.meaning", problems, required=False)
        outcomes.append(Outcome(code, label, meaning))
    problems.raise_if_any()
    return tuple(outcomes)


@cache
def escalation_outcomes(language: str = DEFAULT_LANGUAGE) -> tuple[Outcome, ...]:
    """The bundled outcome codes with their labels in `language`, in the file's order."""
    return parse_outcomes(*bundled_content("vocab", "escalation_outcomes.toml", language))
