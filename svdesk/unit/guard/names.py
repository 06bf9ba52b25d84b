"""Person and roster names (Philter-style): a word in no list (English words, the clinical
safe-list, the name lists) is suspect when capitalised, and in lower case unless it is a typing
slip; cue rules (titles, "pt", "X from pharmacy", "X, the charge nurse", brackets, initials,
word-names before animate verbs) decide for words that are also names, and eponym, place and
number contexts keep clinical words out."""

from __future__ import annotations

import re

from svdesk.unit.guard import vocab as _vocab
from svdesk.unit.guard.context import context_flags
from svdesk.unit.guard.lexicon import _name_data
from svdesk.unit.guard.namewords import (
    _AFTER_MODAL,
    _AFTER_NAME,
    _AFTER_TITLE_STOP,
    _ANIMATE_VERBS,
    _BLOCK_WORD_NAME,
    _CALLED,
    _COLOURS,
    _COMPASS,
    _CUES,
    _DEPT_AFTER,
    _DIGIT_AFTER,
    _EPONYM_NEXT,
    _GRADE_AFTER,
    _INITIALS,
    _INITIALS_CUED,
    _INITIALS_SUBJECT,
    _MAX_NAME_WORDS,
    _MODALS,
    _NAME_BEFORE,
    _NEVER_NAME,
    _NOT_CONTEXT_NAME,
    _NOT_INITIALS,
    _PERSON_VERBS,
    _PHONE_AFTER,
    _PLACE_NEXT,
    _PLACE_PREPS,
    _ROLE_AFTER,
    _ROLE_OWNS,
    _ROLE_WORDS,
    _STRONG_TITLES,
    _TITLES,
    _TITLES_CASE_SENSITIVE,
    _WEEKDAYS,
    _WORD,
    elisions_as_words,
    initial_names,
)
from svdesk.unit.guard.patterns import _MONTH_WORDS
from svdesk.unit.guard.phrases import in_phrase, in_quotes
from svdesk.unit.guard.places import place_tokens
from svdesk.unit.guard.syllables import syllable_name
from svdesk.unit.guard.text import _Span
from svdesk.unit.guard.things import thing_tokens
from svdesk.unit.guard.tokens import (
    _in_brackets,
    _joins,
    _merge,
    _plain_gap,
    _sentence_initial,
    _Token,
)
from svdesk.unit.guard.vocab import clinical_noun, known_tokens, name_shaped_caps
from svdesk.unit.guard.wordnames import _VERB_NAMES, NEVER, word_name_flags


