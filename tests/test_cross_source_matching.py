"""Cross-source matching: claims of one subject across independent reports, voted by voice.

Claims are built directly with their canonical slots, so these tests pin the matching and
voting rules, not the extractor.
"""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest

from filter.evidence import compare
from filter.evidence import cross_source as cs
from filter.evidence.cross_source import Report, cross_source_evidence, resolve_epithets
from filter.evidence.within import within_article_evidence
from filter.types import Claim

DAY = date(2023, 6, 2)
TOWN, OTHER_TOWN = 1001, 1002
_SERIAL = count()


def claim(kind: str, sentence: str = "", attributed: bool = False, doc: str = "own",
          **slots: Any) -> Claim:
    n = next(_SERIAL)
    sentence = sentence or f"{doc} wrote sentence number {n}"
    return Claim(kind, slots, sentence, (n, n + 1),
                 attributed=attributed, document_id=doc)


def capture(agent: str, side: str, target_id: int | None = TOWN, **kw: Any) -> Claim:
    return claim("event", agent=agent, agent_side=side, agent_text=agent, action="capture",
                 target="Town", target_id=target_id, event_ref=f"capture:{target_id}", **kw)


def report(doc: str, *claims: Claim, voice: str | None = None,
           published: date | None = DAY) -> Report:
    return Report(doc, published, tuple(claims), voice or doc)


def kinds(evidence: list, relation: str = "conflicts") -> list[str]:
    return [e.claim.kind for e in evidence if e.relation == relation]


def test_another_agent_for_the_same_capture_conflicts() -> None:
    ev = cross_source_evidence([capture("army", "government")], DAY,
                               [report("a", capture("rebels", "insurgent", doc="a"))])
    assert kinds(ev) == ["event"]
    assert ev[0].basis == "cross_source" and ev[0].sources_against == 1


def test_the_same_agent_elsewhere_supports() -> None:
    others = [report(d, capture("rebels", "insurgent", doc=d)) for d in ("a", "b")]
    ev = cross_source_evidence([capture("rebels", "insurgent")], DAY, others)
    assert kinds(ev, "supports") == ["event"]
    assert (ev[0].sources_for, ev[0].sources_against) == (2, 0)
    assert ev[0].other_ids == ("a", "b")


def test_claims_about_different_things_are_not_compared() -> None:
    ev = cross_source_evidence([capture("army", "government")], DAY,
                               [report("a", capture("rebels", "insurgent", OTHER_TOWN))])
    assert ev == []


def test_reports_sharing_a_voice_count_once() -> None:
    wire = [report(d, capture("rebels", "insurgent", doc=d), voice="wire") for d in "abc"]
    ev = cross_source_evidence([capture("army", "government")], DAY, wire)
    assert ev[0].sources_against == 1


def test_reports_of_the_articles_own_voice_are_skipped() -> None:
    ev = cross_source_evidence([capture("army", "government")], DAY,
                               [report("a", capture("rebels", "insurgent"), voice="me")],
                               voice="me")
    assert ev == []


def test_a_conflict_needs_more_voices_against_than_for() -> None:
    others = [report("a", capture("rebels", "insurgent")),
              report("b", capture("army", "government"))]
    ev = cross_source_evidence([capture("army", "government")], DAY, others)
    assert kinds(ev) == [] and kinds(ev, "supports") == ["event"]


def test_strength_grows_with_the_voices_against() -> None:
    def strength(n: int) -> float:
        others = [report(f"r{i}", capture("rebels", "insurgent")) for i in range(n)]
        return cross_source_evidence([capture("army", "government")], DAY, others)[0].strength

    assert strength(1) < strength(2) < strength(3)


def test_an_attributed_claim_gets_no_conflict() -> None:
    own = capture("army", "government", attributed=True)
    ev = cross_source_evidence([own], DAY, [report("a", capture("rebels", "insurgent"))])
    assert kinds(ev) == []


def test_attributed_claims_alone_do_not_back_a_conflict() -> None:
    others = [report(d, capture("rebels", "insurgent", attributed=True)) for d in "ab"]
    assert kinds(cross_source_evidence([capture("army", "government")], DAY, others)) == []


def test_attributed_claims_add_voices_to_a_backed_conflict() -> None:
    others = [report("a", capture("rebels", "insurgent")),
              report("b", capture("rebels", "insurgent", attributed=True))]
    ev = cross_source_evidence([capture("army", "government")], DAY, others)
    assert kinds(ev) == ["event"] and ev[0].sources_against == 2


