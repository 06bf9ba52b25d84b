"""Issue 17: CJK text showed as boxes (only DejaVu fonts installed). scripts/setup installs a
CJK font; fontconfig falls back to it, so Qt draws Chinese, Japanese and Korean glyphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {
    QFontDatabase.WritingSystem.SimplifiedChinese: "同伴支持",
    QFontDatabase.WritingSystem.Japanese: "ピアサポート",
    QFontDatabase.WritingSystem.Korean: "동료 지원",
}


def test_setup_installs_a_cjk_font() -> None:
    assert "fonts-wqy-microhei" in (ROOT / "scripts" / "setup").read_text(encoding="utf-8")


@pytest.mark.parametrize("system", list(SAMPLES))
def test_cjk_text_has_glyphs_in_the_default_font_fallback(
    qapp: object, system: QFontDatabase.WritingSystem
) -> None:
    assert QFontDatabase.families(system), f"no font for {system.name}: run scripts/setup"
    family = QFontDatabase.families(system)[0]
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in SAMPLES[system] if not ch.isspace())
