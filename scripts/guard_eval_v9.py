#!/usr/bin/env python3
"""Build the guard evaluation set v9 from its two hand-written, marked-up sources.

    python scripts/guard_eval_v9.py           # write tests/data/guard_eval_v9{a,b}_heldout.jsonl
    python scripts/guard_eval_v9.py --check   # exit 1 if a source is malformed or a file stale
    python scripts/guard_eval_v9.py --stats   # counts by kind, origin, form, voice and style

v9 was written in session 9 (2026-12-03) by two helpers (gw9a, gw9b), in parallel and each in
its own file (tests/data/guard_eval_v9a.src.txt, tests/data/guard_eval_v9b.src.txt), in the
format of scripts/guard_eval_v4.py with its vocabulary (scripts/guard_eval_marked.py), in 24
voices that no earlier set has, without reading the guard, its lists, its tests, any earlier
set or the notes of earlier runs, while the guard was being tuned on the opened v8.
Each file is one part with its own unit roster; the whole set was held out and run once (19:04
UTC, on 4cbdcd7), then opened: a development set now (scripts/guard_eval.py). Ids as in
`guard_eval_marked.writer_part`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared builder beside this file

import guard_eval_marked as marked

V7A, V7B = marked.writer_part("v9", "a"), marked.writer_part("v9", "b")
SETS = (V7A, V7B)


def main(argv: list[str] | None = None) -> int:
    return marked.main_parts(SETS, __doc__ or "", argv)


if __name__ == "__main__":
    sys.exit(main())
