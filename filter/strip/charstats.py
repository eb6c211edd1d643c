"""Character statistics of every block of an article, in one vectorised pass.

Upper-case, digit and punctuation shares, word counts, capitalised words, separators ("a | b",
"News » World") and quotation marks: counting them block by block with regular expressions cost
more than the classifier itself on a short article. Here the whole article is one array of code
points, classified through a lookup table; a second table, indexed by a character's class and
what its neighbours are, gives the bits it adds to each count, and one segmented sum per block
adds them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

# Code-point classes (bits of the lookup table).
_LETTER, _UPPER, _DIGIT, _PUNCT = 1, 2, 4, 8
_SPACE, _BREAK, _SEP, _SLASH, _QUOTE, _APOS = 16, 32, 64, 128, 256, 512
_SEPARATORS = "|·•»›"
_QUOTES = '"“”«»'
_APOSTROPHES = "'‘"

COLUMNS: tuple[str, ...] = (
    "letters",
    "upper",
    "digits",
    "punct",
    "tokens",  # runs of letters and digits (what \w+ finds, less underscores)
    "capital_tokens",  # tokens starting with an upper-case letter
    "separators",  # a separator character with a space beside it ("/" needs both sides)
    "quotes",  # quotation marks, and apostrophes at the start of a word
    "nonspace",  # characters that are not white space
    "words",  # runs of non-space characters (what str.split finds)
)


@cache
def _table() -> np.ndarray:
    """Class bits for every code point of the Basic Multilingual Plane.

    Code points above it (emoji, rare scripts) are clipped to U+FFFF, which counts as a symbol.
    """
    table = np.zeros(0x10000, dtype=np.uint16)
    classes = []
    for code in range(0x10000):
        ch = chr(code)
        if ch.isalpha():
            bits = _LETTER | _UPPER if ch.isupper() else _LETTER
        elif ch.isdecimal():
            bits = _DIGIT
        elif ch == "\n":
            bits = _BREAK
        elif ch.isspace():
            bits = _SPACE
        elif ch.isalnum() or ch == "_":
            bits = 0
        else:
            bits = _PUNCT
        classes.append(bits)
    table[:] = classes
    for ch in _SEPARATORS:
        table[ord(ch)] |= _SEP
    table[ord("/")] |= _SLASH
    for ch in _QUOTES:
        table[ord(ch)] |= _QUOTE
    for ch in _APOSTROPHES:
        table[ord(ch)] |= _APOS
    table[0xFFFF] = _PUNCT
    return table


# What a character shows its neighbours: the character before needs to know whether it is a
# word character, a space, a line break (the start of the text counts as one) or anything else
# not blank; the character after, only whether it is a space.
_WORD_BEFORE, _SPACE_BEFORE, _BREAK_BEFORE, _OTHER_BEFORE = range(4)
_CLASSES = 1024  # the table's values fit in ten bits


@cache
def _before() -> np.ndarray:
    """For each class value: which of the four kinds of preceding character it is."""
    cls = np.arange(_CLASSES)
    kind = np.full(_CLASSES, _OTHER_BEFORE, dtype=np.uint16)
    kind[(cls & _SPACE) != 0] = _SPACE_BEFORE
    kind[(cls & _BREAK) != 0] = _BREAK_BEFORE
    kind[(cls & (_LETTER | _DIGIT)) != 0] = _WORD_BEFORE
    return kind


@cache
def _keys() -> np.ndarray:
    """The counted bits of a character, by (its class, the kind before it, a space after it).

    Every neighbour condition of a character depends only on those three things, so one table
    lookup per character replaces a dozen shifted whole-article arrays.
    """
    grid = np.arange(_CLASSES * 8)
    cls, before, space_after = grid >> 3, (grid >> 1) & 3, (grid & 1) == 1
    word = (cls & (_LETTER | _DIGIT)) != 0
    space_before = before == _SPACE_BEFORE
    line_start = before == _BREAK_BEFORE
    token_start = word & (before != _WORD_BEFORE)
    separator = ((cls & _SEP) != 0) & (space_before | space_after)
    separator |= ((cls & _SLASH) != 0) & space_before & space_after
    quote = ((cls & _QUOTE) != 0) | (((cls & _APOS) != 0) & (space_before | line_start))
    nonspace = (cls & (_SPACE | _BREAK)) == 0
    word_start = nonspace & ((before == _SPACE_BEFORE) | (before == _BREAK_BEFORE))

    key = (cls & (_LETTER | _UPPER | _DIGIT | _PUNCT)).astype(np.uint16)
    key |= token_start.astype(np.uint16) << 4
    key |= (token_start & ((cls & _UPPER) != 0)).astype(np.uint16) << 5
    key |= separator.astype(np.uint16) << 6
    key |= quote.astype(np.uint16) << 7
    key |= nonspace.astype(np.uint16) << 8
    key |= word_start.astype(np.uint16) << 9
    return key


def block_char_stats(texts: Sequence[str]) -> np.ndarray:
    """An (n, len(COLUMNS)) int array of counts, one row per block.

    Blocks are single lines (no newline inside); they are joined by newlines, which count as a
    block boundary: nothing here looks across one.
    """
    if not texts:
        return np.zeros((0, len(COLUMNS)), dtype=np.int64)
    joined = "\n".join(texts) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cls = _table()[np.minimum(codes, 0xFFFF)]
    # index = class, kind of the character before, space after (see `_keys`).
    index = cls << 3
    index[0] |= _BREAK_BEFORE << 1
    index[1:] |= _before()[cls[:-1]] << 1
    index[:-1] |= (cls[1:] & _SPACE) != 0
    key = _keys()[index]
    lines = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
    starts = np.cumsum(lines) - lines
    # Column by column, each bit a contiguous uint8 array summed block by block (a 2-D
    # reduceat over all ten rows at once cost three times as much).
    out = np.empty((len(texts), len(COLUMNS)), dtype=np.int64)
    for k in range(len(COLUMNS)):
        out[:, k] = np.add.reduceat(((key >> k) & 1).astype(np.uint8), starts, dtype=np.int64)
    return out
