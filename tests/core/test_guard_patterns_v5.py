"""Issue 12, fifth round: the non-name kinds by class (svdesk/unit/guard/world.py, the
duration and rating rule of patterns.py): ages over 89 after a word for a person and in other
languages, European and other addresses and postcodes, bed and room labels of other languages,
health and identity numbers, dates of other languages; and the clinical shorthand "3/7",
"3/12" and the rating "10/10" that are no dates. Each shape has a clean twin of the same look.
Sentences written for this test (none from an evaluation set)."""

from __future__ import annotations

import time

import pytest

from svdesk.unit.guard import check


def _kinds(note: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check(note).findings]


def _has(note: str, kind: str, text: str) -> bool:
    return any(k == kind and (text in t or t in text) for k, t in _kinds(note))


FOUND = [
    # ages over 89: between commas or after a verb of being, after a word for a person
    ("The grandad, 93, fell on the stairs at home.", "age_over_89", "93"),
    ("* The widow, 90, sat with the chaplain all night.", "age_over_89", "90"),
    ("Old bloke was 97, the nurse found him on the floor.", "age_over_89", "97"),
    ("the resident was 104 and the daughter shouted at staff", "age_over_89", "104"),
    ("Pt 95. Fall. Died in resus.", "age_over_89", "95"),
    ("The lady was over ninety, and the son wanted everything done.", "age_over_89", "ninety"),
    ("a woman of one hundred and two, sharp as anything", "age_over_89", "one hundred and two"),
    ("The kuia, ninety-six, blessed the room.", "age_over_89", "ninety-six"),
    # ages in other languages, with the word for years
    ("Señora de noventa y siete años, caída en casa.", "age_over_89", "noventa y siete años"),
    ("Senhora de noventa e dois anos, muito frágil.", "age_over_89", "noventa e dois anos"),
    ("Il avait quatre-vingt-dix-sept ans et vivait seul.", "age_over_89", "dix-sept ans"),
    ("Die Dame war vierundneunzig Jahre alt.", "age_over_89", "vierundneunzig Jahre"),
    ("Mevrouw was zesennegentig jaar, heel zwak.", "age_over_89", "zesennegentig jaar"),
    # addresses: a street word compound and a number, postcode and city
    (
        "The form said Kastanienallee 77, 10435 Berlin for the family.",
        "address",
        "Kastanienallee 77",
    ),
    ("address Götgatan 42, 118 26 Stockholm on the sheet", "address", "Götgatan 42"),
    ("Keizersgracht 401, 1016 EK Amsterdam was on the screen", "address", "Keizersgracht 401"),
    ("lives at Lindenstraße 5a with the daughter", "address", "Lindenstraße 5a"),
    # a street word of another language before the name, then a number and a floor
    ("viven en Calle de Alcalá 221, 2ºA, 28028 Madrid con la hija", "address", "Calle de Alcalá"),
    ("moram na Rua do Ouro 55, 3º Dto, Lisboa", "address", "Rua do Ouro 55"),
    ("12 rue des Lilas, 69003 Lyon was on the envelope", "address", "12 rue des Lilas"),
    ("Via Garibaldi 14, Torino on the referral", "address", "Via Garibaldi 14"),
    # letters beyond ASCII in an English street, an Australian state and postcode
    ("she grew up at 14 Kōwhai Street, Ōtāhuhu, small world", "address", "14 Kōwhai Street"),
    ("the family moved, hon bor i 413 19 Göteborg nu", "address", "413 19 Göteborg"),
    # bed and room labels of other languages, a letter before the number
    ("Der Patient in Zimmer 4 Bett 1 hat geschrien.", "id_label", "Zimmer 4 Bett 1"),
    ("o doente da sala 2 maca 7 agrediu a enfermeira", "id_label", "sala 2 maca 7"),
    ("le patient du lit 8 a crié toute la nuit", "id_label", "lit 8"),
    ("de patiënt op kamer 12 was boos", "id_label", "kamer 12"),
    ("patienten på sängplats 5 var orolig", "id_label", "sängplats 5"),
    ("bed C4 pt spat at the HCA", "id_label", "bed C4"),
    ("the man in bay D2 punched the porter", "id_label", "bay D2"),
    ("stuff in locker 23 went missing", "id_label", "locker 23"),
    # health and identity numbers
    ("her NHI is HTR7390 on the whiteboard", "mrn", "HTR7390"),
    ("nhi: pqx 4417 was read out at handover", "mrn", "pqx 4417"),
    ("saw MKD5522 on the bed board", "mrn", "MKD5522"),
    ("health card 4512-337-901-KT on the triage note", "mrn", "4512-337-901"),
    ("RAMQ LAVM 5812 0344 was on the fax", "mrn", "LAVM 5812 0344"),
    ("BSN 3391.27.448 on the form", "ssn", "3391.27.448"),
    ("personnummer 470312-4421 was on the screen", "ssn", "470312-4421"),
    ("PPS 8812345WA on the letter", "ssn", "8812345WA"),
    # dates of other languages
    ("Nació el 14 de junio de 1929, muy lúcida.", "date", "14 de junio de 1929"),
    ("elle est arrivée le 12 mars, très tard", "date", "12 mars"),
    ("er kam am 3. Oktober zurück", "date", "3. Oktober"),
    ("ze kwam op 9 maart terug", "date", "9 maart"),
    ("data di nascita 2 maggio 1931", "date", "2 maggio 1931"),
    # second round: titled names, brackets, words for years, separate street words, Polish
    # flats and postcodes, more identity numbers and month names, a weekday and an ordinal
    ("Mrs Okoro, 96, was settled at last.", "age_over_89", "96"),
    ("her grandfather (97) died overnight", "age_over_89", "97"),
    ("mit 93 Jahren noch allein", "age_over_89", "93 Jahren"),
    ("de 92-jarige man viel", "age_over_89", "92-jarige"),
    ("Frankfurter Straße 18, 34117 Kassel on the form", "address", "Frankfurter Straße 18"),
    ("Thorvald Meyers gate 12, 0555 Oslo was on it", "address", "gate 12"),
    ("ul. Długa 5/7, 80-827 Gdańsk on the referral", "address", "ul. Długa 5/7"),
    ("la paciente de la cama número 6 gritaba", "id_label", "cama número 6"),
    ("CPF 321.654.987-00 on the form", "ssn", "321.654.987-00"),
    ("codice fiscale BNCLRA80A41H501X sul modulo", "ssn", "BNCLRA80A41H501X"),
    ("CPR 240391-1234 on the screen", "ssn", "240391-1234"),
    ("urodzona 3 maja 1930 w Krakowie", "date", "3 maja 1930"),
    ("lahir 17 Agustus 1931 di Jakarta", "date", "17 Agustus 1931"),
    ("friday the 13th was the night it happened", "date", "friday the 13th"),
    ("sie kam am 24.12. in die Notaufnahme", "date", "24.12."),
    ("el paciente del cubículo 3 gritaba", "id_label", "cubículo 3"),
    # a fraction is a date when a cue stands before it
    ("it happened on 3/7 and she is still upset", "date", "3/7"),
    ("Thurs 2/12 was the worst night", "date", "2/12"),
    ("f/u on 2/3 she said", "date", "2/3"),
]