def find_names(t: str, roster_tokens: set[str], roster_full: list[re.Pattern[str]]) -> list[_Span]:
    """Person and roster names in the normalised text `t`."""
    data = _name_data()
    tokens = [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(t)]
    n = len(tokens)
    person = [False] * n
    roster = [False] * n
    keys = [tok.key for tok in tokens]
    # per token: "word" (ordinary or safe vocabulary), "listed" (a known name), "safe" (a
    # clinical word, brand, faith or country: never a name without a cue)
    classes = [data.classify(k) for k in keys]
    words_ = [tok.word for tok in tokens]
    classes = elisions_as_words(words_, classes)  # "L'infirmière", "J'ai" (namewords.py)
    if any(k in data.foreign_name_words for k in keys):
        classes = _vocab.foreign_phrase_words(words_, keys, classes, data)
    # phrases, shorthand and medicine names (vocab.py): "safe" is a safe word here; "known"
    # is no suspect for being unlisted, but a naming cue still reports it
    spans3 = [(tok.word, tok.start, tok.end) for tok in tokens]
    vocab = known_tokens(t, spans3, keys, data)
    place = place_tokens(t, spans3, keys, [c[1] for c in classes])  # "in Houston", "the Bovie"
    thing = thing_tokens(t, spans3, keys, [c[1] for c in classes])  # "kaya toast" (things.py)
    vocab = ["safe" if p or th else v for p, th, v in zip(place, thing, vocab, strict=True)]
    # "las enfermeras lo respetaron": words of a phrase of another language (phrases.py)
    starts = [_sentence_initial(t, tok.start) for tok in tokens]
    # a safe word of the language that is no English word ("sykepleier", "fisio") is evidence
    english = [
        c[0] and (not c[2] or data.is_english(k)) for c, k in zip(classes, keys, strict=True)
    ]
    phrase = in_phrase(words_, keys, english, [c[1] for c in classes], starts)
    # words of a quotation in no list ("nie mogę"): known vocabulary, listed names untouched
    quoted = in_quotes(t, [(tok.start, tok.end) for tok in tokens], words_, english,
                       [c[1] for c in classes])  # fmt: skip
    vocab = ["known" if q and v == "" else v for q, v in zip(quoted, vocab, strict=True)]
    vocab = ["known" if f and v == "" else v for f, v in zip(phrase, vocab, strict=True)]
    classes = [
        (True, False, False) if f and c[1] else c for f, c in zip(phrase, classes, strict=True)
    ]
    known = [v == "known" and not c[0] for v, c in zip(vocab, classes, strict=True)]
    classes = [
        (True, False, True) if v == "safe" else c for v, c in zip(vocab, classes, strict=True)
    ]
    # the eponym nouns, with the devices and clinical nouns of this note ("Yankauer suction")
    eponym_next = _EPONYM_NEXT | {k for k in keys if clinical_noun(k)}
    word = [c[0] for c in classes]
    listed = [c[1] and k not in _NEVER_NAME for c, k in zip(classes, keys, strict=True)]
    safe = [c[2] or k in _NEVER_NAME for c, k in zip(classes, keys, strict=True)]

    def gap(i: int) -> str:  # the text between token i-1 and token i
        return t[tokens[i - 1].end : tokens[i].start]

    def next_key(i: int) -> str:
        if i + 1 < n and _plain_gap(t, tokens[i], tokens[i + 1]):
            return keys[i + 1]
        return ""

    def unknown(i: int) -> bool:
        """Not a word of any list: a possible name, unless it is a typing slip."""
        k = keys[i]
        if word[i] or listed[i] or known[i] or len(k) < 2:
            return False
        if not k.isascii() or not tokens[i].word.isascii():
            return True  # accents ("Şener"), another script: English words rarely have them
        if tokens[i].capitalised:
            # a capitalised word is no slip, first in its sentence too: names one letter from a
            # word ("Eszter"/"ester", "Mursal"/"mural", "Simran") were let off as slips
            return True
        return not data.near_word(k)

    for i, tok in enumerate(tokens):
        key = keys[i]
        if (len(key) < 2 and not tok.capitalised) or key in NEVER or key.endswith("-ish"):
            continue  # "He", "she", "ok-ish": never a name
        prev = tokens[i - 1] if i > 0 else None
        pkey = keys[i - 1] if i > 0 else ""
        nk = next_key(i)
        after = t[tok.end : tok.end + 24]
        initial = _sentence_initial(t, tok.start)
        title_cue = (
            prev is not None
            and pkey in _TITLES
            and re.fullmatch(r"\.?\s{1,3}|\.", gap(i)) is not None
            and (prev.capitalised or pkey not in _TITLES_CASE_SENSITIVE)
            and (not prev.all_caps or tok.all_caps or len(prev.word) <= 3)
        )
        word_cue = (
            prev is not None
            and pkey in _CUES
            and re.fullmatch(r"\s{1,3}|\s*[:#]\s*|,\s", gap(i)) is not None
        )
        role_after = _ROLE_AFTER.match(t, tok.end) is not None
        dept_after = _DEPT_AFTER.match(t, tok.end) is not None
        bracketed = _in_brackets(t, tok)
        stop = key in _AFTER_TITLE_STOP or key in _MONTH_WORDS or key in _WEEKDAYS
        # "Apgar 3", "Band 5"; not a phone number ("Ji-yeon 646-555-0171 wants a call")
        number_after = _DIGIT_AFTER.match(after) is not None and _PHONE_AFTER.match(after) is None
        if key in _TITLES and not (title_cue and tok.capitalised):
            continue
        if stop or (pkey == "code" and gap(i) == " "):  # not "full code. Jessica did CPR"
            continue  # "code Silver", "Code Amber": colour codes, not people
        if key in _COMPASS and re.search(r"\d\s?$", t[max(0, tok.start - 3) : tok.start]):
            continue  # "5 North", "7 West": a ward
        if tok.capitalised and (_eponym_pair(t, tokens, keys, i) or _score_after(t, tok)):
            continue  # "Hunt and Hess grade 5", "Child-Pugh C", "Wells 4"
        if title_cue:
            # "Dr Okafor", "Mrs jones", "Nurse Gintare"; not "Nurse Practitioner", "Band 5"
            person[i] = (
                not number_after
                and key not in _ROLE_WORDS
                and key not in _PERSON_VERBS
                and not safe[i]
                and not (tok.all_caps and word[i])  # "PT HAD A FALL": a note in capitals
                and (
                    listed[i]
                    or unknown(i)
                    or (tok.capitalised and not tok.all_caps)
                    or (pkey in _STRONG_TITLES and len(key) >= 3)
                )
            )
            if person[i] or not tok.capitalised:
                continue
        cued = word_cue or role_after or dept_after or bracketed
        # "pt pietro", "Ngozi from pharmacy", "Ola, the charge nurse", "(Hope)"
        if cued and not safe[i] and not phrase[i]:  # noqa: SIM102 - the comment belongs to the outer test
            if (
                unknown(i)
                or known[i]
                or (
                    listed[i]
                    and (
                        not word[i]
                        or bracketed
                        or (tok.capitalised and not initial)
                        # "Willow the care assistant went", "sky the traveler said": a first
                        # name that is a word, first in its sentence or a list, with its role
                        or (
                            (role_after or (dept_after and tok.capitalised))
                            and (key in data.first or key in data.world)
                            and key not in _VERB_NAMES
                            and key not in NEVER
                            and (initial or pkey in ("and", "with", "w"))
                            and not _ROLE_OWNS.match(t, tok.end)
                        )
                    )
                )
                or (tok.capitalised and not word[i] and (not initial or dept_after or role_after))
            ):
                person[i] = True
                continue
        if tok.all_caps:
            # "PC-PTSD-5", "ICU-HDU": hyphenated capitals with a number or a clinical part
            abbreviation = "-" in key and (
                re.match(r"-\d", t[tok.end : tok.end + 2]) is not None
                or any(
                    len(part) >= 3 and (data.is_safe(part) or data.is_english(part))
                    for part in key.split("-")
                )
            )
            person[i] = (len(key) >= 4 and listed[i] and not word[i] and not safe[i]) or (
                not safe[i]
                and unknown(i)
                and not abbreviation
                and (
                    len(key) >= 6
                    or nk in _PERSON_VERBS
                    # "to PACU", "for LVAD": a short one after a preposition is a place or thing
                    or (pkey in _NAME_BEFORE and (len(key) >= 5 or pkey not in _PLACE_PREPS))
                )
                # not "HIV", "MBRRACE", "CVVHDF", "PAPR"; a short one only after a person verb
                and (name_shaped_caps(key) or (len(key) <= 3 and _person_object(keys, i)))
            )
            continue
        if (
            safe[i]
            or nk in eponym_next
            or nk in _PLACE_NEXT
            or number_after
            or _brand_case(tok.word)
        ):
            continue  # "Glasgow coma", "Oak Ward", "Apgar 3", "Costa", "Ramadan"
        if tok.capitalised:
            if not word[i]:
                # an unknown or listed capitalised word: Philter's rule, suspect it
                person[i] = (
                    listed[i] or (not known[i] and not initial and len(key) >= 2) or unknown(i)
                )
            elif _capitalised_compound(tok.word):
                person[i] = True  # "Marvellous-Bill", "King-Green"
            elif listed[i]:
                # a name that is also a word ("Hope", "Will", "Baker"): only with a cue
                person[i] = (
                    (
                        nk in _ANIMATE_VERBS
                        or (nk in _PERSON_VERBS and not (initial and key in data.not_names))
                    )
                    or nk in _AFTER_NAME
                    or (
                        not initial
                        and (
                            (pkey in _NAME_BEFORE and key not in data.not_names)
                            or _checked_in_on(keys, i)
                        )
                        and not _title_run(t, tokens, i)
                    )
                )
            continue
        # lower case
        if not word[i] and (listed[i] or unknown(i)) and len(key) >= 3:
            person[i] = pkey not in _vocab.ARTICLES  # "the rowan tree", "the barcodes": words
        elif (
            listed[i]
            and len(key) >= 3
            and pkey not in NEVER  # "she still feels": an adverb after a pronoun
            # "the CARPA manual said", "the mask seal told her": the end of a noun phrase
            and not any(keys[j] in _vocab.ARTICLES for j in range(max(0, i - 3), i - 1))
            and key not in data.not_names
            and (nk in _ANIMATE_VERBS or nk in _AFTER_NAME)
        ):
            person[i] = True  # "noble feels blamed", "asked banks how she is"

    # Names that are also words ("Hope", "told will", "Rose, the matron"): from context.
    blocked = [
        keys[i] in _BLOCK_WORD_NAME
        or (i > 0 and keys[i - 1] == "code" and gap(i) == " ")
        or next_key(i) in eponym_next
        or re.match(r"\s{0,2}\d", t[tokens[i].end : tokens[i].end + 3]) is not None
        for i in range(n)
    ]
    word_name_flags(
        t, tokens, keys, classes, person, data=data, initial=starts, blocked=blocked,
        place_next=_PLACE_NEXT, colours=_COLOURS,
    )  # fmt: skip
    # Nicknames, months, short and mistyped-looking names: from the subject or object position.
    context_flags(  # a rarer English word in lower case is a word there (vocab.py)
        t, tokens, keys, _vocab.rare_words_as_words(words_, keys, classes, data), person,
        data=data, initial=starts, excluded=_NOT_CONTEXT_NAME,
        place_or_eponym=_PLACE_NEXT | eponym_next, not_initials=_NOT_INITIALS,
    )  # fmt: skip

    # Lower case: a first name and a surname between cues ("with will hill from maternity",
    # "faith bird who found him"), even when both are ordinary words.
    for i in range(1, n):
        a, b = tokens[i - 1], tokens[i]
        if person[i - 1] and person[i]:
            continue
        if a.capitalised or b.capitalised or not re.fullmatch(r" {1,2}", gap(i)):
            continue
        ka, kb = keys[i - 1], keys[i]
        first_like = ka in data.first or ka in data.world
        last_like = kb in data.surnames or kb in data.world or "-" in kb
        if not (first_like and last_like) or ka in _NEVER_NAME or kb in _NEVER_NAME:
            continue
        if ka in NEVER or kb in NEVER or kb in _MODALS:  # "told min to rest", "joy will come"
            continue
        if ka in _MODALS and i >= 2 and keys[i - 2] in _AFTER_MODAL:
            continue  # "and will work at", not "will sharp wants"
        before = keys[i - 2] if i >= 2 else ""
        after = next_key(i)
        if (
            before in _NAME_BEFORE
            or after in _ANIMATE_VERBS
            or after in _AFTER_NAME
            or (after in ("from", "for") and before in ("with", "for", "to", "w", "thanks"))
        ):
            person[i - 1] = person[i] = True

    # A first name followed by a surname is a name even if either is a word on its own
    # ("Grace Okafor", "Will Turner", "hope baker" is not: lower case needs more).
    for i in range(1, n):
        a, b = tokens[i - 1], tokens[i]
        if not re.fullmatch(r" {1,2}", gap(i)) or not (a.capitalised and b.capitalised):
            continue
        if a.all_caps or b.all_caps or safe[i - 1] or safe[i]:
            continue
        ka, kb = keys[i - 1], keys[i]
        if ka in NEVER or kb in NEVER or len(kb) < 2 or (i > 1 and keys[i - 2] == "the"):
            continue  # "Will I see her", "the Hunter Valley": not a person's name
        if (
            (ka in data.first or ka in data.world)
            and (listed[i] or not word[i])
            and kb not in data.not_names
            and ka not in _MONTH_WORDS
            and ka not in _WEEKDAYS
            and next_key(i) not in _PLACE_NEXT
            and next_key(i) not in eponym_next
        ):
            person[i - 1] = person[i] = True

    # Spread to neighbours that look like more of the same name ("Mary Anne Smith"),
    # at most _MAX_NAME_WORDS words: one sweep each way keeps long runs linear.
    run = [0] * n
    for i in range(n):
        joined = i > 0 and _joins(t, tokens[i - 1], tokens[i])
        if person[i]:
            run[i] = run[i - 1] + 1 if joined and person[i - 1] else 1
        elif (
            joined
            and person[i - 1]
            and run[i - 1] < _MAX_NAME_WORDS
            and _continues_name(tokens[i], keys[i], listed[i], word[i], safe[i])
        ):
            person[i] = True
            run[i] = run[i - 1] + 1
    run = [0] * n
    for i in range(n - 1, -1, -1):
        joined = i + 1 < n and _joins(t, tokens[i], tokens[i + 1])
        if person[i]:
            run[i] = run[i + 1] + 1 if joined and person[i + 1] else 1
        elif (
            joined
            and person[i + 1]
            and run[i + 1] < _MAX_NAME_WORDS
            and _continues_name(tokens[i], keys[i], listed[i], word[i], safe[i])
            and not _sentence_initial(t, tokens[i].start)
        ):
            person[i] = True
            run[i] = run[i + 1] + 1

    for i, tok in enumerate(tokens):
        key = keys[i]
        if roster_tokens and key in roster_tokens:
            initial = _sentence_initial(t, tok.start)
            if tok.capitalised:
                roster[i] = not (initial and word[i] and next_key(i) not in _PERSON_VERBS)
            else:
                roster[i] = not word[i] and len(key) >= 3

    spans: list[_Span] = []
    spans.extend(_merge(tokens, person, "person_name", t))
    spans.extend(_merge(tokens, roster, "roster_name", t))
    for pattern in roster_full:
        for m in pattern.finditer(t):
            spans.append(("roster_name", m.start(), m.end()))
    spans.extend(initial_names(t, data))  # "F. Lopes", "Amrit G."
    # what a colleague is called: "Bear (that's what everybody calls him)", "Jaja is what
    # everyone calls the old nursing assistant", "Sky (RN, yes that's her name)"
    for m in _CALLED.finditer(t):
        g = 1 if m.group(1) else 2
        spans.append(("person_name", m.start(g), m.end(g)))
    for m in _INITIALS.finditer(t):
        if m.group(1).replace(" ", "").upper() not in _NOT_INITIALS:
            spans.append(("person_name", m.start(1), m.end(1)))
    for m in _INITIALS_SUBJECT.finditer(t):
        k = 1 if m.group(1) else 2
        bare = m.group(k)
        if (
            bare not in _NOT_INITIALS
            and not data.is_safe(bare.lower())
            and not data.is_english(bare.lower())
        ):
            spans.append(("person_name", m.start(k), m.end(k)))
    for m in _INITIALS_CUED.finditer(t):
        bare = m.group(1).replace(".", "").replace(" ", "")
        dotted = "." in m.group(1)
        a_word = len(bare) >= 3 and data.is_english(bare.lower())  # "PT HAD A FALL"
        if bare.upper() not in _NOT_INITIALS and (
            dotted or not (data.is_safe(bare.lower()) or a_word)
        ):
            spans.append(("person_name", m.start(1), m.end(1)))
    return spans


