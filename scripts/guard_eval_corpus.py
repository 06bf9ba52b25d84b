#!/usr/bin/env python3
"""Build the identifier guard's evaluation set v2 (tests/data/guard_eval_v2_{tune,heldout}.jsonl).

    python scripts/guard_eval_corpus.py [--out DIR] [--check]

Templated, seeded, written by the same hands that tune the guard — see "Limits" below. Each note
is made of segments: context sentences in one of several VOICES (the register of a nurse, a
physician, a pharmacist, an HCA or porter, a midwife, a paramedic, a peer supporter) and STYLES
(plain, terse shorthand, typos, all lower case, run-on), plus phrases that carry identifiers.
Every identifier's span (start, end in characters of the note), its kind (data-dictionary §3) and,
for names, the origin group and the form are recorded.

Names come from scripts/guard_eval_names.py (a Faker snapshot plus hand-written groups), never
from resources/names/ that the guard loads.

Split (decided up front, before any tuning): every template, every name and every clean-trap
phrase is put in the HELD-OUT part when sha256("svdesk-guard-v2|<what>|<item>") falls in the top
30 % (first byte >= 179). A held-out note is built only from held-out templates, held-out names and
held-out traps, and a tuning note only from tuning ones, so the held-out part also measures
phrasings and names never seen while tuning. The two parts are written to separate files.

Limits: the notes are templated, not real; the same person wrote the templates and the guard;
Korean, Arabic, Filipino and word-names were written by hand; identifiers are well formed apart
from the deliberate variants listed in the makers; typos are only injected into context words.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guard_eval_names import ORIGINS, names

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026_12_02
SPLIT_SALT = "svdesk-guard-v2"
PARTS = ("tune", "heldout")


def part_of(what: str, item: str) -> str:
    """The part an item belongs to, fixed by a salted hash (30 % held out)."""
    digest = hashlib.sha256(f"{SPLIT_SALT}|{what}|{item}".encode()).digest()
    return "heldout" if digest[0] >= 179 else "tune"


def _pick(items: list[str] | tuple[str, ...], what: str, part: str) -> list[str]:
    chosen = [x for x in items if part_of(what, x) == part]
    return chosen or list(items)  # a tiny list may hash to one side only


# ------------------------------------------------------------------------------------------------
# Notes as segments


@dataclass
class Seg:
    text: str
    meta: dict[str, str] | None = None  # kind, origin, form for an identifier; None for context


@dataclass
class Note:
    segs: list[Seg] = field(default_factory=list)
    voice: str = ""
    style: str = ""
    template: str = ""

    def ctx(self, s: str) -> Note:
        self.segs.append(Seg(s))
        return self

    def ident(self, s: str, kind: str, **extra: str) -> Note:
        self.segs.append(Seg(s, {"kind": kind, **extra}))
        return self


# ------------------------------------------------------------------------------------------------
# Voices: context sentences that carry no identifier (also the body of clean notes)

VOICES: dict[str, list[str]] = {
    "nurse": [
        "Staff nurse very shaken after the arrest on nights.",
        "Felt she missed the early warning signs on the obs chart.",
        "Short staffed again, 1 RN to 12 pts.",
        "Cried in the sluice after the death, didn't want the team to see.",
        "Says she keeps replaying the handover in her head.",
        "Worried about the Datix she filled in.",
        "Hasn't slept properly since the weekend.",
        "Angry at how the family spoke to her at visiting.",
        "Newly qualified, first death on the ward.",
        "Wants to talk to the ward manager but feels she can't.",
        "Relief that the patient is stable now.",
        "Feels guilty for taking a break when it happened.",
    ],
    "physician": [
        "FY2 upset after a missed diagnosis came back to bite.",
        "Reg feels unsupported by the consultant on call.",
        "Consultant tearful, first paediatric death in ten years.",
        "Worried about the coroner's inquest.",
        "Keeps second-guessing every decision since the SUI.",
        "Registrar exhausted after four nights on call.",
        "Junior doctor felt humiliated on the ward round.",
        "Says the complaint letter made her feel like a fraud.",
        "Reflected on the M&M meeting, found it helpful in the end.",
        "Locum felt left alone with a sick patient.",
        "Anaesthetist shaken after a difficult airway in theatre.",
        "Surgeon second-guessing the decision to operate.",
    ],
    "pharmacist": [
        "Pharmacist anxious after a dispensing error, caught before harm.",
        "Tech upset about being blamed for a missing CD.",
        "Worried about the GPhC finding out.",
        "Felt pressured to rush the discharge meds.",
        "Picked up a tenfold dosing error on a paeds chart, feels shaky.",
        "Says the pharmacy queue never ends.",
        "Felt the ward ignored his advice on the antibiotic.",
        "Double-checked the insulin chart three times and still doubts it.",
        "On-call pharmacist rang at 3am about a drug query, drained.",
        "Wants more training on the new prescribing system.",
    ],
    "hca_porter": [
        "HCA found the patient on the floor at the start of the shift.",
        "Porter was in the lift when the arrest call went out.",
        "Didn't know what to do, froze for a moment.",
        "Domestic staff upset after cleaning the room after a death.",
        "Feels nobody thanks the support staff.",
        "Was shouted at by a relative in the corridor.",
        "Carried the body to the mortuary for the first time.",
        "Says the smell stays with him.",
        "Wants to know if she did the right thing.",
        "Tired of covering extra shifts.",
    ],
    "midwife": [
        "Midwife distressed after a PPH and an emergency section.",
        "Stillbirth on labour ward, she delivered the baby.",
        "Feels she should have escalated the CTG sooner.",
        "Partner supportive at home, but she is not sleeping.",
        "Student midwife shocked by the speed of the shoulder dystocia.",
        "Says the bereavement suite brought it all back.",
        "Worried about the HSIB review.",
        "Wants to go back to the birth centre but feels scared.",
    ],
    "paramedic": [
        "Crew had a long extraction, patient died en route.",
        "Paramedic numb after a paediatric cardiac arrest.",
        "Says the drive back was the worst part.",
        "Feels the handover at ED was rushed.",
        "Offered the TRiM pathway, will think about it.",
        "Ambulance stacked outside for hours, felt useless.",
        "Kept thinking about the family at the scene.",
    ],
    "supporter": [
        "Listened mostly; colleague said it helped to talk.",
        "Normalised the reactions, gave the wellbeing leaflet.",
        "Signposted to occupational health and the EAP.",
        "Discussed sleep and small routines.",
        "Agreed to check in again next week.",
        "Offered a follow-up call in two days.",
        "Colleague calmer by the end of the chat.",
        "Explained the debrief is about systems, not blame.",
        "Suggested a walk on the break and some water.",
        "No risk concerns today.",
        "Talked about what support she has at home.",
        "Gave the helpline card and the staff support number from the intranet.",
    ],
}
VOICE_NAMES = tuple(VOICES)
STYLES = ("plain", "plain", "terse", "typos", "lower", "runon")

SHORTHAND = [
    (r"\bpatients\b", "pts"),
    (r"\bpatient\b", "pt"),
    (r"\bwith\b", "w/"),
    (r"\bwithout\b", "w/o"),
    (r"\bbecause\b", "bc"),
    (r"\babout\b", "re"),
    (r"\band\b", "&"),
    (r"\bweek\b", "wk"),
    (r"\bhours\b", "hrs"),
    (r"\bfollow-up\b", "f/u"),
    (r"\bfollow up\b", "f/u"),
    (r"\bdidn't\b", "didnt"),
    (r"\bthe\b", ""),
    (r"\bvery\b", "v"),
    (r"\bsaid\b", "sd"),
    (r"\bsays\b", "says"),
    (r"\bcolleague\b", "coll"),
    (r"\bnights\b", "nts"),
]


def _terse(s: str) -> str:
    for pat, rep in SHORTHAND:
        s = re.sub(pat, rep, s)
    return re.sub(r"  +", " ", s).replace(" .", ".")


def _typo(rng: random.Random, s: str) -> str:
    words = s.split(" ")
    out: list[str] = []
    for word in words:
        w = word
        if len(w) >= 5 and w.isalpha() and w.islower() and rng.random() < 0.18:
            i = rng.randrange(1, len(w) - 2)
            op = rng.choice(("swap", "drop", "double"))
            if op == "swap":
                w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            elif op == "drop":
                w = w[:i] + w[i + 1 :]
            else:
                w = w[:i] + w[i] + w[i:]
        out.append(w)
    return " ".join(out)


def render(rng: random.Random, note: Note) -> dict[str, object]:
    """Apply the note's style and return its JSON record with spans."""
    text = ""
    spans: list[dict[str, object]] = []
    segs = list(note.segs)
    for idx, seg in enumerate(segs):
        s = seg.text
        if seg.meta is None:
            if note.style == "terse":
                s = _terse(s)
            elif note.style == "typos":
                s = _typo(rng, s)
            elif note.style == "runon":
                s = s.replace(". ", ", ").replace(".", "" if idx + 1 < len(segs) else ".")
                s = s[:1].lower() + s[1:] if idx else s
            if note.style == "lower":
                s = s.lower()
        elif note.style == "lower":
            s = s.lower()
        if seg.meta is not None:
            rec: dict[str, object] = {"start": len(text), "end": len(text) + len(s), **seg.meta}
            spans.append(rec)
        text += s
    # tidy doubled spaces left by shorthand, keeping spans in step
    out = ""
    shift: list[int] = []
    removed = 0
    for ch in text:
        shift.append(removed)
        if ch == " " and (out.endswith(" ") or not out):
            removed += 1
            continue
        out += ch
    shift.append(removed)
    for rec in spans:
        a, b = int(str(rec["start"])), int(str(rec["end"]))
        rec["start"], rec["end"] = a - shift[a], b - shift[b]
    return {
        "text": out,
        "clean": not spans,
        "spans": spans,
        "voice": note.voice,
        "style": note.style,
        "template": note.template,
    }


