#!/usr/bin/env python3
"""Rebuild resources/names/phrase_words.txt: the common words of the languages supporters and
staff write in or beside English, one section per language, for the identifier guard.

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python scripts/guard_phrase_words.py      # rewrite the file
    /tmp/wf/bin/python scripts/guard_phrase_words.py --stats

wordfreq is not a dependency of svdesk: it is only needed to rebuild the file. A word here is
known vocabulary only inside a phrase of its language (svdesk/unit/guard/phrases.py), so "las
enfermeras lo respetaron" is Spanish, while "Orla" or "Caio" in an English note stays a possible
name although both are Portuguese words. Words that are also names stay ("paz", "dolores",
"esta"): the guard takes them for words only in lower case or at the start of a sentence, inside
a clear phrase. Dropped are words of one letter (except in Spanish,
Portuguese, French and Italian: "y", "a", "e", "o"), words with digits or letters outside
ASCII after folding, and a hand list of given names that are frequent as words in these corpora
(`GIVEN_NAMES`). The languages and how many of each language's most frequent words are taken
are in `LANGUAGES`: Spanish most (notes written wholly in Spanish), then the languages of the
workforce of the hospitals svdesk is written for.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svdesk.unit.guard.lexicon import _fold  # noqa: E402

OUT = ROOT / "resources" / "names" / "phrase_words.txt"

# (wordfreq code, name in the file, how many of its most frequent words)
LANGUAGES = (
    ("es", "Spanish", 25000),
    ("pt", "Portuguese", 12000),
    ("fr", "French", 12000),
    ("de", "German", 10000),
    ("nl", "Dutch", 8000),
    ("it", "Italian", 8000),
    ("sv", "Swedish", 5000),
    ("nb", "Norwegian (Bokmål)", 5000),
    ("da", "Danish", 4000),
    ("pl", "Polish", 5000),
    ("tr", "Turkish", 4000),
    ("ms", "Malay", 3000),
    ("id", "Indonesian", 3000),
    ("fil", "Filipino (Tagalog)", 3000),
)
SHORT_WORDS = {"es", "pt", "fr", "it"}  # words of one letter kept: "y", "a", "e", "o"
# Given names that are frequent as words in these corpora: kept out (they are in the name lists
# or world_names.txt, or should be).
GIVEN_NAMES = frozenset(
    (
        "siti",
        "nur",
        "putri",
        "dewi",
        "sri",
        "budi",
        "agus",
        "ayu",
        "indah",
        "wati",
        "rini",
        "yanti",
        "eka",
        "dwi",
        "tri",
        "adi",
        "ahmad",
        "muhammad",
        "ali",
        "abdul",
        "aziz",
        "rahman",
        "hassan",
        "hussein",
        "ismail",
        "yusuf",
        "ibrahim",
        "ana",
        "maria",
        "jose",
        "juan",
        "pedro",
        "pablo",
        "luis",
        "carlos",
        "jorge",
        "miguel",
        "angel",
        "antonio",
        "manuel",
        "francisco",
        "javier",
        "diego",
        "david",
        "daniel",
        "alejandro",
        "sofia",
        "lucia",
        "paula",
        "laura",
        "marta",
        "elena",
        "carmen",
        "isabel",
        "jesus",
        "guadalupe",
        "jean",
        "pierre",
        "marie",
        "michel",
        "claude",
        "louis",
        "paul",
        "jacques",
        "anne",
        "sophie",
        "hans",
        "peter",
        "klaus",
        "jan",
        "lars",
        "anders",
        "erik",
        "nils",
        "ole",
        "per",
        "karin",
        "ingrid",
        "astrid",
        "sven",
        "johan",
        "piotr",
        "pawel",
        "tomasz",
        "anna",
        "katarzyna",
        "agnieszka",
        "mehmet",
        "mustafa",
        "ayse",
        "fatma",
        "emre",
        "deniz",
        "can",
        "umut",
        "baris",
        "ozge",
    )
)


def build() -> tuple[str, dict[str, int]]:
    import wordfreq

    seen: set[str] = set()
    counts: dict[str, int] = {}
    sections: list[str] = []
    for code, label, n in LANGUAGES:
        seen.clear()  # a word may be in several languages ("que" is Spanish and Portuguese)
        words: list[str] = []
        for raw in wordfreq.top_n_list(code, n, wordlist="best"):
            w = _fold(raw).lower()
            if not w.isalpha() or (len(w) < 2 and code not in SHORT_WORDS):
                continue
            if w in GIVEN_NAMES or w in seen or not w.isascii():
                continue
            seen.add(w)
            words.append(w)
        counts[label] = len(words)
        lines = [" ".join(words[i : i + 14]) for i in range(0, len(words), 14)]
        sections.append(f"# --- {code} {label}: {len(words)} words, most frequent first ---")
        sections.extend(lines)
    spec = textwrap.fill(
        ", ".join(f"{code} (n={n})" for code, _, n in LANGUAGES) + ".",
        width=94,
        initial_indent="# ",
        subsequent_indent="# ",
    )
    header = f"""\
# Common words of the languages supporters and staff write in or beside English notes, for the
# identifier guard (svdesk/unit/guard/phrases.py): one section per language, each opened by a
# line "# --- CODE Name: ...". A word here is known vocabulary inside a phrase of its language
# (two more words of that language within three words), so "las enfermeras lo respetaron" or
# "de verpleegkundige was" are not suspected as names for being in no list; alone in an English
# note the word is judged as any other. Several words per line; '#' comments; accent-folded
# lower case, ASCII only. Rebuilt by scripts/guard_phrase_words.py.
# Source: the PyPI package wordfreq 3.1.1 (Robyn Speer; code Apache-2.0), function
# top_n_list(lang, n, wordlist="best") for
{spec}
# wordfreq's data files are redistributed under the Creative Commons Attribution-ShareAlike 4.0
# licence (https://creativecommons.org/licenses/by-sa/4.0/); this file is an adaptation of them
# (only the most frequent words kept, without their frequencies) and is shared under the same
# licence,
# CC BY-SA 4.0, with attribution to wordfreq and its sources (Wikipedia, OpenSubtitles,
# SUBTLEX, Google Books Ngrams, the Leeds Internet Corpus, ParaCrawl, Reddit and Twitter word
# counts). The data are word frequencies over large corpora, not texts: no personal data.
# Words that are also English are kept ("la", "me", "come"): they count for a phrase only beside
# a word that is not English; so are words that are also names ("paz", "esta"): see phrases.py.
# Dropped: words of one letter (except Spanish, Portuguese, French and Italian ones),
# with digits or letters outside ASCII after folding, and a hand list of given names frequent
# as words (siti, nur, putri, dewi, maria, jose, deniz, umut ...; the script's GIVEN_NAMES).
"""
    return header + "\n".join(sections) + "\n", counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--stats", action="store_true", help="print the counts, write nothing")
    args = p.parse_args(argv)
    text, counts = build()
    print(counts, sum(counts.values()), f"{len(text.encode()) / 1e6:.2f} MB")
    if not args.stats:
        OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
