"""The five seeds scored together: the spun rewrite (004) is caught on three facts, the honest
reports (000-003) only find support."""

from __future__ import annotations

from pathlib import Path

import pytest

from filter.claims import extract_claims
from filter.evidence import within_article_evidence
from filter.evidence.cross_source import Report, cross_source_evidence, resolve_epithets
from filter.gazetteer import Gazetteer
from filter.read import read_file
from filter.types import Document, Evidence

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _text(doc: Document) -> str:
    try:
        from filter.strip import strip_document

        return strip_document(doc).text
    except Exception:  # the stripper may be mid-change; the raw text keeps the claims
        return doc.text


@pytest.fixture(scope="module")
def reports(gaz: Gazetteer) -> dict[str, Report]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = next(iter(read_file(path)))
        key = path.name[:3]
        out[key] = Report(key, doc.published,
                          tuple(extract_claims(_text(doc), doc.published, key, gaz)), key)
    return out


@pytest.fixture(scope="module")
def evidence(reports: dict[str, Report], gaz: Gazetteer) -> dict[str, list[Evidence]]:
    return {k: cross_source_evidence(r.claims, r.published,
                                     [o for o in reports.values() if o is not r], gazetteer=gaz)
            for k, r in reports.items()}


def _conflicts(ev: list[Evidence], kind: str) -> list[Evidence]:
    return [e for e in ev if e.relation == "conflicts" and e.claim.kind == kind]


def test_the_honest_seeds_get_support_and_no_conflict(evidence: dict[str, list[Evidence]]
                                                      ) -> None:
    for key in ("000", "001", "002", "003"):
        assert [e for e in evidence[key] if e.relation == "conflicts"] == [], key
        assert any(e.relation == "supports" for e in evidence[key]), key


def test_the_spun_seed_gives_the_capture_to_the_wrong_side_against_three_sources(
        evidence: dict[str, list[Evidence]]) -> None:
    (agent,) = _conflicts(evidence["004"], "event")
    assert agent.claim.slots["agent_side"] == "government"
    assert agent.sources_against >= 3 and agent.sources_for == 0
    assert set(agent.other_ids) >= {"000", "001", "002"}


def test_the_spun_seed_puts_the_city_in_the_wrong_province(evidence: dict[str, list[Evidence]]
                                                           ) -> None:
    (province,) = _conflicts(evidence["004"], "located_in")
    assert province.claim.slots["region_kind"] == "province"
    assert province.sources_against >= 3


def test_the_spun_seed_gets_the_weekday_of_the_capture_wrong(evidence: dict[str, list[Evidence]]
                                                             ) -> None:
    (weekday,) = _conflicts(evidence["004"], "time")
    assert weekday.claim.slots["weekday"] == "monday"
    assert "001" in weekday.other_ids and "thursday" in weekday.explanation.lower()


def test_the_epithet_learned_across_sources_names_the_city(reports: dict[str, Report]) -> None:
    own = reports["004"]
    resolved = resolve_epithets([r for k, r in reports.items() if k != "004"], own.claims)
    city = next(c.slots["target_id"] for c in reports["002"].claims
                if c.kind == "event" and c.slots.get("target_id"))
    assert resolved["largest#2#city#AF"] == city


def test_the_resolved_epithet_feeds_the_within_article_check(reports: dict[str, Report]) -> None:
    own = reports["004"]
    assert not [e for e in within_article_evidence(own.claims) if e.claim.kind == "event"]
    resolved = resolve_epithets([r for k, r in reports.items() if k != "004"], own.claims)
    assert [e for e in within_article_evidence(own.claims, resolved) if e.claim.kind == "event"]


def test_no_event_is_named_in_the_cross_source_code_or_data() -> None:
    root = Path(__file__).resolve().parent.parent / "filter"
    files = [root / "evidence" / "cross_source.py", root / "evidence" / "variance.py",
             root / "data" / "claims" / "variance.toml"]
    names = ("kandahar", "helmand", "taliban", "herat", "ghazni", "afghan")
    for f in files:
        text = f.read_text("utf-8").lower()
        assert not [n for n in names if n in text], f.name
