"""Broken protocol files: each mistake is reported with the file, the exact path and the problem.

Each case takes the bundled default protocol, makes one realistic edit (what a program editing
the file by hand could get wrong), writes it to tmp_path and loads it.
"""

from __future__ import annotations

from importlib.resources import as_file
from pathlib import Path

import pytest

from svdesk.cli import main
from svdesk.content.loading import ContentError
from svdesk.content.protocol.loader import load_protocol, parse_protocol
from svdesk.content.resources import read_text, resource
from svdesk.errors import ValidationError

DEFAULT = read_text("protocols", "default.toml")


def _edit(old: str, new: str) -> str:
    assert old in DEFAULT, old
    return DEFAULT.replace(old, new, 1)


def _problems(tmp_path: Path, text: str) -> tuple[Path, list[tuple[str, str]]]:
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_protocol(path)
    assert err.value.source == str(path)
    assert str(path) in err.value.message
    return path, err.value.problems


CASES = [
    pytest.param(
        'type = "bool"\nlabel = "Is the colleague unable',
        'type = "yesno"\nlabel = "Is the colleague unable',
        "steps[0].questions[0].type",
        "unknown type 'yesno'",
        id="unknown-type",
    ),
    pytest.param(
        '{ code = "near_miss", label = "Near miss" }',
        '{ code = "nearmiss", label = "Near miss" }',
        "steps[2].questions[0].options[3].code",
        "unknown code 'nearmiss'",
        id="unknown-code",
    ),
    pytest.param(
        'id = "safety.cssrs.plan"',
        'id = "safety.cssrs.intent"',
        "steps[4].questions[4].id",
        "duplicate question id 'safety.cssrs.intent' (also steps[4].questions[3])",
        id="duplicate-question-id",
    ),
    pytest.param(
        'id = "close"',
        'id = "record"',
        "steps[10].id",
        "duplicate step id 'record' (also steps[9])",
        id="duplicate-step-id",
    ),
    pytest.param(
        "number = 9\n",
        "number = 8\n",
        "steps[9].number",
        "duplicate step number 8",
        id="duplicate-step-number",
    ),
    pytest.param(
        'would never go through with it."\nshow_if = { answer = "safety.cssrs.suicidal_thoughts"',
        'would never go through with it."\nshow_if = { answer = "safety.cssrs.thoughts"',
        "steps[4].questions[2].show_if.answer",
        "refers to an unknown question 'safety.cssrs.thoughts'",
        id="show-if-unknown-question",
    ),
    pytest.param(
        'help = "A yes opens questions 3 to 5."',
        'help = "A yes opens questions 3 to 5."\n'
        'show_if = { answer = "safety.cssrs.method", op = "is", value = true }',
        "steps[4].questions[1].show_if",
        "show_if creates a cycle: safety.cssrs.suicidal_thoughts → safety.cssrs.method → "
        "safety.cssrs.suicidal_thoughts",
        id="show-if-cycle",
    ),
    pytest.param(
        'help = "A yes opens questions 3 to 5."',
        'help = "A yes opens questions 3 to 5."\n'
        'show_if = { answer = "safety.cssrs.suicidal_thoughts", op = "is", value = true }',
        "steps[4].questions[1].show_if.answer",
        "'safety.cssrs.suicidal_thoughts' refers to the question itself",
        id="show-if-self",
    ),
    pytest.param(
        'show_if = { answer = "safety.cssrs.suicidal_thoughts", op = "is", value = true }',
        'show_if = { answer = "safety.cssrs.suicidal_thoughts", op = "is", value = 1 }',
        "steps[4].questions[2].show_if.value",
        "1 is not a possible answer of 'safety.cssrs.suicidal_thoughts' (it must be true or false)",
        id="show-if-wrong-value-type",
    ),
    pytest.param(
        '{ answer = "stress.zone", op = "in", value = ["orange", "red"] },',
        '{ answer = "stress.zone", op = "in", value = ["orange", "crimson"] },',
        "steps[4].suggested_if.any[0].value",
        "'crimson' is not a possible answer of 'stress.zone' (it must be one of green,",
        id="suggested-if-unknown-code",
    ),
    pytest.param(
        'min = 0\nmax = 6\nlabel = "PHQ-2 total (optional)"',
        'min = 5\nmax = 4\nlabel = "PHQ-2 total (optional)"',
        "steps[3].questions[8].max",
        "min > max (5 > 4)",
        id="min-greater-than-max",
    ),
    pytest.param(
        'max = 5\nlabel = "PC-PTSD-5 total (optional)"',
        'max = 9\nlabel = "PC-PTSD-5 total (optional)"',
        "steps[3].questions[7].max",
        "is 9, above the data dictionary's maximum 5",
        id="beyond-dictionary-range",
    ),
    pytest.param(
        'program_text = "confidentiality"\nintent = """',
        'program_text = "confidentiality"\npurpose = """',
        "steps[1].intent",
        "is missing",
        id="missing-intent",
    ),
    pytest.param(
        'program_text = "confidentiality"\nintent = """',
        'program_text = "confidentiality"\npurpose = """',
        "steps[1].purpose",
        "is not a known key",
        id="unknown-key",
    ),
    pytest.param(
        'cards = ["what_helps"]',
        'cards = ["what_helped"]',
        "steps[1].cards[0]",
        "unknown card id 'what_helped'",
        id="unknown-card",
    ),
    pytest.param(
        'id = "stress.zone"\ntype = "choice"',
        'id = "stress.zone"\ntype = "multi"',
        "steps[3].questions[0].type",
        "'stress.zone' holds code values, so the type must be choice, not multi",
        id="type-does-not-fit-dictionary",
    ),
    pytest.param(
        'id = "event.repeat_in_90d"',
        'id = "event.repeated"',
        "steps[2].questions[4].id",
        "unknown id 'event.repeated'",
        id="unknown-answer-id",
    ),
    pytest.param(
        'id = "event.repeat_in_90d"',
        'id = "event.repeated"',
        "steps",
        "no question collects 'event.repeat_in_90d', which the escalation rules read",
        id="rules-answer-not-collected",
    ),
    pytest.param(
        'id = "duration"',
        'id = "time_since_event"',
        "steps[10].questions[0].id",
        "'time_since_event' is a record field the app fills itself",
        id="derived-record-field",
    ),
    pytest.param(
        'label = "How distressed are you after this conversation?"\noptions = [',
        'label = "How distressed are you after this conversation?"\nchoices = [',
        "steps[11].questions[0].options",
        "is missing: list the options with code and label",
        id="coded-answer-without-options",
    ),
    pytest.param(
        'label = "Who asked for this support?"\ninitial_only = true\nrequired = true',
        'label = "Who asked for this support?"\ninitial_only = true\nrequired = "yes"',
        "steps[0].questions[2].required",
        "must be true or false",
        id="flag-not-bool",
    ),
    pytest.param(
        'label = "Who asked for this support?"\ninitial_only = true',
        'label = "Who asked for this support?"\ninitial_only = true\nfollowup_only = true',
        "steps[0].questions[2].initial_only",
        "cannot be set together with followup_only",
        id="initial-and-followup-only",
    ),
    pytest.param(
        'label = "How are you meeting?"',
        'label = "How are you meeting?"\nmin = 1',
        "steps[0].questions[3].min",
        "is only allowed for int and scale, not choice",
        id="bounds-on-choice",
    ),
    pytest.param(
        'show_if = { answer = "event.days_since", op = "ge", value = 28 }',
        'show_if = { answer = "event.days_since", op = "contains", value = 28 }',
        "steps[3].questions[7].show_if.op",
        "contains cannot be used on the int question 'event.days_since' (use eq, ne, gt, ge,",
        id="operator-does-not-fit",
    ),
    pytest.param(
        'show_if = { answer = "event.days_since", op = "ge", value = 28 }',
        'show_if = { answer = "event.days_since", op = "at_least", value = 28 }',
        "steps[3].questions[7].show_if.op",
        "'at_least' is not an operator (is, eq, ne, gt, ge, lt, le, contains, in)",
        id="unknown-operator",
    ),
    pytest.param(
        '{ answer = "stress.zone", op = "in", value = ["orange", "red"] },',
        '{ answer = "stress.zone", op = "in", value = ["orange", "red"] },\n'
        '    { answer = "stress.zonee", op = "eq", value = "red" },',
        "steps[4].suggested_if.any[1].answer",
        "refers to an unknown question 'stress.zonee'",
        id="nested-condition",
    ),
    pytest.param(
        '{ answer = "stress.zone", op = "in", value = ["orange", "red"] },',
        '{ answer = "stress.zone", op = "in", value = [] },',
        "steps[4].suggested_if.any[0].value",
        "must be a non-empty list of values",
        id="empty-in-list",
    ),
    pytest.param(
        'program_text = "confidentiality"',
        'program_text = "confidentialty"',
        "steps[1].program_text",
        "unknown program text 'confidentialty' (known: confidentiality)",
        id="unknown-program-text",
    ),
    pytest.param(
        'followup_label = "2. Since we last spoke',
        'followup_label = 2\nhelp_followup = "2. Since we last spoke',
        "steps[4].questions[1].followup_label",
        "must be a text",
        id="followup-label-not-text",
    ),
    pytest.param(
        'label = "Who asked for this support?"\ninitial_only = true',
        'label = "Who asked for this support?"\nfollowup_label = "Who asked?"\ninitial_only = true',
        "steps[0].questions[2].followup_label",
        "is never shown: the question is initial_only",
        id="followup-label-on-initial-only",
    ),
    pytest.param(
        'show_if = { answer = "event.days_since", op = "ge", value = 28 }',
        'show_if = { answer = "event.days_since", op = "ge" }',
        "steps[3].questions[7].show_if.value",
        "is missing",
        id="condition-without-operator",
    ),
]


