"""Guard v2: tests for each class of miss that issue 12 lists. Every identifier and trap case here
fails on guard v1 (checked by running these lists against the v1 module of commit b9df237); written
by hand for this file, not taken from the evaluation set. The last test guards v2's own new rule
(unknown lower-case words are suspect) against its obvious cost, typing slips."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import BLOCKING, check

# (note, the identifier as written, kind)
NAMES_BEYOND_THE_CENSUS = [
    ("Oluwaseyi upset about the rota", "Oluwaseyi", "person_name"),  # West African
    ("Wanjiku on leave next week", "Wanjiku", "person_name"),  # East African
    ("Przemek on nights again, exhausted", "Przemek", "person_name"),  # Slavic
    ("Bożena on the bank shift", "Bożena", "person_name"),  # accent folded
    ("Dae-jung on the rota again", "Dae-jung", "person_name"),  # Korean
    ("told şükrü to take a break", "şükrü", "person_name"),  # Turkish, lower case
    ("Hope feels blamed for the fall.", "Hope", "person_name"),  # a virtue name
    ("Mercy wants the family told", "Mercy", "person_name"),
    ("Checked in on Patience by phone.", "Patience", "person_name"),
]
NAME_FORMS = [
    ("Tomi on nights", "Tomi", "person_name"),  # first name alone, no cue verb
    ("Bex upset re rota", "Bex", "person_name"),  # nickname
    ("Ifeoluwa from pharmacy rang", "Ifeoluwa", "person_name"),  # "from DEPT"
    ("Kasia from theatres rang", "Kasia", "person_name"),
    ("asked [Grace] how she is", "Grace", "person_name"),  # in brackets
    ("pt jelena died", "jelena", "person_name"),  # lower case
    ("Jean-Baptiste upset", "Jean-Baptiste", "person_name"),  # hyphenated given name
    ("pt A.B. died overnight", "A.B.", "person_name"),  # initials
    ("RN C.D upset after the round", "C.D", "person_name"),
    ("pt AB died", "AB", "person_name"),
    ("buddy mr sky sat in with us", "sky", "person_name"),  # title in lower case
]
OTHER_KINDS = [
    ("wrote to kofi@hotmail,co,uk", "kofi@hotmail,co,uk", "email"),  # comma for a dot
    ("said to use tunde@yahoo", "tunde@yahoo", "email"),  # no domain ending
    ("form showed 321.54.9876", "321.54.9876", "ssn"),  # SSN with dots
    ("ni number jk 12 34 56 c", "jk 12 34 56 c", "ssn"),
    ("the man in rm. 14 died", "rm. 14", "id_label"),
    ("baby in cot seven deteriorated", "cot seven", "id_label"),
    ("found on trolley: 6 in majors", "trolley: 6", "id_label"),
    ("crash call to stretcher 3", "stretcher 3", "id_label"),
    ("lady in B3/12 fell", "B3/12", "id_label"),
    ("bed twelve was empty", "bed twelve", "id_label"),
    ("ext x4412 for the ward", "x4412", "phone"),
    ("the F/91 with a hip fracture", "F/91", "age_over_89"),
    ("inquest on the fourth of march", "fourth of march", "date"),
    ("died on 19th may", "19th may", "date"),
    ("lives on meadow rd", "meadow rd", "address"),  # no house number, lower case
    ("family moved to Kings Close", "Kings Close", "address"),
    ("zip code 30301 on the form", "zip code 30301", "address"),  # only a ZIP
    ("postcode b12 9tt", "b12 9tt", "address"),
]
CLEAN_TRAPS = [
    "Waterlow 16 and Wells 4, scan delayed.",  # scores
    "Rockwood 6, frail.",
    "Patient with Hirschsprung.",  # eponym
    "Was on Apixaban and Bisoprolol; given Ondansetron and Cyclizine.",  # drugs after "and"
    "Mix-up between Humalog and Tresiba.",
    "Nurse Practitioner and Nurse Specialist both came to the debrief.",  # roles after Nurse
    "Nurse Educator ran the sim.",
    "Staff Nurse Band 5 post",
    "Code Pink alert on maternity.",  # colour codes
    "Code Brown in bay",
    "Sat in the Rowan Suite.",  # a place in the hospital
    "Went to Pret for lunch together.",  # shops
    "Grabbed a sandwich from Greggs.",
    "Fasting for Ramadan; Eid next week. Diwali shift last year was hard.",  # observances
    "Off for Passover, back after Shabbat.",
    "Off for Vaisakhi.",
    "Going home to Ghana for a month.",
]


def _hit(note: str, ident: str, kind: str) -> bool:
    start = note.index(ident)
    end = start + len(ident)
    return any(
        f.start < end
        and start < f.end
        and (f.kind == kind or (kind in BLOCKING and f.kind in BLOCKING))
        for f in check(note).findings
    )


@pytest.mark.parametrize(
    ("note", "ident", "kind"), NAMES_BEYOND_THE_CENSUS + NAME_FORMS + OTHER_KINDS
)
def test_identifier_is_found(note: str, ident: str, kind: str) -> None:
    assert _hit(note, ident, kind), check(note).findings


@pytest.mark.parametrize("note", CLEAN_TRAPS)
def test_false_flag_trap_is_clean(note: str) -> None:
    assert check(note).findings == ()


def test_accents_are_folded_before_look_up_and_offsets_stay_those_typed() -> None:
    note = "spoke with nguyễn thị lan"
    (finding,) = check(note).findings
    assert note[finding.start : finding.end] == "nguyễn thị lan"


def test_a_typing_slip_in_an_ordinary_word_is_not_a_name() -> None:
    assert check("coleague very tearfull, felt igonred by the manger").findings == ()