def _brand_case(word: str) -> bool:
    """Capitals inside a word, more than names have ("HoNOS", "VASc", "iPad"; not "McDonald",
    "DeShawn", "MacKenzie")."""
    inner = sum(1 for ch in word[1:] if ch.isupper())
    if "Mc" in word[1:] or "Mac" in word[1:]:
        return False  # "CMcC", "JMacD": initials
    return not word.isupper() and (inner >= 2 or (word[0].islower() and inner >= 1))


def _eponym_pair(t: str, tokens: list[_Token], keys: list[str], i: int) -> bool:
    """Whether token i is one of two eponyms before a score noun: "Hunt and Hess grade"."""
    for a, b in ((i, i + 2), (i - 2, i)):
        if a < 0 or b + 1 >= len(tokens) or keys[a + 1] not in ("and", "&"):
            continue
        if tokens[a].capitalised and tokens[b].capitalised and keys[b + 1] in _EPONYM_NEXT:
            return all(t[tokens[j].end : tokens[j + 1].start] == " " for j in range(a, b + 1))
    return False


def _score_after(t: str, tok: _Token) -> bool:
    """A hyphenated eponym with a class or grade after it: "Child-Pugh C", "Hoehn-Yahr 3"."""
    return "-" in tok.word and _GRADE_AFTER.match(t, tok.end, tok.end + 4) is not None


