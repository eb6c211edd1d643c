"""Legitimate variance is not conflict, and each rule still lets a real conflict through."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from filter.claims.time import resolve_weekday
from filter.evidence import variance
from filter.evidence.cross_source import Report, cross_source_evidence
from filter.types import Claim

DAY = date(2021, 8, 12)  # a Thursday
_SERIAL = count()


def claim(kind: str, attributed: bool = False, **slots: Any) -> Claim:
    n = next(_SERIAL)
    return Claim(kind, slots, f"sentence number {n}", (n, n + 1), attributed=attributed,
                 document_id="own")


def relation(own: Claim, other: Claim, own_day: date | None = DAY,
             other_day: date | None = DAY) -> str | None:
    """The cross-source verdict on `own` when one independent report states `other`."""
    ev = cross_source_evidence([own], own_day, [Report("other", other_day, (other,), "other")])
    return ev[0].relation if ev else None


def count_of(value: float, qualifier: str | None = None, counts: str = "provincial capital",
             action: str = "capture", attributed: bool = False) -> Claim:
    return claim("quantity", attributed=attributed, value=value, unit="count", counts=counts,
                 agent="rebels", agent_side="insurgent", action=action, qualifier=qualifier)


def vehicles(value: float, qualifier: str | None = None, attributed: bool = False) -> Claim:
    """A count that does not grow over time."""
    return count_of(value, qualifier, "vehicle", "withdraw", attributed)


def on(day: date, part: str | None = None) -> Claim:
    return claim("time", weekday=day.strftime("%A").lower(), date=day.isoformat(), part=part,
                 event_ref="capture:1001", text=day.strftime("%A"))


def distance(km: float) -> Claim:
    return claim("distance", **{"from": "A", "from_id": 1, "to": "B", "to_id": 2, "km": km})


def located(region: str, region_id: int, kind: str) -> Claim:
    return claim("located_in", place="Town", place_id=1001, region=region, region_id=region_id,
                 region_kind=kind)


def role(name: str, organisation: str | None = None) -> Claim:
    return claim("role", person="Jane Doe", role=name, organisation=organisation)


# rounding
def test_rounded_counts_agree() -> None:
    assert relation(vehicles(3000, "approx"),
                    vehicles(2950)) == "supports"


def test_counts_beyond_rounding_conflict() -> None:
    assert relation(vehicles(3000), vehicles(1500)) == "conflicts"


def test_a_lower_bound_fits_a_larger_count() -> None:
    assert relation(vehicles(422), vehicles(400, "at_least")) \
        == "supports"


def test_a_lower_bound_above_the_count_conflicts() -> None:
    assert relation(vehicles(300), vehicles(400, "at_least")) \
        == "conflicts"


# unit conversion
def test_a_converted_distance_agrees() -> None:  # "130 kilometers (80 miles)" vs "80 miles"
    assert relation(distance(130), distance(80 * 1.609344)) == "supports"


def test_a_distance_far_off_conflicts() -> None:
    assert relation(distance(130), distance(15)) == "conflicts"


def test_a_conversion_in_parentheses_matches_either_value() -> None:
    both = claim("quantity", value=130.0, unit="km", alt_value=128.7)
    assert variance.unit_conversion(both, claim("quantity", value=128.0, unit="km"), None, None)
    assert not variance.unit_conversion(both, claim("quantity", value=60.0, unit="km"), None,
                                        None)


# road distance
def test_a_road_distance_fits_a_straight_line() -> None:  # "240 km by road" vs "about 215 km"
    assert relation(distance(215), distance(240)) == "supports"


def test_a_distance_twice_as_long_conflicts() -> None:
    assert relation(distance(120), distance(240)) == "conflicts"


# growing counts
def test_a_later_report_may_give_a_larger_count() -> None:
    assert relation(count_of(11), count_of(13), DAY, date(2021, 8, 13)) is None


def test_a_later_report_with_a_smaller_count_conflicts() -> None:
    assert relation(count_of(13), count_of(11), DAY, date(2021, 8, 13)) == "conflicts"


def test_counts_without_dates_may_have_grown() -> None:
    assert relation(count_of(11), count_of(13), None, None) is None


def test_a_count_that_is_not_cumulative_does_not_grow() -> None:
    assert relation(vehicles(2), vehicles(4), DAY, date(2021, 8, 13)) == "conflicts"


def test_undated_counts_may_grow_only_a_little() -> None:
    assert relation(count_of(11), count_of(110), None, None) == "conflicts"


# "Thursday night" vs "Friday"
def test_thursday_night_and_friday_agree() -> None:
    assert relation(on(DAY, "night"), on(date(2021, 8, 13))) == "supports"


def test_thursday_and_saturday_conflict() -> None:
    assert relation(on(DAY), on(date(2021, 8, 14))) == "conflicts"


def test_monday_in_a_friday_report_about_a_thursday_event_conflicts() -> None:
    friday = date(2021, 8, 13)
    monday = on(resolve_weekday("monday", friday))
    assert relation(monday, on(DAY), friday, DAY) == "conflicts"


def test_the_same_weekday_resolved_a_week_apart_agrees() -> None:
    assert relation(on(DAY), on(date(2021, 8, 5)), DAY, date(2021, 8, 6)) == "supports"


# attributed claims
def test_an_attributed_count_is_not_a_conflict() -> None:  # "officials claimed 40 ..."
    assert relation(vehicles(40, attributed=True), vehicles(11)) is None


def test_the_same_count_stated_as_fact_conflicts() -> None:
    assert relation(vehicles(40), vehicles(11)) == "conflicts"


def test_a_place_glossed_inside_reported_speech_is_still_checked() -> None:
    own = claim("located_in", attributed=True, place="Town", place_id=1001, region="North",
                region_id=-1, region_kind="province")
    assert relation(own, located("South", -2, "province")) == "conflicts"


# compatible descriptions
def test_regions_of_different_levels_are_compatible() -> None:
    assert relation(located("Hill", -1, "province"), located("Coast", -7, "region")) is None


def test_two_provinces_conflict() -> None:
    assert relation(located("Hill", -1, "province"), located("Coast", -7, "province")) \
        == "conflicts"


def test_two_countries_conflict() -> None:
    assert relation(located("Aland", 10, "country"), located("Bland", 11, "country")) \
        == "conflicts"


# roles
def test_an_acting_office_does_not_exclude_another() -> None:
    ev = cross_source_evidence([role("president", "Acting")], DAY,
                               [Report(d, DAY, (role("prime minister"),), d) for d in "ab"])
    assert [e.relation for e in ev] == []


def test_two_reports_giving_another_office_conflict() -> None:
    ev = cross_source_evidence([role("foreign minister")], DAY,
                               [Report(d, DAY, (role("prime minister"),), d) for d in "ab"])
    assert [e.relation for e in ev] == ["conflicts"]


def test_one_report_giving_another_office_is_not_enough() -> None:
    assert relation(role("governor"), role("attorney general")) is None
