"""Survey files (svdesk/content/surveys.py): each mistake named with file, path and problem;
scoring of subscale means with reverse items and the minimum of answered items; the shipped
survey loads."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from svdesk.content.loading import ContentError
from svdesk.content.surveys import Survey, bundled_surveys, load_survey, parse_survey, score
from svdesk.errors import InvalidInput, ValidationError

# A small valid survey: two scales, one reverse item, two subscales, one unscored item.
MINIMAL = """
id = "mini"
version = "1.0.0"
language = "en"
title = "Mini survey"
instructions = "Answer each statement."
source = "Written for the tests."
licence = "Apache-2.0"
validated = false

[[scales]]
id = "agree5"
reversible = true
points = [
    { value = 1, label = "Strongly disagree" },
    { value = 2, label = "Disagree" },
    { value = 3, label = "Neither" },
    { value = 4, label = "Agree" },
    { value = 5, label = "Strongly agree" },
]

[[scales]]
id = "yesno"
points = [
    { value = 0, label = "No" },
    { value = 1, label = "Yes" },
]

[[items]]
id = "a1"
text = "I know where to go."
scale = "agree5"
subscale = "know"

[[items]]
id = "a2"
text = "I know whom to call."
scale = "agree5"
subscale = "know"

[[items]]
id = "a3"
text = "I would worry that others find out."
scale = "agree5"
reverse = true
subscale = "know"

[[items]]
id = "b1"
text = "I had support."
scale = "yesno"
subscale = "had"

[[items]]
id = "c1"
text = "An item reported on its own."
scale = "agree5"

[[subscales]]
id = "know"
label = "Knowing"
scoring = "mean"
min_answered = 2
better = "higher"
meaningful_change = 0.5
reading = "A low figure points to how the program is made known."

