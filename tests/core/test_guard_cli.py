"""`svdesk guard check`: JSON exactly as in cli.md, exit 0 whatever the verdict, 2 on bad input."""

from __future__ import annotations

import io
import json
import sys

import pytest

from svdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict[str, object], str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def test_blocking_text_prints_cli_md_shape(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Colleague said call 555-123-4567 now"
    code, doc, err = run(capsys, ["guard", "check", text])
    assert code == 0
    assert err == ""
    assert doc == {
        "verdict": "block",
        "findings": [{"kind": "phone", "severity": "block", "start": 20, "end": 32}],
    }
    assert text[20:32] == "555-123-4567"


def test_ok_and_warn(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, ["guard", "check", "Talked through the shift."])[1] == {
        "verdict": "ok",
        "findings": [],
    }
    code, doc, _ = run(capsys, ["guard", "check", "Mrs Jones was 92 yo"])
    assert code == 0
    assert doc["verdict"] == "warn"
    assert [f["kind"] for f in doc["findings"]] == ["person_name", "age_over_89"]  # type: ignore[attr-defined]


def test_output_never_contains_the_note(capsys: pytest.CaptureFixture[str]) -> None:
    main(["guard", "check", "CANARY-Okonkwo anna@nhs.net"])
    out, err = capsys.readouterr()
    assert "Okonkwo" not in out + err
    assert "anna" not in out + err


def test_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(
        io.BytesIO("ring ５５５－１２３－４５６７\n".encode()), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "stdin", stdin)
    code, doc, _ = run(capsys, ["guard", "check"])
    assert code == 0
    assert doc["findings"] == [{"kind": "phone", "severity": "block", "start": 5, "end": 17}]


def test_undecodable_standard_input_is_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 \xff"), encoding="utf-8")
    )
    code = main(["guard", "check"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("svdesk: Standard input is not UTF-8 text")
    assert err.count("\n") == 1


def test_offsets_count_characters_not_bytes(capsys: pytest.CaptureFixture[str]) -> None:
    text = "😢😢 é call 555-123-4567"
    _, doc, _ = run(capsys, ["guard", "check", text])
    (finding,) = doc["findings"]  # type: ignore[misc]
    assert text[finding["start"] : finding["end"]] == "555-123-4567"


def test_explain_adds_the_shared_message_and_advice(capsys: pytest.CaptureFixture[str]) -> None:
    from svdesk.unit.guard import EXPLANATIONS

    code, doc, _ = run(capsys, ["guard", "check", "--explain", "spoke with Ngozi, bed 4"])
    assert code == 0
    findings = doc["findings"]
    assert isinstance(findings, list)
    by_kind = {f["kind"]: f for f in findings}
    assert by_kind["person_name"]["advice"] == EXPLANATIONS["person_name"].advice
    assert "a colleague" in by_kind["person_name"]["advice"]
    assert by_kind["id_label"]["message"] == EXPLANATIONS["id_label"].message
    # without --explain the output is exactly the cli.md contract
    _, plain, _ = run(capsys, ["guard", "check", "spoke with Ngozi, bed 4"])
    assert all(set(f) == {"kind", "severity", "start", "end"} for f in plain["findings"])  # type: ignore[union-attr]
