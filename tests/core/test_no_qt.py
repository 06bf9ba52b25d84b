"""The core must stay Qt-free: it runs in the CLI, in tests without Qt, and is the public API. It
never names ui/ or the program built on it (svdesk_app), not even as a string for import_module."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import svdesk
from svdesk import cli

CORE = Path(svdesk.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui", "svdesk_app")
# a string that names a module of those, as import_module, __import__ or "module:function" take it
NAMES_FORBIDDEN = re.compile(rf"^\s*({'|'.join(FORBIDDEN)})(\.[\w.]*)?(:\w*)?\s*$")
# the one import by a name that is not written out: the core's own command handlers
DYNAMIC_IMPORTS = {"cli/__init__.py"}


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


def _trees() -> dict[str, ast.AST]:
    return {
        path.relative_to(CORE).as_posix(): ast.parse(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(CORE.rglob("*.py"))
    }


def test_no_core_module_names_qt_or_ui_in_a_string() -> None:
    offenders = sorted(
        f"{name}:{node.lineno}: {node.value!r}"
        for name, tree in _trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and NAMES_FORBIDDEN.match(node.value)
    )
    assert offenders == []


def _string_constants(tree: ast.AST) -> set[str]:
    """Names a module binds to a string literal at its top level (checked by the test above)."""
    body = tree.body if isinstance(tree, ast.Module) else []
    return {
        target.id
        for node in body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }


def test_imports_by_name_are_the_cores_own_handlers() -> None:
    """import_module or __import__ of a computed name only in the CLI, which imports its own
    handlers by name (HANDLERS: svdesk.cli modules only); elsewhere the name is written out."""

    def written_out(arg: ast.expr, constants: set[str]) -> bool:
        return isinstance(arg, ast.Constant) or (isinstance(arg, ast.Name) and arg.id in constants)

    dynamic = sorted(
        f"{name}:{node.lineno}"
        for name, tree in _trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
        in ("import_module", "__import__")
        and not (node.args and written_out(node.args[0], _string_constants(tree)))
        and name not in DYNAMIC_IMPORTS
    )
    assert dynamic == []
    assert all(target.startswith("svdesk.cli.") for target in cli.HANDLERS.values())


def test_the_string_check_catches_what_it_is_for() -> None:
    for named in (
        "ui",
        "ui.runtime.app",
        "ui.coordinator.report_pdf:write_pdf_report",
        "PySide6.QtCore",
        "svdesk_app.main",
    ):
        assert NAMES_FORBIDDEN.match(named), named
    for plain in ("uid", "ui-name", "svdesk.cli.demo_cmd:cmd_demo", "a ui thing", "quick"):
        assert not NAMES_FORBIDDEN.match(plain), plain
