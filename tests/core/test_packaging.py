"""Every bundled data file is shipped by the wheel's package-data patterns (and so is found by
`importlib.resources` when installed, not only in a source tree)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_resource_file_is_matched_by_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["resources"]
    folder = ROOT / "resources"
    shipped = {p for pattern in patterns for p in folder.glob(pattern)}
    # A translation's .ts is its source: `scripts/i18n release` compiles it to the .qm that ships.
    data = {
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".ts") and "__pycache__" not in p.parts
    }
    assert data, "no resource files found"
    assert sorted(str(p.relative_to(folder)) for p in data - shipped) == []


def test_schema_sql_is_shipped() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["svdesk"]
    folder = ROOT / "svdesk"
    shipped = {p for pattern in patterns for p in folder.glob(pattern)}
    assert set(folder.glob("schema/*.sql")) <= shipped
