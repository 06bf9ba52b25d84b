"""Issue 12, fourth round: identifier shapes by class (svdesk/unit/guard/shapes.py), each
with clean text of the same look that must stay clean. Sentences written for this test."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check


def _found(note: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check(note).findings]


@pytest.mark.parametrize(
    ("note", "kind", "text"),
    [
        ("the letter had ref HR/2025/0931 on it", "long_number", "HR/2025/0931"),
        ("Datix ref 2025-11873 was filed by the charge nurse", "long_number", "2025-11873"),
        ("her PIN 08K2291C is on the renewal form", "long_number", "08K2291C"),
        ("he was moved to bed-7 after the fall", "id_label", "bed-7"),
        ("baby in katil 14 had the arrest", "id_label", "katil 14"),
        ("card no K 552 019 (3) on the form", "ssn", "K 552 019 (3)"),
        ("the page is at justgiving[.]com/team-x now", "url", "justgiving[.]com/team-x"),
        ("write to m.ortiz at clinicanorte dot mx", "email", "m.ortiz at clinicanorte dot mx"),
        ("her cell 6612 3048 if you need her", "phone", "6612 3048"),
        ("lady was 97y, frail, DNR in place", "age_over_89", "97y"),
        ("pt 94 años, fall at home", "age_over_89", "94 años"),
        ("the gent was older than 95 and very deaf", "age_over_89", "older than 95"),
        ("it was on the 9th of last month", "date", "9th of last month"),
        ("the 4th o june wis the night", "date", "4th o june"),
        ("3 Shawwal 1446 was the day", "date", "3 Shawwal 1446"),
        ("they live at Villa 9, Street 21 near the mall", "address", "Villa 9, Street 21"),
        ("the family is on Heol Tywyn by the chapel", "address", "Heol Tywyn"),
        ("she lives up Heol y Bryn still", "address", "Heol y Bryn"),
        ("postcode T2P 4K9 was on the envelope", "address", "T2P 4K9"),
        ("staying at 220 w 14th st for the contract", "address", "220 w 14th st"),
    ],
)
def test_shapes_are_found(note: str, kind: str, text: str) -> None:
    assert (kind, text) in _found(note)


@pytest.mark.parametrize(
    "note",
    [
        "the reference 2019 guidelines were out of date",
        "the incident 24/7 cover is thin",
        "sats were about 92 on air, then better",
        "over 90 minutes in the waiting room",
        "the 3rd of the four bank nurses came late",
        "ICU 2024 audit showed nothing new",
    ],
)
def test_look_alikes_stay_clean(note: str) -> None:
    assert _found(note) == []
