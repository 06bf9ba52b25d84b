#!/usr/bin/env python3
"""Evaluate the identifier guard on the v2 evaluation set: recall per kind, origin and form.

    python scripts/guard_eval.py [--part tune|heldout|both|hand_dev|hand_heldout|hand|all]
                                 [--json] [--show-errors] [--check] [--file FILE ...]

Reads tests/data/guard_eval_v2_{tune,heldout}.jsonl (made by scripts/guard_eval_corpus.py) and
runs the same check as `svdesk guard check` (svdesk.unit.guard.IdentifierGuard, with the part's
unit roster) on every note. Prints, for each part separately: recall per kind, recall of person
names per origin group and per form (and for names missing from the guard's own lists), recall per
voice and style, and the share of clean notes flagged, with the false flags by trap.

Recall: an expected identifier counts as found when a finding overlaps its span and is of the same
kind (blocking kinds: any blocking kind; person_name: a person_name or roster_name finding).
A clean note counts as flagged if it has any finding at all.

Do not tune on the held-out part: use `--part tune --show-errors` while working; `--show-errors`
refuses the held-out part unless `--i-am-done-tuning` is given.
The old set (v1) and its generator are in scripts/guard_eval_v1.py.

The hand-written set tests/data/guard_eval_handwritten.jsonl (scripts/guard_eval_handwritten.py;
notes written by hand, not from templates) is evaluated as two separate parts, `hand_dev` and
`hand_heldout`, by the `part` field its builder fixed with a seeded hash of each note's text.
`--show-errors` refuses `hand_heldout` too.

The v3 set tests/data/guard_eval_v3_{dev,heldout}.jsonl (scripts/guard_eval_v3.py, written by
another hand without reading the guard) is `v3_dev` and `v3_heldout`; `--show-errors` refuses
`v3_heldout`.

The v4 set tests/data/guard_eval_v4_{dev,heldout}.jsonl (scripts/guard_eval_v4.py, written by a
third hand without reading the guard, in other voices and name origins) is `v4_dev` and
`v4_heldout`; both are development sets now (v4_heldout was run once, then opened), so
`--show-errors` shows both.

The v5 set tests/data/guard_eval_v5_heldout.jsonl (scripts/guard_eval_v5.py, a fourth hand) was
written all held out, run once at the end of session 7 (2026-12-03) and then opened: it is a
development set now, in `--part all` and shown by `--show-errors`, under its old part name.

The v6 set tests/data/guard_eval_v6{a,b}_heldout.jsonl (scripts/guard_eval_v6.py, two more hands,
session 8) was written all held out, in two parts `v6a_heldout` and `v6b_heldout` (one per writer,
each with its roster), run once at the end of session 8 (2026-12-03, 16:28 UTC) and then opened
(session 9): a development set now, in `--part all` and shown by `--show-errors`, under its old
part names; `--part v6` runs both and adds the two together. The default, `--part all`, prints
all seventeen parts.

The v7 set tests/data/guard_eval_v7{a,b}_heldout.jsonl (scripts/guard_eval_v7.py, two more
hands, session 9) was written all held out, in two parts `v7a_heldout` and `v7b_heldout`, run
once in session 9 (2026-12-03, 18:07 UTC) and then opened: a development set now, in `--part
all` and shown by `--show-errors`; `--part v7` runs both and adds them together.

The v8 set tests/data/guard_eval_v8{a,b}_heldout.jsonl (scripts/guard_eval_v8.py, two more
hands, session 9) was written all held out, in two parts `v8a_heldout` and `v8b_heldout`, run
once (2026-12-03, 18:39 UTC) and then opened: a development set now, in `--part all` and shown
by `--show-errors`; `--part v8` runs both and adds them together.

The v9 set tests/data/guard_eval_v9{a,b}_heldout.jsonl (scripts/guard_eval_v9.py, two more
hands, session 9) was written all held out, in two parts `v9a_heldout` and `v9b_heldout`, run
once (2026-12-03, 19:04 UTC) and then opened: a development set now, in `--part all` and shown
by `--show-errors`; `--part v9` runs both and adds them together. The next claim needs a new
unseen set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svdesk.unit.guard import BLOCKING, KINDS, IdentifierGuard  # noqa: E402

DATA = ROOT / "tests" / "data"
PART_FILES = {
    "tune": DATA / "guard_eval_v2_tune.jsonl",
    "heldout": DATA / "guard_eval_v2_heldout.jsonl",
}
HAND_FILE = DATA / "guard_eval_handwritten.jsonl"
HAND_PARTS = {"hand_dev": "dev", "hand_heldout": "heldout"}
# v3: written by another hand than the guard's, without reading its code or lists
# (tests/data/guard_eval_v3.src.txt -> scripts/guard_eval_v3.py); name forms are in "variant".
V3_FILES = {
    "v3_dev": DATA / "guard_eval_v3_dev.jsonl",
    "v3_heldout": DATA / "guard_eval_v3_heldout.jsonl",
}
# v4: written by a third hand, without reading the guard, in other voices and name origins
# (tests/data/guard_eval_v4.src.txt -> scripts/guard_eval_v4.py); name forms in "form".
V4_FILES = {
    "v4_dev": DATA / "guard_eval_v4_dev.jsonl",
    "v4_heldout": DATA / "guard_eval_v4_heldout.jsonl",
}
# v5: written by a fourth hand without reading the guard, its lists or earlier sets, after the
# tuning on v4 (tests/data/guard_eval_v5.src.txt -> scripts/guard_eval_v5.py); run once while
# held out, opened since (session 8): a development set under its old part name.
V5_FILES = {"v5_heldout": DATA / "guard_eval_v5_heldout.jsonl"}
# v6 to v9: each written by two more hands (one part each, with its roster), in parallel,
# without reading the guard, its lists, its tests or any earlier set
# (tests/data/guard_eval_v{6..9}{a,b}.src.txt -> scripts/guard_eval_v{6..9}.py); each was run
# once while held out (v6 at the end of session 8; v7, v8, v9 in session 9 after each round of
# tuning on the one before) and opened since: development sets.
WRITER_SETS = ("v6", "v7", "v8", "v9")
WRITER_FILES = {
    f"{v}{half}_heldout": DATA / f"guard_eval_{v}{half}_heldout.jsonl"
    for v in WRITER_SETS
    for half in "ab"
}
SET_FILES = {**V3_FILES, **V4_FILES, **V5_FILES, **WRITER_FILES}
# v4_heldout, v5_heldout and v6 are not in this set any more: each was run once (2026-12-03) and is
# a development set now; the new unseen held-out test is a separate set.
HELD_OUT_PARTS = frozenset({"heldout", "hand_heldout", "v3_heldout"})
TARGETS = {
    "blocking": 0.98,  # each blocking kind
    "person_name": 0.90,  # overall
    "person_name_origin": 0.80,  # every origin group
    "warn": 0.85,  # each other warn kind
    "clean_flagged_max": 0.05,
}


@dataclass
class EvalSet:
    part: str
    roster: list[str]
    notes: list[dict[str, object]] = field(default_factory=list)


def read_set(path: Path, part: str | None = None) -> EvalSet:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = json.loads(lines[0])["meta"]
    notes = [json.loads(line) for line in lines[1:] if line.strip()]
    return EvalSet(part or str(head["part"]), list(head.get("roster", [])), notes)


def read_hand(part: str, path: Path = HAND_FILE) -> EvalSet:
    """One half (`hand_dev` or `hand_heldout`) of the hand-written set."""
    whole = read_set(path)
    half = HAND_PARTS[part]
    return EvalSet(part, whole.roster, [n for n in whole.notes if n["part"] == half])


class _Rate:
    def __init__(self) -> None:
        self.hit = 0
        self.total = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += int(ok)

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def json(self) -> dict[str, object]:
        return {"recall": self.value, "found": self.hit, "total": self.total}


def _listed_by_guard(name: str) -> bool:
    """Whether every word of `name` is in the guard's own name lists (after accent folding)."""
    from svdesk.unit.guard.lexicon import _fold, _name_data
    from svdesk.unit.guard.namewords import _WORD

    data = _name_data()
    words = [w for w in _WORD.findall(name) if len(w) > 1]
    return bool(words) and all(data.listed(_fold(w)) for w in words)


