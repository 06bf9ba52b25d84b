"""The layout stays readable: layers as folders, modules of a size a newcomer can read, and the
dependencies pointing one way (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("svdesk", "svdesk_app", "ui")
SOFT_LIMIT = 500  # lines; a longer module says why in its docstring ("Longer ... because ...")
LONG_REASON = re.compile(r"\bLong(er)?\b[^.]*\bbecause\b")
HARD_LIMIT = 700

# svdesk/'s own layers, and what each may not import. The core's modules outside the layer folders
# are the few every layer shares (errors, progress); the programs over all of them have folders
# too (cli, demo).
CORE_TOP_LEVEL = {"__init__", "__main__", "errors", "progress"}
CORE_LAYERS = {"storage", "keys", "access", "content", "unit", "exchange", "coordinator", "cli"}
CORE_PROGRAMS = {"demo"}
FORBIDDEN: dict[str, set[str]] = {
    "storage": {"access", "content", "unit", "exchange", "coordinator", "cli", "demo"},
    "keys": {"access", "content", "unit", "exchange", "coordinator", "cli", "demo"},
    "content": {"storage", "keys", "access", "unit", "exchange", "coordinator", "cli", "demo"},
    "exchange": {"access", "unit", "coordinator", "cli", "demo"},
    "access": {"unit", "exchange", "coordinator", "cli", "demo"},
    "unit": {"coordinator", "cli", "demo"},
    "coordinator": {"unit", "cli", "demo"},
}


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (function-level imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_a_readable_size(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= HARD_LIMIT, f"{path.relative_to(ROOT)} has {lines} lines: split it"
    if lines > SOFT_LIMIT:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert LONG_REASON.search(doc), (
            f"{path.relative_to(ROOT)} has {lines} lines: split it, or say in its docstring "
            "why it is one module ('Longer than 500 lines because ...')"
        )


def test_the_core_is_made_of_its_layers() -> None:
    core = ROOT / "svdesk"
    loose = sorted(p.stem for p in core.glob("*.py") if p.stem not in CORE_TOP_LEVEL)
    assert loose == [], "put these modules into one of the layer folders: " + ", ".join(loose)
    folders = {p.name for p in core.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == CORE_LAYERS | CORE_PROGRAMS


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_core_layers_depend_one_way(layer: str) -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted(
            name
            for name in _imports(path)
            if name.startswith("svdesk.") and name.split(".")[1] in FORBIDDEN[layer]
        )
        for path in sorted((ROOT / "svdesk" / layer).rglob("*.py"))
    }
    assert {k: v for k, v in wrong.items() if v} == {}
