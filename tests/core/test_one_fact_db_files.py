"""The files a database is made of (SQLite's -wal and -shm beside it) are one fact,
`svdesk.storage.datadir.DB_FILE_SUFFIXES`: no other module writes the suffixes again (the
workstation, the store and the backup each had their own)."""

from __future__ import annotations

import ast
from pathlib import Path

from svdesk.storage.datadir import DB_FILE_SUFFIXES, SHM_SUFFIX, WAL_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
HOME = "svdesk/storage/datadir.py"


def _copies(where: str, tree: ast.AST) -> list[str]:
    """Where a string constant (an f-string's literal parts too) names a suffix."""
    return [
        f"{where}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(s in node.value for s in (WAL_SUFFIX, SHM_SUFFIX))
    ]


def test_the_suffixes_are_written_once() -> None:
    assert DB_FILE_SUFFIXES == ("", WAL_SUFFIX, SHM_SUFFIX) == ("", "-wal", "-shm")
    copies = []
    for path in sorted(
        p for top in ("svdesk", "svdesk_app", "ui") for p in (ROOT / top).rglob("*.py")
    ):
        where = str(path.relative_to(ROOT))
        if where != HOME:
            copies += _copies(where, ast.parse(path.read_text(encoding="utf-8")))
    assert copies == []


def test_the_scan_finds_a_suffix_in_a_path_or_an_f_string() -> None:
    module = ast.parse('W = Path(f"{db}-wal")\nS = "svdesk.db-shm"\nN = f"{db}{WAL_SUFFIX}"\n')
    assert sorted(_copies("m", module)) == ["m:1", "m:2"]
