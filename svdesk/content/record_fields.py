"""The record vocabulary (data-dictionary.md §2): coded record fields, their codes and labels.

Loaded from `resources/vocab/record.toml`; the protocol, record screen, exports and reports use
it so that a record field's codes and human labels come from one validated file. It is also the
one source of the escalation levels, in their order, and of the escalation actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

from svdesk.content.languages import DEFAULT_LANGUAGE, bundled_content
from svdesk.content.loading import Problems, check_keys, parse_toml, read_content_text, text_of
from svdesk.errors import ValidationError

RecordFieldType = Literal["code", "code_list", "integer"]
RECORD_FIELD_TYPES: Final[tuple[RecordFieldType, ...]] = ("code", "code_list", "integer")
BUNDLED_RECORD_VOCABULARY: Final = "resources/vocab/record.toml"


@dataclass(frozen=True)
class CodeLabel:
    code: str
    label: str


@dataclass(frozen=True)
class RecordField:
    """One record field: its type, label, and (for coded fields) codes with labels."""

    name: str
    type: RecordFieldType
    label: str
    help: str = ""
    codes: tuple[CodeLabel, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    same_as: str | None = None

    def code_ids(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)

    def label_of(self, code: str) -> str:
        """The human label of `code` (the code itself when it is unknown, so nothing is hidden)."""
        for c in self.codes:
            if c.code == code:
                return c.label
        return code


@dataclass(frozen=True)
class RecordVocabulary:
    version: str
    language: str
    fields: Mapping[str, RecordField]

    def field(self, name: str) -> RecordField:
        try:
            return self.fields[name]
        except KeyError:
            raise ValidationError(
                f"Unknown record field {name!r}; use a field of the data dictionary §2.",
                [(name, "is not a record field of the vocabulary")],
            ) from None

    def codes(self, name: str) -> tuple[str, ...]:
        return self.field(name).code_ids()

    def label(self, name: str, code: str) -> str:
        return self.field(name).label_of(code)


def _parse_codes(raw: object, path: str, problems: Problems) -> tuple[CodeLabel, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add(path, "must be a non-empty list of { code, label } tables")
        return ()
    out: list[CodeLabel] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"{path}[{i}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be a table { code = ..., label = ... }")
            continue
        check_keys(entry, ("code", "label"), where, problems)
        code = text_of(entry.get("code"), f"{where}.code", problems)
        label = text_of(entry.get("label"), f"{where}.label", problems)
        if code in seen:
            problems.add(f"{where}.code", f"duplicate code {code!r}")
        elif code:
            seen.add(code)
            out.append(CodeLabel(code, label))
    return tuple(out)


def parse_record_vocabulary(text: str, source: str) -> RecordVocabulary:
    """Parse and validate record-vocabulary TOML; `source` names the file in errors."""
    data = parse_toml(text, source)
    problems = Problems(source)
    check_keys(data, ("version", "language", "fields"), "", problems)
    version = text_of(data.get("version"), "version", problems)
    language = text_of(data.get("language"), "language", problems)
    raw_fields = data.get("fields")
    fields: dict[str, RecordField] = {}
    if not isinstance(raw_fields, dict) or not raw_fields:
        problems.add("fields", "must be a table of record fields")
        raw_fields = {}
    for name, entry in raw_fields.items():
        path = f"fields.{name}"
        if not isinstance(entry, dict):
            problems.add(path, "must be a table")
            continue
        check_keys(
            entry, ("type", "label", "help", "codes", "min", "max", "same_as"), path, problems
        )
        kind = entry.get("type")
        if kind not in RECORD_FIELD_TYPES:
            problems.add(f"{path}.type", f"must be one of {', '.join(RECORD_FIELD_TYPES)}")
            continue
        label = text_of(entry.get("label"), f"{path}.label", problems)
        help_text = text_of(entry.get("help"), f"{path}.help", problems, required=False)
        codes: tuple[CodeLabel, ...] = ()
        bounds: dict[str, int | None] = {"min": None, "max": None}
        if kind == "integer":
            if "codes" in entry:
                problems.add(f"{path}.codes", "is only allowed for code and code_list fields")
            for bound in ("min", "max"):
                raw = entry.get(bound)
                if raw is None:
                    continue
                if isinstance(raw, bool) or not isinstance(raw, int):
                    problems.add(f"{path}.{bound}", "must be a whole number")
                else:
                    bounds[bound] = raw
            low, high = bounds["min"], bounds["max"]
            if low is not None and high is not None and low > high:
                problems.add(f"{path}.max", f"is smaller than min ({high} < {low})")
        else:
            codes = _parse_codes(entry.get("codes"), f"{path}.codes", problems)
            for bound in ("min", "max"):
                if bound in entry:
                    problems.add(f"{path}.{bound}", "is only allowed for integer fields")
        same_as = entry.get("same_as")
        if same_as is not None and not isinstance(same_as, str):
            problems.add(f"{path}.same_as", "must be an answer id")
            same_as = None
        fields[name] = RecordField(
            name=name,
            type=kind,
            label=label,
            help=help_text,
            codes=codes,
            minimum=bounds["min"],
            maximum=bounds["max"],
            same_as=same_as,
        )
    problems.raise_if_any()
    return RecordVocabulary(version=version, language=language, fields=fields)


def load_record_vocabulary(
    path: Path | None = None, language: str = DEFAULT_LANGUAGE
) -> RecordVocabulary:
    """The record vocabulary in `path`, or the bundled one in `language` (cached) when None.

    The codes are the same in every language; only the labels and help texts differ.
    """
    if path is None:
        return _bundled(language)
    return parse_record_vocabulary(read_content_text(path), str(path))


@cache
def _bundled(language: str = DEFAULT_LANGUAGE) -> RecordVocabulary:
    return parse_record_vocabulary(*bundled_content("vocab", "record.toml", language))


# The escalation levels, most urgent first (escalation.md "Levels": the order of the codes in
# record.toml), and the escalation actions, as the bundled vocabulary lists them. The rules, the
# bundle, the unit's and the coordinator's queues and the banner all use these two.
ESCALATION_LEVELS: Final[tuple[str, ...]] = _bundled(DEFAULT_LANGUAGE).codes("escalation_level")
ESCALATION_ACTIONS: Final[tuple[str, ...]] = _bundled(DEFAULT_LANGUAGE).codes("escalation_actions")