@pytest.mark.parametrize(("note", "kind", "text"), FOUND)
def test_found(note: str, kind: str, text: str) -> None:
    assert _has(note, kind, text), _kinds(note)


CLEAN = [
    # measurements and counts near a number over 89 stay clean
    ("sats 92, HR 110, BP 100/60, temp 38.2 on arrival", "age_over_89"),
    ("the patient was 94% on room air, then 90 on 2 litres", "age_over_89"),
    ("gave 90 mg, then room 90 was cleaned, 95 patients seen in 90 minutes", "age_over_89"),
    ("The patient, sats 91, was moved.", "age_over_89"),
    ("we had over a hundred calls tonight and over ninety patients", "age_over_89"),
    ("noventa minutos de espera, cien pacientes", "age_over_89"),
    # ward and theatre numbers are no labels; "x2" is a count
    ("ward 7 and theatre 3 were busy, then ward 12", "id_label"),
    ("she has had two nights in bed x2 this week", "id_label"),
    ("we lit 3 candles for her in the chapel", "id_label"),
    ("die Dosis war 2.5. Danach ging es besser", "date"),
    # words that end like a street word, "Via" as English, a brigade
    ("the fire brigade 2 crews came, Via Teams 3 people joined", "address"),
    ("During 3 shifts, 10000 Units of heparin were given", "address"),
    # a place named after a date
    ("Trasladada al Hospital 12 de Octubre, el equipo tranquilo.", "date"),
    # acronyms and a year are no NHI
    ("CPR2024 course and the GCS score", "mrn"),
    ("Mr Smith, 45, was fine and the patient (45) too", "age_over_89"),
    ("the departure gate 5 was busy, the form said Sonnenallee only", "address"),
]


@pytest.mark.parametrize(("note", "kind"), CLEAN)
def test_clean_twin(note: str, kind: str) -> None:
    assert not [k for k, _ in _kinds(note) if k == kind], _kinds(note)


DURATIONS = [
    "Off 3/7, back on Monday.",
    "sick leave 2/7 for the HCA, fine",
    "her contract ends in 3/12, anxious about renewal",
    "labour was 3/7 in total, long shift",
    "4/7 of the long weekend on call, the team is exhausted",
    "pizza for the night crew, 10/10",
    "rated the debrief 8/10 afterwards",
    "gave 2/3 of the feed",
]


@pytest.mark.parametrize("note", DURATIONS)
def test_durations_and_ratings_are_no_dates(note: str) -> None:
    assert not [k for k, _ in _kinds(note) if k == "date"], _kinds(note)


@pytest.mark.parametrize(
    "chunk",
    [
        "Calle de de de la la ",
        "Sonnenallee" * 5 + " ",
        "patient, 9",
        "12 rue de la ",
        "Zimmer 7 Bett ",
        "NHI ",
        "3 de mayo de ",
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
        "1 2 3 4 5 6 7 8 9 ",
        "3/7 ",
    ],
)
def test_long_input_stays_fast(chunk: str) -> None:
    note = (chunk * (10_000 // len(chunk) + 1))[:10_000]
    started = time.perf_counter()
    check(note)
    assert time.perf_counter() - started < 3.0
