"""Spreadsheet output for the reports: text cells escaped against formula injection, and a
minimal XLSX workbook writer (inline strings, no styles)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Final
from xml.sax.saxutils import escape as xml_escape

from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.coordinator.report_texts import report_texts
from svdesk.errors import ValidationError

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Value = str | int | float | None


def escape_cell(value: Value) -> Value:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe: one
    that starts with a formula character, also after leading spaces, or with a full-width or
    other compatibility form of one (＝, ＋, ﹦: spreadsheets read those as = and +)."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS)
        or unicodedata.normalize("NFKC", value.lstrip()[:1]).startswith(FORMULA_STARTS)
    ):
        return "'" + value
    return value


_CONTENT_TYPES: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE: Final = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_NS_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _col_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def _xml_text(text: str) -> str:
    return xml_escape(_XML_ILLEGAL.sub("", text))


def _sheet_xml(rows: Sequence[Sequence[Value]]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{_NS_MAIN}"><sheetData>',
    ]
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{_col_name(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int | float):
                number = int(value) if isinstance(value, bool) else value
                out.append(f'<c r="{ref}"><v>{number}</v></c>')
            else:
                text = _xml_text(str(escape_cell(value)))
                out.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                )
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", "", title)[:28] or "Sheet"
    name, i = base, 2
    while name.lower() in used:
        name = f"{base[:26]} {i}"
        i += 1
    used.add(name.lower())
    return name


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Value]]]]) -> bytes:
    """A minimal SpreadsheetML workbook (inline strings, no styles) with the given sheets."""
    used: set[str] = set()
    names = [_sheet_name(title, used) for title, _ in sheets]
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}"><sheets>'
        + "".join(
            f'<sheet name="{_xml_text(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(names, start=1)
        )
        + "</sheets></workbook>"
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_NS_REL}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        + "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        types = "".join(_SHEET_TYPE.format(n=i) for i in range(1, len(sheets) + 1))
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, (_, rows) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(rows))
    return buffer.getvalue()


def labeller(language: str = DEFAULT_LANGUAGE) -> Callable[[str, str], str]:
    """The vocabulary's label of a code in `language` ("Not recorded", `row.not_recorded` of
    the report texts, for the reports' own code), the code itself when the vocabulary lacks it."""
    not_recorded = report_texts(language).text("row.not_recorded")
    try:
        vocabulary = load_record_vocabulary(language=language)
    except Exception:  # labels are a nicety; codes are always correct
        return lambda _field, code: not_recorded if code == "not_recorded" else code

    def label(field: str, code: str) -> str:
        if code == "not_recorded":
            return not_recorded
        try:
            return vocabulary.label(field, code)
        except ValidationError:
            return code

    return label


def csv_bytes(rows: Iterable[Sequence[Value]], *, bom: bool = True) -> bytes:
    """Rows as CSV (CRLF, every text cell escaped against formula injection)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else escape_cell(v) for v in row])
    # A BOM makes spreadsheet programs read UTF-8 labels correctly; REDCap wants none (it would
    # become part of the first column's name).
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
