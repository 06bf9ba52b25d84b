"""Patterns for every kind of finding but names (emails, phones, URLs, record and social
security numbers, long numbers, identifier labels, dates, ages over 89, addresses), run on the
normalised text, with the checks that keep scores, fractions and shift times out."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.unit.guard.shapes import find_shapes
from svdesk.unit.guard.text import _Span

_I = re.IGNORECASE
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|ai|app|dev|nhs|health|online|site|uk|us|ca|au|nz|"
    "ie|de|fr|nl|es|it|se|dk|fi|ch|at|be|pl|in|za|ng|sg|hk|jp|cn|ru|br|mx|eu|me|tv|co|ly|"
    # more country endings of the workforces notes come from
    "pt|gr|cz|sk|hu|ro|bg|hr|si|rs|ee|lv|lt|no|is|tr|il|jo|lb|qa|ae|sa|kw|om|bh|eg|ma|tn|ke|ug|"
    "tz|rw|zm|zw|gh|cm|sn|et|pk|bd|lk|np|my|id|ph|th|vn|kr|tw|ar|cl|pe|ve|uy|cat|mn|kz|uz"
)
_SAFE_TLDS = "com|org|net|edu|gov|info|biz|io|nhs|health|uk|ca|au|nz|ie|de|fr|nl|eu"

_EMAIL_AT = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}\s{0,2}@\s{0,2}[A-Za-z0-9-]{1,63}"
    r"(?:\s{0,2}\.\s{0,2}[A-Za-z0-9-]{1,63})*\s{0,2}\.\s{0,2}[A-Za-z]{2,24}(?![A-Za-z0-9])"
)
# "name@gmail,com", "name@hotmail" (no domain ending), "name @ gmail . com"
_EMAIL_LOOSE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@[A-Za-z][A-Za-z0-9-]{1,62}"
    r"(?:[.,][A-Za-z0-9-]{1,63})*(?![\w@])"
)
# "(at)", "[at]", "(a)", " at ", and the word in Spanish and Portuguese ("arroba")
_OBF_AT = r"(?:\s*[(\[{<]\s*(?:at|a|arroba)\s*[)\]}>]\s*|\s+(?:at|arroba)\s+)"
# "dot" in other languages too ("videotron point ca"), and a comma typed for a dot ("hse,ie")
_OBF_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+(?:dot|point|punto|punkt|ponto)\s+|\.|,)"
_EMAIL_OBF = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}" + _OBF_AT + r"[A-Za-z0-9-]{1,63}"
    r"(?:" + _OBF_DOT + r"[A-Za-z0-9-]{1,63})*" + _OBF_DOT + r"(?:" + _TLDS + r")(?![A-Za-z0-9])",
    _I,
)
# "sam_t at hotmail", "kb22 at gmail": a webmail provider with no ending; the user part must
# have a dot, underscore, plus or digit, so "Jo at Outlook training" stays a sentence
_EMAIL_PROVIDER = re.compile(
    r"(?<![\w.+-])(?:[A-Za-z0-9]+[._%+-][A-Za-z0-9._%+-]*[A-Za-z0-9]"
    r"|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z][A-Za-z0-9]*)"
    r"\s+at\s+(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|proton(?:mail)?|"
    r"btinternet|live)\b",
    _I,
)
_URL = re.compile(
    r"\b(?:(?:https?|hxxps?|ftp|file)\s*(?:://|\[:\]//)|www\d?\.)[^\s<>\"]+"
    r"|(?<![@\w.-])(?:[A-Za-z0-9-]{1,63}\.)+(?:" + _SAFE_TLDS + r")\b(?:[/?#][^\s<>\"]*)?"
    # any short top-level domain when a path follows: bit.ly/abc, t.co/x
    r"|(?<![@\w.-])(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,6}/[A-Za-z0-9][^\s<>\"]*"
    r"|(?<![@\w])[A-Za-z0-9-]{2,63}(?:\s+dot\s+[A-Za-z0-9-]{1,63})*\s+dot\s+(?:"
    + _SAFE_TLDS
    + r")\b",
    _I,
)
_EXT = r"(?:\s*(?:,\s*)?(?:ext|extn|extension|x|#)\.?\s*\d{1,6})?"
_PHONE = re.compile(
    # international: +44 20 7946 0018, +1 (555) 123-4567, +353-1-234-5678
    r"(?<![\w+])\+\s?\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{2,5}){1,4}(?!\d)"
    + _EXT
    # North American: (555) 123-4567, 555.123.4567, 555 123 4567, 1-800-555-1234
    + r"|(?<![\w.-])(?:1[ .-])?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\d-])"
    + _EXT
    # UK style with a trunk 0: 020 7946 0018, 07700 900123, 0161-496-0000, (07700) 900 665
    + r"|(?<![\w.])0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?![\d-])"
    + r"|\(0\d{2,4}\)\s?\d{3,4}[ -]?\d{3,4}(?![\d-])"
    + _EXT
    # local seven digits: 555-1234
    + r"|(?<![\w./-])\d{3}-\d{4}(?![\d/-])"
    + _EXT
    # extensions, bleeps and pagers on their own: ext. 4412, bleep 2231
    + r"|\bx\s?\d{1,2}-?\d{3,4}\b"  # "x4412", "x4-7721"
    # pagers in other languages too: "pieper 8471", "busca 2231", "bip 544"
    + r"|\b(?:ext|extn|extension|bleep|pager|beeper|tel|telephone|phone|mobile|cell|mob|pieper|"
    r"piepser|busca|buscapersonas|bip|personsøker|personsoker|sökare|sokare|piipari|"
    r"ramal|anexo|poste|durchwahl|toestel)\.?\s*"
    r"(?:no\.?|number|#|:)?\s*(?:\d{3,6}|\d{1,2} \d{4})(?!\d)(?![ .-]\d)",
    _I,
)
_SSN = re.compile(
    r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"
    r"|(?<![\w-])\d{3} \d{2} \d{4}(?![\w-])"
    r"|(?<![\w.])\d{3}\.\d{2}\.\d{4}(?![\w]|\.\d)"
    # any one separator, with or without spaces: "323/45/6671", "287 . 44 . 9012", "123 - 45 - 6789"
    r"|(?<![\w./-])\d{3} {0,2}([-./]) {0,2}\d{2} {0,2}\1 {0,2}\d{4}(?![\w]|[./-]\d)"
    # UK National Insurance number, in either case, with or without spaces or dashes: any two
    # letters (the specimen prefix "QQ" too), six digits, a letter A-D
    r"|\b(?!(?:at|on|in|to|is|of|or|as|by|be|we|my|me|he|so|no|up|do|go|am|an|it|us|if|ok)\b)"
    r"(?i:[A-Z]{2})[ -]{0,2}\d{2}[ -]{0,2}\d{2}[ -]{0,2}\d{2}[ -]{0,2}(?i:[A-D])\b"
)
# "no"/"number" only count as a label when a value follows ("in case no one", "a record number").
_NO = r"(?:no\.?|num\.?|number|#)(?=\s*(?:[:#=]|is\b)?\s*[A-Za-z]{0,4}[ -]?\d)"
_MRN_LABEL = (
    r"MRN|MR ?#|MR ?no\b\.?|med(?:ical)? ?rec(?:ord)?s? ?" + _NO + r"|"
    r"hosp(?:ital)? ?(?:no\b\.?|number|num|#|id\b)|NHS ?(?:no\b\.?|number|num|#)|"
    r"unit ?" + _NO + r"|(?:patient|pt) ?(?:id\b|" + _NO + r")|"
    r"record ?" + _NO + r"|case ?" + _NO + r"|chart ?" + _NO + r"|"
    r"account ?" + _NO + r"|acct ?" + _NO + r"|encounter ?(?:id\b|" + _NO + r")|"
    r"visit ?(?:id\b|" + _NO + r")|accession ?(?:" + _NO + r")?|(?-i:URN|FIN|CSN|EMPI|CHI)"
)
_MRN_LABELLED = re.compile(
    r"\b(?:" + _MRN_LABEL + r")(?:\s*(?:is|=|was|:|#|-)\s*|\s+|(?<=#)|(?<=:))"
    r"(?=[A-Za-z]{0,4}[ -]?\d)([A-Za-z]{0,4}[ -]?\d[\d -]{1,18}\d[A-Za-z]?|[A-Za-z]{0,4}\d{2,})",
    _I,
)
_MRN_BARE = re.compile(r"(?<![\w-])(?:[A-Z]{1,3}-?\d{6,10}[A-Z]?|#\s?\d{5,})(?![\w-])")
_NUMBER_WORDS_TO_99 = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_ID_LABEL = re.compile(
    r"\b(?:" + _MRN_LABEL + r")(?![A-Za-z])"
    r"|\bD\.? ?O\.? ?B\b\.?|\bdate of birth\b|\bbirth ?date\b|\bd\.o\.b\b"
    r"|\b(?:bed|beds|bd|room|rm|bay|cubicle|cubical|cube|bedspace|bed space|side ?room|side ?rm|"
    r"cot|incubator|isolette|trolley|trolly|stretcher|gurney|chair|recliner|pod|couch|majors|"
    r"resus|space|bedhead|single room|sr|crib|bassinet|bassinette)\b\.?\s*(?:no\.?|number|#|:)?"
    r"\s*(?:\d{1,4}[A-Za-z]?\b|" + _NUMBER_WORDS_TO_99 + r"\b)"
    r"|\b[Bb]\d{1,2}\s?/\s?\d{1,2}\b|\bSR\s?\d{1,2}\b|\b(?:bd|rm)\d{1,3}\b"
    # a label and its number written together: "bed12a", "cot3", "crib2", "room14"
    # ("POD5" in capitals is a post-operative day)
    r"|\b(?:bed|bay|room|cot|crib|cubicle|trolley|stretcher|(?-i:pod|Pod))\d{1,4}[A-Za-z]?\b"
    r"|\bb(?:(?<=\b(?:in|on|to|at) b)|(?<=\bthe b)|(?<=\babout b)|(?<=\bnear b)|(?<=\binto b)"
    r"|(?<=\bfrom b))(?:[48]|1[013-9]|2\d|3[0-2])\b"
    r"|\b(?:pt|patient)\s*#"
    r"|\bID\s*(?::|#|no\b\.?|number\b|\d)"
    r"|\bid\s*[:#]"
    r"|\bSSN\b|\bsocial security(?: ?(?:number|no\.?|#))?\b|(?-i:\bSIN\b)"
    r"|\b(?:NI|national insurance) ?(?:number|no\.?)\b"
    r"|\b(?:employee|staff|badge|payroll|personnel|pin) ?(?:id\b|" + _NO + r")"
    r"|\b(?:passport|licen[cs]e|insurance|policy|medicare|medicaid) ?" + _NO,
    _I,
)
# Case-sensitive labels that would be ordinary words in lower case.
_ID_LABEL_CS = re.compile(r"\bID\b(?=\s*[:#]?\s*[A-Z]{0,3}\d)")

_LONG_DIGITS = re.compile(r"(?<!\d)\d{6,}(?!\d)")
_GROUPED_DIGITS = re.compile(r"(?<![\d.,])\d{1,5}(?:(?: ?- ?| )\d{1,5}){1,8}(?!\d|[.,]\d)")
_NUMBER_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
# seven or more spoken digits; "hundred", "double", "triple" as digits inside the run ("oh
# seven seven hundred nine hundred two two six")
_SPOKEN_DIGITS = re.compile(
    r"\b" + _NUMBER_WORD + r"(?:[\s,-]+(?:" + _NUMBER_WORD + r"|hundred|double|triple)){6,}\b", _I
)
# Digits and number words mixed: "07700 nine hundred 644", "six one two, 44, eight two one zero"
_DIGIT_OR_WORD = r"(?:\d{1,5}|" + _NUMBER_WORD + r"|double|triple|hundred|thousand)"
_MIXED_DIGITS = re.compile(
    r"\b" + _DIGIT_OR_WORD + r"(?:(?:\s*,\s*|[\s-]+)" + _DIGIT_OR_WORD + r"){2,14}\b", _I
)
_DIGITS_PER_WORD = {"hundred": 2, "thousand": 3, "double": 0, "triple": 0}

_MONTHS_LONG = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTHS_SHORT = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_MONTH_WORDS = frozenset(_MONTHS_LONG.split("|")) | frozenset(_MONTHS_SHORT.split("|"))
_MONTH = r"(?:" + _MONTHS_LONG + "|" + _MONTHS_SHORT + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE_WORDS = re.compile(
    r"\b" + _DAY + r"(?:\s+of)?[\s-]+" + _MONTH + r"(?:,?[\s-]+(?:" + _YEAR + r"|'\d{2}))?(?![\w])"
    r"|\b" + _MONTH + r"[\s-]+" + _DAY + r"(?![\w:])(?:,?\s+(?:" + _YEAR + r"|'\d{2}))?"
    r"|\b" + _MONTH + r",?\s+" + _YEAR + r"\b",
    _I,
)
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth))"
)
# "the eighth of April", "twentieth of september", "March the third"
_DATE_ORDINAL_WORDS = re.compile(
    r"\b(?:the\s+)?" + _ORDINAL_WORD + r"\s+of\s+(?:" + _MONTHS_LONG + r"|" + _MONTHS_SHORT + r")\b"
    r"|\b(?:" + _MONTHS_LONG + r")\s+(?:the\s+)?" + _ORDINAL_WORD + r"\b",
    _I,
)
_DATE_NUMERIC = re.compile(
    r"(?<![\d./-])(?:" + _YEAR + r"[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{1,2}/\d{1,2})(?![\d/-]|\.\d)"
)
# A fraction after these is a score ("pain 8/10", "sleep rated 4/10"), not a date.
_SCORE_BEFORE = re.compile(
    r"(?:pain|score|scored|scores|scale|gcs|sats?|rated|rates|rating|rate|mood|sleep|out of|ews|"
    r"news2?|distress|stress|anxiety|energy|coping|wellbeing|confidence|fatigue|level|grade|"
    r"thermometer)\s*(?:is|was|of|at|about|around)?\s*:?\s*$",
    _I,
)
_SCORE_AFTER = re.compile(r"\s*(?:on the|pain|distress|score|for (?:sleep|mood|pain))\b", _I)
_AGE = re.compile(
    r"\b(?:9\d|1[01]\d)\s?-?\s?(?:yo|y/o|y\.o\.?|yrs?|years?|yr)(?:\s?-?\s?old)?(?![\w])"
    r"|\b(?:aged|age|ages|age:|aged about|aged around)\s*:?\s*(?:9\d|1[01]\d)\b"
    r"|\b(?:9\d|1[01]\d)\s?(?:M|F)\b"
    r"|\b(?:9\d|1[01]\d)(?:th)? birthday\b"
    r"|\bturned (?:9\d|1[01]\d)\b"
    r"|\b(?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve))?(?:[\s-](?:year|yr)s?[\s-]old|\s+years\s+of\s+age|"
    r"[\s-]y/?o\b)"
    r"|\b(?:aged|age|turned|turning) (?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?\b"
    r"|\b(?:nonagenarian|centenarian|supercentenarian)s?\b"
    r"|\bin (?:his|her|their|she|he|dem|dey) (?:late |mid |early )?(?:90s|nineties|hundreds)\b"
    r"|\b(?:centenaire|centenarian|centenária|centenario|centenaria|hundertjährige[rn]?)\b",
    _I,
)
# "was ninety-six", "she's ninety two", "turns a hundred": a number word over 89 after a verb
# of being, unless a unit or a vital sign makes it a measurement (`_age_words_ok`)
_AGE_AFTER_VERB = re.compile(
    r"\b(?:is|was|'s|turns|turned|turning|be|being|nearly|almost|now)\s+"
    r"(?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve))?\b(?!\s*(?:%|percent|per|minutes?|mins?|seconds?|"
    r"hours?|hrs?|days?|weeks?|mg|ml|kg|beats|bpm|calls|patients|pts|beds|people|staff|times|"
    r"pounds|quid|dollars|mmhg|on|over|out|degrees)\b)"
    # a person, then "is/was/'s" and a number over 89: "she's 96", "mum was 94"
    r"|\b(?:she|he|pt|patient|mum|mom|dad|nan|gran|grandma|grandad|grandmother|grandfather|"
    r"lady|man|gent|gentleman|husband|wife)(?:'s|\s+(?:is|was|is now|was only|turns|turned))\s+"
    r"(?:9\d|1[01]\d)\b(?!\s*(?:%|percent|mins?|minutes|kg|mg|bpm|mmhg|on|over|/))",
    _I,
)
_VITAL_BEFORE = re.compile(
    r"(?:sats?|pulse|rate|hr|bp|score|weight|o2|spo2|temp|resps?)(?:\s+(?:were|was|is))?\s*$", _I
)


def _age_words_ok(t: str, m: re.Match[str]) -> bool:
    return _VITAL_BEFORE.search(t[max(0, m.start() - 16) : m.start()]) is None


_AGE_CASED = re.compile(
    r"\b(?:9\d|1[01]\d)\s?(?:M|F)\b"
    # "F/91", "m/93", "F92": sex before the age
    r"|\b(?i:[MF])\s?/\s?(?:9\d|1[01]\d)\b|\b(?i:[MF])(?:9\d|1[01]\d)\b"
)
_STREET_SUFFIX = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Close|"
    r"Crescent|Cres|Place|Pl|Terrace|Way|Gardens|Grove|Square|Sq|Parkway|Pkwy|Highway|Hwy|Row|"
    r"Mews|Walk|Circle|Cir|Trail|Terr"
)
_ADDRESS = re.compile(
    r"(?<![\w.])\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'-]+\s+){1,3}(?:" + _STREET_SUFFIX + r")\b\.?"
    r"|(?<![\w])(?:[A-Z][a-z'-]+\s+){1,2}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Crescent|"
    r"Terrace|Gardens|Mews|Parkway)\b"
    r"|\b(?i:P\.? ?O\.? ?Box)\s*\d+"
    r"|\b(?i:Flat|Apt|Apartment|Suite)\.?\s*#?\s*\d+[A-Za-z]?\b"
    # "Unit 5, Elm St": a unit number before a street
    r"|\b(?i:Unit)\s*\d+[A-Za-z]?,\s*(?=[A-Za-z]+\s+(?i:" + _STREET_SUFFIX + r")\b)"
    # a street without a number, capitalised: "Kings Close", "Victoria Ave"
    r"|(?<![\w])(?:[A-Z][a-z'-]+\s+){1,2}(?:Close|Grove|Way|Rd|Ave|Avenue|Court|Place|Square|"
    r"Row|Walk|Hill|Park Road)\b(?<!\bNo Way)(?<!\bThe Way)"
    # lower case: "12 elm st", "meadow rd", "cedar street" (not "the street", "a road")
    r"|(?<![\w.])(?:\d{1,5}[a-z]?\s+)?(?!(?:the|a|an|this|that|our|my|his|her|their|same|main|high|"
    r"one|next|wrong|right|long|short|new|old|back|side|busy|quiet|open|dirt|gravel|ranch|farm|"
    r"country|ring|dual|toll|slip|access|service|bush|rural|icy|wet|dark|bad|windy|mountain|"
    r"coast|coastal|forest|logging|private)\s)[a-z][a-z'-]{2,}\s+"
    r"(?:street|road|rd|avenue|ave|lane|crescent|terrace|gardens|grove|boulevard|parkway|"
    r"mews)\b"
    # "drive" is a verb too ("told him don't drive tired"): with a house number or after a word
    # of where ("lives on cedar drive", "off oak drive")
    r"|(?<![\w.])(?:\d{1,5}[a-z]?\s+|(?<=\bon )|(?<=\bat )|(?<=\boff )|(?<=\bin )|(?<=address ))"
    r"(?!(?:the|a|an|this|that|our|my|his|her|their|long|short|same|whole)\s)[a-z][a-z'-]{2,}\s+"
    r"drive\b"
    r"|(?<![\w.])\d{1,5}[a-z]?\s+[a-z][a-z'-]{2,}\s+(?:st|close|way|court|place|square|row|walk)\b"
    # a unit and a house number: "Unit 4/18 Banksia St", "4/18 Banksia St", "u3/22 King Rd"
    r"|\b(?:(?i:unit|flat|apt|u)\s*)?\d{1,4}[A-Za-z]?/\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'-]+\s+){1,3}"
    r"(?:" + _STREET_SUFFIX + r")\b\.?"
    # street words of other languages and Philippine districts: "Brgy. San Roque", "Calle Luna"
    r"|\b(?:Brgy|Barangay|Bgy|Purok|Sitio|Calle|Rua|Avenida|Jalan|Jl|Rue|Strasse|Ulica)"
    r"\.?\s+(?:[A-Z][A-Za-z'-]+)(?:\s+[A-Z][A-Za-z'-]+){0,2}"
    # ZIP codes: "ZIP 02139", "zip code 90210", "90210-1234"
    r"|\b(?i:zip(?:\s?code)?|postcode|post code|postal code)\s*:?\s*\d{5}(?:-\d{4})?\b"
    r"|(?<![\d-])\d{5}-\d{4}(?![\d-])"
    # UK postcode in lower case: "b30 8tt", "sw1a 6aa"
    r"|\b[a-z]{1,2}\d[a-z\d]? \d(?!(?:am|pm|hr|mg|ml|kg|mm|cm|th|st|nd|rd)\b)[a-z]{2}\b"
    # UK postcode
    r"|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
    # US state + ZIP
    r"|\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|"
    r"NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC),?\s+\d{5}"
    r"(?:-\d{4})?\b"
)
_ADDRESS_CUE = re.compile(
    r"\b(?:lives|living|lived|resides|address(?:ed)?|home) (?:at|on|in)\s+"
    r"(\d{1,5}[A-Za-z]?\s+[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+){0,2})"
)


def _trim(t: str, a: int, b: int) -> tuple[int, int]:
    while b > a and t[b - 1] in " .,;:!?)]}'\"-\n\t":
        if t[b - 1] == ")" and "(" in t[a:b]:
            break
        b -= 1
    while a < b and t[a] in " \n\t":
        a += 1
    return a, b


def _inside(found: list[_Span], kind: str, a: int, b: int) -> bool:
    return any(k == kind and fa < b and a < fa_end for k, fa, fa_end in found)


def _month_word_ok(s: str) -> bool:
    # "may" and "march" are ordinary words in lower case ("may 2 staff attend", "march 5 km").
    head = re.match(r"[A-Za-z]+", s)
    words = re.findall(r"[A-Za-z]+", s)
    month = next((w for w in words if w.lower().rstrip(".") in _MONTH_WORDS), "")
    if month.lower() in ("may", "march", "mar") and not month[0].isupper():
        # "19th may", "may 7th", "the second of march" are dates; "may 2 staff attend" is not
        return re.search(r"\d(?:st|nd|rd|th)\b|^\d{1,2}\s+(?:of\s+)?[A-Za-z]|\d{4}", s) is not None
    return head is not None or bool(month)


_STREET_AFTER = re.compile(r"[A-Za-z]?\s+(?:[A-Z][A-Za-z'-]+\s+){1,3}(?:" + _STREET_SUFFIX + r")\b")


def _numeric_date_ok(t: str, m: re.Match[str]) -> bool:
    s = m.group()
    if _STREET_AFTER.match(t, m.end()):
        return False  # "4/18 Banksia St": a unit and a house number
    parts = [int(p) for p in re.split(r"[/.-]", s) if p]
    if len(parts) == 3:
        if len(re.split(r"[/.-]", s)[0]) == 4:
            return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
        a, b = parts[0], parts[1]
        if "." in s and len(re.split(r"[/.-]", s)[2]) == 2 and a > 12 and b > 12:
            return False
        return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)
    a, b = parts[0], parts[1]
    if s in ("24/7", "24/7/365"):
        return False
    if (a, b) in _FRACTIONS:  # halves, thirds and quarters, unless a date cue stands: "f/u on 2/3"
        return _date_cue(t, m) and not _PART_OF.match(t, m.end())
    if not ((1 <= a <= 12 and 1 <= b <= 31) or (1 <= a <= 31 and 1 <= b <= 12)):
        return False
    if _duration_or_rating(a, b) and not _date_cue(t, m):
        return False  # "off 3/7", "contract ends in 3/12", "10/10"
    if _SCORE_AFTER.match(t, m.end()):
        return False
    return _SCORE_BEFORE.search(t[max(0, m.start() - 30) : m.start()]) is None


_FRACTIONS = frozenset({(1, 2), (1, 3), (2, 3), (1, 4), (3, 4)})
# Before a fraction that may be a duration, what makes it a date: "on 3/7", "DOB 3/7", "Mon 3/7"
_DATE_CUE = re.compile(
    r"\b(?:on|dated?|dob|d\.o\.b\.?|born|since|until|till|til|by|from|due|appt|appointment|"
    r"admitted|discharged|died|mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|"
    r"thursday|fri|friday|sat|saturday|sun|sunday)\b\.?\s*:?\s*$",
    _I,
)


_PART_OF = re.compile(r"\s*(?:of|dose|doses|strength|tabs?|tablets?|feeds?)\b", _I)


def _date_cue(t: str, m: re.Match[str]) -> bool:
    return _DATE_CUE.search(t, max(0, m.start() - 24), m.start()) is not None


def _duration_or_rating(a: int, b: int) -> bool:
    """Whether "a/b" reads as days of a week, months of a year (UK, Irish and Australian
    clinical shorthand: "3/7" three days, "3/12" three months) or a rating out of ten."""
    return (b in (7, 12) and a < b) or (b == 10 and a <= 10)


def _grouped_number_ok(m: re.Match[str]) -> bool:
    if re.fullmatch(r"\d{5}-\d{4}", m.group()):
        return False  # a US ZIP+4 code: reported as an address
    groups = re.findall(r"\d+", m.group())
    digits = sum(len(g) for g in groups)
    if digits < 7:
        return False
    # Shift times and year ranges ("0700-1930", "2023 - 2024") are not identifiers.
    return not ("-" in m.group() and len(groups) == 2 and all(_time_or_year(g) for g in groups))


def _time_or_year(group: str) -> bool:
    if len(group) != 4:
        return False
    value = int(group)
    return (value // 100 <= 24 and value % 100 < 60) or 1900 <= value <= 2099


def _mixed_digits_ok(m: re.Match[str]) -> bool:
    """A run of digits and number words that spells seven or more digits, with both kinds."""
    parts = re.findall(r"\d+|[A-Za-z]+", m.group())
    words = [p.lower() for p in parts if not p.isdigit()]
    if not words or len(words) == len(parts):
        return False  # digits alone or words alone: the other patterns decide
    if any(len(p) == 4 and p.isdigit() and _time_or_year(p) for p in parts):
        return False  # "working 0700-1930 three days in a row": shift times
    digits = sum(len(p) if p.isdigit() else _DIGITS_PER_WORD.get(p.lower(), 1) for p in parts)
    return digits >= 7


# "m a r i c e l @ y a h o o . c o m": an address typed with spaces between the letters
_EMAIL_SPACED = re.compile(
    r"(?<![\w@])(?:[A-Za-z0-9._-] ){2,}[A-Za-z0-9._-]? ?@ ?(?:[A-Za-z0-9-] ?){2,}"
    r"(?:\. ?(?:[A-Za-z0-9-] ?){1,}[A-Za-z0-9-])+"
)
# "www . linkedin . com / in / tom-hale-rn", "facebook . com / x": a web address with spaces
_URL_SPACED = re.compile(
    r"\bwww\s*\.\s*[A-Za-z0-9-]+(?:\s*\.\s*[A-Za-z0-9-]+)+(?:\s*/\s*[A-Za-z0-9_.~-]+)*"
    r"|\b[A-Za-z0-9-]{2,63}\s+\.\s+(?:" + _SAFE_TLDS + r")\b(?:\s*/\s*[A-Za-z0-9_.~-]+)*",
    _I,
)


# a phone keypad's letters ("1-800-273-TALK")
_KEYPAD = str.maketrans(
    {
        letter: digit
        for digit, letters in (
            ("2", "ABC"),
            ("3", "DEF"),
            ("4", "GHI"),
            ("5", "JKL"),
            ("6", "MNO"),
            ("7", "PQRS"),
            ("8", "TUV"),
            ("9", "WXYZ"),
        )
        for letter in letters
    }
)


@lru_cache(maxsize=1)
def _public_numbers() -> frozenset[str]:
    """The digits of the crisis lines and helplines of resources/names/public_numbers.txt."""
    lines = read_text("names", "public_numbers.txt").splitlines()
    return frozenset(
        re.sub(r"\D", "", line.upper().translate(_KEYPAD))
        for line in lines
        if line.strip() and not line.lstrip().startswith("#")
    )


def _public_number(t: str, a: int, b: int) -> bool:
    """Whether t[a:b] is the published number of a helpline ("0800 567 567")."""
    digits = re.sub(r"\D", "", t[a:b])
    return len(digits) >= 7 and digits in _public_numbers()


def find_patterns(t: str) -> list[_Span]:
    """Findings of every kind but names, in offsets of the normalised text `t`."""
    found: list[_Span] = []

    def add_all(
        kind: str, pattern: re.Pattern[str], keep: Callable[[re.Match[str]], bool] | None = None
    ) -> None:
        for m in pattern.finditer(t):
            if keep is None or keep(m):
                a, b = _trim(t, m.start(), m.end())
                if b > a:
                    found.append((kind, a, b))

    add_all("email", _EMAIL_AT)
    add_all("email", _EMAIL_OBF)
    add_all("email", _EMAIL_LOOSE)
    add_all("email", _EMAIL_PROVIDER)
    add_all("email", _EMAIL_SPACED)
    add_all("url", _URL_SPACED, lambda m: not _inside(found, "email", m.start(), m.end()))
    add_all("url", _URL, lambda m: not _inside(found, "email", m.start(), m.end()))
    add_all("ssn", _SSN)
    for m in _MRN_LABELLED.finditer(t):
        a, b = _trim(t, m.start(1), m.end(1))
        if b > a:
            found.append(("mrn", a, b))
    add_all("mrn", _MRN_BARE)
    add_all("phone", _PHONE)
    add_all("id_label", _ID_LABEL)
    add_all("id_label", _ID_LABEL_CS)
    add_all("date", _DATE_WORDS, lambda m: _month_word_ok(m.group()))
    add_all("date", _DATE_NUMERIC, lambda m: _numeric_date_ok(t, m))
    add_all("date", _DATE_ORDINAL_WORDS)
    add_all("long_number", _LONG_DIGITS)
    add_all("long_number", _GROUPED_DIGITS, _grouped_number_ok)
    add_all("long_number", _SPOKEN_DIGITS)
    add_all("long_number", _MIXED_DIGITS, _mixed_digits_ok)
    add_all("age_over_89", _AGE)
    add_all("age_over_89", _AGE_CASED)
    add_all("age_over_89", _AGE_AFTER_VERB, lambda m: _age_words_ok(t, m))
    add_all("address", _ADDRESS)
    for m in _ADDRESS_CUE.finditer(t):
        found.append(("address", m.start(1), m.end(1)))
    for kind, start, end in find_shapes(t):  # more shapes, by class (shapes.py)
        a, b = _trim(t, start, end)
        if b > a:
            found.append((kind, a, b))
    return [
        f
        for f in found
        if f[0] not in ("phone", "long_number") or not _public_number(t, f[1], f[2])
    ]
