"""Claim extraction: entities, relations, numbers and times from plain text."""

from __future__ import annotations

from datetime import date

import pytest

from filter.claims import extract_claims
from filter.gazetteer import Gazetteer


def kinds(text: str, gaz: Gazetteer, kind: str, published: date | None = None) -> list[dict]:
    return [dict(c.slots) for c in extract_claims(text, published, None, gaz) if c.kind == kind]


def test_place_mentions_carry_geonames_ids(gaz: Gazetteer) -> None:
    places = kinds("Fighting continued in Lashkar Gah on Sunday.", gaz, "place")
    assert [(p["name"], p["place_id"]) for p in places] == [("Lashkar Gah", 1134720)]


def test_a_surname_is_not_a_place(gaz: Gazetteer) -> None:
    names = [p["name"] for p in kinds("Pentagon spokesman John Kirby said so.", gaz, "place")]
    assert "Kirby" not in names


def test_a_common_word_is_a_place_only_where_a_place_is_expected(gaz: Gazetteer) -> None:
    assert kinds("It was a Nice day.", gaz, "place") == []
    places = kinds("A truck drove into crowds in Nice.", gaz, "place")
    assert [p["name"] for p in places] == ["Nice"]


def test_government_synonyms_share_a_side(gaz: Gazetteer) -> None:
    text = "Afghan forces and government troops fought the Taliban near Kabul in Afghanistan."
    actors = {a["text"]: a for a in kinds(text, gaz, "actor")}
    assert actors["Afghan forces"]["side"] == actors["government troops"]["side"] == "government"
    assert actors["the Taliban"]["side"] == "insurgent"


def test_an_unseen_group_is_chunked_by_its_head_noun(gaz: Gazetteer) -> None:
    actors = kinds("Ambazonian separatists attacked the town.", gaz, "actor")
    assert [(a["actor"], a["side"]) for a in actors] == [("ambazonian", "insurgent")]


@pytest.mark.parametrize("text", [
    "The Taliban captured Herat on Thursday.",
    "Herat was captured by the Taliban on Thursday.",
    "Herat fell to the Taliban on Thursday.",
    "The Taliban's capture of Herat on Thursday shocked Kabul.",
])
def test_event_voices_give_one_canonical_event(text: str, gaz: Gazetteer) -> None:
    (event,) = kinds(text, gaz, "event")
    assert (event["agent"], event["action"], event["target"]) == ("taliban", "capture", "Herat")


def test_coordinated_targets_make_one_event_each(gaz: Gazetteer) -> None:
    targets = [e["target"] for e in kinds("Taliban seizes Herat, Ghazni as fighting rages", gaz,
                                          "event")]
    assert targets == ["Herat", "Ghazni"]


def test_an_event_on_an_unnamed_epithet_keeps_the_epithet(gaz: Gazetteer) -> None:
    text = "Afghan forces captured the second-largest city in the country near Kabul."
    (event,) = kinds(text, gaz, "event")
    assert event["target_epithet"] == "largest#2#city#AF" and event["target_id"] is None


def test_located_in_province_of(gaz: Gazetteer) -> None:
    (loc,) = kinds("They took the city of Kandahar in the southern province of Helmand.", gaz,
                   "located_in")
    assert (loc["place"], loc["region"], loc["region_kind"]) == ("Kandahar", "Helmand", "province")


def test_epithet_attaches_to_its_apposition(gaz: Gazetteer) -> None:
    for text in ("They took Herat, Afghanistan's third-largest city.",
                 "They took Afghanistan's third-largest city Herat."):
        (ep,) = kinds(text, gaz, "epithet")
        assert (ep["rank"], ep["attribute"], ep["place"], ep["scope"]) == (3, "largest", "Herat",
                                                                            "AF")


def test_role_before_and_after_the_name(gaz: Gazetteer) -> None:
    text = ("Pentagon spokesman John Kirby spoke. Ben Wallace, the UK's defence minister, "
            "agreed.")
    roles = {(r["person"], r["role"]) for r in kinds(text, gaz, "role")}
    assert roles == {("John Kirby", "spokesperson"), ("Ben Wallace", "defense minister")}


def test_distance_with_unit_conversion(gaz: Gazetteer) -> None:
    (d,) = kinds("Ghazni, just 130 kilometers (80 miles) southwest of Kabul, fell.", gaz,
                 "distance")
    assert (d["from"], d["to"], d["km"], d["direction"]) == ("Ghazni", "Kabul", 130.0, "southwest")
    miles = kinds("Tikrit lies 87 miles north of Baghdad.", gaz, "distance")
    assert round(miles[0]["km"]) == 140


def test_capital_from_demonym(gaz: Gazetteer) -> None:
    (cap,) = kinds("Negotiators met in the Qatari capital Doha.", gaz, "capital")
    assert (cap["country"], cap["place"]) == ("QA", "Doha")


