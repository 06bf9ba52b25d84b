#!/usr/bin/env python3
"""Build the independent guard evaluation set v3 from its hand-written, marked-up source.

    python scripts/guard_eval_v3.py           # write tests/data/guard_eval_v3_{dev,heldout}.jsonl
    python scripts/guard_eval_v3.py --check   # fail if the source is malformed or a .jsonl is stale

The source (tests/data/guard_eval_v3.src.txt) was written by hand without reading the guard's
code, word lists or earlier evaluation sets; this script only parses it. It never runs the guard.

One note a line: ``KINDS|text`` or ``KINDS|text|tags``. KINDS is ``clean`` or a comma list of the
finding kinds present. In the text, ``[[...]]`` marks a person name, ``{{kind:...}}`` or
``{{kind/variant:...}}`` any other finding (roster_name included). Tags are ``key=value`` pairs
joined by ``;``: ``origin`` and ``form`` give one comma-separated value per name span (person
and roster names, in order of appearance); ``voice`` and ``style`` override the block defaults.
Lines starting with ``#`` are comments, except the directives ``#voice:``, ``#style:`` (defaults
for the lines that follow) and ``#roster:`` (the unit roster, names separated by ``;``).

A note goes to the held-out part when sha256("svdesk-guard-v3|" + text) is odd, else to dev.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "guard_eval_v3.src.txt"
OUTPUTS = {
    "dev": ROOT / "tests" / "data" / "guard_eval_v3_dev.jsonl",
    "heldout": ROOT / "tests" / "data" / "guard_eval_v3_heldout.jsonl",
}
SPLIT_SALT = "svdesk-guard-v3"
NOTE_LIMIT = 280  # the record's note field is at most 280 characters (data dictionary)

BLOCK_KINDS = ("email", "phone", "url", "mrn", "ssn", "long_number", "id_label")
WARN_KINDS = ("date", "age_over_89", "address", "person_name", "roster_name")
KINDS = frozenset(BLOCK_KINDS + WARN_KINDS)
NAME_KINDS = frozenset({"person_name", "roster_name"})

ORIGINS = frozenset(
    {
        "west_african", "east_african", "southern_african", "slavic", "polish", "korean",
        "chinese", "vietnamese", "japanese", "filipino", "south_asian", "arabic", "turkish",
        "persian", "hispanic", "portuguese_brazilian", "nordic", "greek", "romanian",
        "pacific_islander", "indigenous", "jewish_hebrew", "anglo", "anglo_word",
    }
)  # fmt: skip
FORMS = frozenset(
    {
        "first", "full", "nickname", "initials", "lowercase", "lowercase_full", "hyphenated",
        "title", "from_dept", "the_role", "bracketed", "surname_only", "possessive", "allcaps",
        "first_initial", "accent_stripped", "misspelled",
    }
)  # fmt: skip
VOICES = frozenset(
    {
        "american", "british", "irish", "indian", "nigerian", "ghanaian", "kenyan",
        "south_african", "filipino", "australian", "new_zealand", "learner", "singaporean",
    }
)  # fmt: skip
STYLES = frozenset({"plain", "terse", "typo", "lowercase", "runon", "texting"})

_MARK = re.compile(
    r"\[\[(?P<name>[^\[\]{}|]+?)\]\]|\{\{(?P<kind>[a-z_0-9]+)(?:/(?P<variant>[a-z_0-9]+))?:(?P<body>[^{}|]+?)\}\}"
)


class SourceError(ValueError):
    """A line of the source that cannot be read; the message names the line and the fix."""


@dataclass
class Note:
    line: int
    text: str
    kinds: frozenset[str]
    spans: list[dict[str, object]]
    voice: str
    style: str

    @property
    def clean(self) -> bool:
        return not self.kinds

    @property
    def part(self) -> str:
        digest = hashlib.sha256(f"{SPLIT_SALT}|{self.text}".encode()).digest()
        return "heldout" if digest[-1] & 1 else "dev"

    def record(self) -> dict[str, object]:
        return {
            "text": self.text,
            "clean": self.clean,
            "spans": self.spans,
            "voice": self.voice,
            "style": self.style,
            "template": f"v3:L{self.line}",
        }


@dataclass
class Source:
    notes: list[Note] = field(default_factory=list)
    roster: list[str] = field(default_factory=list)


def _tags(raw: str, where: str) -> dict[str, str]:
    tags: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in raw.split(";"))):
        key, sep, value = pair.partition("=")
        if not sep or not value:
            raise SourceError(f"{where}: tag {pair!r} is not key=value; write e.g. origin=greek")
        tags[key.strip()] = value.strip()
    unknown = set(tags) - {"origin", "form", "voice", "style"}
    if unknown:
        raise SourceError(
            f"{where}: unknown tag(s) {sorted(unknown)}; use origin, form, voice, style"
        )
    return tags


def parse_line(number: int, line: str, voice: str, style: str, file: str = SOURCE.name) -> Note:
    where = f"{file}:{number}"
    fields = line.split("|")
    if len(fields) not in (2, 3):
        raise SourceError(
            f"{where}: expected KINDS|text or KINDS|text|tags, found {len(fields)} fields"
        )
    kinds_field, marked = fields[0].strip(), fields[1].strip()
    tags = _tags(fields[2], where) if len(fields) == 3 else {}
    declared = (
        frozenset()
        if kinds_field == "clean"
        else frozenset(k.strip() for k in kinds_field.split(","))
    )
    if declared - KINDS:
        raise SourceError(
            f"{where}: unknown kind(s) {sorted(declared - KINDS)}; known: {sorted(KINDS)}"
        )

    text_parts: list[str] = []
    spans: list[dict[str, object]] = []
    cursor, length = 0, 0
    for match in _MARK.finditer(marked):
        before = marked[cursor : match.start()]
        text_parts.append(before)
        length += len(before)
        if match.group("name") is not None:
            body, kind, variant = match.group("name"), "person_name", None
        else:
            body, kind, variant = match.group("body"), match.group("kind"), match.group("variant")
            if kind not in KINDS or kind == "person_name":
                raise SourceError(
                    f"{where}: {{{{{kind}:...}}}} is not a kind; use one of "
                    f"{sorted(KINDS - {'person_name'})}, and [[...]] for a person name"
                )
        if body != body.strip():
            raise SourceError(
                f"{where}: span {body!r} has spaces at its edge; put them outside the marks"
            )
        spans.append({"start": length, "end": length + len(body), "kind": kind, "variant": variant})
        text_parts.append(body)
        length += len(body)
        cursor = match.end()
    text_parts.append(marked[cursor:])
    text = "".join(text_parts)
    if any(mark in text for mark in ("[[", "]]", "{{", "}}")):
        raise SourceError(f"{where}: an unclosed or malformed mark is left in the text")
    if not text or len(text) > NOTE_LIMIT:
        raise SourceError(
            f"{where}: the note has {len(text)} characters; a note has 1 to {NOTE_LIMIT}"
        )

    found = frozenset(str(s["kind"]) for s in spans)
    if found != declared:
        raise SourceError(
            f"{where}: kinds field says {sorted(declared) or 'clean'} "
            f"but the marks give {sorted(found) or 'none'}"
        )

    names = [s for s in spans if s["kind"] in NAME_KINDS]
    origins = tags["origin"].split(",") if "origin" in tags else []
    forms = tags["form"].split(",") if "form" in tags else []
    if len(origins) != len(names) or len(forms) != len(names):
        raise SourceError(
            f"{where}: {len(names)} name span(s) but {len(origins)} origin(s) "
            f"and {len(forms)} form(s); "
            "give one of each per name, in order"
        )
    for span, origin, form in zip(names, origins, forms, strict=True):
        if origin not in ORIGINS:
            raise SourceError(f"{where}: origin {origin!r} unknown; known: {sorted(ORIGINS)}")
        if form not in FORMS:
            raise SourceError(f"{where}: form {form!r} unknown; known: {sorted(FORMS)}")
        span["variant"] = form
        span["origin"] = origin
    for span in spans:
        if span["variant"] is None:
            span["variant"] = "plain"

    voice, style = tags.get("voice", voice), tags.get("style", style)
    if voice not in VOICES or style not in STYLES:
        raise SourceError(f"{where}: voice {voice!r} or style {style!r} unknown")
    return Note(number, text, declared, spans, voice, style)


def read_source(path: Path = SOURCE) -> Source:
    source = Source()
    voice, style = "american", "plain"
    seen: dict[str, int] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            key, value = key.strip(), value.strip()
            if key == "voice":
                voice = value
            elif key == "style":
                style = value
            elif key == "roster":
                source.roster = [n.strip() for n in value.split(";") if n.strip()]
            continue
        note = parse_line(number, line, voice, style, path.name)
        if note.text in seen:
            raise SourceError(
                f"{path.name}:{number}: the same note as line {seen[note.text]}; reword one"
            )
        seen[note.text] = number
        source.notes.append(note)
    return source


def render(source: Source) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in OUTPUTS:
        meta = {
            "part": part,
            "seed": None,  # the v2 meta key; nothing here is drawn at random
            "split_salt": SPLIT_SALT,
            "split": 'sha256(split_salt + "|" + text): last bit 0 -> dev, 1 -> heldout',
            "roster": source.roster,
            "generator": "scripts/guard_eval_v3.py",
            "source": "tests/data/guard_eval_v3.src.txt",
            "written": "by hand, without reading the guard's code, word lists or earlier sets",
        }
        lines = [json.dumps({"meta": meta}, ensure_ascii=False)]
        lines += [
            json.dumps(n.record(), ensure_ascii=False) for n in source.notes if n.part == part
        ]
        out[part] = "\n".join(lines) + "\n"
    return out


def summary(source: Source) -> str:
    notes = source.notes
    names = [s for n in notes for s in n.spans if s["kind"] in NAME_KINDS]
    kinds = Counter(k for n in notes for k in n.kinds)
    parts = Counter(n.part for n in notes)
    rows = [
        f"notes {len(notes)}: identifying {sum(not n.clean for n in notes)}, "
        f"clean {sum(n.clean for n in notes)}",
        f"parts: dev {parts['dev']}, heldout {parts['heldout']}",
        "notes per kind: " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)),
        f"name spans {len(names)}",
        "  by origin: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(s["origin"] for s in names).items())),
        "  by form: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(s["variant"] for s in names).items())),
        "voices: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(n.voice for n in notes).items())),
        "styles: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(n.style for n in notes).items())),
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="verify the .jsonl files are up to date"
    )
    args = parser.parse_args(argv)
    try:
        source = read_source()
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    rendered = render(source)
    if args.check:
        stale = [
            p
            for p, text in rendered.items()
            if not OUTPUTS[p].exists() or OUTPUTS[p].read_text("utf-8") != text
        ]
        if stale:
            print(
                f"error: {', '.join(stale)} out of date; run python scripts/guard_eval_v3.py",
                file=sys.stderr,
            )
            return 1
    else:
        for part, text in rendered.items():
            OUTPUTS[part].write_text(text, encoding="utf-8")
    print(summary(source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
