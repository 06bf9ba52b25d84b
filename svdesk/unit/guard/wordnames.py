"""Names that are also English words ("Hope", "Will", "grace baker", "Precious"): a decision
from context, not from phrase lists.

A word-name is a token that is both an ordinary word and in a name list. Alone it is a word. It
becomes a name when its context is one a person stands in and a word does not:

- capitalised in the middle of a sentence (Philter's rule for known names), unless it opens a
  run of capitalised words ("Royal College"), is followed by a place or eponym noun ("Mercy
  Hospital", "Hunter Valley" is a run) or follows a determiner ("the Rose", "code Amber");
- the object of a verb that takes a person ("told Will", "asked rose", "texted Hope",
  "spoke to joy", "met with faith");
- the subject of a verb that takes a person, judged on the next one or two words: a past-tense
  verb of telling or feeling ("Will called", "amber said"), or "is/was/has" + a state or an
  -ing form ("Dawn is feeling", "Unity is struggling"), but not a bare verb ("Will call back")
  and not "Hope is what ...";
- a possessive or "'s" contraction ("Hope's been off", "Dawn's mum"), capitalised only;
- an apposition or a department: "Rose, the matron", "Amber (FY1)", "hope from nights",
  "Justice from security";
- "me and X", "X and I", "X and me";
- a list: a word-name joined by a comma, "and" or "&" to a name already found.

Everything here only adds person_name findings (a warning the supporter can keep), and each
rule needs the word to be in a name list, so ordinary words that are no one's name never fire.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class _Lists(Protocol):
    @property
    def first(self) -> frozenset[str]: ...

    @property
    def world(self) -> frozenset[str]: ...


class Token(Protocol):
    """What the word rules read of a token (svdesk.unit.guard.names' tokens)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def word(self) -> str: ...

    @property
    def capitalised(self) -> bool: ...

    @property
    def all_caps(self) -> bool: ...


def words(spaced: str) -> frozenset[str]:
    """A word set written as one spaced string."""

    return frozenset(spaced.split())


# Pronouns and function words are never names, whatever a list says ("He" is also a surname).
NEVER = words(
    "he she they we i it you me him her us them his hers its our their your my this that these "
    "those there here who what which a an the and or but so if as at by of on in to up no not "
    "i'd i'm i've i'll lol tbh btw omg idk imo fyi asap tmrw tmw arvo pls plz thx ty xx "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred first second third back "
    # quantifiers and adverbs: "ring every few days", "spoke with many", "the MS also asked"
    "every many any each all both few several much more most such also very just even only "
    "still "
    # contractions typed without the apostrophe: "didnt want team to see", "couldnt sleep"
    "didnt dont cant wont wasnt isnt couldnt shouldnt wouldnt doesnt hasnt havent arent werent "
    "im ive youre theyre shes hes thats whats"
)
# Verbs whose direct object is a person: "told Will", "asked Rose", "texted hope".
_OBJECT_VERBS = words(
    "told tell tells asked ask asks thanked thank hugged reassured texted text rang ring phoned "
    "phone emailed email messaged message met meet visited visit paged bleeped "
    "reminded remind encouraged advised warned signposted referred "
    "congratulated praised debriefed"
)
_NOUN_VERBS = words("phone text email message page ring visit meet call")
# Verbs that take a person after a preposition: "spoke to Joy", "sat with hope".
_PREP_VERBS = words(
    "spoke speak speaking talked talk talking chatted chat sat sitting met caught catch checked "
    "check debriefed debrief followed follow went handed passed worked working walked "
    "stayed rang called phoned thanks covering cover covered"
)
# going somewhere is no meeting: "went back to manual", "walked over to theatre"
_MOTION = words("went walked stayed worked working")
_PREPS = words("to with w on in")  # "checked in on", "caught up with", "handed over to"
_FOR_VERBS = words(
    "covering cover covered thanks swapped swap"
)  # "covering for X", not "talked for"
_PARTICLES = words("up in over back through out")
# Subject verbs after which a word is a person (past tense or 3rd person of telling/feeling).
_SUBJECT_VERBS = words(
    "said says told tells asked asks felt feels cried cries complained complains wants wanted "
    "thinks thought shouted rang rings called calls sat blamed blames knows knew tried texted "
    "emailed phoned found finds admitted admits reckons "
    "reckoned mentioned mentions explained explains agreed agrees refused refuses asked "
    "hasn't isn't wasn't doesn't didn't can't won't"
)
_AUX = words("is was has had's")
# After "is/was/has": words that describe a person ("Mercy is new", "Honor was the runner").
_STATE = words(
    "upset tired exhausted worried scared new ok okay fine off back sick stressed anxious "
    "devastated shaken calm quiet tearful angry pregnant been told asked struggling feeling "
    "coping doing considering thinking finding crying working going leaving retiring managing "
    "having trying hoping planning not"
)
_DETERMINERS = words(
    "the a an this that these those our their his her my your its some any no every each "
    "code of rated status level alert"
)
_AND = re.compile(r"\s*(?:,|&|\band\b|\bn\b|\bor\b)\s*", re.IGNORECASE)
_ROLE = (
    r"(?:charge\s|ward\s|night\s|day\s|duty\s|student\s|staff\s|senior\s|junior\s|bank\s|"
    r"agency\s|new\s)?(?:nurse|manager|sister|matron|f1|f2|fy1|fy2|sho|reg|registrar|"
    r"consultant|porter|hca|hcsw|pharmacist|physio|midwife|doctor|cleaner|domestic|paramedic|"
    r"receptionist|chaplain|lead|coordinator|co-ordinator|student|anaesthetist|surgeon|tech|"
    r"technician|odp|secretary|clerk|educator|supervisor|intern|resident|pgy\d|band\s?\d|"
    r"rn|cna|rt|emt|nurse associate|associate|one of the \w+|ward clerk|the \w+ lead|"
    r"practitioner|fellow|medic|perfusionist|worker|helper|trainee|crna|aide|carer|orderly|"
    r"sonographer|radiographer|dietitian|dietician|therapist|lpn|np|hcsw|sn|mo|ho|apn|ema|"
    r"guy|guard|transporter|janitor|caregiver|volunteer|interpreter|assistant|runner|scribe|"
    r"housekeeper|ward aide)"
)
# A department, team, shift or service the person comes from ("from nights", "in estates").
_DEPT = (
    r"(?:pharmacy|pharmacy stores|icu|itu|hdu|ccu|cicu|nicu|picu|scbu|ed|er|a&e|ae|amu|mau|sau|"
    r"theatres?|recovery|resus|majors|minors|radiology|imaging|x-?ray|lab|labs|pathology|"
    r"estates|facilities|security|catering|kitchens?|housekeeping|domestics|cleaning|"
    r"porters|portering|wardies|transport|switchboard|reception|admin|it|hr|oh|payroll|"
    r"finance|outpatients|endoscopy|cardiology|oncology|haematology|renal|dialysis|paeds|"
    r"peds|gynae|obs|maternity|labour ward|l&d|birth centre|neuro|ortho|stroke|rehab|"
    r"physio|surgery|medicine|chaplaincy|mortuary|nights|days|bank|agency|the bank|"
    r"cath lab|day surgery|discharge lounge|dispensary|aseptics?|stores|the \w+ team|"
    r"ward\s?\d+|bed management|ops|respiratory|registration|triage|maintenance|"
    r"environmental services|evs|dietary|the lab|phlebotomy|nutrition|social work)"
)
# Only after "from": "Rose from the ward", "Lovely from the OR" (but "sunny on the ward").
_DEPT_FROM = r"(?:or|ward|unit|office|desk|front desk|floor|\w+ ward|\w+ unit)"
_APPOSITION = re.compile(
    rf"(?:,\s(?:the|our|my|a|an|one\sof\s(?:the|our))\s(?:\w+\s)?{_ROLE}s?\b"
    rf"|\s?\((?:the\s)?[^()]{{0,12}}?\b{_ROLE}\b[^()]{{0,20}}\)"
    rf"|\s?\({_DEPT}\)"
    # "Åsa the physio feels", "Pat the ward clerk took the call": a verb after the role
    # and with up to two words before the role: "Thanos the ICU fellow said", "Lerato the travel
    # nurse from Pretoria", "blessing the nigerian icu nurse, patient died"
    rf"|\sthe\s(?:[^\W_]+\s){{0,2}}?{_ROLE}\b(?=[,.;:!?)]|\s|$)"
    rf"|\s(?:from|in|at|on)\s(?:the\s)?{_DEPT}\b"
    rf"|\sfrom\s(?:the\s)?{_DEPT_FROM}\b"
    # a role after a dash: "Charity - RN", "Ploy - recovery nurse"
    rf"|\s[-\u2013]\s(?:\w+\s)?{_ROLE}\b)",
    re.IGNORECASE,
)
# Names that open a sentence as a verb before "the ROLE": "Hope the nurse is ok", "Will the
# reg call back"; for these "X the ROLE" is not an apposition at the start of a sentence.
_VERB_NAMES = words("hope will wish page call ring bleep ask tell get let")


def apposition_at(t: str, end: int, key: str, initial: bool, lower_word: bool = False) -> bool:
    """Whether a role or department follows the word ending at `end` ("Rose, the matron").
    `lower_word`: the word is an English word in lower case, for which "X the ROLE" is no
    apposition ("50/50 chance the surgeon said")."""
    m = _APPOSITION.match(t, end)
    if m is None:
        return False
    if not m.group().lstrip().lower().startswith("the"):
        return True
    return not (lower_word or (initial and key in _VERB_NAMES))


_ME_AND = re.compile(r"(?:\bme|\bi)\s(?:and|n|&)\s$", re.IGNORECASE)
_AND_ME = re.compile(r"\s(?:and|n|&)\s(?:me|i)\b", re.IGNORECASE)


def word_name_flags(
    t: str,
    tokens: Sequence[Token],
    keys: list[str],
    classes: list[tuple[bool, bool, bool]],
    person: list[bool],
    *,
    data: _Lists,
    initial: list[bool],
    blocked: list[bool],
    place_next: frozenset[str],
    colours: frozenset[str],
) -> None:
    """Set person[i] for word-names whose context makes them a person.

    `classes[i]` is (an ordinary or safe word, a listed name, a safe word) for token i;
    `initial[i]`: it starts a sentence; `blocked[i]`: another rule rules it out (a number, an
    eponym or a place noun follows, it is after "code", a month or a weekday ...). A token is
    - a word-name when it is a word, in a name list, not on the safe-list and not hyphenated;
    - given when it is in a given-name list (a surname alone, "still", "hunt", needs more);
    - a possible object when it is not on the safe-list and is capitalised, not an English word
      or a listed name: such a token is a name as the object of a person verb even if it is in
      no name list or only a surname list ("met Nab in the staff room", "spoke with mcguill",
      "told rivers to take a break").
    `colours` ("Amber") need a cue stronger than a capital letter ("rated Amber" is a status)."""
    n = len(tokens)
    word_name = [
        c[1] and c[0] and not c[2] and "-" not in k for c, k in zip(classes, keys, strict=True)
    ]
    given = [k in data.first or k in data.world for k in keys]
    as_object = [
        not c[2] and len(k) >= 3 and (tok.capitalised or not c[0] or c[1])
        for c, k, tok in zip(classes, keys, tokens, strict=True)
    ]

    def nk(i: int, step: int = 1) -> str:
        j = i + step
        if j < n and t[tokens[j - 1].end : tokens[j].start] in (" ", "  "):
            return keys[j]
        return ""

    for i in range(n):
        if person[i] or blocked[i] or keys[i] in NEVER or not (word_name[i] or as_object[i]):
            continue
        tok = tokens[i]
        if tok.all_caps or len(keys[i]) < 3:
            continue
        pkey = keys[i - 1] if i else ""
        ppkey = keys[i - 2] if i > 1 else ""
        gap = t[tokens[i - 1].end : tok.start] if i else ""
        plain_gap = gap in (" ", "  ")
        nxt, nxt2 = nk(i), nk(i, 2)
        run_after = (
            nxt != ""
            and tokens[i + 1].capitalised
            and not word_name[i + 1]
            and not blocked[i + 1]
            and keys[i + 1] not in NEVER
        )
        if (pkey in _DETERMINERS and plain_gap) or nxt in place_next or run_after:
            continue
        possessive = tok.word.endswith(("'s", "\u2019s"))
        subject = (
            nxt in _SUBJECT_VERBS
            or (nxt in _AUX and (nxt2 in _STATE or nxt2.endswith("ing")))
            or (possessive and tok.capitalised)
        )
        # "caught up with joy", "checked in on will"; not "back to work", "come back with hope"
        pppkey = keys[i - 3] if i > 2 else ""
        # "phone lines", "text messages": a verb that is a noun too, first in its clause
        noun_verb = pkey in _NOUN_VERBS and (i < 2 or initial[i - 1] or ppkey in _DETERMINERS)
        direct = plain_gap and pkey in _OBJECT_VERBS and not noun_verb
        obj = direct or (
            plain_gap
            and (
                (
                    pkey in _PREPS
                    and (
                        ppkey in _PREP_VERBS
                        or (ppkey in _PARTICLES and pppkey in _PREP_VERBS - _MOTION)
                    )
                )
                or (pkey == "for" and ppkey in _FOR_VERBS)
            )
        )
        apposition = (given[i] or not initial[i]) and apposition_at(
            t, tok.end, keys[i], initial[i], lower_word=not tok.capitalised
        )
        with_me = (
            _ME_AND.search(t, max(0, tok.start - 8), tok.start) is not None
            or _AND_ME.match(t, tok.end) is not None
        )
        # "Duty of Candour", "Faith for Life": a title run, not a person
        title_of = nxt in ("of", "for") and i + 2 < n and tokens[i + 2].capitalised
        mid_capital = (
            tok.capitalised
            and not initial[i]
            and given[i]
            and keys[i] not in colours
            and not title_of
        )
        if plain_gap and (
            pkey in NEVER
            or (
                not tok.capitalised
                and any(keys[j] in _DETERMINERS for j in range(max(0, i - 3), i))
            )
        ):
            subject = False  # "she still feels", "her faith says", "the CARPA manual said"
        if not word_name[i]:  # only as the object of a person verb
            person[i] = obj and not (tok.capitalised and initial[i])
            continue
        if not tok.capitalised and not given[i]:
            # a lower-case surname that is a word ("see", "day", "light"): only as the direct
            # object of a person verb ("told banks", "spoke with robles", "checked in on beer"),
            # not after "to" ("went to see", "back to work")
            person[i] = direct or (obj and pkey in ("with", "w", "on"))
            continue
        person[i] = mid_capital or subject or obj or apposition or with_me

    # lists: "Dawn, Joy, Sky", "Blessing and Precious", "faith and joy"; a capitalised word of
    # no name list too, beside a name ("Present: Can, Ioanna, Gideon", "Mint, Bee and Aom")
    in_list = [
        word_name[i] or (tokens[i].capitalised and not classes[i][2] and len(keys[i]) >= 3)
        for i in range(n)
    ]
    for _sweep in range(2):
        for i in range(n):
            if person[i] or not in_list[i] or blocked[i] or keys[i] in NEVER:
                continue
            for j in (i - 2, i - 1, i + 1, i + 2):
                if not 0 <= j < n or not person[j]:
                    continue
                a, b = (tokens[j], tokens[i]) if j < i else (tokens[i], tokens[j])
                if tokens[i].capitalised != tokens[j].capitalised:
                    continue
                if _AND.fullmatch(t, a.end, b.start) is not None:
                    person[i] = True
                    break