def _continues_name(tok: _Token, key: str, listed: bool, word: bool, safe: bool) -> bool:
    if not tok.capitalised or tok.all_caps or safe or key in NEVER or key in ("u", "w"):
        return False
    if key in _AFTER_TITLE_STOP or key in _MONTH_WORDS or key in _WEEKDAYS:
        return False
    if key in _TITLES or key in _PLACE_NEXT or key in _EPONYM_NEXT:
        return False
    return listed or not word


def _capitalised_compound(word: str) -> bool:  # "Marvellous-Bill", "Chi-ho" (syllables.py)
    parts = word.split("-")
    return syllable_name(word) or (
        len(parts) > 1 and all(len(p) >= 2 and p[0].isupper() and p[1:].islower() for p in parts)
    )


_OBJECT_CUES = frozenset(
    (
        *("told", "asked", "thanked", "rang", "phoned", "texted", "met", "saw", "supported"),
        *("visited", "nursed", "blamed", "emailed"),
    )
)


def _person_object(keys: list[str], i: int) -> bool:
    """Whether token i is the object of a person verb: "told NIU", "covering for YA"."""
    if i > 0 and keys[i - 1] in _OBJECT_CUES:
        return True
    return i > 1 and keys[i - 1] == "for" and keys[i - 2] in ("covering", "cover", "covered")


def _checked_in_on(keys: list[str], i: int) -> bool:
    """Whether token i follows "in on" ("checked in on X", "called in on X")."""
    return i >= 2 and keys[i - 1] == "on" and keys[i - 2] == "in"


def _title_run(t: str, tokens: list[_Token], i: int) -> bool:
    """Whether token i stands in a run of capitalised words ("Root Cause Analysis")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            a, b = (tokens[j], tokens[i]) if j < i else (tokens[i], tokens[j])
            if _plain_gap(t, a, b) and tokens[j].capitalised and tokens[j].key not in _TITLES:
                return not _sentence_initial(t, tokens[j].start) or j > i
    return False
