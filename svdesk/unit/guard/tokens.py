"""The words of a note as the name rules see them (svdesk/unit/guard/names.py): a token with
its look-up key, whether it starts a sentence, brackets around it, and how flagged tokens
join into one finding ("Anna Smith", "J. Smith")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from svdesk.unit.guard.lexicon import _fold
from svdesk.unit.guard.namewords import _MAX_NAME_WORDS
from svdesk.unit.guard.text import _Span

_SENTENCE_END = ".!?:;\n\r\t•*>|"
_CLITICS = ("'s", "n't", "'ll", "'re", "'ve", "'d", "'m", "s'")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str

    @property
    def lower(self) -> str:
        return self.word.lower()

    @property
    def key(self) -> str:
        """The word to look up: folded lower case, without a possessive or contraction
        ("Okafor's" -> "okafor", "didn't" -> "did", "Nguyễn" -> "nguyen")."""
        low = _fold(self.word)
        for ending in _CLITICS:
            if low.endswith(ending) and len(low) > len(ending) + 1:
                return low[: -len(ending)]
        return low

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper()

    @property
    def all_caps(self) -> bool:
        """An abbreviation, also with a plural or possessive: "CNA", "GSWs", "NUM's"."""
        word = self.word
        if word[-1] == "s" and len(word) > 3 and word[0].isupper():
            stem = word[:-2] if word.endswith("'s") else word[:-1]
            if stem.isupper() and len(stem) > 1:
                return True
        return len(word) > 1 and word.isupper()


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \"'([{-\u00ab\u201c":
        if text[i] == "-" and i > 0 and text[i - 1].isalnum():
            return False
        i -= 1
    if i >= 1 and text[i] == "." and text[i - 1].isupper() and (i < 2 or not text[i - 2].isalnum()):
        return False  # after an initial: "S. Moses", "F. Lopes"
    return i < 0 or text[i] in _SENTENCE_END


def _plain_gap(t: str, a: _Token, b: _Token) -> bool:
    return t[a.end : b.start] in (" ", "  ")


def _in_brackets(t: str, tok: _Token) -> bool:
    """A word alone, or with one or two others, in brackets: "(Hope)", "[Ana Lima]"."""
    left = t.rfind("(", max(0, tok.start - 40), tok.start)
    left = max(left, t.rfind("[", max(0, tok.start - 40), tok.start))
    if left < 0:
        return False
    inner_start = left + 1
    close = re.compile(r"[^()\[\]]{0,40}?[)\]]").match(t, tok.end)
    if close is None:
        return False
    inner = t[inner_start : close.end() - 1]
    return 1 <= len(inner.split()) <= 3 and re.search(r"\d", inner) is None


def _joins(t: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens can be parts of one name: "Anna Smith", "J. Smith", not "Anna. Dr"."""
    between = t[left.end : right.start]
    if between in (" ", "  ", "-"):
        return True
    return between in (".", ". ") and len(left.word) == 1


def _merge(tokens: list[_Token], flags: list[bool], kind: str, t: str) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and j + 1 - i < _MAX_NAME_WORDS
            and flags[j + 1]
            and _joins(t, tokens[j], tokens[j + 1])
        ):
            j += 1  # a name is at most _MAX_NAME_WORDS words; a longer run is several findings
        spans.append((kind, tokens[i].start, tokens[j].end))
        i = j + 1
    return spans
