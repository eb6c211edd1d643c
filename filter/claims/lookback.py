"""Tests on the words right before a mention ("the city of |Kandahar", "in |Nice").

Each test asks whether a short window of text *ends* with a cue. Written as an end-anchored
search (`...\\s+$`), the regex engine tries every start position of the window, each with a
full alternation; written backwards and matched once at the start of the reversed window, it
is one anchored attempt. Same answers (a regular language reversed is still regular), a fifth
of the time: these run for every candidate place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CUE_NOUNS = ("city", "town", "village", "province", "district", "port", "capital", "region",
              "state", "county", "governorate", "oblast")
_STRONG_NOUNS = ("city", "town", "village", "province", "district", "port", "region", "county",
                 "governorate", "oblast")  # "capital of", "state of" also open other phrases
_CITY_NOUNS = ("city", "town", "village", "port")
_TOWARDS = ("in", "at", "near", "outside", "from", "to", "into", "toward", "towards")
_LOCATIVE = ("in", "at", "near", "outside", "into")


def _rev(words: Iterable[str]) -> str:
    return "|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True))


# Reversed "<noun> of (the) " — each pattern below is the mirror image of the one in its comment.
# "(city|town|...) of (the) $"
_STRONG_CUE = re.compile(rf"\s+(?:eht\s+)?fo\s+(?:{_rev(_STRONG_NOUNS)})", re.IGNORECASE)
# "(city|town|village|port) of (the) $"
_CITY_BEFORE = re.compile(rf"\s+(?:eht\s+)?fo\s+(?:{_rev(_CITY_NOUNS)})", re.IGNORECASE)
# "(city|...|state) of (the) $" or "(in|at|near|...|towards) (the) $"
_CUE_BEFORE = re.compile(
    rf"\s+(?:eht\s+)?(?:fo\s+(?:{_rev(_CUE_NOUNS)})|(?:{_rev(_TOWARDS)}))", re.IGNORECASE)
# "(?<![A-Za-z])(in|at|near|outside|into) $", case as written
_LOCATIVE_BEFORE = re.compile(rf"\s+(?:{_rev(_LOCATIVE)})(?![A-Za-z])")
# "([A-Za-z][\w'’.-]*) $": the word before, from its first letter
_PREV_WORD = re.compile(r"\s+([\w'’.-]*[A-Za-z])")


class Lookback:
    """The window before one mention, reversed once, asked several questions."""

    __slots__ = ("_rev", "_len")

    def __init__(self, before: str) -> None:
        self._rev = before[::-1]
        self._len = len(before)

    def strong_cue(self) -> bool:
        """"the city of", "province of the": says a place follows, even a common word."""
        return _STRONG_CUE.match(self._rev) is not None

    def city_cue(self) -> bool:
        return _CITY_BEFORE.match(self._rev) is not None

    def any_cue(self) -> bool:
        """A strong cue, "capital of", "state of", or a preposition of place or motion."""
        return _CUE_BEFORE.match(self._rev) is not None

    def locative(self) -> bool:
        """"in", "at", "near", "outside", "into", in lower case."""
        return _LOCATIVE_BEFORE.match(self._rev) is not None

    def previous_word(self) -> tuple[str, int] | None:
        """The word before (from its first ASCII letter) and its offset in the window."""
        m = _PREV_WORD.match(self._rev)
        if m is None:
            return None
        return m.group(1)[::-1], self._len - m.end()
