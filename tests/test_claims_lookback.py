"""The reversed cue tests answer exactly what the plain end-anchored patterns would."""

from __future__ import annotations

import re

import pytest

from filter.claims.lookback import Lookback

# The definitions, written forwards (slow to search, easy to read).
STRONG = re.compile(r"(?:city|town|village|province|district|port|region|county|governorate|"
                    r"oblast)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
CITY = re.compile(r"(?:city|town|village|port)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
ANY = re.compile(r"(?:city|town|village|province|district|port|capital|region|state|county|"
                 r"governorate|oblast)\s+of\s+(?:the\s+)?$|(?:in|at|near|outside|from|to|into|"
                 r"towards?)\s+(?:the\s+)?$", re.IGNORECASE)
LOCATIVE = re.compile(r"(?<![A-Za-z])(?:in|at|near|outside|into)\s+$")
PREV = re.compile(r"([A-Za-z][\w'’.-]*)\s+$")

WINDOWS = ["the city of ", "fighting in the ", "Town  of   the  ", "in support of ", "into ",
           "Into ", "IN ", "xin ", "9in ", "moved towards the ", "CAPITAL OF ", "state of the ",
           "spokesman John ", "O'Neil ", "5-Kabul ", "ab5 ", "the U.S. ", "Afghanistan’s ",
           "said\u2003", "", " ", "city of", "near\n"]


@pytest.mark.parametrize("window", WINDOWS)
def test_reversed_cues_agree_with_their_definitions(window: str) -> None:
    lb = Lookback(window)
    assert lb.strong_cue() == bool(STRONG.search(window))
    assert lb.city_cue() == bool(CITY.search(window))
    assert lb.any_cue() == bool(ANY.search(window))
    assert lb.locative() == bool(LOCATIVE.search(window))
    m = PREV.search(window)
    assert lb.previous_word() == ((m.group(1), m.start()) if m else None)
