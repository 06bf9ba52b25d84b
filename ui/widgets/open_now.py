"""What in the unit directory is open now, in sentences, for the escalation level at hand.

"Staff psychology is closed until 08:00 — for same-day contact call Crisis line (0800 …)".
The crisis screen and the disposition show it under the numbers; the facts come from
`svdesk.unit.opening` (computed in the workstation's time zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from svdesk.unit.opening import ClosedEntry, OpenEntry, OpenNow
from ui.qt import QtCore, QtWidgets

# Levels at which a closed service is not good enough: say whom to call instead.
_URGENT_LEVELS = ("emergency", "tier3_same_day")


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("OpenNow", text)


def _when(moment: datetime, at: datetime) -> str:
    """08:00 today, "tomorrow 08:00", else "Mon 08:00" (within the week), in local time."""
    clock = moment.strftime("%H:%M")
    days = (moment.date() - at.date()).days
    if days == 0:
        return clock
    if days == 1:
        return _tr("tomorrow {time}").format(time=clock)
    return f"{_tr(moment.strftime('%a'))} {clock}"


def _urgency(level: str | None) -> str:
    if level == "emergency":
        return _tr("help now")
    return _tr("same-day contact")


def open_line(entry: OpenEntry, at: datetime) -> str:
    if entry.until is None:
        return _tr("{label} is open around the clock.").format(label=entry.label)
    return _tr("{label} is open until {time}.").format(
        label=entry.label, time=_when(entry.until, at)
    )


def closed_line(entry: ClosedEntry, at: datetime, level: str | None) -> str:
    if entry.opens is None:
        text = _tr("{label} is closed.").format(label=entry.label)
    else:
        text = _tr("{label} is closed until {time}.").format(
            label=entry.label, time=_when(entry.opens, at)
        )
    alternative = entry.after_hours
    if alternative is not None and (level in _URGENT_LEVELS or level is None):
        name = alternative.label
        if alternative.phone:
            name = f"{name} ({alternative.phone})"
        if level is None:
            advice = _tr("meanwhile call {name}.").format(name=name)
        else:
            advice = _tr("for {urgency} call {name}.").format(urgency=_urgency(level), name=name)
        text = text.removesuffix(".") + " — " + advice
    return text


def open_now_lines(
    state: OpenNow, codes: Sequence[str] | None = None, level: str | None = None
) -> list[str]:
    """One sentence per entry of `codes` (in that order; all when None), closed ones first:
    they need the supporter's attention."""
    rank = {code: i for i, code in enumerate(codes)} if codes is not None else None
    closed = [e for e in state.closed if rank is None or e.code in rank]
    opened = [e for e in state.open if rank is None or e.code in rank]
    if rank is not None:
        closed.sort(key=lambda e: rank[e.code])
        opened.sort(key=lambda e: rank[e.code])
    return [closed_line(e, state.at, level) for e in closed] + [
        open_line(e, state.at) for e in opened
    ]


class OpenNowView(QtWidgets.QLabel):
    """The open-now sentences as one focusable, screen-reader-readable label."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openNow")
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        self.lines: list[str] = []

    def show_state(
        self, state: OpenNow | None, codes: Sequence[str] | None = None, level: str | None = None
    ) -> None:
        self.lines = [] if state is None else open_now_lines(state, codes, level)
        if not self.lines:
            self.clear()
            self.setVisible(False)
            return
        heading = _tr("Open now ({time}):").format(time=state.at.strftime("%H:%M")) if state else ""
        text = "\n".join([heading, *("• " + line for line in self.lines)])
        self.setText(text)
        self.setAccessibleName(_tr("What is open now"))
        self.setAccessibleDescription(" ".join(self.lines))
        self.setVisible(True)
