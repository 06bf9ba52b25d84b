"""The unit's program texts: the bundled defaults (resources/program/texts.toml) as the unit admin
has adapted them. Kept in the encrypted store's `settings` (key `program_text.<id>`); changing one
is admin-only and audit-logged (the audit entry names the text, never its wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.content.program_texts import PROGRAM_TEXT_MAX, load_program_texts
from svdesk.errors import InvalidInput
from svdesk.storage.settings import HasDb, delete_setting, read_setting, write_setting
from svdesk.unit.context import UnitContext, require_admin, write_transaction

__all__ = ["UnitProgramText", "program_text", "program_texts", "set_program_text"]

_KEY_PREFIX: Final = "program_text."


@dataclass(frozen=True)
class UnitProgramText:
    id: str
    title: str
    text: str  # what the unit uses now
    default: str  # the bundled wording
    help: str = ""

    @property
    def adapted(self) -> bool:
        return self.text != self.default


def _spec(text_id: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, str, str]:
    texts = load_program_texts(language=language)
    if text_id not in texts:
        known = ", ".join(sorted(texts))
        raise InvalidInput(f"There is no program text {text_id!r}; use one of {known}.")
    spec = texts[text_id]
    return spec.title, spec.text, spec.help


def _stored(source: HasDb, text_id: str) -> str | None:
    # A damaged setting reads as the default, never as an empty statement.
    value = read_setting(source.db, _KEY_PREFIX + text_id)
    return value if isinstance(value, str) and value.strip() else None


def program_text(source: HasDb, text_id: str, language: str = DEFAULT_LANGUAGE) -> UnitProgramText:
    """The unit's text `text_id` (the admin's adaptation, or the default in `language`)."""
    title, default, help_text = _spec(text_id, language)
    stored = _stored(source, text_id)
    return UnitProgramText(text_id, title, stored or default, default, help_text)


def program_texts(source: HasDb, language: str = DEFAULT_LANGUAGE) -> tuple[UnitProgramText, ...]:
    """Every program text, in file order, the defaults in `language`."""
    return tuple(program_text(source, text_id, language) for text_id in load_program_texts())


def _normalised(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")]
    return "\n".join(lines)


def set_program_text(
    ctx: UnitContext, text_id: str, text: str | None, language: str = DEFAULT_LANGUAGE
) -> UnitProgramText:
    """Adapt program text `text_id` (unit admin only); None or the default wording (in
    `language`, the admin's) resets it."""
    require_admin(ctx, "change the program texts")
    _title, default, _help = _spec(text_id, language)
    if text is not None and not isinstance(text, str):
        raise InvalidInput("A program text must be text; type the statement and save again.")
    wording = _normalised(text) if text is not None else ""
    if text is not None and not wording:
        raise InvalidInput(
            "A program text cannot be empty; write the statement, or reset it to the default."
        )
    if len(wording) > PROGRAM_TEXT_MAX:
        raise InvalidInput(
            f"A program text can have at most {PROGRAM_TEXT_MAX} characters (this one has "
            f"{len(wording)}); shorten it and save again."
        )
    key = _KEY_PREFIX + text_id
    with write_transaction(ctx):
        if text is None or wording == default:
            delete_setting(ctx.db, key)
            ctx.audit("program_text_reset", {"text": text_id})
        else:
            write_setting(ctx.db, key, wording)
            ctx.audit("program_text_changed", {"text": text_id, "characters": len(wording)})
    return program_text(ctx, text_id, language)
