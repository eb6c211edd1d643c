"""Accurate sentences that once drew a conflict, each next to a real error of the same kind.

Found on the clean event reports used for training: a false conflict there teaches the
inconsistency model that conflicts are noise. The sentences here are our own, about other places.
"""

from __future__ import annotations

from datetime import date

import pytest

from filter.claims import extract_claims
from filter.evidence import article_evidence
from filter.gazetteer import Gazetteer


def found(text: str, gaz: Gazetteer) -> list[tuple[str, str]]:
    """(basis, kind) of every conflict in `text`."""
    claims = extract_claims(text, date(2020, 1, 3), None, gaz)
    return [(e.basis, e.claim.kind) for e in article_evidence(claims, gaz)
            if e.relation == "conflicts"]


# -- located_in -----------------------------------------------------------------------------

def test_of_names_an_institution_not_a_containment(gaz: Gazetteer) -> None:
    assert found("Officials at the Bank of Canada raised rates.", gaz) == []


def test_in_still_puts_a_city_in_the_wrong_province(gaz: Gazetteer) -> None:
    assert found("Fighting hit Herat in Kandahar province.", gaz) == [("gazetteer", "located_in")]


@pytest.mark.parametrize("text", [
    "Rallies were held in Manchester, Wales and Northern Ireland.",
    "Large majorities came in Glasgow, Wales, Northern Ireland and several cities.",
])
def test_a_list_of_places_is_no_city_comma_region(text: str, gaz: Gazetteer) -> None:
    assert found(text, gaz) == []


def test_city_comma_wrong_region_still_conflicts(gaz: Gazetteer) -> None:
    assert found("The talks were held in Cardiff, Scotland.", gaz) == [("gazetteer", "located_in")]


def test_a_country_in_a_city_is_a_team_not_a_territory(gaz: Gazetteer) -> None:
    assert found("England beat Australia in Auckland on Saturday.", gaz) == []


def test_a_city_in_the_wrong_country_still_conflicts(gaz: Gazetteer) -> None:
    assert found("Fighting hit Aleppo in Lebanon.", gaz) == [("gazetteer", "located_in")]


def test_the_reference_point_of_a_distance_is_not_in_the_subjects_region(gaz: Gazetteer) -> None:
    assert found("Narita lies about 60 km east of central Tokyo in Chiba prefecture.", gaz) == []


def test_a_plain_city_in_the_wrong_prefecture_still_conflicts(gaz: Gazetteer) -> None:
    assert found("Talks were held in Tokyo in Chiba prefecture.", gaz) == [
        ("gazetteer", "located_in")]


# -- capital --------------------------------------------------------------------------------

def test_the_capital_may_be_the_named_regions(gaz: Gazetteer) -> None:
    text = "Voters in Wales backed the plan on Thursday. The capital, Cardiff, voted against it."
    assert found(text, gaz) == []


def test_the_capital_outside_the_named_region_still_conflicts(gaz: Gazetteer) -> None:
    text = "Voters in Wales backed the plan on Thursday. The capital, Manchester, voted against it."
    assert found(text, gaz) == [("gazetteer", "capital")]


# -- distance -------------------------------------------------------------------------------

def test_a_distance_from_an_unknown_place_is_not_checked_from_an_earlier_one(
        gaz: Gazetteer) -> None:
    text = "Rescuers from Nairobi reached Kolowetu, about 40 km north of Mombasa."
    assert found(text, gaz) == []


def test_a_distance_from_a_known_place_still_conflicts(gaz: Gazetteer) -> None:
    text = "Rescuers reached Malindi, about 40 km north of Mombasa."
    assert found(text, gaz) == [("gazetteer", "distance")]


def test_a_distance_from_an_area_is_not_checked_against_its_town(gaz: Gazetteer) -> None:
    text = "The quake struck in Kahramanmaras province, about 40 km from Gaziantep."
    assert found(text, gaz) == []


def test_a_distance_from_the_town_still_conflicts(gaz: Gazetteer) -> None:
    text = "The quake struck Kahramanmaras, about 40 km from Gaziantep."
    assert found(text, gaz) == [("gazetteer", "distance")]


def test_a_sentence_initial_the_does_not_make_a_place_name(gaz: Gazetteer) -> None:
    text = "The mission took off about 50 km north of Chennai."
    assert found(text, gaz) == []
    assert [c for c in extract_claims(text, None, None, gaz) if c.kind == "place"
            and c.slots["name"] != "Chennai"] == []


def test_a_capitalised_name_after_the_still_counts(gaz: Gazetteer) -> None:
    places = [c.slots["name"] for c in extract_claims(
        "The Hague hosted the talks.", None, None, gaz) if c.kind == "place"]
    assert places == ["The Hague"]
    assert found("Pondicherry lies about 50 km north of Chennai.", gaz) == [
        ("gazetteer", "distance")]


# -- within the article ---------------------------------------------------------------------

def test_the_capture_after_an_article_is_a_noun_not_the_subjects_act(gaz: Gazetteer) -> None:
    text = ("Insurgents seized Kunduz on Sunday. "
            "The UN Security Council condemned the capture of Kunduz.")
    assert found(text, gaz) == []


def test_two_agents_for_one_capture_still_conflict(gaz: Gazetteer) -> None:
    text = "Insurgents seized Kunduz on Sunday. The army captured Kunduz on Sunday."
    assert found(text, gaz) == [("self", "event")]
