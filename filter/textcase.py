"""Lower-casing that lets case-insensitive ASCII patterns run case-sensitively.

Python's `re` scans a case-sensitive pattern about three times faster than an IGNORECASE one,
and a literal test on lower-cased text is cheaper still. Both are exact for ASCII patterns
except on four non-ASCII characters that case-insensitive matching equates with an ASCII letter
although lower-casing does not (or changes length or class): dotted and dotless i, long s and
the Kelvin sign. The spam phrase lists, the stripper's marker prefilter, the claim extractors'
number and relation guards and the evidence negation guard share this test.
"""

from __future__ import annotations

import re

_CASE_ALIASES = re.compile("[\u0130\u0131\u017f\u212a]")


def has_case_alias(text: str) -> bool:
    """Whether `text` holds one of the four characters that make its lower-cased copy inexact
    for case-insensitive ASCII patterns."""
    return not text.isascii() and _CASE_ALIASES.search(text) is not None


def lower_if_exact(text: str) -> str | None:
    """`text` lower-cased, or None when it holds a character that makes the lower-cased copy
    inexact for ASCII patterns (then only the case-insensitive pattern will do)."""
    return None if has_case_alias(text) else text.lower()
