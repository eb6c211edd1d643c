"""Edits that turn a clean report into an inconsistent one, and edits that must not.

FactCC-style corruptions, extended to the claim kinds the evidence layer checks: each operator
changes one checkable fact (who did it, where, when, how many, what office, whether it happened)
and says what it changed. Label-preserving edits change wording, order, rounding, units or the
publication date with a grown count, so that "edited" never means "false" to the model.

Every operator is generic: places move to another real province or country from the gazetteer,
agents come from the actor lexicon, roles from the role patterns, weekdays and numbers from
regexes. An operator returns None when the report offers nothing it can change. All randomness
comes from the `random.Random` passed in, so the same seed gives the same data set.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from filter.claims import extract_claims, lexicon
from filter.gazetteer import Gazetteer, Place, load_gazetteer
from filter.types import Claim

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_DATE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b|(\d{1,2})\s+("
                   + "|".join(MONTHS) + r")\b)")
# A number that is a count or measure: not a year, not part of a time or a score.
_NUMBER = re.compile(r"(?<![\w.,:/$£€-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:/]|[.,]\d)")
_UNIT = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s*(kilometres|kilometers|km|miles|mi)\b")
_COUNT_WORDS = re.compile(r"\b(killed|dead|died|deaths|death toll|toll|injured|wounded|missing|"
                          r"displaced|homeless|rescued|evacuated|fled)\b", re.IGNORECASE)
_AUX = re.compile(r"\b(was|were|is|are|has|had|have|will|would|could|can)\b(?! not\b)")
SYNONYMS = Path(__file__).parent / "data" / "synonyms.toml"
INCONSISTENT, CONSISTENT = "inconsistent", "consistent"


@dataclass(frozen=True)
class Edit:
    """One generated variant of a report: the new text, what changed, and its label."""

    text: str
    operator: str
    label: str  # INCONSISTENT | CONSISTENT
    description: str
    published: date | None = None  # a new publication date, when the edit moves it


@dataclass(frozen=True)
class Report:
    """What an operator sees: the report's text, publication date and claims."""

    text: str
    published: date | None
    claims: tuple[Claim, ...]

    @classmethod
    def of(cls, text: str, published: date | None) -> Report:
        return cls(text, published, tuple(extract_claims(text, published)))


Operator = Callable[[Report, random.Random], Edit | None]


