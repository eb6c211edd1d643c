"""Claims against the gazetteer: containment, capitals, distances, with legitimate variance."""

from __future__ import annotations

from datetime import date

import pytest

from filter.claims import extract_claims
from filter.evidence import article_evidence, gazetteer_evidence
from filter.gazetteer import Gazetteer


def relations(text: str, gaz: Gazetteer, kind: str) -> list[str]:
    claims = [c for c in extract_claims(text, None, None, gaz) if c.kind == kind]
    return [e.relation for e in gazetteer_evidence(claims, gaz)]


def test_seed_004_puts_kandahar_in_helmand_against_the_gazetteer(
        seed_texts: dict[str, str], gaz: Gazetteer) -> None:
    claims = extract_claims(seed_texts["004"], None, "004", gaz)
    conflicts = [e for e in article_evidence(claims, gaz) if e.relation == "conflicts"
                 and e.basis == "gazetteer"]
    assert [(e.claim.kind, e.claim.slots["place"], e.claim.slots["region"]) for e in conflicts] \
        == [("located_in", "Kandahar", "Helmand")]
    assert "Helmand" in conflicts[0].explanation and "Kandahar" in conflicts[0].explanation


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_seeds_000_to_003_have_no_conflicts(seed: str, seed_texts: dict[str, str],
                                            gaz: Gazetteer) -> None:
    claims = extract_claims(seed_texts[seed], date(2021, 8, 13), seed, gaz)
    assert [e.explanation for e in article_evidence(claims, gaz)
            if e.relation == "conflicts"] == []


def test_a_city_in_the_wrong_province_conflicts(gaz: Gazetteer) -> None:
    assert relations("Fighting hit Mosul in the northern province of Basra.", gaz,
                     "located_in") == ["conflicts"]


def test_a_city_in_its_same_named_province_is_fine(gaz: Gazetteer) -> None:
    assert relations("Clashes hit Ghazni in Ghazni province.", gaz, "located_in") == ["supports"]
    assert relations("Clashes hit Kandahar city, in Kandahar province.", gaz,
                     "located_in") == ["supports"]


def test_a_small_namesake_is_what_the_region_disambiguates(gaz: Gazetteer) -> None:
    assert relations("They met in Paris, Texas.", gaz, "located_in") == ["supports"]


def test_a_wrong_capital_conflicts_and_a_right_one_supports(gaz: Gazetteer) -> None:
    assert relations("Sydney, the capital of Australia, hosted the talks.", gaz,
                     "capital") == ["conflicts"]
    assert relations("Canberra, the capital of Australia, hosted the talks.", gaz,
                     "capital") == ["supports"]


def test_a_country_with_two_capitals_accepts_either(gaz: Gazetteer) -> None:
    assert relations("Protests filled Pretoria, the capital of South Africa.", gaz,
                     "capital") == ["supports"]


def test_an_impossible_distance_conflicts(gaz: Gazetteer) -> None:
    assert relations("Lyon, 40 km from Paris, was quiet.", gaz, "distance") == ["conflicts"]


def test_road_distances_and_rounding_are_fine(gaz: Gazetteer) -> None:
    assert relations("Ghazni is about 150 kilometers (93 miles) south of Kabul.", gaz,
                     "distance") == ["supports"]
    assert relations("Ghazni, just 130 kilometers southwest of Kabul, fell.", gaz,
                     "distance") == ["supports"]


def test_a_distance_in_miles_is_converted_before_checking(gaz: Gazetteer) -> None:
    assert relations("Tikrit lies about 87 miles north of Baghdad.", gaz,
                     "distance") == ["supports"]


def test_a_wrong_compass_direction_conflicts(gaz: Gazetteer) -> None:
    assert relations("Ghazni lies 130 km north of Kabul.", gaz, "distance") == ["conflicts"]


def test_attributed_claims_weigh_less(gaz: Gazetteer) -> None:
    plain = extract_claims("Lyon, 40 km from Paris, was quiet.", None, None, gaz)
    said = extract_claims("Lyon, 40 km from Paris, was quiet, officials claimed.", None, None,
                          gaz)
    (a,) = gazetteer_evidence(plain, gaz)
    (b,) = gazetteer_evidence(said, gaz)
    assert b.strength < a.strength