def test_attributed_claims_may_support() -> None:
    ev = cross_source_evidence([capture("rebels", "insurgent", attributed=True)], DAY,
                               [report("a", capture("rebels", "insurgent"))])
    assert kinds(ev, "supports") == ["event"]


def test_an_agentless_capture_takes_the_agent_of_the_reports_other_captures() -> None:
    inferred = report("a", capture(None, None), capture("rebels", "insurgent", OTHER_TOWN),
                      capture("rebels", "insurgent", 1003))
    backed = report("b", capture("rebels", "insurgent"))
    ev = cross_source_evidence([capture("army", "government")], DAY, [inferred, backed])
    assert ev[0].sources_against == 2


def test_an_agentless_capture_alone_backs_no_conflict() -> None:
    inferred = report("a", capture(None, None), capture("rebels", "insurgent", OTHER_TOWN))
    assert kinds(cross_source_evidence([capture("army", "government")], DAY, [inferred])) == []


def test_the_same_wire_sentence_is_not_a_second_voice() -> None:
    s = "Rebels captured the town on Friday after a week of heavy fighting, officials said."
    ev = cross_source_evidence([claim("event", sentence=s, **capture("rebels", "insurgent").slots)],
                               DAY, [report("a", claim("event", sentence=s, doc="a",
                                                       **capture("rebels", "insurgent").slots))])
    assert ev == []


def test_a_voice_outvoted_elsewhere_weighs_less() -> None:
    """A report caught out by two others on one subject does not, alone, create a conflict
    for an honest report on another subject; an honest report alone does for the spun one."""
    monday = claim("time", weekday="monday", event_ref=f"capture:{TOWN}", text="Monday")
    thursday = claim("time", weekday="thursday", event_ref=f"capture:{TOWN}", text="Thursday")
    spun = report("spun", capture("army", "government"), monday)
    honest = report("honest", thursday)
    backers = [report(d, capture("rebels", "insurgent")) for d in ("a", "b")]
    assert kinds(cross_source_evidence([thursday], DAY, [spun, *backers])) == []
    assert sorted(kinds(cross_source_evidence([monday, capture("army", "government")], DAY,
                                              [honest, *backers]))) == ["event", "time"]


def test_an_explanation_quotes_the_other_sentences_and_ids() -> None:
    other = capture("rebels", "insurgent", doc="a")
    ev = cross_source_evidence([capture("army", "government")], DAY, [report("a", other)])[0]
    assert ev.other_sentence == other.sentence and ev.other_ids == ("a",)
    assert "a:" in ev.explanation and "1 independent source(s) against, 0 for" in ev.explanation


def test_epithets_resolve_by_majority_of_voices() -> None:
    def epithet(pid: int) -> Claim:
        return claim("epithet", key="largest#2#city#XX", place_id=pid, rank=2,
                     attribute="largest", scope="XX", place="P", **{"class": "city"})

    reports = [report("a", epithet(TOWN)), report("b", epithet(TOWN)),
               report("c", epithet(OTHER_TOWN)), report("d", epithet(OTHER_TOWN), voice="c")]
    assert resolve_epithets(reports) == {"largest#2#city#XX": TOWN}
    assert resolve_epithets(reports[1:3]) == {}  # a tie settles nothing


def test_a_resolved_epithet_target_meets_the_named_place() -> None:
    own = claim("event", agent="army", agent_side="government", action="capture",
                target="the second-largest city", target_id=None,
                target_epithet="largest#2#city#XX", event_ref="capture:largest#2#city#XX")
    named = claim("epithet", key="largest#2#city#XX", place_id=TOWN, rank=2,
                  attribute="largest", scope="XX", place="Town", doc="a", **{"class": "city"})
    ev = cross_source_evidence([own], DAY, [report("a", named, capture("rebels", "insurgent"))])
    assert kinds(ev) == ["event"]
    assert within_article_evidence([own, capture("rebels", "insurgent")],
                                   resolve_epithets([report("a", named)]))


def test_matching_compares_only_claims_of_one_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def counting(a: Claim, b: Claim, resolved: Any = None) -> Any:
        calls.append(1)
        return compare(a, b, resolved)

    monkeypatch.setattr(cs, "compare", counting)
    noise = [capture("rebels", "insurgent", 5000 + i) for i in range(200)]
    own = [capture("army", "government", 9000 + i) for i in range(200)]
    cross_source_evidence([*own, capture("army", "government")], DAY,
                          [report("a", *noise, capture("rebels", "insurgent"))])
    assert len(calls) <= 2  # the pair itself, and the other voice's standing elsewhere
