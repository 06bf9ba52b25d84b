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
    ],
)
def test_clean_text_beside_those_shapes_stays_clean(note: str) -> None:
    assert _kinds(note) - {"person_name"} == set()
