"""The interface's language: which languages are shipped, which one applies (the workstation's
default on the unlock screen, each supporter's own choice once unlocked), and installing it —
svdesk's translation (`resources/i18n/svdesk_<lang>.qm`, made by `scripts/i18n release`), Qt's
own texts (standard buttons) and the locale that numbers and dates are written in.

Switching needs no restart: `use_language` swaps the translators, and what is built afterwards
is in the new language (the main window rebuilds the unlocked page). Records keep codes, never
texts, so the language changes nothing that is stored or exported.
"""

from __future__ import annotations

from contextlib import ExitStack
from importlib.resources import as_file
from pathlib import Path
from typing import TYPE_CHECKING, Final

from svdesk.content import resources
from svdesk.content.languages import DEFAULT_LANGUAGE, SHIPPED_LANGUAGES
from svdesk.storage.settings import (
    HasDb,
    is_language_code,
    read_setting,
    read_workstation_language,
    save_setting,
)
from ui.qt import QtCore

if TYPE_CHECKING:
    from svdesk.access.session import Session

SOURCE_LANGUAGE: Final = "en"  # the texts in the code
_SUPPORTER_KEY: Final = "ui_language.{id}"  # the store's setting of one supporter's choice


class ContextFallbackTranslator(QtCore.QTranslator):
    """svdesk's translation, looked up in the text's own context and then in the empty one.

    lupdate files the texts of a module's `_tr("…")` wrapper (and of bare `tr("…")`) under the
    empty context, while at run time they are asked for under the wrapper's context; it files
    `parent.tr("…")` under "parent", and `scripts/i18n release` copies such texts to the empty
    context too. A text's own context wins where two translations of one text differ.
    """

    def __init__(self, parent: QtCore.QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._inner = QtCore.QTranslator(self)

    def load_locale(self, locale: QtCore.QLocale, folder: str) -> bool:
        """Load `folder/svdesk_<lang>.qm` for the locale's languages (Qt's search order)."""
        return self._inner.load(locale, "svdesk", "_", folder, ".qm")

    def translate(  # Qt's null QString (not translated) is Python's None
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        text = self._inner.translate(context, source_text, disambiguation, n)
        if not text and context:
            text = self._inner.translate("", source_text, disambiguation, n)
        return text or None  # None: not translated here (Qt then asks the next translator)

    def isEmpty(self) -> bool:
        return self._inner.isEmpty()

    def language(self) -> str:
        return self._inner.language()


def available_languages() -> list[str]:
    """The source language, then every language with a compiled translation, by code."""
    folder = resources.resource("i18n")
    found: set[str] = set()
    if folder.is_dir():
        for entry in folder.iterdir():
            name = entry.name
            if name.startswith("svdesk_") and name.endswith(".qm"):
                code = name[len("svdesk_") : -len(".qm")]
                if is_language_code(code):
                    found.add(code)
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


# Qt names a language by its usual country ("español de España", "American English"): the plain
# names of the shipped languages; any other language by Qt's name.
_NAMES: Final = {"en": "English", "es": "Español"}


def language_name(code: str) -> str:
    """A language's name in that language ("English", "Español"), as its speakers look for it."""
    name = _NAMES.get(code) or QtCore.QLocale(code).nativeLanguageName() or code
    return name[:1].upper() + name[1:]


def system_language() -> str:
    """The first of the user's languages (the system's order) that svdesk is translated into;
    the source language if none is. An English first language looks nothing up."""
    ui_languages = QtCore.QLocale.system().uiLanguages()
    if source_language_suffices(ui_languages):
        return SOURCE_LANGUAGE
    shipped = available_languages()
    for tag in ui_languages:
        if _is_source(tag):
            return SOURCE_LANGUAGE
        parts = tag.replace("-", "_").split("_")
        for candidate in ("_".join(parts[:1] + parts[-1:]), parts[0]):
            if candidate in shipped:
                return candidate
    return SOURCE_LANGUAGE


def _is_source(tag: str) -> bool:
    first = tag.casefold()
    return first in {"c", "en"} or first.startswith(("en-", "en_"))


def workstation_language(home: Path) -> str:
    """What the unlock screen of the store in `home` is shown in: the admin's choice for this
    workstation if it is shipped, else the system's language."""
    chosen = read_workstation_language(home)
    if chosen is not None and (chosen == SOURCE_LANGUAGE or chosen in available_languages()):
        return chosen
    return system_language()


def supporter_key(supporter_id: str) -> str:
    return _SUPPORTER_KEY.format(id=supporter_id)


def supporter_choice(session: HasDb, supporter_id: str) -> str | None:
    """The language a supporter chose for themself (None: the workstation's)."""
    value = read_setting(session.db, supporter_key(supporter_id))
    return value if is_language_code(value) else None


def save_supporter_choice(session: HasDb, supporter_id: str, code: str | None) -> None:
    """Keep a supporter's language in the encrypted store (None: follow the workstation's)."""
    if code is not None and not is_language_code(code):
        raise ValueError(f"{code!r} is not a language code")
    save_setting(session, supporter_key(supporter_id), code)


def session_language(session: Session) -> str:
    """The language of an unlocked session: its supporter's choice, else the workstation's."""
    chosen = supporter_choice(session, session.supporter.id)
    if chosen is not None and chosen in available_languages():
        return chosen
    return workstation_language(session.workstation.home)


def current_language(app: QtCore.QCoreApplication | None = None) -> str:
    app = app or QtCore.QCoreApplication.instance()
    return str(getattr(app, "_svdesk_language", SOURCE_LANGUAGE))


def content_language(app: QtCore.QCoreApplication | None = None) -> str:
    """The language of the content files (protocol, cards, vocabularies, rule reasons, surveys)
    that goes with the interface's: its own when the content ships in it ("es_MX" → "es"),
    else English. Records keep codes, so this changes what is shown, never what is stored."""
    code = current_language(app)
    base = code.replace("-", "_").split("_")[0]
    for candidate in (code.replace("_", "-"), base):
        if candidate in SHIPPED_LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def use_language(code: str, app: QtCore.QCoreApplication | None = None) -> str:
    """Install `code`'s translations (and remove the previous language's); returns the language
    now in effect: the source language when `code` has no compiled translation."""
    app = app or QtCore.QCoreApplication.instance()
    if app is None:
        return SOURCE_LANGUAGE
    if code == current_language(app) and hasattr(app, "_svdesk_language_translators"):
        return code
    for translator in _installed(app):
        app.removeTranslator(translator)
    installed = [] if code == SOURCE_LANGUAGE else load_translations(app, QtCore.QLocale(code))
    if not installed:
        code = SOURCE_LANGUAGE
        installed = load_plural_forms(app)
    else:
        qt_own = QtCore.QTranslator(app)
        # Qt's standard buttons and dialogs; installed last, so asked first for Qt's contexts
        if qt_own.load(
            f"qtbase_{code}",
            QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(qt_own)
            installed.append(qt_own)
    app._svdesk_language_translators = installed  # type: ignore[attr-defined]
    app._svdesk_language = code  # type: ignore[attr-defined]
    # numbers and dates as the language writes them; the system's locale for the source language
    QtCore.QLocale.setDefault(
        QtCore.QLocale(code) if code != SOURCE_LANGUAGE else QtCore.QLocale.system()
    )
    return code


def _installed(app: QtCore.QCoreApplication) -> list[QtCore.QTranslator]:
    return list(getattr(app, "_svdesk_language_translators", []))


def load_translations(
    app: QtCore.QCoreApplication, locale: QtCore.QLocale | None = None
) -> list[QtCore.QTranslator]:
    """Install `resources/i18n/svdesk_<lang>.qm` for the locale, if bundled; returns installed.

    The texts in the code are English: a locale whose first language is English (or the C
    locale) needs no file, and is not looked up.
    """
    locale = locale or QtCore.QLocale.system()
    if source_language_suffices(locale.uiLanguages()):
        return []
    folder = resources.resource("i18n")
    installed: list[QtCore.QTranslator] = []
    if not folder.is_dir():
        return installed
    with ExitStack() as stack:
        path = stack.enter_context(as_file(folder))
        translator = ContextFallbackTranslator(app)
        if translator.load_locale(locale, str(path)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def load_plural_forms(app: QtCore.QCoreApplication) -> list[QtCore.QTranslator]:
    """Install the source language's plural forms (`svdesk_en.qm`: "1 day", "2 days" of
    `tr("%n day(s)", "…", n)`), the only texts English needs a translation file for."""
    folder = resources.resource("i18n")
    if not folder.joinpath(f"svdesk_{SOURCE_LANGUAGE}.qm").is_file():
        return []
    with as_file(folder) as path:
        translator = ContextFallbackTranslator(app)
        if not translator.load_locale(QtCore.QLocale(SOURCE_LANGUAGE), str(path)):
            return []
    app.installTranslator(translator)
    return [translator]


def source_language_suffices(ui_languages: list[str]) -> bool:
    """Whether the user's first language (Qt's `uiLanguages()` order) is English or "C"."""
    return not ui_languages or _is_source(ui_languages[0])