def _replace_span(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


# -- the gazetteer's provinces and big cities, by country ------------------------------------
@dataclass(frozen=True)
class PlaceTable:
    admin1: dict[str, list[Place]]
    cities: dict[str, list[Place]]
    countries: list[Place]


@cache
def place_table(min_population: int = 100_000) -> PlaceTable:
    """Provinces and cities of at least `min_population` per country, biggest first."""
    g: Gazetteer = load_gazetteer()
    admin1: dict[str, list[Place]] = {}
    cities: dict[str, list[Place]] = {}
    countries: list[Place] = []
    for row in range(len(g)):
        p = g.place(row)
        if p.kind == "admin1" and p.name.isascii():
            admin1.setdefault(p.country, []).append(p)
        elif p.kind == "city" and p.population >= min_population and p.name.isascii():
            cities.setdefault(p.country, []).append(p)
        elif p.kind == "country" and p.population >= 1_000_000:
            countries.append(p)
    for table in (admin1, cities):
        for places in table.values():
            places.sort(key=lambda p: (-p.population, p.name))
    countries.sort(key=lambda p: p.name)
    return PlaceTable(admin1, cities, countries)


def _places(report: Report) -> list[Claim]:
    return [c for c in report.claims if c.kind == "place" and c.slots.get("place_id") is not None]


def _other_place(place_claim: Claim, rng: random.Random) -> str | None:
    """A real place of the same kind that is somewhere else: another province or country."""
    table = place_table()
    g = load_gazetteer()
    kind, cc = place_claim.slots.get("place_kind"), place_claim.slots.get("country")
    name = place_claim.slots["name"]
    me = g.by_id(place_claim.slots["place_id"])
    if kind == "country":
        options = [p.name for p in table.countries if p.country != cc]
    elif kind == "admin1":
        options = [p.name for p in table.admin1.get(cc, []) if p.name != name]
    elif kind == "city" and me is not None:
        options = [p.name for p in table.cities.get(cc, [])[:40]
                   if p.admin1 != me.admin1 and p.name != name]
    else:
        return None
    return rng.choice(options) if options else None


# -- corruptions ------------------------------------------------------------------------------
def place_moved(report: Report, rng: random.Random) -> Edit | None:
    """Every mention of one place becomes a real place in another province or country."""
    g = load_gazetteer()
    places = _places(report)
    countries = Counter(c.slots.get("country") for c in places)
    main = countries.most_common(1)[0][0] if countries else None

    def plausible(c: Claim) -> bool:
        # The article's own country's provinces and sizeable cities, or a country: a place
        # reading the claim layer may have got wrong (a small town abroad) is no place to move.
        kind = c.slots.get("place_kind")
        if kind == "country":
            return True
        p = g.by_id(c.slots["place_id"])
        big = p is not None and (kind == "admin1" or p.population >= 50_000)
        return big and c.slots.get("country") == main

    candidates = [c for c in places if plausible(c)]
    # Provinces and cities first: "moved to the wrong province" is the subtle, common error.
    candidates.sort(key=lambda c: c.slots.get("place_kind") == "country")
    for claim in candidates[:6]:
        name = claim.slots["name"]
        new = _other_place(claim, rng)
        if not new or not _whole_word(name).search(report.text):
            continue
        text = _whole_word(name).sub(new, report.text)
        return Edit(text, "place_moved", INCONSISTENT, f"{name} -> {new}")
    return None


def agent_swapped(report: Report, rng: random.Random) -> Edit | None:
    """The agent of an event becomes an actor from another side (army for rebels, ...)."""
    names, nouns, _ = lexicon.actor_lexicon()
    for claim in report.claims:
        if claim.kind != "event" or not claim.slots.get("agent_text"):
            continue
        agent, side = claim.slots["agent_text"], claim.slots.get("agent_side")
        pool = sorted({n for n, e in names.items() if e.side != side and e.side in
                       ("insurgent", "government", "foreign")} |
                      {n for n, e in nouns.items() if e.side != side and " " in n})
        if not pool:
            continue
        new = rng.choice(pool)
        start = report.text.find(claim.sentence)
        if start < 0 or agent not in claim.sentence:
            continue
        sentence = claim.sentence.replace(agent, new, 1)
        text = _replace_span(report.text, start, start + len(claim.sentence), sentence)
        return Edit(text, "agent_swapped", INCONSISTENT, f"agent {agent!r} -> {new!r}")
    return None


def weekday_shifted(report: Report, rng: random.Random) -> Edit | None:
    """Every mention of the first weekday named becomes another weekday."""
    m = _WEEKDAY.search(report.text)
    if m is None:
        return None
    old = m.group(1)
    new = WEEKDAYS[(WEEKDAYS.index(old) + rng.choice((1, 2, 3, 4, 5))) % 7]
    text = re.sub(rf"\b{old}\b", new, report.text)
    return Edit(text, "weekday_shifted", INCONSISTENT, f"{old} -> {new}")


def date_shifted(report: Report, rng: random.Random) -> Edit | None:
    """A calendar date moves by two to six days."""
    m = _DATE.search(report.text)
    if m is None:
        return None
    day = int(m.group(2) or m.group(3))
    shift = rng.choice((-6, -5, -4, -3, -2, 2, 3, 4, 5, 6))
    new_day = day + shift if 1 <= day + shift <= 28 else day - shift
    if not 1 <= new_day <= 31 or new_day == day:
        return None
    month = m.group(1) or m.group(4)
    new = f"{month} {new_day}" if m.group(1) else f"{new_day} {month}"
    text = _replace_span(report.text, m.start(), m.end(), new)
    return Edit(text, "date_shifted", INCONSISTENT, f"{m.group(0)} -> {new}")


def _as_number(s: str) -> float:
    return float(s.replace(",", ""))


def _format_like(value: float, like: str) -> str:
    if "." in like and "," not in like:
        return f"{value:.{len(like.split('.')[1])}f}"
    n = int(round(value))
    return f"{n:,}" if "," in like or n >= 10_000 else str(n)


_MONTH_BEFORE = re.compile(r"(?:" + "|".join(MONTHS) + r")\s+$")
_NOT_A_COUNT_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s*(?:" + "|".join(MONTHS)
                                + r"|a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|local|[-–]\d)")


def _numbers(text: str) -> list[re.Match[str]]:
    """Counts and measures: not years, days of a month, clock times or scores."""
    out = []
    for m in _NUMBER.finditer(text):
        v = _as_number(m.group(1))
        if 1900 <= v <= 2100 and "," not in m.group(1) or v < 2:
            continue
        if _MONTH_BEFORE.search(text[max(0, m.start() - 12): m.start()]):
            continue
        if _NOT_A_COUNT_AFTER.match(text[m.end(): m.end() + 8]):
            continue
        out.append(m)
    return out


def number_out_of_tolerance(report: Report, rng: random.Random) -> Edit | None:
    """One count or measure, preferably a toll, grows or shrinks far past any rounding."""
    numbers = _numbers(report.text)
    if not numbers:
        return None
    near_count = [m for m in numbers
                  if _COUNT_WORDS.search(report.text[max(0, m.start() - 80): m.end() + 80])]
    m = (near_count or numbers)[0]
    old = m.group(1)
    factor = rng.choice((0.3, 0.4, 2.5, 3.0, 4.0))
    new = _format_like(_as_number(old) * factor, old)
    if new == old:
        return None
    text = _replace_span(report.text, m.start(1), m.end(1), new)
    return Edit(text, "number_out_of_tolerance", INCONSISTENT, f"{old} -> {new} (x{factor})")


def role_swapped(report: Report, rng: random.Random) -> Edit | None:
    """A named person gets another office ("prime minister" for "foreign minister")."""
    nouns: dict[str, str] = lexicon.patterns()["role"]["nouns"]
    for claim in report.claims:
        if claim.kind != "role":
            continue
        canonical = claim.slots.get("role")
        sentence = claim.sentence
        for written in sorted(nouns, key=len, reverse=True):
            if nouns[written] != canonical:
                continue
            m = re.search(rf"\b{re.escape(written)}\b", sentence, re.IGNORECASE)
            if m is None:
                continue
            pool = sorted({w for w, c in nouns.items() if c != canonical and " " in w
                           or c != canonical and len(w) > 5})
            new = rng.choice(pool)
            new = new.title() if m.group(0)[0].isupper() else new
            start = report.text.find(sentence)
            if start < 0:
                return None
            changed = _replace_span(sentence, m.start(), m.end(), new)
            text = _replace_span(report.text, start, start + len(sentence), changed)
            return Edit(text, "role_swapped", INCONSISTENT, f"{m.group(0)} -> {new}")
    return None


def negated(report: Report, rng: random.Random) -> Edit | None:
    """The main event's sentence, else the first sentence with an auxiliary verb, is negated."""
    sentences = [c.sentence for c in report.claims if c.kind == "event"]
    sentences += [c.sentence for c in report.claims if c.sentence not in sentences]
    for sentence in sentences:
        m = _AUX.search(sentence)
        if m is None:
            continue
        start = report.text.find(sentence)
        if start < 0:
            continue
        changed = _replace_span(sentence, m.end(), m.end(), " not")
        text = _replace_span(report.text, start, start + len(sentence), changed)
        return Edit(text, "negated", INCONSISTENT, f"'{m.group(0)}' -> '{m.group(0)} not'")
    return None


def internal_contradiction(report: Report, rng: random.Random) -> Edit | None:
    """A fact stated twice changes in its second statement only: the report contradicts itself."""
    for pattern, make in (
        (_WEEKDAY, lambda old: WEEKDAYS[(WEEKDAYS.index(old) + rng.choice((2, 3, 4))) % 7]),
        (_NUMBER, lambda old: _format_like(_as_number(old) * rng.choice((0.3, 3.0)), old)),
    ):
        seen: dict[str, list[re.Match[str]]] = {}
        found = _numbers(report.text) if pattern is _NUMBER else pattern.finditer(report.text)
        for m in found:
            seen.setdefault(m.group(1), []).append(m)
        repeated = [ms for key, ms in seen.items() if len(ms) > 1 and
                    not (pattern is _NUMBER and (_as_number(key) < 2 or
                                                 1900 <= _as_number(key) <= 2100))]
        if repeated:
            last = repeated[0][-1]
            new = make(last.group(1))
            if new == last.group(1):
                continue
            text = _replace_span(report.text, last.start(1), last.end(1), new)
            return Edit(text, "internal_contradiction", INCONSISTENT,
                        f"second mention {last.group(1)} -> {new}")
    return None


CORRUPTIONS: dict[str, Operator] = {
    "place_moved": place_moved,
    "agent_swapped": agent_swapped,
    "weekday_shifted": weekday_shifted,
    "date_shifted": date_shifted,
    "number_out_of_tolerance": number_out_of_tolerance,
    "role_swapped": role_swapped,
    "negated": negated,
    "internal_contradiction": internal_contradiction,
}


# -- label-preserving edits ---------------------------------------------------------------------
def reordered(report: Report, rng: random.Random) -> Edit | None:
    """The lede stays; the later paragraphs come in another order."""
    paras = report.text.split("\n\n")
    if len(paras) < 4:
        return None
    rest = paras[1:]
    order = list(range(len(rest)))
    while order == sorted(order):
        rng.shuffle(order)
    text = "\n\n".join([paras[0], *(rest[i] for i in order)])
    return Edit(text, "reordered", CONSISTENT, f"paragraphs 2.. in order {order}")


def rounded(report: Report, rng: random.Random) -> Edit | None:
    """A number of 3+ significant digits is rounded, with "about"/"more than"/"nearly"."""
    for m in _numbers(report.text):
        value = _as_number(m.group(1))
        if value < 100 or "." in m.group(1):
            continue
        digits = len(str(int(value))) - 2
        r = round(value, -digits)
        if r == value:
            continue
        before = report.text[max(0, m.start() - 20): m.start()].lower()
        if re.search(r"(about|around|nearly|almost|more than|over|some|at least)\s*$", before):
            continue
        word = "more than" if r < value else "nearly"
        new = f"{word} {_format_like(r, m.group(1))}"
        text = _replace_span(report.text, m.start(1), m.end(1), new)
        return Edit(text, "rounded", CONSISTENT, f"{m.group(1)} -> {new}")
    return None


def unit_converted(report: Report, rng: random.Random) -> Edit | None:
    """A distance in km is given in miles (or the other way), correctly converted."""
    for m in _UNIT.finditer(report.text):
        value = _as_number(m.group(1))
        unit = m.group(2)
        if unit in ("km", "kilometres", "kilometers"):
            new = f"{round(value * 0.621371):,} miles"
        else:
            new = f"{round(value * 1.609344):,} km"
        text = _replace_span(report.text, m.start(), m.end(), new)
        return Edit(text, "unit_converted", CONSISTENT, f"{m.group(0)} -> {new}")
    return None


_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def compatible_number(report: Report, rng: random.Random) -> Edit | None:
    """A number written another way: small numbers in words, thousands without a comma."""
    for m in _numbers(report.text):
        old = m.group(1)
        if "." in old:
            continue
        value = int(_as_number(old))
        if 2 <= value <= 10:
            new = _SMALL[value]
        elif "," in old:
            new = old.replace(",", "")
        elif value >= 1000:
            new = f"{value:,}"
        else:
            continue
        if report.text[m.end():m.end() + 2].lstrip().startswith(("-", "–")):
            continue  # a score or range such as 4-2 reads wrongly in words
        text = _replace_span(report.text, m.start(1), m.end(1), new)
        return Edit(text, "compatible_number", CONSISTENT, f"{old} -> {new}")
    return None


def count_grown(report: Report, rng: random.Random) -> Edit | None:
    """A later report: publication a few days on, the toll it gives higher ("at least")."""
    if report.published is None:
        return None
    for m in _numbers(report.text):
        window = report.text[max(0, m.start() - 60): m.end() + 60]
        value = _as_number(m.group(1))
        if not _COUNT_WORDS.search(window) or value < 5 or "." in m.group(1):
            continue
        grown = _format_like(value * rng.choice((1.2, 1.5, 2.0)), m.group(1))
        days = rng.choice((1, 2, 3))
        text = _replace_span(report.text, m.start(1), m.end(1), grown)
        return Edit(text, "count_grown", CONSISTENT, f"{m.group(1)} -> {grown}, published +{days}d",
                    published=report.published + timedelta(days=days))
    return None


@cache
def _synonyms() -> dict[str, str]:
    return dict(tomllib.loads(SYNONYMS.read_text("utf-8"))["swap"])


def synonym_spun(report: Report, rng: random.Random) -> Edit | None:
    """Words swapped for synonyms, as an article spinner would: same facts, other words."""
    swaps = _synonyms()
    text, changed = report.text, []
    for word in sorted(swaps):
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        if pattern.search(text) and rng.random() < 0.7:
            text = pattern.sub(swaps[word], text)
            changed.append(word)
    if not changed:
        return None
    return Edit(text, "synonym_spun", CONSISTENT, f"swapped {', '.join(changed[:8])}")


PRESERVING: dict[str, Operator] = {
    "reordered": reordered,
    "rounded": rounded,
    "unit_converted": unit_converted,
    "compatible_number": compatible_number,
    "count_grown": count_grown,
    "synonym_spun": synonym_spun,
}
OPERATORS: dict[str, Operator] = {**CORRUPTIONS, **PRESERVING}


def variants(text: str, published: date | None, seed: int,
             operators: dict[str, Operator] | None = None) -> list[Edit]:
    """Every applicable operator's edit of one report, each with its own seeded generator."""
    report = Report.of(text, published)
    out = []
    for name, op in (operators or OPERATORS).items():
        edit = op(report, random.Random(f"{seed}:{name}"))
        if edit is not None and edit.text != text:
            out.append(edit)
    return out
