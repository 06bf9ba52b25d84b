#!/usr/bin/env python3
"""Build the hand-written guard evaluation set from its marked-up source.

    python scripts/guard_eval_handwritten.py [--check]

Reads tests/data/guard_eval_handwritten.src.txt (notes written by hand, one a line, as
``VOICE/VARIETY|TEXT``; identifiers marked ``[span]{kind}`` or ``[span]{pn:ORIGIN:FORM}``) and
writes tests/data/guard_eval_handwritten.jsonl: a meta line, then one JSON object per note in the
shape of the v2 files (text, clean, spans with start/end/kind and origin/form for names, voice,
style) plus ``variety`` and ``part``.

The split into a dev half and a held-out half is fixed by a seeded hash of the note text alone
(see ``part_of``), so it was decided before the guard ever ran on these notes and cannot follow
the guard's results. ``--check`` rebuilds in memory and fails if the stored file differs.
Every span is verified: the marked text must equal ``text[start:end]``, notes are ≤ 280
characters, texts are unique, and a clean note carries no span.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tests" / "data" / "guard_eval_handwritten.src.txt"
OUT = ROOT / "tests" / "data" / "guard_eval_handwritten.jsonl"
SPLIT_SALT = "svdesk-guard-handwritten-2026-12-02"
MAX_CHARS = 280

KIND_CODES = {
    "pn": "person_name",
    "em": "email",
    "ph": "phone",
    "url": "url",
    "mrn": "mrn",
    "ssn": "ssn",
    "long_number": "long_number",
    "id": "id_label",
    "dt": "date",
    "age": "age_over_89",
    "addr": "address",
}
VOICES = {
    "sup": "supporter",
    "nurse": "nurse",
    "res": "resident",
    "pharm": "pharmacist",
    "porter": "porter",
    "mid": "midwife",
    "para": "paramedic",
    "clerk": "unit_clerk",
}
# Varieties written as a learner of English would write (the rest are native varieties).
NON_NATIVE = {"de", "es", "pl", "fr", "pt", "it"}
_MARK = re.compile(r"\[([^\[\]]+)\]\{([^{}]+)\}")


class SourceError(ValueError):
    pass


def part_of(text: str) -> str:
    """The fixed split: sha256(salt + '|' + text), even -> dev, odd -> heldout."""
    digest = hashlib.sha256(f"{SPLIT_SALT}|{text}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 2 == 0 else "heldout"


def parse_line(line: str, lineno: int) -> dict[str, object]:
    head, sep, body = line.partition("|")
    if not sep or "/" not in head:
        raise SourceError(f"line {lineno}: expected VOICE/VARIETY|TEXT")
    voice_code, variety = head.split("/", 1)
    if voice_code not in VOICES:
        raise SourceError(f"line {lineno}: unknown voice {voice_code!r}")
    text_parts: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(body):
        before = body[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        surface, code = m.group(1), m.group(2)
        fields = code.split(":")
        if fields[0] not in KIND_CODES:
            raise SourceError(f"line {lineno}: unknown kind code {fields[0]!r}")
        span: dict[str, object] = {
            "start": length,
            "end": length + len(surface),
            "kind": KIND_CODES[fields[0]],
        }
        if fields[0] == "pn":
            if len(fields) != 3:
                raise SourceError(f"line {lineno}: a name needs pn:ORIGIN:FORM, got {code!r}")
            span["origin"], span["form"] = fields[1], fields[2]
        elif len(fields) != 1:
            raise SourceError(f"line {lineno}: only names take ORIGIN:FORM, got {code!r}")
        span["_surface"] = surface
        text_parts.append(surface)
        length += len(surface)
        spans.append(span)
        pos = m.end()
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    if "[" in text or "]{" in text or "{" in text:
        raise SourceError(f"line {lineno}: unbalanced mark-up in {body!r}")
    if len(text) > MAX_CHARS:
        raise SourceError(f"line {lineno}: note has {len(text)} characters (max {MAX_CHARS})")
    for span in spans:
        surface = span.pop("_surface")
        start, end = span["start"], span["end"]
        assert isinstance(start, int)
        assert isinstance(end, int)
        if text[start:end] != surface:  # the offset check the set is built on
            raise SourceError(f"line {lineno}: span {start}:{end} is not {surface!r}")
    native = "non_native" if variety in NON_NATIVE else "mixed"
    style = "lower" if text == text.lower() else native
    return {
        "text": text,
        "clean": not spans,
        "spans": spans,
        "voice": VOICES[voice_code],
        "variety": variety,
        "style": style,
        "template": "handwritten",
        "part": part_of(text),
    }


def build(src: Path = SRC) -> list[str]:
    notes: list[dict[str, object]] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        note = parse_line(line, lineno)
        if note["text"] in seen:
            raise SourceError(f"line {lineno}: duplicate note {note['text']!r}")
        seen.add(str(note["text"]))
        notes.append(note)
    meta = {
        "meta": {
            "part": "handwritten",
            "roster": [],
            "split": f"sha256('{SPLIT_SALT}|' + text) even -> dev, odd -> heldout",
            "split_salt": SPLIT_SALT,
            "source": "tests/data/guard_eval_handwritten.src.txt",
            "generator": "scripts/guard_eval_handwritten.py",
        }
    }
    return [json.dumps(meta, ensure_ascii=False)] + [
        json.dumps(n, ensure_ascii=False) for n in notes
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the stored file is stale")
    args = ap.parse_args(argv)
    try:
        lines = build()
    except SourceError as exc:
        print(f"guard_eval_handwritten: {exc}; fix the mark-up in {SRC.name}", file=sys.stderr)
        return 2
    text = "\n".join(lines) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.name} is stale: run scripts/guard_eval_handwritten.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    notes = [json.loads(x) for x in lines[1:]]
    for part in ("dev", "heldout"):
        sub = [n for n in notes if n["part"] == part]
        clean = sum(1 for n in sub if n["clean"])
        word = sum(1 for n in sub if any(s.get("origin") == "word_name" for s in n["spans"]))
        print(f"{part}: {len(sub)} notes, {clean} clean, {word} with a word-name")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
