"""Translations: an English (or C) locale uses the texts in the code and looks nothing up; any
other language loads `resources/i18n/svdesk_<lang>.qm` when one is bundled."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import svdesk.content.resources
from ui.qt import QtCore, QtWidgets
from ui.runtime.app import load_translations, source_language_suffices

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>UnlockPage</name>
    <message>
        <source>svdesk is locked</source>
        <translation>svdesk ist gesperrt</translation>
    </message>
</context>
</TS>
"""


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        (["C"], True),
        (["en-Latn-US", "en-US", "en-Latn"], True),
        (["en"], True),
        ([], True),
        (["de-Latn-DE", "de-DE", "de-Latn"], False),
        (["de-DE", "en-US"], False),
        (["eng-XX"], False),  # not an English tag
    ],
)
def test_which_first_languages_need_no_translation(languages: list[str], expected: bool) -> None:
    assert source_language_suffices(languages) is expected


def test_english_looks_nothing_up(
    qapp: QtWidgets.QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_lookup(*parts: str) -> None:
        raise AssertionError(f"looked up resources/{'/'.join(parts)}")

    monkeypatch.setattr(svdesk.content.resources, "resource", no_lookup)
    assert load_translations(qapp, QtCore.QLocale("en_US")) == []
    assert load_translations(qapp, QtCore.QLocale.c()) == []


def test_another_language_loads_its_bundled_file(
    qapp: QtWidgets.QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease, "pyside6-lrelease comes with PySide6-Essentials"
    folder = tmp_path / "i18n"
    folder.mkdir()
    (tmp_path / "svdesk_de.ts").write_text(TS, encoding="utf-8")
    subprocess.run(
        [lrelease, str(tmp_path / "svdesk_de.ts"), "-qm", str(folder / "svdesk_de.qm")],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(svdesk.content.resources, "resource", tmp_path.joinpath)
    installed = load_translations(qapp, QtCore.QLocale("de_DE"))
    try:
        assert len(installed) == 1
        text = QtCore.QCoreApplication.translate("UnlockPage", "svdesk is locked")
        assert text == "svdesk ist gesperrt"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QtCore.QCoreApplication.translate("UnlockPage", "svdesk is locked") == "svdesk is locked"


def test_another_language_without_a_file_keeps_english(
    qapp: QtWidgets.QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svdesk.content.resources, "resource", tmp_path.joinpath)
    assert load_translations(qapp, QtCore.QLocale("fr_FR")) == []
