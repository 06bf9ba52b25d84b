"""Reference cards beside the conversation: the current step's cards as tabs, any card on demand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from ui.qt import QtWidgets

if TYPE_CHECKING:
    from svdesk.content.cards import ReferenceCard


def card_html(card: ReferenceCard) -> str:
    """One card as simple HTML: title, sections (heading + bullet items), sources."""
    parts = [f"<h3>{escape(card.title)}</h3>"]
    for section in card.sections:
        heading = section.heading
        if heading:
            parts.append(f"<p><b>{escape(heading)}</b></p>")
        items = "".join(f"<li>{escape(str(item))}</li>" for item in section.items)
        parts.append(f"<ul>{items}</ul>")
    sources = list(card.sources)
    if sources:
        parts.append("<p><small><i>" + escape("; ".join(sources)) + "</i></small></p>")
    return "".join(parts)


class CardsPanel(QtWidgets.QWidget):
    """Tabs with the step's cards, plus a chooser that opens any card of the set."""

    def __init__(
        self, cards: Iterable[ReferenceCard] = (), parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardsPanel")
        self.setAccessibleName(self.tr("Reference cards"))
        self._cards = {str(c.id): c for c in cards}
        self.tabs = QtWidgets.QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Reference cards for this step"))
        self.tabs.tabBar().setAccessibleName(self.tr("Cards of this step"))
        self.chooser = QtWidgets.QComboBox(self)
        self.chooser.setAccessibleName(self.tr("Open any reference card"))
        self.chooser.addItem(self.tr("Open another card…"), None)
        for card in self._cards.values():
            self.chooser.addItem(str(card.title), str(card.id))
        self.chooser.activated.connect(self._on_chosen)
        title = QtWidgets.QLabel(self.tr("Reference cards"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.chooser)
        layout.addWidget(self.tabs, 1)

    def show_cards(self, card_ids: Sequence[str]) -> None:
        """Show the cards of a step (unknown ids are skipped)."""
        self.tabs.clear()
        for card_id in card_ids:
            self._add_tab(card_id)
        if self.tabs.count() == 0:
            empty = QtWidgets.QLabel(self.tr("No reference card for this step."), self.tabs)
            empty.setWordWrap(True)
            self.tabs.addTab(empty, self.tr("Cards"))

    def open_card(self, card_id: str) -> None:
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is not None and widget.objectName() == f"card:{card_id}":
                self.tabs.setCurrentIndex(index)
                return
        index = self._add_tab(card_id)
        if index >= 0:
            self.tabs.setCurrentIndex(index)

    def open_card_ids(self) -> list[str]:
        widgets = (self.tabs.widget(i) for i in range(self.tabs.count()))
        names = [w.objectName() for w in widgets if w is not None]
        return [n.removeprefix("card:") for n in names if n.startswith("card:")]

    def _add_tab(self, card_id: str) -> int:
        card = self._cards.get(card_id)
        if card is None:
            return -1
        browser = QtWidgets.QTextBrowser(self.tabs)
        browser.setObjectName(f"card:{card_id}")
        browser.setAccessibleName(str(card.title))
        browser.setOpenLinks(False)
        browser.setHtml(card_html(card))
        return self.tabs.addTab(browser, str(card.title))

    def _on_chosen(self, index: int) -> None:
        card_id = self.chooser.itemData(index)
        if card_id:
            self.open_card(str(card_id))
        self.chooser.setCurrentIndex(0)
