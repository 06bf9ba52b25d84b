"""Bundle records are checked field by field over all records at once; that check must accept
and refuse exactly what the plain value-by-value check does, and a refused bundle still names
the first bad record and field."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.exchange import fields
from svdesk.exchange.errors import BundleRejected


class Text(str):
    pass


class Number(int):
    pass


class Codes(list[Any]):
    pass


SAMPLE_UUID = "0b9c2f4e-8d1a-4c3b-9e7f-1a2b3c4d5e6f"
ODD_TEXT = [
    "",
    "a",
    "nurse",
    "tier2",
    "r.orange_zone",
    "Nurse",
    "abc\n",
    "a b",
    "x" * 64,
    "x" * 65,
    "é",
    "\x00",
    "\t",
    "y" * 100,
    "y" * 101,
    SAMPLE_UUID,
    SAMPLE_UUID.upper(),
    "{" + SAMPLE_UUID + "}",
    SAMPLE_UUID.replace("-", ""),
    SAMPLE_UUID[:-1],
    SAMPLE_UUID + "0",
    "2026-W07",
    "2026-W53",
    "2020-W53",
    "2026-W00",
    "2026-W7",
    "2026-W07\n",
    Text("nurse"),
    Text(SAMPLE_UUID),
]
ODD_VALUES = [
    *ODD_TEXT,
    None,
    True,
    False,
    0,
    -1,
    999_999,
    1_000_000,
    Number(3),
    1.0,
    [],
    ["nurse"],
    ["nurse", "x y"],
    ["nurse", 1],
    [["a"]],
    [{}],
    Codes(["a"]),
    {},
    ("a",),
]
odd_text = st.sampled_from(ODD_TEXT)
scalar = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-2, max_value=2)
    | st.sampled_from([999_999, 1_000_000, 10**20, Number(3), 1.0, 2.5])
    | odd_text
)
value = (
    scalar
    | st.lists(scalar, max_size=3)
    | st.lists(odd_text, max_size=3).map(Codes)
    | st.lists(st.lists(odd_text, max_size=1), min_size=1, max_size=2)
    | st.dictionaries(odd_text, scalar, max_size=1)
    | st.tuples(odd_text)
)


# One field of each kind, required or not.
KINDS = {(f.kind, f.required): f for f in fields.ENCOUNTER_FIELDS + fields.ESCALATION_FIELDS}


@pytest.mark.parametrize("f", KINDS.values(), ids=[f"{k}-{r}" for k, r in KINDS])
@settings(max_examples=250, deadline=None)
@given(values=st.lists(value, max_size=5))
def test_column_check_agrees_with_the_value_check(f: fields.RecordField, values: list[Any]) -> None:
    expected = all(fields.valid_value(f, v) for v in values)
    assert fields.valid_column(f, values) == expected


@pytest.mark.parametrize("f", KINDS.values(), ids=[f"{k}-{r}" for k, r in KINDS])
def test_every_odd_value_is_judged_as_the_value_check_does(f: fields.RecordField) -> None:
    for v in ODD_VALUES:
        for values in ([v], [None, v], [v, v]):
            expected = all(fields.valid_value(f, x) for x in values)
            assert fields.valid_column(f, values) == expected, (f.name, values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([None, SAMPLE_UUID, str(uuid.UUID(int=5)), "x"]), max_size=5))
def test_many_ids_are_checked_together(ids: list[str | None]) -> None:
    f = fields.ENCOUNTER_FIELDS[0]
    assert fields.valid_column(f, ids) == all(fields.valid_value(f, v) for v in ids)


def record(**changes: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {name: None for name in fields.ENCOUNTER_FIELD_NAMES}
    rec.update(encounter_id=str(uuid.uuid4()), created_week="2026-W07", interventions=[])
    rec.update(changes)
    return rec


def check(items: Any) -> fields.CheckedRecords:
    return fields.check_records(items, fields.ENCOUNTER_FIELDS, "encounter", "The bundle x")


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([record(), record(people_reached=True)], "encounter #2 has an invalid people_reached"),
        ([record(), record(), record(created_week=None)], "#3 has an invalid created_week"),
        ([record(unit_code=["ICU"]), record(role_category="x y")], "#1 has an invalid unit_code"),
        ([record(), "text"], "encounter #2 is not a record"),
        ([record(interventions=["ok", 3])], "#1 has an invalid interventions"),
        ([record(encounter_id=SAMPLE_UUID.upper() + "x")], "#1 has an invalid encounter_id"),
    ],
)
def test_a_refused_record_is_named_with_its_field(items: list[Any], message: str) -> None:
    with pytest.raises(BundleRejected, match=message) as caught:
        check(items)
    assert caught.value.reason == "corrupt"


def test_checked_records_keep_only_allow_listed_fields_in_order() -> None:
    first = record(note="free text", unit_code="ICU")
    second = record(interventions=["listening"], screen_positive=False)
    del second["case_code"]  # a field left out is None
    checked = check([first, second])
    assert len(checked) == 2
    assert checked.names == fields.ENCOUNTER_FIELD_NAMES
    dicts = checked.dicts()
    assert "note" not in dicts[0]
    assert dicts[0]["unit_code"] == "ICU"
    assert dicts[1]["case_code"] is None
    assert list(checked.column("interventions")) == [[], ["listening"]]
    assert len(check([])) == 0
