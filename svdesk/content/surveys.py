"""Surveys as data (TOML, see docs/surveys.md): load and validate a survey file, score answers.

A survey has response scales (contiguous integer points with labels), items (each on one scale,
maybe reverse-scored, maybe in one subscale) and subscales (scored as the mean of their items
when enough of them are answered, with a plain-language reading aid). Problems are reported the
way every content file reports them: the file, the path in it and the problem (`ContentError`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal

from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content, is_translation
from svdesk.content.loading import (
    Problems,
    check_keys,
    parse_toml,
    read_toml_file,
    text_of,
)
from svdesk.content.resources import resource
from svdesk.errors import InvalidInput

Better = Literal["higher", "lower"]

SCORINGS: Final = ("mean",)
BETTER: Final[tuple[Better, ...]] = ("higher", "lower")
_ID: Final = re.compile(r"^[a-z][a-z0-9_]*$")

_TEXT_KEYS: Final = ("version", "language", "title", "instructions", "source", "licence")
_SURVEY_KEYS: Final = ("id", *_TEXT_KEYS, "validated", "scales", "items", "subscales")
_SCALE_KEYS: Final = ("id", "reversible", "points")
_POINT_KEYS: Final = ("value", "label")
_ITEM_KEYS: Final = ("id", "text", "scale", "reverse", "subscale")
_READING_KEYS: Final = ("better", "meaningful_change", "reading")  # the reading aid
_SUBSCALE_KEYS: Final = ("id", "label", "scoring", "min_answered", *_READING_KEYS)


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class ResponseScale:
    """Points with contiguous integer values, lowest first. `reversible`: a reverse-scored item
    on this scale is scored `lowest + highest - value` (mirrored around the midpoint)."""

    id: str
    points: tuple[ScalePoint, ...]
    reversible: bool

    @property
    def lowest(self) -> int:
        return self.points[0].value

    @property
    def highest(self) -> int:
        return self.points[-1].value

    def values(self) -> tuple[int, ...]:
        return tuple(p.value for p in self.points)


@dataclass(frozen=True)
class SurveyItem:
    id: str
    text: str
    scale: str
    reverse: bool
    subscale: str | None


@dataclass(frozen=True)
class Subscale:
    """Scored as the `scoring` ("mean") of its `items` when at least `min_answered` are answered.

    `better` and `meaningful_change` (in points of the mean) are the reading aid; `reading` an
    optional sentence on what the subscale means for the program."""

    id: str
    label: str
    items: tuple[str, ...]
    scoring: str
    min_answered: int
    better: Better
    meaningful_change: float
    reading: str

    def reading_aid(self) -> str:
        """The plain-language reading aid a report prints beside the figure."""
        direction = "Higher is better." if self.better == "higher" else "Lower is better."
        change = (
            f"A change of {self.meaningful_change:g} points or more between two waves counts "
            "as meaningful; a smaller one is too small to act on."
        )
        return " ".join(part for part in (direction, change, self.reading.strip()) if part)


@dataclass(frozen=True)
class Survey:
    id: str
    version: str
    language: str
    title: str
    instructions: str
    source: str
    licence: str
    validated: bool  # False: written by a program, not a validated instrument
    scales: tuple[ResponseScale, ...]
    items: tuple[SurveyItem, ...]
    subscales: tuple[Subscale, ...]

    def scale(self, scale_id: str) -> ResponseScale:
        return next(s for s in self.scales if s.id == scale_id)

    def item(self, item_id: str) -> SurveyItem:
        return next(i for i in self.items if i.id == item_id)


# ---------------------------------------------------------------- loading


def load_survey(path: Path) -> Survey:
    """The survey in `path`; `ContentError` naming the file, the path in it and each problem."""
    return parse_survey(read_toml_file(path), str(path))


def bundled_surveys(language: str = DEFAULT_LANGUAGE) -> Mapping[str, Survey]:
    """The surveys shipped in `resources/surveys/` by id (each file named after its id), with
    their texts in `language` (`<id>.<language>.toml`, svdesk/content/languages.py); ids,
    scales' values and scoring are the same in every language."""
    return _bundled(language)