def evaluate(es: EvalSet) -> dict[str, object]:
    g = IdentifierGuard(es.roster)
    per_kind: dict[str, _Rate] = defaultdict(_Rate)
    per_origin: dict[str, _Rate] = defaultdict(_Rate)
    per_form: dict[str, _Rate] = defaultdict(_Rate)
    per_voice: dict[str, _Rate] = defaultdict(_Rate)
    per_style: dict[str, _Rate] = defaultdict(_Rate)
    per_variant: dict[str, _Rate] = defaultdict(_Rate)
    unlisted = _Rate()
    clean = _Rate()  # "hit" = flagged
    clean_by_trap: dict[str, _Rate] = defaultdict(_Rate)
    clean_kinds: dict[str, int] = defaultdict(int)
    missed: list[dict[str, object]] = []
    false_flags: list[dict[str, object]] = []
    for note in es.notes:
        text = str(note["text"])
        result = g.check(text)
        if note["clean"]:
            flagged = bool(result.findings)
            clean.add(flagged)
            clean_by_trap[str(note.get("trap", "?"))].add(flagged)
            per_style[f"clean/{note['style']}"].add(not flagged)
            for f in result.findings:
                clean_kinds[f.kind] += 1
            if flagged:
                false_flags.append(
                    {"text": text, "findings": [(f.kind, f.text) for f in result.findings]}
                )
            continue
        spans = note["spans"]
        assert isinstance(spans, list)
        for span in spans:
            kind = str(span["kind"])
            a, b = int(span["start"]), int(span["end"])

            def same(fk: str, kind: str = kind) -> bool:
                if kind in BLOCKING:
                    return fk in BLOCKING
                if kind == "person_name":
                    return fk in ("person_name", "roster_name")
                return fk == kind

            ok = any(f.start < b and a < f.end and same(f.kind) for f in result.findings)
            per_kind[kind].add(ok)
            per_voice[str(note["voice"])].add(ok)
            per_style[str(note["style"])].add(ok)
            if "variant" in span:
                per_variant[f"{kind}/{span['variant']}"].add(ok)
            if kind == "person_name":
                per_origin[str(span["origin"])].add(ok)
                per_form[str(span.get("form", span.get("variant")))].add(ok)
                if not _listed_by_guard(text[a:b]):
                    unlisted.add(ok)
            if not ok:
                missed.append(
                    {
                        "kind": kind,
                        "identifier": text[a:b],
                        "origin": span.get("origin"),
                        "form": span.get("form", span.get("variant")),
                        "variant": span.get("variant"),
                        "text": text,
                        "found": [(f.kind, f.text) for f in result.findings],
                    }
                )
    fig: dict[str, object] = {
        "part": es.part,
        "identifying_notes": sum(1 for n in es.notes if not n["clean"]),
        "clean_notes": clean.total,
        "kinds": {k: per_kind[k].json() for k in KINDS if per_kind[k].total},
        "origins": {k: v.json() for k, v in sorted(per_origin.items())},
        "forms": {k: v.json() for k, v in sorted(per_form.items())},
        "names_unlisted_by_guard": unlisted.json(),
        "voices": {k: v.json() for k, v in sorted(per_voice.items())},
        "styles": {k: v.json() for k, v in sorted(per_style.items())},
        "variants": {k: v.json() for k, v in sorted(per_variant.items())},
        "clean_flag_rate": clean.value,
        "clean_flagged": clean.hit,
        "clean_flags_by_trap": {k: v.json() for k, v in sorted(clean_by_trap.items())},
        "clean_flag_kinds": dict(clean_kinds),
        "missed": missed,
        "false_flags": false_flags,
    }
    fig["failures"] = target_failures(fig)
    return fig


