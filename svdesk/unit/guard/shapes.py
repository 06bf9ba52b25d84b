"""More shapes of identifiers for the patterns (svdesk/unit/guard/patterns.py), by class
(issue 12, fourth round):

- reference codes after a label: "ref PTR 26/0441", "Coroner ref 2026-00412", "NMC PIN
  19I4471E", "PHN 44109-2278", "MBI 1EG4-TE5-MK72" (long_number, blocking);
- bed and room labels in other languages, abbreviations and joined by a hyphen: "katil 6",
  "LDR 6", "bed-12", "cama 4" (id_label);
- identity card numbers with a check character in brackets: "R 334 781 (A)" (ssn);
- web addresses with the dot in brackets: "gofundme[.]com/f/x" (url); e-mail addresses
  written "name at domain dot lv" with any short ending (email);
- a phone number of two groups of four digits after a phone word: "mobile 9123 4871";
- ages over 89 in other shapes: "95y", "95 saal", "93 lat", "older than 90", "was (91)",
  "was like almost 100", "90+ y/o", "wis ninety-seven" (age_over_89);
- dates: "the 23rd of last month", "the 4th o january", "14 Ramadan 1447" (date);
- addresses: two or more numbered parts ("House 12, Street 7", "villa 22, street 14",
  "mirpur 10, road 4, house 17"), street words of other languages ("Heol y Felin", "Triq
  il-Kbira", "jalan ss 2/24", "taman desa jaya"), Canadian and Irish postcodes ("V6Z 1Y6",
  "D08 X2Y7"), a numbered street in lower case ("1719 e 5th st", "4400 lamar blvd").

`find_shapes` returns (kind, start, end) spans; the caller trims and merges them."""

from __future__ import annotations

import re

from svdesk.unit.guard.text import _Span
from svdesk.unit.guard.world import find_world

