"""An article against itself: two agents, two days, two numbers, one epithet for two places."""

from __future__ import annotations

from datetime import date

from filter.claims import extract_claims
from filter.evidence import compare, within_article_evidence
from filter.gazetteer import Gazetteer
from filter.types import Claim


def conflicts(text: str, gaz: Gazetteer, resolved: dict[str, int] | None = None,
              published: date | None = date(2023, 6, 2)) -> list[str]:
    claims = extract_claims(text, published, None, gaz)
    return [e.claim.kind for e in within_article_evidence(claims, resolved)]


def test_one_capture_with_two_opposing_agents_conflicts(gaz: Gazetteer) -> None:
    text = ("Government troops captured Goma, in eastern Congo. "
            "Later the rebels captured Goma after heavy fighting.")
    assert conflicts(text, gaz) == ["event"]


def test_agents_on_the_same_side_agree(gaz: Gazetteer) -> None:
    text = "The Taliban captured Herat. The insurgents captured Herat after a long siege."
    assert conflicts(text, gaz) == []


def test_a_negated_claim_by_the_other_side_is_no_conflict(gaz: Gazetteer) -> None:
    text = "The Taliban captured Herat. Afghan forces did not capture Herat."
    assert conflicts(text, gaz) == []


def test_two_weekdays_for_one_event_conflict(gaz: Gazetteer) -> None:
    text = "The Taliban captured Herat on Monday. The Taliban captured Herat on Thursday."
    assert conflicts(text, gaz) == ["time"]


def test_thursday_night_and_friday_are_the_same_event(gaz: Gazetteer) -> None:
    text = ("The Taliban captured Herat late on Thursday night. "
            "The Taliban captured Herat on Friday.")
    assert conflicts(text, gaz) == []


def test_two_counts_of_one_thing_conflict(gaz: Gazetteer) -> None:
    text = ("The rebels have captured 11 provincial capitals in Syria. "
            "Officials say the rebels have captured 19 provincial capitals.")
    assert conflicts(text, gaz) == ["quantity"]


def test_rounding_and_bounds_are_no_conflict(gaz: Gazetteer) -> None:
    text = ("The rebels have captured 11 provincial capitals in Syria. "
            "The militants have seized more than 10 provincial capitals.")
    assert conflicts(text, gaz) == []


def test_an_extra_deployment_is_a_different_number(gaz: Gazetteer) -> None:
    text = "The army sent 3,000 troops to Kabul. The army sent an extra 1,000 troops to Kabul."
    assert conflicts(text, gaz) == []


def test_one_epithet_for_two_places_conflicts(gaz: Gazetteer) -> None:
    text = ("Herat, Afghanistan's third-largest city, fell. "
            "Kandahar, Afghanistan's third-largest city, held.")
    assert conflicts(text, gaz) == ["epithet"]


def test_one_epithet_repeated_for_one_place_is_fine(gaz: Gazetteer) -> None:
    text = ("Herat, Afghanistan's third-largest city, fell. "
            "Herat, Afghanistan's third biggest city, fell.")
    assert conflicts(text, gaz) == []


def test_an_epithet_resolved_in_the_article_plugs_into_events(gaz: Gazetteer) -> None:
    text = ("Kandahar, Afghanistan's second-largest city, was quiet. "
            "Afghan forces have captured the second-largest city in the country. "
            "The Taliban captured Kandahar on Friday.")
    assert conflicts(text, gaz) == ["event"]


def test_seed_004_two_agents_need_the_epithet_resolved_from_elsewhere(
        seed_texts: dict[str, str], gaz: Gazetteer) -> None:
    claims = extract_claims(seed_texts["004"], None, "004", gaz)
    assert [e for e in within_article_evidence(claims) if e.claim.kind == "event"] == []
    kandahar = next(p.id for p in gaz.lookup("Kandahar") if p.kind == "city" and p.country == "AF")
    found = [e for e in within_article_evidence(claims, {"largest#2#city#AF": kandahar})
             if e.claim.kind == "event"]
    assert found and all(e.claim.slots["agent"] == "government_forces" for e in found)
    assert all("Kandahar" in (e.other_sentence or "") for e in found)


def _event(agent: str, side: str, target_id: int, negated: bool = False) -> Claim:
    slots = {"agent": agent, "agent_side": side, "action": "capture", "target": "X",
             "target_id": target_id, "target_epithet": None}
    return Claim("event", slots, "s", (0, 1), negated=negated)


def test_compare_needs_a_shared_subject() -> None:
    taliban = _event("taliban", "insurgent", 1)
    assert compare(taliban, _event("government_forces", "government", 2)) is None
    assert compare(taliban, _event("government_forces", "government", 1)) == "conflicts"
    assert compare(taliban, _event("insurgents", "insurgent", 1)) == "supports"


def test_a_weekday_beside_a_date_it_does_not_fall_on_conflicts(gaz: Gazetteer) -> None:
    # 30 May 2020 was a Saturday.
    assert conflicts("The ferry sank off Lesbos on Thursday, 30 May 2020.", gaz) == ["time"]
    assert conflicts("The ferry sank off Lesbos on Thursday, May 30, 2020.", gaz) == ["time"]


def test_a_weekday_beside_its_own_date_or_apart_from_a_date_is_no_conflict(
        gaz: Gazetteer) -> None:
    assert conflicts("The ferry sank off Lesbos on Saturday, 30 May 2020.", gaz) == []
    assert conflicts("The ferry sank off Lesbos on Thursday and was found on 30 May 2020.",
                     gaz) == []
