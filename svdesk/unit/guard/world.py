"""Shapes of identifiers written the way other countries write them, for the patterns
(svdesk/unit/guard/patterns.py, through shapes.py), by class (issue 12, fifth round):

- addresses: a street word compound and a number ("Sonnenallee 214", "Hornsgatan 118",
  "Prinsengracht 263"), a street word of another language before the name ("Calle de
  Embajadores 84", "Rua da Prata 118", "Via Roma 12") or after the number ("12 rue de la
  Paix"), letters outside ASCII in the street name ("27 Pōhutukawa Crescent"), and postcodes
  with the city after them (DE/ES/FR/IT 12059 Berlin, NL 1012 AB, SE 117 28, PT 1100-419, AU
  "NSW 2026"); the floor and door after the number ("3ºB", "2º Esq") and the postcode and city
  join the same finding;
- bed and room labels of other languages ("Zimmer 7 Bett 2", "maca 12", "lit 12", "kamer 4",
  "sängplats 3"), a letter before the number ("bed B12", "bay C3") (id_label);
- health and identity numbers with their label: NZ NHI ("ZKT4821", also bare), Ontario health
  card, RAMQ, Medicare, CHI, IHI, NHS (mrn); BSN, personnummer, Aadhaar, NRIC/FIN, Iqama, PPS,
  SA ID, NIE (ssn); the shapes that are distinctive also without their label;
- ages over 89 in words of other languages with the word for years ("noventa y cuatro años",
  "quatre-vingt-treize ans", "dreiundneunzig Jahre"), and an age between commas or after a
  verb of being, after a word for a person ("The grandmother, 91, collapsed", "Old fella was
  98", "Pt 92.", "the kaumātua, ninety-four, thanked", "a man of one hundred and one", "was
  over ninety");
- dates of other languages: "3 de mayo de 1930", "le 12 mars", "am 3. Mai", "3 mei".

Every pattern is linear: bounded repeats only, no unbounded quantifier inside another.
`find_world` returns (kind, start, end) spans; the caller trims and merges them."""

from __future__ import annotations

import re

from svdesk.unit.guard.text import _Span

_I = re.IGNORECASE
# an upper-case letter of the Latin scripts (ASCII, Latin-1, Latin Extended-A)
_UP = r"[A-ZÀ-ÖØ-Þ\u0100-\u017f]"
_LETTER = r"[^\W\d_]"

# -- addresses ---------------------------------------------------------------------------------

