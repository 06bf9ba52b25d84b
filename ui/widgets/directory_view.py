"""The unit's resource directory (crisis line, EAP, psychology...) as a readable list of numbers.

Unset numbers say so and who can fix it, rather than silently showing nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from svdesk.unit.crisis_numbers import NumberedEntry, unset_fallback
from ui.qt import QtCore, QtWidgets
from ui.runtime.language import content_language

# Codes of the directory in the order the crisis screen wants them.
CRISIS_CODES = ("emergency", "crisis_line")


_Entry = TypeVar("_Entry", bound=NumberedEntry)


def order_entries(entries: Iterable[_Entry], first: Sequence[str] = ()) -> list[_Entry]:
    """Entries with the codes of `first` at the top, in that order, the rest as given."""
    items = list(entries)
    head = [e for code in first for e in items if e.code == code]
    return head + [e for e in items if e not in head]


class DirectoryView(QtWidgets.QFrame):
    """A grid: label | number (or "not set — ask your unit admin") | detail."""

    def __init__(
        self,
        entries: Iterable[NumberedEntry] = (),
        parent: QtWidgets.QWidget | None = None,
        *,
        big: bool = False,
        codes: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("directoryView")
        self.setAccessibleName(self.tr("Unit resource directory"))
        self._big = big
        self._codes = tuple(codes) if codes is not None else None
        self._grid = QtWidgets.QGridLayout(self)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setHorizontalSpacing(16)
        self.number_labels: dict[str, QtWidgets.QLabel] = {}
        self.set_entries(entries)

    def set_entries(self, entries: Iterable[NumberedEntry]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.number_labels = {}
        chosen = list(entries)
        if self._codes is not None:
            by_code = {e.code: e for e in chosen}
            chosen = [by_code[c] for c in self._codes if c in by_code]
        if not chosen:
            empty = QtWidgets.QLabel(
                self.tr("No numbers in the unit directory — ask your unit admin to fill it."),
                self,
            )
            empty.setWordWrap(True)
            self._grid.addWidget(empty, 0, 0)
            return
        described = []
        fallbacks = details = False
        for row, entry in enumerate(chosen):
            name = QtWidgets.QLabel(str(entry.label), self)
            phone = entry.phone
            if phone:
                number = QtWidgets.QLabel(str(phone), self)
                number.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
                spoken = f"{entry.label}: {phone}"
            elif (fallback := unset_fallback(str(entry.code), content_language())) is not None:
                # Something to dial even before the unit has set its own number.
                number = QtWidgets.QLabel(fallback, self)
                number.setObjectName("directoryFallback")
                number.setWordWrap(True)
                number.setMinimumWidth(260)
                fallbacks = True
                spoken = f"{entry.label}: {fallback}"
            else:
                # One line, never wrapped: wrapped in a big grid row it was clipped (issue 17).
                number = QtWidgets.QLabel(self.tr("not set — ask your unit admin to fill it"), self)
                number.setStyleSheet("font-style: italic;")
                spoken = f"{entry.label}: " + self.tr("not set")
            if self._big and phone:
                for label in (name, number):
                    font = label.font()
                    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.6)
                    font.setBold(True)
                    label.setFont(font)
            number.setAccessibleName(spoken)
            number.setObjectName(f"directoryNumber:{entry.code}")
            self.number_labels[str(entry.code)] = number
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(number, row, 1)
            detail_text = str(getattr(entry, "detail", "") or "")
            if detail_text:
                detail = QtWidgets.QLabel(detail_text, self)
                detail.setWordWrap(True)
                details = True
                self._grid.addWidget(detail, row, 2)
                spoken += f" ({detail_text})"
            described.append(spoken)
        # A general fallback is a sentence: without details beside it, it has their room
        # (it was wrapped into four lines beside an empty column; issue 17).
        self._grid.setColumnStretch(2, 1 if details or not fallbacks else 0)
        self._grid.setColumnStretch(1, 1 if fallbacks else 0)
        self._grid.setColumnMinimumWidth(2, 120 if details else 0)
        self.setAccessibleDescription("; ".join(described))