def test_quantities_count_their_head_noun(gaz: Gazetteer) -> None:
    text = "The Taliban has taken 12 of Afghanistan's 34 provincial capitals."
    (q,) = kinds(text, gaz, "quantity")
    assert (q["value"], q["total"], q["counts"], q["agent"], q["action"]) == (
        12, 34, "provincial capital", "taliban", "capture")


def test_quantity_qualifiers_and_parenthesised_conversions(gaz: Gazetteer) -> None:
    (q,) = kinds("More than 1,000 civilians were killed.", gaz, "quantity")
    assert (q["value"], q["qualifier"], q["counts"]) == (1000, "at_least", "civilian")
    for verb in ("exceeded", "surpassed", "topped"):
        (q,) = kinds(f"The death toll {verb} 1,000 people on Monday.", gaz, "quantity")
        assert (q["value"], q["qualifier"]) == (1000, "at_least"), verb
    (q,) = kinds("The death toll reached 1,000 people on Monday.", gaz, "quantity")
    assert q["qualifier"] is None
    (km,) = kinds("It is 130 kilometers (80 miles) away.", gaz, "quantity")
    assert km["unit"] == "km" and abs(km["alt_value"] - 128.7) < 0.1


def test_weekdays_resolve_against_the_publication_date(gaz: Gazetteer) -> None:
    times = kinds("The city fell on Thursday and talks resume next Monday.", gaz, "time",
                  date(2021, 8, 13))
    assert [(t["weekday"], t["date"]) for t in times] == [("thursday", "2021-08-12"),
                                                         ("monday", "2021-08-16")]


def test_calendar_dates_are_times(gaz: Gazetteer) -> None:
    (t,) = kinds("The deal was signed on February 29, 2020.", gaz, "time")
    assert t["date"] == "2020-02-29"


def test_reported_claims_are_marked_not_dropped(gaz: Gazetteer) -> None:
    (c,) = [c for c in extract_claims("The Taliban claimed they captured Herat.", None, None, gaz)
            if c.kind == "event"]
    assert c.attributed and not c.negated


def _attributed(text: str, gaz: Gazetteer) -> set[bool]:
    return {c.attributed for c in extract_claims(text, None, None, gaz)}


def test_a_neutral_sourcing_tail_is_not_reported_speech(gaz: Gazetteer) -> None:
    for tail in ("officials said", "police said", "the ministry said",
                 "a senior police official told reporters on Tuesday", "said the ministry"):
        assert _attributed(f"The ferry sank off Lesbos on Monday, killing 45 people, {tail}.",
                           gaz) == {False}, tail


def test_claims_quotes_reported_clauses_and_parties_stay_attributed(gaz: Gazetteer) -> None:
    for text in ("The ferry sank off Lesbos on Monday, the Taliban said.",
                 "The ferry sank off Lesbos on Monday, the army said.",
                 "The ferry sank off Lesbos on Monday, officials claimed.",
                 "The ferry sank off Lesbos on Monday, according to officials.",
                 "According to police, the ferry sank off Lesbos on Monday.",
                 "Police said the ferry sank off Lesbos on Monday.",
                 "The ferry sank off Lesbos on Monday, officials said, adding that 45 died.",
                 "The ferry sank off Lesbos on Monday, analysts said.",
                 '"The ferry sank off Lesbos on Monday," the captain said.'):
        assert _attributed(text, gaz) == {True}, text


def test_negated_events_are_marked(gaz: Gazetteer) -> None:
    (c,) = [c for c in extract_claims("The Taliban have not captured Herat.", None, None, gaz)
            if c.kind == "event"]
    assert c.negated


def test_claims_point_back_at_their_sentence(gaz: Gazetteer) -> None:
    text = "Intro line.\nThe Taliban captured Herat on Thursday."
    for c in extract_claims(text, None, "doc-1", gaz):
        assert text[c.span[0]:c.span[1]] == c.sentence and c.document_id == "doc-1"


def test_a_scraper_dateline_is_metadata_not_a_claim(gaz: Gazetteer) -> None:
    text = " date 2021-08-12 Kabul [Afghanistan]: Taliban on Thursday captured Herat."
    claims = extract_claims(text, None, None, gaz)
    times = [c.slots for c in claims if c.kind == "time"]
    assert times == [{**times[0], "weekday": "thursday", "date": "2021-08-12"}]
    assert not any(c.kind == "place" and c.slots["name"] == "Kabul" for c in claims)


def test_the_distance_quantity_is_a_required_part_of_the_distance_pattern() -> None:
    """The extractor skips sentences where the quantity alone does not match, which is sound
    only while the full pattern holds the quantity outside any optional or alternative part."""
    import re._parser as sre_parse

    from filter.claims import relations

    full = relations._distance_regex()
    num = full.groupindex["num"]
    top = sre_parse.parse(full.pattern, full.flags)
    assert any(op is sre_parse.SUBPATTERN and arg[0] == num for op, arg in top), (
        "the quantity must sit at the top level of the distance pattern"
    )
    gate = relations._distance_gate()
    for text in ("about 40 km from «P1»", "Some 87 miles (140 km) north of «P2»"):
        match = full.search(text)
        assert match is not None and gate.search(match.group()) is not None