_COMPOUND_SUFFIX = (
    r"(?i:straße|strasse|str\.|allee|weg|gasse|platz|damm|ufer|chaussee|steig)|"
    r"gatan|vägen|gata|väg|torget|gränd|vej|(?<![Bb]ri)gade|veien|veg|plads|"
    r"laan|straat|plein|gracht|dijk|singel|katu|utca"
)
# "Sonnenallee 214", "Karl-Marx-Straße 12a", "Hornsgatan 118", "Bahnhofstr. 3"
_STREET_COMPOUND = (
    r"(?:\b" + _UP + r"[\w-]{1,40}?(?:" + _COMPOUND_SUFFIX + r")"
    r"(?:\s+(?:" + _UP + r"[\w-]{1,30}))?"
    # the street word as a word of its own: "Berliner Straße 45", "Karl Johans gate 5"
    r"|\b" + _UP + r"[\w-]{1,30}\s+(?:Straße|Strasse|Str\.|Allee|Weg|Gasse|Platz|Damm|Ufer)"
    r"|\b" + _UP + r"[\w-]{0,30}s\s+(?:gate|gata|plass|vei|veg|vej))"
)
_HOUSE = r"\d{1,4}(?:\s?[A-Za-z](?!\w))?(?:[/-]\d{1,4}[A-Za-z]?)?(?![\w/])"
# the floor and door after the number: "3ºB" (NFKC makes "º" an "o"), "2º Esq", "4. OG"
_FLOOR = (
    r"(?:,?\s*\d{1,2}(?:o|ª|a|\.)?\s?(?:[A-Z]\b|(?i:esq|dto|dcha|izq|izda|dta|dr|og|th|tv)\b)?)"
)
_POSTCODE = (
    r"(?:\d{2}-\d{3}|\d{5}|\d{4}\s?[A-Z]{2}|\d{3}\s\d{2}|\d{4}-\d{3}|\d{4}"
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d)"
)
_CITY = r"(?:\s+" + _UP + _LETTER + r"{1,30}(?:[\s-]" + _UP + _LETTER + r"{1,30})?)"
_TAIL = r"(?:" + _FLOOR + r"(?=,))?(?:,\s*" + _POSTCODE + _CITY + r"?)?"
_STREET_WORD_BEFORE = (
    r"Calle|C/|Carrer|Avenida|Avda\.?|Av\.|Paseo|Plaza|Pza\.?|Camino|Travesía|Rua|"
    r"Praça|Praca|Largo|Travessa|Alameda|Estrada|Rue|Avenue|Boulevard|Bd|Allée|Chemin|Impasse|"
    r"Quai|Via|Viale|Piazza|Corso|Strada|Vicolo|Ulica|ul\.|Aleja|al\.|Jalan|Jl\.|Calea|Laan|"
    r"Plein|Kade"
)
_PARTICLE = r"(?:de|del|de la|de los|de las|da|do|dos|das|di|della|delle|dei|degli|du|des|"
_PARTICLE += r"la|le|les|l'|y|e|van|von|der|den|het|am|an|im)"
_NAME_WORDS = (
    r"(?:"
    + _PARTICLE
    + r"\s+){0,2}(?:"
    + _UP
    + r"[\w'.-]{0,30}|\d{1,2}\s+de\s+"
    + _UP
    + r"\w{2,15})(?:\s+(?:"
    + _PARTICLE
    + r"\s+)?"
    + _UP
    + r"[\w'.-]{0,30}){0,3}"
)
_ADDRESS_WORLD = re.compile(
    # a street word compound and a number: "Sonnenallee 214, 12059 Berlin"
    _STREET_COMPOUND
    + r",?\s+"
    + _HOUSE
    + _TAIL
    # a street word before the name, then the number: "Calle de Embajadores 84, 3ºB, 28012 Madrid"
    + r"|(?<![\w/])(?:"
    + _STREET_WORD_BEFORE
    + r")\s+"
    + _NAME_WORDS
    + r",?\s+(?:n\.?o?\.?\s?|nº\s?)?"
    + _HOUSE
    + _TAIL
    # the number, then a street word of French, Spanish or Italian: "12 rue de la Paix"
    + r"|(?<![\w.])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|boulevard|bd|allée|impasse|"
    r"chemin|quai|place|cours|calle)\s+"
    + _NAME_WORDS
    + _TAIL
    # a number, one to three capitalised words with letters beyond ASCII, an English street word
    + r"|(?<![\w.])\d{1,5}[A-Za-z]?,?\s+(?:"
    + _UP
    + r"[\w'-]{1,30}\s+){1,3}(?:Street|St|Road|"
    r"Rd|Avenue|Ave|Lane|Drive|Dr|Crescent|Cres|Close|Place|Pl|Terrace|Way|Grove|Court|Ct|"
    r"Parade|Esplanade|Quay|Rise|Glade|Heights)\b\.?"
)
# postcodes with a city after them, after a comma or an address word
_POSTCODE_CITY = re.compile(
    r"(?:(?<=,\s)|(?<=\bin\s)|(?<=\ben\s)|(?<=\bem\s)|(?<=\bà\s)|(?<=\baus\s)|(?<=\bi\s))"
    r"(?:\d{5}|[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}|\d{3}\s\d{2}|\d{4}-\d{3})"
    r"\s+(?!(?:Units?|Steps|Patients|People|Staff|Calls|Hours|Days|Pounds|Euros?)\b)"
    + _UP
    + r"[a-zà-ÿ\u0100-\u017f]{2,30}\b"
    # an Australian state and postcode: "Bondi NSW 2026", "Fitzroy VIC 3065"
    r"|\b(?:NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT)\s+[0-9]\d{3}\b(?!\s*(?:%|mg|ml|IU))"
    # a postcode label: "PLZ 12059", "CP 28012", "code postal 75002"
    r"|\b(?:PLZ|CP|C\.P\.|(?i:code postal|c[oó]digo postal|postnummer|postcode|eircode))\s*:?\s*"
    r"(?:\d{5}|\d{4}\s?[A-Z]{2}|\d{3}\s\d{2}|\d{4}-\d{3}|\d{4}|[AC-FHKNPRTV-Y]\d{2}\s?[0-9A-Z]{4})\b"
)