# ------------------------------------------------------------------------------------------------
# Identifier makers: (rng) -> (text, extra meta)


def _d(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _nz(rng: random.Random, n: int) -> str:
    return rng.choice("123456789") + _d(rng, n - 1)


class Pools:
    """Names for one part, by origin."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.first: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for origin in ORIGINS:
            f, s = names(origin)
            self.first[origin] = _pick(f, "first", part)
            self.last[origin] = _pick(s, "last", part)
        # a roster of unit staff, drawn from the part's names
        rng = random.Random(f"{SEED}-roster-{part}")
        self.roster: list[tuple[str, str]] = []
        for origin in rng.sample(list(ORIGINS), 10):
            self.roster.append(
                (origin, f"{rng.choice(self.first[origin])} {rng.choice(self.last[origin])}")
            )


def _login(first: str, last: str, rng: random.Random) -> str:
    f = re.sub(r"[^a-z]", "", _fold(first).lower()) or "x"
    s = re.sub(r"[^a-z]", "", _fold(last).lower()) or "y"
    return rng.choice([f"{f}.{s}", f"{f[0]}{s}", f"{s}{f[0]}", f"{f}{_d(rng, 2)}", f"{f}_{s}"])


def _fold(s: str) -> str:
    import unicodedata

    table = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "Đ": "D"})
    s = s.translate(table)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


DOMAINS = [
    "gmail.com",
    "nhs.net",
    "hotmail.co.uk",
    "yahoo.com",
    "outlook.com",
    "icloud.com",
    "trust.nhs.uk",
    "protonmail.com",
    "btinternet.com",
    "live.co.uk",
    "aol.com",
]


def email(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    o = rng.choice(ORIGINS)
    login = _login(rng.choice(p.first[o]), rng.choice(p.last[o]), rng)
    dom = rng.choice(DOMAINS)
    name, _, tld = dom.partition(".")
    v = rng.choice(["plain", "plain", "at_dot", "paren", "comma", "no_tld", "caps", "spaced"])
    if v == "plain":
        s = f"{login}@{dom}"
    elif v == "at_dot":
        s = f"{login} at {name} dot {tld.replace('.', ' dot ')}"
    elif v == "paren":
        s = f"{login}(at){name}(dot){tld.replace('.', '(dot)')}"
    elif v == "comma":
        s = f"{login}@{name},{tld.replace('.', ',')}"
    elif v == "no_tld":
        s = f"{login}@{name}"
    elif v == "caps":
        s = f"{login.upper()}@{dom.upper()}"
    else:
        s = f"{login} @ {dom}"
    return s, {"variant": v}


def phone(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(["uk_mobile", "uk_land", "us", "intl", "ext", "bleep", "dots", "words"])
    if v == "uk_mobile":
        s = rng.choice(
            [f"07{_d(rng, 3)} {_d(rng, 6)}", f"07{_d(rng, 9)}", f"+44 7{_d(rng, 3)} {_d(rng, 6)}"]
        )
    elif v == "uk_land":
        s = rng.choice(
            [
                f"020 {_d(rng, 4)} {_d(rng, 4)}",
                f"0161-{_d(rng, 3)}-{_d(rng, 4)}",
                f"(0113) {_d(rng, 3)} {_d(rng, 4)}",
            ]
        )
    elif v == "us":
        s = rng.choice(
            [
                f"({_nz(rng, 3)}) {_nz(rng, 3)}-{_d(rng, 4)}",
                f"{_nz(rng, 3)}-{_nz(rng, 3)}-{_d(rng, 4)}",
                f"1-800-{_nz(rng, 3)}-{_d(rng, 4)}",
            ]
        )
    elif v == "intl":
        s = rng.choice(
            [
                f"+234 {_nz(rng, 3)} {_d(rng, 3)} {_d(rng, 4)}",
                f"+48 {_nz(rng, 3)} {_d(rng, 3)} {_d(rng, 3)}",
                f"+63 9{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 4)}",
                f"+82 10-{_d(rng, 4)}-{_d(rng, 4)}",
            ]
        )
    elif v == "ext":
        s = rng.choice([f"ext {_nz(rng, 4)}", f"x{_nz(rng, 4)}", f"extn. {_nz(rng, 5)}"])
    elif v == "bleep":
        s = rng.choice([f"bleep {_nz(rng, 4)}", f"pager {_nz(rng, 4)}", f"bleep no {_nz(rng, 4)}"])
    elif v == "dots":
        s = f"{_nz(rng, 3)}.{_nz(rng, 3)}.{_d(rng, 4)}"
    else:
        words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        s = " ".join(words[int(c)] for c in "07" + _d(rng, 9))
    return s, {"variant": v}


def url(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    o = rng.choice(ORIGINS)
    slug = re.sub(r"[^a-z]", "", _fold(rng.choice(p.last[o])).lower()) or "page"
    v = rng.choice(["https", "www", "bare", "short", "social"])
    if v == "https":
        s = f"https://www.gofundme.com/f/{slug}-family"
    elif v == "www":
        s = f"www.{slug}memorial.org"
    elif v == "bare":
        s = f"{slug}-funeral.co.uk"
    elif v == "short":
        s = f"bit.ly/{slug[:4]}{_d(rng, 3)}"
    else:
        s = f"facebook.com/{slug}.{_d(rng, 2)}"
    return s, {"variant": v}


def mrn(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(["labelled", "hosp_no", "nhs", "bare", "hash"])
    if v == "labelled":
        s = rng.choice([f"MRN {_nz(rng, 7)}", f"MRN: {_nz(rng, 8)}", f"mrn {_nz(rng, 7)}"])
    elif v == "hosp_no":
        s = rng.choice(
            [f"hosp no. K{_d(rng, 6)}", f"hospital number {_nz(rng, 7)}", f"unit no {_nz(rng, 6)}"]
        )
    elif v == "nhs":
        s = f"NHS no {_nz(rng, 3)} {_d(rng, 3)} {_d(rng, 4)}"
    elif v == "bare":
        s = f"RX{_d(rng, 7)}"
    else:
        s = f"#{_nz(rng, 6)}"
    return s, {"variant": v}


def ssn(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(["dashes", "spaces", "dots", "labelled", "ni"])
    a, b, c = _nz(rng, 3), _nz(rng, 2), _nz(rng, 4)
    if v == "dashes":
        s = f"{a}-{b}-{c}"
    elif v == "spaces":
        s = f"{a} {b} {c}"
    elif v == "dots":
        s = f"{a}.{b}.{c}"
    elif v == "labelled":
        s = f"SSN {a}{b}{c}"
    else:
        prefix = rng.choice(["AB", "JT", "NP", "KL", "WR"])
        s = f"{prefix} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {rng.choice('ABCD')}"
    return s, {"variant": v}


def long_number(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(["digits", "grouped", "spoken"])
    if v == "digits":
        s = _nz(rng, rng.randint(8, 12))
    elif v == "grouped":
        s = f"{_nz(rng, 4)} {_d(rng, 4)} {_d(rng, 4)}"
    else:
        words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        s = " ".join(rng.choice(words) for _ in range(8))
    return s, {"variant": v}


NUM_WORDS = [
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "fourteen", "fifteen", "sixteen", "twenty"),
]


def id_label(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(
        [
            "bed",
            "bed_word",
            "bed_abbr",
            "room",
            "cot",
            "trolley",
            "stretcher",
            "bay_bed",
            "side_room",
            "dob",
        ]
    )
    n = str(rng.randint(1, 32))
    if v == "bed":
        s = rng.choice([f"bed {n}", f"Bed {n}", f"bed: {n}", f"bed #{n}", f"bed {n}B"])
    elif v == "bed_word":
        s = f"bed {rng.choice(NUM_WORDS)}"
    elif v == "bed_abbr":
        s = rng.choice([f"bd {n}", f"b{n}", f"bd{n}"])
    elif v == "room":
        s = rng.choice([f"room {n}", f"rm {n}", f"Rm. {n}", f"room {rng.choice(NUM_WORDS)}"])
    elif v == "cot":
        s = rng.choice([f"cot {n}", f"cot {rng.choice(NUM_WORDS)}", f"incubator {n}"])
    elif v == "trolley":
        s = rng.choice([f"trolley {n}", f"trolly {n}", f"trolley: {n}"])
    elif v == "stretcher":
        s = rng.choice([f"stretcher {n}", f"cubicle {n}", f"majors {n}"])
    elif v == "bay_bed":
        s = rng.choice([f"bay {rng.randint(1, 6)} bed {n}", f"B{rng.randint(1, 6)}/{n}"])
    elif v == "side_room":
        s = rng.choice([f"side room {n}", f"SR{n}", f"side rm {n}"])
    else:
        s = rng.choice(["DOB", "d.o.b.", "date of birth", "D.O.B"])
    return s, {"variant": v}


MONTHS = [
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
]
ORD = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    7: "seventh",
    8: "eighth",
    10: "tenth",
    12: "twelfth",
    14: "fourteenth",
    20: "twentieth",
    21: "twenty-first",
    23: "twenty-third",
    30: "thirtieth",
}


def _sfx(d: int) -> str:
    return "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def date(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(
        ["numeric", "iso", "words", "words_lower", "ordinal_words", "month_day", "short"]
    )
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1930, 2026)
    mon = MONTHS[m - 1]
    if v == "numeric":
        s = rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{str(y)[2:]}", f"{d}.{m}.{y}"])
    elif v == "iso":
        s = f"{y}-{m:02d}-{d:02d}"
    elif v == "words":
        s = rng.choice([f"{d} {mon} {y}", f"{mon} {d}, {y}", f"{d}{_sfx(d)} {mon}"])
    elif v == "words_lower":
        s = rng.choice(
            [
                f"{d}{_sfx(d)} {mon.lower()}",
                f"{mon.lower()} {d}{_sfx(d)}",
                f"{d} {mon[:3].lower()} {y}",
            ]
        )
    elif v == "ordinal_words":
        dd = rng.choice(list(ORD))
        s = rng.choice([f"the {ORD[dd]} of {mon}", f"{ORD[dd]} of {mon.lower()}"])
    elif v == "month_day":
        s = f"{mon[:3]} {d}{_sfx(d)}"
    else:
        s = f"{d}-{mon[:3]}-{str(y)[2:]}"
    return s, {"variant": v}


AGE_WORDS = [
    "ninety",
    "ninety-one",
    "ninety-two",
    "ninety three",
    "ninety-four",
    "ninety-six",
    "ninety-eight",
    "a hundred",
    "one hundred and one",
    "one hundred",
]


def age_over_89(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(["yo", "mf_after", "mf_before", "words", "aged", "birthday", "yr_old"])
    a = rng.randint(90, 104)
    sx = rng.choice("MF")
    if v == "yo":
        s = rng.choice([f"{a}yo", f"{a} y/o", f"{a} yrs"])
    elif v == "mf_after":
        s = rng.choice([f"{a}{sx}", f"{a}{sx.lower()}", f"{a} {sx}"])
    elif v == "mf_before":
        s = rng.choice([f"{sx}/{a}", f"{sx}{a}", f"{sx.lower()}/{a}"])
    elif v == "words":
        s = rng.choice(
            [
                f"{rng.choice(AGE_WORDS)} year old",
                f"{rng.choice(AGE_WORDS)}-year-old",
                f"aged {rng.choice(AGE_WORDS)}",
            ]
        )
    elif v == "aged":
        s = rng.choice([f"aged {a}", f"age {a}", f"age: {a}"])
    elif v == "birthday":
        s = f"{a}th birthday"
    else:
        s = f"{a} year old"
    return s, {"variant": v}


STREETS = [
    "Elm",
    "Station",
    "Victoria",
    "Church",
    "Mill",
    "Park",
    "Kings",
    "Queens",
    "Albert",
    "Orchard",
    "Willow",
    "Chestnut",
    "Beacon",
    "Meadow",
    "Harbour",
    "Cedar",
    "Maple",
]
SUFFIX = [
    "Street",
    "St",
    "Road",
    "Rd",
    "Avenue",
    "Ave",
    "Lane",
    "Close",
    "Crescent",
    "Drive",
    "Way",
    "Gardens",
    "Terrace",
    "Grove",
]


def address(rng: random.Random, p: Pools) -> tuple[str, dict[str, str]]:
    v = rng.choice(["house_no", "no_number", "lower", "postcode", "zip", "flat", "po_box"])
    st, sf = rng.choice(STREETS), rng.choice(SUFFIX)
    if v == "house_no":
        s = f"{rng.randint(1, 240)} {st} {sf}"
    elif v == "no_number":
        s = f"{st} {sf}"
    elif v == "lower":
        s = rng.choice(
            [f"{rng.randint(1, 99)} {st.lower()} {sf.lower()}", f"{st.lower()} {sf.lower()}"]
        )
    elif v == "postcode":
        s = rng.choice(
            [
                f"SW1A {rng.randint(1, 9)}AA",
                f"M{rng.randint(1, 40)} {rng.randint(1, 9)}QT",
                f"LS{rng.randint(1, 28)} {rng.randint(1, 9)}JX",
                f"b{rng.randint(1, 40)} {rng.randint(1, 9)}tt",
            ]
        )
    elif v == "zip":
        s = rng.choice(
            [f"ZIP {_nz(rng, 5)}", f"zip code {_nz(rng, 5)}", f"{_nz(rng, 5)}-{_d(rng, 4)}"]
        )
    elif v == "flat":
        s = rng.choice(
            [
                f"Flat {rng.randint(1, 60)}",
                f"apt {rng.randint(1, 60)}B",
                f"Unit {rng.randint(1, 60)}, {st} {sf}",
            ]
        )
    else:
        s = f"PO Box {_nz(rng, 4)}"
    return s, {"variant": v}


MAKERS: dict[str, Callable[[random.Random, Pools], tuple[str, dict[str, str]]]] = {
    "email": email,
    "phone": phone,
    "url": url,
    "mrn": mrn,
    "ssn": ssn,
    "long_number": long_number,
    "id_label": id_label,
    "date": date,
    "age_over_89": age_over_89,
    "address": address,
}

# How each kind sits in a sentence; {X} is the identifier. Kind -> list of (id, template).
KIND_TEMPLATES: dict[str, list[str]] = {
    "email": [
        "Wants me to email her at {X} with the leaflet.",
        "Gave me her personal email {X} to send the info.",
        "family asked us to write to {X}",
        "Said to contact the widow on {X}.",
        "pls send notes to {X} ta",
        "her email is {X} if we need it",
        "He shared {X} so I can forward the OH referral.",
        "reply to {X} re the debrief",
    ],
    "phone": [
        "Asked me to ring her on {X} tomorrow.",
        "Family number is {X}.",
        "can be reached on {X} after 6",
        "Left a message for him on {X}.",
        "call back {X}",
        "His mobile {X}, prefers texts.",
        "She gave {X} as the best number.",
        "Manager can be paged, {X}.",
    ],
    "url": [
        "Family set up a fundraiser at {X}.",
        "Mentioned the post on {X}.",
        "she shared {X} w the team",
        "Story is up on {X} already, upsetting.",
        "The video is at {X}.",
    ],
    "mrn": [
        "Asked about the case, {X}.",
        "Still thinking about the pt with {X}.",
        "The Datix lists {X}.",
        "chart {X} flagged for review",
        "Reviewed the notes of {X} together.",
    ],
    "ssn": [
        "Form showed {X} on the front.",
        "wrote the SSN {X} on the wrong form",
        "She read out {X} at the desk by mistake.",
        "the letter had {X} visible",
        "NI number {X} in the email chain.",
    ],
    "long_number": [
        "Reference {X} from the incident.",
        "The crime ref is {X}.",
        "gave the locker code {X}",
        "Claim number {X} still pending.",
        "Quoted {X} to the complaints team.",
    ],
    "id_label": [
        "The patient in {X} died overnight.",
        "pt in {X} deteriorated fast",
        "Kept thinking about {X}.",
        "Crash call to {X} at 2am.",
        "He found the man on {X} unresponsive.",
        "Family of the lady in {X} complained.",
        "Wrote the {X} on the handover sheet.",
        "Checked the {X} against the wristband.",
    ],
    "date": [
        "Inquest is on {X}.",
        "The incident happened {X}.",
        "pt died on {X}",
        "Since {X} she has not slept.",
        "Hearing set for {X}, dreading it.",
        "Baby was born {X}.",
        "back at work from {X}",
    ],
    "age_over_89": [
        "The {X} lady fell in the bay.",
        "pt {X} with a hip #, died post-op",
        "Lost a {X} patient on nights.",
        "Man was {X} and frail.",
        "Resus on a {X}, felt wrong.",
        "The patient, {X}, had a DNACPR.",
    ],
    "address": [
        "Patient lived at {X}.",
        "The crash was on {X}.",
        "Went to the house on {X} to drop off the card.",
        "family home {X}",
        "She lives near {X} too, worried about bumping into them.",
        "Forwarding address {X}.",
    ],
}

# Name positions; {N} is the name as rendered in its form.
NAME_TEMPLATES = [
    "Spoke with {N} after the arrest.",
    "{N} was in tears at handover.",
    "{N} feels blamed for the fall.",
    "Met {N} in the staff room.",
    "pt {N} died overnight, staff upset",
    "The family of {N} complained about the care.",
    "Covering for {N} on nights again.",
    "rota clash w {N} again",
    "Buddy {N} sat in with us.",
    "{N} wants the family told first.",
    "Had a coffee w {N} after the shift.",
    "Asked {N} how she is coping.",
    "{N} upset about the rota",
    "Worried about {N}, not eating.",
    "The consultant shouted at {N} on the round.",
    "Told {N} to take a break.",
    "{N} says the ward is unsafe.",
    "Checked in on {N} by phone.",
    "{N} and I talked it through.",
    "Saw {N} again today, a bit better.",
    "Complaint from the son of {N}.",
    "It was {N} who found him.",
    "Wife of {N} rang the ward.",
    "thanks to {N} for the cover",
]
ROLES = [
    "the charge nurse",
    "the ward manager",
    "the F1",
    "the porter",
    "the night sister",
    "the HCA",
    "the pharmacist",
    "the reg",
    "the matron",
    "the student nurse",
]
DEPTS = [
    "pharmacy",
    "ICU",
    "ED",
    "theatres",
    "radiology",
    "the lab",
    "estates",
    "ward 4",
    "NICU",
    "maternity",
    "physio",
    "IT",
]
TITLES = ["Dr", "Dr.", "Mrs", "Mr", "Ms", "Nurse", "Sister", "Prof", "Miss", "dr"]
FORMS = (
    "full",
    "first_only",
    "surname_only",
    "nickname",
    "initials",
    "lowercase",
    "hyphenated",
    "with_title",
    "in_brackets",
    "apposition_dept",
    "apposition_role",
)
DIMINUTIVES = {
    "Robert": "Bob",
    "Elizabeth": "Liz",
    "James": "Jim",
    "Margaret": "Maggie",
    "William": "Bill",
    "Katherine": "Kate",
    "Michael": "Mike",
    "Jennifer": "Jen",
}


def name_phrase(rng: random.Random, p: Pools, origin: str, form: str) -> list[Seg]:
    """Segments for one person name in a form (the span is the name, not the title or role)."""
    f = rng.choice(p.first[origin])
    s = rng.choice(p.last[origin])
    meta = {"kind": "person_name", "origin": origin, "form": form}
    if form == "full":
        return [Seg(f"{f} {s}", meta)]
    if form == "first_only":
        return [Seg(f, meta)]
    if form == "surname_only":
        return [Seg(s, meta)]
    if form == "nickname":
        if f in DIMINUTIVES:
            return [Seg(DIMINUTIVES[f], meta)]
        core = re.split(r"[- .]", f)[0]
        short = core[: max(3, min(len(core) - 1, rng.choice((3, 4))))]
        if len(core) <= 3:
            short = core
        return [
            Seg(
                short + rng.choice(("", "", "ie", "y")) if short.lower() != core.lower() else core,
                meta,
            )
        ]
    if form == "initials":
        a, b = _fold(f)[0].upper(), _fold(s)[0].upper()
        text = rng.choice([f"{a}.{b}.", f"{a}{b}", f"{a}.{b}", f"{a}. {b}."])
        prefix = rng.choice(["pt ", "RN ", "Dr ", "HCA ", "patient ", "Mr ", "SN "])
        return [Seg(prefix), Seg(text, meta)]
    if form == "lowercase":
        return [Seg(rng.choice([f"{f} {s}", f, s]).lower(), meta)]
    if form == "hyphenated":
        f2 = rng.choice(p.first[origin])
        if "-" in f:
            return [Seg(f"{f} {s}", meta)]
        return [
            Seg(
                rng.choice([f"{f}-{f2}", f"{f}-{f2} {s}", f"{f} {s}-{rng.choice(p.last[origin])}"]),
                meta,
            )
        ]
    if form == "with_title":
        t = rng.choice(TITLES)
        return [
            Seg(t + " "),
            Seg(rng.choice([s, f"{f} {s}", f]) if t != "Nurse" else rng.choice([f, s]), meta),
        ]
    if form == "in_brackets":
        o, c = rng.choice([("(", ")"), ("[", "]"), ("(", ")")])
        return [Seg(o), Seg(rng.choice([f, f"{f} {s}", s]), meta), Seg(c)]
    if form == "apposition_dept":
        return [Seg(rng.choice([f, f"{f} {s}"]), meta), Seg(f" from {rng.choice(DEPTS)}")]
    # apposition_role
    return [Seg(rng.choice([f, f"{f} {s}", s]), meta), Seg(f", {rng.choice(ROLES)},")]


# ------------------------------------------------------------------------------------------------
# Clean notes: context plus false-flag traps

TRAPS: dict[str, list[str]] = {
    "eponym_score": [
        "Glasgow coma scale was 14 on arrival.",
        "GCS dropped to 8 quickly.",
        "Apgar 3 at one minute, baby to NICU.",
        "Braden score low, pressure area care discussed.",
        "Waterlow 18, feels she missed the sore.",
        "Wells score was high but the scan got delayed.",
        "CURB-65 of 3 and still sent home, she feels awful.",
        "Patient had advanced Parkinson's disease.",
        "Long history of Crohn's, complex surgery.",
        "Alzheimer's dementia, very agitated at night.",
        "Suspected Guillain-Barre, moved to ITU.",
        "Foley catheter was not on the chart.",
        "Had to do the Heimlich manoeuvre in the canteen.",
        "Put the bed in Trendelenburg and called for help.",
        "Hodgkin lymphoma relapse, young patient.",
        "Whipple procedure went on for ten hours.",
        "Hartmann's procedure overnight, patient unstable.",
        "Cushing's reflex noted too late.",
        "Addisonian crisis missed in ED.",
        "Bishop score came up at the debrief.",
        "NEWS2 of 7 not escalated.",
        "Rockall score discussed at M&M.",
        "Clinical Frailty Scale 7, DNACPR in place.",
        "MUST screening not done on admission.",
        "Korotkoff sounds hard to hear, BP missed.",
        "Apley test and Lachman on the ortho round.",
    ],
    "drug_after_and": [
        "Was on Eliquis and Lasix at home.",
        "Given Oramorph and Buscopan for comfort.",
        "Written up for Tramadol and Ondansetron.",
        "Started on Tazocin and Gentamicin.",
        "Mix-up between Novorapid and Lantus.",
        "Prescribed Clexane and Omeprazole.",
        "Swapped Amlodipine and Ramipril on the chart.",
        "Paracetamol and Ibuprofen, nothing stronger.",
        "on Warfarin and Digoxin, INR high",
        "Gave Midazolam and Haloperidol for agitation.",
        "Needed Naloxone and Flumazenil in recovery.",
        "Confused Zopiclone and Zolpidem.",
    ],
    "role_after_nurse": [
        "Nurse Practitioner led the debrief.",
        "Nurse Specialist for palliative care came.",
        "Nurse in Charge was off sick.",
        "Nurse Consultant on the call.",
        "Nurse Educator arranged sim training.",
        "Nurse Associate felt out of depth.",
        "Spoke to the Nurse Lead for wellbeing.",
        "Sister on the ward was supportive.",
        "Staff Nurse Band 5, two years qualified.",
        "Charge Nurse covered the breaks.",
        "Nurse Manager rang later.",
    ],
    "colour_code": [
        "Code blue called twice on nights.",
        "Code Red in the car park, fire alarm.",
        "code black lockdown in ED",
        "Major incident, Code Amber declared.",
        "Code Pink alert on maternity, baby found safe.",
        "Code Grey for the aggressive visitor.",
    ],
    "hospital_place": [
        "Moved from Rainbow Ward to Oak Ward.",
        "Nightingale Wing was packed.",
        "Sat in the Maple Suite for a while.",
        "Took the patient to Jubilee Theatre.",
        "Chapel was quiet, helped her settle.",
        "Went to the Serenity Room after.",
        "The Robin Unit is short of staff.",
        "Family waited in the Willow Room.",
        "Outpatients in the Lister Building.",
        "Harbour Ward had two deaths this week.",
        "Met in the Sunflower Room on level 3.",
        "Sent down to Cedar Ward.",
    ],
    "shop": [
        "Bought her a coffee in Costa.",
        "Grabbed a sandwich from Greggs.",
        "Met at Starbucks by the main entrance.",
        "Went to Pret for lunch together.",
        "Popped to WHSmith for a card.",
        "Marks and Spencer in the foyer was closed.",
        "Got flowers from Tesco for the team.",
        "Boots pharmacy downstairs had it.",
        "Chat over Subway in the park.",
        "Waitrose vouchers from the charity.",
    ],
    "religious": [
        "Fasting for Ramadan, exhausted on long days.",
        "Off for Eid next week.",
        "Worked through Diwali, missed family.",
        "Passover with family helped.",
        "Gave up chocolate for Lent, laughed about it.",
        "Easter weekend on nights.",
        "Yom Kippur clash with the rota.",
        "Hanukkah candles at home helped her.",
        "Vaisakhi celebrations cancelled for the shift.",
        "Christmas Day shift, patient died.",
        "Keeps Shabbat, struggles with Friday nights.",
        "Chaplain offered a prayer.",
    ],
    "org_tool": [
        "Signposted to Schwartz Rounds.",
        "Uses the TRiM pathway.",
        "Logged it on Datix.",
        "Referred to Occupational Health.",
        "Freedom to Speak Up Guardian mentioned.",
        "Spoke to PALS about the complaint.",
        "NMC referral fear.",
        "GMC letter arrived.",
        "BMA helpline number given.",
        "RCN rep involved.",
        "Meeting on Teams tomorrow.",
        "WhatsApp group for the ward is toxic.",
        "Went to parkrun on Saturday.",
        "Spoke to Unison about the hearing.",
        "Samaritans number given.",
        "Mind leaflets shared.",
    ],
    "word_names_in_use": [
        "Will check in next week.",
        "Hope so, she said.",
        "Grace period for the course.",
        "The joy has gone out of the job.",
        "Frank discussion about the rota.",
        "Mark on the chart was missed.",
        "Faith in the team shaken.",
        "Patience wearing thin.",
        "Bill for parking adds to the stress.",
        "Rose to the occasion in the end.",
        "Summer leave cancelled.",
        "Young colleague, first post.",
        "Felt like a lamb to slaughter.",
        "Drew a blank at the inquiry.",
        "Guy on the bus made it worse.",
        "Sunny day helped.",
        "Holly wreath on the nurses station.",
        "Best thing was a hug.",
        "Long day, short break.",
        "May go part time.",
        "Chase the bloods was all she heard.",
        "Amber warning on the ward board.",
    ],
    "days_numbers": [
        "Back on Monday.",
        "Seen Tues and Thurs.",
        "Pain 7/10 all shift.",
        "Sleep 4/10.",
        "Working 0700-1930 three days in a row.",
        "2 units of blood given.",
        "24/7 on call feeling.",
        "x3 long days.",
        "Ward 7 short staffed.",
        "Theatre 3 ran late.",
        "Level 2 cafe.",
        "Took 20 mins out.",
        "Band 6 interview next month.",
        "Year 2 student.",
        "In March she starts.",
        "Shift ended at 8pm.",
        "The bay was noisy.",
        "had 1:1 with him",
        "Page 3 of the policy.",
    ],
    "places_countries": [
        "Going home to Nigeria for a month.",
        "Family in the Philippines worried.",
        "Trained in India, new to the NHS.",
        "Holiday in Spain cancelled.",
        "From Poland, misses home.",
        "Flew in from Korea last year.",
        "Mum in Ghana is unwell.",
        "Moved from Ireland to work here.",
    ],
}
TRAP_KINDS = tuple(TRAPS)


# ------------------------------------------------------------------------------------------------
# Assembly


def _voice_ctx(rng: random.Random, voice: str, n: int, part: str) -> list[str]:
    own = _pick(VOICES[voice], f"voice-{voice}", part)
    sup = _pick(VOICES["supporter"], "voice-supporter", part)
    out = rng.sample(own, min(n, len(own)))
    if rng.random() < 0.7:
        out.append(rng.choice(sup))
    return out


def _fit(rng: random.Random, note: Note, limit: int = 280) -> bool:
    return len(render(random.Random(0), note)["text"]) <= limit  # type: ignore[arg-type]


def build(part: str) -> list[dict[str, object]]:
    rng = random.Random(f"{SEED}-{part}")
    pools = Pools(part)
    notes: list[dict[str, object]] = []
    name_tpls = _pick(NAME_TEMPLATES, "name-template", part)
    kind_tpls = {k: _pick(v, f"template-{k}", part) for k, v in KIND_TEMPLATES.items()}
    traps = {k: _pick(v, f"trap-{k}", part) for k, v in TRAPS.items()}
    # the same recipe for both parts: they differ by what the hash put in them, not by size
    n_name, n_kind, n_roster, n_clean = 1200, 90, 80, 900

    def finish(note: Note) -> None:
        for _ in range(5):
            rec = render(rng, note)
            if len(str(rec["text"])) <= 280:
                notes.append(rec)
                return
            # drop a context sentence and retry
            ctx_idx = [i for i, s in enumerate(note.segs) if s.meta is None and len(s.text) > 20]
            if not ctx_idx:
                return
            del note.segs[ctx_idx[0]]

    def framed(voice: str, style: str, tid: str, body: list[Seg]) -> Note:
        note = Note(voice=voice, style=style, template=tid)
        ctx = _voice_ctx(rng, voice, rng.randint(1, 2), part)
        where = rng.randint(0, len(ctx))
        for i, c in enumerate(ctx):
            if i == where:
                note.segs.extend(body)
                note.ctx(" ")
            note.ctx(c + (" " if i + 1 < len(ctx) or where == len(ctx) else ""))
        if where == len(ctx):
            note.segs.extend(body)
        return note

    # person names: every origin x form, evenly
    combos = [(o, f) for o in ORIGINS for f in FORMS]
    for i in range(n_name):
        origin, form = combos[i % len(combos)]
        tpl = rng.choice(name_tpls)
        voice, style = rng.choice(VOICE_NAMES), rng.choice(STYLES)
        if form == "lowercase":
            style = rng.choice(("plain", "lower", "terse"))
        body: list[Seg] = []
        head, _, tail = tpl.partition("{N}")
        body.append(Seg(head))
        body.extend(name_phrase(rng, pools, origin, form))
        body.append(Seg(tail))
        finish(framed(voice, style, f"name:{NAME_TEMPLATES.index(tpl)}", body))

    # roster names (the guard is given the part's roster)
    for _ in range(n_roster):
        origin, full = rng.choice(pools.roster)
        tpl = rng.choice(name_tpls)
        head, _, tail = tpl.partition("{N}")
        shown = rng.choice([full, full.split(" ")[0], full.split(" ")[-1], full.lower()])
        meta = {"kind": "roster_name", "origin": origin, "form": "roster"}
        body = [Seg(head), Seg(shown, meta), Seg(tail)]
        finish(
            framed(
                rng.choice(VOICE_NAMES),
                rng.choice(STYLES),
                f"roster:{NAME_TEMPLATES.index(tpl)}",
                body,
            )
        )

    # the other kinds
    for kind, maker in MAKERS.items():
        for _ in range(n_kind):
            tpl = rng.choice(kind_tpls[kind])
            text, extra = maker(rng, pools)
            head, _, tail = tpl.partition("{X}")
            body = [Seg(head), Seg(text, {"kind": kind, **extra}), Seg(tail)]
            style = rng.choice(STYLES)
            finish(
                framed(
                    rng.choice(VOICE_NAMES),
                    style,
                    f"{kind}:{KIND_TEMPLATES[kind].index(tpl)}",
                    body,
                )
            )

    # clean notes, each with one or two traps
    for i in range(n_clean):
        trap_kind = TRAP_KINDS[i % len(TRAP_KINDS)]
        body = [Seg(rng.choice(traps[trap_kind]))]
        if rng.random() < 0.35:
            other = rng.choice(TRAP_KINDS)
            body += [Seg(" "), Seg(rng.choice(traps[other]))]
        voice, style = rng.choice(VOICE_NAMES), rng.choice(STYLES)
        note = framed(voice, style, f"clean:{trap_kind}", body)
        before = len(notes)
        finish(note)
        if len(notes) > before:
            notes[-1]["trap"] = trap_kind
    rng.shuffle(notes)
    return notes


def roster_of(part: str) -> list[str]:
    return [full for _, full in Pools(part).roster]


def write(out_dir: Path) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for part in PARTS:
        notes = build(part)
        path = out_dir / f"guard_eval_v2_{part}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            meta = {
                "meta": {
                    "part": part,
                    "seed": SEED,
                    "split_salt": SPLIT_SALT,
                    "roster": roster_of(part),
                    "generator": "scripts/guard_eval_corpus.py",
                }
            }
            fh.write(json.dumps(meta, ensure_ascii=False) + "\n")
            for rec in notes:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        paths[part] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "data")
    args = ap.parse_args(argv)
    for part, path in write(args.out).items():
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        recs = [json.loads(x) for x in lines]
        ident = sum(1 for r in recs if not r["clean"])
        print(f"{part}: {path} — {ident} identifying notes, {len(recs) - ident} clean notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
