"""The record vocabulary (resources/vocab/record.toml) against data-dictionary §2."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdesk.content.answers import load_vocabulary
from svdesk.content.loading import ContentError
from svdesk.content.record_fields import load_record_vocabulary

# Copied from shared/spec/data-dictionary.md §2 and escalation.md (the contract).
RECORD_CODES: dict[str, tuple[str, ...]] = {
    "encounter_type": ("initial", "follow_up"),
    "modality": ("in_person", "phone", "video"),
    "format": ("individual", "group_small", "group_large"),
    "role_category": (
        "nurse",
        "physician_app",
        "trainee",
        "pharmacy",
        "allied_health",
        "non_clinical",
        "leader",
        "prefer_not_to_say",
    ),
    "unit_category": (
        "emergency",
        "icu_adult",
        "icu_pediatric_neonatal",
        "perioperative",
        "med_surg",
        "obstetrics",
        "pharmacy",
        "ambulatory",
        "other",
        "prefer_not_to_say",
    ),
    "activation_source": ("self", "peer", "manager", "safety_team", "proactive"),
    "event_categories": (
        "unexpected_death",
        "deterioration_or_transfer",
        "medication_or_treatment_error",
        "near_miss",
        "pediatric_event",
        "first_patient_death",
        "multiple_bad_outcomes",
        "violence_or_aggression",
        "litigation_notice",
        "staff_death",
        "moral_distress",
        "long_term_patient_death",
        "high_profile_event",
        "needlestick_exposure",
        "other",
    ),
    "time_since_event": ("lt_24h", "d1_3", "d4_14", "d15_30", "gt_30d"),
    "response_time": ("le_30min", "le_24h", "gt_24h"),
    "duration": ("lt_15", "m15_30", "m31_60", "gt_60"),
    "recovery_stage": (
        "1_chaos",
        "2_intrusive_reflections",
        "3_restoring_integrity",
        "4_enduring_inquisition",
        "5_emotional_first_aid",
        "6_dropping_out",
        "6_surviving",
        "6_thriving",
        "unclear",
    ),
    "stress_zone": ("green", "yellow", "orange", "red", "not_assessed"),
    "interventions": (
        "listening",
        "normalisation",
        "calming",
        "practical_help",
        "social_connection",
        "coping_plan",
        "resources_given",
    ),
    "screens_done": ("cssrs", "pc_ptsd5", "phq2", "gad2"),
    "escalation_level": (
        "emergency",
        "tier3_same_day",
        "tier3_72h",
        "tier3_2wk",
        "tier2_intensified",
        "tier2",
    ),
    "escalation_actions": (
        "relieve_from_duty",
        "group_response",
        "risk_legal_support",
        "leader_involvement",
        "supporter_debrief",
        "crisis_line_info",
        "security_alert",
        "fitness_for_duty",
    ),
    "referral_targets": (
        "eap",
        "psychology",
        "psychiatry",
        "chaplain",
        "occupational_health",
        "risk_legal",
        "leader",
        "crisis_line",
        "emergency_department",
        "own_provider",
    ),
    "referral_accepted": ("yes", "no", "not_offered"),
    "followup_plan": ("none", "h24_72", "w1", "w2", "w4"),
    "needs_met": ("yes", "partly", "no"),
    "supporter_own_distress": ("none", "some", "high"),
}
LIST_FIELDS = {
    "event_categories",
    "interventions",
    "screens_done",
    "escalation_actions",
    "referral_targets",
}


def test_every_coded_record_field_has_exactly_the_dictionary_codes() -> None:
    vocab = load_record_vocabulary()
    coded = {name: f.code_ids() for name, f in vocab.fields.items() if f.type != "integer"}
    assert coded == RECORD_CODES
    for name in RECORD_CODES:
        expected = "code_list" if name in LIST_FIELDS else "code"
        assert vocab.field(name).type == expected, name
        assert all(c.label.strip() for c in vocab.field(name).codes), name
    assert vocab.field("people_reached").type == "integer"
    assert vocab.field("people_reached").minimum == 1


def test_fields_shared_with_the_answers_use_the_same_codes() -> None:
    answers = load_vocabulary().answers
    vocab = load_record_vocabulary()
    shared = {n: f.same_as for n, f in vocab.fields.items() if f.same_as}
    assert shared == {
        "event_categories": "event.categories",
        "recovery_stage": "stress.recovery_stage",
        "stress_zone": "stress.zone",
        "supporter_own_distress": "supporter.own_distress",
    }
    for name, answer_id in shared.items():
        assert vocab.codes(name) == answers[answer_id].codes, name


def test_labels_are_looked_up_by_code() -> None:
    vocab = load_record_vocabulary()
    assert vocab.label("format", "group_large") == "Large group (6 or more)"
    assert vocab.label("format", "unheard_of") == "unheard_of"


def test_a_broken_record_vocabulary_names_file_and_path(tmp_path: Path) -> None:
    path = tmp_path / "record.toml"
    path.write_text(
        'version = "1"\nlanguage = "en"\n[fields.modality]\ntype = "code"\nlabel = "How"\n'
        'codes = [{ code = "phone", label = "Phone" }, { code = "phone", label = "Again" }]\n'
        '[fields.people_reached]\ntype = "integer"\nlabel = "People"\nmin = 5\nmax = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        load_record_vocabulary(path)
    assert err.value.problems == [
        ("fields.modality.codes[1].code", "duplicate code 'phone'"),
        ("fields.people_reached.max", "is smaller than min (1 < 5)"),
    ]