@cache
def _bundled(language: str = DEFAULT_LANGUAGE) -> Mapping[str, Survey]:
    surveys: dict[str, Survey] = {}
    for node in sorted(resource("surveys").iterdir(), key=lambda n: n.name):
        if not node.name.endswith(".toml") or is_translation(node.name):
            continue
        text, source = bundled_content("surveys", node.name, language)
        data = parse_toml(text, source)
        survey = parse_survey(data, source, expected_id=node.name.removesuffix(".toml"))
        surveys[survey.id] = survey
    return MappingProxyType(surveys)


def parse_survey(
    data: Mapping[str, object], source: str, *, expected_id: str | None = None
) -> Survey:
    """Validate a parsed survey file and build the `Survey`; `source` names the file in errors.

    `expected_id` (a bundled file's stem) must equal the survey's `id`.
    """
    problems = Problems(source)
    check_keys(data, _SURVEY_KEYS, "", problems)
    survey_id = _id_of(data.get("id"), "id", problems)
    if expected_id is not None and survey_id and survey_id != expected_id:
        problems.add(
            "id", f"is {survey_id!r} but the file is named {expected_id}.toml; make them the same"
        )
    texts = {key: text_of(data.get(key), key, problems) for key in _TEXT_KEYS}
    validated = data.get("validated")
    if not isinstance(validated, bool):
        problems.add(
            "validated",
            "must be true (a published, validated instrument) or false (written by the program)",
        )
        validated = False
    scales, declared = _scales(data.get("scales"), problems)
    placed = _items(data.get("items"), scales, declared, problems)
    items = [item for _, item in placed]
    subscales = _subscales(data.get("subscales"), placed, scales, problems)
    used = {item.scale for item in items}
    for scale_id, path in declared.items():
        if scale_id not in used:
            problems.add(path, f"scale {scale_id!r} is used by no item; remove it")
    problems.raise_if_any()
    return Survey(
        id=survey_id,
        version=texts["version"],
        language=texts["language"],
        title=texts["title"],
        instructions=texts["instructions"],
        source=texts["source"],
        licence=texts["licence"],
        validated=validated,
        scales=tuple(scales.values()),
        items=tuple(items),
        subscales=tuple(subscales),
    )


def _id_of(value: object, path: str, problems: Problems) -> str:
    text = text_of(value, path, problems)
    if text and not _ID.match(text):
        problems.add(path, f"{text!r} must be a lower-case id (letters, digits, _), e.g. know_how")
    return text


def _tables(value: object, path: str, what: str, problems: Problems) -> list[tuple[str, object]]:
    """The `[[path]]` tables with their paths; a problem when absent, empty or not tables."""
    if not isinstance(value, list) or not value:
        problems.add(path, f"must be a non-empty list of [[{path}]] tables ({what})")
        return []
    return [(f"{path}[{i}]", raw) for i, raw in enumerate(value)]


def _duplicate(
    seen: dict[str, str], key: str, path: str, what: str, problems: Problems, *, field: str = "id"
) -> bool:
    """Record `key` first seen in the table at `path`; a problem on its `field` (and True) when
    it was seen before."""
    if key in seen:
        problems.add(f"{path}.{field}", f"duplicate {what} {key!r} (also {seen[key]})")
        return True
    seen[key] = path
    return False


def _scales(value: object, problems: Problems) -> tuple[dict[str, ResponseScale], dict[str, str]]:
    """The well-formed scales by id, and every declared scale id with its path (a scale whose
    points are broken is declared but absent, so its items are not also called unknown)."""
    scales: dict[str, ResponseScale] = {}
    seen: dict[str, str] = {}
    for path, raw in _tables(value, "scales", "the response scales", problems):
        if not isinstance(raw, dict):
            problems.add(path, "must be a table")
            continue
        check_keys(raw, _SCALE_KEYS, path, problems)
        scale_id = _id_of(raw.get("id"), f"{path}.id", problems)
        reversible = raw.get("reversible", False)
        if not isinstance(reversible, bool):
            problems.add(f"{path}.reversible", "must be true or false")
            reversible = False
        points = _points(raw.get("points"), f"{path}.points", problems)
        fresh = bool(scale_id) and not _duplicate(seen, scale_id, path, "scale id", problems)
        if fresh and points:
            scales[scale_id] = ResponseScale(scale_id, points, reversible)
    return scales, seen


