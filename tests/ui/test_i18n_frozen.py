"""The frozen build (dist/svdesk, made by `scripts/build`) ships the compiled translations where
importlib.resources finds them, Qt's own for the same languages, and not the translators' sources.
`scripts/test` builds first and sets SVDESK_REQUIRE_FROZEN=1, so in CI a missing build fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INTERNAL = ROOT / "dist" / "svdesk" / "_internal"

if not INTERNAL.is_dir():
    if os.environ.get("SVDESK_REQUIRE_FROZEN") == "1":
        raise RuntimeError(f"{INTERNAL} is missing: scripts/build must run before these tests")
    pytest.skip("no frozen build: run scripts/build", allow_module_level=True)


def test_the_frozen_app_ships_each_translation_with_qt_own_and_no_sources() -> None:
    sources = sorted(p.stem for p in (ROOT / "resources" / "i18n").glob("svdesk_*.ts"))
    shipped = INTERNAL / "resources" / "i18n"
    assert sorted(p.stem for p in shipped.glob("svdesk_*.qm")) == sources
    assert sorted(p.name for p in shipped.iterdir() if p.suffix != ".qm") == []
    qt_own = {p.name for p in INTERNAL.rglob("qtbase_*.qm")}
    assert qt_own == {f"qtbase_{stem.split('_', 1)[1]}.qm" for stem in sources}
