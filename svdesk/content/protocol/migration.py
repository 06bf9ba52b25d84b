"""Moving the answers of an unfinished conversation to a newer protocol (docs/content-migration.md).

Decision: a draft started under an older protocol does not finish under it — the old wording is
not kept in the app, and protocol 1.0.0 asked the screener's item 6 wrongly. It is moved to the
current protocol and its escalation is re-evaluated with the current rules, with a visible
notice of what changed. Completed records are never touched: they keep the protocol and rules
versions they were made with.

Pure: answers in, answers and notices out; `svdesk.unit.draft_migration` stores the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from svdesk.content.protocol.model import Protocol

__all__ = ["Migration", "migrate_answers"]


@dataclass(frozen=True)
class Migration:
    from_version: str
    to_version: str
    answers: dict[str, object]
    notices: tuple[str, ...]  # for the supporter, in plain words, most important first


_Step = Callable[[dict[str, object], list[str]], None]


def _v1_to_v2(answers: dict[str, object], notices: list[str]) -> None:
    """Protocol 1.0.0 asked item 6 only as "in the past 3 months"; 2.0.0 asks "ever", then,
    after a yes, "within the past 3 months"."""
    recent = answers.pop("safety.cssrs.behavior_3mo", None)
    if recent is True:
        # Behaviour in the past 3 months is behaviour ever: both parts are yes.
        answers["safety.cssrs.behavior_lifetime"] = True
        answers["safety.cssrs.behavior_3mo"] = True
        notices.append(
            "Item 6 of the screener is now asked in two parts. The earlier yes (in the past 3 "
            "months) is kept as yes to both parts."
        )
    elif recent is False:
        notices.append(
            "Item 6 of the screener is now asked in two parts, and the earlier no covered only "
            "the past 3 months: ask again whether they have ever done, started or prepared "
            "anything to end their life."
        )
    notices.append(
        "New questions may apply: intent or a plan to harm a particular person (after thoughts "
        "of harming someone), impairment by alcohol or drugs at work, and whether several "
        "departments were affected."
    )


# (from version, to version) -> the step that moves the answers.
_STEPS: Mapping[tuple[str, str], _Step] = {("1.0.0", "2.0.0"): _v1_to_v2}


def migrate_answers(
    answers: Mapping[str, object],
    from_version: str,
    protocol: Protocol,
    *,
    encounter_type: str = "initial",
) -> Migration:
    """The `answers` of a draft started under protocol `from_version`, moved to `protocol`.

    Known steps (1.0.0 → 2.0.0) move answers whose meaning changed; answers to questions the
    protocol no longer has, or that no longer fit it, are dropped and named in a notice.
    """
    to_version = protocol.version
    moved: dict[str, object] = {k: v for k, v in answers.items() if v is not None}
    notices: list[str] = []
    if from_version == to_version:
        return Migration(from_version, to_version, moved, ())
    step = _STEPS.get((from_version, to_version))
    if step is not None:
        step(moved, notices)
    dropped = []
    for qid in sorted(moved):
        if not protocol.has_question(qid) or protocol.question(qid).problem(moved[qid]):
            dropped.append(qid)
            del moved[qid]
    if dropped:
        notices.append(
            "These answers no longer fit the protocol and were removed: "
            + ", ".join(dropped)
            + ". Ask again if they matter."
        )
    if encounter_type == "follow_up":
        notices.append(
            "At follow-ups the screener's items 1 to 5 now ask about the time since you last "
            "spoke, not the past month."
        )
    notices.insert(
        0,
        f"This conversation was started with protocol {from_version}. It continues with "
        f"protocol {to_version}, and the escalation is worked out again with the current "
        "rules: the banner shows the new result.",
    )
    return Migration(from_version, to_version, moved, tuple(notices))
