"""The builder shared by the hand-written, marked-up guard evaluation sets (v4 to v7): how a
source line is read (marks, clean notes, styles, block directives), how the JSON lines are
rendered, the counts, and the command line. Each set's script (scripts/guard_eval_v4.py,
scripts/guard_eval_v5.py) gives its `MarkedSet`: source, parts and how a note falls into one,
its ids. The source format is described in scripts/guard_eval_v4.py.

v5 added the origins `central_asian` and `caucasus` and the form `title_given`; a v4 source
does not use them, so the one vocabulary serves both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

MAX_CHARS = 280

KINDS = (
    "email",
    "phone",
    "url",
    "mrn",
    "ssn",
    "long_number",
    "id_label",
    "date",
    "age_over_89",
    "address",
    "person_name",
    "roster_name",
)
ORIGINS = frozenset(
    {
        "west_african",
        "east_african",
        "southern_african",
        "arabic",
        "persian",
        "turkish",
        "south_asian",
        "east_asian_chinese",
        "korean",
        "japanese",
        "vietnamese",
        "thai",
        "filipino",
        "indonesian_malay",
        "slavic",
        "baltic",
        "hungarian",
        "nordic",
        "germanic",
        "romance",
        "greek",
        "maltese",
        "hispanic_latam",
        "caribbean",
        "celtic",
        "anglo",
        "anglo_wordnames",
        "jewish_hebrew",
        "pacific",
        "indigenous_au_nz",
        "central_asian",
        "caucasus",
    }
)
FORMS = frozenset(
    {
        "full",
        "given",
        "surname",
        "title_surname",
        "title_full",
        "initials",
        "initial_surname",
        "given_initial",
        "nickname",
        "lower",
        "all_caps",
        "hyphenated",
        "from_dept",
        "apposition_role",
        "brackets",
        "possessive",
        "list",
        "wordname",
        "typo",
        "kin",
        "title_given",
    }
)
STYLES = frozenset(
    {
        "plain",
        "terse",
        "typos",
        "lower",
        "runon",
        "dictated",
        "voice_to_text",
        "bullets",
        "sms",
    }
)
MARK = re.compile(r"\[\[([a-z_0-9/]+):((?:(?!\[\[|\]\]).)+)\]\]")
STYLE_PREFIX = re.compile(r"^~([a-z_]+)~\s*")
CLEAN_PREFIX = re.compile(r"^clean/([a-z_0-9]+):\s*")


@dataclass(frozen=True)
class MarkedSet:
    """One evaluation set: its name ("v4"), source file, output file per part, how a note's text
    chooses its part and its id, and the meta line's words on the split."""

    name: str
    source: Path
    outputs: dict[str, Path]
    part_of: Callable[[str], str]
    note_id: Callable[[str], str]
    split: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def builder(self) -> str:
        return f"scripts/guard_eval_{self.name}.py"


class SourceError(ValueError):
    """A malformed source line: says which line and what is wrong."""


@dataclass
class Block:
    voice: str = "unset"
    role: str = "general"
    style: str = "plain"
    roster: list[str] = field(default_factory=list)


def _span(tag: str, start: int, end: int, where: str) -> dict[str, object]:
    bits = tag.split("/")
    if bits[0] in ("name", "roster"):
        if len(bits) != 3:
            raise SourceError(f"{where}: a name mark is [[name/ORIGIN/FORM:text]], got {tag!r}")
        _, origin, form = bits
        if origin not in ORIGINS:
            raise SourceError(f"{where}: unknown origin {origin!r}")
        if form not in FORMS:
            raise SourceError(f"{where}: unknown name form {form!r}")
        kind = "person_name" if bits[0] == "name" else "roster_name"
        return {
            "kind": kind,
            "start": start,
            "end": end,
            "origin": origin,
            "form": form,
            "variant": form,
        }
    if bits[0] not in KINDS or bits[0] in ("person_name", "roster_name") or len(bits) > 2:
        raise SourceError(f"{where}: unknown mark {tag!r}")
    span: dict[str, object] = {"kind": bits[0], "start": start, "end": end}
    if len(bits) == 2:
        span["variant"] = bits[1]
    return span


