"""Sentence boundaries with offsets: every claim points back at the sentence that made it."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "no", "vs", "jan", "feb",
           "aug", "sept", "sep", "oct", "nov", "dec", "gov", "sen", "rep", "maj", "capt", "cpl",
           "prof", "inc", "corp", "ltd", "co", "jr", "sr", "u.s", "u.k", "u.n", "a.m", "p.m",
           "e.g", "i.e", "approx", "est", "mt", "ft", "pres", "adm", "brig"}
# End punctuation, closing quotes, spaces (never a newline: lines are never joined), then a
# capital or digit. One scan over the whole text finds the boundaries of every line.
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*[^\S\n]+(?=[\"“‘(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_LAST_TOKEN = re.compile(r"([\w.]+)[.!?]*$")
_TOKEN_WINDOW = 40  # longer than any abbreviation: an end-anchored search stays short


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; lines are never joined, so headlines stand alone."""
    return iter(_spans(text))


def _spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    bounds = _BOUNDARY.finditer(text)
    b = next(bounds, None)
    for line in _LINE.finditer(text):
        cut, line_end = line.start(), line.end()
        while b is not None and b.start() < line_end:
            at = b.start() + 1
            # The token holds no space: its search starts after the window's last one.
            lo = max(cut, at - _TOKEN_WINDOW)
            word = _LAST_TOKEN.search(text, max(lo, text.rfind(" ", lo, at) + 1), at)
            token = word.group(1).lower().rstrip(".") if word else ""
            if not (token in _ABBREV or (len(token) == 1 and token.isalpha())):
                _add_trimmed(out, text, cut, b.start() + len(b.group().rstrip()))
                cut = b.end()
            b = next(bounds, None)
        _add_trimmed(out, text, cut, line_end)
    return out


def _add_trimmed(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
