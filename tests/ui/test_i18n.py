"""The interface's translations (issue 16, items 1 and 5): the Spanish .ts is complete and current
(`scripts/i18n check`, which fails on a stale or unfinished .ts), the texts translated from a
variable are still in the code, a text lupdate filed under another context is still found, a
language is installed and removed whole, and the workstation's language is kept beside the store.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svdesk.storage.settings import read_workstation_language, write_workstation_language
from ui.qt import QtCore, QtWidgets
from ui.runtime import language

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "i18n"
FOLDER = ROOT / "resources" / "i18n"
SPANISH = FOLDER / "svdesk_es.ts"

TS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="es">\n'
)


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_the_spanish_translation_is_complete_and_current() -> None:
    done = run_script("check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_check_fails_on_a_stale_file_and_names_each_text(tmp_path: Path) -> None:
    """A .ts without a text of ui/ (what lupdate would add unfinished) fails and lists it, as
    does one whose translation drops a {field} the code fills in."""
    ts = tmp_path / "svdesk_es.ts"
    ts.write_text(
        TS_HEAD + "<context><name>UnlockPage</name>"
        "<message><source>svdesk is locked</source>"
        "<translation>svdesk está bloqueado</translation></message>"
        '<message numerus="yes"><source>You can try again in %n second(s).</source>'
        "<translation><numerusform>Podrá volver a intentarlo dentro de %n segundo.</numerusform>"
        "<numerusform>Podrá volver a intentarlo dentro de unos segundos.</numerusform>"
        "</translation></message></context>"
        "<context><name>SettingsDialog</name>"
        "<message><source>From {low} to {high} minutes. {key} locks at once. Locking clears the "
        "screen.</source><translation>De {low} a {high} minutos.</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    done = run_script("check", str(ts))
    assert done.returncode == 1
    assert "[UnlockPage] '&Unlock': unfinished" in done.stdout  # added by lupdate: stale
    assert "'You can try again in %n second(s).': %n (the count) lost or added" in done.stdout
    assert "fields ['{high}', '{key}', '{low}'] became ['{high}', '{low}']" in done.stdout
    assert "'svdesk is locked'" not in done.stdout  # translated, and the same fields


def test_release_copies_texts_of_made_up_contexts_under_the_empty_one(tmp_path: Path) -> None:
    """What `ContextFallbackTranslator` relies on: lupdate files `parent.tr("…")` under
    "parent" and a module wrapper's `_tr("…")` under the empty context, while Qt asks under the
    class's or the wrapper's context; both are found. Texts of contexts Qt does ask under stay
    only there, and a text's own context wins."""
    ts = tmp_path / "svdesk_xx.ts"
    ts.write_text(
        TS_HEAD + "<context><name>Coordinator</name>"
        "<message><source>Charts</source><translation>Gráficos</translation></message>"
        "<message><source>Case</source><translation>Caso (coordinación)</translation></message>"
        "</context><context><name>EscalationQueue</name>"
        "<message><source>Case</source><translation>Caso</translation></message>"
        "</context><context><name>parent</name>"
        "<message><source>Keep it</source><translation>Conservarlo</translation></message>"
        "</context><context><name></name>"
        "<message><source>Needs met</source><translation>Necesidades cubiertas</translation>"
        "</message></context></TS>\n",
        encoding="utf-8",
    )
    merged = tmp_path / "merged.ts"
    namespace: dict[str, object] = {"__name__": "i18n_script", "__file__": str(SCRIPT)}
    exec(compile(SCRIPT.read_text(encoding="utf-8"), str(SCRIPT), "exec"), namespace)
    namespace["with_fallback_context"](ts, merged)  # type: ignore[operator]
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease
    qm = tmp_path / "svdesk_xx.qm"
    subprocess.run([lrelease, str(merged), "-qm", str(qm)], check=True, capture_output=True)
    translator = language.ContextFallbackTranslator()
    assert translator._inner.load(str(qm))
    assert translator.translate("Dashboard", "Needs met") == "Necesidades cubiertas"
    assert translator.translate("ConversationFooter", "Keep it") == "Conservarlo"
    assert translator.translate("EscalationQueue", "Case") == "Caso"  # its own wins
    assert translator.translate("Coordinator", "Case") == "Caso (coordinación)"
    assert translator.translate("Coordinator", "Charts") == "Gráficos"
    assert translator.translate("ImportTab", "Charts") is None  # a real context: not copied
    assert translator.translate("Dashboard", "Never translated") is None  # Qt asks the next


