"""The recipient feedback survey (issue 14, item 3): three questions a colleague answers with the
one-time code a supporter offered (`svdesk.unit.feedback`), in the survey format of
`svdesk.content.surveys`.

It lives in `resources/surveys/feedback/`, apart from the staff surveys, so that it is never
offered as the unit's kiosk survey. Its first two items are scales (the coordinator reports the
share answering `POSITIVE_FROM` or more); the third is a choice whose values are codes, counted,
never averaged (`CHOICE_ITEM`).
"""

from __future__ import annotations

from functools import cache
from typing import Final

from svdesk.content.languages import DEFAULT_LANGUAGE, check_language, translated_name
from svdesk.content.loading import parse_toml
from svdesk.content.resources import resource
from svdesk.content.surveys import Survey, parse_survey

FEEDBACK_SURVEY_ID: Final = "recipient_feedback"
FOLDER: Final = ("surveys", "feedback")
SCALE_ITEMS: Final = ("helpful", "recommend")  # reported as the share answering 4 or 5
CHOICE_ITEM: Final = "would_have_helped"  # counted by choice
POSITIVE_FROM: Final = 4


def feedback_survey(language: str = DEFAULT_LANGUAGE) -> Survey:
    """The feedback survey with its texts in `language` (English where it has no translation);
    ids, scales and values are the same in every language."""
    return _load(check_language(language))


@cache
def _load(language: str) -> Survey:
    file_name = f"{FEEDBACK_SURVEY_ID}.toml"
    name = translated_name(file_name, language)
    node = resource(*FOLDER, name)
    if not node.is_file():
        name = file_name
        node = resource(*FOLDER, name)
    source = "resources/" + "/".join((*FOLDER, name))
    text = node.read_text(encoding="utf-8")
    return parse_survey(parse_toml(text, source), source, expected_id=FEEDBACK_SURVEY_ID)
