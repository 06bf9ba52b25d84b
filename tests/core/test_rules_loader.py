"""A program's own rules file (or answer vocabulary) is checked at load; every problem names the
file, the path inside it and what is wrong, so the admin can fix it without reading code."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdesk.content.answers import load_vocabulary
from svdesk.content.resources import read_text
from svdesk.content.rules import load_rules, parse_rules
from svdesk.errors import ValidationError

HEADER = 'version = "test-1"\n'

GOOD_RULE = """
[[rules]]
id = "red"
level = "tier3_72h"
when = { answer = "stress.zone", op = "eq", value = "red" }
reason = "Red zone."
source = "SFA"
"""


def _rule(when: str, *, rule_id: str = "r", level: str = '"tier3_2wk"', extra: str = "") -> str:
    return f"""
[[rules]]
id = "{rule_id}"
level = {level}
when = {when}
reason = "Because."
source = "Somewhere"
{extra}
"""


def _problems(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "program.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_rules(path)
    error = info.value
    assert str(path) in error.message  # the file is named
    assert getattr(error, "source", None) == str(path)
    assert error.exit_code == 2
    return error.problems


def _paths(tmp_path: Path, text: str) -> list[str]:
    return [p for p, _ in _problems(tmp_path, text)]


def test_a_program_file_can_tighten_a_threshold(tmp_path: Path) -> None:
    # escalation.md: a program may lower a threshold, e.g. PHQ-2 >= 2 (more sensitive, Arroll 2010).
    default = read_text("rules", "default.toml")
    old = '{ answer = "screen.phq2", op = "ge", value = 3 }'
    assert old in default
    text = default.replace(old, '{ answer = "screen.phq2", op = "ge", value = 2 }')
    path = tmp_path / "strict.toml"
    path.write_text(text.replace('version = "2026.2"', 'version = "2026.2-strict"'), "utf-8")
    rules = load_rules(path)
    result = rules.evaluate({"screen.phq2": 2})
    assert [f.id for f in result.fired] == ["screen_depression"]
    assert result.rules_version == "2026.2-strict"
    assert rules.language == "en"
    assert load_rules().evaluate({"screen.phq2": 2}).fired == ()
    # The screen cut-offs come from the same file: the record's screen_positive follows it.
    assert rules.screen_thresholds()["screen.phq2"] == 2
    assert load_rules().screen_thresholds()["screen.phq2"] == 3


def test_nested_conditions_and_all_operators_load_and_evaluate(tmp_path: Path) -> None:
    text = HEADER + _rule(
        """{ all = [
    { any = [
        { answer = "screen.phq2", op = "lt", value = 1 },
        { answer = "screen.gad2", op = "le", value = 0 },
    ] },
    { answer = "stress.recovery_stage", op = "in", value = ["6_surviving", "unclear"] },
    { answer = "event.days_since", op = "ge", value = 0 },
    { answer = "supporter.own_distress", op = "ne", value = "none" },
] }"""
    )
    path = tmp_path / "nested.toml"
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)
    hit = {
        "screen.phq2": 0,
        "stress.recovery_stage": "unclear",
        "event.days_since": 9,
        "supporter.own_distress": "some",
    }
    assert rules.evaluate(hit).level == "tier3_2wk"
    assert rules.evaluate({**hit, "stress.recovery_stage": "1_chaos"}).level == "tier2"
    assert rules.evaluate({**hit, "supporter.own_distress": None}).level == "tier2"
    assert rules.answer_ids() == {
        "screen.phq2", "screen.gad2", "stress.recovery_stage", "event.days_since",
        "supporter.own_distress",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        (
            _rule('{ answer = "stress.zonee", op = "eq", value = "red" }'),
            "rules[0].when.answer",
            "not an answer id",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq", value = "red" }', level='"tier4"'),
            "rules[0].level",
            "not a level",
        ),
        (
            _rule(
                '{ answer = "stress.zone", op = "eq", value = "red" }',
                extra='actions = ["crisis_line_info", "call_police"]',
            ),
            "rules[0].actions[1]",
            "not an action",
        ),
        (
            _rule('{ answer = "stress.zone", op = "equals", value = "red" }'),
            "rules[0].when.op",
            "not an operator",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq", value = "purple" }'),
            "rules[0].when.value",
            "must be one of",
        ),
        (
            _rule('{ answer = "screen.pc_ptsd5", op = "ge", value = "4" }'),
            "rules[0].when.value",
            "whole number",
        ),
        (
            _rule('{ answer = "screen.pc_ptsd5", op = "ge", value = 9 }'),
            "rules[0].when.value",
            "from 0 to 5",
        ),
        (
            _rule('{ answer = "screen.pc_ptsd5", op = "ge", value = true }'),
            "rules[0].when.value",
            "whole number",
        ),
        (
            _rule('{ answer = "screen.phq2", op = "ge", value = 2.5 }'),
            "rules[0].when.value",
            "whole number",
        ),
        (
            _rule('{ answer = "stress.symptom_days", op = "is", value = true }'),
            "rules[0].when.value",
            "use eq",
        ),
        (
            _rule('{ answer = "safety.imminent_danger", op = "is", value = "yes" }'),
            "rules[0].when.value",
            "true or false",
        ),
        (
            _rule('{ answer = "stress.zone", op = "gt", value = "orange" }'),
            "rules[0].when.value",
            "compares numbers",
        ),
        (
            _rule('{ answer = "stress.zone", op = "contains", value = "red" }'),
            "rules[0].when.value",
            "list of codes",
        ),
        (
            _rule('{ answer = "event.categories", op = "eq", value = "near_miss" }'),
            "rules[0].when.value",
            "use contains",
        ),
        (
            _rule('{ answer = "event.categories", op = "contains", value = "lawsuit" }'),
            "rules[0].when.value",
            "each code must be one of the 15 codes",
        ),
        (
            _rule('{ answer = "stress.zone", op = "in", value = [] }'),
            "rules[0].when.value",
            "non-empty list",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq" }'),
            "rules[0].when.value",
            "missing",
        ),
        (_rule("{ any = [] }"), "rules[0].when.any", "non-empty list"),
        (_rule('"stress.zone is red"'), "rules[0].when", "must be a table"),
        (
            _rule('{ answer = "stress.zone", any = [] }'),
            "rules[0].when",
            "exactly one of",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq", value = "red", unit = "days" }'),
            "rules[0].when.unit",
            "not a known key",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq", value = "red" }', rule_id="Red Zone"),
            "rules[0].id",
            "lower-case id",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq", value = "red" }', level='"tier2"'),
            "rules[0]",
            "needs a level or at least one action",
        ),
        (
            _rule('{ answer = "stress.zone", op = "eq", value = "red" }', extra='colour = "red"'),
            "rules[0].colour",
            "not a known key",
        ),
    ],
)
def test_bad_rule_is_reported_with_its_path(
    tmp_path: Path, text: str, path: str, words: str
) -> None:
    problems = _problems(tmp_path, HEADER + text)
    assert any(p == path and words in message for p, message in problems), problems


def test_problem_deep_in_a_nested_condition_names_the_exact_path(tmp_path: Path) -> None:
    text = (
        HEADER
        + _rule('{ answer = "stress.zone", op = "eq", value = "red" }', rule_id="a")
        + _rule('{ answer = "stress.zone", op = "eq", value = "red" }', rule_id="b")
        + _rule('{ answer = "stress.zone", op = "eq", value = "red" }', rule_id="c")
        + _rule(
            """{ all = [
                { answer = "stress.zone", op = "eq", value = "orange" },
                { any = [
                    { answer = "stress.symptom_days", op = "gt", value = 14 },
                    { answer = "stress.symptom_days", op = "gt", value = -1 },
                ] },
            ] }""",
            rule_id="d",
        )
    )
    problems = _problems(tmp_path, text)
    assert problems == [("rules[3].when.all[1].any[1].value", problems[0][1])]
    assert "at least 0" in problems[0][1]


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    text = HEADER + GOOD_RULE + GOOD_RULE.replace("tier3_72h", "emergency")
    problems = _problems(tmp_path, text)
    assert problems == [("rules[1].id", "'red' is already used by rules[0]")]


def test_all_problems_are_listed_not_just_the_first(tmp_path: Path) -> None:
    text = (
        HEADER
        + _rule('{ answer = "nope", op = "eq", value = 1 }', rule_id="a")
        + _rule('{ answer = "stress.zone", op = "eq", value = "red" }', level='"soon"')
    )
    assert _paths(tmp_path, text) == ["rules[0].when.answer", "rules[1].level"]


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (GOOD_RULE, "version"),
        ('version = ""\n' + GOOD_RULE, "version"),
        (HEADER, "rules"),
        (HEADER + "rules = 3\n", "rules"),
        (HEADER + 'author = "x"\n' + GOOD_RULE, "author"),
        (HEADER + 'language = "English"\n' + GOOD_RULE, "language"),
        (HEADER + GOOD_RULE.replace('reason = "Red zone."', ""), "rules[0].reason"),
        (HEADER + GOOD_RULE.replace('source = "SFA"', 'source = "  "'), "rules[0].source"),
        (
            HEADER
            + GOOD_RULE.replace('when = { answer = "stress.zone", op = "eq", value = "red" }', ""),
            "rules[0].when",
        ),
    ],
)
def test_bad_file_level_structure(tmp_path: Path, text: str, path: str) -> None:
    assert path in _paths(tmp_path, text)


def test_invalid_toml_is_a_validation_error_naming_the_file(tmp_path: Path) -> None:
    problems = _problems(tmp_path, 'version = "1"\n[[rules]\nid = ')
    assert problems[0][0] == ""
    assert "not valid TOML" in problems[0][1]


def test_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"missing\.toml"):
        load_rules(tmp_path / "missing.toml")


def test_bundled_rules_load_once_and_are_cached() -> None:
    assert load_rules() is load_rules()
    assert parse_rules(read_text("rules", "default.toml"), "x") == load_rules()


# ---------------------------------------------------------------- the answer vocabulary file


def test_bundled_vocabulary_loads_from_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text(read_text("vocab", "answers.toml"), encoding="utf-8")
    vocabulary = load_vocabulary(path)
    assert vocabulary.answers["stress.zone"].type == "code"
    assert vocabulary == load_vocabulary()


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('[answers."a.b"]\ntype = "bool"\n', "version"),
        ('version = "1"\n[answers."a.b"]\ntype = "boolean"\n', 'answers."a.b".type'),
        ('version = "1"\n[answers."a.b"]\ntype = "code"\n', 'answers."a.b".codes'),
        (
            'version = "1"\n[answers."a.b"]\ntype = "code"\ncodes = ["x", "x"]\n',
            'answers."a.b".codes',
        ),
        ('version = "1"\n[answers."a.b"]\ntype = "bool"\ncodes = ["x"]\n', 'answers."a.b".codes'),
        (
            'version = "1"\n[answers."a.b"]\ntype = "integer"\nmin = 5\nmax = 1\n',
            'answers."a.b".max',
        ),
        ('version = "1"\n[answers."a.b"]\ntype = "integer"\nmin = "0"\n', 'answers."a.b".min'),
        (
            'version = "1"\n[answers."a.b"]\ntype = "code"\nmin = 0\ncodes=["x"]\n',
            'answers."a.b".min',
        ),
        ('version = "1"\n[answers."a.b"]\ntype = "bool"\nlabel = "x"\n', 'answers."a.b".label'),
        ('version = "1"\n', "answers"),
    ],
)
def test_bad_vocabulary_is_reported_with_its_path(tmp_path: Path, text: str, path: str) -> None:
    file = tmp_path / "answers.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_vocabulary(file)
    assert str(file) in info.value.message
    assert path in [p for p, _ in info.value.problems], info.value.problems
