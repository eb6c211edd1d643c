"""Nothing lost, nothing doubled: SIGKILL mid-run and concurrent writers, with real processes."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_RECORDS = 3000


def write_records(path: Path, n: int, tag: str = "") -> None:
    """`n` distinct articles: prose-shaped sentences over a large made-up vocabulary, so that
    records are neither near-duplicates nor reports of one event (this is about resilience)."""
    rng = random.Random(f"{tag}{n}")
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dur", "pel", "sin", "ara", "fe", "gul"]
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) for _ in range(3000)]
    glue = ["the", "of", "and", "to", "in", "that", "with", "was", "for", "on"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            sentences = []
            for _ in range(rng.randint(8, 14)):
                words = [rng.choice(vocab if k % 2 else glue) for k in range(rng.randint(9, 16))]
                sentences.append(" ".join(words).capitalize() + ".")
            text = f"Report {tag}{i}. " + " ".join(sentences)
            fh.write(json.dumps({"id": f"{tag}rec-{i:05d}", "text": text}) + "\n")


def gate_process(records: Path, db: Path, batch_size: int = 50) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "filter",
            "gate",
            str(records),
            "--corpus",
            str(db),
            "--batch-size",
            str(batch_size),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def count_decisions(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        return con.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def assert_exactly_one_decision_each(db: Path, n: int) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    total, distinct = con.execute(
        "SELECT COUNT(*), COUNT(DISTINCT document_id) FROM decisions"
    ).fetchone()
    assert (total, distinct) == (n, n)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == n


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_leaves_exactly_one_decision_per_input(tmp_path: Path) -> None:
    records, db = tmp_path / "records.jsonl", tmp_path / "c.db"
    write_records(records, N_RECORDS)
    kills = 0
    for _ in range(3):  # kill it repeatedly, at different points
        proc = gate_process(records, db)
        before = count_decisions(db)
        deadline = time.monotonic() + 60
        while count_decisions(db) <= before + 100 and time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        if count_decisions(db) >= N_RECORDS:
            break
    assert kills >= 1, "the run finished before it could be killed; the test proved nothing"
    assert count_decisions(db) < N_RECORDS
    final = gate_process(records, db)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    summary = json.loads(out)
    assert summary["already_decided"] + summary["new_decisions"] == N_RECORDS
    assert_exactly_one_decision_each(db, N_RECORDS)


@pytest.mark.slow
def test_two_concurrent_writers_neither_lose_nor_double_rows(tmp_path: Path) -> None:
    shared, only_a, only_b = (tmp_path / n for n in ("shared.jsonl", "a.jsonl", "b.jsonl"))
    write_records(shared, 600, "s")
    write_records(only_a, 300, "a")
    write_records(only_b, 300, "b")
    db = tmp_path / "c.db"
    a = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "filter",
            "gate",
            str(shared),
            str(only_a),
            "--corpus",
            str(db),
            "--batch-size",
            "20",
        ],
        stderr=subprocess.PIPE,
    )
    b = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "filter",
            "gate",
            str(only_b),
            str(shared),
            "--corpus",
            str(db),
            "--batch-size",
            "20",
        ],
        stderr=subprocess.PIPE,
    )
    _, err_a = a.communicate(timeout=300)
    _, err_b = b.communicate(timeout=300)
    assert a.returncode == 0, err_a.decode()
    assert b.returncode == 0, err_b.decode()
    assert_exactly_one_decision_each(db, 1200)
