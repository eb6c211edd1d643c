"""The corpus: schema versioning, idempotent writes, labels, reading back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from filter.corpus import SCHEMA_VERSION, Corpus, CorpusError
from filter.job import gate
from filter.pipeline import Pipeline
from filter.read import iter_inputs


def gate_seeds(db: Path, seeds_dir: Path):
    with Corpus(db) as corpus:
        return gate(iter_inputs([str(seeds_dir)]), corpus, Pipeline())


def test_new_corpus_is_wal_and_versioned(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        assert corpus.schema_version == SCHEMA_VERSION
    db = sqlite3.connect(tmp_path / "c.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_corpus_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "c.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(CorpusError, match="upgrade"):
        Corpus(tmp_path / "c.db")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / "c.db").write_text("not sqlite at all " * 100)
    with pytest.raises(CorpusError):
        Corpus(tmp_path / "c.db")


def test_gating_twice_changes_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    first = gate_seeds(tmp_path / "c.db", seeds_dir)
    assert sum(first.by_verdict.values()) == 5
    snapshot = (
        sqlite3.connect(tmp_path / "c.db")
        .execute("SELECT document_id, model_version, verdict, decided_at FROM decisions ORDER BY 1")
        .fetchall()
    )
    second = gate_seeds(tmp_path / "c.db", seeds_dir)
    assert second.skipped == 5 and sum(second.by_verdict.values()) == 0
    again = (
        sqlite3.connect(tmp_path / "c.db")
        .execute("SELECT document_id, model_version, verdict, decided_at FROM decisions ORDER BY 1")
        .fetchall()
    )
    assert again == snapshot


def test_documents_keep_raw_and_clean_text(tmp_path: Path, seeds_dir: Path) -> None:
    gate_seeds(tmp_path / "c.db", seeds_dir)
    with Corpus(tmp_path / "c.db", readonly=True) as corpus:
        [row] = [
            r for r in corpus.latest_decisions() if r["source"].endswith("000_fb3cbaaa0f9b7c87.txt")
        ]
        shown = corpus.show(row["id"][:10])
    assert shown["raw"].startswith(" date 2021-08-12")
    assert not shown["clean_text"].startswith(" date")
    assert shown["published"] == "2021-08-12"
    assert any(b["reason"] == "dateline" for b in shown["removed"])


def test_label_is_recorded_and_replaced(tmp_path: Path, seeds_dir: Path) -> None:
    gate_seeds(tmp_path / "c.db", seeds_dir)
    with Corpus(tmp_path / "c.db") as corpus:
        doc_id = next(corpus.latest_decisions())["id"]
        corpus.label(doc_id[:8], "reject", "spun rewrite")
        corpus.label(doc_id, "admit")
        [labelled] = list(corpus.labelled())
    assert (labelled["id"], labelled["label"]) == (doc_id, "admit")


def test_unknown_or_ambiguous_id_is_a_key_error(tmp_path: Path, seeds_dir: Path) -> None:
    gate_seeds(tmp_path / "c.db", seeds_dir)
    with Corpus(tmp_path / "c.db") as corpus:
        with pytest.raises(KeyError):
            corpus.resolve_id("zzzz")
        with pytest.raises(KeyError, match="ambiguous"):
            corpus.resolve_id("")


def test_stats_count_by_verdict_and_reason(tmp_path: Path, tmp_path_factory) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "short.txt").write_text("Too short to be an article.", "utf-8")
    (d / "empty.txt").write_text("", "utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        gate(iter_inputs([str(d)]), corpus, Pipeline())
        stats = corpus.stats()
    assert stats["by_verdict"]["error"] == 1
    assert stats["by_verdict"]["reject"] == 1
    assert stats["top_reasons"]["input.empty"] == 1
    assert stats["top_reasons"]["quality.too_short"] == 1


def test_a_gate_run_leaves_the_collector_as_it_found_it(tmp_path: Path, seeds_dir: Path) -> None:
    """The run raises the collector's thresholds for itself only, also when it fails."""
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with Corpus(tmp_path / "c.db") as corpus:
        gate(iter_inputs([str(seeds_dir)]), corpus, Pipeline(),
             on_progress=lambda n: seen.append(gc.get_threshold()))

        def fail(n: int) -> None:
            raise RuntimeError("stop")

        with pytest.raises(RuntimeError):
            gate(iter_inputs([str(seeds_dir)]), corpus, Pipeline(), on_progress=fail)
    assert seen and seen[0] != before  # raised while the batch loop ran
    assert gc.get_threshold() == before


def _writer_holding_a_lock(path: Path) -> sqlite3.Connection:
    """Another opener of a new corpus file, mid-write: it holds the file's write lock."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE other_writer (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO other_writer VALUES (1)")
    return other


def test_opening_waits_for_a_writer_sqlite_would_refuse_at_once(tmp_path: Path) -> None:
    """Switching a new file to WAL while another connection holds its write lock fails at once
    inside SQLite (no busy handler); the corpus waits, as for any other lock."""
    import threading

    path = tmp_path / "c.db"
    other = _writer_holding_a_lock(path)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        sqlite3.connect(path, timeout=5).execute("PRAGMA journal_mode = WAL")
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    with Corpus(path, timeout=10) as corpus:
        assert corpus.schema_version == SCHEMA_VERSION
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_lock_that_outlasts_the_timeout_is_a_clear_error(tmp_path: Path) -> None:
    other = _writer_holding_a_lock(tmp_path / "c.db")
    try:
        with pytest.raises(CorpusError, match="not a usable corpus: database is locked"):
            Corpus(tmp_path / "c.db", timeout=0.3)
    finally:
        other.execute("ROLLBACK")