def _sum_rates(recs: list[dict[str, object]]) -> dict[str, object]:
    found = sum(int(r["found"]) for r in recs)  # type: ignore[call-overload]
    total = sum(int(r["total"]) for r in recs)  # type: ignore[call-overload]
    return {"recall": found / total if total else None, "found": found, "total": total}


def combine(figs: list[dict[str, object]], part: str) -> dict[str, object]:
    """The figures of several parts evaluated together (each with its own roster), by adding
    their counts: `--part v6` prints v6a, v6b and this."""
    out: dict[str, object] = {"part": part}
    for key in ("identifying_notes", "clean_notes", "clean_flagged"):
        out[key] = sum(int(f[key]) for f in figs)  # type: ignore[call-overload]
    for key in ("kinds", "origins", "forms", "voices", "styles", "variants", "clean_flags_by_trap"):
        names = sorted({k for f in figs for k in f[key]})  # type: ignore[attr-defined]
        out[key] = {
            k: _sum_rates([f[key][k] for f in figs if k in f[key]])  # type: ignore[index,operator]
            for k in names
        }
    out["names_unlisted_by_guard"] = _sum_rates([f["names_unlisted_by_guard"] for f in figs])  # type: ignore[misc]
    clean = int(out["clean_notes"])  # type: ignore[call-overload]
    out["clean_flag_rate"] = int(out["clean_flagged"]) / clean if clean else None  # type: ignore[call-overload]
    kinds: dict[str, int] = defaultdict(int)
    for f in figs:
        for k, v in f["clean_flag_kinds"].items():  # type: ignore[attr-defined]
            kinds[k] += v
    out["clean_flag_kinds"] = dict(kinds)
    out["missed"] = [m for f in figs for m in f["missed"]]  # type: ignore[attr-defined]
    out["false_flags"] = [m for f in figs for m in f["false_flags"]]  # type: ignore[attr-defined]
    out["failures"] = target_failures(out)
    return out


