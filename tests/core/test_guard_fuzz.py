"""Arbitrary text never crashes the guard, and every finding is a real, non-empty slice."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk.unit.guard import BLOCKING, KINDS, IdentifierGuard, check

# Characters that stress normalisation: controls, surrogates, bidi, zero-width, full-width,
# combining marks, ligatures, emoji, markup.
_TRICKY = st.sampled_from(
    [
        *"\x00\x07\t\n\r <>&;#@.-/()[]",
        "\ud800",
        "\udfff",
        "\u202e",
        "\u2066",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u00ad",
        "\u0301",
        "\u0308",
        "\ufb01",
        "\u2460",
        "\uff15",
        "\uff0d",
        "\U0001f622",
        "\ufe0f",
        "&#64;",
        "&amp;",
        "<b>",
        "</b>",
        " at ",
        " dot ",
        "Dr ",
        "Mrs ",
        "MRN ",
        "555",
        "1234",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=8), _TRICKY), max_size=60).map("".join)
_GUARD = IdentifierGuard(["Anna Kowalski", "Will Turner"])


def _assert_well_formed(text: str) -> None:
    result = _GUARD.check(text)
    assert result.verdict in ("ok", "warn", "block")
    for f in result.findings:
        assert f.kind in KINDS
        assert f.severity == ("block" if f.kind in BLOCKING else "warn")
        assert 0 <= f.start < f.end <= len(text)
        assert f.text == text[f.start : f.end]
        assert f.text != ""
    expected = (
        "block"
        if any(f.severity == "block" for f in result.findings)
        else ("warn" if result.findings else "ok")
    )
    assert result.verdict == expected
    assert result.to_json()["verdict"] == expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_arbitrary_text_never_crashes(text: str) -> None:
    _assert_well_formed(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=400))
def test_any_unicode_never_crashes(text: str) -> None:
    _assert_well_formed(text)


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("\u200b\u200d\u2060\ufeff\u202e\u202c"), max_size=3),
    st.integers(min_value=1, max_value=11),
)
def test_invisible_characters_never_hide_a_phone_number(junk: str, at: int) -> None:
    phone = "555-123-4567"
    text = "call " + phone[:at] + junk + phone[at:] + " now"
    result = check(text)
    assert result.verdict == "block"
    (f,) = [f for f in result.findings if f.kind in BLOCKING]
    visible = "".join(
        c for c in text[f.start : f.end] if c not in "\u200b\u200d\u2060\ufeff\u202e\u202c"
    )
    assert visible == phone


# Scripts a note may mix: Latin with accents, Cyrillic, Greek, Arabic, Hebrew, Devanagari, CJK,
# Hangul, Thai, plus the name-like shapes v2 looks at (initials, hyphens, apostrophes, brackets).
_SCRIPTS = st.sampled_from(
    [
        "Nguyễn",
        "Michał",
        "Şükrü",
        "Ørsted",
        "Ольга",
        "Σοφία",
        "محمد",
        "דוד",
        "अनन्या",
        "王芳",
        "김민준",
        "สมชาย",
        "A.B.",
        "RN C.D",
        "(Hope)",
        "O'Brien",
        "Mary-Kate",
        "ſ",
        "İ",
        "ß",
        "ﬀ",
        "x4412",
        "F/91",
        "b12 9tt",
        " from pharmacy",
        ", the charge nurse,",
    ]
)
_MIXED = st.lists(st.one_of(_SCRIPTS, _TRICKY, st.text(max_size=5)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MIXED)
def test_mixed_scripts_never_crash(text: str) -> None:
    _assert_well_formed(text)
    _assert_well_formed(text.lower())
    _assert_well_formed(text.upper())


def test_ten_thousand_characters_and_control_characters() -> None:
    import time

    long_note = ("Spoke with Zzq Okafor in bed 4, call 07700 900123. " * 200)[:10_000]
    started = time.perf_counter()
    _assert_well_formed(long_note)
    assert time.perf_counter() - started < 5.0
    controls = (
        "".join(chr(c) for c in range(32))
        + "\x7f"
        + "pt A.B."
        + "".join(chr(c) for c in range(0x80, 0xA0))
    )
    _assert_well_formed(controls)
    _assert_well_formed("")
    assert check("").verdict == "ok"
