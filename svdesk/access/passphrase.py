"""Passphrase rules: an estimate of how many guesses a passphrase takes, and the policy on it.

The estimate is the lower of two. zxcvbn's (the `zxcvbn` package, MIT: keyboard walks, names,
English words, leetspeak, dates, repeats). And our own, in the same spirit: the passphrase is cut
into words, digit runs and other characters; a word found in the bundled list of 20,000 common
passwords (resources/security/common-passwords.txt) costs its rank, also with look-alike digits
(`p4ssw0rd`) or a capital; an unknown word that looks like a word costs what a dictionary attack
pays (`_WORDLIKE`); repeats and runs (`aaaa`, `1234`, `abcd`) cost little; the rest costs its
alphabet to the power of its length. Guesses multiply over the pieces. Each catches weak ones the
other lets through (docs/security.md has the figures).
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

from svdesk.content.resources import read_text
from svdesk.errors import InvalidInput

MIN_PASSPHRASE = 8
# Guesses a new passphrase must take: 10^8 with the keyring (a stolen keys file is useless
# without the device secret as well), 10^10 in passphrase-only mode (the passphrase is all).
MIN_GUESSES = 1e8
MIN_GUESSES_PASSPHRASE_ONLY = 1e10
# An unknown letter run with vowels where words have them is taken to be a dictionary word.
_WORDLIKE = 30_000
_LONGEST_WORD = 14
_LEET = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_TOKEN = re.compile(r"[A-Za-z0-9@$]+|[^A-Za-z0-9@$]+")
_RUN = re.compile(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9]+")
ADVICE = (
    "A good passphrase is four or more unrelated everyday words, e.g. 'violet tractor "
    "under marble' (not that one): easy to type, hard to guess. Avoid names, dates, keyboard "
    "rows and common passwords with a digit or symbol added."
)


@lru_cache(maxsize=1)
def _common() -> dict[str, int]:
    """Common password → rank (1 = most common)."""
    words = [w for w in read_text("security", "common-passwords.txt").splitlines() if w]
    ranks: dict[str, int] = {}
    for word in words:
        if not word.startswith("#"):
            ranks.setdefault(word, len(ranks) + 1)
    return ranks


def _is_sequence(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    return len(text) >= 3 and len(steps) == 1 and steps <= {-1, 0, 1}


def _wordlike(letters: str) -> bool:
    """Could be a dictionary word: 3 to 14 letters, vowels where words have them, and cased as
    words are (lower, Capitalised or UPPER; random letters in mixed case are not)."""
    vowels = sum(c in "aeiouy" for c in letters.lower())
    cased = letters in (letters.lower(), letters.capitalize(), letters.upper())
    return 3 <= len(letters) <= _LONGEST_WORD and cased and 0.2 <= vowels / len(letters) <= 0.7


def _run_guesses(run: str) -> float:
    if run.isalpha():
        alphabet = 52 if (run.lower() != run and run.upper() != run) else 26
    elif run.isdigit():
        if len(run) == 4 and 1900 <= int(run) <= 2039:
            return 140.0  # a year
        alphabet = 10
    else:
        alphabet = 33
    if len(set(run)) == 1 or _is_sequence(run.lower()):
        return float(alphabet * len(run) * 2)
    if run.isalpha() and _wordlike(run):
        return float(min(alphabet ** len(run), _WORDLIKE * (2 if alphabet == 52 else 1)))
    return float(alphabet) ** len(run)


def _word_guesses(token: str) -> float:
    """Guesses for a run of letters, digits, '@' and '$' (a word, possibly disguised)."""
    lower = token.lower()
    case = 1 if token == lower else (2 if token[0].isupper() and token[1:] == lower[1:] else 8)
    ranks = _common()
    options = [math.prod(_run_guesses(r) for r in _RUN.findall(token))]
    stem = lower.rstrip("0123456789")
    suffix = lower[len(stem) :]
    for word, cost in ((lower, 1.0), (stem, _run_guesses(suffix) if suffix else 1.0)):
        for form, disguise in ((word, 1), (word.translate(_LEET), 4)):
            rank = ranks.get(form) if form else None
            if rank is not None:
                options.append(rank * case * cost * disguise)
    deleeted = lower.translate(_LEET)
    if deleeted.isalpha() and deleeted != lower and _wordlike(deleeted):
        options.append(float(min(26 ** len(deleeted), _WORDLIKE)) * case * 4)
    return min(options)


# zxcvbn refuses longer input; a prefix takes no more guesses than the whole.
_ZXCVBN_LONGEST = 72


def _zxcvbn_guesses(text: str) -> float:
    # Imported here: ~60 ms and 1.7 MB of word lists, for setting a passphrase, not at unlock.
    from zxcvbn import zxcvbn  # noqa: PLC0415

    return float(zxcvbn(text[:_ZXCVBN_LONGEST])["guesses"])


def estimate_guesses(passphrase: str) -> float:
    """About how many guesses an attacker who knows these rules needs (at least 1): the lower
    of zxcvbn's estimate and our own."""
    text = passphrase.strip()
    if not text:
        return 1.0
    return max(min(_own_guesses(text), _zxcvbn_guesses(text)), 1.0)


def _own_guesses(text: str) -> float:
    """Our estimate of the stripped, non-empty `text` (see the module's docstring)."""
    whole = text.lower()
    rank = _common().get(whole) or _common().get(whole.translate(_LEET))
    if rank is not None:
        return float(rank)
    guesses = 1.0
    separators: set[str] = set()
    for token in _TOKEN.findall(text):
        if token[0].isalnum() or token[0] in "@$":
            guesses *= _word_guesses(token)
        elif token in separators:
            guesses *= 2  # the same separator again
        else:
            separators.add(token)
            guesses *= _run_guesses(token) if len(token) > 1 else 8  # one of a few separators
    return max(guesses, 1.0)


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """0..4 and a short hint for the form (0: too short or too common; 4: strong)."""
    text = passphrase.strip()
    if len(text) < MIN_PASSPHRASE:
        return 0, f"Use at least {MIN_PASSPHRASE} characters; a few unrelated words work well."
    guesses = estimate_guesses(text)
    if guesses < 1e6:
        score = 1
    elif guesses < MIN_GUESSES:
        score = 2
    elif guesses < MIN_GUESSES_PASSPHRASE_ONLY:
        score = 3
    else:
        score = 4
    hints = {
        1: "Weak: make it longer, e.g. three or four unrelated words.",
        2: "Fair: adding another word makes it much stronger.",
        3: "Good.",
        4: "Strong.",
    }
    return score, hints[score]


def check_new_passphrase(passphrase: str, *, passphrase_only: bool = False) -> None:
    """InvalidInput (saying how to make a good one) when `passphrase` may not be used; the bar
    is higher in passphrase-only mode, where nothing else protects a copied store."""
    text = passphrase.strip()
    if len(text) < MIN_PASSPHRASE:
        raise InvalidInput(
            f"The passphrase is too short; use at least {MIN_PASSPHRASE} characters. {ADVICE}"
        )
    if text.lower() in _common() or text.lower().translate(_LEET) in _common():
        raise InvalidInput(f"That passphrase is one of the most common passwords. {ADVICE}")
    needed = MIN_GUESSES_PASSPHRASE_ONLY if passphrase_only else MIN_GUESSES
    if estimate_guesses(text) < needed:
        where = (
            " This store has no keyring secret, so the passphrase alone protects it."
            if passphrase_only
            else ""
        )
        raise InvalidInput(f"That passphrase is too easy to guess.{where} {ADVICE}")
