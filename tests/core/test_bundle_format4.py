"""Bundle format 4 (issue 14, item 3): recipient feedback travels, checked value by value; bundles
of formats 1 to 3 still open, and a format-4 payload without the list reads as none."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import pytest
from test_bundle import COORD, WS_ID, WS_KEY, inner_parts, open_, reason_of, resign
from test_bundle_support import encounter_row

from svdesk.errors import InvalidInput
from svdesk.exchange import bundle, card, fields, manifest


def feedback(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "survey_id": "recipient_feedback",
        "survey_version": "1.0.0",
        "month": "2026-11",
        "answers": json.dumps({"helpful": 5, "recommend": 4, "would_have_helped": 2}),
    }
    row.update(overrides)
    return row


def make4(responses: list[dict[str, Any]]) -> bundle.BuiltBundle:
    return bundle.build_bundle(
        records=[encounter_row()],
        escalations=[],
        workstation_id=WS_ID,
        sequence=1,
        signing_key=WS_KEY,
        recipients=[COORD.age_recipient],
        schema_version=1,
        created_week="2026-W48",
        site_code="S01",
        unit_code="ED1",
        feedback_responses=responses,
    )


def test_feedback_travels_in_format_4_with_its_count() -> None:
    rows = [feedback(), feedback(month="2026-10")]
    built = make4(rows)
    raw_manifest, _, payload = inner_parts(built.data)
    m = json.loads(raw_manifest)
    assert m["format_version"] == manifest.BUNDLE_FORMAT_VERSION == 4
    assert m["counts"]["feedback_responses"] == 2
    assert built.manifest.records == 3
    travelled = json.loads(payload)["feedback_responses"]
    assert set(travelled[0]) == set(fields.FEEDBACK_RESPONSE_FIELD_NAMES)
    assert travelled[0]["answers"] == ["helpful.5", "recommend.4", "would_have_helped.2"]
    opened = open_(built.data)
    assert sorted(r["month"] for r in opened.feedback_responses) == ["2026-10", "2026-11"]
    assert {r["response_id"] for r in opened.feedback_responses} == {r["id"] for r in rows}


def test_a_format_4_payload_without_the_list_reads_as_none() -> None:
    raw_manifest, _, payload = inner_parts(make4([]).data)
    data = json.loads(payload)
    del data["feedback_responses"]
    m = json.loads(raw_manifest)
    new_payload = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(new_payload).hexdigest()
    opened = open_(resign(m, new_payload))
    assert opened.feedback_responses == []
    assert len(opened.encounters) == 1


def _as_format(version: int, data: dict[str, Any], m: dict[str, Any]) -> bytes:
    m["format_version"] = version
    del m["counts"]["feedback_responses"]
    if version < 3:
        del m["counts"]["requests"], m["counts"]["survey_responses"]
        del data["requests"], data["survey_responses"]
    payload = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    return resign(m, payload)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_formats_1_to_3_still_open(version: int) -> None:
    raw_manifest, _, payload = inner_parts(make4([]).data)
    data = json.loads(payload)
    del data["feedback_responses"]
    opened = open_(_as_format(version, data, json.loads(raw_manifest)))
    assert opened.manifest.format_version == version
    assert opened.feedback_responses == []
    assert len(opened.encounters) == 1


def test_feedback_in_an_older_format_is_refused_as_damage() -> None:
    raw_manifest, _, payload = inner_parts(make4([feedback()]).data)
    data = json.loads(payload)  # the list stays in a bundle that says it is format 3
    m = json.loads(raw_manifest)
    assert reason_of(_as_format(3, data, m)) == "corrupt"


def _tampered(change: Any) -> bytes:
    raw_manifest, _, payload = inner_parts(make4([feedback()]).data)
    data = json.loads(payload)
    change(data["feedback_responses"][0])
    m = json.loads(raw_manifest)
    new_payload = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(new_payload).hexdigest()
    return resign(m, new_payload)


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.update(month="2026-13"),
        lambda r: r.update(month="2026-W48"),  # a week, finer than a month
        lambda r: r.update(month="2026-11-03"),  # a day
        lambda r: r.update(month=None),
        lambda r: r.update(response_id="not-an-id"),
        lambda r: r.update(answers=["Helpful 5"]),
        lambda r: r.update(answers="helpful.5"),
        lambda r: r.update(survey_id="Feedback!"),
        lambda r: r.update(survey_version=None),
    ],
    ids=[
        "month13",
        "week",
        "day",
        "no-month",
        "bad-id",
        "free-text-answer",
        "answers-not-list",
        "bad-survey",
        "no-version",
    ],
)
def test_every_feedback_value_is_checked(change: Any) -> None:
    assert reason_of(_tampered(change)) == "corrupt"


def test_a_count_that_differs_from_the_list_is_refused() -> None:
    raw_manifest, _, payload = inner_parts(make4([feedback()]).data)
    m = json.loads(raw_manifest)
    m["counts"]["feedback_responses"] = 2
    assert reason_of(resign(m, payload)) == "corrupt"


def test_an_export_refuses_feedback_it_could_not_send() -> None:
    with pytest.raises(InvalidInput):
        make4([feedback(month="2026-W48")])
