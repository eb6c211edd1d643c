"""Do two claims say the same thing, contradict each other, or talk about different things?

`compare` is the one slot comparison used within an article and, later, across independent
reports. Two claims are comparable only when they share a subject (the same event, place,
person, pair of places, country); then their values decide, with the tolerances of
`data/claims/tolerance.toml`: rounding, unit conversion, "Thursday night" vs "Friday".
Attribution is not a reason to skip a comparison; callers weigh attributed claims down.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from filter.claims import lexicon
from filter.gazetteer.fold import fold
from filter.types import Claim

Relation = Literal["supports", "conflicts"]
Resolved = Mapping[str, int]  # epithet key -> GeoNames id, from this article or elsewhere


def target_key(slots: Mapping[str, Any], resolved: Resolved | None = None) -> str | None:
    """The event's target as a comparable key: a place id, else a resolved or bare epithet."""
    if slots.get("target_id") is not None:
        return f"id:{slots['target_id']}"
    ep = slots.get("target_epithet")
    if ep and resolved and ep in resolved:
        return f"id:{resolved[ep]}"
    if ep:
        return f"epithet:{ep}"
    return f"name:{fold(slots['target'])}" if slots.get("target") else None


def event_ref(slots: Mapping[str, Any], resolved: Resolved | None = None) -> str | None:
    return f"{slots['action']}:{target_key(slots, resolved)}" if slots.get("action") else None


def subject(claim: Claim, resolved: Resolved | None = None) -> tuple | None:
    """What the claim is about; claims with different subjects are never compared."""
    s = claim.slots
    k = claim.kind
    if k == "event":
        return ("event", s["action"], target_key(s, resolved))
    if k == "time":
        ref = s.get("event_ref")
        if ref and resolved:
            action, _, target = ref.partition(":")
            if target in resolved:
                ref = f"{action}:id:{resolved[target]}"
            elif not target.startswith(("id:", "epithet:")):
                ref = f"{action}:id:{target}" if target.lstrip("-").isdigit() else ref
        elif ref:
            action, _, target = ref.partition(":")
            ref = f"{action}:id:{target}" if target.lstrip("-").isdigit() else \
                f"{action}:epithet:{target}"
        return ("time", ref) if ref else None
    if k == "quantity":
        if s.get("marked") or not s.get("action") or s.get("unit") != "count":
            return None
        return ("quantity", s["unit"], s.get("counts"), s.get("agent_side") or s.get("agent"),
                s["action"])
    if k == "epithet":
        return ("epithet", s["attribute"], s["class"], s.get("scope"))
    if k == "located_in":
        return ("located_in", s.get("place_id"))
    if k == "capital":
        return ("capital", s.get("country"))
    if k == "distance":
        if s.get("from_id") is None or s.get("to_id") is None:
            return None
        return ("distance", frozenset((s["from_id"], s["to_id"])))
    if k == "role":
        return ("role", fold(s["person"]))
    return None


def compare(a: Claim, b: Claim, resolved: Resolved | None = None) -> Relation | None:
    """"supports" or "conflicts" when `a` and `b` speak of the same thing; None otherwise."""
    if a.kind != b.kind:
        return None
    sa, sb = subject(a, resolved), subject(b, resolved)
    if sa is None or sa != sb:
        return None
    fn = _BY_KIND.get(a.kind)
    return fn(a.slots, b.slots, a, b, resolved) if fn else None


def _event(x: Mapping, y: Mapping, a: Claim, b: Claim, _r: Resolved | None) -> Relation | None:
    if x.get("agent") is None or y.get("agent") is None:
        return None
    same = x["agent"] == y["agent"] or (
        x.get("agent_side") and x.get("agent_side") == y.get("agent_side")
        and x.get("agent_side") != "unknown")
    if same:
        return "conflicts" if a.negated != b.negated else "supports"
    if "unknown" in (x.get("agent_side"), y.get("agent_side")):
        return None
    if a.negated or b.negated:
        return None  # "X did not take it" and "Y took it" agree
    return "conflicts"


def _days(x: Mapping) -> date | None:
    return date.fromisoformat(x["date"]) if x.get("date") else None


def _time(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    tol = lexicon.tolerance()["time"]
    loose = set(tol["loose_parts"])
    allowed = tol["loose_days"] if (x.get("part") in loose or y.get("part") in loose) \
        else tol["plain_days"]
    dx, dy = _days(x), _days(y)
    if dx and dy:
        return "supports" if abs((dx - dy).days) <= allowed else "conflicts"
    wx, wy = x.get("weekday"), y.get("weekday")
    if not wx or not wy:
        return None
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    gap = abs(days.index(wx) - days.index(wy))
    gap = min(gap, 7 - gap)
    return "supports" if gap <= allowed else "conflicts"


def numbers_agree(x: float, qx: str | None, y: float, qy: str | None,
                  exact: float, approx: float) -> bool:
    """Rounding and bounds: 3,000 ~ 2,950; "more than 1,000" fits 1,200 but not 600."""
    if qx == "at_least" and qy not in ("at_least", "at_most"):
        return y >= x * (1 - exact)
    if qy == "at_least" and qx not in ("at_least", "at_most"):
        return x >= y * (1 - exact)
    if qx == "at_most" and qy not in ("at_least", "at_most"):
        return y <= x * (1 + exact)
    if qy == "at_most" and qx not in ("at_least", "at_most"):
        return x <= y * (1 + exact)
    if qx in ("at_least", "at_most") or qy in ("at_least", "at_most"):
        return True  # two bounds rarely contradict; leave it to a person
    rel = approx if (qx or qy) else exact
    return abs(x - y) <= rel * max(abs(x), abs(y), 1e-9)


def _quantity(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    tol = lexicon.tolerance()["quantity"]
    if x.get("total") and y.get("total") and x["total"] != y["total"]:
        return "conflicts"
    ok = numbers_agree(x["value"], x.get("qualifier"), y["value"], y.get("qualifier"),
                       tol["relative"], tol["relative_approx"])
    return "supports" if ok else "conflicts"


def _epithet(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    px, py = x.get("place_id"), y.get("place_id")
    if px is None or py is None:
        return None
    if x["rank"] == y["rank"]:
        return "supports" if px == py else "conflicts"
    return "conflicts" if px == py else None  # one place, two ranks


def _located(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    if x.get("region_id") == y.get("region_id"):
        return "supports"
    admin = {"province", "state", "region", "governorate", "oblast", "county", "admin1"}
    if x.get("region_kind") in admin and y.get("region_kind") in admin \
            and fold(x.get("region") or "") != fold(y.get("region") or ""):
        return "conflicts"
    return None


def _capital(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    if x.get("place_id") is None or y.get("place_id") is None:
        return None
    return "supports" if x["place_id"] == y["place_id"] else "conflicts"


def _distance(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    rel = lexicon.tolerance()["distance"]["relative"]
    return "supports" if abs(x["km"] - y["km"]) <= rel * max(x["km"], y["km"]) else "conflicts"


def _role(x: Mapping, y: Mapping, _a: Claim, _b: Claim, _r: Resolved | None) -> Relation | None:
    return "supports" if x.get("role") == y.get("role") else None


_BY_KIND = {"event": _event, "time": _time, "quantity": _quantity, "epithet": _epithet,
            "located_in": _located, "capital": _capital, "distance": _distance, "role": _role}