# -- bed and room labels ------------------------------------------------------------------------

_BED_WORDS = (
    r"zimmer|zi\.|bett|bettplatz|liege|maca|leito|cama|camilla|quarto|habitaci[oó]n|"
    r"lit|chambre|box|kamer|bed|bedden|sängplats|säng|sal|rum|seng|sengeplads|sengeplass|"
    r"letto|stanza|barella|łóżko|lozko|pokój|sala|box"
)
_BED_WORLD = re.compile(
    # "Zimmer 7 Bett 2", "sala 3 maca 12", "lit 12", "chambre 3", "kamer 4"
    r"\b(?:zimmer|zi\.|raum|bett|cama|cub[ií]culo|habitaci[oó]n|bettplatz|maca|leito|quarto|chambre|kamer|"
    r"säng|sängplats|seng|sengeplads|sengeplass|letto|stanza|barella|łóżko|lozko|pokój|pokoj|"
    # a cubicle or room of the ED in Spain, the Netherlands, Scandinavia ("box 4"; not "tick
    # box 4"), a Norwegian room, a French room or stretcher ("rom 12", "salle 3", "civière 14")
    r"(?<!tick )(?<!ticked )box|(?-i:[Rr]om)|salle|civi[eè]re|brancard|huone|vuode|oda|yatak|"
    r"synnytyssali|leikkaussali|cabin|couveuse|cuna|habitaci[oó]|kapp|palat|sk[řr][íi][ňn]ka|"
    r"voodi|postel|pokoj|l[ůu][žz]ko|r[úu]m|stofa|krevet|soba|choque)"
    r"(?:\s?[-:]\s?|\s+(?:n[ro]?\.?|nº|n°|n\.o|número|numero|numéro|nummer|#)?\s*)"
    r"\d{1,3}[A-Za-z]?\b"
    r"(?:\s+(?:" + _BED_WORDS + r")\s*\d{1,3}[A-Za-z]?\b)?"
    # "sala 3 maca 12", "box 4 cama 2": a room then a bed
    r"|\b(?:sala|box|rum|sal|kamer|room)\s*\d{1,3}[A-Za-z]?\s+(?:" + _BED_WORDS + r")\s*"
    r"\d{1,3}[A-Za-z]?\b"
    # a letter before the number: "bed B12", "bay C3", "cubicle A-4", "trolley T2"
    r"|\b(?:bed|bay|cubicle|cubical|cube|room|rm|pod|space|bedspace|trolley|stretcher|chair|"
    r"recliner|cot|locker|couch|resus|majors|minors|cama|box)\s*(?:no\.?|#|:)?\s*"
    r"(?![xX]\d)[A-Za-z]-?\d{1,3}[A-Za-z]?\b"
    # "lit 12", "du lit n° 4", but not the English verb: "lit 3 candles", "lit 2 diyas"
    r"|\blit\s*(?:n°|nº|no\.?)?\s*\d{1,3}[A-Za-z]?\b(?!\s+(?:candles?|lights?|fires?|cigarettes?|"
    r"cigs?|lamps?|tea\s?lights?|sparklers?|incense|joss|diyas?|matches|times?|more|of|up|for|"
    r"and|sticks?)\b)"
    # lockers and chairs with a number: "locker 14", "locker number 3"
    r"|\b(?:locker|lockers)\s*(?:no\.?|number|#|:)?\s*\d{1,4}[A-Za-z]?\b",
    _I,
)

# -- health and identity numbers ----------------------------------------------------------------

