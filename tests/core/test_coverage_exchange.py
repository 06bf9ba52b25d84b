"""On-call coverage in bundle format 4 (issue 15, item 4): per ISO week the hours a unit watched
and the hour indices with nobody on call travel, checked value by value; a format-4 bundle
without coverage (the feedback helper's first format 4) and formats 1 to 3 still open."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from test_bundle import COORD, WS_ID, WS_KEY, inner_parts, open_, reason_of, resign
from test_bundle_support import encounter_row

from svdesk.errors import InvalidInput
from svdesk.exchange import bundle, card, intake


def week(name: str = "2026-W47", hours: int = 168, gaps: list[int] | None = None) -> dict[str, Any]:
    return {"week": name, "hours": hours, "gaps": [0, 1, 2, 3] if gaps is None else gaps}


def make(coverage: list[dict[str, Any]]) -> bundle.BuiltBundle:
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
        coverage=coverage,
    )


def test_coverage_travels_coded_with_its_count_and_is_no_record() -> None:
    built = make([week(), week("2026-W44", 169, [168, 2, 2])])
    raw_manifest, _, payload = inner_parts(built.data)
    m = json.loads(raw_manifest)
    assert m["format_version"] == 4
    assert m["counts"]["coverage"] == 2
    assert built.manifest.records == 1  # the encounter; weeks of coverage are not records
    travelled = json.loads(payload)["coverage"]
    assert travelled[1] == {"week": "2026-W44", "hours": 169, "gaps": ["2", "168"]}
    assert set(json.dumps(travelled)) <= set('[]{}":, 0123456789-Wweekhoursgap')  # no names
    opened = open_(built.data)
    assert opened.manifest.coverage == 2
    assert opened.coverage[0] == {"week": "2026-W47", "hours": 168, "gaps": ["0", "1", "2", "3"]}


def test_no_coverage_leaves_the_key_and_the_count_out() -> None:
    raw_manifest, _, payload = inner_parts(make([]).data)
    assert "coverage" not in json.loads(raw_manifest)["counts"]
    assert "coverage" not in json.loads(payload)
    assert open_(make([]).data).coverage == []


@pytest.mark.parametrize("version", [1, 2, 3])
def test_formats_1_to_3_open_with_no_coverage_and_refuse_it_as_damage(version: int) -> None:
    raw_manifest, _, payload = inner_parts(make([week()]).data)
    m, data = json.loads(raw_manifest), json.loads(payload)
    m["format_version"] = version
    del m["counts"]["feedback_responses"], m["counts"]["coverage"]
    del data["feedback_responses"]
    if version < 3:
        del m["counts"]["requests"], m["counts"]["survey_responses"]
        del data["requests"], data["survey_responses"]
    with_coverage = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(with_coverage).hexdigest()
    assert reason_of(resign(m, with_coverage)) == "corrupt"
    del data["coverage"]
    without = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(without).hexdigest()
    opened = open_(resign(m, without))
    assert opened.manifest.format_version == version
    assert opened.coverage == []
    assert len(opened.encounters) == 1


def _tampered(change: Any) -> bytes:
    raw_manifest, _, payload = inner_parts(make([week()]).data)
    data = json.loads(payload)
    change(data["coverage"][0])
    m = json.loads(raw_manifest)
    new_payload = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(new_payload).hexdigest()
    return resign(m, new_payload)


@pytest.mark.parametrize(
    "change",
    [
        lambda w: w.update(week="2026-11-02"),
        lambda w: w.update(week=None),
        lambda w: w.update(hours=None),
        lambda w: w.update(hours="168"),
        lambda w: w.update(gaps=["169"]),
        lambda w: w.update(gaps=[3]),
        lambda w: w.update(gaps=["Blake"]),
        lambda w: w.update(gaps="0 1 2"),
    ],
    ids=["day", "no-week", "no-hours", "hours-text", "hour-169", "int-gap", "name", "not-list"],
)
def test_every_coverage_value_is_checked(change: Any) -> None:
    assert reason_of(_tampered(change)) == "corrupt"


def test_a_count_that_differs_or_too_many_weeks_is_refused() -> None:
    raw_manifest, _, payload = inner_parts(make([week()]).data)
    m = json.loads(raw_manifest)
    m["counts"]["coverage"] = 2
    assert reason_of(resign(m, payload)) == "corrupt"
    m["counts"]["coverage"] = intake.MAX_COVERAGE_WEEKS + 1
    assert reason_of(resign(m, payload)) == "too_large"


def test_an_export_refuses_coverage_it_could_not_send() -> None:
    with pytest.raises(InvalidInput):
        make([week(gaps=[170])])
    with pytest.raises(InvalidInput, match="weeks of on-call coverage"):
        make([week(f"2026-W{n:02d}") for n in range(1, intake.MAX_COVERAGE_WEEKS + 2)])
