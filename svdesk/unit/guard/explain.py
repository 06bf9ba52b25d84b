"""What each kind of finding is and how to rephrase it: one sentence each, shared by
`svdesk guard check --explain` and the note editor's highlights and message list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Explanation:
    label: str  # "a phone number", as in "the note contains a phone number"
    message: str  # one sentence: why the guard stopped or warned
    advice: str  # how to rephrase


EXPLANATIONS: dict[str, Explanation] = {
    "email": Explanation(
        "an email address",
        "An email address identifies a person and cannot be saved.",
        "Remove it; write 'gave contact details' if it matters.",
    ),
    "phone": Explanation(
        "a phone number",
        "A phone, pager or extension number cannot be saved.",
        "Remove it; write 'will call back' or 'number on file elsewhere'.",
    ),
    "url": Explanation(
        "a web address",
        "A web address (a fundraiser, a post, a profile) can identify someone and cannot be saved.",
        "Remove it; write 'a post online' or 'a fundraising page'.",
    ),
    "mrn": Explanation(
        "a medical record number",
        "A medical record, hospital or NHS number identifies a patient and cannot be saved.",
        "Remove it; write 'the patient' instead.",
    ),
    "ssn": Explanation(
        "a social security number",
        "A social security or National Insurance number cannot be saved.",
        "Remove it entirely.",
    ),
    "long_number": Explanation(
        "a long number",
        "A long number may be a record, account or reference number and cannot be saved.",
        "Remove it; write 'a reference number' if it matters.",
    ),
    "id_label": Explanation(
        "an identifier label (such as MRN, DOB or a bed number)",
        "A bed, room, cot or trolley label or a record label points to one patient and cannot "
        "be saved.",
        "Write 'a patient on the ward' or 'in one of the bays' instead.",
    ),
    "date": Explanation(
        "a date",
        "A date (of birth, death, an incident or a hearing) can identify the people involved.",
        "Write 'last week', 'recently' or 'next month' instead.",
    ),
    "age_over_89": Explanation(
        "an age over 89",
        "An age over 89 is rare enough to identify a person.",
        "Write 'an elderly patient' or 'over 80' instead.",
    ),
    "address": Explanation(
        "an address",
        "A street, postcode or ZIP code can identify where someone lives.",
        "Write 'at home' or 'locally' instead.",
    ),
    "person_name": Explanation(
        "a person's name",
        "This looks like a person's name; notes must not name patients, relatives or staff.",
        "Write 'a colleague', 'the patient' or 'a relative' instead of a name.",
    ),
    "roster_name": Explanation(
        "a name from the unit roster",
        "This is the name of someone on the unit's staff list.",
        "Write 'a colleague' or their role ('the charge nurse') instead of a name.",
    ),
}


def explain(kind: str) -> Explanation:
    """The explanation of a finding kind (every kind in KINDS has one)."""
    return EXPLANATIONS[kind]