_SEP = r"[ .-]?"
_HEALTH_MRN = re.compile(
    # NZ NHI: three letters (no I or O) and four digits, or the new AAA99AA; with its label
    r"\b(?i:nhi)\s*(?:(?i:no\.?|number|#|is|:)\s*)?"
    r"(?i:[A-HJ-NP-Z]{3}\s?(?:\d{4}|\d{2}[A-HJ-NP-Z]{2}))\b"
    # Ontario health card: ten digits and two letters, "1234-567-890-AB"
    r"|(?<![\w-])\d{4}" + _SEP + r"\d{3}" + _SEP + r"\d{3}" + _SEP + r"[A-Z]{2}\b"
    # RAMQ: four letters and eight digits, "TREM 1234 5678"
    r"|\b(?:RAMQ|(?i:carte soleil|carte d'assurance maladie))?\s*[A-Z]{4}\s?\d{4}\s?\d{4}\b"
    # Medicare (AU): ten or eleven digits, "2123 45670 1"
    r"|\b(?i:medicare)\s*(?:(?i:no\.?|number|card|#|:)\s*){0,2}\d{4}\s?\d{5}\s?\d(?:\s?/?\s?\d)?\b"
    # CHI, IHI, NHS, HCN, OHIP: a label and ten to sixteen digits
    r"|\b(?:CHI|IHI|NHS|HCN|OHIP|PHN|(?i:health card|health number|health insurance))"
    r"\s*(?:(?i:no\.?|number|num|#|is|:)\s*){0,2}\d(?:" + _SEP + r"\d){9,15}\b"
)
_HEALTH_SSN = re.compile(
    # BSN (NL), nine digits, "1234.56.782"
    r"\b(?i:BSN|burgerservicenummer|sofi)\s*(?:(?i:no\.?|nummer|number|#|:)\s*)?"
    r"\d{4}\.?\d{2}\.?\d{3}\b"
    r"|(?<![\w.])\d{4}\.\d{2}\.\d{3}(?![\w.])"
    # personnummer (SE), "850709-9805", "19850709-9805", "850709+9805"
    r"|(?<![\w-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])[-+]\d{4}(?![\w-])"
    # Aadhaar (IN): twelve digits in three groups of four
    r"|(?<![\w-])[2-9]\d{3}[ -]\d{4}[ -]\d{4}(?![\w-]|[ -]\d)"
    # NRIC/FIN (SG): S1234567A
    r"|\b[STFGM]\d{7}[A-Z]\b"
    # Iqama (SA): ten digits starting 2, with its label; SA ID (ZA): thirteen digits
    r"|\b(?i:iqama|muqeem|national id|id number|id no\.?|sa id|rsa id)\s*"
    r"(?:(?i:no\.?|number|#|:)\s*)?\d(?:[ -]?\d){9,12}\b"
    # CPF (BR) 123.456.789-09; AHV (CH) 756.1234.5678.97
    r"|(?<![\w.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])|(?<![\w.])756\.\d{4}\.\d{4}\.\d{2}(?![\w.])"
    # codice fiscale (IT): RSSMRA85T10A562S
    r"|\b[A-Za-z]{6}\d{2}[A-EHLMPR-Ta-ehlmpr-t]\d{2}[A-Za-z]\d{3}[A-Za-z]\b"
    # CPR (DK) and HETU (FI): day, month, year, then four characters: "010185-1234", "010185-123A"
    r"|(?<![\w-])(?:[0-2]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A]\d{3}[0-9A-Z](?![\w-])"
    # PPS (IE): seven digits and one or two letters
    r"|(?<![\w-])\d{7}[A-W][A-IW]?\b"
    # NIE (ES): X1234567L, DNI 12345678Z
    r"|\b[XYZ][ -]?\d{7}[ -]?[A-Z]\b|\b\d{8}[ -]?[A-HJ-NP-TV-Z]\b"
)
_LABEL_HEAD = re.compile(
    r"\s*(?:nhi|ramq|carte soleil|carte d'assurance maladie|medicare|chi|ihi|nhs|hcn|ohip|phn|"
    r"health card|health number|health insurance|bsn|burgerservicenummer|sofi|iqama|muqeem|"
    r"national id|id number|id no|sa id|rsa id)\b\.?\s*(?:(?:no\b\.?|nummer|number|num|card|#|"
    r"is\b|:)\s*){0,2}",
    _I,
)
# a bare NHI, upper case only, not an acronym and a year ("ABC1234"), and not a unit ("ICU2")
_NHI_BARE = re.compile(r"(?<![\w-])[A-HJ-NP-Z]{3}\d{4}(?![\w-])")
_NHI_NOT = frozenset({"NHS", "GCS", "CPR", "EWS", "BMI", "AKA", "DNR", "ECG", "EEG", "PPE"})

# -- ages over 89 -------------------------------------------------------------------------------

