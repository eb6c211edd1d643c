"""Stage 4 in the corpus: schema 2, signatures and claims written in the gate's transaction,
duplicate groups, lookups from a later batch, and the duplicate gate reasons."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from filter.context import ContextIndex, load_claims, save_claims, write_signatures
from filter.context.config import default_config
from filter.corpus import SCHEMA_VERSION, Corpus
from filter.job import gate
from filter.pipeline import Pipeline
from filter.quality import default_rules
from filter.types import Claim, Document
from tests.context_data import edited, event_pairs, signature


def doc(record: dict, text: str | None = None, doc_id: str | None = None) -> Document:
    return Document(
        id=doc_id or record["id"],
        source=f"https://x.example/{doc_id or record['id']}",
        text=text or record["text"],
        published=date.fromisoformat(record["date"]),
    )


def store(corpus: Corpus, sigs: list, links: dict | None = None) -> None:
    db = corpus._db
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO documents (id, source, first_seen) VALUES (?, 'test', 'now')",
        [(s.document_id,) for s in sigs],
    )
    write_signatures(db, sigs, links or {}, default_config())
    db.execute("COMMIT")


def test_a_new_corpus_has_the_context_tables(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        assert corpus.schema_version == SCHEMA_VERSION >= 2
    tables = {
        r[0]
        for r in sqlite3.connect(tmp_path / "c.db").execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    assert {"context_signatures", "context_entities", "context_bands", "claims"} <= tables


def test_a_later_batch_finds_related_reports_in_the_corpus(tmp_path: Path) -> None:
    one, other = event_pairs()[2]
    with Corpus(tmp_path / "c.db") as corpus:
        store(corpus, [signature(one)])
    with Corpus(tmp_path / "c.db", readonly=True) as corpus:
        related = ContextIndex(corpus).related(signature(other))
    assert [(x.document_id, x.origin, x.independent) for x in related] == [
        (one["id"], "corpus", True)
    ]


def test_a_near_duplicate_in_the_corpus_is_found_through_the_lsh_buckets(tmp_path: Path) -> None:
    one, _ = event_pairs()[2]
    with Corpus(tmp_path / "c.db") as corpus:
        store(corpus, [signature(one)])
        reprint = signature({**one, "text": edited(one["text"], 0.03)}, dated=False, doc_id="r")
        index = ContextIndex(corpus)
        assert int(index._store.by_bands(reprint)[0]) == 1  # noqa: SLF001
        dup = index.duplicate_of(reprint)
    assert dup is not None and (dup.other_id, dup.kind) == (one["id"], "near")


def test_groups_merge_when_a_document_repeats_two_groups(tmp_path: Path) -> None:
    one, _ = event_pairs()[3]
    a, b, c = (signature(one, doc_id=x) for x in ("b-doc", "c-doc", "a-doc"))
    with Corpus(tmp_path / "c.db") as corpus:
        store(corpus, [a, b])
        store(corpus, [c], {"a-doc": ["b-doc", "c-doc"]})
        groups = dict(corpus.execute("SELECT document_id, dup_group FROM context_signatures"))
    assert groups == {"a-doc": "a-doc", "b-doc": "a-doc", "c-doc": "a-doc"}


def test_claims_round_trip_through_the_corpus(tmp_path: Path) -> None:
    claim = Claim(
        "located_in",
        {"place": "Herat", "region": "Herat"},
        "Herat is in Herat.",
        (0, 18),
        attributed=True,
        place_ids={"place": 1139715},
    )
    with Corpus(tmp_path / "c.db") as corpus:
        store(corpus, [signature(event_pairs()[0][0], doc_id="d")])
        corpus._db.execute("BEGIN IMMEDIATE")
        save_claims(corpus._db, "d", [claim, claim])
        save_claims(corpus._db, "d", [claim])  # replaces, never doubles
        corpus._db.execute("COMMIT")
        (back,) = load_claims(corpus, ["d"])
    assert back.to_dict() == {**claim.to_dict(), "document_id": "d"}


def test_the_gate_rejects_an_exact_duplicate_of_a_corpus_document(tmp_path: Path) -> None:
    one, _ = event_pairs()[4]
    with Corpus(tmp_path / "c.db") as corpus:
        gate([doc(one)], corpus, Pipeline())
        summary = gate([doc(one, one["text"].upper(), "copy")], corpus, Pipeline())
        reasons = corpus.show("copy")["decisions"][0]["reasons"]
    assert summary.by_verdict["reject"] == 1
    assert [(r["kind"], r["evidence"][0]["other"]) for r in reasons] == [
        ("duplicate.exact", one["id"])
    ]


def test_the_gate_sends_a_near_duplicate_in_the_same_batch_to_review(tmp_path: Path) -> None:
    one, other = event_pairs()[4]
    batch = [doc(one), doc(other), doc(one, edited(one["text"], 0.03), "reprint")]
    with Corpus(tmp_path / "c.db") as corpus:
        summary = gate(batch, corpus, Pipeline())
        groups = dict(corpus.execute("SELECT document_id, dup_group FROM context_signatures"))
    assert summary.reasons == {"duplicate.near": 1}
    assert summary.by_verdict["review"] == 1
    assert groups["reprint"] == groups[one["id"]] == min(one["id"], "reprint")
    assert groups[other["id"]] == other["id"]


def test_gating_twice_stores_each_signature_once(tmp_path: Path) -> None:
    one, other = event_pairs()[5]
    with Corpus(tmp_path / "c.db") as corpus:
        gate([doc(one), doc(other)], corpus, Pipeline())
        gate([doc(one), doc(other)], corpus, Pipeline(rules=default_rules()[1:]))
        count = corpus.execute("SELECT COUNT(*) FROM context_signatures").fetchone()[0]
        bands = corpus.execute("SELECT COUNT(*) FROM context_bands").fetchone()[0]
    assert count == 2 and bands == 2 * default_config().bands


def test_a_batch_of_signatures_counts_terms_as_one_at_a_time_would(tmp_path: Path) -> None:
    sigs = [signature(r) for pair in event_pairs()[:3] for r in pair]
    with Corpus(tmp_path / "batch.db") as corpus:
        store(corpus, sigs)
    with Corpus(tmp_path / "single.db") as corpus:
        for s in sigs:
            store(corpus, [s])
    tables = ("context_terms", "context_entities", "context_signatures")
    dumps = [
        [
            list(sqlite3.connect(tmp_path / db).execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3"))
            for t in tables
        ]
        for db in ("batch.db", "single.db")
    ]
    assert dumps[0] == dumps[1]


def test_claims_of_a_batch_are_replaced_together_and_read_back_in_order(tmp_path: Path) -> None:
    from filter.context.store import save_claims_many

    def claim(n: int) -> Claim:
        return Claim("quantity", {"value": n, "unit": "count"}, f"{n} died.", (0, 8))

    with Corpus(tmp_path / "c.db") as corpus:
        store(corpus, [signature(r, doc_id=i) for r, i in zip(event_pairs()[0], "ba", strict=True)])
        db = corpus._db
        db.execute("BEGIN IMMEDIATE")
        save_claims_many(db, {"b": [claim(1), claim(2)], "a": [claim(3)]})
        save_claims_many(db, {"b": [claim(4)], "a": []})
        db.execute("COMMIT")
        back = load_claims(corpus, ["b", "a", "b"])
    assert [(c.document_id, c.slots["value"]) for c in back] == [("b", 4)]


def test_postings_of_several_entities_come_from_one_query_as_from_one_each(tmp_path: Path) -> None:
    from filter.context.store import UNDATED, SignatureStore

    def one_by_one(db: sqlite3.Connection, entity: str, published: date | None) -> list[int]:
        base = (
            "SELECT e.doc FROM context_terms t JOIN context_entities e ON e.term = t.id"
            " WHERE t.term = ?"
        )
        if published is None:
            return [r[0] for r in db.execute(base + " ORDER BY e.day DESC LIMIT 200", (entity,))]
        day = published.toordinal()
        dated = db.execute(
            base + " AND e.day BETWEEN ? AND ? ORDER BY e.day DESC LIMIT 200",
            (entity, day - 3, day + 3),
        )
        undated = db.execute(base + " AND e.day = ? LIMIT 200", (entity, UNDATED))
        return [r[0] for r in dated] + [r[0] for r in undated]

    one, other = event_pairs()[2]
    sigs = [signature(one), signature(other), signature(one, doc_id="undated")]
    sigs[2] = replace(sigs[2], published=None)
    with Corpus(tmp_path / "c.db") as corpus:
        store(corpus, sigs)
        lookups = SignatureStore(corpus, default_config())
        entities = list(dict.fromkeys(sigs[0].entities + sigs[1].entities + ("nowhere",)))
        for published in (sigs[0].published, None, date(1990, 1, 1)):
            together = lookups.by_entities(entities, published)
            assert together == {e: one_by_one(corpus._db, e, published) for e in entities}
            assert together[sigs[0].entities[0]]  # the undated copy is always a candidate
