"""Legitimate variance: when two independent reports differ on a slot and are both right.

Each rule is one small function over a pair of claims of one subject (ours, theirs) and their
publication dates; it answers whether the difference is explained. A rule that explains a
difference as the same fact said another way (unit conversion, road distance, "Thursday night"
against "Friday") turns a conflict into support; one that explains it as a different moment or
a different level of detail (a toll that grew, a province against a wider region) makes the pair
neutral. Thresholds live in `data/claims/variance.toml`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from filter.claims import lexicon
from filter.gazetteer.fold import fold
from filter.types import Claim

Rule = Callable[[Claim, Claim, date | None, date | None], bool]


@cache
def config() -> dict[str, Any]:
    return lexicon.toml("variance.toml")


@dataclass(frozen=True, slots=True)
class Variance:
    rule: str
    supports: bool  # the same fact said another way (True) or a compatible other one (False)


def _values(slots: Any) -> list[float]:
    out = [float(slots["value"])] if slots.get("value") is not None else []
    if slots.get("alt_value") is not None:
        out.append(float(slots["alt_value"]))
    return out


def unit_conversion(a: Claim, b: Claim, _pa: date | None, _pb: date | None) -> bool:
    """"130 kilometers (80 miles)" agrees with "80 miles": compare every stated value."""
    if a.kind != "quantity" or a.slots.get("unit") != b.slots.get("unit"):
        return False
    if a.slots.get("alt_value") is None and b.slots.get("alt_value") is None:
        return False
    rel = config()["quantity"]["conversion"]
    return any(abs(x - y) <= rel * max(abs(x), abs(y), 1e-9)
               for x in _values(a.slots) for y in _values(b.slots))


def _cumulative(c: Claim) -> bool:
    q = config()["quantity"]
    counts = fold(c.slots.get("counts") or "")
    return c.slots.get("action") in q["cumulative_actions"] or counts in q["cumulative_counts"]


def growing_count(a: Claim, b: Claim, pa: date | None, pb: date | None) -> bool:
    """A cumulative count may be larger in a report published later (11 -> 12 -> 13 capitals).
    With the order unknown (a date missing, or the same day), either may be the later one, but
    only within a modest factor: 11 against 110 is no update."""
    if a.kind != "quantity" or not (_cumulative(a) and _cumulative(b)):
        return False
    va, vb = float(a.slots["value"]), float(b.slots["value"])
    if pa is None or pb is None or pa == pb:
        low, high = sorted((va, vb))
        return high <= low * config()["quantity"]["unordered_growth"]
    later, earlier = (va, vb) if pa > pb else (vb, va)
    return later >= earlier


def same_weekday(a: Claim, b: Claim, _pa: date | None, _pb: date | None) -> bool:
    """Same weekday, dates a whole number of weeks apart: one day resolved against two
    publication dates (a weekly round-up's "on Thursday")."""
    if a.kind != "time" or not config()["time"]["same_weekday_any_week"]:
        return False
    wa, wb = a.slots.get("weekday"), b.slots.get("weekday")
    return bool(wa) and wa == wb


def road_distance(a: Claim, b: Claim, _pa: date | None, _pb: date | None) -> bool:
    """A road distance runs longer than a straight line: "240 km by road" fits "about 215 km"."""
    if a.kind != "distance":
        return False
    x, y = float(a.slots["km"]), float(b.slots["km"])
    return min(x, y) > 0 and max(x, y) / min(x, y) <= config()["distance"]["road_ratio"]


def _level(kind: str | None) -> str | None:
    return config()["located_in"]["levels"].get((kind or "").lower())


def compatible_description(a: Claim, b: Claim, _pa: date | None, _pb: date | None) -> bool:
    """Regions of different levels may nest ("in Al Haouz province" and "in the Marrakesh-Safi
    region"); only two regions of one level exclude each other."""
    if a.kind != "located_in":
        return False
    la, lb = _level(a.slots.get("region_kind")), _level(b.slots.get("region_kind"))
    return la is None or lb is None or la != lb


def _qualified(slots: Any) -> bool:
    words = set(fold(f"{slots.get('role') or ''} {slots.get('organisation') or ''}").split())
    return bool(words & set(config()["role"]["qualifiers"]))


def other_office(a: Claim, b: Claim, _pa: date | None, _pb: date | None) -> bool:
    """An acting, interim or former office does not exclude another one."""
    return a.kind == "role" and (_qualified(a.slots) or _qualified(b.slots))


# name -> (rule, supports): checked in order, the first that explains a difference wins.
RULES: dict[str, tuple[Rule, bool]] = {
    "unit_conversion": (unit_conversion, True),
    "growing_count": (growing_count, False),
    "same_weekday": (same_weekday, True),
    "road_distance": (road_distance, True),
    "compatible_description": (compatible_description, False),
    "other_office": (other_office, False),
}


def explain(a: Claim, b: Claim, pa: date | None, pb: date | None) -> Variance | None:
    """The variance that explains why `a` and `b` differ, or None when it is a real conflict."""
    for name, (rule, supports) in RULES.items():
        if rule(a, b, pa, pb):
            return Variance(name, supports)
    return None