_UNITS_ES = r"(?:uno|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_UNITS_PT = r"(?:um|uma|dois|duas|três|tres|quatro|cinco|seis|sete|oito|nove)"
_TEENS_ES = r"(?:diez|once|doce|trece|catorce|quince|dieciséis|dieciseis|diecisiete|dieciocho|"
_TEENS_ES += r"diecinueve)"
_DE_UNITS = r"(?:ein|zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun)"
_IT_UNITS = r"(?:uno|due|tre|quattro|cinque|sei|sette|otto|nove)"
_NL_UNITS = r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
_FR_TEENS = r"(?:dix|onze|douze|treize|quatorze|quinze|seize|dix[- ](?:sept|huit|neuf))"
_AGE_WORDS_WORLD = re.compile(
    # Spanish: "noventa y cuatro años", "ciento un años", "cien años"
    r"\b(?:noventa(?:\s+y\s+"
    + _UNITS_ES
    + r")?|cien|ciento\s+(?:"
    + _UNITS_ES
    + r"|"
    + _TEENS_ES
    + r"))\s+(?:años|years?)\b"
    # Portuguese: "noventa e quatro anos", "cem anos", "cento e dois anos"
    r"|\b(?:noventa(?:\s+e\s+" + _UNITS_PT + r")?|cem|cento\s+e\s+(?:" + _UNITS_PT + r"|dez|onze|"
    r"doze))\s+(?:anos|years?)\b"
    # French: "quatre-vingt-treize ans", "quatre-vingt-dix-sept ans", "nonante-deux ans"
    r"|\b(?:quatre[- ]vingts?[- ]" + _FR_TEENS + r"|quatre[- ]vingt[- ]et[- ]onze"
    r"|nonante(?:[- ](?:et[- ]un|deux|trois|quatre|cinq|six|sept|huit|neuf))?"
    r"|cent(?:[- ](?:et[- ])?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix))?)\s+ans\b"
    # German: "dreiundneunzig Jahre", "hundertzwei Jahre", "neunzig Jahre alt"
    r"|\b(?:" + _DE_UNITS + r"und)?neunzig\s*(?:Jahre|jahre|J\.)"
    r"|\b(?:ein)?hundert(?:und)?(?:" + _DE_UNITS + r"s?|zehn|elf|zwölf)?\s*(?:Jahre|jahre)\b"
    # Italian: "novantaquattro anni", "cento anni", "centodue anni"
    r"|\b(?:novant(?:a|"
    + _IT_UNITS
    + r"|uno|otto)|novanta"
    + _IT_UNITS
    + r"|cento(?:"
    + _IT_UNITS
    + r")?)\s+anni\b"
    # Dutch: "vierennegentig jaar", "negentig jaar", "honderd jaar"
    r"|\b(?:" + _NL_UNITS + r"[eë]n)?negentig\s+jaar\b|\bhonderd(?:" + _NL_UNITS + r")?\s+jaar\b"
    # Swedish, Danish, Norwegian: "nittiofyra år", "nittiotre år"
    r"|\bnitti(?:o|en)?(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|to|fire|seks|syv|sju|otte|"
    r"åtte|ni)?\s+år\b"
    # digits with the word for years: "94 años", "93 anos", "91 år", "95 Jahre alt"
    r"|\b(?:9\d|1[01]\d)\s?(?:años|anos|anys|ans|anni|jahre|jahren|jaar|år|års|éves|vuotta|"
    r"évesen|lat|let|yaşında)\b"
    r"|\b(?:9\d|1[01]\d)-?(?:jarige|jarig|årig|åring|årige|jährige|jähriger|jährigen)\b",
    _I,
)
_PERSON = (
    r"(?:patient|pt|man|woman|lady|gentleman|gent|fella|fellow|feller|bloke|chap|guy|widow|"
    r"widower|mother|father|mum|mom|mam|mammy|dad|daddy|grandmother|grandfather|grandma|grandpa|"
    r"granny|gran|grandad|granddad|nan|nana|nanna|nanny|husband|wife|partner|resident|aunt|"
    r"auntie|aunty|uncle|elder|kaumātua|kaumatua|kuia|koro|veteran|client|sister|brother|"
    r"neighbour|neighbor|daughter|son|lad|girl|boy|matriarch|patriarch|kupuna|tūpuna|gentleman|"
    r"oldie|dear|lolo|lola|abuela|abuelo|nonna|nonno|oma|opa|babcia|dziadek|baba|dada|dadi|nani|"
    r"señora|señor|senhora|senhor|madame|monsieur|frau|herr|mzee|bibi|babu|ouma|oupa|gogo|"
    r"owner|farmer|man|woman|paciente|patientin|patiente|"
    r"halmeoni|halmoni|obaachan|ojiichan|nainai|yeye|avó|avô|vovó|vovô|mémé|pépé|mamie|papy|"
    r"yiayia|giagia|pappous|babushka|dedushka|dede|anneanne|babaanne|abuelita|abuelito|ayeeyo|"
    r"awoowe|tutu|kupuna|elderly)"
)
_AGE_N = r"(?:9\d|1[01]\d)"
_AGE_WORD = (
    r"(?:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|a hundred|one hundred|"
    r"hundred)(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?"
)
_NOT_UNIT = (
    r"(?!\s*(?:%|percent|per|minutes?|mins?|seconds?|hours?|hrs?|days?|weeks?|mg|ml|kg|beats|"
    r"bpm|calls|patients|pts|beds|people|staff|times|mmhg|degrees|on|over|/|x|mcg|units?|iu|"
    r"mm|cm|litres?|liters?|l\b|percent|sats|sat|o2|spo2|heart|resps?)\b|\s*[%/])"
)
_AGE_PERSON = re.compile(
    # a titled name between commas: "Mr Tan, 94, passed", "Mrs O'Neill, 101,"
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Mme|Sr|Sra|Herr|Frau)\.?\s+" + _UP + r"[\w'-]{1,30}"
    r"(?:\s+" + _UP + r"[\w'-]{1,30})?\s*,\s*(" + _AGE_N + r")\s*(?:,|;|\)|$)"
    # an age in brackets after a person: "her father (93)"
    r"|\b" + _PERSON + r"\s*\(\s*(" + _AGE_N + r")\s*\)|"
    # between commas after a person: "The grandmother, 91, collapsed", "the kuia, ninety-four,"
    r"\b"
    + _PERSON
    + r"(?:'s)?\s*,\s*(?:aged\s+)?("
    + _AGE_N
    + r"|"
    + _AGE_WORD
    + r")\s*(?:,|;|-|\)|$)"
    # after a verb of being: "Old fella was 98", "the resident was 103", "dad is 96"
    r"|\b" + _PERSON + r"(?:'s|\s+(?:who\s+(?:died|passed|coded|arrested|fell)\s+)?"
    r"(?:is|was|is now|was only|turns|turned|aged|who is|who was|being))"
    r"(?:\s+(?:like|about|around|nearly|almost|only|just))?\s+("
    + _AGE_N
    + r")\b"
    + _NOT_UNIT
    # "a man of one hundred and one", "a lady of 94", "a woman aged ninety"
    + r"|\b"
    + _PERSON
    + r"\s+(?:of|aged)\s+("
    + _AGE_N
    + r"|"
    + _AGE_WORD
    + r")\b"
    + _NOT_UNIT
    # "Pt 92.", "patient 95, fall": the age straight after the word for the patient
    + r"|\b(?:pt|patient|lola|lolo)\s+("
    + _AGE_N
    + r")(?=\s*(?:[.,;:](?:\s|$)|$|\s+(?:and|with|who|w/|in|on|at|pero|but|full|"
    r"lives|living|fell|died|male|female|presented|admitted|widow|widower)\b))"
    # "the patient in cubicle 7 was 91", "the pt in rúm 7 was 96": a bed between
    + r"|\b(?:pt|patient|man|woman|lady|resident)\s+(?:in|on|from)\s+(?:the\s+)?[^\W\d_]+\s+\w{1,4}"
    r"\s+(?:was|is)\s+("
    + _AGE_N
    + r")\b"
    + _NOT_UNIT
    # a sex and an age: "M 91 cardiac arrest", "(F 96)"; "tenía noventa y dos", "tenía 93"
    + r"|(?<![\w/])(?-i:[MF])\s("
    + _AGE_N
    + r")\b"
    + _NOT_UNIT
    + r"|\b(?:tenía|tenia|tiene|tinha|tem|avait|aveva)\s+("
    + _AGE_N
    + r"|noventa(?:\s+y\s+"
    + _UNITS_ES
    + r")?|quatre-vingt-(?:dix|onze|douze|treize|quatorze|"
    r"quinze|seize|dix-sept|dix-huit|dix-neuf))\b"
    # "at ninety-three a peaceful death", "aged 94", "age 101": an age without its person
    + r"|\bat\s+(ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)\b"
    + r"(?!\s*(?:%|percent|per|miles?|mph|km|metres?|meters?|feet|degrees|o'clock)\b)"
    + r"|\b(?:aged|age)\s+("
    + _AGE_N
    + r"|"
    + _AGE_WORD
    + r")\b"
    + _NOT_UNIT
    # "was over ninety", "is nearly a hundred", "was past 90"
    + r"|\b(?:was|is|'s|wis|turned|aged)\s+(?:well\s+)?(?:over|past|nearly|almost|about|around|"
    r"close to|pushing)\s+("
    + _AGE_WORD
    + r")\b(?=\s*(?:[,.;:!)]|$|and\b|but\b|so\b|when\b|years?\b))",
    _I,
)
# what every match of _AGE_PERSON holds; a cheap test first keeps a keystroke fast
_AGE_HINT = re.compile(r"(?<!\d)(?:9\d|1[01]\d)(?!\d)|ninety|hundred|noventa|vingt", _I)
_VITAL_BEFORE = re.compile(
    r"(?:sats?|pulse|rate|hr|bp|score|weight|o2|spo2|temp|resps?|glucose|bm|room|ward|bed|bay)"
    r"\b[^.,;]{0,12}$",
    _I,
)

