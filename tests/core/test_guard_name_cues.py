"""Name cues at the start of a sentence (svdesk/unit/guard/names.py, issue 12): a capitalised
word in no list before "from DEPT" or ", the ROLE" is a name even first in its sentence (where a
long word could otherwise be a typing slip), more verbs say a person ("signed", "wrote"), and
initials without dots are found as the subject of a person's verb or after "talked to". The
notes here are not from any evaluation set."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check


def _names(text: str) -> list[str]:
    return [f.text for f in check(text).findings if f.kind == "person_name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Palesa from CSSD came up to help with the trays.", "Palesa"),
        ("Zarina from the laboratory phoned the result late, upset.", "Zarina"),
        ("Makoena from the night shift asked for a call back.", "Makoena"),
        ("ZURAB signed the sheet with his first name only.", "ZURAB"),
        ("AKL wants follow up next week.", "AKL"),
        ("TKM is the scrub nurse who wants a call.", "TKM"),
        ("Talked to JM after the transfer, back pain and frustration.", "JM"),
        ("- PVR said he is fine but has not slept.", "PVR"),
    ],
)
def test_cued_names_at_the_start_of_a_sentence(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "ICU wants a debrief on Friday.",
        "NOK said they will come in the morning.",
        "HR asked for the sickness form.",
        "Staff from the night shift came down to help.",
        "Patients from the ambulance were all triaged.",
    ],
)
def test_departments_and_abbreviations_are_not_names(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Willow the care assistant went home in tears.", "Willow"),
        ("sky the traveler said she never saw so many boarders", "sky"),
        ("Faith the MCA asked to swap her on-call.", "Faith"),
        ("Summer from the night shift asked for a call back.", "Summer"),
    ],
)
def test_a_word_name_first_in_its_sentence_with_its_role(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hope the new sister starts soon, we are short.",
        "Will the new manager listen, that is the question.",
        "Grace the resident's cat died the same week, no person involved.",
        "El pilar del equipo es la comunicación, dijo la supervisora en la sesión.",
        "the patient deteriorated fast, nurse feels out of her depth",
    ],
)
def test_words_before_a_role_are_not_names(text: str) -> None:
    assert _names(text) == []
