"""The vocabulary of the person-name rules (svdesk/unit/guard/names.py): titles, cue words,
roles, person verbs, eponym and place nouns, words never a name, initials. Words, not lists of
names: the name lists are resources/names/*.txt."""

from __future__ import annotations

import re
from typing import Protocol

from svdesk.unit.guard.lexicon import _fold
from svdesk.unit.guard.patterns import _I, _MONTH_WORDS
from svdesk.unit.guard.wordnames import NEVER


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+|-[^\W\d_]+)*")
_TITLES = _words(
    "dr mr mrs ms miss mx prof professor nurse sister matron doctor sr rev reverend "
    "father fr mister madam dame sir lady lord capt captain sgt"
)
_TITLES_CASE_SENSITIVE = _words("nurse sister doctor father lady lord sir miss madam dame captain")
_CUES = _words("patient pt called named name aka surname nee buddy mentor preceptee preceptor")
_AFTER_TITLE_STOP = _words("on call the of and in at to for a an who was is said team in-charge")

# Words after which a capitalised word that is also an ordinary word is a person ("with Hope").
_NAME_BEFORE = _words(
    "with w to about that from by for told asked saw thanked blamed how when if whether said "
    "tell nursed supported visited met phoned rang emailed texted like than between including "
    "whom against mentor buddy colleague husband wife partner son daughter mother father "
    "covering cover thanks and me"
)
# Words that follow a name more often than a word ("Hope who found him", "River how she is").
_AFTER_NAME = _words("who whose how herself himself")
# Titles that make the next word a name even in lower case ("mr sky", "dr rice").
_STRONG_TITLES = _words("dr mr mrs ms miss mx prof mister")
# Words after a title that are roles, not names ("Nurse Practitioner", "Sister in charge").
_ROLE_WORDS = _words(
    "practitioner specialist consultant educator associate manager lead leader in-charge charge "
    "band advocate assistant apprentice director officer coordinator co-ordinator navigator "
    "facilitator tutor lecturer researcher champion partner clinician endoscopist prescriber "
    "anaesthetist surgeon registrar physician said says asked on of in at the and for"
)
# Words that usually follow a person as the subject ("Okonkwo was upset").
_PERSON_VERBS = _words(
    "was is had has said says felt feels asked told died complained cried came went seemed "
    "wants wanted will would could did does thinks thought blamed shouted left arrived called "
    "upset sat rang found looked needs needed wants seems knows knew tried helped gave took "
    "signed wrote phoned texted emailed messaged laughed fainted collapsed offered agreed "
    "refused declined stayed swapped requested attended joined"
)
# Verbs that want a person as the subject ("Hope feels", not "Joy has gone").
_ANIMATE_VERBS = _words(
    "said says felt feels cried complained asked told wants wanted thinks thought shouted rang "
    "sat blamed upset knows knew tried signed wrote laughed fainted phoned texted say"
)
# Words after which a name is an eponym, not a person ("Schwartz Rounds", "Wells score").
_EPONYM_NEXT = _words(
    "rounds round disease disease's syndrome score scores scale catheter line test sign "
    "manoeuvre maneuver position criteria classification reflex palsy fracture tube needle "
    "procedure operation protocol method model cycle pathway curve formula law ratio effect "
    "tool stockings frame mask bundle chart lecture award prize coma lymphoma sarcoma tumour "
    "tumor dementia crisis ulcer cyst repair splint traction forceps retractor blade "
    "airway pump bag valve shunt ligament nerve triad dressing dressings angina grade grades "
    "stage stages group groups psychosis encephalopathy aneurysm phenomenon index staging "
    "patient patients "
    # plurals and more instruments and manoeuvres ("Deaver retractors", "Woods screw")
    "retractors manoeuvres maneuvers screw screws incision incisions clamp clamps speculum "
    "tubes needles masks splints blades catheters sutures suture"
)
# Words after which a capitalised word is a place in the hospital ("Oak Ward", "Lister Building").
_PLACE_NEXT = _words(
    "ward wards wing suite unit building theatre theatres room rooms centre center block house "
    "lounge clinic hospital hospice lodge hall court garden gardens chapel library hub floor "
    # organisations and titles: "Major Haemorrhage Protocol", "Balint Group", "Mind Foundation"
    "trust foundation service services programme program network policy protocol society "
    "association college institute school university academy council board committee forum "
    "project initiative campaign fund appeal pathway"
)
# Words never a person on their own, whatever the lists say: roles, team words, days.
_NEVER_NAME = (
    _words(
        "colleague coll staff team manager matron reg registrar consultant nurse nurses sister "
        "doctor doc porter hca midwife pharmacist physio student crew family relatives patient pt "
        "code blue red amber grey gray black pink "
        # kin and people words that are also listed names ("texted Mum", "Nan was in tears")
        "mum mom dad nan nanna gran granny grandma grandad grandpa hubby sis bro boss "
        "bloke fella lad lass chap"
    )
    | _PLACE_NEXT
)
_ROLE_AFTER = re.compile(
    r"(?:,?\s(?:the|our|a|my|la|el)\s(?:two\s|new\s)?|,\s(?=[A-Z]{2,}\b|[a-z]+\s?,))(?:charge\s|ward\s|night\s|day\s|duty\s|student\s|staff\s|senior\s|"
    r"junior\s|on-call\s|bank\s|agency\s)?(?:nurse|manager|sister|matron|f1|f2|fy1|fy2|sho|reg|"
    r"registrar|consultant|porter|hca|pharmacist|physio|midwife|doctor|cleaner|domestic|"
    r"receptionist|paramedic|chaplain|lead|coordinator|co-ordinator|student|anaesthetist|"
    r"surgeon|tech|technician|odp|hcsw|secretary|clerk|educator|supervisor|"
    r"travell?ers?|travel nurse|mca|(?:maternity |health )?care assistant|assistant|ain|en|rn|"
    r"lpn|cna|aide|orderly|resident|intern|fellow|locum|volunteer|scribe|phlebotomist|"
    r"radiographer|sonographer|dietitian|social worker|interpreter|doula|auxiliar|enfermera|"
    r"enfermero|supervisora|residente)\b",
    _I,
)
_DEPT_AFTER = re.compile(
    r"\s(?:from|in|at|on)\s(?:the\s)?(?:pharmacy|icu|itu|hdu|ed|a&e|theatres?|radiology|lab|labs|"
    r"estates|ward\s?\d+|nicu|picu|scbu|maternity|physio|physiotherapy|it|hr|oh|switchboard|"
    r"portering|security|catering|payroll|finance|outpatients|endoscopy|cardiology|oncology|"
    r"haematology|renal|dialysis|paeds|surgery|medicine|admin|"
    r"chaplaincy|mortuary|pathology|microbiology|housekeeping|recovery|resus|majors|minors|"
    r"cssd|sterile services|laboratory|linen room|kitchen|triage|imaging|x-ray|xray|transport|"
    r"infection control|bed management|patient flow|peer team|float pool|agency|bank|"
    r"(?:night|day|late|early|evening|weekend) shift|nights|days|ambulance service|"
    r"ambulance|ems|neonatal|nicu|psych|psychiatry|neuro|ortho|gynae|obs|delivery suite|"
    r"labour ward|stroke unit|ccu|cath lab|farmacia|urgencias|quirofano|quirófano)\b",
    _I,
)
# Initials: "A.B.", "A. B.", "J.M.K."; after a cue also "AB", "A.B" ("pt AB", "RN C.D").
_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.\s?){1,2}[A-Z]\.)(?![\w])")
_INITIALS_CUED = re.compile(
    r"\b(?:pt|patient|rn|sn|hca|dr|mr|mrs|ms|miss|nurse|sister|fy1|fy2|f1|f2|reg|sho|consultant|"
    r"colleague|staff nurse|student|porter|baby|mum|dad|infant|child)\.?\s+"
    r"((?:[A-Za-z]\.\s?){1,2}[A-Za-z]\.?|(?-i:[A-Z]{2,3}))(?![\w])",
    _I,
)
# Initials without dots as a person: the subject of a person's verb ("AKL wants follow up",
# "TKM is the scrub nurse") or the object of a talk ("talked to JM after"); _NOT_INITIALS and
# the safe list's abbreviations are not
_INITIALS_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?;:]\s)|(?<=\n)|(?<=\s[-•*]\s)|(?<=^[-•*]\s))([A-Z]{2,4})"
    r"(?=\s+(?:wants|signed|asked|asks|ask|said|says|needs|need|is\s+the|was\s+the|felt|feels|"
    r"rang|called|cried|requested|would\s+like|wrote|firmó|firmo|pidió|pidio|agreed|declined)\b)"
    r"|\b(?i:talked|spoke|chatted|sat|met) (?i:to|with) ([A-Z]{2,3})"
    r"(?=\s*(?:[.,;]|$|after\b|about\b|re\b|today\b))"
)
_NOT_INITIALS = _words(
    "UK US USA EU UN NB PS AM PM IV IM SC PO PR PV OK TV GP ED ER OR ICU ITU HDU RN SN DR MR "
    "MS ID IT HR OH OT NHS RIP DNR BP MI PE CT MRI ECG EEG ENT AE TO AT ON IN IS BE NO SO GO "
    "NOK GP PT SLT MDT EAP NIC CNM DON NUM AIN HCA CSSD ODP MO RMO SHO SPR REG CEO CNO COO "
    "NICU PICU SCBU CCU HDU AMU MAU SAU EMS RFDS ACC WHO CDC FBI ICE SOS IRL ASAP FYI AKA "
    "ALL ANY BUT AND THE YES OMG LOL TBC TBA ETA WHS OHS"
)
_MAX_NAME_WORDS = 4
# Colour words that are also given names ("Amber"): a status ("rated Amber") unless a strong cue
_COLOURS = _words("amber red grey gray black pink blue")
_WEEKDAYS = frozenset(
    day + s
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for s in ("", "s")  # "Mondays are the worst"
)
_BLOCK_WORD_NAME = (
    _AFTER_TITLE_STOP | _MONTH_WORDS | _WEEKDAYS | _TITLES | _ROLE_WORDS | (_NEVER_NAME - _COLOURS)
)