# -- dates of other languages -------------------------------------------------------------------

_MONTHS_WORLD = (
    # Spanish, Portuguese, Catalan
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
    r"diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|"
    r"dezembro|"
    # French
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre|"
    # German
    r"januar|jänner|februar|märz|maerz|juni|juli|oktober|dezember|"
    # Italian
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    # Dutch, Nordic
    r"januari|februari|maart|mei|augustus|augusti|maj|okt|"
    # Polish (genitive), Indonesian and Malay, Tagalog, Turkish, Maltese, Afrikaans
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia|"
    r"października|pazdziernika|listopada|grudnia|maret|agustus|desember|pebrero|marso|hunyo|"
    r"hulyo|setyembre|oktubre|nobyembre|disyembre|ocak|mart|şubat|subat|nisan|mayıs|haziran|"
    r"temmuz|ağustos|eylül|ekim|kasım|aralık|jannar|frar|marzu|mejju|ġunju|gunju|lulju|"
    r"awwissu|settembru|ottubru|novembru|diċembru|dicembru|januarie|februarie|junie"
)
_DATE_WORLD = re.compile(
    # "3 de mayo de 1930", "le 12 mars 2023", "am 3. Mai", "3 mei", "1er avril"
    r"\b(?:[12]\d|3[01]|0?[1-9])(?:\.|er|º|o)?\s+(?:de\s+|ta'\s?)?(?:" + _MONTHS_WORLD + r")\b"
    r"(?:\s+(?:de\s+|del\s+)?(?:19|20)\d{2}\b)?"
    # "mayo de 1930", "März 2024", "en septiembre de 2021"
    r"|\b(?:" + _MONTHS_WORLD + r")\s+(?:de\s+|del\s+)?(?:19|20)\d{2}\b"
    # a weekday and an ordinal day: "monday the 3rd", "Fri 13th"
    r"|\b(?:mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|"
    r"saturday|sun|sunday)\.?\s+(?:the\s+)?(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
    # "friday the fifth", "monday the twenty-first"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+the\s+(?:"
    r"(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth)\b",
    _I,
)


