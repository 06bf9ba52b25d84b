"""Counts in the interface (issue 16, item 1): Qt's plural forms (`tr("%n day(s)", "", n)`),
filled in for every language; English's own forms come from svdesk_en.ts, which holds only
the texts with a count."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.qt import QtCore, QtWidgets
from ui.runtime import language
from ui.runtime.plural import plural_tr
from ui.unit.escalation_queue import due_text

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "i18n"


def numerus(ts: Path) -> dict[tuple[str, str, str], list[str]]:
    """(context, source, comment) -> the plural forms of each text with a count."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                key = (
                    context.findtext("name") or "",
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                )
                found[key] = [f.text or "" for f in message.iter("numerusform")]
    return found


def test_english_has_exactly_the_texts_with_a_count_and_both_forms() -> None:
    english, spanish = numerus(FOLDER / "svdesk_en.ts"), numerus(FOLDER / "svdesk_es.ts")
    assert len(english) >= 10
    assert set(english) == set(spanish)
    for (_, source, _), forms in english.items():
        assert len(forms) == 2, source
        assert all("%n" in f and "(s)" not in f for f in forms), forms
    assert all(len(forms) == 2 and all(forms) for forms in spanish.values())


@pytest.fixture
def spanish(qapp: QtWidgets.QApplication) -> Iterator[None]:
    assert language.use_language("es", qapp) == "es"
    yield
    language.use_language("en", qapp)


def test_english_counts_read_one_and_many(qapp: QtWidgets.QApplication) -> None:
    language.use_language("en", qapp)
    assert plural_tr("%n day(s)", "overdue by", 1) == "1 day"
    assert plural_tr("%n day(s)", "overdue by", 3) == "3 days"
    translate = QtCore.QCoreApplication.translate
    assert translate("RosterDialog", "%n name(s)", "", 1) == "1 name"
    assert translate("UnlockPage", "You can try again in %n second(s).", "", 2) == (
        "You can try again in 2 seconds."
    )


def test_spanish_counts_read_one_and_many(spanish: None) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 3, 4, 12, tzinfo=UTC)
    assert due_text(now - timedelta(days=1, hours=1), now) == "CON RETRASO de 1 día"
    assert due_text(now - timedelta(days=2, hours=1), now) == "CON RETRASO de 2 días"
    translate = QtCore.QCoreApplication.translate
    assert translate("ExportDialog", "%n record(s) are waiting to be exported.", "", 1) == (
        "1 registro espera a ser exportado."
    )
    assert translate("ExportDialog", "%n record(s) are waiting to be exported.", "", 5) == (
        "5 registros esperan a ser exportados."
    )
    assert translate("RosterDialog", "%n name(s)", "", 0) == "0 nombres"
