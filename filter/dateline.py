"""Scraper date prefixes and datelines: metadata, not body.

The patterns live in `data/datelines.toml`; the reader takes the date from them and the stripper
removes the matched span, so both agree on exactly one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from filter.data import read_toml


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    published: date
    place: str | None
    rule: str


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = read_toml("datelines.toml")["prefix"]
    return tuple((r["name"], re.compile(r["pattern"])) for r in rules)


def find_dateline(text: str) -> Dateline | None:
    """The leading date prefix of `text`, if any, with a valid calendar date."""
    head = text[:300]
    for name, pattern in _patterns():
        match = pattern.match(head)
        if not match:
            continue
        try:
            published = date.fromisoformat(match.group("date"))
        except ValueError:
            continue
        place = match.groupdict().get("place")
        return Dateline(
            match.start(), match.end(), published, place.strip() if place else None, name
        )
    return None