# a German day and month without the year, after a preposition: "am 24.12.", "seit 3.5."
# a day and month with dots and spaces, Czech, Slovak, Estonian style: "3. 11. 2026",
# "12. 3." after a word of meeting, "2. aprill"
_DATE_DOTTED_SPACED = re.compile(
    r"\b(?:[12]\d|3[01]|0?[1-9])\.\s(?:1[0-2]|0?[1-9])\.\s(?:19|20)\d{2}\b"
    r"|(?:(?<=talk )|(?<=next )|(?<=on )|(?<=dne )|(?<=od )|(?<=do ))"
    r"(?:[12]\d|3[01]|0?[1-9])\.\s?(?:1[0-2]|0?[1-9])\.(?!\d)"
    r"|\b(?:[12]\d|3[01]|0?[1-9])\.\s(?:jaanuar|veebruar|m[äa]rts|aprill|mai|juuni|juuli|"
    r"august|september|oktoober|november|detsember|ledna|února|března|dubna|května|června|"
    r"července|srpna|září|října|listopadu|prosince)\b",
    _I,
)
_DATE_DE_SHORT = re.compile(
    r"\b(?:am|vom|bis|seit|ab|zum|den)\s+((?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.)(?!\d)"
    # a day and month with a dot or dash after a word of meeting: "next contact 20.01",
    # "appointment on 22-01", "op 14-03", "le 03.04"
    r"|\b(?:on|contact|appointment|appt|review|op|le|el|den|meeting|talk|booked|follow-up|"
    r"f/u|dne|am)\s+"
    r"((?:[12]\d|3[01]|0[1-9])[./-](?:1[0-2]|0[1-9]))(?![\d.-]\d|\d)"
    r"(?!\s*(?:patients|pts|people|staff|nurses|beds|hours|hrs|mins|minutes|days|weeks|times|"
    r"mg|ml|units|%|x)\b)",
    _I,
)
# places named after a date: "Hospital 12 de Octubre", "Avenida 9 de Julio"
_NAMED_AFTER_DATE = re.compile(
    r"\b(?:hospital|hospitalario|calle|avenida|avda|plaza|rua|praça|avenue|rue|place|paseo|"
    r"colegio|estación|estacion|metro|barrio)\.?\s+$",
    _I,
)
_ENGLISH_TOO = ("Via ", "Avenue ", "Boulevard ", "Place ", "Plaza ", "Corso ", "Quai ")
_LOWER_AFTER = re.compile(r"\s+[a-z]")
_LONG_POSTCODE = re.compile(r"(?<!\d)\d{4}-\d{3}(?!\d)")


