"""Phrases of other languages in a note, for the name rules (svdesk/unit/guard/names.py).

Supporters write whole notes, or parts of them, in Spanish, Portuguese, Dutch, Malay and other
languages. A word of such a phrase is in none of the English or name lists, so Philter's rule
would suspect it ("las enfermeras lo respetaron"). resources/names/phrase_words.txt holds each
language's common words (names taken out); a word there is known vocabulary when two more words
of the same language stand within three words of it. Alone in an English note the word is
judged like any other, since many are names too ("Orla", "Caio", "Dai").
"""

from __future__ import annotations

import re
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.errors import ValidationError

_SECTION = re.compile(r"^# --- ([a-z]{2,3}) [^\n]*$", re.MULTILINE)
_COMMENT = re.compile(r"#[^\n]*")
_WORDS = re.compile(r"[a-z\s]*")  # lower-case ASCII words and white space
WINDOW = 3  # words on each side
NEEDED = 2  # other words of the same language in the window
CLEAR = 3  # ... for a lower-case word in no list


@lru_cache(maxsize=1)
def phrase_words() -> dict[str, int]:
    """Each word of phrase_words.txt with one bit per language whose list has it (one string
    per word: a word of several languages is stored once)."""
    text = read_text("names", "phrase_words.txt")
    heads = list(_SECTION.finditer(text))
    out: dict[str, int] = {}
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        body = _COMMENT.sub("", text[head.end() : end])
        if _WORDS.fullmatch(body) is None:
            raise ValidationError(
                f"resources/names/phrase_words.txt, section {head.group(1)}: only lower-case "
                "ASCII words are allowed; rebuild it with scripts/guard_phrase_words.py.",
                [("resources/names/phrase_words.txt", "not a word")],
            )
        bit = 1 << k
        for word in body.split():
            out[word] = out.get(word, 0) | bit
    if not out:
        raise ValidationError(
            "resources/names/phrase_words.txt has no words; restore it from the release.",
            [("resources/names/phrase_words.txt", "empty")],
        )
    return out


def in_phrase(
    words: list[str], keys: list[str], english: list[bool], listed: list[bool], initial: list[bool]
) -> list[bool]:
    """Per word of a note (its text, its look-up key, whether it is an English word, a listed
    name, the first word of a sentence): whether it is a word of a phrase of another language.

    Only a word in lower case or the first of its sentence can be one: a capitalised word inside
    a sentence is a name or a place in these languages too ("la Virgen de Guadalupe", "com
    Thaís"). Around the word (`WINDOW` words each side) count the words of one language's list
    and, among them, the evidence: those that are neither English words nor listed names. A
    lower-case word of the list in no name list needs `NEEDED` of them, both evidence, or
    `CLEAR` of them, one evidence (English words are Dutch and Spanish words too: "was", "in");
    a listed name of the list ("paz", "dolores"), the first word of a sentence ("Está") and a
    lower-case word in no list ("rezaba", a rarer verb form) need a clear phrase: `CLEAR`, two
    of them evidence."""
    n = len(keys)
    out = [False] * n
    table = phrase_words()
    # "y", "a", "e" count in lower case; "E." is an initial
    masks = [
        table.get(k, 0) if len(k) > 1 or w.islower() else 0
        for k, w in zip(keys, words, strict=True)
    ]
    seen = 0
    for m in masks:
        seen |= m
    while seen:
        bit = seen & -seen
        seen ^= bit
        hits = [bool(m & bit) for m in masks]
        if sum(hits) <= NEEDED:
            continue
        own = [
            h and len(k) > 1 and not e and not s
            for h, k, e, s in zip(hits, keys, english, listed, strict=True)
        ]
        for i in range(n):
            lower = words[i].islower()
            if out[i] or english[i] or len(keys[i]) < 2 or not (lower or initial[i]):
                continue
            if listed[i] and not hits[i]:
                continue  # "maría", "josé": names, not words of the language
            a, b = max(0, i - WINDOW), i + WINDOW + 1
            near = sum(hits[a:i]) + sum(hits[i + 1 : b])
            evidence = sum(own[a:i]) + sum(own[i + 1 : b])
            if hits[i] and lower and not listed[i]:
                out[i] = (near >= NEEDED and evidence >= 2) or (near >= CLEAR and evidence >= 1)
            else:
                out[i] = (hits[i] or lower) and near >= CLEAR and evidence >= 2
    return out


_QUOTE = re.compile(r'"([^"\n]{1,80})"|\u201c([^\u201d\n]{1,80})\u201d')


def in_quotes(
    t: str,
    spans: list[tuple[int, int]],
    words: list[str],
    english: list[bool],
    listed: list[bool],
) -> list[bool]:
    """Per word (its offsets in `t`, its text, whether it is an English word, a listed name):
    whether it is a word of a short quotation in no list — what a colleague said, often in their
    own language ("gaman shinakya", "nie mogę", "méi shì"). A lower-case word there is no
    suspect, and the quotation's first word when another word of it is lower case and in no
    list ("Xinku le"); a listed name stays one ("Maria help me")."""
    out = [False] * len(spans)
    if '"' not in t and "\u201c" not in t:
        return out
    for m in _QUOTE.finditer(t):
        inside = [i for i, (a, b) in enumerate(spans) if a >= m.start() and b <= m.end()]
        unknown = [i for i in inside if not english[i] and not listed[i]]
        lower = [i for i in unknown if words[i].islower()]
        for i in lower:
            out[i] = True
        if inside and lower and inside[0] in unknown and inside[0] not in lower:
            out[inside[0]] = True
    return out
