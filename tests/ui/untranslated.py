"""What a screen shows in English while the interface is in another language (issue 16, item 3).

The English texts looked for are every English text svdesk has a translation of, whose
translation differs from it (a text that reads the same, like "Total", is never English):

- the interface: each source of resources/i18n/svdesk_<lang>.ts, finished or not (an unfinished
  one shows in English), formatted ones matched with their {fields} as wildcards, and the English
  plural forms of svdesk_en.ts ("2 records are waiting…") with the count as a wildcard;
- the content: each text of a content file (protocol, cards, vocabularies, rules, program texts,
  directory, surveys) whose translated file says it otherwise;
- the reports' catalogue (resources/reports/texts.toml).

What is shown: the window title, labels, buttons, group boxes, tabs, tooltips, placeholders, the
items of combo boxes, list and table cells and headers, and actions (menus, toolbars).
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from svdesk.content.languages import translated_name
from svdesk.content.resources import resource
from svdesk.content.translation_check import TEXT_KEYS, TEXT_TABLES, content_files
from svdesk.coordinator.report_texts import report_texts
from ui.qt import QtCore, QtGui, QtWidgets

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "i18n"
# The allowlist: proper names, product and instrument names and codes that read the same in
# every language (the instruments' own items are kept in English in the content files, where
# they are the same in both languages and so never looked for).
ALLOWED = frozenset(
    {
        "svdesk", "Qt", "PySide6", "REDCap", "PDF", "CSV", "XLSX", "ICU", "SITE1",
        "C-SSRS", "PC-PTSD-5", "PHQ-2", "GAD-2", "English", "Español", "OK",
    }
)  # fmt: skip
# Numbers, ISO weeks, codes, times and punctuation.
_CODE = re.compile(r"^[\W\d_]*$|^[A-Z0-9][A-Z0-9._/ -]*$|^\d{4}-W\d{2}$")
_FIELD = re.compile(r"\{[^{}]*\}|%n")


def plain(text: str) -> str:
    """A text as read: no & of a shortcut, whitespace collapsed."""
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def _pattern(source: str) -> re.Pattern[str] | None:
    literal = _FIELD.sub("", source)
    if sum(c.isalpha() for c in literal) < 4:
        return None
    parts = [re.escape(p) for p in _FIELD.split(source)]
    return re.compile("^" + ".+?".join(parts) + "$", re.S)


def _content_texts(language: str) -> Iterator[str]:
    """English texts of the content files whose `language` file has another text there."""

    def walk(en: object, tr: object, text: bool) -> Iterator[str]:
        if isinstance(en, dict) and isinstance(tr, dict):
            for key, value in en.items():
                yield from walk(value, tr.get(key), text or key in TEXT_KEYS or key in TEXT_TABLES)
        elif isinstance(en, list) and isinstance(tr, list):
            for a, b in zip(en, tr, strict=False):
                yield from walk(a, b, text)
        elif text and isinstance(en, str) and isinstance(tr, str) and en != tr:
            yield en

    for relative in content_files():
        *folders, name = relative.split("/")
        node = resource(*folders, translated_name(name, language))
        if node.is_file():
            english = tomllib.loads(resource(*folders, name).read_text(encoding="utf-8"))
            yield from walk(english, tomllib.loads(node.read_text(encoding="utf-8")), False)


@cache
def english_texts(language: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """The English texts to look for on a screen in `language`: exact ones, and patterns."""
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []

    def add(source: str) -> None:
        if _FIELD.search(source):
            if (pattern := _pattern(source)) is not None:
                patterns.append(pattern)
        elif source and source not in ALLOWED:
            exact.add(source)

    for message in ET.parse(FOLDER / f"svdesk_{language}.ts").getroot().iter("message"):
        source = plain(message.findtext("source") or "")
        translation = message.find("translation")
        forms = [] if translation is None else list(translation.iter("numerusform"))
        texts = (
            [f.text or "" for f in forms]
            if forms
            else [translation.text or ""]
            if (translation is not None and translation.get("type") != "unfinished")
            else []
        )
        if source not in {plain(t) for t in texts}:
            add(source)
    for message in ET.parse(FOLDER / "svdesk_en.ts").getroot().iter("message"):
        for form in message.iter("numerusform"):
            add(plain(form.text or ""))
    for text in _content_texts(language):
        add(plain(text))
    english, own = report_texts("en"), report_texts(language)
    for text_id, text in english.texts.items():
        if own.raw(text_id) != text:
            add(plain(text))
    return frozenset(exact), tuple(patterns)


def _item_texts(view: QtWidgets.QAbstractItemView, limit: int = 60) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    role = QtCore.Qt.ItemDataRole.DisplayRole
    top = QtCore.QModelIndex()
    try:
        columns = model.columnCount(top)
    except TypeError:  # a list model (Qt keeps its column count private)
        columns = 1
    for column in range(columns):
        yield str(model.headerData(column, QtCore.Qt.Orientation.Horizontal, role) or "")
    for row in range(min(model.rowCount(top), limit)):
        for column in range(columns):
            yield str(model.data(model.index(row, column, top), role) or "")


def shown_texts(root: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(where, text) of what `root` shows (see the module's note)."""
    found = [(f"window {type(root).__name__}", root.windowTitle())]
    for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        found.append((f"{where} tooltip", widget.toolTip()))
        if isinstance(widget, QtWidgets.QLabel | QtWidgets.QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QtWidgets.QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QtWidgets.QTabWidget):
            found += [(where, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QtWidgets.QComboBox):
            found += [(where, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QtWidgets.QLineEdit | QtWidgets.QPlainTextEdit):
            found.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QtWidgets.QAbstractItemView) and not isinstance(
            widget.parent(), QtWidgets.QComboBox
        ):
            found += [(where, text) for text in _item_texts(widget)]
    for action in root.findChildren(QtGui.QAction):
        found += [(f"action {action.objectName()!r}", action.text())]
        found += [(f"action {action.objectName()!r} tooltip", action.toolTip())]
    return found


def english_on(root: QtWidgets.QWidget, language: str = "es") -> list[str]:
    """What `root` shows in English while the interface is in `language`, as `where: text`."""
    exact, patterns = english_texts(language)
    problems = []
    for where, text in shown_texts(root):
        for line in dict.fromkeys([plain(text), *(plain(part) for part in text.split("\n"))]):
            if not line or line in ALLOWED or _CODE.match(line):
                continue
            if line in exact or any(p.match(line) for p in patterns):
                problems.append(f"{where}: {line!r}")
                break
    return sorted(set(problems))
