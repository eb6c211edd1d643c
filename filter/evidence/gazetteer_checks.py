"""Stage 5(a): claims checked against the gazetteer.

Each check is one small function: it looks at one claim and returns Evidence (supports or
conflicts, with a reason a person can read) or None when the gazetteer cannot tell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from filter.claims import lexicon
from filter.evidence.quote import quote
from filter.gazetteer import Gazetteer, Place
from filter.gazetteer.fold import fold
from filter.types import Claim, Evidence

_ADMIN_WORDS = {"province", "provinces", "state", "region", "district", "county", "oblast",
                "governorate", "prefecture", "department", "territory", "canton", "municipality",
                "admin1"}
_COMPASS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
            "southwest": 225, "west": 270, "northwest": 315}
# Second-level area words too: a "regency" or "district" is far larger than its namesake town.
_AREA_AFTER = (r"\s+(?:regency|district|province|county|state|region|oblast|governorate|"
               r"prefecture|department|territory|municipality|canton|division)\b")
ATTRIBUTED_WEIGHT = 0.5  # a claim in reported speech is the speaker's, not the writer's


def _strength(claim: Claim, base: float = 1.0) -> float:
    return base * (ATTRIBUTED_WEIGHT if claim.attributed else 1.0)




def _said(claim: Claim) -> str:
    """The claim's sentence, quoted (gazetteer findings quote more of it than others)."""
    return quote(claim.sentence, 200)


def check_located_in(claim: Claim, g: Gazetteer) -> Evidence | None:
    """"Y in Z": right when any place called Y lies in any region called Z."""
    s = claim.slots
    named = g.by_id(s["place_id"]) if s.get("place_id") is not None else None
    if named is not None and named.kind == "country":
        return None  # "a win over Australia in Oita": a team or a delegation, not a territory
    places = [p for p in g.lookup(s["place"]) if p.kind != "country"]
    regions = g.lookup(s["region"])
    kind = s.get("region_kind")
    if kind == "country":
        regions = [r for r in regions if r.kind == "country"]
    elif kind in _ADMIN_WORDS:
        regions = [r for r in regions if r.kind == "admin1"]
    regions = [r for r in regions if r.kind == "country" or r.population > 0]
    if not places or not regions:
        return None
    inside = sorted(((r, p) for r in regions for p in places if g.contains(r, p)),
                    key=lambda rp: rp[1].kind != "city")
    if inside:
        r, p = inside[0]
        return Evidence(claim, "gazetteer", "supports", _strength(claim, 0.5),
                        f"{p.name} ({p.kind}, {p.country}) lies in {r.name} ({r.kind}), as "
                        f"stated in {_said(claim)}.")
    homes = ", ".join(sorted({_home(p) for p in places[:3]}))
    region = regions[0]
    return Evidence(claim, "gazetteer", "conflicts", _strength(claim),
                    f"{_said(claim)} puts {s['place']} in {s['region']}, but the gazetteer has "
                    f"no place called {s['place']} in {region.name} ({region.kind}, "
                    f"{region.country}); {s['place']} is in {homes}.")


def _home(p: Place) -> str:
    if p.kind == "admin1":
        return f"{p.name} province, {p.country}"
    return f"{p.admin1 or '?'}, {p.country} ({p.kind})"


@cache
def _capital_alternates() -> dict[str, set[str]]:
    return {cc: {fold(n) for n in names}
            for cc, names in lexicon.tolerance().get("capitals", {}).items()}


def check_capital(claim: Claim, g: Gazetteer,
                  regions: frozenset[int] = frozenset()) -> Evidence | None:
    """"X, the capital of C": right when X is C's capital (or one of its capitals).

    `regions`: ids of the first-level regions (states, provinces, Scotland) the article names.
    A bare "the capital" is scoped to the article's main country by guess; when the place lies
    in a region the article names, it may be that region's capital ("The capital, Edinburgh,
    voted No" in a report on Scotland), so the gazetteer cannot tell."""
    cc = claim.slots["country"]
    capital = g.capital_of(cc)
    if capital is None:
        return None
    country = g.country(cc)
    cname = country.name if country else cc
    named = fold(claim.slots["place"])
    names = {fold(capital.name)} | _capital_alternates().get(cc, set())
    if claim.slots.get("place_id") == capital.id or named in names or any(
            p.row == capital.row for p in g.lookup(claim.slots["place"])):
        return Evidence(claim, "gazetteer", "supports", _strength(claim, 0.5),
                        f"{capital.name} is the capital of {cname}, as stated in "
                        f"{_said(claim)}.")
    if claim.slots.get("implicit") and _in_named_region(claim, g, regions):
        return None
    return Evidence(claim, "gazetteer", "conflicts", _strength(claim),
                    f"{_said(claim)} calls {claim.slots['place']} the capital of {cname}; the "
                    f"capital of {cname} is {capital.name}.")


