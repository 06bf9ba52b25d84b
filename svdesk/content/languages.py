"""The languages the bundled content ships in, and the one rule that names a translated file.

A content file's translation lives beside the English one with the language before the suffix:
`resources/protocols/default.toml` → `resources/protocols/default.es.toml`. English is the
source language: its files carry no language part. A translation keeps every id, code,
condition and structure of the English file and changes only the texts
(tests/core/test_content_languages.py checks it), so records keep the same codes in any language.

When a language has no file for a piece of content, the loaders fall back to the English file:
a program that translates part of its content still has a whole, working conversation.
"""

from __future__ import annotations

import re
from typing import Final

from svdesk.content.resources import resource
from svdesk.errors import InvalidInput

__all__ = [
    "DEFAULT_LANGUAGE",
    "SHIPPED_LANGUAGES",
    "bundled_content",
    "check_language",
    "is_translation",
    "translated_name",
]

# English first: the source language of every content file.
SHIPPED_LANGUAGES: Final[tuple[str, ...]] = ("en", "es")
DEFAULT_LANGUAGE: Final = "en"

_TAG: Final = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# "name.es.toml", "name.pt-BR.toml": a translation; "name.toml": an English source file.
_TRANSLATION: Final = re.compile(r"^[^.]+\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.toml$")


def check_language(language: str) -> str:
    """`language` when it is a language tag (en, es, pt-BR); `InvalidInput` saying so otherwise."""
    if not isinstance(language, str) or not _TAG.match(language):
        raise InvalidInput(
            f"Unknown language {language!r}; use a language tag such as "
            f"{' or '.join(SHIPPED_LANGUAGES)}."
        )
    return language


def translated_name(file_name: str, language: str) -> str:
    """`file_name` (an English `*.toml`) in `language`: `default.toml` → `default.es.toml`."""
    check_language(language)
    if not file_name.endswith(".toml") or is_translation(file_name):
        raise InvalidInput(
            f"{file_name!r} is not an English content file name; name the English file (x.toml)."
        )
    if language == DEFAULT_LANGUAGE:
        return file_name
    return f"{file_name.removesuffix('.toml')}.{language}.toml"


def is_translation(file_name: str) -> bool:
    """True for a translated content file (`x.es.toml`); False for an English one (`x.toml`)."""
    return bool(_TRANSLATION.match(file_name))


def bundled_content(folder: str, file_name: str, language: str) -> tuple[str, str]:
    """The text of the bundled `resources/<folder>/<file_name>` in `language`, and its source name.

    The English file when `language` has no translation of it (see the module's note).
    """
    name = translated_name(file_name, language)
    node = resource(folder, name)
    if not node.is_file():
        name = file_name
        node = resource(folder, name)
    return node.read_text(encoding="utf-8"), f"resources/{folder}/{name}"
