"""Guard classes added for issue 12 after the word-name rules: names from the subject or object
position (svdesk/unit/guard/context.py), identifier forms (SSN separators, NI numbers with any
prefix, digits mixed with number words, spaced e-mails and web addresses, labels written
together with their number, unit/house addresses, ages over 89 in words), and clean words the
guard used to take for names (kin words, plural weekdays, abbreviations, eponym pairs, dialect
particles). The sentences are new, not from an evaluation set; each case failed on the guard
before this change (commit 416f4fb's guard) unless marked "pins".
"""

from __future__ import annotations

import pytest

from svdesk.unit.guard import BLOCKING, IdentifierGuard

GUARD = IdentifierGuard()

NAMES = [
    # a nickname, a month or a short name as the subject of a person's predicate
    ("Jun said she cannot face another night like that", "Jun"),
    ("Mar is struggling since the inquest", "Mar"),
    ("then Pia said the relatives shouted at her", "Pia"),  # pins
    ("Sunita thinks Min wants to leave the unit", "Min"),
    # lower case, a name in no list that is one slip from a word
    ("dorel was in tears after the crash call", "dorel"),  # pins
    ("yusra wants a call back tomorrow", "yusra"),  # pins
    # the object of a kin word or a person verb
    ("husband of Mar phoned the ward twice", "Mar"),
    ("checked in on april, she sounded flat", "april"),
    ("had a coffee w Kestrel after the shift", "Kestrel"),
    # a pronoun and a name, an apposition with a verb after the role
    ("she and Ebru were the only two on", "Ebru"),  # pins
    ("Tomasz the night porter found him", "Tomasz"),  # pins
    ("Lovely from the ward was shaken", "Lovely"),
    # a follow-up, a verb and a preposition
    ("F/U Mercy 1/52", "Mercy"),
    ("spoke to Jun about the rota", "Jun"),
    ("covering for Min again on nights", "Min"),
    # capitalised, hyphenated given names before a number
    ("Seo-yeon 07700 900451 wants a call", "Seo-yeon"),
]

IDENTIFIERS = [
    ("ssn 412/55/7781 on the form", "412/55/7781", "ssn"),
    ("her social security 412 . 55 . 7781", "412 . 55 . 7781", "ssn"),
    ("NI number QQ 98 76 54 A on the letter", "QQ 98 76 54 A", "ssn"),
    ("call him on 07700 nine double one 432", "07700 nine double one 432", "long_number"),
    ("ring (01632) 960 001 after six", "(01632) 960 001", "phone"),
    ("email is j o s i e @ g m a i l . c o m", "j o s i e @ g m a i l . c o m", "email"),
    ("page at www . facebook . com / josie.k", "www . facebook . com / josie.k", "url"),
    ("bed7b was the one who fell", "bed7b", "id_label"),
    ("crib 3 parents very upset", "crib 3", "id_label"),
    ("they live at Unit 2/45 Wattle Rd", "Unit 2/45 Wattle Rd", "address"),  # pins
    ("she is from Brgy. Santa Cruz like her mum", "Brgy. Santa Cruz", "address"),
    ("the patient was ninety-four and very frail", "was ninety-four", "age_over_89"),
    ("she's 97 and lives alone", "she's 97", "age_over_89"),
]

CLEAN = [
    "texted Mum after the shift, felt better",
    "Nan was in tears at the funeral, she says",
    "Mondays are the worst for staffing",
    "CNA was pushed during the restraint",
    "two MVAs and three GSWs overnight, everyone drained",
    "Hunt and Hess grade 4, the family were told",
    "Child-Pugh C, the family struggle with it",
    "quiet room on 6 West was free after the debrief",
    "ok na sya, will call po",
    "the whanau were kind but it was hard",
    "working 0800-2000 four days running, exhausted",  # pins: shift times
    "Hope the nurse is ok after last night",  # "Hope" opens a wish, not a name
    "Dawn came up before she got home",  # pins: a verb of motion needs a non-word
    "50/50 chance the registrar said, it did not go well",
    "sats were ninety-six on air",  # pins
    "in at 12 34 56 a day is too much",
    "Very anxious about the inquest next week",  # pins: "Very" is no pet name
    # texting shorthand, dialect particles, shops, organisations (resources/names/safe_words.txt)
    "soz, proper shattered, lmk if she rings",
    "abeg the family wahala is too much, she is tired",
    "salamat po, she will sleep now",
    "had a Maccas run at 3am with the crew",
    "talked to occ health about nights",
    "the Freedom to Speak Up Policy was mentioned",  # pins
    "upset about bieng blamed again",  # pins: a typing slip is no name
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_a_name_from_its_place_in_the_sentence_is_found(text: str, name: str) -> None:
    start = text.index(name)
    found = GUARD.check(text).findings
    assert any(
        f.kind == "person_name" and f.start <= start and start + len(name) <= f.end for f in found
    ), (text, found)


@pytest.mark.parametrize(("text", "piece", "kind"), IDENTIFIERS)
def test_an_identifier_form_is_found(text: str, piece: str, kind: str) -> None:
    start = text.index(piece)
    end = start + len(piece)
    found = GUARD.check(text).findings

    def same(k: str) -> bool:
        return k in BLOCKING if kind in BLOCKING else k == kind

    assert any(same(f.kind) and f.start < end and start < f.end for f in found), (text, found)


@pytest.mark.parametrize("text", CLEAN)
def test_a_clean_note_is_not_flagged(text: str) -> None:
    assert GUARD.check(text).findings == ()
