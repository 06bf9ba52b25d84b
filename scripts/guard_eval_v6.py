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
session 9 and is a development set now (scripts/guard_eval.py). Ids as in
`guard_eval_marked.writer_part`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared builder beside this file

import guard_eval_marked as marked

V6A, V6B = marked.writer_part("v6", "a"), marked.writer_part("v6", "b")
SETS = (V6A, V6B)


def main(argv: list[str] | None = None) -> int:
    return marked.main_parts(SETS, __doc__ or "", argv)


if __name__ == "__main__":
    sys.exit(main())
