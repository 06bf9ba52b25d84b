"""Phrases of other languages (svdesk/unit/guard/phrases.py, issue 12): the words of a Spanish,
Portuguese or Dutch phrase are not names for being in no English list, while a name in an
English note, a listed name in lower case and a capitalised name inside a foreign sentence are
still found. The notes here are not from any evaluation set."""

from __future__ import annotations

import pytest

from svdesk.errors import ValidationError
from svdesk.unit.guard import check, phrases


def _names(text: str) -> list[str]:
    return [f.text for f in check(text).findings if f.kind == "person_name"]


@pytest.mark.parametrize(
    "text",
    [
        # not "Las enfermeras lo respetaron": "las" and "lo" are English words too, and a
        # phrase needs words that are not
        "Después las enfermeras cenamos juntas, todo tranquilo.",
        "Le expliqué que no fue culpa suya, se quedó más tranquila y volvió al turno.",
        "De verpleegkundige was erg geschrokken maar voelde zich daarna beter.",
        "A enfermeira ficou abalada mas depois conversamos e ela melhorou bastante.",
        "Está de baja unos días por agotamiento, sin más detalles, seguimiento el lunes.",
        "Necesitamos paz y un poco de calma en esta unidad, dijo la supervisora.",
    ],
)
def test_a_phrase_of_another_language_is_not_a_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Team on the night: Orla, Dara and Harpreet.", "Orla"),  # a Portuguese word, in English
        ("Conversei com Renata depois da paragem, ela ficou bem.", "Renata"),
        ("La supervisora Ximena nos apoyó mucho esa noche.", "Ximena"),
        ("Sat with orla after the code, she is ok", "orla"),
    ],
)
def test_names_stay_names_beside_or_inside_foreign_phrases(text: str, name: str) -> None:
    found = " ".join(_names(text))
    assert name in found


def test_a_word_alone_is_not_a_phrase() -> None:
    keys = ["we", "had", "churros", "after", "shift"]
    english = [True, True, False, True, True]
    listed = [False] * 5
    assert phrases.in_phrase(keys, keys, english, listed, [True] + [False] * 4) == [False] * 5


def test_a_bad_resource_line_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    phrases.phrase_words.cache_clear()
    monkeypatch.setattr(
        phrases, "read_text", lambda *parts: "# --- es Spanish: 2 words ---\nque Señora\n"
    )
    try:
        with pytest.raises(ValidationError, match="section es: only lower-case ASCII"):
            phrases.phrase_words()
    finally:
        phrases.phrase_words.cache_clear()
