"""Stage 5(c): an article checked against itself.

The same event given two agents or two days, two incompatible counts of one thing, one epithet
given to two places. Epithets are resolved first, from the article's own appositions ("Mosul,
Iraq's second-largest city") and from any mapping the caller knows (other reports, the
corpus): `resolved` maps an epithet key to a GeoNames id, so "the second-largest city" captured
by one agent meets "Mosul" captured by another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from filter.claims import lexicon
from filter.claims.time import WEEKDAYS
from filter.evidence.compare import Resolved, compare, subject
from filter.evidence.gazetteer_checks import ATTRIBUTED_WEIGHT
from filter.evidence.quote import quote
from filter.types import Claim, Evidence

CHECKED_KINDS = ("event", "time", "quantity", "epithet", "located_in", "capital", "distance")


def epithets_of(claims: Iterable[Claim]) -> dict[str, int]:
    """Epithet key -> place id, where the claims name exactly one place for it."""
    seen: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        if c.kind == "epithet" and c.slots.get("place_id") is not None:
            seen[c.slots["key"]].add(c.slots["place_id"])
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def within_article_evidence(claims: Sequence[Claim],
                            resolved: Mapping[str, int] | None = None) -> list[Evidence]:
    """Conflicts between claims of one article, each quoting the other sentence."""
    mapping: dict[str, int] = dict(resolved or {})
    for key, pid in epithets_of(claims).items():
        mapping.setdefault(key, pid)
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind in CHECKED_KINDS:
            key = subject(c, mapping)
            if key is not None:
                groups[key].append(c)
    out: list[Evidence] = []
    seen: set[tuple] = set()
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.span == b.span:
                    continue
                pair = (a.span, b.span, a.kind)
                if pair in seen:
                    continue
                if compare(a, b, mapping) != "conflicts":
                    continue
                seen.add(pair)
                out.append(_evidence(a, b, mapping))
    return out + weekday_date_evidence(claims)


def _beside(a: Claim, b: Claim, gap: int) -> bool:
    """Whether time `a` is written right before time `b` in their sentence."""
    ta, tb = a.slots.get("text") or "", b.slots.get("text") or ""
    at = a.sentence.find(ta) if ta else -1
    bt = a.sentence.find(tb, at + len(ta)) if at >= 0 and tb else -1
    return bt >= 0 and bt - (at + len(ta)) <= gap and not any(
        ch.isalnum() for ch in a.sentence[at + len(ta):bt])


def weekday_date_evidence(claims: Sequence[Claim]) -> list[Evidence]:
    """A weekday written next to a calendar date names that date's day ("Thursday, 30 May 2020"):
    when the calendar says the date falls on another day, one of the two is wrong. Both are
    read as written (the weekday is not resolved against the publication date)."""
    gap = int(lexicon.tolerance()["time"]["weekday_date_max_gap"])
    times = [c for c in claims if c.kind == "time"]
    out: list[Evidence] = []
    for a, b in zip(times, times[1:], strict=False):
        if a.span != b.span or a.sentence != b.sentence or not _beside(a, b, gap):
            continue
        for day, dated in ((a, b), (b, a)):
            text = day.slots.get("text") or ""
            when = dated.slots.get("date")
            if any(ch.isdigit() for ch in text) or not day.slots.get("weekday") or not when \
                    or not any(ch.isdigit() for ch in dated.slots.get("text") or ""):
                continue
            calendar = WEEKDAYS[date.fromisoformat(when).weekday()]
            if calendar != day.slots["weekday"]:
                weight = ATTRIBUTED_WEIGHT if (a.attributed or b.attributed) else 1.0
                out.append(Evidence(
                    day, "self", "conflicts", weight,
                    f"{text!r} is written next to {dated.slots['text']!r}, which fell on a "
                    f"{calendar.capitalize()}: {quote(day.sentence)}",
                    other_sentence=day.sentence))
            break
    return out


def _evidence(a: Claim, b: Claim, resolved: Resolved) -> Evidence:
    weight = ATTRIBUTED_WEIGHT if (a.attributed or b.attributed) else 1.0
    what = _describe(a, b)
    return Evidence(a, "self", "conflicts", weight,
                    f"{what}: {quote(a.sentence)} vs {quote(b.sentence)}",
                    other_sentence=b.sentence)




def _describe(a: Claim, b: Claim) -> str:
    x, y = a.slots, b.slots
    if a.kind == "event":
        target = x.get("target") if x.get("target_id") else y.get("target") or x.get("target")
        first = x.get("agent_text") or x.get("agent")
        second = y.get("agent_text") or y.get("agent")
        return f"the {x['action']} of {target} is given two agents, {first} and {second}"
    if a.kind == "time":
        return f"one event is dated {x.get('text')} ({x.get('date') or x.get('weekday')}) " \
               f"and {y.get('text')} ({y.get('date') or y.get('weekday')})"
    if a.kind == "quantity":
        return f"{x.get('counts') or x.get('unit')}: {x['value']:g} vs {y['value']:g}"
    if a.kind == "epithet":
        if x.get("place_id") == y.get("place_id"):
            return f"{x.get('place')} is called both {x['text']} and {y['text']}"
        return f"{x['text']} is said of both {x.get('place')} and {y.get('place')}"
    if a.kind == "located_in":
        return f"{x['place']} is put in {x['region']} and in {y['region']}"
    if a.kind == "capital":
        return f"the capital of {x['country']} is given as {x['place']} and {y['place']}"
    if a.kind == "distance":
        return f"{x['from']}–{x['to']} is given as {x['km']:.0f} km and {y['km']:.0f} km"
    return f"two {a.kind} claims disagree"
