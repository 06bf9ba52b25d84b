"""A store's role: one list (svdesk.access.roles.ROLES, the parser's --role choices too), one
check that the unit's and the coordinator's use cases share (it was svdesk.unit.export's private
_require_role, which the coordinator imported across layers)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fakes import close_session, make_session

from svdesk.access.roles import ROLES, require_role
from svdesk.cli import build
from svdesk.errors import Refused

ROOT = Path(__file__).resolve().parents[2]


def test_a_unit_store_refuses_a_coordinator_operation_and_says_why(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    try:
        require_role(session, "unit", "exporting")
        with pytest.raises(Refused, match="This is a unit store; importing bundles needs a coord"):
            require_role(session, "coordinator", "importing bundles")
    finally:
        close_session(session)


def test_the_parser_offers_the_roles() -> None:
    init = build().subcommands.choices["init"]
    [role] = [action for action in init._actions if action.dest == "role"]
    assert list(role.choices or ()) == list(ROLES)


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


def test_no_layer_imports_a_private_name_of_another() -> None:
    private = []
    for path in sorted((ROOT / "svdesk").rglob("*.py")):
        here = _layer(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module):
                continue
            if node.module.startswith("svdesk.") and _layer(node.module) != here:
                private += [
                    f"{path.relative_to(ROOT)}: {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert private == []
