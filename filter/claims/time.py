"""Weekdays and dates, resolved against the article's publication date.

News names days relative to when it was written: "on Thursday" in a piece published on
Friday 13 August means Thursday 12 August. A weekday resolves to the latest such day on or
before `published` ("next Monday" goes forward).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_STEM = re.compile("|".join(_MONTH_STEMS))  # any stem anywhere: a cheap gate
_MONTH_WORDS = frozenset(MONTHS + _MONTH_STEMS + ("sept",))  # as whole lower-case words
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_WEEKDAY = re.compile(  # the lookahead: first letters of the words below, one test per position
    rf"\b(?=[lntoesbuMTWFS])(?:(?P<rel>last|next|this|on|late|early|since|by|until)\s+)?"
    rf"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    rf"(?:['’]s)?(?:\s+(?P<part>{_PART}))?\b")
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|" \
         r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b")
_DATE_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y>\d{{4}}))?\b")
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_DIGIT = re.compile(r"\d")
_RELATIVE = re.compile(r"\b(?P<word>today|yesterday|tonight|last night)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimeRef:
    start: int
    end: int
    text: str
    weekday: str | None
    date: date | None
    part: str | None  # "night", "evening", "late", "early", ...


def _month(name: str) -> int:
    n = name.lower().rstrip(".")
    return MONTHS.index(n) + 1 if n in MONTHS else _MONTH_ABBR[n[:4] if n == "sept" else n[:3]]


def resolve_weekday(day: str, published: date | None, forward: bool = False) -> date | None:
    if published is None:
        return None
    target = WEEKDAYS.index(day.lower())
    if forward:
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    return published - timedelta(days=(published.weekday() - target) % 7)


def find_times(sentence: str, offset: int, published: date | None,
               words: set[str] | frozenset[str] | None = None) -> list[TimeRef]:
    """Every weekday, calendar date and relative day in one sentence. `words`: the sentence's
    lower-case words, when the caller has them already (a month or weekday is a whole word)."""
    low = sentence.lower()
    if words is None:
        has_month = _MONTH_STEM.search(low) is not None
        has_weekday = "day" in low
    else:
        has_month = not words.isdisjoint(_MONTH_WORDS)
        has_weekday = not words.isdisjoint(WEEKDAYS)
    relative = "today" in low or "yesterday" in low or "night" in low
    has_iso = "-" in sentence
    if has_iso or has_month:  # every date pattern needs a digit ("may" is mostly the verb)
        has_digit = _DIGIT.search(sentence) is not None
        has_iso, has_month = has_iso and has_digit, has_month and has_digit
    if not (has_month or has_weekday or has_iso or relative):
        return []  # every pattern below needs one of these: most sentences with a number
    out: list[TimeRef] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], weekday: str | None, when: date | None, part: str | None) -> None:
        start, end = m.span()
        if taken and any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(TimeRef(start + offset, end + offset, m.group(), weekday, when, part))

    for rx in (_DATE_ISO,) * has_iso + (_DATE_MDY, _DATE_DMY) * has_month:
        for m in rx.finditer(sentence):
            when = _date_of(m, rx is _DATE_ISO, published)
            if when is None:
                continue
            if rx is not _DATE_ISO and m.group("month") == "May" and not m.group("y") \
                    and rx is _DATE_MDY and not re.match(r"\s*\d", sentence[m.end("month"):]):
                continue
            add(m, WEEKDAYS[when.weekday()], when, None)
    for m in _WEEKDAY.finditer(sentence) if has_weekday else ():
        rel = (m.group("rel") or "").lower()
        part = m.group("part").lower() if m.group("part") else (rel if rel in ("late", "early")
                                                                   else None)
        when = resolve_weekday(m.group("day"), published, forward=rel == "next")
        add(m, m.group("day").lower(), when, part)
    for m in _RELATIVE.finditer(sentence) if relative else ():
        word = m.group("word").lower()
        when = None
        if published is not None:
            when = published - timedelta(days=1) if word in ("yesterday", "last night") \
                else published
        part = "night" if "night" in word else None
        add(m, WEEKDAYS[when.weekday()] if when else None, when, part)
    if len(out) > 1:
        out.sort(key=lambda t: t.start)
    return out


def _date_of(m: re.Match[str], iso: bool, published: date | None) -> date | None:
    """The calendar date a date match names (the year of `published` when it names none, a
    year back when that would put it over a month ahead), or None if it is no valid date."""
    try:
        month = int(m.group("m")) if iso else _month(m.group("month"))
        day = int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else None
        if year is None:
            if published is None:
                return None
            year = published.year
            if date(year, month, day) > published + timedelta(days=31):
                year -= 1
        return date(year, month, day)
    except (ValueError, KeyError):
        return None