# Never a name from its position alone: roles, titles, team and kin words, days (not months:
# "Jun wants the family told first" is a nickname).
_NOT_CONTEXT_NAME = (
    (_BLOCK_WORD_NAME - _MONTH_WORDS)
    | (_COLOURS - {"amber"})
    | _words(
        "mum mom dad nan nanna gran granny grandma grandad grandpa papa mama aunt auntie "
        "uncle sis bro babe hun love mate chap pal boss everyone someone nobody"
    )
)


_COMPASS = _words("north south east west northeast northwest southeast southwest")

# what a colleague is called: "Bear (that's what everybody calls him)", "Jaja is what everyone
# calls the old nursing assistant", "Sky (RN, yes that's her name)"
_CALLED = re.compile(
    r"(?<![\w'-])([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)\s*(?:\(|,|-|\u2013)?\s*(?:[\w ,]{0,12}\s)?"
    r"(?:(?:that's|that is|is|was)\s)?(?:what|how)\s(?:everyone|everybody|we|they|people|"
    r"the\s\w+|all|staff)\s(?:all\s)?(?:call|calls|called)\s(?:him|her|them|the|our|my|this)\b"
    r"|(?<![\w'-])([A-Z][\w'-]*)\s\([^()]{0,24}(?:(?:yes,?\s)?that'?s\s(?:her|his|their)\s(?:real\s)?"
    r"name|(?:her|his|their)\sreal\sname)\b"
)
# a modal is no surname in a lower-case pair ("joy will come back"); after these words "will"
# is no first name either ("and will work at")
_MODALS = frozenset(("will", "may", "can", "shall", "might", "must", "would", "could", "should"))
_AFTER_MODAL = frozenset(("and", "she", "he", "they", "i", "we", "you", "then", "but", "who"))
# a name with an initial: "F. Lopes", "L. Lindqvist" (an initial and a surname), "Amrit G.",
# "Lerato K." (a given name and an initial); not "M&M. Hasn't", the company "B. Braun"
_INITIAL_SURNAME = re.compile(r"(?<![\w.&])[A-Z]\.\s(?!Braun\b)([A-Z][a-z][\w'-]+)")
_GIVEN_INITIAL = re.compile(r"(?<![\w.'&-])([A-Z][a-z][\w'-]+)\s[A-Z]\.(?=\s|$|[,;:)])")