@pytest.mark.parametrize(("old", "new", "path", "problem"), CASES)
def test_each_mistake_is_reported_at_its_path(
    tmp_path: Path, old: str, new: str, path: str, problem: str
) -> None:
    _, problems = _problems(tmp_path, _edit(old, new))
    at_path = [p for where, p in problems if where == path]
    assert any(problem in p for p in at_path), problems


def test_one_mistake_gives_one_problem(tmp_path: Path) -> None:
    # A broken question type must not cascade into "unknown question" / "not collected" noise.
    _, problems = _problems(
        tmp_path,
        _edit(
            'id = "safety.cssrs.suicidal_thoughts"\ntype = "bool"',
            'id = "safety.cssrs.suicidal_thoughts"\ntype = "boolean"',
        ),
    )
    assert problems == [
        (
            "steps[4].questions[1].type",
            "unknown type 'boolean' (use one of bool, choice, multi, int, scale)",
        )
    ]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = _edit('cards = ["what_helps"]', 'cards = ["nope"]')
    text = text.replace('{ code = "near_miss",', '{ code = "nearmiss",', 1)
    _, problems = _problems(tmp_path, text)
    assert [where for where, _ in problems] == [
        "steps[1].cards[0]",
        "steps[2].questions[0].options[3].code",
    ]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    _, problems = _problems(tmp_path, DEFAULT + "\n[[steps]\n")
    assert len(problems) == 1
    assert problems[0][0] == ""
    assert "is not valid TOML" in problems[0][1]
    assert "line" in problems[0][1]


