"""Food, drink and devices where a name would stand (svdesk/unit/guard/things.py, issue 12):
what was brought for the shift and a word before a noun of food or a device are not names;
a person who was brought something, and a listed name, still are. The notes here are not from
any evaluation set."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check


def _names(text: str) -> list[str]:
    return [f.text for f in check(text).findings if f.kind == "person_name"]


@pytest.mark.parametrize(
    "text",
    [
        "Someone brought jollof rice and puff puff for the whole shift.",
        "We bought pastizzi and Kinnie for the night team, small thing.",
        "The manager ordered Jollibee and shawarma for the team after the debrief.",
        "Had jalebi sweets together after the handover, it helped.",
        "The Zoll monitors froze twice, staff frustrated.",
        "Patient got Novalgin and then Tavor, then the seizure, team managed.",
        "St. Brigid's ward 3 and the MAU were slammed all night.",
    ],
)
def test_what_was_brought_is_not_a_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("brought Chidinma a tea after the code", "Chidinma"),
        ("bought Oluwaseun lunch, she cried", "Oluwaseun"),
        ("We brought Grace Okafor flowers for her last shift.", "Grace Okafor"),
    ],
)
def test_a_person_who_was_brought_something_is_a_name(text: str, name: str) -> None:
    assert name in " ".join(_names(text))


@pytest.mark.parametrize(
    "text",
    [
        "She read out the patient's Aadhaar at triage, told her not to.",
        "The personnummer was on the handover sheet, shredded it.",
        "Iqama and NRIC numbers stay off the notes, reminded the team.",
    ],
)
def test_the_names_of_identity_documents_are_not_names(text: str) -> None:
    assert _names(text) == []
