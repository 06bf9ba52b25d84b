"""The record fields a bundle carries take their codes from the record vocabulary: each code
list is compared here with resources/vocab/record.toml read directly (not through the loader the
bundle uses), so a second copy of a list in the bundle code, or a vocabulary change that does not
reach the bundle, fails."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from svdesk.content.record_fields import ESCALATION_ACTIONS, ESCALATION_LEVELS
from svdesk.exchange import fields
from svdesk.unit import escalations

VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "resources" / "vocab" / "record.toml"
KIND_OF_TYPE = {"code": "code", "code_list": "code_list", "integer": "int"}
# Coded bundle fields whose codes are not a record-vocabulary field of the same name, and why.
OTHER_SOURCES = {
    "escalation_rules": "rule ids of the rules file in force on the unit",
}
# Record-vocabulary fields an encounter does not carry to the coordinator (data minimisation).
NOT_EXPORTED: set[str] = set()


def vocabulary() -> dict[str, Any]:
    data = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return dict(data["fields"])


def codes_of(entry: dict[str, Any]) -> tuple[str, ...]:
    return tuple(c["code"] for c in entry.get("codes", ()))


def test_each_encounter_field_of_the_vocabulary_has_the_vocabularys_kind_and_codes() -> None:
    vocab = vocabulary()
    carried = {f.name: f for f in fields.ENCOUNTER_FIELDS}
    for name, entry in vocab.items():
        if name in NOT_EXPORTED:
            assert name not in carried, f"{name} is listed as not exported but travels"
            continue
        assert name in carried, f"vocabulary field {name} does not travel in bundles"
        f = carried[name]
        assert f.kind == KIND_OF_TYPE[entry["type"]], name
        assert f.codes == codes_of(entry), f"{name}: bundle codes differ from record.toml"


def test_every_coded_encounter_field_has_a_source_for_its_codes() -> None:
    vocab = vocabulary()
    for f in fields.ENCOUNTER_FIELDS:
        if f.kind in ("code", "code_list"):
            assert f.name in vocab or f.name in OTHER_SOURCES, (
                f"{f.name} is coded but its codes come from nowhere"
            )
            if f.name in OTHER_SOURCES:
                assert f.codes == ()


def test_escalation_level_order_and_actions_are_the_vocabularys() -> None:
    vocab = vocabulary()
    levels = codes_of(vocab["escalation_level"])
    actions = codes_of(vocab["escalation_actions"])
    assert levels == ESCALATION_LEVELS
    assert actions == ESCALATION_ACTIONS
    by_name = {f.name: f for f in fields.ESCALATION_FIELDS}
    assert by_name["level"].codes == levels
    assert by_name["actions"].codes == actions
    assert by_name["handed_to"].codes == codes_of(vocab["referral_targets"])


def test_escalation_statuses_are_the_unit_life_cycle() -> None:
    assert fields.ESCALATION_STATUSES == escalations.STATUSES
    by_name = {f.name: f for f in fields.ESCALATION_FIELDS}
    assert by_name["status"].codes == escalations.STATUSES
