#!/usr/bin/env python3
"""Synthetic evaluation of the identifier guard: recall per kind and the clean-note flag rate.

    python scripts/guard_eval_v1.py [--seed N] [--slice tune|heldout] [--json] [--show-errors]
                                 [--write FILE] [--file FILE] [--check]

Generates, from a seed, notes with seeded identifiers of every kind (their expected kinds and
spans recorded) and clean notes in the style a peer supporter writes, runs `svdesk.unit.guard` on
them and prints the figures. Templates and vocabularies are written here, separately from the
guard's own lists. Names come from two disjoint rank slices of the 1990 US Census name files
(every 4th
rank: common names drawn by frequency, rare ones from beyond the guard's bundled lists at their
share of the population) plus international names written here. The `tune` slice (the default)
was used while tuning the guard; the `heldout` slice, its own international and word-like names,
and seed 20261128 were used only to write tests/data/guard_eval_heldout.jsonl, measured once.

Recall: an expected identifier counts as found when a finding of the same kind overlaps its span
(for blocking kinds: any blocking finding). A clean note counts as flagged if it has any finding.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from svdesk.unit.guard import BLOCKING, KINDS, IdentifierGuard

TARGETS = {"blocking": 0.98, "person_name": 0.90, "warn": 0.85, "clean_flagged_max": 0.05}
HELDOUT_SEED = 20261128


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# --- name slices (1990 US Census, public domain; disjoint rank slices) ------------------------
TUNE_HEAD_FIRST = _split(
    "Aaron Abbie Agnes Alexis Alfred Alfredo Alton Alvin Andre Angel Angela Anna Anne Annie "
    "Arnoldo Beatriz Beverly Billy Bonita Carlos Carolynn Carrie Chad Cherie Cindy Clarence "
    "Dale Danny Darlene Dawn Debbie Deborah Donna Douglas Dyan Edith Edna Effie Elizabeth "
    "Eric Erica Evelyn Everett Fay Flora Francis Francisco Freeman Geraldine Gerry Gina Glenn "
    "Gregory Heather Hector Heidi Homer Iris Isabel Jack James Jamie Jane Janet Javier Jenna "
    "Jennie Jesse Jessenia Jesus Joel Johnnie Johnny Jon Joseph Josephine Joyce Judy Karen "
    "Katherine Katie Kenneth Keri Krystal Larry Lee Leona Lidia Lillie Lindsey Loretta Lottie "
    "Lovie Lucas Lucille Luisa Luther Mae Maggie Mara Marc Margaret Marissa Mary Maryann "
    "Mathew Matthew Mavis Mercedes Michelle Mike Mimi Nanette Nichole Norman Pamela Paul "
    "Pauline Pedro Peggy Phyllis Rhonda Rick Riley Roderick Rodger Ronald Rose Roy Ryan "
    "Scotty Serina Sherri Shonda Sofia Stefanie Stephanie Sue Suzanne Tamara Teressa Terry "
    "Terry Valerie Violet Walter William Willie Zachary Zella "
)

TUNE_TAIL_FIRST = _split(
    "Antonetta Argelia Ariane Asley Brittanie Cassy Colby Colene Collene Deon Donnette Dulcie "
    "Georgianne Jeremy Leontine Natisha Paz Rheba Sana Sanda Sena Shandi Shaunta Taisha "
    "Terrilyn Tommye Twanna Ula Ulrike Valeri "
)

TUNE_HEAD_LAST = _split(
    "Akers Alaniz Ashley Ayers Bacon Baker Batey Batty Becker Bice Black Bridge Brooks Brown "
    "Bruce Burkhalter Cannon Carlson Carpenter Carr Chapman Chappell Childs Cleaver Clough "
    "Conner Corona Crandell Crigger Criner Cross Curry Dale David Decker Depriest Dillon "
    "Duffy Duncan Edwards Espinoza Farr Fay Fisher Fletcher Flores Foster Garica Gilbert "
    "Godfrey Gomez Goodwin Gossett Graf Grindle Harper Hathaway Hernandez Herndon Hickey Hill "
    "Hillman Hinman Holmes Horowitz Howard Jackson Jenson Jimenez Kennedy Kessler Kiger "
    "Kirkland Knowlton Lamb Lindley Louis Manners Marty Marvin Matthews McAnally McBride "
    "McDonald McKinley Mejia Merino Metzger Mitchell Monroy Moody Moore Morgan Morin Morrow "
    "Muir Myers Natal Nichols Nickerson Normand Pace Paschall Pastor Pease Penn Phillips "
    "Porter Ratliff Reedy Reyes Rhodes Rivera Rodgers Rounds Shores Sibley Smart Smith Snider "
    "Sorensen Spears Spradlin Stanford Stephens Stock Sullivan Temple Thompson Tobin Tolliver "
    "Travis Trent Trout Velasquez Walker Warwick Webb Webber Welker Wheaton Whitaker Whiting "
    "Wilcox Wilhelm Wilkerson Williamson Wynn York Zuber "
)

TUNE_TAIL_LAST = _split(
    "Allhands Avellar Becky Bertuzzi Bogany Bosak Breaker Bringhurst Cali Capriotti Carmany "
    "Coller Conkwright Damboise Danielski Durrah Espaillat Facemire Frierdich Garen Gonthier "
    "Gravatt Gregson Holl Hoving Kinley Kundanani Lablue Libengood Mallet Malm Marano Marcom "
    "Merling Milloy Olarte Ollech Palka Pittari Pittsley Predom Rodine Ruda Runnells Rusen "
    "Sauriol Schwerin Shami Shelpman Slye Spino Staelens Studzinski Sutkus Szafranski "
    "Trabucco Trippett Tustin Weiand Zahniser "
)

HELDOUT_HEAD_FIRST = _split(
    "Adolfo Adrian Aimee Alan Alfonso Alia Alice Alison Amber Andrew Ashley Becky Beth Bobby "
    "Brad Brenda Brent Brittany Calvin Carl Carmen Carole Cathrine Cathy Cheryl Christine "
    "Christopher Clemente Clifton Clyde Dan Dana Dave Debra Dena Dianne Dolores Donald Donnie "
    "Doris Duane Edward Elisa Elmo Emily Erik Ernestina Felicia Florence Frances Francis "
    "Frank Frederick Gail Georgia Gino Gladys Grant Helen Helene Herman Hilary Hilton Hollis "
    "Hope Howard Ian Ira Jackie Jeanette Jerry Jessie Jill Joanne Jonathan Juanita Julio "
    "Kathy Katrina Keith Kelly Kelsey Kendra Kevin Kyung Lara Lauretta Lawrence Leana Lee "
    "Lena Leonard Linda Lisa Lois Loreen Lorenzo Louis Louise Lynnette Margarette Margie "
    "Maria Mario Martina Marvin Marylou Maude Mauro Melinda Monica Nadine Oliver Pamala "
    "Patrick Paula Peter Philip Phillip Portia Rachel Randall Raul Renita Ricardo Richard "
    "Robert Rodney Roland Rosalinda Rosetta Rosie Ruth Sadie Sarah Shannon Shaun Shirley "
    "Sophie Stella Syreeta Tammy Tara Timothy Tony Travis Virginia Wanda Winnie Zelma "
)

HELDOUT_TAIL_FIRST = _split(
    "Adaline Aiko Ailene Anja Annett Arlyne Billi Charita Cris Delila Euna Felicidad Gidget "
    "Grisel Krishna Ladawn Louetta Mirella Monet Nancey Nisha Robbyn Rosio Sandee Shawanna "
    "Shondra Tinisha Toshiko Travis Tula "
)

HELDOUT_HEAD_LAST = _split(
    "Alberts Allen Anderson Andrews Archer Banks Barnes Beard Beebe Bellamy Bingham Bostwick "
    "Bower Bowles Boynton Brewer Broyles Bryant Buchanan Burton Camp Canfield Carranza Causey "
    "Chadwell Chauvin Christensen Christie Cleghorn Cline Cohen Combs Cotten Crane Cutter "
    "Dawson Dixon Doherty Dominguez Espinosa Faulkner Figueroa Freeman Fulford Galbreath "
    "Galvan Gambrell Gates Gordon Goss Green Gregg Gumm Haggard Hake Hamilton Harris Herd "
    "Hermes Hess Hodges Horner Howell Hurley Ibarra Ison Jenkins Judd Kellogg Keyes Koons "
    "Landes Landry Layfield Legrand Lewis Ligon Lindsey Lopes Love Maldonado Marshall "
    "Martinez McAlister Meador Miles Miller Minton Mitchum Monahan Montoya Moreno Munoz "
    "Murphy Musser Nagle Nava Nelson Noland Northern Nottingham Oshiro Otero Owens Palmer "
    "Parker Parsons Patterson Pearson Peck Pettus Pierce Pierre Pittman Preston Puentes Purdy "
    "Reed Richardson Riddle Riley Roberts Robertson Romero Rowe Ryan Sanders Seibel Sewell "
    "Sharpe Shelly Sims Spencer Stevens Sturdivant Summers Tamayo Torres Tunnell Urban Vela "
    "Wade Walter Wayman Weber Webster Whitacre Wilkinson Williams Wright "
)

HELDOUT_TAIL_LAST = _split(
    "Acres Akuna Alguire Antuna Ates Bardell Beliz Benincase Benito Bertus Besler Betschman "
    "Brunk Bullett Carmain Carsten Caster Ciriello Culverhouse Cutrer Demaire Dewaard Dheel "
    "Drehs Dwelle Feltz Graser Jeoffroy Klipp Kobialka Koepke Koppelman Krompel Lahaye Lammon "
    "Langenbach Lanzalotti McQuilkin Mitchelle Nikirk Nittinger Ohl Pinley Progacz Redel "
    "Rehman Sanchec Scolieri Sehnert Seling Sespinosa Sheaffer Stoney Teuscher Tomme "
    "Tortorice Waugaman Wicka Wies Yasurek "
)

# A few names from outside the census lists (written for this generator, not the guard).
TUNE_INTL_FIRST = _split(
    "Adaora Bogumila Chinonso Dariusz Eilidh Farhan Gwen Haruto Ifeanyi Jiho Kiran Lwazi "
    "Magdalena Nnamdi Orla Parveen Radhika Shiv Tadhg Uchenna"
)
TUNE_INTL_LAST = _split(
    "Adeleke Banda Chaudhary Dlamini Enright Fitzgerald Grabowski Hakimi Ivanova Jankowski "
    "Kariuki Lungu Mwangi Nkosi Ogbonna Pereira Rahimi Sokolova Thakur Uddin"
)
HELDOUT_INTL_FIRST = _split(
    "Abena Bilqis Chukwuma Deepika Emre Folasade Gintare Hyun Ikenna Jagjit Kasia Laszlo "
    "Mbali Nuala Oyinda Pradeep Rukhsana Saoirse Tendai Yerlan"
)
HELDOUT_INTL_LAST = _split(
    "Akinola Bhattacharya Czarnecki Dimitrov Ekwueme Fofanah Gallacher Hoang Ilunga Jasinski "
    "Kaminski Lawal Mutasa Nwachukwu Onyango Pawlak Ramaswamy Szymanski Tshabalala Venkatesh"
)
# First names that are also words, used only after a cue ("a baby named Hope").
TUNE_WORD_NAMES = _split("Grace Joy Rose Faith Will")
HELDOUT_WORD_NAMES = _split("Hope May Mark Pat Ray")

# --- context vocabulary -------------------------------------------------------------------------
EVENTS = _split(
    "unexpected_deterioration a_cardiac_arrest a_medication_error a_fall_on_the_ward "
    "a_difficult_death a_missed_diagnosis a_violent_incident a_stillbirth "
    "a_failed_resuscitation a_near_miss a_formal_complaint a_delayed_escalation "
    "a_paediatric_death a_wrong-site_procedure a_massive_haemorrhage an_airway_emergency"
)
FEELINGS = _split(
    "shaken tearful numb angry_with_themselves exhausted anxious guilty not_sleeping "
    "replaying_the_event withdrawn calm_but_tired relieved_to_talk worried_about_the_review low "
    "on_edge irritable"
)
ACTIONS = _split(
    "talked_through_the_shift went_over_what_happened listened_mostly normalised_the_reactions "
    "shared_the_self-care_card discussed_sleep talked_about_the_debrief "
    "explained_the_review_process agreed_a_plan gave_the_helpline_card"
)
PLANS = _split(
    "plans_to_rest will_contact_EAP will_see_their_GP taking_2_days_off "
    "back_on_nights_next_week will_talk_to_the_charge_nurse will_go_to_the_team_debrief "
    "plans_a_walk_with_family will_use_the_helpline_if_needed wants_time_with_the_chaplain"
)
FOLLOWUPS = _split(
    "follow_up_Thursday follow_up_in_2_weeks check_in_tomorrow call_on_Monday "
    "review_at_72_hours follow_up_next_week no_follow_up_wanted follow_up_after_nights "
    "text_on_Friday follow_up_in_a_month"
)
DRUGS = _split(
    "morphine heparin insulin potassium amiodarone gentamicin vancomycin propofol midazolam "
    "oxytocin paracetamol warfarin enoxaparin noradrenaline fentanyl ketamine"
)
DOSES = _split("10_mg 2.5_mg 5_units 1_g 500_mg 40_mmol 0.5_mg 20_ml/hr")
UNITS = _split(
    "ICU ED theatres the_ward Ward_7 the_NICU maternity the_cath_lab HDU the_medical_unit CCU "
    "A&E recovery the_stroke_unit oncology the_acute_medical_unit"
)
TIMES = _split(
    "at_3_am at_4am around_2_pm overnight at_handover at_07:30 during_the_night_shift "
    "on_the_0700-1930_shift after_12_hours on_a_long_day"
)
DURATIONS = _split("2_weeks 3_days 48_hours 10_years six_months a_fortnight 20_minutes an_hour")
DAYS = _split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
ROLES = _split(
    "staff_nurse junior_doctor registrar midwife HCA physio charge_nurse consultant paramedic "
    "student_nurse pharmacist porter"
)


def _w(s: str) -> str:
    return s.replace("_", " ")


@dataclass
class Note:
    text: str = ""
    spans: list[dict[str, object]] = field(default_factory=list)
    clean: bool = False

    def add(self, s: str, kind: str | None = None) -> None:
        if kind is not None:
            self.spans.append(
                {"kind": kind, "start": len(self.text), "end": len(self.text) + len(s)}
            )
        self.text += s


@dataclass(frozen=True)
class Vocab:
    """Names as they occur: "head" names are common (drawn by census frequency), "tail" names are
    rare or from outside the census lists; they are mixed in at their share of the population."""

    head_first: tuple[str, ...]
    tail_first: tuple[str, ...]
    head_last: tuple[str, ...]
    tail_last: tuple[str, ...]
    word_names: tuple[str, ...]
    roster: tuple[str, ...]

    def first(self, rng: random.Random) -> str:
        # 1990 census: the first-name files cover about 90% of people, the first 3000 female
        # names 88%; the rest have rarer names.
        return rng.choice(self.tail_first if rng.random() < 0.12 else self.head_first)

    def last(self, rng: random.Random) -> str:
        # 1990 census: the 10,000 commonest surnames cover 71% of people.
        return rng.choice(self.tail_last if rng.random() < 0.29 else self.head_last)


def vocab(slice_name: str) -> Vocab:
    if slice_name == "heldout":
        head_first, tail_first = HELDOUT_HEAD_FIRST, HELDOUT_TAIL_FIRST + HELDOUT_INTL_FIRST
        head_last, tail_last = HELDOUT_HEAD_LAST, HELDOUT_TAIL_LAST + HELDOUT_INTL_LAST
        words = HELDOUT_WORD_NAMES
    else:
        head_first, tail_first = TUNE_HEAD_FIRST, TUNE_TAIL_FIRST + TUNE_INTL_FIRST
        head_last, tail_last = TUNE_HEAD_LAST, TUNE_TAIL_LAST + TUNE_INTL_LAST
        words = TUNE_WORD_NAMES
    # The unit roster: staff names taken from the slice and not used for person names.
    roster = tuple(
        f"{f} {s}"
        for f, s in zip(
            head_first[-7:] + tail_first[-3:], head_last[-7:] + tail_last[-3:], strict=True
        )
    )
    return Vocab(head_first[:-7], tail_first[:-3], head_last[:-7], tail_last[:-3], words, roster)


# --- identifier makers: each returns the identifier text --------------------------------------
Maker = Callable[[random.Random, Vocab], str]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_email(rng: random.Random, v: Vocab) -> str:
    f, s = v.first(rng).lower(), v.last(rng).lower()
    local = rng.choice([f"{f}.{s}", f"{f[0]}{s}", f"{f}_{s}{rng.randint(1, 99)}", f, f"{s}{f[0]}"])
    dom, tld = rng.choice(
        [
            ("nhs", "net"),
            ("hospital", "org"),
            ("gmail", "com"),
            ("outlook", "com"),
            ("mercyhealth", "org"),
            ("yahoo", "co.uk"),
            ("health.nsw.gov", "au"),
            ("proton", "me"),
        ]
    )
    style = rng.random()
    if style < 0.6:
        return f"{local}@{dom}.{tld}"
    if style < 0.75:
        return f"{local} at {dom} dot {tld.replace('.', ' dot ')}"
    if style < 0.87:
        return f"{local}(at){dom}(dot){tld.replace('.', '(dot)')}"
    if style < 0.95:
        return f"{local} [at] {dom} [dot] {tld.replace('.', ' [dot] ')}"
    return f"{local} @ {dom}.{tld}"


def make_phone(rng: random.Random, v: Vocab) -> str:
    a, b, c = _digits(rng, 3), _digits(rng, 3), _digits(rng, 4)
    forms = [
        f"({a}) {b}-{c}",
        f"{a}-{b}-{c}",
        f"{a}.{b}.{c}",
        f"{a} {b} {c}",
        f"+1 {a} {b} {c}",
        f"+44 20 {_digits(rng, 4)} {_digits(rng, 4)}",
        f"07{_digits(rng, 3)} {_digits(rng, 6)}",
        f"0161 {b} {c}",
        f"{a}-{b}-{c} ext. {_digits(rng, 3)}",
        f"({a}) {b}-{c} x{_digits(rng, 4)}",
        f"bleep {_digits(rng, 4)}",
        f"ext {_digits(rng, 4)}",
        f"+353 1 {b} {c}",
        f"1-800-{b}-{c}",
        f"{b}-{c}",
        f"+61 2 {_digits(rng, 4)} {_digits(rng, 4)}",
        f"pager {_digits(rng, 5)}",
    ]
    return rng.choice(forms)


def make_url(rng: random.Random, v: Vocab) -> str:
    s = v.last(rng).lower()
    forms = [
        f"www.{s}family.com",
        f"https://{s}.org/about",
        f"http://www.{s}-fundraiser.co.uk/page",
        f"facebook.com/{s}.memorial",
        f"gofundme.com/f/{s}",
        f"https://tinyurl.com/{_digits(rng, 5)}",
        f"{s}blog.net",
        f"www.{s}.info",
        f"https://news.example.com/local/{s}-inquest",
    ]
    return rng.choice(forms)


def make_mrn(rng: random.Random, v: Vocab) -> str:
    forms = [
        f"MRN {_digits(rng, 8)}",
        f"MRN: A{_digits(rng, 7)}",
        f"hospital number {_digits(rng, 7)}",
        f"NHS number {_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}",
        f"H{_digits(rng, 7)}",
        f"RX-{_digits(rng, 6)}",
        f"MRN#{_digits(rng, 8)}",
        f"hosp no {_digits(rng, 6)}",
        f"K{_digits(rng, 7)}",
        f"pt ID {_digits(rng, 7)}",
        f"medical record number {_digits(rng, 9)}",
    ]
    return rng.choice(forms)


def make_ssn(rng: random.Random, v: Vocab) -> str:
    a, b, c = _digits(rng, 3), _digits(rng, 2), _digits(rng, 4)
    letters = "ABCEGHJKLMNPRSTWXYZ"
    ni = rng.choice(letters) + rng.choice(letters)
    forms = [
        f"{a}-{b}-{c}",
        f"{a} {b} {c}",
        f"{ni} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {rng.choice('ABCD')}",
        f"{ni}{_digits(rng, 6)}{rng.choice('ABCD')}",
    ]
    return rng.choice(forms)


def make_long_number(rng: random.Random, v: Vocab) -> str:
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    forms = [
        _digits(rng, 8),
        _digits(rng, 10),
        _digits(rng, 7),
        " ".join(_digits(rng, 1) for _ in range(8)),
        f"{_digits(rng, 4)} {_digits(rng, 4)}",
        f"{_digits(rng, 2)}-{_digits(rng, 3)}-{_digits(rng, 3)}",
        " ".join(rng.choice(words) for _ in range(7)),
    ]
    return rng.choice(forms)


def make_id_label(rng: random.Random, v: Vocab) -> str:
    forms = [
        "DOB",
        "D.O.B.",
        "date of birth",
        f"bed {rng.randint(1, 32)}",
        f"room {rng.randint(1, 20)}{rng.choice(['', 'A', 'B'])}",
        f"bay {rng.randint(1, 8)}",
        "pt #",
        "ID:",
        "SSN",
        "patient ID",
        f"cubicle {rng.randint(1, 12)}",
        f"side room {rng.randint(1, 6)}",
        "NHS number",
        "MRN",
        "social security number",
    ]
    return rng.choice(forms)


def make_date(rng: random.Random, v: Vocab) -> str:
    months = _split(
        "January February March April May June July August September October November December"
    )
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    y = rng.randint(2019, 2026)
    mon = months[m - 1]
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
    forms = [
        f"{m}/{d}",
        f"{d:02d}/{m:02d}/{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{d} {mon}",
        f"{mon} {d}{suffix}",
        f"{mon} {d}{suffix} {y}",
        f"{d}{suffix} of {mon}",
        f"{mon[:3]} {d}",
        f"{m:02d}.{d:02d}.{y}",
        f"{d}-{m}-{str(y)[2:]}",
        f"{mon[:3]}. {d}, {y}",
        f"{mon} {y}",
        f"{d} {mon} {y}",
    ]
    return rng.choice(forms)


def make_age(rng: random.Random, v: Vocab) -> str:
    n = rng.randint(90, 104)
    tens = ["ninety-one", "ninety-two", "ninety-four", "ninety-seven", "ninety"]
    forms = [
        f"{n} yo",
        f"aged {n}",
        f"{n}-year-old",
        f"{n} year old",
        f"{n}yo",
        f"age {n}",
        f"aged {rng.choice(tens)}",
        f"{n} y/o",
        f"{n} years old",
        f"{n}F",
        f"{n} M",
        f"{rng.choice(tens)}-year-old",
    ]
    return rng.choice(forms)


def make_address(rng: random.Random, v: Vocab) -> str:
    street = rng.choice(
        [
            "Elm",
            "Oak",
            "Maple",
            "Station",
            "Church",
            "Mill",
            "Victoria",
            "Park",
            "Highfield",
            "Cedar",
            "Queens",
            "Willow",
            "Kingsway",
            "Harbour",
        ]
    )
    suffix = rng.choice(
        [
            "Street",
            "Road",
            "Avenue",
            "Lane",
            "Drive",
            "Close",
            "Crescent",
            "St",
            "Rd",
            "Ave",
            "Way",
            "Court",
            "Terrace",
        ]
    )
    forms = [
        f"{rng.randint(1, 250)} {street} {suffix}",
        f"{rng.randint(1, 99)}B {street} {suffix}",
        f"{street} Avenue",
        f"{street} Road",
        f"Flat {rng.randint(1, 40)}",
        f"PO Box {rng.randint(10, 9999)}",
        rng.choice(["SW1A 1AA", "M13 9PL", "EH3 9HA", "B15 2TT", "LS1 4AP", "CF10 3AT"]),
        f"MA {_digits(rng, 5)}",
        f"Apt {rng.randint(1, 30)}",
    ]
    return rng.choice(forms)


MAKERS: dict[str, Maker] = {
    "email": make_email,
    "phone": make_phone,
    "url": make_url,
    "mrn": make_mrn,
    "ssn": make_ssn,
    "long_number": make_long_number,
    "id_label": make_id_label,
    "date": make_date,
    "age_over_89": make_age,
    "address": make_address,
}

# Templates: {X} is the identifier; other fields are context vocabulary.
KIND_TEMPLATES: dict[str, list[str]] = {
    "email": [
        "Colleague asked me to email the family at {X}; declined, {action}.",
        "Wants the summary sent to {X}. {Plan}.",
        "Gave me her personal address {X} for the follow up; {followup}.",
        "{Feeling} after {event}. Contact {X} if worse.",
    ],
    "phone": [
        "Colleague left a number, {X}, for the follow up; {followup}.",
        "Call back on {X} after nights. {Feeling_cap} after {event}.",
        "Family rang from {X} repeatedly during {event}; colleague {feeling}.",
        "Best reached on {X}. {Plan}.",
    ],
    "url": [
        "Colleague upset by the article at {X} about {event}.",
        "Family set up {X} after the death; colleague {feeling}.",
        "Shared the page {X}; {action}.",
    ],
    "mrn": [
        "Colleague kept repeating {X} during the talk; {action}.",
        "Event involved {X} in {unit}; colleague {feeling}.",
        "{X} was the patient in {event}. {Plan}.",
    ],
    "ssn": [
        "Colleague read out {X} from the notes by mistake; {action}.",
        "Wrong patient form, social security {X}, caused {event}.",
        "Mix-up with {X} led to {event}; colleague {feeling}.",
    ],
    "long_number": [
        "Incident reference {X} filed; colleague {feeling}.",
        "Colleague wrote {X} on the handover sheet; {action}.",
        "The number {X} kept coming up in the review. {Plan}.",
    ],
    "id_label": [
        "Patient in {X} after {event}; colleague {feeling}.",
        "Colleague asked whether the {X} should go in the report; {action}.",
        "Checked {X} twice but still {event}. {Plan}.",
        "{X} mismatch on the wristband led to {event}.",
    ],
    "date": [
        "Event happened on {X}; colleague {feeling}. {Followup}.",
        "Since {X} colleague has been {feeling}; {action}.",
        "Inquest set for {X}, colleague {feeling}, {plan}.",
        "Death on {X} in {unit}; {action}.",
    ],
    "age_over_89": [
        "Patient was {X} and died after {event}; colleague {feeling}.",
        "{X} lady fell in {unit}; colleague {feeling}. {Followup}.",
        "Resus on a man {X} felt wrong to the team; {action}.",
        "Colleague cared for a {X} for years; {plan}.",
    ],
    "address": [
        "Patient was found at {X} by the crew; colleague {feeling}.",
        "Colleague lives near {X} and worries about meeting the family; {action}.",
        "Home visit to {X} went badly; {plan}.",
        "Family moved to {X} after the death; colleague {feeling}.",
    ],
}

NAME_TEMPLATES = [
    # (template, placeholders)  {F} first name, {L} surname, {N} full name, {f} lower-case first
    "Colleague upset about how {F} was spoken to at handover; {action}.",
    "{F} was very distressed after {event}; {plan}.",
    "Spoke with {N} after {event}; {followup}.",
    "Family of Mrs {L} complained; colleague {feeling}.",
    "Mr {L} deteriorated {time}; colleague {feeling}.",
    "Dr {L} was supportive afterwards. {Plan}.",
    "patient {L} died unexpectedly; {action}.",
    "The patient, called {F}, was a regular on {unit}; colleague {feeling}.",
    "Colleague's mentor {N} will join the debrief.",
    "Nurse {F} felt blamed by the team; {action}.",
    "{N} from {unit} asked for support after {event}.",
    "Talked about {N}'s family and the complaint. {Followup}.",
    "Colleague worried that {L} will complain again; {plan}.",
    "talked to {f} about {event}, {feeling}.",
    "Baby named {W} died in {unit}; colleague {feeling}.",
    "Ms {N} from the family phoned; colleague {feeling}.",
    "Colleague and {F} {L} were both on the shift; {action}.",
    "Went over the handover with {F}; colleague {feeling}, {followup}.",
]
ROSTER_TEMPLATES = [
    "Colleague felt unsupported by {R} during {event}; {action}.",
    "{R} was in charge that shift; colleague {feeling}.",
    "Conflict with {R} since {event}; {plan}.",
    "Colleague and {R} both {feeling}; {followup}.",
]
CLEAN_TEMPLATES = [
    "Colleague {feeling} after {event}, {action}, {plan}, {followup}.",
    "{Role} {feeling} after {event} in {unit} {time}. {Action}. {Plan}.",
    "Will follow up {day}. Colleague {feeling}; {action}.",
    "Hope is that the debrief helps. {Plan}, {followup}.",
    "Handled it with grace under pressure. {Action}; {followup}.",
    "Drug error with {drug} {dose}; colleague {feeling}, {plan}.",
    "Sleep rated 4/10 this week; {plan}. {Followup}.",
    "Long shift, {event}. Young colleague, first year qualified, {feeling}. {Followup}.",
    "Little sleep for {duration}. {Action}. May need more support; {followup}.",
    "Code Blue in {unit} {time}; {role} {feeling}. Rapid Response team attended. {Followup}.",
    "Reported on Datix. Colleague {feeling}, {action}. EAP details given.",
    "Sister on the ward was supportive. {Plan}.",
    "Dr on call was supportive after {event}; {followup}.",
    "Talked for {duration}. Faith and family are a support. {Followup}.",
    "Frank conversation about {event}; {plan}.",
    "Rose to the occasion during {event} but now {feeling}. {Followup}.",
    "Art group and walking help. {Plan}.",
    "Max dose of {drug} given as prescribed; colleague still {feeling}. {Followup}.",
    "Pat on the back from the consultant helped. {Plan}.",
    "In March there was a similar case; colleague {feeling}, {action}.",
    "Colleague, 34, {feeling} after {event}. {Followup}.",
    "Back on shift {day}, {duration} after {event}. {Followup}.",
    "Gave {drug} {dose} {time} as charted; colleague {feeling} about the outcome.",
    "Brown bag lunch debrief planned for the team. {Followup}.",
    "Grace period for the training deadline agreed. {Plan}.",
    "Joy has gone out of the job, colleague says; {action}.",
    "Worried about 24/7 on-call pressure; {plan}.",
    "Patient died {time} after {event}; colleague {feeling}. {Followup}.",
    "Named nurse for the bay felt responsible; {action}.",
    "Debrief on Friday 3 pm with the team. {Plan}.",
    "Needs met partly; {followup}.",
    "Colleague mentioned Christmas rota stress and {event}. {Plan}.",
    "Saw GP last week. {Plan}; {followup}.",
    "{Role} in {unit} for {duration}, first serious incident. {Action}.",
    "Mark the anniversary with the team? Colleague unsure; {followup}.",
    "Will needs to rest; colleague {feeling}. {Followup}.",
    "Lots of hope in the team despite {event}. {Plan}.",
    "Ray of light: family thanked the team after {event}. {Followup}.",
    "Colleague called the family after {event}, {feeling}; {action}.",
    "Ward manager aware. {Feeling_cap} but coping, {followup}.",
    "Short staffed, 2 nurses for 14 patients when {event} happened. {Plan}.",
    "Pain 8/10 reported by the patient before {event}; colleague {feeling}.",
    "GCS 3 on arrival, then {event}. {Action}. {Followup}.",
    "Bill for parking was the last straw, colleague says; {plan}.",
    "Dawn was the hardest part of the night shift; {action}.",
    "Guilt about {event}; {action}, {followup}.",
    "ICU outreach and the ED team helped. Colleague {feeling}. {Plan}.",
    "Second conversation: sleeping better, {plan}. {Followup}.",
    "Escalated to Outreach and then ICU {time}; {role} {feeling}.",
    "Security called after {event}; colleague {feeling}.",
    "Switchboard put the call through to the on-call chaplain. {Plan}.",
    "Discussed Schwartz Rounds and the Datix process; {followup}.",
    "Colleague worried about the Coroner's inquest; {action}.",
    "Talked about the Duty of Candour meeting; {plan}.",
    "Attended the Morbidity and Mortality meeting on Tuesday; colleague {feeling}.",
    "Freedom to Speak Up guardian contacted; {followup}.",
    "Referred to Occupational Health and the Employee Assistance Programme. {Plan}.",
    "Used the TRiM process; {action}.",
    "Colleague from Manchester, new to the Trust, {feeling} after {event}.",
    "Mentioned Ramadan fasting on nights; {plan}.",
    "Spoke with the Matron and the Sister in charge; {followup}.",
    "Dr said it was unavoidable; {action}.",
    "Colleague said the Teams call with the family was hard; {plan}.",
    "Pharmacy review of {drug} dosing; colleague {feeling}.",
    "Apologised to the family with the Consultant present; {followup}.",
    "Took the patient to Theatre 3; {event} followed. {Action}.",
    "Baby born at 26 weeks died after {event}; midwife {feeling}.",
    "Reflected on Human Factors and the checklist; {plan}.",
    "Colleague mentioned Easter leave; {followup}.",
    "Patient was 84 and frail; colleague {feeling}.",
    "Worked 3 nights in a row, 12.5 hours each; {plan}.",
    "Scored 14 on the PHQ-9 last month; GP informed. {Followup}.",
    "Colleague rang 111 for advice; {plan}.",
    "Called 2222 for the arrest at 03:10; {role} {feeling}.",
]


def _fill(
    rng: random.Random, template: str, v: Vocab, note: Note, ident: Callable[[str], None]
) -> None:
    """Append `template` to `note`, filling vocabulary fields; `ident(name)` adds identifiers."""
    import re

    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        note.add(template[pos : m.start()])
        key = m.group(1)
        low = key.lower()
        words = {
            "event": EVENTS,
            "feeling": FEELINGS,
            "feeling_cap": FEELINGS,
            "action": ACTIONS,
            "plan": PLANS,
            "followup": FOLLOWUPS,
            "drug": DRUGS,
            "dose": DOSES,
            "unit": UNITS,
            "time": TIMES,
            "duration": DURATIONS,
            "day": DAYS,
            "role": ROLES,
        }.get(low)
        if words is not None:
            s = _w(rng.choice(words))
            if key[0].isupper():
                s = s[0].upper() + s[1:]
            note.add(s)
        else:
            ident(key)
        pos = m.end()
    note.add(template[pos:])


def _perturb(rng: random.Random, s: str) -> str:
    """Ways identifiers get disguised or mangled in real pasted text."""
    r = rng.random()
    if r < 0.05 and len(s) > 2:
        i = rng.randint(1, len(s) - 1)
        return s[:i] + rng.choice(["\u200b", "\u200d", "\u2060", "\ufeff"]) + s[i:]
    if r < 0.09:
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)
    if r < 0.12:
        return s.replace(" ", "\u00a0")
    if r < 0.14:
        return f"<b>{s}</b>"
    return s


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def generate(seed: int, slice_name: str, n_per_kind: int = 45, n_clean: int = 320) -> list[Note]:
    rng = random.Random(seed)
    v = vocab(slice_name)
    notes: list[Note] = []

    def ident_note(kind: str) -> Note:
        note = Note()

        def ident(key: str) -> None:
            if key == "X":
                note.add(_perturb(rng, MAKERS[kind](rng, v)), kind)
            elif key in ("F", "L", "N", "f", "W"):
                first, last = v.first(rng), v.last(rng)
                text = {
                    "F": first,
                    "L": last,
                    "N": f"{first} {last}",
                    "f": first.lower(),
                    "W": rng.choice(v.word_names),
                }[key]
                note.add(_perturb(rng, text) if rng.random() < 0.5 else text, "person_name")
            elif key == "R":
                full = rng.choice(v.roster)
                first, last = full.split()
                note.add(rng.choice([full, full, first, last]), "roster_name")
            else:
                raise KeyError(key)

        if kind == "person_name":
            template = rng.choice(NAME_TEMPLATES)
        elif kind == "roster_name":
            template = rng.choice(ROSTER_TEMPLATES)
        else:
            template = rng.choice(KIND_TEMPLATES[kind])
        _fill(rng, template, v, note, ident)
        if rng.random() < 0.25:  # a second sentence of ordinary context
            note.add(" ")
            _fill(rng, rng.choice(CLEAN_TEMPLATES), v, note, lambda k: None)
        return note

    for kind in KINDS:
        count = n_per_kind * (3 if kind == "person_name" else 1)
        notes.extend(ident_note(kind) for _ in range(count))
    for _ in range(n_clean):
        note = Note(clean=True)

        def no_ident(key: str) -> None:
            raise KeyError(key)

        _fill(rng, rng.choice(CLEAN_TEMPLATES), v, note, no_ident)
        if rng.random() < 0.4:
            note.add(" ")
            _fill(rng, rng.choice(CLEAN_TEMPLATES), v, note, no_ident)
        notes.append(note)
    rng.shuffle(notes)
    return notes


# --- evaluation ---------------------------------------------------------------------------------


def evaluate(notes: Iterable[Note], roster: Iterable[str]) -> dict[str, object]:
    guard = IdentifierGuard(roster)
    found: dict[str, int] = dict.fromkeys(KINDS, 0)
    total: dict[str, int] = dict.fromkeys(KINDS, 0)
    clean_total = clean_flagged = 0
    clean_kinds: dict[str, int] = {}
    missed: list[dict[str, object]] = []
    false_flags: list[dict[str, object]] = []
    for note in notes:
        result = guard.check(note.text)
        if note.clean:
            clean_total += 1
            if result.findings:
                clean_flagged += 1
                for f in result.findings:
                    clean_kinds[f.kind] = clean_kinds.get(f.kind, 0) + 1
                false_flags.append(
                    {"text": note.text, "findings": [(f.kind, f.text) for f in result.findings]}
                )
            continue
        for span in note.spans:
            kind = str(span["kind"])
            a, b = int(str(span["start"])), int(str(span["end"]))
            total[kind] += 1
            hit = any(
                f.start < b
                and a < f.end
                and (f.kind == kind or (kind in BLOCKING and f.kind in BLOCKING))
                for f in result.findings
            )
            if hit:
                found[kind] += 1
            else:
                missed.append({"kind": kind, "text": note.text, "identifier": note.text[a:b]})
    recall = {k: (found[k] / total[k] if total[k] else None) for k in KINDS}
    blocking_total = sum(total[k] for k in BLOCKING)
    warn_kinds = [k for k in KINDS if k not in BLOCKING and k != "person_name"]
    figures: dict[str, object] = {
        "recall": recall,
        "counts": {k: [found[k], total[k]] for k in KINDS},
        "recall_blocking": sum(found[k] for k in BLOCKING) / blocking_total,
        "recall_warn": sum(found[k] for k in warn_kinds) / sum(total[k] for k in warn_kinds),
        "identifier_notes": sum(1 for _ in ()) or None,
        "clean_notes": clean_total,
        "clean_flagged": clean_flagged,
        "clean_flag_rate": clean_flagged / clean_total if clean_total else 0.0,
        "clean_flag_kinds": clean_kinds,
        "missed": missed,
        "false_flags": false_flags,
    }
    figures["meets_targets"] = meets_targets(figures)
    return figures


def meets_targets(fig: dict[str, object]) -> bool:
    recall = fig["recall"]
    assert isinstance(recall, dict)
    ok = True
    for kind, r in recall.items():
        if r is None:
            continue
        if kind in BLOCKING:
            target = TARGETS["blocking"]
        elif kind == "person_name":
            target = TARGETS["person_name"]
        else:
            target = TARGETS["warn"]
        ok = ok and r >= target
    rate = fig["clean_flag_rate"]
    assert isinstance(rate, float)
    return ok and rate <= TARGETS["clean_flagged_max"]


def write_jsonl(
    path: Path, notes: list[Note], seed: int, slice_name: str, roster: Iterable[str]
) -> None:
    with path.open("w", encoding="utf-8") as out:
        meta = {
            "meta": {
                "seed": seed,
                "slice": slice_name,
                "roster": list(roster),
                "generator": "scripts/guard_eval.py",
            }
        }
        out.write(json.dumps(meta, ensure_ascii=True) + "\n")
        for note in notes:
            rec = {"text": note.text, "clean": note.clean, "spans": note.spans}
            out.write(json.dumps(rec, ensure_ascii=True) + "\n")


def read_jsonl(path: Path) -> tuple[list[Note], list[str]]:
    notes: list[Note] = []
    roster: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "meta" in rec:
            roster = list(rec["meta"]["roster"])
            continue
        notes.append(Note(rec["text"], list(rec["spans"]), bool(rec["clean"])))
    return notes, roster


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--slice", choices=["tune", "heldout"], default="tune")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--write", type=Path, metavar="FILE", help="also write the set as JSONL")
    p.add_argument("--file", type=Path, metavar="FILE", help="evaluate a stored JSONL set instead")
    p.add_argument("--show-errors", action="store_true", help="list misses and false flags")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)
    if args.file:
        notes, roster = read_jsonl(args.file)
    else:
        notes = generate(args.seed, args.slice)
        roster = list(vocab(args.slice).roster)
        if args.write:
            write_jsonl(args.write, notes, args.seed, args.slice, roster)
    fig = evaluate(notes, roster)
    fig["identifier_notes"] = sum(1 for n in notes if not n.clean)
    if args.json:
        shown = {
            k: v for k, v in fig.items() if args.show_errors or k not in ("missed", "false_flags")
        }
        print(json.dumps(shown, indent=2, ensure_ascii=False))
    else:
        print(f"identifier notes: {fig['identifier_notes']}   clean notes: {fig['clean_notes']}")
        counts = fig["counts"]
        assert isinstance(counts, dict)
        for kind in KINDS:
            f, t = counts[kind]
            sev = "block" if kind in BLOCKING else "warn"
            print(f"  {kind:<12} {sev:<5} recall {f / t:6.3f}  ({f}/{t})")
        print(f"  blocking kinds together: {fig['recall_blocking']:.3f}")
        print(f"  warn kinds (not names):  {fig['recall_warn']:.3f}")
        print(
            f"clean notes flagged: {fig['clean_flagged']}/{fig['clean_notes']} = "
            f"{fig['clean_flag_rate']:.3f}  {fig['clean_flag_kinds']}"
        )
        print(f"targets met: {fig['meets_targets']}")
        if args.show_errors:
            for m in fig["missed"]:  # type: ignore[attr-defined]
                print("MISS", m["kind"], repr(m["identifier"]), "|", repr(m["text"]))
            for ff in fig["false_flags"]:  # type: ignore[attr-defined]
                print("FLAG", ff["findings"], "|", repr(ff["text"]))
    return 0 if (fig["meets_targets"] or not args.check) else 1


if __name__ == "__main__":
    sys.exit(main())
