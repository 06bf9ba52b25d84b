"""The live escalation banner: level (colour AND words), the reasons, and what to do now.

It shows an `EscalationResult` of `svdesk.content.rules.evaluate`; it never computes anything
itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.rules import load_rules
from svdesk.unit.crisis_numbers import unset_fallback
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.language import content_language

if TYPE_CHECKING:
    from svdesk.content.rules import EscalationResult, FiredRule


def _t(text: str) -> str:
    return QtCore.QCoreApplication.translate("Escalation", text)


# Colours per level (svdesk.content.record_fields.ESCALATION_LEVELS), a dark and a light tone;
# the text carries the meaning on its own so that nothing depends on colour.
# The banner's body shows this many lines and scrolls beyond (its height never changes).
BANNER_LINES = 6

_LEVEL_STYLE = {
    "emergency": ("#8b0000", "#ffffff"),
    "tier3_same_day": ("#b23c00", "#ffffff"),
    "tier3_72h": ("#f2b134", "#1a1a1a"),
    "tier3_2wk": ("#ffe08a", "#1a1a1a"),
    "tier2_intensified": ("#cfe3ff", "#1a1a1a"),
    "tier2": ("#e3f1e3", "#1a1a1a"),
}


def reason_text(rule_id: str, reason: str) -> str:
    """A fired rule's reason in the content language (the rules file of that language has the
    same rule ids); `reason` as evaluated when the rule is not found there."""
    for rule in load_rules(language=content_language()).rules:
        if rule.id == rule_id:
            return str(rule.reason)
    return reason


def level_label(level: str) -> str:
    """The level's one name, the record vocabulary's label (resources/vocab/record.toml): the
    banner, the queues, the record and the coordinator's tables all show this same text."""
    return load_record_vocabulary(language=content_language()).label("escalation_level", level)


def level_meaning(level: str) -> str:
    """What the level asks of the supporter, in one sentence."""
    meanings = {
        "emergency": _t(
            "Do not leave the person alone. Call the emergency response or crisis team now."
        ),
        "tier3_same_day": _t(
            "Arrange contact with a mental-health professional today and give the crisis line."
        ),
        "tier3_72h": _t("Make a professional referral within 72 hours."),
        "tier3_2wk": _t("Offer a professional referral (EAP, psychology) within 14 days."),
        "tier2_intensified": _t("Plan more frequent peer follow-up over the next 24–72 hours."),
        "tier2": _t("Continue peer support as planned."),
    }
    return meanings.get(level, "")


def action_label(action: str) -> str:
    """Plain label of an escalation action code."""
    labels = {
        "relieve_from_duty": _t(
            "Ask a leader to relieve them from patient care and arrange a safe way home"
        ),
        "group_response": _t("Activate the group / critical-response team"),
        "risk_legal_support": _t(
            "Connect them with risk management and litigation peer support "
            "(avoid discussing case facts)"
        ),
        "leader_involvement": _t("Involve their leader (with their consent)"),
        "supporter_debrief": _t("You are offered support yourself: ask for a debrief"),
        "crisis_line_info": _t("Give them the crisis line number from the unit directory"),
        "security_alert": _t(
            "Call hospital security as your policy says; do not stay alone with them "
            "(a duty to warn follows local law)"
        ),
        "fitness_for_duty": _t(
            "A leader arranges a fitness-for-duty assessment as the policy says; point to the "
            "confidential physician / nurse health program"
        ),
    }
    return labels.get(action, action)


def banner_text(result: EscalationResult) -> str:
    """The whole banner as one plain sentence block (accessible description, announcements)."""
    parts = [_t("Escalation: {level}.").format(level=level_label(result.level))]
    meaning = level_meaning(result.level)
    if meaning:
        parts.append(meaning)
    actions = list(result.actions)
    if actions:
        parts.append(
            _t("What to do now: {actions}.").format(
                actions="; ".join(action_label(a) for a in actions)
            )
        )
    reasons = [reason_text(f.id, str(f.reason)) for f in result.fired]
    if reasons:
        parts.append(_t("Because: {reasons}").format(reasons=" ".join(reasons)))
    return " ".join(parts)


