"""Places and things where a name would stand, for the name rules (svdesk/unit/guard/names.py).
A place is not a personal identifier (data-dictionary section 3), and the supporters' notes
are full of them: cities, hospitals, devices ("the Bovie"), brands.

`place_tokens` marks as places:
- a city, state or country of resources/names/place_names.txt of several words ("Kuala
  Lumpur") anywhere, and of one word where a place stands: after "in", "near", "outside" ...
  ("in Houston"), after "to" or "from" with a verb of moving or living ("moved to Edmonton",
  "she's from Pontypridd"), or in a list after one ("Phoenix and Tacoma"); in those places
  also a capitalised word in no name list ("in Govan", "drives to Bronglais");
- a capitalised word after "the" and the capitalised words after it ("the Royal Glamorgan",
  "the Bovie", "The Pitt"), unless a word for people follows ("the Okafor family");
- a capitalised word after "at" that is no possessive and not the object of a person verb
  ("worked at Sunnybrook", not "shouted at Ama");
- the capitalised words before a place noun ("Ganga Ram Hospital", "Sheikh Khalifa Medical
  City"), and the same word elsewhere in the note ("Jinnah Hospital ... Jinnah was calmer")."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.unit.guard.lexicon import _fold


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    """One-word places, and places of several words by their first word."""
    text = unicodedata.normalize("NFKC", read_text("names", "place_names.txt"))
    lines = [line.strip() for line in text.splitlines()]
    # the file is folded already (scripts/guard_place_names.py); a hand edit may not be
    lines = [line if line.isascii() else _fold(line) for line in lines if line and line[0] != "#"]
    # one token with its hyphens too: "Weston-super-Mare" is one word of a note
    single = {line for line in lines if " " not in line}
    multi: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        if "-" not in line and line in single:
            continue
        words = tuple(line.replace("-", " ").split())
        if len(words) == 1:
            single.add(words[0])
        elif words:
            multi.setdefault(words[0], []).append(words)
    return frozenset(single), {k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()}


_IN = _words("in near outside around via towards toward into across through nr round past beyond")
# in, at, from of the languages notes mix in ("desde Cusco", "en Sabadell"): before a town of the
# gazetteer only, since "en" is "and" in Caribbean and West African English ("Priya en Kemar")
_IN_FOREIGN = _words("à en desde em nach aus bei dans ve")
_TO_FROM = _words("to from")
_AND_THEN = _words("and or then y e et und i o")  # "desde Alcorcón y Getafe"
_MOVING = _words(
    "moved moving move moves went go going gone goes drove drive driving drives flew fly flying "
    "flown "
    "transferred transfer transferring diverted came come coming comes back commute commutes "
    "commuting commuted travel travels travelled traveled travelling traveling returned return "
    "returning "
    "relocated relocating relocate trip holiday holidays visit visiting visited lives living "
    "lived based born raised grew originally she's he's i'm they're is was are were family "
    "home flight bus train drive ride sent posted contract contracts far away all way she he "
    "they we i road roads ferry ferries helicopter heli ambulance boat plane flights buses "
    "trains coach retrieval walk walks walked walking bike bikes biked biking cycle cycles "
    "cycled cycling rode ride rides riding hiked transport transported"
)
# words between a verb of moving and "to"/"from": "drove in from", "came back from"
_PARTICLES = _words(
    "in out back over up down home across all the way straight direct "
    # a duration or distance between: "drives 90 min from Chinle", "flew 2 hours to Darwin"
    "min mins minute minutes hour hours hr hrs km kms miles mile an a half"
)
# what comes from or goes to a place, before "from"/"to": "patients from", "a transfer to"
_FROM_NOUNS = _words(
    "patient patients pt pts tx transfer transfers retrieval retrievals referral referrals "
    "mva mvc rta crash admission admissions casualties case cases evacuated evac"
)
# moving a patient between places of care: the place's name follows, whatever its words
_TRANSFERS = _words(
    "transferred transfer transfers transferring tx txd diverted diverting retrieval retrieved "
    "retrievals airlifted flown evacuated repatriated referred stepped"
)
_MOVING_BEFORE = _MOVING | _FROM_NOUNS | _TRANSFERS
# the first word of a hospital's name: "Royal Darwin", "Memorial Hermann", "Mater Dei"
_HOSPITAL_HEADS = _words(
    "royal memorial mater general university children's childrens women's womens queen's "
    "queens king's kings prince princess st saint mount mt sacred holy"
)
_AT_PERSON = _words(
    "shouted yelled snapped screamed swore shouting yelling snapping screaming swearing angry "
    "mad cross furious annoyed upset frustrated looked looking stared staring glared glaring "
    "laughed laughing smiled smiling waved waving pointed pointing lashed lashing aimed "
    "directed thrown threw throwing cry cried crying"
)
_PEOPLE_AFTER = _words(
    "family families boy boys girl girls kids children twins brothers sisters couple household "
    "lot crowd clan baby son daughter"
)
_PLACE_NOUNS = _words(
    "hospital hospitals infirmary clinic hospice city general memorial medical college "
    "university centre center institute trust ward wing unit building campus public "
    "specialist regional district teaching"
)
_TITLES = _words("dr mr mrs ms miss mx prof nurse sister doctor sir dame lady lord")
# before "to"/"from", a person follows: "spoke to Morag", "thanks to Asuka", "a call from Tar"
_TALK_BEFORE = _words(
    "spoke speak speaking talked talk talking chatted chat thanks thank said say says explained "
    "listened apologised apologized wrote write emailed texted rang called handed gave passed "
    "message messages text texts email emails note notes card cards help support "
    "hug hugs visit letter gift flowers sorry hello hi"
)
# the first word of a place's name, after which a name's words belong to the place too:
# "near Fort Stockton", "to Port Elizabeth", "in New Plymouth"
_PLACE_HEADS = _words(
    "fort port mount mt lake cape new san santa los las el la saint st north south east west "
    "upper lower great little"
)
# lower-case nouns of a place in a town, after its capitalised name: "Tiong Bahru market",
# "Whitechapel station", "the Jean-Talon market"
_TOWN_NOUNS = _words(
    "market markets station stations mall malls road street avenue lane park square bridge pier "
    "harbour harbor beach airport terminal junction interchange motorway highway freeway "
    "expressway precinct suburb township village town"
)
# roles written before a name ("the APN Lau Chi-keung"): not the start of a place
_ROLE_ABBREVIATIONS = _words(
    "apn rn rgn rmn hca cna np pa fy1 fy2 sho spr reg ho mo sn en lpn crna odp hcsw ema anp ccp"
)
# places of care, in any case ("Al Qassimi hospital", "Hospital Serdang")
_CARE_PLACES = _words("hospital hospitals infirmary clinic hospice")
# words of a note about where someone worked or was moved
_WORKPLACE_WORDS = _words(
    "worked works working posted transferred transfers transfer placement placements training "
    "trained contracts contract rotation rotations moved hospital hospitals"
)


def _follows(keys: list[str], i: int, wanted: frozenset[str], reach: int) -> bool:
    """Whether the "to"/"from" at token i follows a word of `wanted`, with at most `reach` - 1
    particles between ("drove in from", "came all the way from")."""
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if keys[j] in wanted:
            return True
        if keys[j] not in _PARTICLES:
            return False
    return False


def place_tokens(
    t: str, tokens: list[tuple[str, int, int]], keys: list[str], listed: list[bool]
) -> list[bool]:
    """Per token (word, start, end) with its look-up key: whether it stands for a place or a
    thing, not a person (see the module's docstring). `listed`: a listed name."""
    n = len(keys)
    out = [False] * n
    single, multi = _places()

    def cap(i: int) -> bool:
        w = tokens[i][0]
        return w[0].isupper() and keys[i] not in _TITLES

    def spaced(i: int) -> bool:  # token i and i+1 are joined by one space (or a hyphen)
        return t[tokens[i][2] : tokens[i + 1][1]] in (" ", "-")

    def before(i: int) -> str:
        return keys[i - 1] if i > 0 and t[tokens[i - 1][2] : tokens[i][1]].strip() == "" else ""

    i = 0
    while i < n:
        if cap(i):
            got = 0
            for phrase in multi.get(keys[i], ()):
                m = len(phrase)
                if (
                    i + m <= n
                    and tuple(keys[i : i + m]) == phrase
                    and all(spaced(j) for j in range(i, i + m - 1))
                ):
                    got = m
                    break
            if got:
                out[i : i + got] = [True] * got
                i += got
                continue
        i += 1

    for i in range(n):
        if out[i]:
            continue
        if not cap(i):
            # a town of the list in lower case after a verb of moving: "came from kaneohe"
            # and after in/near/from/to ("lives in oadby", "fly to bethel") when the town is in
            # no name list
            out[i] = (
                keys[i] in single
                and not listed[i]
                and len(keys[i]) >= 4
                and (
                    (before(i) in _TO_FROM and _follows(keys, i - 1, _MOVING_BEFORE, 4))
                    or before(i) in _IN
                    or (before(i) in _TO_FROM and not (i > 1 and keys[i - 2] in _TALK_BEFORE))
                )
            )
            continue
        prev = before(i)
        word = tokens[i][0]
        possessive = word.endswith(("'s", "s'"))
        # after a verb of moving or a noun of what moves ("patients from", "a transfer to");
        # after moving a patient between places of care what follows is a place, even a
        # name's words ("transferred to Tan Tock Seng")
        moving = prev in _TO_FROM and _follows(keys, i - 1, _MOVING_BEFORE, 4)
        transfer = prev in _TO_FROM and _follows(keys, i - 1, _TRANSFERS, 3)
        head = (keys[i] in _HOSPITAL_HEADS or transfer) and keys[i] not in _TITLES
        if (
            (
                keys[i] in single
                or not listed[i]
                or (moving and head)
                or (keys[i] in _PLACE_HEADS and i + 1 < n and spaced(i) and cap(i + 1))
            )
            and (
                (prev in _IN and not possessive)
                or (prev in _IN_FOREIGN and keys[i] in single)
                or moving
                # a place of the list that is no name needs no verb: "patients from Manurewa";
                # not after a word of talking or help ("spoke to Morag", "a call from Asuka")
                or (
                    prev in _TO_FROM
                    and keys[i] in single
                    and not listed[i]
                    and not (i > 1 and keys[i - 2] in _TALK_BEFORE)
                )
                or (prev in _AND_THEN and i > 1 and out[i - 2])
                # a town of the list, even a name, in a route: "from Marfa to Odessa",
                # "to Darwin, then to Katherine"
                or (
                    prev in _TO_FROM
                    and keys[i] in single
                    and i > 1
                    and (out[i - 2] or (keys[i - 2] in ("then", "and") and any(out[: i - 2])))
                )
                or (
                    prev == ""
                    and i > 0
                    and t[tokens[i - 1][2] : tokens[i][1]].strip() == ","
                    and out[i - 1]
                )
            )
        ):
            out[i] = True
            if prev in _IN or moving:  # and the capitalised words after it: "in Oud Metha",
                j = i + 1  # "transferred to Royal Darwin", "flown to Memorial Hermann"
                head = head or keys[i] in _PLACE_HEADS
                while j < n and spaced(j - 1) and cap(j) and (not listed[j] or head):
                    out[j] = True
                    j += 1
        elif prev == "the" or (
            prev == "at" and not possessive and (not listed[i] or keys[i] in _PLACE_HEADS)
        ):
            if prev == "at" and i > 1 and keys[i - 2] in _AT_PERSON:
                continue
            if keys[i] in _ROLE_ABBREVIATIONS:
                out[i] = True  # "the HO", not a name; but "the APN Lau Chi-keung": a person
                continue
            j = i
            while j + 1 < n and spaced(j) and cap(j + 1):
                j += 1
            if j + 1 < n and keys[j + 1] in _PEOPLE_AFTER:
                continue  # "the Okafor family", "the Nguyen twins"
            out[i : j + 1] = [True] * (j + 1 - i)
    # the capitalised words before a place noun, and the same words elsewhere in the note;
    # a lower-case "hospital" after one more word too ("Karin Grech rehab hospital", "Tung Wah
    # group hospital"); the capitalised words after "Hospital" ("Hospital Sultanah Aminah")
    seen: set[str] = set()
    workplace = False
    for i in range(n):
        if keys[i] in _TOWN_NOUNS and not cap(i) and i > 0 and spaced(i - 1):
            j = i - 1
            while j >= 0 and cap(j) and not tokens[j][0].endswith(("'s", "s'")):
                out[j] = True
                if j == 0 or not spaced(j - 1):
                    break
                j -= 1
        if keys[i] in _PLACE_NOUNS and cap(i):
            workplace = True
            j = i - 1
            while j >= 0 and cap(j) and spaced(j):
                out[j] = True
                seen.add(keys[j])
                j -= 1
        elif keys[i] in _CARE_PLACES:
            workplace = True
            j = i - 1
            if j > 0 and not cap(j) and spaced(j) and cap(j - 1) and spaced(j - 1):
                j -= 1  # one lower-case word between: "rehab", "group", "district"
            while j >= 0 and cap(j) and spaced(j):
                out[j] = True
                seen.add(keys[j])
                j -= 1
        if keys[i] in _CARE_PLACES and cap(i):
            j = i + 1
            while j < n and spaced(j - 1) and cap(j) and keys[j] not in _PLACE_NOUNS:
                out[j] = True
                seen.add(keys[j])
                j += 1
    workplace = workplace or any(k in _WORKPLACE_WORDS for k in keys)
    # in a note about workplaces, a list of them: "Glangwili, then Withybush, then Singleton",
    # "now Selayang", "then Kwong Wah"
    if workplace:
        for i in range(1, n):
            if out[i] or not cap(i):
                continue
            # "from Queen Elizabeth Hospital to Tan Tock Seng": a listed name too
            after_place = (
                before(i) in _TO_FROM and i > 1 and (out[i - 2] or keys[i - 2] in _PLACE_NOUNS)
            )
            if after_place or (
                before(i) in ("then", "now")
                and (i < 2 or keys[i - 2] not in _TITLES)
                and not (listed[i] and keys[i] not in single)
            ):
                j = i
                while j < n and cap(j) and (j == i or spaced(j - 1)):
                    out[j] = True
                    j += 1
                # and the head of the list: "Glangwili, then Withybush"
                h = i - 2
                head_gap = t[tokens[h][2] : tokens[i - 1][1]] if h >= 0 else ""
                if h >= 0 and cap(h) and not listed[h] and head_gap == ", ":
                    out[h] = True
    if seen:
        for i in range(n):
            if keys[i] in seen and cap(i):
                out[i] = True
    # a saint's name is a church, a hospital, a school or a place: "St Mary's", "St. Paul's Bay"
    for i in range(1, n):
        if (
            keys[i - 1] in ("st", "saint")
            and cap(i)
            and cap(i - 1)
            and t[tokens[i - 1][2] : tokens[i][1]] in (" ", ". ")
            and not (i > 1 and keys[i - 2] in _TITLES)  # "Sister St Clair": a surname
        ):
            out[i - 1] = True  # "St." too
            j = i
            while j < n and cap(j) and (j == i or spaced(j - 1)):
                out[j] = True
                j += 1
    return out
