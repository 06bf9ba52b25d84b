"""The payload's duplicate-key check (`intake.parse_payload`): parsed plainly when its ':' are as
many as the keys parsed, otherwise parsed again with every object's keys checked."""

from __future__ import annotations

import pytest

from svdesk.exchange import intake
from svdesk.exchange.errors import BundleRejected


def refusal(payload: bytes) -> BundleRejected:
    with pytest.raises(BundleRejected) as caught:
        intake.parse_payload(payload, "The bundle b")
    return caught.value


def test_a_plain_payload_parses() -> None:
    body = intake.parse_payload(b'{"encounters":[{"a":"x","b":[1]}],"escalations":[]}', "b")
    assert body == {"encounters": [{"a": "x", "b": [1]}], "escalations": []}


def test_a_colon_inside_a_text_still_parses() -> None:
    body = intake.parse_payload(b'{"encounters":[{"a":"x:y"}],"escalations":[]}', "b")
    assert body["encounters"] == [{"a": "x:y"}]


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (b'{"encounters":[{"a":"x","a":"y"}]}', "a"),
        # A ':' inside a text does not hide a key named twice.
        (b'{"encounters":[{"a":"x:y","a":"y"}]}', "a"),
        (b'{"encounters":[],"encounters":[{"a":"x"}]}', "encounters"),
        (b'{"encounters":[{"a":{"b":1,"b":2}}]}', "b"),
        (b'{"coverage":{"w":{"c":1,"c":2}}}', "c"),
    ],
)
def test_a_key_named_twice_anywhere_is_refused_naming_it(payload: bytes, key: str) -> None:
    exc = refusal(payload)
    assert exc.reason == "corrupt"
    assert f"{key!r} twice" in exc.message


@pytest.mark.parametrize("payload", [b"[1, 2]", b'{"a": ', '{"a": "é"}'.encode()])
def test_what_is_not_an_ascii_json_object_is_unreadable(payload: bytes) -> None:
    exc = refusal(payload)
    assert exc.reason == "corrupt"
    assert "unreadable" in exc.message
