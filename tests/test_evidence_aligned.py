"""Aligned-sentence evidence: values of sentences that say the same thing in independent reports.

Each rule both ways: the difference it forgives is not a conflict, and a real difference of the
same shape still is. Sentences are hand-written, on varied made-up events.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from filter.claims import extract_claims
from filter.evidence.aligned import aligned_evidence, similarity, tokens
from filter.evidence.cross_source import Report, cross_source_evidence
from filter.gazetteer import Gazetteer
from filter.types import Evidence

FRIDAY = date(2023, 3, 10)
CLUSTERS = Path(__file__).resolve().parent / "data" / "clusters"


def report(gaz: Gazetteer, rid: str, text: str, published: date | None = FRIDAY,
           voice: str | None = None) -> Report:
    return Report(rid, published, tuple(extract_claims(text, published, rid, gaz)), voice or rid)


def judge(gaz: Gazetteer, own: str, *others: str, own_day: date | None = FRIDAY,
          other_day: date | None = FRIDAY) -> list[Evidence]:
    target = report(gaz, "own", own, own_day)
    rest = [report(gaz, f"o{i}", t, other_day) for i, t in enumerate(others)]
    return aligned_evidence(target.claims, own_day, rest)


def conflicts(ev: list[Evidence], kind: str | None = None) -> list[Evidence]:
    return [e for e in ev if e.relation == "conflicts" and (kind is None or e.claim.kind == kind)]


def supports(ev: list[Evidence], kind: str) -> list[Evidence]:
    return [e for e in ev if e.relation == "supports" and e.claim.kind == kind]


FERRY = "The ferry {verb} the harbour wall on {day} during a storm and began taking on water."
FERRY_OTHER = "A passenger ferry struck the harbour wall {day} in stormy weather and took on water."


# -- alignment -------------------------------------------------------------------------------
def test_values_are_masked_out_of_the_alignment_words() -> None:
    assert tokens("The bridge reopened on Monday after 12 days.") == \
        tokens("The bridge reopened on Thursday after 40 days.")


def test_similarity_rewards_shared_weight_and_penalises_unshared() -> None:
    assert similarity(3.0, 3.0, 3.0) == pytest.approx(1.0)
    assert similarity(1.0, 3.0, 3.0) < similarity(2.0, 3.0, 3.0)
    assert similarity(0.0, 3.0, 3.0) == 0.0


def test_unaligned_sentences_never_conflict(gaz: Gazetteer) -> None:
    own = FERRY.format(verb="struck", day="Wednesday")
    other = "The mayor opened a new library in the old town hall on Monday with a concert."
    assert judge(gaz, own, other) == []


# -- weekdays and dates ----------------------------------------------------------------------
def test_a_different_weekday_in_an_aligned_sentence_conflicts(gaz: Gazetteer) -> None:
    ev = judge(gaz, FERRY.format(verb="struck", day="Monday"),
               FERRY_OTHER.format(day="on Wednesday"))
    (c,) = conflicts(ev, "time")
    assert c.claim.slots["weekday"] == "monday"
    assert c.sources_against == 1 and c.other_ids == ("o0",)
    assert "struck the harbour wall" in c.explanation


def test_the_same_weekday_in_an_aligned_sentence_supports(gaz: Gazetteer) -> None:
    ev = judge(gaz, FERRY.format(verb="struck", day="Wednesday"),
               FERRY_OTHER.format(day="on Wednesday"))
    assert conflicts(ev) == [] and supports(ev, "time")


def test_night_against_the_next_day_is_no_conflict(gaz: Gazetteer) -> None:
    ev = judge(gaz, FERRY.format(verb="struck", day="Wednesday night"),
               FERRY_OTHER.format(day="on Thursday"))
    assert conflicts(ev) == [] and supports(ev, "time")


def test_one_weekday_resolved_against_two_publication_dates_is_no_conflict(gaz: Gazetteer
                                                                           ) -> None:
    # A weekly round-up a week later still says "on Wednesday": another date, the same day.
    ev = judge(gaz, FERRY.format(verb="struck", day="Wednesday"),
               FERRY_OTHER.format(day="on Wednesday"), other_day=date(2023, 3, 17))
    assert conflicts(ev) == []


def test_a_shifted_calendar_date_conflicts(gaz: Gazetteer) -> None:
    ev = judge(gaz, FERRY.format(verb="struck", day="March 3"),
               FERRY_OTHER.format(day="on March 8"))
    assert conflicts(ev, "time")


def test_a_date_and_its_weekday_agree(gaz: Gazetteer) -> None:
    ev = judge(gaz, FERRY.format(verb="struck", day="March 8"),  # a Wednesday
               FERRY_OTHER.format(day="on Wednesday"))
    assert conflicts(ev) == [] and supports(ev, "time")


def test_days_weeks_apart_are_two_events_not_a_conflict(gaz: Gazetteer) -> None:
    ev = judge(gaz, FERRY.format(verb="struck", day="March 8"),
               FERRY_OTHER.format(day="on January 20"))
    assert conflicts(ev) == []


def test_a_deadline_is_not_a_date(gaz: Gazetteer) -> None:
    own = "Donations for the flooded villages passed 40 million dollars by Thursday."
    assert conflicts(judge(gaz, own, own.replace("by Thursday", "on Tuesday"))) == []
    assert conflicts(judge(gaz, own.replace("by Thursday", "on Thursday"),
                           own.replace("by Thursday", "on Tuesday")))


def test_a_sentence_dating_one_event_from_another_is_not_compared(gaz: Gazetteer) -> None:
    own = "Rescue teams reached the collapsed mine on Wednesday, two days after the blast."
    other = "Rescue teams reached the collapsed mine on Monday after a long drive."
    assert conflicts(judge(gaz, own, other)) == []
    assert conflicts(judge(gaz, own.replace(", two days after the blast", ""), other))


def test_their_day_that_another_of_our_days_states_is_accounted_for(gaz: Gazetteer) -> None:
    own = "The fire at the depot broke out on Monday and was put out on Tuesday morning."
    other = "Crews put out the fire at the depot on Tuesday morning."
    assert conflicts(judge(gaz, own, other)) == []


# -- quantities ----------------------------------------------------------------------------------
QUAKE = "The earthquake near the coast killed {n} people and destroyed hundreds of homes."


def test_a_count_far_out_of_tolerance_conflicts(gaz: Gazetteer) -> None:
    ev = judge(gaz, QUAKE.format(n="at least 2,100"), QUAKE.format(n="640"))
    (c,) = conflicts(ev, "quantity")
    assert c.claim.slots["value"] == 2100


def test_rounding_and_bounds_are_no_conflict(gaz: Gazetteer) -> None:
    for own, other in (("2,946", "nearly 3,000"), ("more than 600", "640"), ("2,946", "2,950")):
        ev = judge(gaz, QUAKE.format(n=own), QUAKE.format(n=other))
        assert conflicts(ev) == [], (own, other)
        assert supports(ev, "quantity"), (own, other)


def test_a_toll_may_grow_in_a_later_report_but_not_shrink(gaz: Gazetteer) -> None:
    later = date(2023, 3, 13)
    assert conflicts(judge(gaz, QUAKE.format(n="1,300"), QUAKE.format(n="640"),
                           own_day=later)) == []
    assert conflicts(judge(gaz, QUAKE.format(n="640"), QUAKE.format(n="1,300"),
                           own_day=later), "quantity")


def test_a_unit_conversion_is_no_conflict(gaz: Gazetteer) -> None:
    own = "The storm surge pushed floodwater some 80 kilometres (50 miles) up the river valley."
    assert conflicts(judge(gaz, own, own.replace("80 kilometres (50 miles)", "50 miles"))) == []
    assert conflicts(judge(gaz, own, own.replace("80 kilometres (50 miles)", "140 miles")))


def test_counts_of_different_outcomes_are_not_compared(gaz: Gazetteer) -> None:
    own = "The earthquake near the coast killed 640 people in the first hours."
    assert conflicts(judge(gaz, own, own.replace("killed", "injured").replace("640", "4,100"))
                     ) == []
    assert conflicts(judge(gaz, own, own.replace("640", "4,100")))


def test_small_counts_may_support_but_never_conflict(gaz: Gazetteer) -> None:
    own = "The striker scored 3 goals in the final at the national stadium."
    assert conflicts(judge(gaz, own, own.replace("3 goals", "8 goals"))) == []
    assert supports(judge(gaz, own, own), "quantity")


# -- places and agents ----------------------------------------------------------------------------
def test_another_city_in_the_same_slot_conflicts_unless_both_are_named(gaz: Gazetteer) -> None:
    own = "The high-speed train derailed near Lyon late in the evening, injuring dozens."
    other = own.replace("Lyon", "Bordeaux")
    assert conflicts(judge(gaz, own, other), "place")
    both = other + " Passengers were later taken to hospitals in Lyon."
    assert conflicts(judge(gaz, own, both), "place") == []


# -- attribution, polarity, voices ----------------------------------------------------------------
def test_attributed_sentences_never_make_a_conflict(gaz: Gazetteer) -> None:
    own, other = FERRY.format(verb="struck", day="Monday"), FERRY_OTHER.format(day="on Wednesday")
    assert conflicts(judge(gaz, own[:-1] + ", the coast guard claimed.", other)) == []
    assert conflicts(judge(gaz, own, other[:-1] + ", the coast guard claimed.")) == []
    assert conflicts(judge(gaz, "According to the coast guard, " + own[0].lower() + own[1:],
                           other)) == []


def test_a_neutral_sourcing_tail_leaves_the_sentence_the_writers(gaz: Gazetteer) -> None:
    own, other = FERRY.format(verb="struck", day="Monday"), FERRY_OTHER.format(day="on Wednesday")
    assert conflicts(judge(gaz, own[:-1] + ", the coast guard said.", other))
    assert conflicts(judge(gaz, own, other[:-1] + ", officials told reporters."))


def test_one_side_negated_conflicts_both_negated_does_not(gaz: Gazetteer) -> None:
    own = "The rebels did not capture the airport outside the capital after heavy fighting."
    other = "The rebels captured the airport outside the capital after heavy fighting."
    (c,) = conflicts(judge(gaz, own, other))
    assert "negated sentence" in c.explanation
    assert conflicts(judge(gaz, own, own)) == []


def test_a_conflict_needs_more_independent_voices_against_than_for(gaz: Gazetteer) -> None:
    own = report(gaz, "own", FERRY.format(verb="struck", day="Monday"))
    against = FERRY_OTHER.format(day="on Wednesday")
    agree = FERRY_OTHER.format(day="on Monday")
    one_each = [report(gaz, "a", against), report(gaz, "b", agree)]
    assert conflicts(aligned_evidence(own.claims, FRIDAY, one_each)) == []
    # Two reprints of one wire story are one voice.
    reprints = [report(gaz, "a", against, voice="wire"), report(gaz, "a2", against, voice="wire"),
                report(gaz, "b", agree)]
    assert conflicts(aligned_evidence(own.claims, FRIDAY, reprints)) == []
    two = [report(gaz, "a", against), report(gaz, "c", against), report(gaz, "b", agree)]
    (c,) = conflicts(aligned_evidence(own.claims, FRIDAY, two))
    assert (c.sources_against, c.sources_for) == (2, 1)
    lone = conflicts(aligned_evidence(own.claims, FRIDAY, [report(gaz, "a", against),
                                                            report(gaz, "c", against)]))
    assert lone[0].strength > c.strength


def test_claims_already_checked_claim_by_claim_are_left_out(gaz: Gazetteer) -> None:
    own = report(gaz, "own", FERRY.format(verb="struck", day="Monday"))
    others = [report(gaz, "a", FERRY_OTHER.format(day="on Wednesday"))]
    (c,) = conflicts(aligned_evidence(own.claims, FRIDAY, others))
    done = Evidence(c.claim, "cross_source", "conflicts", 0.5, "claim level")
    assert aligned_evidence(own.claims, FRIDAY, others, checked=[done]) == []


def test_the_own_voice_is_skipped(gaz: Gazetteer) -> None:
    own = report(gaz, "own", FERRY.format(verb="struck", day="Monday"), voice="wire")
    other = report(gaz, "a", FERRY_OTHER.format(day="on Wednesday"), voice="wire")
    assert aligned_evidence(own.claims, FRIDAY, [other], voice="wire") == []


# -- the mini-clusters: honest reports, hard negatives included, get no aligned conflict ------
def test_no_honest_cluster_report_gets_an_aligned_conflict(gaz: Gazetteer) -> None:
    flagged = {}
    for path in sorted(CLUSTERS.glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        reports = [report(gaz, r["id"], r["text"], date.fromisoformat(r["date"]))
                   for r in records]
        for r, rep in zip(records, reports, strict=True):
            others = [o for o in reports if o is not rep]
            checked = cross_source_evidence(rep.claims, rep.published, others, gazetteer=gaz)
            found = conflicts(aligned_evidence(rep.claims, rep.published, others,
                                               checked=checked))
            if r["label"] != "corrupted" and found:
                flagged[r["id"]] = [e.explanation for e in found]
    assert flagged == {}
