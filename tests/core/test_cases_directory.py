"""The unit's resource directory (defaults + the unit's numbers) and the guard's staff roster."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cases_support import Unit, new_unit

from svdesk.errors import InvalidInput, NotPermitted
from svdesk.unit import directory


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


def test_the_defaults_list_every_service_with_no_number_set(unit: Unit) -> None:
    entries = directory.directory(unit.ctx())
    assert {e.code for e in entries} >= {
        "eap", "chaplain", "psychology", "occupational_health", "crisis_line", "emergency",
    }  # fmt: skip
    assert all(e.phone is None for e in entries)  # the UI shows "not set"
    assert all(e.label and e.description for e in entries)


def test_an_admin_sets_a_number_and_every_supporter_sees_it(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    saved = directory.set_directory_entry(admin, "eap", " +1 (555) 010-2000  ext 12 ", "24/7")
    assert (saved.phone, saved.detail) == ("+1 (555) 010-2000 ext 12", "24/7")

    by_code = {e.code: e for e in directory.directory(unit.ctx("sup-B"))}
    assert by_code["eap"].phone == "+1 (555) 010-2000 ext 12"
    assert by_code["eap"].detail == "24/7"
    assert by_code["eap"].label  # the default label stays
    assert by_code["chaplain"].phone is None

    directory.set_directory_entry(admin, "eap", "4455", None)  # edit again
    directory.set_directory_entry(admin, "chaplain", "x1234")
    by_code = {e.code: e for e in directory.directory(unit.ctx())}
    assert (by_code["eap"].phone, by_code["eap"].detail) == ("4455", None)
    assert by_code["chaplain"].phone == "x1234"

    directory.set_directory_entry(admin, "eap", "")  # clearing makes it "not set" again
    assert {e.code: e for e in directory.directory(unit.ctx())}["eap"].phone is None

    trail = [r["detail"] for r in unit.audit_rows() if r["action"] == "directory_changed"]
    assert trail[0] == {"code": "eap", "phone_set": True}
    assert trail[-1] == {"code": "eap", "phone_set": False}


def test_only_an_admin_may_change_the_directory(unit: Unit) -> None:
    with pytest.raises(NotPermitted, match="unit admin"):
        directory.set_directory_entry(unit.ctx("sup-B"), "eap", "4455")
    assert all(e.phone is None for e in directory.directory(unit.ctx()))
    assert unit.audit_rows() == []


@pytest.mark.parametrize(
    "phone", ["call Bob", "555-0100; DROP TABLE", "12ab", "++44 20", "=1+2", "()", "1" * 41]
)
def test_a_phone_number_must_look_like_one(unit: Unit, phone: str) -> None:
    with pytest.raises(InvalidInput, match="not a phone number"):
        directory.set_directory_entry(unit.ctx("admin", admin=True), "eap", phone)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("112", "112"), ("+44 20 7946 0000", "+44 20 7946 0000"), ("(555) 010-2000", "(555) 010-2000"),
     ("4455 ext. 12", "4455 ext. 12"), ("x1234", "x1234"), ("ext 1234", "ext 1234"),
     ("１２３", "123"), ("  ", None)],
)  # fmt: skip
def test_phone_numbers_are_kept_as_typed_only_tidied(typed: str, stored: str | None) -> None:
    assert directory.normalise_phone(typed) == stored


def test_unknown_directory_entries_and_long_details_are_refused(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    with pytest.raises(InvalidInput, match="Unknown directory entry"):
        directory.set_directory_entry(admin, "pizza", "123")
    with pytest.raises(InvalidInput, match="shorten"):
        directory.set_directory_entry(admin, "eap", "123", "x" * 201)


def test_the_roster_is_replaced_by_an_admin_and_audited_without_names(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    names = directory.set_roster(admin, ["  Jordan   Smith ", "", "ana ruiz", "Jordan Smith"])
    assert names == ["ana ruiz", "Jordan Smith"]
    assert directory.roster(unit.ctx("sup-B")) == ["ana ruiz", "Jordan Smith"]
    assert directory.set_roster(admin, ["Kim Lee"]) == ["Kim Lee"]
    details = [r["detail"] for r in unit.audit_rows() if r["action"] == "roster_changed"]
    assert details == [{"names": 2}, {"names": 1}]
    assert "Jordan" not in str(unit.audit_rows())


def test_only_an_admin_may_change_the_roster(unit: Unit) -> None:
    with pytest.raises(NotPermitted):
        directory.set_roster(unit.ctx("sup-B"), ["Kim Lee"])
    assert directory.roster(unit.ctx()) == []