class EscalationBanner(QtWidgets.QFrame):
    """Shows one escalation result; call `show_result` each time the answers change."""

    level_changed = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationBanner")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Escalation result"))
        self._level: str | None = None
        self._fired: Sequence[FiredRule] = ()

        self._level_label = QtWidgets.QLabel(self)
        self._level_label.setObjectName("bannerLevel")
        font = self._level_label.font()
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.25)
        self._level_label.setFont(font)
        self._level_label.setWordWrap(True)
        self._level_label.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )

        self._meaning_label = QtWidgets.QLabel(self)
        self._meaning_label.setWordWrap(True)
        self._actions_label = QtWidgets.QLabel(self)
        self._actions_label.setWordWrap(True)
        self._actions_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self._reasons_label = QtWidgets.QLabel(self)
        self._reasons_label.setWordWrap(True)
        self._reasons_label.setTextFormat(QtCore.Qt.TextFormat.RichText)

        self._sources_button = QtWidgets.QPushButton(self.tr("Show sources"), self)
        self._sources_button.setCheckable(True)
        self._sources_button.setAccessibleName(self.tr("Show the sources of the reasons"))
        self._sources_button.toggled.connect(self._render_reasons)

        head = QtWidgets.QHBoxLayout()
        head.addWidget(self._level_label, 1)
        head.addWidget(self._sources_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        # The body scrolls inside a banner of fixed height: a rule that fires never moves the
        # form under the pointer (issue 17, item 8).
        body = QtWidgets.QWidget(self)
        body.setObjectName("bannerBody")
        body_layout = QtWidgets.QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(2)
        body_layout.addWidget(self._meaning_label)
        body_layout.addWidget(self._actions_label)
        body_layout.addWidget(self._reasons_label)
        body_layout.addStretch(1)
        self.body_scroll = QtWidgets.QScrollArea(self)
        self.body_scroll.setObjectName("bannerScroll")
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setAccessibleName(self.tr("Escalation details"))
        self.body_scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.body_scroll, 1)
        self._crisis_line: str | None = None
        lines = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(lines * BANNER_LINES + self._level_label.sizeHint().height() + 16))

    # -- public -------------------------------------------------------------------------------
    def level(self) -> str | None:
        return self._level

    def text(self) -> str:
        """Everything the banner says, as plain text (what assistive technology gets)."""
        return self.accessibleDescription()

    def show_result(self, result: EscalationResult) -> None:
        level = str(result.level)
        changed = level != self._level
        self._level = level
        self._fired = tuple(result.fired)
        background, foreground = _LEVEL_STYLE.get(level, ("#eeeeee", "#1a1a1a"))
        self.setStyleSheet(
            f"QFrame#escalationBanner {{ background: {background}; border: 2px solid "
            f"{foreground if level == 'emergency' else '#555555'}; border-radius: 4px; }}"
            f"QFrame#escalationBanner QLabel {{ color: {foreground}; background: transparent; }}"
        )
        marker = "⚠ " if level in ("emergency", "tier3_same_day") else ""
        self._level_label.setText(
            marker + self.tr("Escalation: {level}").format(level=level_label(level))
        )
        self._level_label.setAccessibleName(self._level_label.text())
        self._meaning_label.setText(level_meaning(level))
        actions = list(result.actions)
        if actions:
            items = "".join(f"<li>{_escape(self._action_text(a))}</li>" for a in actions)
            self._actions_label.setText(
                "<b>" + _escape(self.tr("What to do now:")) + "</b>"
                f"<ul style='margin:0'>{items}</ul>"
            )
            self._actions_label.show()
        else:
            self._actions_label.hide()
        self._render_reasons()
        text = banner_text(result)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        if changed:
            # Screen readers hear a change of level without moving focus to the banner.
            QtGui.QAccessible.updateAccessibility(QtGui.QAccessibleAnnouncementEvent(self, text))
            self.level_changed.emit(level)

    def set_crisis_line(self, number: str | None) -> None:
        """The number "give them the crisis line" shows (None: the general fallback)."""
        self._crisis_line = number

    # -- private ------------------------------------------------------------------------------
    def _action_text(self, action: str) -> str:
        if action != "crisis_line_info":
            return action_label(action)
        number = self._crisis_line or unset_fallback("crisis_line", content_language())
        return f"{action_label(action)}: {number}"

    def _render_reasons(self) -> None:
        if not self._fired:
            self._reasons_label.setText(_escape(self.tr("No escalation rule applies so far.")))
            self._sources_button.setEnabled(False)
            return
        self._sources_button.setEnabled(True)
        with_sources = self._sources_button.isChecked()
        self._sources_button.setText(
            self.tr("Hide sources") if with_sources else self.tr("Show sources")
        )
        rows = []
        for fired in self._fired:
            row = _escape(str(fired.reason))
            if with_sources:
                row += (
                    " <i>("
                    + _escape(self.tr("Source: {source}").format(source=fired.source))
                    + ")</i>"
                )
            rows.append(f"<li>{row}</li>")
        self._reasons_label.setText(
            "<b>" + _escape(self.tr("Why:")) + f"</b><ul style='margin:0'>{''.join(rows)}</ul>"
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