def target_failures(fig: dict[str, object]) -> list[str]:
    """The targets of issue 12 that `fig` misses (empty when all are met)."""
    out: list[str] = []
    kinds = fig["kinds"]
    origins = fig["origins"]
    assert isinstance(kinds, dict)
    assert isinstance(origins, dict)
    for kind, rec in kinds.items():
        r = rec["recall"]
        if kind in BLOCKING:
            target = TARGETS["blocking"]
        elif kind == "person_name":
            target = TARGETS["person_name"]
        else:
            target = TARGETS["warn"]
        if r < target:
            out.append(f"{kind} recall {r:.3f} < {target}")
    for origin, rec in origins.items():
        if rec["recall"] < TARGETS["person_name_origin"]:
            out.append(f"person_name/{origin} recall {rec['recall']:.3f} < 0.80")
    rate = fig["clean_flag_rate"]
    assert rate is None or isinstance(rate, float)  # None: a part with no clean notes yet
    if rate is not None and rate > TARGETS["clean_flagged_max"]:
        out.append(f"clean notes flagged {rate:.3f} > 0.05")
    return out


def _row(name: str, rec: dict[str, object], width: int = 18) -> str:
    r = rec["recall"]
    shown = f"{r:6.3f}" if isinstance(r, float) else "   -  "
    return f"  {name:<{width}} {shown}  ({rec['found']}/{rec['total']})"


