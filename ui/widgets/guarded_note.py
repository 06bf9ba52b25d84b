"""The short-note editor with the identifier guard: live highlighting, messages, counter.

The guard itself (`svdesk.unit.guard.check`) decides; this widget only shows its findings: blocking
kinds get a red wavy underline, warnings an amber one, and each finding is also listed in words.
Each highlight explains itself (svdesk.unit.guard.EXPLANATIONS, shared with `svdesk guard check
--explain`): what kind it is and how to rephrase, as a tooltip when the mouse rests on it, in the
hint line below the box when the text cursor is inside it (keyboard users), and in the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from svdesk.unit import guard
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime import ops

BLOCK_COLOUR = QtGui.QColor("#c00000")
WARN_COLOUR = QtGui.QColor("#c77700")

GuardCheck = Callable[..., Any]


def _t(text: str) -> str:
    return QtCore.QCoreApplication.translate("GuardKind", text)


def kind_label(kind: str) -> str:
    """Plain name of a guard finding kind, as used in 'contains a phone number'."""
    known = guard.EXPLANATIONS.get(kind)
    return _t(known.label) if known is not None else kind


def explanation(finding: Any) -> str:
    """What a highlight is and, for a warning, how to rephrase it (one or two sentences)."""
    known = guard.EXPLANATIONS.get(str(finding.kind))
    if known is None:
        return kind_label(str(finding.kind))
    if finding.severity == "block":
        return _t(known.message) + " " + _t(known.advice)
    return _t(known.message) + " " + _t(known.advice) + " " + _t("You can keep it with a reason.")


class GuardHighlighter(QtGui.QSyntaxHighlighter):
    """Underlines the character ranges of the current findings (offsets in the whole text)."""

    def __init__(self, document: QtGui.QTextDocument) -> None:
        super().__init__(document)
        self._findings: Sequence[Any] = ()

    def set_findings(self, findings: Sequence[Any]) -> None:
        self._findings = tuple(findings)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        start_of_block = block.position()
        end_of_block = start_of_block + len(text)
        for finding in self._findings:
            start = max(int(finding.start), start_of_block)
            end = min(int(finding.end), end_of_block)
            if end <= start:
                continue
            fmt = QtGui.QTextCharFormat()
            colour = BLOCK_COLOUR if finding.severity == "block" else WARN_COLOUR
            fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(colour)
            fmt.setFontUnderline(True)
            if finding.severity == "block":
                fmt.setBackground(QtGui.QColor("#ffe0e0"))
            else:
                fmt.setBackground(QtGui.QColor("#fff1d6"))
            fmt.setToolTip(explanation(finding))
            self.setFormat(start - start_of_block, end - start, fmt)


class GuardedNoteEdit(QtWidgets.QWidget):
    """A plain-text note box checked live by the identifier guard.

    `verdict()` is "ok", "warn" or "block" (or "block" when over the length limit);
    `note_changed(text)` fires on every edit, `verdict_changed(verdict)` when it changes.
    """

    note_changed = Signal(str)
    verdict_changed = Signal(str)

    def __init__(
        self,
        parent: QtWidgets.QWidget | None = None,
        *,
        check: GuardCheck | None = None,
        roster: Sequence[str] = (),
        max_chars: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._check: GuardCheck = check if check is not None else guard.check
        self._roster = tuple(roster)
        self.max_chars = max_chars if max_chars is not None else guard.MAX_NOTE_CHARS
        self._findings: tuple[Any, ...] = ()
        self._verdict = "ok"
        self._checked_text: str | None = None

        self.editor = QtWidgets.QPlainTextEdit(self)
        self.editor.setObjectName("guardedNote")
        self.editor.setAccessibleName(self.tr("Short note (optional)"))
        self.editor.setAccessibleDescription(
            self.tr(
                "At most {n} characters. No names, numbers, dates or anything that could "
                "identify a person."
            ).format(n=self.max_chars)
        )
        self.editor.setPlaceholderText(
            self.tr("Optional. No names, phone numbers, dates or record numbers.")
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(110)
        self._highlighter = GuardHighlighter(self.editor.document())

        self.counter = QtWidgets.QLabel(self)
        self.counter.setObjectName("noteCounter")
        self.hint = QtWidgets.QLabel(self)
        self.hint.setObjectName("noteHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        self.messages = QtWidgets.QLabel(self)
        self.messages.setObjectName("noteMessages")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(QtCore.Qt.TextFormat.RichText)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.counter)
        layout.addWidget(self.hint)
        layout.addWidget(self.messages)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.cursorPositionChanged.connect(self._update_hint)
        self.editor.viewport().installEventFilter(self)
        # the lists load once per run; on the worker, before the first keystroke needs them
        ops.BackgroundOp(self, op=guard.load_lists, failure=lambda _exc: None).run()
        self._on_text_changed()

    # -- public -------------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)

    def set_roster(self, roster: Sequence[str]) -> None:
        self._roster = tuple(roster)
        self._checked_text = None
        self._on_text_changed()

    def findings(self) -> tuple[Any, ...]:
        return self._findings

    def verdict(self) -> str:
        return self._verdict

    def too_long(self) -> bool:
        return len(self.text()) > self.max_chars

    def blocking_message(self) -> str | None:
        """Why the note cannot be saved, naming the kind ("contains a phone number"), or None."""
        if self.too_long():
            return self.tr("The note is longer than {n} characters; shorten it.").format(
                n=self.max_chars
            )
        kinds = _unique(f.kind for f in self._findings if f.severity == "block")
        if not kinds:
            return None
        return self.tr("The note contains {what}; remove it before saving.").format(
            what=_join(kind_label(k) for k in kinds)
        )

    def warning_message(self) -> str | None:
        kinds = _unique(f.kind for f in self._findings if f.severity == "warn")
        if not kinds:
            return None
        return self.tr("The note may contain {what}.").format(
            what=_join(kind_label(k) for k in kinds)
        )

    def finding_at(self, position: int) -> Any | None:
        """The finding that covers character `position` (or ends right at it), if any."""
        for finding in self._findings:
            if int(finding.start) <= position <= int(finding.end):
                return finding
        return None

    def explanation_at(self, position: int) -> str | None:
        finding = self.finding_at(position)
        return explanation(finding) if finding is not None else None

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """A tooltip over a highlight says what it is and how to rephrase."""
        if watched is self.editor.viewport() and event.type() == QtCore.QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            cursor = self.editor.cursorForPosition(pos)
            text = self.explanation_at(cursor.position())
            self.editor.viewport().setToolTip(text or "")
        return super().eventFilter(watched, event)

    # -- private ------------------------------------------------------------------------------
    def _update_hint(self) -> None:
        text = self.explanation_at(self.editor.textCursor().position())
        self.hint.setText(text or "")
        self.hint.setVisible(bool(text))

    def _on_text_changed(self) -> None:
        text = self.text()
        if text == self._checked_text:
            return  # highlighting re-entry, not an edit
        self._checked_text = text
        if text.strip():
            result = self._check(text, roster=self._roster)
            self._findings = tuple(result.findings)
            verdict = str(result.verdict)
        else:
            self._findings = ()
            verdict = "ok"
        if self.too_long():
            verdict = "block"
        self._highlighter.set_findings(self._findings)
        self._render(text)
        self._update_hint()
        if verdict != self._verdict:
            self._verdict = verdict
            self.verdict_changed.emit(verdict)
        self.note_changed.emit(text)

    def _render(self, text: str) -> None:
        count = len(text)
        over = count > self.max_chars
        self.counter.setText(
            self.tr("{count} / {max} characters").format(count=count, max=self.max_chars)
            + ("  — " + self.tr("too long") if over else "")
        )
        self.counter.setStyleSheet("color: #a00000; font-weight: bold;" if over else "")
        lines: list[tuple[str, str]] = []  # (severity, sentence); blocking ones first
        ordered = sorted(self._findings, key=lambda f: (f.severity != "block", int(f.start)))
        for finding in ordered:
            what = kind_label(str(finding.kind))
            quoted = text[int(finding.start) : int(finding.end)]
            known = guard.EXPLANATIONS.get(str(finding.kind))
            advice = (" " + _t(known.advice)) if known is not None else ""
            if finding.severity == "block":
                sentence = "✖ " + self.tr("Blocked: “{text}” looks like {what}.")
                sentence = sentence.format(text=quoted, what=what) + advice
            else:
                sentence = "⚠ " + self.tr("Check: “{text}” may be {what}.")
                sentence = (
                    sentence.format(text=quoted, what=what)
                    + advice
                    + " "
                    + self.tr("Or keep it with a reason.")
                )
            lines.append((str(finding.severity), sentence))
        message = " ".join(sentence for _, sentence in lines)
        self.messages.setText(
            "<br>".join(
                f"<span style='color:{'#a00000' if severity == 'block' else '#8a5300'}'>"
                f"{_html(sentence)}</span>"
                for severity, sentence in lines
            )
        )
        self.messages.setVisible(bool(lines))
        self.editor.setAccessibleDescription(
            (message + " " if message else "")
            + self.tr("{count} of {max} characters.").format(count=count, max=self.max_chars)
        )


def _unique(items: Any) -> list[str]:
    seen: list[str] = []
    for item in items:
        if str(item) not in seen:
            seen.append(str(item))
    return seen


def _join(parts: Any) -> str:
    words = [str(p) for p in parts]
    if len(words) <= 1:
        return "".join(words)
    return (
        ", ".join(words[:-1])
        + " "
        + QtCore.QCoreApplication.translate("GuardKind", "and")
        + " "
        + (words[-1])
    )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
