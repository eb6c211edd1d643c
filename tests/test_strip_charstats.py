"""Vectorised character statistics agree with a plain per-block count."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from filter.strip.charstats import COLUMNS, block_char_stats

_SEP = "|·•»›"


def _reference(text: str) -> list[int]:
    """The same counts, one character at a time (the definition, not the fast path).

    Characters beyond the Basic Multilingual Plane (emoji) count as symbols.
    """
    bmp = [ord(c) <= 0xFFFF for c in text]
    alpha = [b and c.isalpha() for b, c in zip(bmp, text, strict=True)]
    digit = [b and not a and c.isdecimal() for a, b, c in zip(alpha, bmp, text, strict=True)]
    letters = sum(alpha)
    upper = sum(a and c.isupper() for a, c in zip(alpha, text, strict=True))
    punct = sum(
        not b or not (c.isalpha() or c.isdecimal() or c.isspace() or c.isalnum() or c == "_")
        for b, c in zip(bmp, text, strict=True)
    )
    word = [a or d for a, d in zip(alpha, digit, strict=True)]
    starts = [w and (i == 0 or not word[i - 1]) for i, w in enumerate(word)]
    capitals = sum(s and text[i].isupper() for i, s in enumerate(starts))
    space = [c.isspace() for c in text]

    def near(i: int) -> tuple[bool, bool]:
        return (i > 0 and space[i - 1]), (i + 1 < len(text) and space[i + 1])

    separators = 0
    quotes = 0
    for i, c in enumerate(text):
        before, after = near(i)
        if (c in _SEP and (before or after)) or (c == "/" and before and after):
            separators += 1
        if c in '"“”«»' or (c in "'‘" and (i == 0 or before)):
            quotes += 1
    return [
        letters,
        upper,
        sum(digit),
        punct,
        sum(starts),
        capitals,
        separators,
        quotes,
        sum(not s for s in space),
        len(text.split()),
    ]


def test_columns_on_a_known_block() -> None:
    counts = block_char_stats(['Home » News | "Kabul" 2021 / Taliban'])[0]
    row = dict(zip(COLUMNS, counts, strict=True))
    assert row["separators"] == 3
    assert row["quotes"] == 3  # "»" is a quotation mark as well as a separator
    assert row["digits"] == 4
    assert row["words"] == 8
    assert row["capital_tokens"] == 4


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
            min_size=0,
            max_size=40,
        ).map(lambda s: re.sub(r"\s", " ", s)),
        min_size=1,
        max_size=6,
    )
)
def test_vectorised_counts_match_the_reference(texts: list[str]) -> None:
    got = block_char_stats(texts)
    assert got.shape == (len(texts), len(COLUMNS))
    assert np.array_equal(got, np.array([_reference(t) for t in texts]))
