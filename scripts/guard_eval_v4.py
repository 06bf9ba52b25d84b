#!/usr/bin/env python3
"""Build the guard evaluation set v4 from its hand-written, marked-up source.

    python scripts/guard_eval_v4.py           # write tests/data/guard_eval_v4_{dev,heldout}.jsonl
    python scripts/guard_eval_v4.py --check   # exit 1 if the source is malformed or a file is stale
    python scripts/guard_eval_v4.py --stats   # counts by kind, origin, form, voice and style

The source, tests/data/guard_eval_v4.src.txt, has one note per line:

    an identifying note, with every identifier marked [[kind:text]] or [[kind/variant:text]]
    a name is [[name/ORIGIN/FORM:text]], a unit roster name [[roster/ORIGIN/FORM:text]]
    clean/TRAP: a clean note, with no mark at all
    ~STYLE~ at the start of a line sets that line's style

Lines starting with `#` set block defaults (`#voice: scottish`, `#role: icu`, `#style: terse`)
or list the unit roster (`#roster: Full Name; Full Name`); `##` lines and blank lines are
comments. Offsets are computed here from the marks, never typed by hand.

The part of a note is the last bit of sha256("svdesk-guard-v4|" + text): 0 is `v4_dev`,
1 is `v4_heldout`. It depends on the text only, so it was fixed before the guard was run.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared builder beside this file

import guard_eval_marked as marked
from guard_eval_marked import DATA, MarkedSet, SourceError

SALT = "svdesk-guard-v4|"


def part_of(text: str) -> str:
    digest = hashlib.sha256((SALT + text).encode("utf-8")).digest()
    return "v4_heldout" if digest[-1] & 1 else "v4_dev"


def note_id(text: str) -> str:
    return "v4-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


V4 = MarkedSet(
    name="v4",
    source=DATA / "guard_eval_v4.src.txt",
    outputs={
        "v4_dev": DATA / "guard_eval_v4_dev.jsonl",
        "v4_heldout": DATA / "guard_eval_v4_heldout.jsonl",
    },
    part_of=part_of,
    note_id=note_id,
    split='last bit of sha256("svdesk-guard-v4|" + text): 0 v4_dev, 1 v4_heldout',
)

__all__ = ["OUTPUTS", "SOURCE", "SourceError", "main", "parse", "render"]
SOURCE, OUTPUTS = V4.source, V4.outputs


def parse(source: str) -> tuple[list[str], list[dict[str, object]]]:
    return marked.parse(V4, source)


def render(roster: list[str], notes: list[dict[str, object]]) -> dict[str, str]:
    return marked.render(V4, roster, notes)


def main(argv: list[str] | None = None) -> int:
    return marked.main(V4, __doc__ or "", argv)


if __name__ == "__main__":
    sys.exit(main())