_I = re.IGNORECASE
_REF = re.compile(
    r"\b(?:ref(?:erence)?|ref\.?\s?(?:no|number|#)|pin|phn|mbi|claim|incident|datix|"
    r"registration\s+(?:no|number)|reg\.?\s?(?:no|number)|complaint)\b\.?"
    r"\s*(?:no\.?|number|#|:|is)?\s*"
    r"((?:[A-Z]{2,5}\s)?(?!(?:19|20)\d\d\b)"
    r"(?=[A-Za-z0-9/-]*\d[A-Za-z0-9/-]*\d[A-Za-z0-9/-]*\d[A-Za-z0-9/-]*\d)"
    r"[A-Za-z0-9]+(?:[/-][A-Za-z0-9]+)*)",
    _I,
)
# a payment or booking code of capitals and digits ("M-Pesa code QJF2M7T9KA", "ref RKT4H81QZP"):
# nine to fourteen characters, three digits and three letters at least
_CODE = re.compile(r"(?<![\w-])(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})[A-Z0-9]{9,14}(?![\w-])")
# a code of capital segments and digits joined by slashes or dashes, with five digits or more:
# an inpatient or file number ("MUL/PAED/2026/04417", "NSB-PD-88410"); not "PC-PTSD-5", "ICD-10"
_SEGMENTED_CODE = re.compile(
    r"(?<![\w/-])(?=(?:[A-Z/-]*\d){5})[A-Z]{2,6}(?:[/-][A-Z0-9]{1,8}){1,5}(?![\w/-])"
)
# Brazilian and other phones with the area code in brackets: "(11) 97342-1180"
_PHONE_AREA = re.compile(r"\(\d{2,3}\)\s?\d{4,5}[ -]\d{4}(?!\d)")
# Brazilian RG and Chilean RUT: "34.567.890-1", "12.345.678-K"
_RG_RUT = re.compile(r"(?<![\d.])\d{1,2}\.\d{3}\.\d{3}-[\dkK](?![\w.-])")
# an identity card number with its label, the groups split by dots: "Cédula 1.020.745.381",
# "CC 52.887.134", "DNI 12.345.678"
_ID_DOTTED = re.compile(
    r"\b(?:c[eé]dula|cc|c\.c\.|dni|ci|c\.i\.|rut|run)\b[^\d\n]{0,40}?"
    r"(\d{1,3}(?:\.\d{3}){2,3}(?:-[\dkK])?)(?!\d|\.\d)",
    re.IGNORECASE,
)
# spoken digits in Spanish, Portuguese, French and Italian: seven words or more
_DIGIT_WORD_ROMANCE = (
    r"(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|zero|um|dois|três|tres|quatro|sete|"
    r"oito|nove|zéro|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
    r"quinze|seize|vingt|trente|quarante|cinquante|soixante|due|tre|quattro|cinque|sei|sette|"
    r"otto|dieci|dix-huit|dix-sept|dix-neuf|quatre-vingts?|soixante-dix|cinquante-deux|"
    r"[a-zé]+-(?:deux|trois|quatre|cinq|six|sept|huit|neuf|et-un))"
)
_SPOKEN_ROMANCE = re.compile(
    r"\b" + _DIGIT_WORD_ROMANCE + r"(?:[\s,-]+" + _DIGIT_WORD_ROMANCE + r"){6,}\b", re.IGNORECASE
)
# the Belgian national register number: "87.04.12-215.39"
_BE_NATIONAL = re.compile(r"(?<![\d.])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\d.])")
# an extension with dashes: "ext. 2-41-77"
_EXT_DASHED = re.compile(
    r"\b(?i:ext|extn|extension|poste|ramal|anexo)\.?\s*(\d{1,2}-\d{2}-\d{2})\b"
)
# a bed or bay by its letter alone: "room 6 bed B", "bay C" (not "bed I", a pronoun)
_BED_LETTER = re.compile(r"\b(?i:bed|bay|cot|cubicle)\s+[A-H]\b(?![.'-]\w)")
_BED = re.compile(
    r"\b(?:katil|cama|bilik|kwarto|habitaci[oó]n|cuarto|ldr|pacu|bed|bay|room|rm|cot|cubicle|"
    r"cub|trolley|stretcher)(?:\s?[-:]\s?|\s+(?:no\.?|#)?\s*)\d{1,4}[A-Za-z]?\b",
    _I,
)
_ID_CARD = re.compile(r"\b[A-Za-z]{1,2}\s?\d{3}\s?\d{3}\s?\(\s?[0-9A-Za-z]\s?\)")
_URL_BRACKET_DOT = re.compile(
    r"\b[A-Za-z0-9-]{2,63}(?:\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))\s?[A-Za-z0-9-]{1,63})+"
    r"(?:/[^\s<>\"]*)?",
    _I,
)
_EMAIL_WORDS = re.compile(
    r"\b[A-Za-z0-9][A-Za-z0-9._%+-]*\s+at\s+[A-Za-z0-9-]{2,63}(?:\s+dot\s+[A-Za-z0-9-]{1,63})*"
    r"\s+dot\s+[a-z]{2,4}\b",
    _I,
)
_PHONE_CUED = re.compile(
    r"\b(?:mobile|mob|cell|phone|tel|whatsapp|number|call (?:me |her |him )?on|text)\.?\s*"
    r"(?:no\.?|number|#|:|is)?\s*(\d{4}[ -]?\d{4})(?![\d-])",
    _I,
)
_AGE_N = r"(?:9\d|1[01]\d)"
_NOT_UNIT = (
    r"(?!\s*(?:%|percent|per|minutes?|mins?|seconds?|hours?|hrs?|days?|weeks?|mg|ml|kg|beats|"
    r"bpm|calls|patients|pts|beds|people|staff|times|mmhg|degrees)\b)"
)
_AGE_MORE = re.compile(
    r"\b" + _AGE_N + r"y\b"
    r"|\b" + _AGE_N + r"\s?(?:saal|sal|sena|lat|a[nñ]os|ans|anni|jahre|jaar|tahun|taon|yas|"
    r"yaşında|vjeç|godina|let|rokov|ετών)\b"
    r"|\b(?:older than|aged over|age over|over the age of)\s+" + _AGE_N + r"\b" + _NOT_UNIT + r""
    r"|\b(?:was|is|aged|pt|patient)\s+\(" + _AGE_N + r"\)"
    r"|\b(?:was|is|'s|wis)\s+(?:like\s+)?(?:almost|nearly|about|around|over)\s+"
    + _AGE_N
    + r"\b"
    + _NOT_UNIT
    + r"|\b"
    + _AGE_N
    + r"\+\s?(?:y/?o|yo|yrs?|years?)\b"
    r"|\b(?:wis|woz|was like|is like)\s+(?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?\b" + _NOT_UNIT,
    _I,
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_DATE_MORE = re.compile(
    r"(?<=\bthe )(?:[12]?\d|3[01])(?:st|nd|rd|th)\s+(?:of|o)\s+"
    r"(?:(?:last|this|next|that)\s+month|" + _MONTH + r")\b"
    r"|\b(?:[12]?\d|30)\s+(?:muharram|safar|rabi(?:\s|-|ul|al)\w*|jumada\w*|rajab|sha'?ban|"
    r"ramadan|ramzan|ramazan|shawwal|dhu\w*|zul\w*)(?:\s+1[34]\d{2})?\b",
    _I,
)
_PART = (
    r"(?:house|road|rd|street|st|block|blk|sector|phase|zone|villa|building|bldg|lane|plot|"
    r"flat|floor|apt|unit|avenue|ave)"
)
_NUMBERED = r"\s*(?:no\.?|#)?\s*\d{1,4}[A-Za-z]?(?:[-/][A-Za-z0-9]+)?"
_ADDRESS_MORE = re.compile(
    # two or more numbered parts joined by commas: "House 12, Street 7", "villa 22, street 14"
    r"(?i:\b" + _PART + _NUMBERED + r"(?:,\s*" + _PART + _NUMBERED + r")+"
    # an area and numbered parts: "mirpur 10, road 4, house 17"
    r"|\b[a-z]+\s\d{1,3},\s*" + _PART + _NUMBERED + r"(?:,\s*" + _PART + _NUMBERED + r")*"
    # street words of other languages: "Heol y Felin", "Triq il-Kbira", "ulica Długa"
    r"|\b(?:heol|stryd|ffordd|triq|ulica)\s+(?:(?:y|yr|ar)\s)?[^\W\d_][\w'-]*"
    # Malay streets with a number: "jalan ss 2/24", "lorong 5"
    r"|\b(?:jalan|jln|lorong)\s+(?:[a-z]{1,6}\s){0,2}\d{1,4}(?:/\d{1,4})?)"
    # Canadian and Irish postcodes: "V6Z 1Y6", "D08 X2Y7"
    r"|\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b"
    r"|\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?(?=[0-9A-Z]{0,3}\d)(?=[0-9A-Z]{0,3}[A-Z])"
    r"[0-9AC-FHKNPRTV-Y]{4}\b"
    # a town and a Maltese postcode: "Birkirkara BKR 9032"
    r"|\b[A-Z][a-z]{2,},? [A-Z]{3} ?\d{4}\b"
    # a numbered street in lower case: "1719 e 5th st", "4400 lamar blvd"
    r"|(?<![\w.])\d{1,5}\s+(?:[nsew]\s+)?(?:\d{1,3}(?:st|nd|rd|th)|[a-z]{3,})\s+"
    r"(?:st|ave|blvd|hwy|pkwy)\b"
)
_VITAL_BEFORE = re.compile(
    r"(?:sats?|pulse|rate|hr|bp|score|weight|o2|spo2|temp|resps?|glucose|bm)\b[^.,;]{0,12}$", _I
)


def find_shapes(t: str) -> list[_Span]:
    """Findings of the shapes of this module, in offsets of the normalised text `t`."""
    out: list[_Span] = []
    for m in _REF.finditer(t):
        out.append(("long_number", m.start(1), m.end(1)))
    out.extend(("long_number", m.start(), m.end()) for m in _CODE.finditer(t))
    out.extend(("ssn", m.start(1), m.end(1)) for m in _ID_DOTTED.finditer(t))
    out.extend(("ssn", m.start(), m.end()) for m in _BE_NATIONAL.finditer(t))
    out.extend(("phone", m.start(1), m.end(1)) for m in _EXT_DASHED.finditer(t))
    for kind, pattern in (
        ("long_number", _SPOKEN_ROMANCE),
        ("long_number", _SEGMENTED_CODE),
        ("phone", _PHONE_AREA),
        ("ssn", _RG_RUT),
        ("id_label", _BED_LETTER),
    ):
        out.extend((kind, m.start(), m.end()) for m in pattern.finditer(t))
    for m in _AGE_MORE.finditer(t):
        if _VITAL_BEFORE.search(t, max(0, m.start() - 20), m.start()) is None:
            out.append(("age_over_89", m.start(), m.end()))
    for kind, pattern in (
        ("id_label", _BED),
        ("ssn", _ID_CARD),
        ("url", _URL_BRACKET_DOT),
        ("email", _EMAIL_WORDS),
        ("date", _DATE_MORE),
        ("address", _ADDRESS_MORE),
    ):
        out.extend((kind, m.start(), m.end()) for m in pattern.finditer(t))
    for m in _PHONE_CUED.finditer(t):
        out.append(("phone", m.start(1), m.end(1)))
    out.extend(find_world(t))  # the shapes of other countries (world.py)
    return out