def _in_named_region(claim: Claim, g: Gazetteer, regions: frozenset[int]) -> bool:
    place = g.by_id(claim.slots["place_id"]) if claim.slots.get("place_id") is not None else None
    if place is None:
        return False
    return any(r is not None and g.contains(r, place) and r.row != place.row
               for r in map(g.by_id, regions))


def named_regions(claims: Iterable[Claim], g: Gazetteer) -> frozenset[int]:
    """Ids of the first-level regions the article names, as places or as located_in regions."""
    ids = {c.slots.get("place_id") for c in claims if c.kind == "place"
           and c.slots.get("place_kind") == "admin1"}
    ids |= {c.slots.get("region_id") for c in claims if c.kind == "located_in"}
    return frozenset(i for i in ids if i is not None and (p := g.by_id(i)) is not None
                     and p.kind == "admin1")


def _city(g: Gazetteer, name: str | None, place_id: int | None,
          countries: Iterable[str] = ()) -> Place | None:
    if not name:
        return None
    p = g.by_id(place_id) if place_id is not None else None
    if p is not None and p.kind == "city":
        return p
    cities = [c for c in g.lookup(name) if c.kind == "city"]
    if p is not None:
        same = [c for c in cities if c.country == p.country]
        cities = same or cities
    return g.best(cities, countries) if cities else None


def _is_area(name: str | None, sentence: str) -> bool:
    """Is `name` written as an area ("Donggala regency", "Ghazni province")? A distance to an
    area runs to its edge or its middle, not to the town of that name in the gazetteer."""
    if not name:
        return False
    return re.search(rf"(?<![\w-]){re.escape(name)}{_AREA_AFTER}", sentence, re.IGNORECASE) \
        is not None


def check_distance(claim: Claim, g: Gazetteer) -> Evidence | None:
    """A stated distance must fit the straight line, allowing for roads and rounding."""
    s = claim.slots
    if _is_area(s.get("from"), claim.sentence) or _is_area(s.get("to"), claim.sentence):
        return None
    a = _city(g, s.get("from"), s.get("from_id"))
    b = _city(g, s.get("to"), s.get("to_id"), [a.country] if a else ())
    if a is None or b is None or a.row == b.row:
        return None
    tol = lexicon.tolerance()["distance"]
    d = g.distance_km(a, b)
    stated = float(s["km"])
    low = d * (1 - tol["under"]) - tol["slack_km"]
    high = d * tol["road_factor"] + tol["slack_km"]
    where = f"{a.name} and {b.name} are {d:.0f} km apart in a straight line"
    if not low <= stated <= high:
        return Evidence(claim, "gazetteer", "conflicts", _strength(claim),
                        f"{_said(claim)} gives {stated:.0f} km; {where}, so anything from "
                        f"{max(low, 0):.0f} to {high:.0f} km (roads included) would fit.")
    direction = (s.get("direction") or "").replace("-", "").replace(" ", "")
    if direction in _COMPASS and d > 20:
        bearing = g.bearing(b, a)
        off = abs((bearing - _COMPASS[direction] + 180) % 360 - 180)
        if off > tol["bearing_deg"]:
            return Evidence(claim, "gazetteer", "conflicts", _strength(claim, 0.7),
                            f"{_said(claim)} puts {a.name} {direction} of {b.name}, but it lies "
                            f"at a bearing of {bearing:.0f}° from it.")
    return Evidence(claim, "gazetteer", "supports", _strength(claim, 0.5),
                    f"{stated:.0f} km fits: {where} (roads run longer).")


CHECKS: dict[str, Callable[[Claim, Gazetteer], Evidence | None]] = {
    "located_in": check_located_in,
    "capital": check_capital,
    "distance": check_distance,
}


def gazetteer_evidence(claims: Iterable[Claim], g: Gazetteer) -> list[Evidence]:
    """Every finding the gazetteer can make about these claims."""
    claims = list(claims)
    regions: frozenset[int] | None = None
    out = []
    for c in claims:
        check = CHECKS.get(c.kind)
        if check is not None:
            if c.kind == "capital":  # needs the article's regions; computed once, when needed
                regions = named_regions(claims, g) if regions is None else regions
                ev = check_capital(c, g, regions)
            else:
                ev = check(c, g)
            if ev is not None:
                out.append(ev)
    return out