def _points(value: object, path: str, problems: Problems) -> tuple[ScalePoint, ...]:
    """The points of one scale; () when any is broken (the scale is then left out)."""
    if not isinstance(value, list) or len(value) < 2:
        problems.add(path, 'must list at least two points ({ value = 1, label = "..." })')
        return ()
    points: list[ScalePoint] = []
    labels: dict[str, str] = {}
    broken = False
    for j, raw in enumerate(value):
        where = f"{path}[{j}]"
        if not isinstance(raw, dict):
            problems.add(where, "must be a table with value and label")
            broken = True
            continue
        check_keys(raw, _POINT_KEYS, where, problems)
        number = raw.get("value")
        label = text_of(raw.get("label"), f"{where}.label", problems)
        if label:
            _duplicate(labels, label.strip().casefold(), where, "label", problems, field="label")
        if isinstance(number, bool) or not isinstance(number, int):
            problems.add(f"{where}.value", "must be a whole number")
            broken = True
            continue
        points.append(ScalePoint(number, label))
    if broken:
        return ()
    first = points[0].value
    for j, point in enumerate(points):
        if point.value != first + j:
            problems.add(
                f"{path}[{j}].value",
                f"is {point.value} but the values must be contiguous and ascending: "
                f"expected {first + j} after {first + j - 1}",
            )
            return ()
    return tuple(points)


def _bool_of(raw: Mapping[str, object], key: str, path: str, problems: Problems) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        problems.add(f"{path}.{key}", "must be true or false")
        return False
    return value


def _items(
    value: object,
    scales: Mapping[str, ResponseScale],
    declared: Mapping[str, str],
    problems: Problems,
) -> list[tuple[str, SurveyItem]]:
    """The items with their paths in the file."""
    items: list[tuple[str, SurveyItem]] = []
    seen: dict[str, str] = {}
    for path, raw in _tables(value, "items", "the questions", problems):
        if not isinstance(raw, dict):
            problems.add(path, "must be a table")
            continue
        check_keys(raw, _ITEM_KEYS, path, problems)
        item_id = _id_of(raw.get("id"), f"{path}.id", problems)
        text = text_of(raw.get("text"), f"{path}.text", problems)
        scale_id = text_of(raw.get("scale"), f"{path}.scale", problems)
        if scale_id and scale_id not in declared:
            known = ", ".join(declared) or "none"
            problems.add(f"{path}.scale", f"unknown scale {scale_id!r} (known: {known})")
        reverse = _bool_of(raw, "reverse", path, problems)
        scale = scales.get(scale_id)
        if reverse and scale is not None and not scale.reversible:
            problems.add(
                f"{path}.reverse",
                f"item is reverse-scored but scale {scale_id!r} has no rule for reversing; "
                "add reversible = true to the scale (scored lowest + highest - value) "
                "or drop reverse",
            )
        subscale = text_of(raw.get("subscale"), f"{path}.subscale", problems, required=False)
        if item_id and not _duplicate(seen, item_id, path, "item id", problems):
            items.append((path, SurveyItem(item_id, text, scale_id, reverse, subscale or None)))
    return items


def _subscales(
    value: object,
    items: list[tuple[str, SurveyItem]],
    scales: Mapping[str, ResponseScale],
    problems: Problems,
) -> list[Subscale]:
    subscales: list[Subscale] = []
    seen: dict[str, str] = {}
    for path, raw in _tables(value, "subscales", "what is scored", problems):
        if not isinstance(raw, dict):
            problems.add(path, "must be a table")
            continue
        if "items" in raw:
            problems.add(
                f"{path}.items",
                "is not a key of a subscale: an item joins a subscale by its own "
                'subscale = "..." key',
            )
        check_keys(raw, (*_SUBSCALE_KEYS, "items"), path, problems)
        sub_id = _id_of(raw.get("id"), f"{path}.id", problems)
        if not sub_id or _duplicate(seen, sub_id, path, "subscale id", problems):
            continue
        members = tuple(item for _, item in items if item.subscale == sub_id)
        if not members:
            problems.add(path, f"subscale {sub_id!r} is empty: no item names it")
        subscales.append(
            _subscale(raw, path, sub_id=sub_id, members=members, scales=scales, problems=problems)
        )
    for path, item in items:
        if item.subscale is not None and item.subscale not in seen:
            problems.add(
                f"{path}.subscale",
                f"unknown subscale {item.subscale!r} (known: {', '.join(seen) or 'none'})",
            )
    return subscales


