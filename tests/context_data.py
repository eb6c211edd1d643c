"""Test data for the context tests: the event clusters, and reprints generated from them."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from filter.context import Signature, compute_signature
from training.events import read_jsonl_dir

ROOT = Path(__file__).resolve().parent.parent
CLUSTERS = ROOT / "tests" / "data" / "clusters"
EVENTS = ROOT / "training" / "data" / "events"


def signature(record: dict, *, dated: bool = True, doc_id: str | None = None) -> Signature:
    return compute_signature(
        doc_id or record["id"],
        record["text"],
        published=date.fromisoformat(record["date"]) if dated else None,
        title=record.get("title"),
    )


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def edited(text: str, rate: float, seed: int = 1) -> str:
    """A reprint with a share of words changed, as copy desks do."""
    rng = random.Random(seed)
    tokens = text.split(" ")
    for i in rng.sample(range(len(tokens)), max(1, int(len(tokens) * rate))):
        tokens[i] = rng.choice(["also", "then", "reportedly", "local"])
    return " ".join(tokens)


def event_pairs() -> list[tuple[dict, dict]]:
    """Two different reports of each event in training/data/events."""
    by_event: dict[str, list[dict]] = {}
    for r in read_jsonl_dir(EVENTS):
        by_event.setdefault(r["cluster"], []).append(r)
    return [(rs[0], rs[1]) for rs in by_event.values() if len(rs) >= 2]