def _around_long_numbers(t: str, a: int, b: int) -> list[_Span]:
    """The address `t[a:b]` without the postcodes in it that are also long numbers
    ("1100-419"): a blocking number hides a warn finding it overlaps, so the street and the city
    are reported beside it."""
    out: list[_Span] = []
    for m in _LONG_POSTCODE.finditer(t, a, b):
        out.append(("address", a, m.start()))
        a = m.end()
    out.append(("address", a, b))
    return out


def find_world(t: str) -> list[_Span]:
    """Findings of the shapes of this module, in offsets of the normalised text `t`."""
    out: list[_Span] = []
    for pattern in (_ADDRESS_WORLD, _POSTCODE_CITY):
        for m in pattern.finditer(t):
            if m.group().startswith(_ENGLISH_TOO) and _LOWER_AFTER.match(t, m.end()):
                continue  # "Via Teams 3 people joined", "Place Value 2 is"
            out.extend(_around_long_numbers(t, m.start(), m.end()))
    for kind, pattern in (
        ("id_label", _BED_WORLD),
        ("age_over_89", _AGE_WORDS_WORLD),
    ):
        out.extend((kind, m.start(), m.end()) for m in pattern.finditer(t))
    for kind, pattern in (("mrn", _HEALTH_MRN), ("ssn", _HEALTH_SSN)):
        for m in pattern.finditer(t):
            head = _LABEL_HEAD.match(t, m.start(), m.end())  # the number only, not its label
            out.append((kind, head.end() if head else m.start(), m.end()))
    for m in _DATE_WORLD.finditer(t):
        if _NAMED_AFTER_DATE.search(t, max(0, m.start() - 12), m.start()) is None:
            out.append(("date", m.start(), m.end()))
    out.extend(("date", m.start(), m.end()) for m in _DATE_DOTTED_SPACED.finditer(t))
    for m in _DATE_DE_SHORT.finditer(t):
        g = 1 if m.group(1) else 2
        out.append(("date", m.start(g), m.end(g)))
    for m in _NHI_BARE.finditer(t):
        if m.group()[:3] not in _NHI_NOT:
            out.append(("mrn", m.start(), m.end()))
    if _AGE_HINT.search(t) is None:
        return out  # no number over 89 and no number word: the person rules cannot match
    for m in _AGE_PERSON.finditer(t):
        group = next(g for g in range(1, 13) if m.group(g) is not None)
        if _VITAL_BEFORE.search(t, max(0, m.start() - 20), m.start()) is None:
            out.append(("age_over_89", m.start(group), m.end(group)))
    return out