def print_text(fig: dict[str, object], show_errors: bool) -> None:
    print(
        f"== part {fig['part']}: {fig['identifying_notes']} identifying notes, "
        f"{fig['clean_notes']} clean notes"
    )
    print("recall per kind:")
    for kind, rec in fig["kinds"].items():  # type: ignore[attr-defined]
        sev = "block" if kind in BLOCKING else "warn "
        print(_row(f"{kind} ({sev})", rec, 22))
    print("person names per origin:")
    for origin, rec in fig["origins"].items():  # type: ignore[attr-defined]
        print(_row(origin, rec))
    print(_row("(not in guard lists)", fig["names_unlisted_by_guard"], 18))  # type: ignore[arg-type]
    print("person names per form:")
    for form, rec in fig["forms"].items():  # type: ignore[attr-defined]
        print(_row(form, rec))
    print("all identifiers per style:")
    for style, rec in fig["styles"].items():  # type: ignore[attr-defined]
        if not style.startswith("clean/"):
            print(_row(style, rec))
    print("variants below 0.95:")
    for var, rec in fig["variants"].items():  # type: ignore[attr-defined]
        if rec["recall"] < 0.95:
            print(_row(var, rec, 26))
    rate = fig["clean_flag_rate"]
    shown = f"{rate:.3f}" if isinstance(rate, float) else "-"
    print(
        f"clean notes flagged: {fig['clean_flagged']}/{fig['clean_notes']} = "
        f"{shown}   by kind {fig['clean_flag_kinds']}"
    )
    for trap, rec in fig["clean_flags_by_trap"].items():  # type: ignore[attr-defined]
        print(f"  {trap:<18} flagged {rec['found']}/{rec['total']}")
    failures = fig["failures"]
    assert isinstance(failures, list)
    print("targets met" if not failures else "targets missed: " + "; ".join(failures))
    if show_errors:
        for m in fig["missed"]:  # type: ignore[attr-defined]
            print(
                "MISS",
                m["kind"],
                m["origin"] or m["variant"],
                m["form"] or "",
                repr(m["identifier"]),
                "|",
                repr(m["text"]),
                m["found"],
            )
        for ff in fig["false_flags"]:  # type: ignore[attr-defined]
            print("FLAG", ff["findings"], "|", repr(ff["text"]))


def load_parts(which: str, files: Iterable[Path] = ()) -> list[EvalSet]:
    files = list(files)
    if files:
        return [read_set(p) for p in files]
    groups = {
        "both": ("tune", "heldout"),
        "hand": ("hand_dev", "hand_heldout"),
        "v3": ("v3_dev", "v3_heldout"),
        "v4": ("v4_dev", "v4_heldout"),
        "v5": ("v5_heldout",),
        **{v: (f"{v}a_heldout", f"{v}b_heldout") for v in WRITER_SETS},
        "all": (
            "tune",
            "heldout",
            "hand_dev",
            "hand_heldout",
            "v3_dev",
            "v3_heldout",
            "v4_dev",
            "v4_heldout",
            "v5_heldout",
            *WRITER_FILES,
        ),
    }
    parts = groups.get(which, (which,))
    out: list[EvalSet] = []
    for p in parts:
        if p in HAND_PARTS:
            out.append(read_hand(p))
        elif p in SET_FILES:
            out.append(read_set(SET_FILES[p], p))
        else:
            out.append(read_set(PART_FILES[p]))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument(
        "--part",
        choices=[
            "tune",
            "heldout",
            "both",
            "hand_dev",
            "hand_heldout",
            "hand",
            "v3_dev",
            "v3_heldout",
            "v3",
            "v4_dev",
            "v4_heldout",
            "v4",
            "v5_heldout",
            "v5",
            *WRITER_FILES,
            *WRITER_SETS,
            "all",
        ],
        default="all",
    )
    p.add_argument("--file", type=Path, action="append", default=[], help="a JSONL set")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--show-errors", action="store_true", help="list misses and false flags")
    p.add_argument("--i-am-done-tuning", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)
    sets = load_parts(args.part, args.file)
    held = any(s.part in HELD_OUT_PARTS for s in sets)
    if args.show_errors and held and not args.i_am_done_tuning:
        p.error(
            "--show-errors on a held-out part would leak it into tuning; "
            "use --part tune, hand_dev, v3_dev, v4 to v9"
        )
    all_ok = True
    out: list[dict[str, object]] = []
    figs = [evaluate(es) for es in sets]
    if args.part in WRITER_SETS and not args.file:
        figs.append(combine(figs, f"{args.part} (both parts)"))
    for fig in figs:
        all_ok = all_ok and not fig["failures"]
        if args.json:
            out.append(
                {
                    k: v
                    for k, v in fig.items()
                    if args.show_errors or k not in ("missed", "false_flags")
                }
            )
        else:
            print_text(fig, args.show_errors)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0 if (all_ok or not args.check) else 1


if __name__ == "__main__":
    sys.exit(main())