class _Vocabulary(Protocol):
    def listed(self, word: str) -> bool: ...

    def is_word(self, word: str) -> bool: ...


def initial_names(t: str, data: _Vocabulary) -> list[tuple[str, int, int]]:
    """Person names with an initial in `t`: the name part must be a listed name or no word."""
    out: list[tuple[str, int, int]] = []
    for pattern in (_INITIAL_SURNAME, _GIVEN_INITIAL):
        for m in pattern.finditer(t):
            k = _fold(m.group(1))
            if (data.listed(k) or not data.is_word(k)) and k not in NEVER and k not in _NEVER_NAME:
                out.append(("person_name", m.start(), m.end()))
    return out


_DIGIT_AFTER = re.compile(r"\s{0,2}\d")
_PHONE_AFTER = re.compile(r"\s{0,2}\+?\d[\d ().-]{6,}\d")
_GRADE_AFTER = re.compile(r" (?:[A-D]|\d{1,2})\b")
# a role that owns something is no apposition: "Grace the resident's cat"
_ROLE_OWNS = re.compile(r",?\s\w+(?:\s\w+){0,3}?'s\b")
_PLACE_PREPS = frozenset(("to", "for", "from", "about", "by"))
# a French elided article or pronoun before a word: "L'infirmière", "J'ai", "qu'il", "d'unité"
_ELISION = re.compile(r"(?:[LJCSNMT]|Qu|QU|[ljcsnmtd]|qu)['\u2019][^\W\d_]")


def elisions_as_words(
    words: list[str], classes: list[tuple[bool, bool, bool]]
) -> list[tuple[bool, bool, bool]]:
    """French elisions are safe words: "L'infirmière", "J'ai", "c'est", "d'unité" (not
    "D'Souza", "O'Neill")."""
    return [
        (True, False, True) if _ELISION.match(w) else c for w, c in zip(words, classes, strict=True)
    ]