def _literals(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def test_texts_listed_for_lupdate_are_still_literals_of_their_modules() -> None:
    """resources/i18n/variable_texts.py must not outlive the code: each text is still a literal
    of the module its section names (the weekdays come from strftime("%a"))."""
    module: Path | None = None
    checked = 0
    for line in (FOLDER / "variable_texts.py").read_text(encoding="utf-8").splitlines():
        header = re.match(r"# (ui/\S+\.py):", line)
        if header:
            module = ROOT / header.group(1)
            assert module.is_file(), f"{header.group(1)} is gone"
            continue
        text = re.match(r'QT_TRANSLATE_NOOP\("[^"]*", "(.*)"\)$', line)
        if text is None:
            continue
        assert module is not None
        value = ast.literal_eval(f'"{text.group(1)}"')
        if module.name == "open_now.py":
            assert 'strftime("%a")' in module.read_text(encoding="utf-8").replace("'", '"')
        else:
            assert value in _literals(module), f"{value!r} is no longer in {module.name}"
        checked += 1
    assert checked > 50


@pytest.fixture
def spanish(qapp: QtWidgets.QApplication) -> object:
    """The interface in Spanish (compiled now when the .qm is missing or older than the .ts)."""
    qm = SPANISH.with_suffix(".qm")
    if not qm.is_file() or qm.stat().st_mtime < SPANISH.stat().st_mtime:
        done = run_script("release")
        assert done.returncode == 0, done.stdout + done.stderr
    assert language.use_language("es", qapp) == "es"
    yield qapp
    language.use_language("en", qapp)


def test_a_language_is_installed_with_qt_own_texts_and_removed_whole(
    spanish: QtWidgets.QApplication,
) -> None:
    assert language.current_language() == "es"
    assert (
        QtCore.QCoreApplication.translate("UnlockPage", "svdesk is locked")
        == "svdesk está bloqueado"
    )
    assert QtCore.QCoreApplication.translate("Dashboard", "Needs met") == "Necesidades cubiertas"
    buttons = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Save
        | QtWidgets.QDialogButtonBox.StandardButton.Cancel
    )
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == ["Cancelar", "Guardar"]
    assert QtCore.QLocale().language() == QtCore.QLocale.Language.Spanish
    assert QtCore.QLocale().toString(1234.5, "f", 1) == "1234,5"
    assert language.use_language("en") == "en"
    assert QtCore.QCoreApplication.translate("UnlockPage", "svdesk is locked") == "svdesk is locked"
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text().replace("&", "") == "Cancel"
    assert language.use_language("es") == "es"  # the fixture's again


def test_a_language_without_a_translation_stays_in_the_source_language(
    qapp: QtWidgets.QApplication,
) -> None:
    assert language.use_language("xx") == "en"
    assert language.current_language() == "en"
    assert language.available_languages()[0] == "en"
    assert "es" in language.available_languages()
    assert [language.language_name(c) for c in ("en", "es")] == ["English", "Español"]


def test_the_workstation_language_is_kept_beside_the_store(tmp_path: Path) -> None:
    assert read_workstation_language(tmp_path) is None
    write_workstation_language(tmp_path, "es")
    assert read_workstation_language(tmp_path) == "es"
    assert (tmp_path / "language.json").stat().st_mode & 0o777 == 0o600
    assert language.workstation_language(tmp_path) == "es"
    write_workstation_language(tmp_path, None)
    assert read_workstation_language(tmp_path) is None
    with pytest.raises(ValueError, match="is not a language code"):
        write_workstation_language(tmp_path, "../../etc")
    for damaged in (b"{", b'{"language": "../x"}', b"[]", b'{"language": 3}', b"x" * 10_000):
        (tmp_path / "language.json").write_bytes(damaged)
        assert read_workstation_language(tmp_path) is None  # the system's language, no error
    (tmp_path / "language.json").write_text(json.dumps({"language": "de"}), encoding="utf-8")
    assert language.workstation_language(tmp_path) == language.system_language()  # not shipped


def _mnemonic(text: str) -> str | None:
    text = text.replace("&&", "")
    at = text.find("&")
    return text[at + 1].casefold() if 0 <= at < len(text) - 1 else None


def test_a_screen_has_no_more_clashing_alt_letters_in_spanish_than_in_english() -> None:
    """Within one screen's context, two texts with the same Alt+letter make the second
    unreachable by it: a translation may not add such a clash (the empty context mixes screens
    and is left out)."""
    clashes = []
    for context in ET.parse(SPANISH).getroot().iter("context"):
        name = context.findtext("name") or ""
        if not name:
            continue
        english: dict[str, int] = {}
        spanish: dict[str, list[str]] = {}
        for message in context.iter("message"):
            source, text = message.findtext("source") or "", message.findtext("translation") or ""
            if (letter := _mnemonic(source)) is not None:
                english[letter] = english.get(letter, 0) + 1
            if (letter := _mnemonic(text)) is not None:
                spanish.setdefault(letter, []).append(text)
        doubled_en = sum(n - 1 for n in english.values())
        doubled_es = sum(len(texts) - 1 for texts in spanish.values())
        if doubled_es > doubled_en:
            clashes.append(f"{name}: {[t for t in spanish.values() if len(t) > 1]}")
    assert clashes == []
