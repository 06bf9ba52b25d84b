"""Access to the bundled data files in `resources/` through importlib.resources.

Source tree, installed wheel and frozen build all find them the same way.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

# Found once, when this module is imported: the first `files()` imports the `resources` package
# and importlib's readers, which the GUI does before Qt (tests/ui/test_unlock_imports.py).
ROOT: Traversable = files("resources")


def resource(*parts: str) -> Traversable:
    """The bundled resource at `resources/<parts...>` (a file or folder)."""
    node = ROOT
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
