#!/usr/bin/env python3
"""Build the guard evaluation set v5 from its hand-written, marked-up source.

    python scripts/guard_eval_v5.py           # write tests/data/guard_eval_v5_heldout.jsonl
    python scripts/guard_eval_v5.py --check   # exit 1 if the source is malformed or stale
    python scripts/guard_eval_v5.py --stats   # counts by kind, origin, form, voice and style

The source, tests/data/guard_eval_v5.src.txt, has one note per line:

    an identifying note, with every identifier marked [[kind:text]] or [[kind/variant:text]]
    a name is [[name/ORIGIN/FORM:text]], a unit roster name [[roster/ORIGIN/FORM:text]]
    clean/TRAP: a clean note, with no mark at all
    ~STYLE~ at the start of a line sets that line's style

Lines starting with `#` set block defaults (`#voice: scottish`, `#role: icu`, `#style: terse`)
or list the unit roster (`#roster: Full Name; Full Name`); `##` lines and blank lines are
comments. Offsets are computed here from the marks, never typed by hand.

The whole v5 set is held out: every note is in the one part `v5_heldout` (no dev split; the
guard must never be tuned on it). A note's id is "v5-" + the first 10 hex digits of
sha256("svdesk-guard-v5|" + text), so it depends on the text only.

v5 adds the origins `central_asian` and `caucasus` and the name form `title_given`
("Dr Amara", "Sister Ngozi") to the v4 vocabulary.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared builder beside this file

import guard_eval_marked as marked
from guard_eval_marked import DATA, MarkedSet

PART = "v5_heldout"
SALT = "svdesk-guard-v5|"


def part_of(text: str) -> str:
    """Every v5 note is held out; the text does not choose a part."""
    del text
    return PART


def note_id(text: str) -> str:
    return "v5-" + hashlib.sha256((SALT + text).encode("utf-8")).hexdigest()[:10]


V5 = MarkedSet(
    name="v5",
    source=DATA / "guard_eval_v5.src.txt",
    outputs={PART: DATA / "guard_eval_v5_heldout.jsonl"},
    part_of=part_of,
    note_id=note_id,
    split="none: the whole v5 set is held out",
    meta={"id": '"v5-" + sha256("svdesk-guard-v5|" + text)[:10]'},
)


def main(argv: list[str] | None = None) -> int:
    return marked.main(V5, __doc__ or "", argv)


if __name__ == "__main__":
    sys.exit(main())
