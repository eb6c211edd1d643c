"""Related reports: same event found, other events not, date window and undated documents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from filter.context import ContextIndex, compute_signature
from filter.read import iter_inputs
from tests.context_data import CLUSTERS, edited, event_pairs, signature
from training.events import read_jsonl_dir


def test_reports_of_one_cluster_retrieve_each_other() -> None:
    recs = read_jsonl_dir(CLUSTERS)
    index = ContextIndex().add(signature(r) for r in recs)
    found = wanted = 0
    for r in recs:
        got = {x.document_id for x in index.related(index.signature(r["id"]))}
        for o in recs:
            apart = abs(date.fromisoformat(o["date"]) - date.fromisoformat(r["date"])).days
            if o["cluster"] == r["cluster"] and o["id"] != r["id"] and apart <= 3:
                wanted += 1
                found += o["id"] in got
    assert found / wanted >= 0.95  # measured 136 of 140


def test_other_clusters_rank_below_the_same_cluster_when_dates_say_nothing() -> None:
    recs = read_jsonl_dir(CLUSTERS)
    cluster = {r["id"]: r["cluster"] for r in recs}
    index = ContextIndex().add(signature(r, dated=False) for r in recs)
    misordered = 0
    for r in recs:
        related = index.related(index.signature(r["id"]))
        same = [x.score for x in related if cluster[x.document_id] == r["cluster"]]
        other = [x.score for x in related if cluster[x.document_id] != r["cluster"]]
        assert same, r["id"]
        misordered += bool(other) and max(other) > min(same)
    assert misordered <= 2


def test_reports_further_apart_than_the_window_are_not_related() -> None:
    one, other = event_pairs()[0]
    a = signature(one)
    near = replace(signature(other), published=a.published + timedelta(days=3))
    far = replace(signature(other, doc_id="far"), published=a.published + timedelta(days=4))
    index = ContextIndex().add([a, near, far])
    assert [x.document_id for x in index.related(a)] == [other["id"]]


def test_undated_reports_are_matched_by_content_alone() -> None:
    one, other = event_pairs()[0]
    a = signature(one)
    undated = signature(other, dated=False, doc_id="undated")
    far = replace(signature(other, doc_id="far"), published=a.published + timedelta(days=400))
    index = ContextIndex().add([a, undated, far])
    assert [x.document_id for x in index.related(a)] == ["undated"]
    assert {x.document_id for x in index.related(undated)} == {one["id"], "far"}


def test_the_five_seeds_are_related_to_each_other(seeds_dir) -> None:  # noqa: ANN001
    docs = list(iter_inputs([str(seeds_dir)]))
    index = ContextIndex().add(docs)
    for doc in docs:
        assert {x.document_id for x in index.related(doc)} == {d.id for d in docs} - {doc.id}


def test_a_wire_story_reprinted_three_times_is_one_independent_source() -> None:
    wire, own = event_pairs()[4]
    reprints = [
        compute_signature(
            f"reprint-{i}",
            edited(wire["text"], 0.02, seed=i),
            published=date.fromisoformat(wire["date"]),
        )
        for i in range(3)
    ]
    report = replace(signature(own), published=date.fromisoformat(wire["date"]))
    index = ContextIndex().add([signature(wire), *reprints, report])
    related = index.related(report)
    assert len(related) == 4
    assert sum(x.independent for x in related) == 1


def test_a_report_never_counts_its_own_reprints_as_independent() -> None:
    wire, _ = event_pairs()[4]
    reprint = compute_signature(
        "reprint", edited(wire["text"], 0.02), published=date.fromisoformat(wire["date"])
    )
    index = ContextIndex().add([signature(wire), reprint])
    related = index.related(reprint)
    assert [x.document_id for x in related] == [wire["id"]]
    assert not related[0].independent