[[subscales]]
id = "had"
label = "Had support"
scoring = "mean"
min_answered = 1
better = "lower"
meaningful_change = 0.2
"""


def _edit(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


def _problems(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_survey(path)
    assert err.value.source == str(path)
    assert isinstance(err.value, ValidationError)
    assert err.value.message.startswith(f"{path}: {err.value.problems[0][0]}")
    assert err.value.message.endswith("correct the file and try again.")
    return err.value.problems


def test_the_minimal_survey_loads(tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    survey = load_survey(path)
    assert survey.id == "mini"
    assert survey.validated is False
    assert [s.id for s in survey.scales] == ["agree5", "yesno"]
    assert [(s.id, s.items) for s in survey.subscales] == [
        ("know", ("a1", "a2", "a3")),
        ("had", ("b1",)),
    ]
    assert survey.item("a3").reverse is True
    assert survey.item("c1").subscale is None
    assert survey.scale("yesno").values() == (0, 1)


CASES = [
    pytest.param(
        ("validated = false", 'validated = false\nauthor = "me"'),
        [
            (
                "author",
                "is not a known key (expected one of id, version, language, title, "
                "instructions, source, licence, validated, scales, items, subscales)",
            )
        ],
        id="unknown-top-key",
    ),
    pytest.param(
        ('id = "a2"\ntext = "I know whom to call."', 'id = "a2"\ntxt = "I know whom to call."'),
        [
            (
                "items[1].txt",
                "is not a known key (expected one of id, text, scale, reverse, subscale)",
            ),
            ("items[1].text", "is missing"),
        ],
        id="unknown-item-key",
    ),
    pytest.param(
        ('{ value = 0, label = "No" }', '{ value = 0, label = "No", code = "n" }'),
        [("scales[1].points[0].code", "is not a known key (expected one of value, label)")],
        id="unknown-point-key",
    ),
    pytest.param(
        ('licence = "Apache-2.0"\n', ""),
        [("licence", "is missing")],
        id="missing-licence",
    ),
    pytest.param(
        ('source = "Written for the tests."', 'source = "  "'),
        [("source", "must not be empty")],
        id="empty-source",
    ),
    pytest.param(
        ("validated = false", 'validated = "no"'),
        [
            (
                "validated",
                "must be true (a published, validated instrument) or false (written "
                "by the program)",
            )
        ],
        id="validated-not-a-bool",
    ),
    pytest.param(
        ('id = "mini"', 'id = "Mini Survey"'),
        [("id", "'Mini Survey' must be a lower-case id (letters, digits, _), e.g. know_how")],
        id="bad-survey-id",
    ),
    pytest.param(
        ('id = "a2"', 'id = "a1"'),
        [("items[1].id", "duplicate item id 'a1' (also items[0])")],
        id="duplicate-item-id",
    ),
    pytest.param(
        ('id = "yesno"', 'id = "agree5"'),
        [
            ("scales[1].id", "duplicate scale id 'agree5' (also scales[0])"),
            ("items[3].scale", "unknown scale 'yesno' (known: agree5)"),
        ],
        id="duplicate-scale-id",
    ),
    pytest.param(
        ('id = "had"', 'id = "know"'),
        [
            ("subscales[1].id", "duplicate subscale id 'know' (also subscales[0])"),
            ("items[3].subscale", "unknown subscale 'had' (known: know)"),
        ],
        id="duplicate-subscale-id",
    ),
    pytest.param(
        ('{ value = 2, label = "Disagree" }', '{ value = 2, label = "strongly disagree" }'),
        [
            (
                "scales[0].points[1].label",
                "duplicate label 'strongly disagree' (also scales[0].points[0])",
            )
        ],
        id="duplicate-point-label",
    ),
    pytest.param(
        (
            'id = "b1"\ntext = "I had support."\nscale = "yesno"',
            'id = "b1"\ntext = "I had support."\nscale = "yes_no"',
        ),
        [
            ("items[3].scale", "unknown scale 'yes_no' (known: agree5, yesno)"),
            ("scales[1]", "scale 'yesno' is used by no item; remove it"),
        ],
        id="item-names-unknown-scale",
    ),
    pytest.param(
        ('scale = "yesno"\nsubscale = "had"', 'scale = "yesno"\nsubscale = "hadd"'),
        [
            ("subscales[1]", "subscale 'had' is empty: no item names it"),
            ("items[3].subscale", "unknown subscale 'hadd' (known: know, had)"),
        ],
        id="item-names-unknown-subscale",
    ),
    pytest.param(
        (
            'min_answered = 1\nbetter = "lower"',
            'min_answered = 1\nbetter = "lower"\nitems = ["b1"]',
        ),
        [
            (
                "subscales[1].items",
                "is not a key of a subscale: an item joins a subscale by its "
                'own subscale = "..." key',
            )
        ],
        id="subscale-lists-items",
    ),
    pytest.param(
        ('{ value = 3, label = "Neither" }', '{ value = 6, label = "Neither" }'),
        [
            (
                "scales[0].points[2].value",
                "is 6 but the values must be contiguous and ascending: expected 3 after 2",
            )
        ],
        id="values-not-contiguous",
    ),
    pytest.param(
        (
            '{ value = 0, label = "No" },\n    { value = 1, label = "Yes" },',
            '{ value = 1, label = "Yes" },\n    { value = 0, label = "No" },',
        ),
        [
            (
                "scales[1].points[1].value",
                "is 0 but the values must be contiguous and ascending: expected 2 after 1",
            )
        ],
        id="values-descending",
    ),
    pytest.param(
        ('{ value = 0, label = "No" }', '{ value = 0.5, label = "No" }'),
        [("scales[1].points[0].value", "must be a whole number")],
        id="value-not-whole",
    ),
    pytest.param(
        (
            '{ value = 0, label = "No" },\n    { value = 1, label = "Yes" },',
            '{ value = 1, label = "Yes" },',
        ),
        [("scales[1].points", 'must list at least two points ({ value = 1, label = "..." })')],
        id="one-point",
    ),
    pytest.param(
        ('id = "agree5"\nreversible = true', 'id = "agree5"'),
        [
            (
                "items[2].reverse",
                "item is reverse-scored but scale 'agree5' has no rule for "
                "reversing; add reversible = true to the scale (scored lowest + highest - value) "
                "or drop reverse",
            )
        ],
        id="reverse-without-midpoint-rule",
    ),
    pytest.param(
        ("reverse = true", 'reverse = "yes"'),
        [("items[2].reverse", "must be true or false")],
        id="reverse-not-a-bool",
    ),
    pytest.param(
        (
            'scale = "agree5"\nsubscale = "know"\n\n[[items]]\nid = "a2"',
            'scale = "agree5"\nsubscale = "elsewhere"\n\n[[items]]\nid = "a2"',
        ),
        [("items[0].subscale", "unknown subscale 'elsewhere' (known: know, had)")],
        id="typo-in-one-item",
    ),
    pytest.param(
        ('scale = "yesno"\nsubscale = "had"', 'scale = "yesno"'),
        [("subscales[1]", "subscale 'had' is empty: no item names it")],
        id="empty-subscale",
    ),
    pytest.param(
        ('scoring = "mean"\nmin_answered = 2', 'scoring = "sum"\nmin_answered = 2'),
        [("subscales[0].scoring", "must be one of mean")],
        id="unknown-scoring",
    ),
    pytest.param(
        ("min_answered = 2", "min_answered = 4"),
        [("subscales[0].min_answered", "is 4 but the subscale has 3 items; use 1 to 3")],
        id="min-answered-above-items",
    ),
    pytest.param(
        ("min_answered = 2", "min_answered = 0"),
        [("subscales[0].min_answered", "is 0 but the subscale has 3 items; use 1 to 3")],
        id="min-answered-zero",
    ),
    pytest.param(
        ("min_answered = 2", 'min_answered = "two"'),
        [("subscales[0].min_answered", "must be a whole number of answered items")],
        id="min-answered-not-a-number",
    ),
    pytest.param(
        ('better = "higher"', 'better = "up"'),
        [("subscales[0].better", 'must be "higher" or "lower" (which end is better)')],
        id="unknown-better",
    ),
    pytest.param(
        ("meaningful_change = 0.5", "meaningful_change = 0"),
        [
            (
                "subscales[0].meaningful_change",
                "must be a positive number: the change of the mean that counts as meaningful",
            )
        ],
        id="meaningful-change-zero",
    ),
    pytest.param(
        ("meaningful_change = 0.5", "meaningful_change = 4"),
        [
            (
                "subscales[0].meaningful_change",
                "is 4: it must be less than the whole range of the mean (4 points)",
            )
        ],
        id="meaningful-change-whole-range",
    ),
    pytest.param(
        (
            'scale = "agree5"\n\n[[subscales]]',
            'scale = "agree5"\nsubscale = "had"\n\n[[subscales]]',
        ),
        [
            (
                "subscales[1]",
                "mixes scales with different ranges (0 to 1, 1 to 5); a mean needs one range",
            )
        ],
        id="subscale-mixes-ranges",
    ),
    pytest.param(
        ('[[subscales]]\nid = "had"', '[[subscales]]\nid = ""'),
        [
            ("subscales[1].id", "must not be empty"),
            ("items[3].subscale", "unknown subscale 'had' (known: know)"),
        ],
        id="subscale-without-id",
    ),
    pytest.param(
        ('{ value = 0, label = "No" },\n    { value = 1, label = "Yes" },', "0, 1,"),
        [
            ("scales[1].points[0]", "must be a table with value and label"),
            ("scales[1].points[1]", "must be a table with value and label"),
        ],
        id="points-not-tables",
    ),
    pytest.param(
        (
            '[[items]]\nid = "a1"',
            '[[scales]]\nid = "spare"\npoints = [{ value = 1, label = "A" '
            '}, { value = 2, label = "B" }]\n\n[[items]]\nid = "a1"',
        ),
        [("scales[2]", "scale 'spare' is used by no item; remove it")],
        id="unused-scale",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), CASES)
def test_each_mistake_is_named_with_its_path(
    tmp_path: Path, edit: tuple[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _problems(tmp_path, _edit(*edit)) == expected


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = _edit('id = "a2"', 'id = "a1"').replace("min_answered = 2", "min_answered = 9")
    problems = _problems(tmp_path, text)
    assert [where for where, _ in problems] == ["items[1].id", "subscales[0].min_answered"]


def test_missing_tables_are_named(tmp_path: Path) -> None:
    head = MINIMAL[: MINIMAL.index("[[scales]]")]
    assert _problems(tmp_path, head) == [
        ("scales", "must be a non-empty list of [[scales]] tables (the response scales)"),
        ("items", "must be a non-empty list of [[items]] tables (the questions)"),
        ("subscales", "must be a non-empty list of [[subscales]] tables (what is scored)"),
    ]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, MINIMAL.replace('title = "Mini survey"', "title = Mini"))
    assert len(problems) == 1
    assert problems[0][0] == ""
    assert problems[0][1].startswith("is not valid TOML (")
    assert "line 5" in problems[0][1]


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace("Mini survey", "Enqu\xeate").encode("latin-1"))
    with pytest.raises(ContentError) as err:
        load_survey(path)
    assert err.value.problems[0][1].startswith("cannot be read (")


# ---------------------------------------------------------------- scoring


def _survey() -> Survey:
    return parse_survey(tomllib.loads(MINIMAL), "mini.toml")


def test_the_mean_mirrors_reverse_items() -> None:
    survey = _survey()
    # a3 is reverse-scored on 1..5: 5 counts as 1, 2 counts as 4.
    assert score(survey, {"a1": 4, "a2": 5, "a3": 5}) == {"know": 10 / 3, "had": None}
    assert score(survey, {"a1": 1, "a2": 1, "a3": 2}) == {"know": 2.0, "had": None}
    assert score(survey, {"a3": 3, "a1": 3}) == {"know": 3.0, "had": None}  # the midpoint stays


def test_too_few_answers_give_no_mean() -> None:
    survey = _survey()
    assert score(survey, {}) == {"know": None, "had": None}
    # min_answered = 2 of 3: one answer is not enough, an explicit None is no answer.
    assert score(survey, {"a1": 5, "a2": None, "a3": None}) == {"know": None, "had": None}
    assert score(survey, {"a1": 5, "a2": 4}) == {"know": 4.5, "had": None}
    assert score(survey, {"b1": 0}) == {"know": None, "had": 0.0}  # 0 is an answer
    # an item outside every subscale is accepted and scored nowhere
    assert score(survey, {"c1": 5, "b1": 1}) == {"know": None, "had": 1.0}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"a1": 6}, "The answer 6 to item 'a1' is not on its scale (1 to 5)"),
        ({"a1": 0}, "The answer 0 to item 'a1' is not on its scale (1 to 5)"),
        ({"b1": 2}, "The answer 2 to item 'b1' is not on its scale (0 to 1)"),
        ({"a1": 4.0}, "The answer 4.0 to item 'a1' is not on its scale (1 to 5)"),
        ({"a1": "4"}, "The answer '4' to item 'a1' is not on its scale (1 to 5)"),
        ({"b1": True}, "The answer True to item 'b1' is not on its scale (0 to 1)"),
        ({"zz": 1}, "Survey 'mini' has no item 'zz'; answer only its own items."),
    ],
)
def test_an_answer_out_of_range_is_refused(answers: dict[str, object], message: str) -> None:
    survey = _survey()
    with pytest.raises(InvalidInput) as err:
        score(survey, {"a2": 3, **answers})
    assert err.value.message.startswith(message)
    assert err.value.exit_code == 2


def test_the_reading_aid_says_which_end_is_better() -> None:
    survey = _survey()
    know, had = survey.subscales
    assert know.reading_aid() == (
        "Higher is better. A change of 0.5 points or more between two waves counts as "
        "meaningful; a smaller one is too small to act on. A low figure points to how the "
        "program is made known."
    )
    assert had.reading_aid().startswith("Lower is better. A change of 0.2 points or more")


# ---------------------------------------------------------------- the shipped survey


def test_the_shipped_survey_loads_and_says_it_is_not_validated() -> None:
    surveys = bundled_surveys()
    assert list(surveys) == ["program_pulse"]
    pulse = surveys["program_pulse"]
    assert pulse.validated is False
    assert "not a validated instrument" in pulse.source
    assert 8 <= len(pulse.items) <= 10
    assert [s.id for s in pulse.subscales] == ["know_how", "trust", "helped"]
    assert all(item.subscale for item in pulse.items)
    assert [i.id for i in pulse.items if i.reverse] == ["trust_worry_found_out"]
    for subscale in pulse.subscales:
        assert subscale.better == "higher"
        assert subscale.reading_aid().startswith("Higher is better.")


def test_the_shipped_survey_scores_a_full_response() -> None:
    pulse = bundled_surveys()["program_pulse"]
    answers = {item.id: 4 for item in pulse.items}
    answers["trust_worry_found_out"] = 5  # a strong worry lowers trust
    assert score(pulse, answers) == {"know_how": 4.0, "trust": 3.0, "helped": 4.0}


def test_a_bundled_file_must_be_named_after_its_id() -> None:
    with pytest.raises(ContentError) as err:
        parse_survey(tomllib.loads(MINIMAL), "resources/surveys/other.toml", expected_id="other")
    assert err.value.problems == [
        ("id", "is 'mini' but the file is named other.toml; make them the same")
    ]
