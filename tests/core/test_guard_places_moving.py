"""Places after "to"/"from" (svdesk/unit/guard/places.py, issue 12): a listed place that is no
name needs no verb of moving, a verb may have a particle ("drove in from"), what moves may be a
noun ("patients from"), and after a transfer the place's name may be a name's words. Names stay
names beside them. The notes here are not from any evaluation set."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check


def _names(text: str) -> list[str]:
    return [f.text for f in check(text).findings if f.kind == "person_name"]


@pytest.mark.parametrize(
    "text",
    [
        "Patients from Manurewa all night, the team was tired.",
        "Retrieval flown out to Darwin, staff worried.",
        "Transferred to Tan Tock Seng for isolation, staff relieved.",
        "She drove in from Clydebank through the snow.",
        "Kid transferred to Royal Darwin then to the burns unit, staff upset.",
    ],
)
def test_a_place_after_to_or_from_is_not_a_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Handed over to Tan Wei Ming at seven, she was fine.", "Tan Wei Ming"),
        ("Got a call from Maria about the rota.", "Maria"),
        ("Sat with Katherine after she came back from Leeds.", "Katherine"),
        ("Sent the rota to Dr Darwin before the shift.", "Darwin"),
    ],
)
def test_names_beside_places_are_still_names(text: str, name: str) -> None:
    assert name in " ".join(_names(text))
