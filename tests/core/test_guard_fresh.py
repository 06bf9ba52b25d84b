"""Notes written by hand after the guard was tuned (not generated): a probe of realistic phrasing.

First run, before any fix: 0 of 20 clean notes flagged, 19 of 20 identifiers found ("Pt was
Kwabena" was missed and then fixed). Kept as a regression test.
"""

from __future__ import annotations

import time

import pytest

from svdesk.unit.guard import BLOCKING, check

CLEAN = [
    (
        "Colleague very low after the code on nights; says she keeps seeing the monitor. Talked "
        "about normal reactions. Will check in Fri."
    ),
    (
        "Strong feelings of guilt, blames self for missed sepsis signs. Explained the RCA is about "
        "systems. GP appt booked."
    ),
    (
        "HCA upset after pt fall in the bathroom, was alone on the bay. Staffing concerns raised "
        "with NIC."
    ),
    "Newly qualified RN, 1st death. Cried a lot, then calmer. Likes running, plans a run tomorrow.",
    (
        "Theatre team debrief after the intra-op arrest went well; ODP still shaky. Offered 1:1 "
        "next week."
    ),
    "Midwife distressed after PPH and emergency hysterectomy. Partner supportive. Follow up 72h.",
    (
        "Reg angry about the complaint letter, feels unsupported by the division. Signposted to "
        "BMA and OH."
    ),
    (
        "Consultant tearful re: paeds death, first in 10 yrs. Wants to attend the funeral; "
        "discussed boundaries."
    ),
    (
        "Pharmacist made a decimal error with insulin, caught before harm. Very anxious about "
        "the GPhC."
    ),
    (
        "Porter witnessed the arrest in the lift. Didn't know what to do. Talked it through, BLS "
        "course offered."
    ),
    (
        "Paramedic crew: long extraction, patient died en route. Colleague numb. Using the TRiM "
        "pathway."
    ),
    (
        "Student nurse shocked by how fast things deteriorated. Mentor aware. Wellbeing hub info "
        "given."
    ),
    "ICU nurse, 3rd death this week, exhausted. Taking annual leave from Monday. Text in 2/52.",
    "Domestic staff member found the patient on the floor. Shaken. Manager to release for an hour.",
    (
        "Doc felt the family blamed her. Reassured about Duty of Candour process. Follow up "
        "after the M&M."
    ),
    (
        "Colleague says she can't sleep, drinking more. Discussed Practitioner Health. Urgent "
        "follow up tomorrow."
    ),
    (
        "SHO alone on call when the crash bleep went. Anger at rota gaps. Escalated to CD with "
        "consent."
    ),
    (
        "Maternity support worker upset after stillbirth, holding baby for the family. "
        "Chaplaincy involved."
    ),
    (
        "Nurse in charge feels guilty about the bed move. Incident reviewed at safety huddle; "
        "not individual blame."
    ),
    (
        "Physio was treating the patient when he arrested. Did CPR for 15 min. Sore and shaken. "
        "Peer support again Weds."
    ),
]

IDENTIFIERS = [
    ("Colleague looked after Mrs Eleni Papadopoulou, the lady who died on Tuesday.", "person_name"),
    ("Pt was Kwabena, lived alone, found by his neighbour.", "person_name"),
    ("Spoke about Oluwadamilare and his family; colleague tearful.", "person_name"),
    ("Family of the man in bay 4 bed 2 complained.", "id_label"),
    ("He kept saying the number 07911 123456 was the wife's.", "phone"),
    ("Email me on sarah dot jones at nhs dot net after shift.", "email"),
    ("Patient aged 97 from the care home.", "age_over_89"),
    ("His hospital no. is RJ1 23456 I think.", "mrn"),
    ("Nonagenarian with dementia fell twice.", "age_over_89"),
    ("Colleague friends with Siobhán Ní Bhriain, the patient's daughter.", "person_name"),
    ("Happened on the 3rd of Jan.", "date"),
    ("Died 12.03.24 at 02:10.", "date"),
    ("Lives at 7 Acacia Gardens, near the hospital.", "address"),
    ("Call switchboard and ask for ext 5521.", "phone"),
    ("Check facebook dot com slash justiceforgran.", "url"),
    ("Baby Adebayo-Smith died at 2 days old.", "person_name"),
    ("Colleague's manager, Priyanka, was dismissive.", "person_name"),
    ("Pt DOB 1/1/1931.", "id_label"),
    ("Staff member Tomasz W. was the one who found him.", "person_name"),
    ("Her NHS no 485 777 3456 was on the form.", "mrn"),
]


@pytest.mark.parametrize("note", CLEAN)
def test_clean_note_is_not_flagged(note: str) -> None:
    assert check(note).findings == ()


@pytest.mark.parametrize(("note", "kind"), IDENTIFIERS)
def test_identifier_is_found(note: str, kind: str) -> None:
    result = check(note)
    if kind in BLOCKING:
        assert result.verdict == "block", result.findings
    else:
        assert kind in {f.kind for f in result.findings}, result.findings


def test_a_name_is_at_most_four_words_and_long_runs_stay_fast() -> None:
    # Guard v2 suspects every unknown capitalised word (Philter's rule), so a run of them is
    # reported, but as findings of at most four words each, and in linear time.
    note = "with Anna Zzq Zzq Zzq Zzq Zzq"
    findings = check(note).findings
    assert [note[f.start : f.end] for f in findings] == ["Anna Zzq Zzq Zzq", "Zzq Zzq"]
    long_run = "Zzq " * 3000 + "Okafor was there"
    started = time.perf_counter()
    findings = check(long_run).findings  # would take minutes if spreading were quadratic
    assert time.perf_counter() - started < 2.0
    assert all(len(long_run[f.start : f.end].split()) <= 4 for f in findings)
    assert long_run[findings[-1].start : findings[-1].end].endswith("Okafor")
