"""Abbreviations and brands by their case (svdesk/unit/guard/names.py, issue 12): capitals
inside a word, more than a name has, and a short word in capitals after "to"/"for" are not
names; names in capitals and names with one inner capital still are. The notes here are not
from any evaluation set."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check


def _names(text: str) -> list[str]:
    return [f.text for f in check(text).findings if f.kind == "person_name"]


@pytest.mark.parametrize(
    "text",
    [
        "Both towers full, overflow to PACU until morning.",
        "Sent for LVAD work-up, the team was relieved.",
        "HoNOS high, the risk assessment was updated.",
        "A CHA2DS2-VASc of 5, a hard call for the team.",
        "The iPad with the rota died mid shift.",
    ],
)
def test_case_shapes_of_abbreviations_are_not_names(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("MARICRIS and JOVY were on together, both ok.", "JOVY"),
        ("Spoke to DeShawn after the code, he is ok.", "DeShawn"),
        ("Talked to AMINA about the complaint.", "AMINA"),
        ("CMcC signed the sheet, she wants a call back.", "CMcC"),
    ],
)
def test_names_in_capitals_are_still_names(text: str, name: str) -> None:
    assert name in " ".join(_names(text))
