"""The claim layer against the hand-annotated gold file (tests/data/claims_gold.jsonl)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("claims_bench",
                                                  ROOT / "benchmarks" / "claims_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_precision_and_recall_meet_the_goal() -> None:
    scores = _bench().quality(ROOT / "tests" / "data" / "claims_gold.jsonl")
    overall = scores["overall"]
    assert overall["precision"] >= 0.90
    assert overall["recall"] >= 0.80


def test_gold_covers_every_kind_and_enough_own_sentences() -> None:
    import json

    records = [json.loads(line) for line in
               (ROOT / "tests" / "data" / "claims_gold.jsonl").read_text("utf-8").splitlines()]
    own = [r for r in records if r["id"].startswith("own-")]
    assert len(own) >= 60
    assert len([r for r in records if r["id"].startswith("seed-")]) == 5
    kinds = {c["kind"] for r in records for c in r["claims"]}
    assert {"place", "actor", "event", "located_in", "capital", "epithet", "role", "distance",
            "quantity", "time"} <= kinds
