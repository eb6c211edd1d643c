"""Sentence boundaries with offsets: every claim points back at the sentence that made it."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "no", "vs", "jan", "feb",
           "aug", "sept", "sep", "oct", "nov", "dec", "gov", "sen", "rep", "maj", "capt", "cpl",
           "prof", "inc", "corp", "ltd", "co", "jr", "sr", "u.s", "u.k", "u.n", "a.m", "p.m",
           "e.g", "i.e", "approx", "est", "mt", "ft", "pres", "adm", "brig"}
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_LAST_TOKEN = re.compile(r"([\w.]+)[.!?]*$")
_TOKEN_WINDOW = 40  # longer than any abbreviation: an end-anchored search stays short


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; lines are never joined, so headlines stand alone."""
    for line in _LINE.finditer(text):
        start = line.start()
        seg = line.group()
        cut = 0
        for m in _BOUNDARY.finditer(seg):
            word = _LAST_TOKEN.search(seg, max(cut, m.start() + 1 - _TOKEN_WINDOW),
                                      m.start() + 1)
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue
            end = m.start() + len(m.group().rstrip())
            yield from _trimmed(text, start + cut, start + end)
            cut = m.end()
        yield from _trimmed(text, start + cut, line.end())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
