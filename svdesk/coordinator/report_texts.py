"""The texts of the coordinator's reports in each language they are written in: the catalogue
`resources/reports/texts.toml` and its translations (`svdesk.content.catalogue`). The CSV and
XLSX tables (`reports`) and the PDF's sections (drawn in `ui/`) take every heading, label and
note from it; codes stay codes in every language."""

from __future__ import annotations

from typing import Final

from svdesk.content.catalogue import Catalogue, catalogue_languages, load_catalogue
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.coordinator.suppression import SUPPRESSED_TEXT, Cell
from svdesk.errors import InvalidInput

__all__ = [
    "REPORT_CATALOGUE",
    "cell_text",
    "check_report_language",
    "report_languages",
    "report_texts",
    "shown_text",
]

# resources/<folder>/<file>: the English catalogue; texts.<lang>.toml beside it.
REPORT_CATALOGUE: Final = ("reports", "texts.toml")


def report_texts(language: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The report texts in `language` (English behind it for any text it lacks)."""
    return load_catalogue(*REPORT_CATALOGUE, check_report_language(language))


def report_languages() -> tuple[str, ...]:
    """The languages reports can be written in: English, then each translated catalogue."""
    return catalogue_languages(*REPORT_CATALOGUE)


def check_report_language(language: str) -> str:
    """`language` when reports can be written in it; `InvalidInput` naming the choices if not."""
    choices = report_languages()
    if language not in choices:
        raise InvalidInput(
            f"Reports cannot be written in {language!r}; choose one of {', '.join(choices)}."
        )
    return language


def cell_text(cell: Cell, texts: Catalogue) -> str:
    """A suppressed count's text in the report's language: the count, "<11", or the word for
    a complementary cell ("suppressed", "suprimido")."""
    return shown_text(cell.text, texts)


def shown_text(text: str, texts: Catalogue) -> str:
    return texts.text("cell.suppressed") if text == SUPPRESSED_TEXT else text
