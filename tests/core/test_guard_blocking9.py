"""Issue 12, session 9: blocking kinds missed on the opened v6 set, as classes — a grouped number
before a comma, pagers and extensions of other shapes, spoken numbers with "hundred", cubicles
and rooms of other languages, payment codes, e-mail addresses with "point" or a comma — with the
clean text beside them that must stay clean. The sentences are written for this test."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check


def _kinds(note: str) -> set[str]:
    return {f.kind for f in check(note).findings}


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        # a grouped number before a comma (the comma was read as a thousands separator)
        ("her mobile 06 4187 2293, after seven", "long_number"),
        ("the TFN on the form, 865 414 088, went to payroll", "long_number"),
        ("the coroner ref 2026-00412, inquest in May", "long_number"),
        # pagers in other languages, extensions with a dash
        ("morgen bellen, pieper 8471", "phone"),
        ("el busca 2231 no paraba", "phone"),
        ("reach him at extension x4-7721", "phone"),
        # spoken digits with "hundred"
        ("ring her on oh seven seven hundred nine hundred three one two", "long_number"),
        # cubicles and rooms of other languages
        ("she was in box 4 when the tube came out", "id_label"),
        ("the resident on rom 12 died in the night", "id_label"),
        ("seule en salle 3 avec le patient", "id_label"),
        ("the patient in civière 14 pushed her", "id_label"),
        # payment and booking codes
        ("sent the refund by M-Pesa, code QJF2M7T9KA, sorry", "long_number"),
        # e-mail addresses with "point" or a comma for the dot
        ("write to rita.abi at videotron point ca", "email"),
        ("email her at sharon.f(at)hse,ie", "email"),
        ("mail riikka.j(a)hus.fi for the leaflet", "email"),
        # file numbers of capital segments, bracketed area codes, RG/RUT, Portuguese extensions
        ("the inpatient number KLA/PAED/2026/03318 was on her hand", "long_number"),
        ("she wrote NSB-PD-77120 on the form", "long_number"),
        ("my cel (21) 98812-4407 if she needs", "phone"),
        ("left my ramal 4402 with her", "phone"),
        ("RG 22.345.678-9 on the parking form", "ssn"),
        ("the RUT 12.345.678-K was on the letter", "ssn"),
        ("the man in room 6 bed B was dying", "id_label"),
        ("alone in synnytyssali 4 for the first minutes", "id_label"),
    ],
)
def test_blocking_shapes_are_found(note: str, kind: str) -> None:
    assert kind in _kinds(note)


@pytest.mark.parametrize(
    "note",
    [
        "gave 1,000 ml then 2,500 ml over the night",
        "ticked box 4 on the incident form",
        "passive ROM 90 degrees, physio happy",
        "two hundred mls then one hundred more",
        "CHA2DS2VASC 4, on apixaban",
        "she was at work, de facto in charge",
        "COVID19 ward reopened, staff tired",
        "PC-PTSD-5 screen and ICD-10 codes, SARS-CoV-2 again",
        "bed I think was the problem, not her",
        "the poste de soins was quiet",
    ],
)
def test_clean_text_beside_those_shapes_stays_clean(note: str) -> None:
    assert _kinds(note) - {"person_name"} == set()


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        # ages without "years": "at ninety-three", "aged 94", a person "who died was 93", "like 94"
        ("at ninety three a quiet death is no failure", "age_over_89"),
        ("the old mzee who died was 93, she feels she missed it", "age_over_89"),
        ("pt was like 94, full code, family would not budge", "age_over_89"),
        ("aged 97 and still living alone", "age_over_89"),
        ("the patient was noventa y cuatro years old", "age_over_89"),
        # a day and a month after a word of meeting; a weekday and an ordinal word
        ("next contact 20.01, she will ring", "date"),
        ("appointment on 22-01 with occupational health", "date"),
        ("debrief on friday the fifth at half eight", "date"),
    ],
)
def test_ages_and_dates_without_their_usual_words_are_found(note: str, kind: str) -> None:
    assert kind in _kinds(note)


@pytest.mark.parametrize(
    "note",
    [
        "sats at 94 on room air",
        "driving at ninety miles an hour",
        "on 10-12 patients a shift",
        "age 12 at her first placement",
        "gave 20.01 ml by mistake",
    ],
)
def test_numbers_beside_them_are_no_ages_or_dates(note: str) -> None:
    assert _kinds(note) - {"person_name"} == set()


@pytest.mark.parametrize(
    "note",
    [
        # published numbers of helplines (resources/names/public_numbers.txt)
        "Gave him the SADAG number 0800 567 567 and he saved it",
        "the TelefonSeelsorge is 0800 111 0 111, free and always open",
        "reminded her of the 310-6789 mental health line and 988",
        "Lifeline 13 11 14 if the nights get bad",
    ],
)
def test_helpline_numbers_are_no_identifiers(note: str) -> None:
    assert _kinds(note) - {"person_name"} == set()


def test_a_number_one_digit_from_a_helpline_is_still_a_number() -> None:
    assert "phone" in _kinds("call her on 0800 567 568 tonight")


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Pager 5 3317 for the house sup overnight", "phone"),
        ("llamar al nueve siete seis cinco cuatro tres dos uno cero", "long_number"),
        ("rappeler au zéro six cinquante-deux dix-huit quarante-quatre trente", "long_number"),
        ("Cédula of the nurse for the ARL form: 1.020.745.381.", "ssn"),
        ("CC 52.887.134, she agreed", "ssn"),
    ],
)
def test_pagers_spoken_numbers_and_dotted_ids_of_other_languages(note: str, kind: str) -> None:
    assert kind in _kinds(note)


@pytest.mark.parametrize(
    "note", ["ganó 1.000.000 pesos en la rifa", "uno dos tres, respira, she said"]
)
def test_money_and_counting_stay_clean(note: str) -> None:
    assert _kinds(note) - {"person_name"} == set()


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("send it to matias.s arroba gmail punto com", "email"),
        ("psych.support(at)jhospital,jo for the referral", "email"),
        ("the new girls after the code in cabin 4", "id_label"),
        ("el niño estaba en la cuna 6 de la UPC", "id_label"),
        ("after the death in ICU, voodi 6", "id_label"),
        ("Locker kapp 212 is where she left the letter", "id_label"),
        ("M 91 cardiac arrest in the caravan park", "age_over_89"),
        ("The farm owner is 91 and would not go in", "age_over_89"),
        ("el paciente tenía noventa y dos y murió", "age_over_89"),
        ("la paciente tenía 98 anys", "age_over_89"),
        ("Follow up meeting 03/12 at 7 am", "date"),
        ("Follow-up on 3. 11. 2026 with her", "date"),
        ("Next talk 12. 3. if she wants", "date"),
        ("Follow-up 2. aprill, sleeping better", "date"),
    ],
)
def test_shapes_of_the_opened_v8_set(note: str, kind: str) -> None:
    assert kind in _kinds(note)


@pytest.mark.parametrize("note", ["M 5 mg given", "steps 1. 2. 3. done", "she was at home, no one"])
def test_beside_them_stays_clean(note: str) -> None:
    assert _kinds(note) - {"person_name"} == set()


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("pt 93 in bed 21, she wanted the priest earlier", "age_over_89"),
        ("The patient in cubicle 7 was 91; she was the last one with him", "age_over_89"),
        ("patient in she nineties die on de commode", "age_over_89"),
        ("the résidente was centenaire, family angry", "age_over_89"),
        ("registre national for the leave form: 87.04.12-215.39", "ssn"),
        ("the staff psychologist, ext. 2-41-77", "phone"),
        ("pt in stofa 5 died, she cried in the car", "id_label"),
        ("death in krevet 6, crying in the locker room", "id_label"),
    ],
)
def test_shapes_of_the_opened_v9_set(note: str, kind: str) -> None:
    assert kind in _kinds(note)


def test_a_percentage_after_a_bed_is_no_age() -> None:
    assert "age_over_89" not in _kinds("the patient in bed 3 was 95 percent on air")