def parse_note(line: str, block: Block, where: str) -> dict[str, object]:
    style = block.style
    m = STYLE_PREFIX.match(line)
    if m:
        style = m.group(1)
        line = line[m.end() :]
    if style not in STYLES:
        raise SourceError(f"{where}: unknown style {style!r}")
    trap = None
    c = CLEAN_PREFIX.match(line)
    if c:
        trap = c.group(1)
        line = line[c.end() :]
    text_parts: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for mk in MARK.finditer(line):
        plain = line[pos : mk.start()]
        text_parts.append(plain)
        length += len(plain)
        ident = mk.group(2)
        if ident != ident.strip():
            raise SourceError(f"{where}: a marked identifier has spaces at its ends: {ident!r}")
        spans.append(_span(mk.group(1), length, length + len(ident), where))
        text_parts.append(ident)
        length += len(ident)
        pos = mk.end()
    text_parts.append(line[pos:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        raise SourceError(f"{where}: an unclosed or malformed mark")
    if not text.strip() or text != text.strip():
        raise SourceError(f"{where}: empty note or spaces at its ends")
    if len(text) > MAX_CHARS:
        raise SourceError(f"{where}: {len(text)} characters, the limit is {MAX_CHARS}")
    if trap is not None and spans:
        raise SourceError(f"{where}: a clean note has marks")
    if trap is None and not spans:
        raise SourceError(f"{where}: a note with no mark must start with clean/TRAP:")
    note: dict[str, object] = {
        "text": text,
        "clean": trap is not None,
        "voice": block.voice,
        "role": block.role,
        "style": style,
        "spans": spans,
    }
    if trap is not None:
        note["trap"] = trap
    return note


def parse(spec: MarkedSet, source: str) -> tuple[list[str], list[dict[str, object]]]:
    block = Block()
    roster: list[str] = []
    notes: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(source.splitlines(), 1):
        line = raw.strip()
        where = f"{spec.source.name}:{number}"
        if not line or line.startswith("##"):
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            key, value = key.strip(), value.strip()
            if key == "voice":
                block.voice = value
            elif key == "role":
                block.role = value
            elif key == "style":
                block.style = value
            elif key == "roster":
                roster.extend(v.strip() for v in value.split(";") if v.strip())
            else:
                raise SourceError(f"{where}: unknown directive {key!r}")
            continue
        note = parse_note(line, block, where)
        text = str(note["text"])
        if text in seen:
            raise SourceError(f"{where}: the same note as line {seen[text]}")
        seen[text] = number
        note["id"] = spec.note_id(text)
        notes.append(note)
    return roster, notes


def render(spec: MarkedSet, roster: list[str], notes: list[dict[str, object]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in spec.outputs:
        meta = {
            "meta": {
                "part": part,
                "set": spec.name,
                "roster": roster,
                "source": str(spec.source.relative_to(ROOT)),
                "builder": spec.builder,
                "split": spec.split,
                **spec.meta,
            }
        }
        lines = [json.dumps(meta, ensure_ascii=False)]
        for n in notes:
            if spec.part_of(str(n["text"])) == part:
                lines.append(json.dumps({**n, "part": part}, ensure_ascii=False))
        out[part] = "\n".join(lines) + "\n"
    return out


def stats(spec: MarkedSet, roster: list[str], notes: list[dict[str, object]]) -> str:
    rows: list[str] = []
    parts = Counter(spec.part_of(str(n["text"])) for n in notes)
    ident = [n for n in notes if not n["clean"]]
    rows.append(
        f"notes {len(notes)}: identifying {len(ident)}, clean {len(notes) - len(ident)}; "
        f"parts {dict(parts)}; roster {len(roster)}"
    )
    counters: dict[str, Counter[str]] = {
        "kind (spans)": Counter(),
        "kind (notes)": Counter(),
        "origin": Counter(),
        "form": Counter(),
        "voice": Counter(),
        "style": Counter(),
        "trap": Counter(),
    }
    distinct: dict[str, set[str]] = {}
    for n in notes:
        counters["voice"][str(n["voice"])] += 1
        counters["style"][str(n["style"])] += 1
        if n["clean"]:
            counters["trap"][str(n["trap"])] += 1
        spans = n["spans"]
        assert isinstance(spans, list)
        for s in spans:
            counters["kind (spans)"][s["kind"]] += 1
            if s["kind"] in ("person_name", "roster_name"):
                counters["origin"][s["origin"]] += 1
                counters["form"][s["form"]] += 1
                name = str(n["text"])[int(s["start"]) : int(s["end"])].lower()
                distinct.setdefault(str(s["origin"]), set()).add(name)
        for k in {s["kind"] for s in spans}:
            counters["kind (notes)"][k] += 1
    for title, c in counters.items():
        rows.append(f"{title}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    rows.append(
        "origin (distinct name texts): "
        + ", ".join(f"{k} {len(v)}" for k, v in sorted(distinct.items()))
    )
    return "\n".join(rows)


def writer_part(version: str, half: str) -> MarkedSet:
    """One writer's part of a set written by several hands in parallel (v6, v7), all held out:
    tests/data/guard_eval_{version}{half}.src.txt -> guard_eval_{version}{half}_heldout.jsonl,
    ids "{version}{half}-" + the first 10 hex digits of sha256("svdesk-guard-{version}|" + text)."""
    part = f"{version}{half}_heldout"
    salt = f"svdesk-guard-{version}|"

    def part_of(text: str) -> str:
        del text
        return part

    def note_id(text: str) -> str:
        return f"{version}{half}-" + hashlib.sha256((salt + text).encode("utf-8")).hexdigest()[:10]

    return MarkedSet(
        name=version,
        source=DATA / f"guard_eval_{version}{half}.src.txt",
        outputs={part: DATA / f"guard_eval_{version}{half}_heldout.jsonl"},
        part_of=part_of,
        note_id=note_id,
        split=f"none: the whole {version} set is held out; this file is part {part}",
        meta={"id": f'"{version}{half}-" + sha256("{salt}" + text)[:10]'},
    )


def main_parts(specs: tuple[MarkedSet, ...], doc: str, argv: list[str] | None = None) -> int:
    """`main` for each writer's part in turn; the worst exit status."""
    worst = 0
    for spec in specs:
        print(f"== {spec.source.name}")
        worst = max(worst, main(spec, doc, argv))
    return worst


def main(spec: MarkedSet, doc: str, argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--check", action="store_true", help="fail if a .jsonl is not up to date")
    p.add_argument("--stats", action="store_true", help="print counts, write nothing")
    args = p.parse_args(argv)
    try:
        roster, notes = parse(spec, spec.source.read_text(encoding="utf-8"))
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.stats:
        print(stats(spec, roster, notes))
        return 0
    rendered = render(spec, roster, notes)
    if args.check:
        stale = [
            str(path.relative_to(ROOT))
            for part, path in spec.outputs.items()
            if not path.exists() or path.read_text(encoding="utf-8") != rendered[part]
        ]
        if stale:
            print(
                "stale: " + ", ".join(stale) + f"; run python {spec.builder}",
                file=sys.stderr,
            )
            return 1
        print(f"up to date: {len(notes)} notes")
        return 0
    for part, path in spec.outputs.items():
        path.write_text(rendered[part], encoding="utf-8")
    print(stats(spec, roster, notes))
    return 0
