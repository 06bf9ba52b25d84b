"""The core must stay Qt-free: it runs in the CLI, in tests without Qt, and is the public API."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import svdesk

CORE = Path(svdesk.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(CORE)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] in FORBIDDEN
        )
        for path in sorted(CORE.rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [
        "svdesk." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in sorted(CORE.rglob("*.py"))
        if p.name not in {"__init__.py", "__main__.py"}
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
