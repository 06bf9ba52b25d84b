"""The REDCap export of the coordinator: a data dictionary and an import file of the coded
encounters (no note, no case code, no supporter id), both CSV without a BOM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from svdesk.coordinator.spreadsheet import Value, csv_bytes, labeller
from svdesk.exchange import fields

REDCAP_HEADERS: Final = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
REDCAP_FORM: Final = "encounter"
# Leave the coordinator: never the case code, the supporter id or the workstation's record id.
REDCAP_FIELDS: Final[tuple[fields.RecordField, ...]] = tuple(
    f for f in fields.ENCOUNTER_FIELDS if not f.identifying and f.name != "encounter_id"
)


def _redcap_name(name: str) -> str:
    return "encounter_format" if name == "format" else name


def dictionary_row(
    form: str,
    name: str,
    kind: str,
    text: str,
    *,
    choices: str = "",
    validation: str = "",
    minimum: str = "",
    note: str = "",
) -> tuple[Value, ...]:
    """One field of a REDCap data dictionary, in the columns of REDCAP_HEADERS (never marked
    as an identifier: no field that leaves the coordinator is one)."""
    return (name, form, "", kind, text, choices, note, validation, minimum,
            "", "", "", "", "", "", "", "", "")  # fmt: skip


def redcap_dictionary() -> bytes:
    label = labeller()
    rows: list[Sequence[Value]] = [REDCAP_HEADERS]

    def row(
        name: str,
        kind: str,
        text: str,
        *,
        choices: str = "",
        validation: str = "",
        minimum: str = "",
        note: str = "",
    ) -> None:
        rows.append(
            dictionary_row(
                REDCAP_FORM, name, kind, text, choices=choices, validation=validation,
                minimum=minimum, note=note,
            )
        )  # fmt: skip

    row("record_id", "text", "Record ID (row number in this file; not the unit's record)")
    for f in REDCAP_FIELDS:
        name = _redcap_name(f.name)
        if f.kind in ("code", "code_list") and f.codes:
            choices = " | ".join(f"{c}, {label(f.name, c)}" for c in f.codes)
            row(name, "radio" if f.kind == "code" else "checkbox", f.label, choices=choices)
        elif f.kind == "bool":
            row(name, "yesno", f.label)
        elif f.kind == "int":
            row(name, "text", f.label, validation="integer", minimum="1")
        elif f.kind == "code_list":
            row(name, "text", f.label, note="codes separated by commas")
        elif f.kind == "week":
            row(name, "text", f.label, note="ISO week, YYYY-Www")
        else:
            row(name, "text", f.label)
    return csv_bytes(rows, bom=False)


def redcap_import(records: Iterable[Mapping[str, Any]]) -> bytes:
    """One row per encounter with raw coded values; checkboxes as `field___code` 0/1 columns."""
    header: list[str] = ["record_id"]
    for f in REDCAP_FIELDS:
        name = _redcap_name(f.name)
        if f.kind == "code_list" and f.codes:
            header.extend(f"{name}___{c}" for c in f.codes)
        else:
            header.append(name)
    header.append(f"{REDCAP_FORM}_complete")
    rows: list[Sequence[Value]] = [header]
    for number, rec in enumerate(records, start=1):
        out: list[Value] = [number]
        for f in REDCAP_FIELDS:
            value = rec.get(f.name)
            if f.kind == "code_list" and f.codes:
                chosen = set(value or [])
                out.extend(1 if c in chosen else 0 for c in f.codes)
            elif f.kind == "code_list":
                out.append(",".join(value or []))
            elif f.kind == "bool":
                out.append(None if value is None else int(bool(value)))
            else:
                out.append(value)
        out.append(2)  # REDCap: form complete
        rows.append(out)
    return csv_bytes(rows, bom=False)
