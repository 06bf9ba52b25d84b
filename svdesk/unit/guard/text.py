"""Normalisation of a note with a map back to the original text: matching runs on an NFKC copy
with invisible characters removed and HTML tags and entities undone; every finding is reported
in offsets of the text as typed."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_Span = tuple[str, int, int]  # kind, start, end (offsets in the normalised text)


@dataclass(frozen=True)
class _Normalised:
    text: str
    starts: tuple[int, ...]  # for each character of `text`, the original span it came from
    ends: tuple[int, ...]

    def original_span(self, a: int, b: int) -> tuple[int, int]:
        return self.starts[a], self.ends[b - 1]


# Characters that render as nothing (or reorder text) but split words and numbers for a regex.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'"}
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")


def _normalise_chars(chunk: str) -> Iterator[str]:
    """Per-character rules for one cluster (base character plus its combining marks)."""
    for ch in unicodedata.normalize("NFKC", chunk):
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me") or cat == "Cf" or ch in _INVISIBLE:
            continue  # stray marks, zero-width and bidi controls: matched as if absent
        if cat == "Cc" and ch not in "\n\t":
            yield " "  # NUL and other controls separate words, like a space
        elif cat == "Cs":
            yield "\ufffd"
        elif cat == "Pd" or ch == "\u2212":
            yield "-"
        elif cat == "Zs":
            yield " "
        else:
            yield _QUOTES.get(ch, ch)


def _normalise(text: str) -> _Normalised:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chars: Iterable[str], a: int, b: int) -> None:
        for ch in chars:
            out.append(ch)
            starts.append(a)
            ends.append(b)

    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if m:  # pasted rich text: a tag separates words
                emit(" ", i, m.end())
                i = m.end()
                continue
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if m:
                decoded = html.unescape(m.group())
                if decoded != m.group():
                    emit(_normalise_chars(decoded), i, m.end())
                    i = m.end()
                    continue
        if unicodedata.category(ch) == "Cs":
            emit("\ufffd", i, i + 1)  # a lone surrogate cannot be normalised
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.category(text[j]) in ("Mn", "Mc", "Me"):
            j += 1
        emit(_normalise_chars(text[i:j]), i, j)
        i = j
    return _Normalised("".join(out), tuple(starts), tuple(ends))
