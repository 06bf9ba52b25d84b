"""`svdesk rules eval [FILE|-]`: JSON answers in, the escalation JSON of escalation.md out."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from svdesk.cli import main
from svdesk.content.rules import load_rules


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    code = main(["--home", str(tmp_path / "home"), "rules", "eval", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_prints_the_contract_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = {"safety.cssrs.wish_dead": True, "stress.zone": "yellow"}
    code, out, err = _run(tmp_path, capsys, json.dumps({"answers": answers}))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["level", "actions", "fired", "rules_version"]
    assert data["level"] == "tier3_72h"
    assert data["actions"] == ["crisis_line_info"]
    assert [f["id"] for f in data["fired"]] == ["cssrs_ideation"]
    assert data["fired"][0]["level"] == "tier3_72h"
    assert data["fired"][0]["actions"] == ["crisis_line_info"]
    assert "crisis line" in data["fired"][0]["reason"]
    source = "Columbia Protocol triage (low risk: referral and crisis line)"
    assert data["fired"][0]["source"] == source
    assert data["rules_version"] == load_rules().version
    # Nothing is written to the data directory: evaluating is side-effect free.
    assert not (tmp_path / "home").exists()


def test_eval_of_no_answers_is_tier2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, capsys, '{"answers": {}}')
    assert code == 0
    assert json.loads(out) == {
        "level": "tier2",
        "actions": [],
        "fired": [],
        "rules_version": load_rules().version,
    }


def test_eval_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"answers": {"event.staff_affected": 12}}'))
    assert main(["--home", str(tmp_path), "rules", "eval", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actions"] == ["group_response"]
    assert data["fired"][0]["level"] is None


def test_eval_of_table_v2_rows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Lifetime-only behaviour is same day; with the past 3 months it is an emergency.
    cases = [
        ({"safety.cssrs.behavior_lifetime": True}, "tier3_same_day", ["crisis_line_info"]),
        (
            {"safety.cssrs.behavior_lifetime": True, "safety.cssrs.behavior_3mo": True},
            "emergency",
            ["crisis_line_info"],
        ),
        ({"safety.harm_to_others_intent": True}, "emergency", ["security_alert"]),
        (
            {"safety.impaired_at_work": True},
            "tier3_same_day",
            ["fitness_for_duty", "relieve_from_duty"],
        ),
        ({"event.multiple_departments": True}, "tier2", ["group_response"]),
        ({"stress.zone": "orange"}, "tier2_intensified", []),
        ({"screen.pc_ptsd5": 3}, "tier3_2wk", []),
    ]
    for answers, level, actions in cases:
        monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"answers": answers})))
        assert main(["--home", str(tmp_path), "rules", "eval", "-"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["level"], data["actions"]) == (level, actions), answers


def test_eval_without_file_argument_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"answers": {"stress.zone": "red"}}'))
    assert main(["--home", str(tmp_path), "rules", "eval"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "tier3_72h"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"answers": {"stress.zone": "red"', "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", '"answers" object'),
        ('{"answer": {}}', '"answers" object'),
        ('{"answers": [["stress.zone", "red"]]}', '"answers" object'),
        ('{"answers": {"stress.zone": "purple"}}', "stress.zone"),
        ('{"answers": {"screen.phq2": true}}', "screen.phq2"),
        ('{"answers": {"screen.phq2": 7}}', "screen.phq2"),
        ('{"answers": {"patient.name": "x"}}', "patient.name"),
        # Table v2 ids: wrong types, unknown spellings and a zero staff count name the id.
        ('{"answers": {"event.staff_affected": 0}}', "event.staff_affected"),
        ('{"answers": {"event.staff_affected": "6"}}', "event.staff_affected"),
        ('{"answers": {"event.multiple_departments": "yes"}}', "event.multiple_departments"),
        ('{"answers": {"safety.cssrs.behavior_lifetime": 1}}', "safety.cssrs.behavior_lifetime"),
        ('{"answers": {"safety.harm_to_others_intent": "no"}}', "safety.harm_to_others_intent"),
        ('{"answers": {"safety.impaired_at_work": [true]}}', "safety.impaired_at_work"),
        ('{"answers": {"safety.cssrs.behaviour_lifetime": true}}', "behaviour_lifetime"),
        ('{"answers": {"screen.pc_ptsd5": 6}}', "screen.pc_ptsd5"),
        ('{"answers": {"screen.gad2": 1' + "0" * 5000 + "}}", "number that is too long"),
        ('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ],
)
def test_invalid_input_exits_2_with_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    code, out, err = _run(tmp_path, capsys, text)
    assert code == 2
    assert out == ""
    assert words in err
    assert err.startswith("svdesk: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--home", str(tmp_path), "rules", "eval", str(tmp_path / "nope.json")])
    assert code == 2
    assert "nope.json" in capsys.readouterr().err


def test_installed_command_reads_stdin() -> None:
    exe = Path(sys.executable).with_name("svdesk")
    request = {"answers": {"safety.imminent_danger": True, "supporter.own_distress": "high"}}
    done = subprocess.run(
        [str(exe), "rules", "eval", "-"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    data = json.loads(done.stdout)
    assert data["level"] == "emergency"
    assert data["actions"] == ["crisis_line_info", "supporter_debrief"]
    bad = subprocess.run(
        [str(exe), "rules", "eval", "-"],
        input='{"answers": {"stress.zone": "blue"}}',
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "stress.zone" in bad.stderr