def _subscale(
    raw: Mapping[str, object],
    path: str,
    *,
    sub_id: str,
    members: tuple[SurveyItem, ...],
    scales: Mapping[str, ResponseScale],
    problems: Problems,
) -> Subscale:
    label = text_of(raw.get("label"), f"{path}.label", problems)
    scoring = raw.get("scoring")
    if scoring not in SCORINGS:
        problems.add(f"{path}.scoring", f"must be one of {', '.join(SCORINGS)}")
    minimum = raw.get("min_answered")
    if isinstance(minimum, bool) or not isinstance(minimum, int):
        problems.add(f"{path}.min_answered", "must be a whole number of answered items")
        minimum = 1
    elif members and not 1 <= minimum <= len(members):
        problems.add(
            f"{path}.min_answered",
            f"is {minimum} but the subscale has {len(members)} items; use 1 to {len(members)}",
        )
    better = raw.get("better")
    if better not in BETTER:
        problems.add(f"{path}.better", 'must be "higher" or "lower" (which end is better)')
        better = "higher"
    ranges = {(s.lowest, s.highest) for s in (scales.get(m.scale) for m in members) if s}
    if len(ranges) > 1:
        shown = ", ".join(f"{lo} to {hi}" for lo, hi in sorted(ranges))
        problems.add(path, f"mixes scales with different ranges ({shown}); a mean needs one range")
    change = raw.get("meaningful_change")
    if isinstance(change, bool) or not isinstance(change, int | float) or change <= 0:
        problems.add(
            f"{path}.meaningful_change",
            "must be a positive number: the change of the mean that counts as meaningful",
        )
        change = 0.0
    elif len(ranges) == 1:
        ((lo, hi),) = ranges
        if change >= hi - lo:
            problems.add(
                f"{path}.meaningful_change",
                f"is {change:g}: it must be less than the whole range of the mean "
                f"({hi - lo} points)",
            )
    return Subscale(
        id=sub_id,
        label=label,
        items=tuple(m.id for m in members),
        scoring=str(scoring),
        min_answered=minimum,
        better=better if better in BETTER else "higher",
        meaningful_change=float(change),
        reading=text_of(raw.get("reading"), f"{path}.reading", problems, required=False),
    )


# ---------------------------------------------------------------- scoring


def check_answers(survey: Survey, answers: Mapping[str, object]) -> dict[str, int]:
    """The answered items of `answers` (item id -> point value; None = not answered).

    InvalidInput for an unknown item or a value that is not a point of the item's scale.
    """
    known = {item.id: item for item in survey.items}
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        item = known.get(item_id)
        if item is None:
            raise InvalidInput(
                f"Survey {survey.id!r} has no item {item_id!r}; answer only its own items."
            )
        if value is None:
            continue
        scale = survey.scale(item.scale)
        if isinstance(value, bool) or not isinstance(value, int) or value not in scale.values():
            raise InvalidInput(
                f"The answer {value!r} to item {item_id!r} is not on its scale "
                f"({scale.lowest} to {scale.highest}); choose one of the scale's points "
                "or leave the item unanswered."
            )
        checked[item_id] = value
    return checked


def score(survey: Survey, answers: Mapping[str, object]) -> dict[str, float | None]:
    """Per subscale id (file order): the mean of its answered items, reverse items mirrored;
    None when fewer than its `min_answered` items are answered.

    InvalidInput for an unknown item or an answer out of its scale (nothing is scored then).
    """
    checked = check_answers(survey, answers)
    scores: dict[str, float | None] = {}
    for subscale in survey.subscales:
        values = [
            _scored(survey, survey.item(item_id), checked[item_id])
            for item_id in subscale.items
            if item_id in checked
        ]
        if len(values) < subscale.min_answered:
            scores[subscale.id] = None
        else:
            scores[subscale.id] = sum(values) / len(values)
    return scores


def _scored(survey: Survey, item: SurveyItem, value: int) -> int:
    if not item.reverse:
        return value
    scale = survey.scale(item.scale)
    return scale.lowest + scale.highest - value


__all__ = [
    "ResponseScale",
    "ScalePoint",
    "Subscale",
    "Survey",
    "SurveyItem",
    "bundled_surveys",
    "check_answers",
    "load_survey",
    "parse_survey",
    "score",
]
