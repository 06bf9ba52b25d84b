#!/usr/bin/env python3
"""Build the guard evaluation set v6 from its two hand-written, marked-up sources.

    python scripts/guard_eval_v6.py           # write tests/data/guard_eval_v6{a,b}_heldout.jsonl
    python scripts/guard_eval_v6.py --check   # exit 1 if a source is malformed or a file stale
    python scripts/guard_eval_v6.py --stats   # counts by kind, origin, form, voice and style

v6 was written in session 8 (2026-12-03) by two helpers, in parallel and each in its own file
(tests/data/guard_eval_v6a.src.txt, tests/data/guard_eval_v6b.src.txt), in the format of
scripts/guard_eval_v4.py and with its vocabulary (scripts/guard_eval_marked.py), in voices
that no earlier set has, without reading the guard, its lists, its tests or any earlier set,
while the guard was being tuned on v5. Each file is one part with its own unit roster; the
whole set was held out and run once, at the end of session 8 (16:28 UTC); it was opened in
session 9 and is a development set now (scripts/guard_eval.py). A note's id is "v6a-"/"v6b-" + the first 10 hex digits of
sha256("svdesk-guard-v6|" + text).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared builder beside this file

import guard_eval_marked as marked
from guard_eval_marked import DATA, MarkedSet

SALT = "svdesk-guard-v6|"


def _spec(half: str) -> MarkedSet:
    part = f"v6{half}_heldout"

    def part_of(text: str) -> str:
        del text
        return part

    def note_id(text: str) -> str:
        return f"v6{half}-" + hashlib.sha256((SALT + text).encode("utf-8")).hexdigest()[:10]

    return MarkedSet(
        name="v6",
        source=DATA / f"guard_eval_v6{half}.src.txt",
        outputs={part: DATA / f"guard_eval_v6{half}_heldout.jsonl"},
        part_of=part_of,
        note_id=note_id,
        split=f"none: the whole v6 set is held out; this file is part {part}",
        meta={"id": f'"v6{half}-" + sha256("svdesk-guard-v6|" + text)[:10]'},
    )


V6A, V6B = _spec("a"), _spec("b")
SETS = (V6A, V6B)


def main(argv: list[str] | None = None) -> int:
    worst = 0
    for spec in SETS:
        print(f"== {spec.source.name}")
        worst = max(worst, marked.main(spec, __doc__ or "", argv))
    return worst


if __name__ == "__main__":
    sys.exit(main())
