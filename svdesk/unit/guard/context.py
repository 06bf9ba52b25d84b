"""Names decided by a person's place in the sentence, whatever the word lists say: the subject
of a predicate only a person takes ("Jun wants the family told first", "qays wants ...",
"Pallie was in tears"), the object of a verb or a kin word that takes a person ("Met Jun in the
staff room", "Wife of Mar rang", "checked in on april by phone", "coffee w Bilge").

The word lists cannot decide these tokens: a nickname or a short name is often a month, a
clinical abbreviation ("Min", "Mi"), an English word ("Rosy", "Bilge") or one typing slip from
one ("Pallie", "qays"). The sentence decides instead. A token qualifies as a candidate when it is
a given name (or looks like a nickname of one), a listed surname that is no English word, or a
word in no list; roles, kin, departments, pronouns and weekdays never qualify, and a lower-case
word one slip from a person noun ("pateint said", "colleauge felt") is a typo, not a name.
Like the rest of the name rules this only adds person_name findings, which warn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from svdesk.unit.guard.patterns import _MONTH_WORDS
from svdesk.unit.guard.wordnames import _VERB_NAMES, NEVER, Token, apposition_at, words


class _Lists(Protocol):
    @property
    def first(self) -> frozenset[str]: ...

    @property
    def surnames(self) -> frozenset[str]: ...

    @property
    def world(self) -> frozenset[str]: ...

    @property
    def given_prefixes(self) -> frozenset[str]: ...


# One word after the subject that only a person is the subject of.
_PREDICATE = words(
    "said says told tells asked asks wants wanted feels felt cried cries complained complains "
    "thinks thought shouted blamed blames knows knew tried reckons reckoned mentioned admitted "
    "explained agreed refused texted phoned emailed messaged rang keeps kept seems seemed "
    "sounded sounds upset tearful shaken distressed worried anxious angry devastated exhausted "
    "stressed overwhelmed struggling crying hasn't isn't wasn't doesn't didn't can't won't "
    "couldn't wouldn't wants"
)
_BARE_PREDICATE = words("say tell feel want cry ask think blame worry")
# Verbs of coming and going: a person's only when the word is no English word ("pawel came
# back to the ward"; but "Dawn came up before she got home").
_MOTION = words("came went arrived left returned stayed walked rang")
# After "is/was/has/had/looked/seemed": a state of a person ("Jun was in tears", "is off sick").
_AUX = words("is was has had looked looks seemed seems sounded sounds s")
_STATE = words(
    "upset tired exhausted worried scared stressed anxious devastated shaken tearful angry "
    "pregnant struggling crying coping not been told asked off sick distressed overwhelmed "
    "gutted rattled shocked numb frustrated furious teary emotional shaky"
)
_FINE = words("fine ok okay alright")
_DEGREE = words("very so really quite still a bit pretty absolutely totally clearly visibly")
_ADVERB = words("also still now really just never then po")  # "Jun also said", "Joy po said"
# Words after which a clause starts ("... and Jun said", "but qays wants", "not sure Amber took").
_CLAUSE_BEFORE = words(
    "and but then so cos coz because plus n sure think thinks thought know knew said says "
    "reckon reckons worried feel felt that"
)
# After a clause start these also need a person ("sure Amber took it in", "Joy was with the ...").
_PREDICATE_AFTER_CUE = words("took did went were are was is had has")
_PRONOUN_AND = words("she he i me we they")
_AND_WORDS = words("and n")
# Verbs whose object is a person: "told Jun", "met Pallie", "asked kao".
_OBJECT_VERBS = words(
    "told tell asked ask thanked thank hugged reassured texted text rang ring phoned emailed "
    "messaged met visited paged bleeped reminded encouraged advised warned signposted referred "
    "congratulated praised debriefed supported saw seen"
)
# "wife of Mar", "mum of jun": a kin word and "of".
_KIN = words(
    "wife husband partner son daughter mum mother dad father brother sister family friend "
    "parents parent girlfriend boyfriend fiance fiancee widow widower niece nephew"
)
# "spoke w/ dale", "coffee w Bilge", "sat with Jun": a verb or a shared moment, then "with".
_WITH_BEFORE = words(
    "spoke speak talked talk chatted chat sat met coffee tea lunch debrief debriefed session "
    "catch-up call walk break checked check caught catch shift worked working paired buddied "
    "nights stayed"
)
_WITH = words("with w")
# "spoke to X", "worried about X", "covering for X": a verb, a preposition, a person.
_TO_BEFORE = words(
    "spoke speak speaking talked talk talking chatted chat explained handed gave passed "
    "listened said wrote sent apologised apologized reported escalated over"
)
# a conversation takes a person even as a capitalised word ("spoke to Kestrel"); "escalated to
# Outreach" is a team
_TALK_TO = words(
    "spoke speak speaking talked talk talking chatted chat listened apologised apologized"
)
_ABOUT_BEFORE = words("worried concerned asked talked spoke chatted thinking upset")
_FOR_BEFORE = words("covering cover covered thanks worried concerned asked stayed swapped")
# Nouns for people: a lower-case word one slip from one is a typo ("pateint said").
_PERSON_NOUNS = words(
    "everyone everybody someone somebody nobody noone staff team colleague colleagues patient "
    "patients family relatives relative mother father husband wife partner daughter sister "
    "brother grandma grandad manager matron nurse nurses doctor doctors consultant registrar "
    "student students midwife midwives porter porters pharmacist physio cleaner paramedic "
    "crew supporter volunteer chaplain boss lead people others friend friends parents mum dad "
    "son baby child kids"
)
_FOLLOW_UP = re.compile(
    r"\b(?:f/u|fu)(?: (?:with|w/?))? $|\bfollow(?:ed|ing)?[ -]up (?:with|w/?) $", re.IGNORECASE
)
_OWNED = words(
    "patient patients first last shift husband wife partner mum mom dad son daughter baby kids "
    "children family mother father brother sister boyfriend girlfriend fiance fiancee"
)
_NICK_ENDINGS = ("ie", "ey", "y", "o", "zza", "sy")


def nickname_like(key: str, data: _Lists) -> bool:
    """Whether `key` reads as a pet form of a given name: "pallie" (Pallavi), "rosy" (Rosa),
    "chasy" (Chase): a nickname ending on the first three to five letters of a listed name."""
    for ending in _NICK_ENDINGS:
        if key.endswith(ending):
            stem = key[: -len(ending)]
            if len(stem) >= 3 and (stem in data.given_prefixes or stem[:-1] in data.first):
                return True
    return False


def _one_slip(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one letter added, dropped, changed or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


_DIGIT_AFTER = re.compile(r"\s{0,2}\d")


@lru_cache(maxsize=4096)
def _near_person_noun(key: str) -> bool:
    return any(_one_slip(key, noun) for noun in _PERSON_NOUNS if abs(len(noun) - len(key)) <= 1)


def context_flags(
    t: str,
    tokens: Sequence[Token],
    keys: list[str],
    classes: list[tuple[bool, bool, bool]],
    person: list[bool],
    *,
    data: _Lists,
    initial: list[bool],
    excluded: frozenset[str],
    place_or_eponym: frozenset[str],
    not_initials: frozenset[str],
) -> None:
    """Set person[i] for candidates that stand where a person stands (see the module)."""
    n = len(tokens)

    def plain(j: int) -> bool:  # token j follows token j-1 after a plain space
        return 0 < j < n and t[tokens[j - 1].end : tokens[j].start] in (" ", "  ")

    def after(i: int, step: int) -> str:
        """The key `step` tokens after token i, over plain spaces (the first gap may close a
        bracket or be a colon or dash: "[agnesi] wants", "Grace: still upset")."""
        j = i + step
        if j >= n:
            return ""
        first = t[tokens[i].end : tokens[i + 1].start]
        if first not in (" ", "  ", "] ", ") ", ": ", " - ", ":  "):
            return ""
        return keys[j] if all(plain(k) for k in range(i + 2, j + 1)) else ""

    def ppkey_of(i: int) -> str:
        return keys[i - 2] if i > 1 and plain(i - 1) else ""

    for i in range(n):
        if person[i]:
            continue
        tok, key = tokens[i], keys[i]
        if key in excluded or key in NEVER or len(key) < 2 or key.endswith("-ish"):
            continue
        is_word, is_listed, is_safe = classes[i]
        if is_safe and not tok.capitalised:
            continue  # a lower-case safe word is never a candidate (the cheap test first)
        pkey = keys[i - 1] if i else ""
        # "Rubina's first code", "naledi's patient": a possessive before what a person has
        # (an eponym is a safe word or a surname: "Crohn's", "Huntington's patient" stay clinical)
        owner = (
            not is_safe
            and (key in data.first or key in data.world or not is_listed)
            and tok.word.endswith(("'s", "\u2019s"))
            and after(i, 1) in _OWNED
            # "the guy's wife": a lower-case word after a determiner is a noun
            and not (not tok.capitalised and pkey in ("the", "a", "an", "this", "that"))
        )
        code_before = pkey == "code" and plain(i)  # "code Amber", not "full code, Savitri"
        if not owner and (code_before or after(i, 1) in place_or_eponym):
            continue  # "code Amber", "Rose Ward", "Wells score"
        digit_after = _DIGIT_AFTER.match(t, tok.end, tok.end + 3) is not None
        given = key in data.first or key in data.world
        loose_object = False
        surname_word = False  # a lower-case surname that is also a word ("gold", "banks")
        if tok.all_caps:
            candidate = len(key) <= 4 and is_listed and not is_safe and tok.word not in not_initials
        elif tok.capitalised:
            candidate = given or (is_listed and not is_word) or not (is_word or is_listed)
            candidate = candidate or key in _MONTH_WORDS
            candidate = candidate or (not is_safe and not is_word and nickname_like(key, data))
            # a capitalised word mid-sentence may still be the object of a person verb
            # ("coffee w Bilge"), unless it opens a run of capitalised words
            loose_object = (
                not candidate
                and not is_safe
                and not initial[i]
                and len(key) >= 3
                and not (i + 1 < n and plain(i + 1) and tokens[i + 1].capitalised)
            )
        else:
            # lower case: "may", "march" and safe words are words; "qays" a name unless a slip
            # from a person noun
            candidate = (
                not is_safe
                and key not in ("may", "march", "mar")
                and (
                    given
                    or (is_listed and not is_word)
                    or (not is_word and not is_listed and not _near_person_noun(key))
                    or (not is_word and nickname_like(key, data))
                )
            )
            surname_word = not candidate and is_listed and is_word and not is_safe
            # a word that reads as a pet name ("rosy"): only as the object ("thanks to rosy")
            loose_object = not (candidate or is_safe) and is_word and nickname_like(key, data)
        if not (candidate or loose_object or surname_word):
            continue

        # the subject of a person's predicate, at the start of a clause
        gap_before = t[tokens[i - 1].end : tok.start] if i else ""
        clause_start = (
            initial[i]
            or gap_before.rstrip().endswith((",", ";", "-"))
            or (plain(i) and pkey in _CLAUSE_BEFORE)
        )
        n1, n2, n3 = after(i, 1), after(i, 2), after(i, 3)
        if n1 in _ADVERB or (len(n1) == 1 and n1.isalpha() and n1 not in ("a", "i")):
            n1, n2, n3 = n2, n3, after(i, 4)  # "Jun also said", "paloma g asked": an initial
        predicate = (
            n1 in _PREDICATE
            # the bare verb of English as a second language: "Fon say she cannot sleep",
            # "Nok tell me", not "Will say more", "Hope feel better"
            or (n1 in _BARE_PREDICATE and key not in _VERB_NAMES and not is_word)
            or (n1 in _AUX and (n2 in _STATE or (n2 == "in" and n3 == "tears")))
            or (n1 in _AUX and n2 in _FINE and key not in _MONTH_WORDS)  # "palesa was fine"
            or (n1 in _AUX and n2 in _DEGREE and n3 in _STATE)
        )
        if not predicate and plain(i) and pkey in _CLAUSE_BEFORE - _AND_WORDS:
            predicate = n1 in _PREDICATE_AFTER_CUE and tok.capitalised and not tok.all_caps
        if not predicate and n1 in _AUX and n2 == "with" and given and tok.capitalised:
            predicate = True  # "Joy was with the 92yo"
        if not predicate and not is_word and not tok.all_caps:
            predicate = n1 in _MOTION
        subject = clause_start and predicate
        # "she and Amber were", "me n babs did": a pronoun and a name
        pair = (
            plain(i)
            and pkey in _AND_WORDS
            and ppkey_of(i) in _PRONOUN_AND
            and (predicate or n1 in _PREDICATE_AFTER_CUE)
        )
        # "Min, the ward manager", and in lower case a word in no list: "tiao the night tech"
        # and a given name that is also a word at the start of a clause: "summer the CNA found"
        apposition = (
            tok.capitalised or not (is_word or is_listed) or (given and clause_start)
        ) and apposition_at(t, tok.end, key, initial[i])
        # the object of a person verb, of a kin word, or "in on X", "w/ X"
        gap_ok = i > 0 and t[tokens[i - 1].end : tok.start] in (" ", "  ", "/ ", "/")
        ppkey = keys[i - 2] if i > 1 else ""
        # "F/U Faith 2/52", "follow up w joy": a follow-up names who it is with
        follow_up = _FOLLOW_UP.search(t, max(0, tok.start - 16), tok.start) is not None
        obj = follow_up or (
            gap_ok
            and (
                pkey in _OBJECT_VERBS
                or (pkey == "of" and ppkey in _KIN)
                or (pkey == "on" and ppkey == "in")
                or (pkey == "to" and ppkey == "thanks")
                or (pkey in _WITH and ppkey in _WITH_BEFORE)
                or (pkey == "to" and ppkey in _TO_BEFORE and not loose_object)
                or (pkey == "to" and ppkey in _TALK_TO)
                or (
                    key not in _MONTH_WORDS
                    and not loose_object
                    and (given or is_listed or tok.capitalised)  # "upset about bieng blamed"
                    # "we talked about hope", "about grace": in lower case a word is a topic
                    and (tok.capitalised or not is_word)
                    and (
                        (pkey == "about" and ppkey in _ABOUT_BEFORE)
                        or (pkey == "for" and ppkey in _FOR_BEFORE)
                    )
                )
            )
        )
        if surname_word:  # a word as well: only a subject, or "asked banks how she is"
            person[i] = (initial[i] and predicate) or (obj and n1 in ("how", "who", "whether"))
        elif loose_object:
            person[i] = obj
        elif digit_after:  # "Jun 12", "Min 5": a date or a dose, unless a person verb precedes
            person[i] = obj and key not in _MONTH_WORDS
        else:
            person[i] = subject or obj or pair or owner or (apposition and (given or not is_word))
