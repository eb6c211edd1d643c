"""Gate N generated articles and print articles/s: plumbing alone, and the whole gate.

    python benchmarks/gate_bench.py --n 20000

"Plumbing" is reading JSONL plus writing documents and decisions to the corpus, with no
stripping or scoring: it must never be what limits the gate (goal: >= 2,000 articles/s).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from filter.corpus import Corpus, Outcome
from filter.job import batched, gate
from filter.pipeline import Pipeline
from filter.read import iter_inputs
from filter.types import Decision, Document, InputError, Reason

WORDS = [
    "the",
    "council",
    "river",
    "bridge",
    "minister",
    "said",
    "on",
    "tuesday",
    "officials",
    "report",
    "city",
    "province",
    "forces",
    "troops",
    "police",
    "election",
    "vote",
    "market",
    "company",
    "shares",
    "storm",
    "flood",
    "rescue",
    "hospital",
    "school",
    "road",
    "capital",
    "north",
    "south",
    "east",
    "west",
    "people",
    "after",
    "before",
    "during",
]


def article(rng: random.Random, i: int) -> dict:
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
        for _ in range(rng.randint(12, 30))
    ]
    paragraphs = ["  ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3)]
    return {
        "id": f"bench-{i}",
        "url": f"https://bench.example/{i}",
        "date": "2024-03-01",
        "title": f"Article {i}",
        "text": "\n\n".join(paragraphs),
    }


def write_input(path: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(rng, i)) + "\n")


def plumbing(records: Path, db: Path, batch_size: int) -> float:
    start = time.perf_counter()
    n = 0
    with Corpus(db) as corpus:
        for batch in batched(iter_inputs([str(records)]), batch_size):
            outcomes = []
            for item in batch:
                reasons = () if isinstance(item, Document) else (Reason(item.kind, item.message),)
                verdict = "error" if isinstance(item, InputError) else "admit"
                outcomes.append(
                    Outcome(item, None, Decision(item.id, item.source, verdict, reasons, "bench"))
                )
            corpus.record(outcomes)
            n += len(batch)
    return n / (time.perf_counter() - start)


def whole_gate(records: Path, db: Path, batch_size: int) -> tuple[float, dict]:
    start = time.perf_counter()
    with Corpus(db) as corpus:
        summary = gate(iter_inputs([str(records)]), corpus, Pipeline(), batch_size=batch_size)
    return summary.inputs / (time.perf_counter() - start), summary.to_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="articles to generate")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "articles.jsonl"
        write_input(records, args.n)
        size_mb = records.stat().st_size / 1e6
        rate = plumbing(records, Path(tmp) / "plumbing.db", args.batch_size)
        print(f"articles: {args.n} ({size_mb:.1f} MB JSONL)")
        print(f"plumbing (read + corpus write): {rate:,.0f} articles/s")
        full_rate, summary = whole_gate(records, Path(tmp) / "gate.db", args.batch_size)
        print(f"whole gate (read, strip, rules, corpus): {full_rate:,.0f} articles/s")
        print(f"  ratio plumbing/whole gate: {rate / full_rate:.1f}x")
        print(f"  verdicts: {summary['by_verdict']}")


if __name__ == "__main__":
    main()
