"""Ranking: how alike two reports are, from their entity and keyword sets alone.

The score is an IDF-weighted Jaccard (a name that every article carries says little; one that
few carry says a lot), mixed from entities and keywords by `entity_weight`. Blocking (date window,
shared salient entities) happens before, in the index; this module only scores and orders.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from filter.context.config import ContextConfig
from filter.context.signature import Signature


@dataclass(frozen=True, slots=True)
class Related:
    """Another report of (probably) the same event, and whether it counts as its own voice.

    `independent` is True for one report per duplicate group, never for the document's own
    group; `group` names the duplicate group (its smallest document id).
    """

    document_id: str
    score: float
    shared_entities: tuple[str, ...]
    days_apart: int | None
    group: str
    independent: bool
    origin: Literal["batch", "corpus"]


def in_window(a: date | None, b: date | None, days: int) -> bool:
    """Undated documents are in every window: they are matched by content alone."""
    return a is None or b is None or abs((a - b).days) <= days


def days_apart(a: date | None, b: date | None) -> int | None:
    return None if a is None or b is None else abs((a - b).days)


def idf_weights(df: Mapping[str, int], total: int, prior: int) -> Callable[[str], float]:
    """Smoothed IDF over `total` documents plus `prior` imaginary ones that carry no term.

    Without the prior, IDF in a small batch punishes exactly what two reports share (a term in
    both of two documents has the lowest possible weight); with it, weights only spread apart
    once there are enough documents to say which terms are common."""

    def weight(term: str) -> float:
        return math.log((total + prior + 1) / (df.get(term, 0) + 1)) + 1.0

    return weight


def weighted_jaccard(a: Iterable[str], b: Iterable[str], weight: Callable[[str], float]) -> float:
    sa, sb = set(a), set(b)
    union = sum(weight(t) for t in sa | sb)
    return sum(weight(t) for t in sa & sb) / union if union else 0.0


def similarity(
    doc: Signature, other: Signature, weight: Callable[[str], float], config: ContextConfig
) -> float:
    """How alike two reports are, 0..1."""
    ew = config.entity_weight
    return ew * weighted_jaccard(doc.entities, other.entities, weight) + (
        1.0 - ew
    ) * weighted_jaccard(doc.keywords, other.keywords, weight)


def mark_independent(ranked: list[Related], own_group: str) -> list[Related]:
    """Keep the order; flag the best-ranked report of each group other than the document's own."""
    seen = {own_group}
    out = []
    for r in ranked:
        independent = r.group not in seen
        seen.add(r.group)
        out.append(
            Related(
                r.document_id,
                r.score,
                r.shared_entities,
                r.days_apart,
                r.group,
                independent,
                r.origin,
            )
        )
    return out