def test_a_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot be read"):
        load_protocol(tmp_path / "absent.toml")


def test_empty_protocol_lists_its_missing_parts(tmp_path: Path) -> None:
    _, problems = _problems(tmp_path, "# nothing yet\n")
    where = {w for w, _ in problems}
    assert {"id", "version", "language", "title", "steps"} <= where


def test_local_questions_need_their_own_options() -> None:
    minimal = {
        "id": "mini",
        "version": "0.1",
        "language": "en",
        "title": "Minimal",
        "steps": [
            {
                "id": "only",
                "number": 0,
                "title": "Only",
                "kind": "talk",
                "intent": "Try a program-specific question.",
                "questions": [
                    {"id": "local.shift", "type": "choice", "label": "Which shift?"},
                    {"id": "local.coffee", "type": "bool", "label": "Coffee offered?"},
                ],
            },
            # every protocol has one disposition and one record step
            *(
                {"id": k, "number": n, "title": k, "kind": k, "intent": k, "followup": True}
                for n, k in ((1, "disposition"), (2, "record"))
            ),
        ],
    }
    with pytest.raises(ContentError) as err:
        parse_protocol(minimal, "mini.toml", card_ids=(), rule_answer_ids=())
    assert err.value.problems == [
        ("steps[0].questions[0].options", "is missing: list the options with code and label")
    ]
    steps = minimal["steps"]
    assert isinstance(steps, list)
    steps[0]["questions"][0]["options"] = [{"code": "night", "label": "Night"}]
    protocol = parse_protocol(minimal, "mini.toml", card_ids=(), rule_answer_ids=())
    assert protocol.question("local.shift").codes() == ("night",)


# ---------------------------------------------------------------- svdesk protocol check


def test_cli_check_accepts_the_default_protocol(capsys: pytest.CaptureFixture[str]) -> None:
    with as_file(resource("protocols", "default.toml")) as path:
        status = main(["protocol", "check", str(path)])
    out, err = capsys.readouterr()
    assert status == 0
    assert out == "ok: default 2.0.0, 12 steps, 43 questions\n"
    assert err == ""


def test_cli_check_prints_each_problem_with_file_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.toml"
    text = _edit('cards = ["what_helps"]', 'cards = ["nope"]')
    text = text.replace(
        'type = "choice"\nlabel = "How are you meeting?"',
        'type = "dropdown"\nlabel = "How are you meeting?"',
        1,
    )
    path.write_text(text, encoding="utf-8")
    status = main(["protocol", "check", str(path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [
        f"{path}: steps[0].questions[3].type: unknown type 'dropdown' "
        "(use one of bool, choice, multi, int, scale)",
        f"{path}: steps[1].cards[0]: unknown card id 'nope' (known: brief_screens, "
        "clinician_crisis, common_reactions, crisis_now, group_support, just_culture, "
        "leader_tier1, seven_cs, six_stages, stress_continuum, supporter_self_care, "
        "what_helps)",
    ]
    assert "2 problems" in err


def test_cli_check_of_a_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["protocol", "check", str(tmp_path / "none.toml")])
    out, _ = capsys.readouterr()
    assert status == 2
    assert out.startswith(f"{tmp_path / 'none.toml'}: cannot be read")
