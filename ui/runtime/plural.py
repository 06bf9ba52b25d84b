"""Texts with a count outside a class: `plural_tr("%n day(s)", "late by", n)`, Qt's plural
forms of a translation (`<message numerus="yes">`), as `self.tr(text, comment, n)` is in a class.

lupdate reads `plural_tr` as `tr` (scripts/i18n finds the wrapper) and files its texts under the
empty context, where the app's translator looks (ui/runtime/language.py). Give a non-empty
`comment` (what is counted): lupdate's Python reader files a text with an empty one under a
made-up context. The English forms ("1 day", "2 days") come from resources/i18n/svdesk_en.ts,
which holds only the texts with plural forms.
"""

from __future__ import annotations

from ui.qt import QtCore


def plural_tr(text: str, comment: str, n: int) -> str:
    """`text` with `%n` replaced by `n`, in the plural form of the interface's language."""
    return QtCore.QCoreApplication.translate("Plural", text, comment, n)
