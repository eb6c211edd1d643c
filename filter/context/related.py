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


def days_apart(a: date | None, b: date | None) -> int | None:
    return None if a is None or b is None else abs((a - b).days)


class IdfWeights:
    """Smoothed IDF over `total` documents plus `prior` imaginary ones that carry no term.

    Without the prior, IDF in a small batch punishes exactly what two reports share (a term in
    both of two documents has the lowest possible weight); with it, weights only spread apart
    once there are enough documents to say which terms are common. Each term's weight is
    computed once and remembered: a lookup scores hundreds of candidates sharing most terms.
    """

    __slots__ = ("_df", "_numerator", "_memo")

    def __init__(self, df: Mapping[str, int], total: int, prior: int) -> None:
        self._df = df
        self._numerator = total + prior + 1
        self._memo: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        w = self._memo.get(term)
        if w is None:
            w = math.log(self._numerator / (self._df.get(term, 0) + 1)) + 1.0
            self._memo[term] = w
        return w

    def total(self, terms: Iterable[str]) -> float:
        """Summed weight of distinct `terms`, exactly rounded (`fsum`): a set's iteration order
        varies with the hash seed, and a plain sum with it in the last bit, which can reorder
        two reports of equal score."""
        if isinstance(terms, (frozenset, set)):
            try:  # all weighed (the usual case): in C
                return math.fsum(map(self._memo.__getitem__, terms))
            except KeyError:
                pass
        return math.fsum(map(self, terms))

    @property
    def weighed(self) -> Callable[[str], float]:
        """The weight of a term already weighed (every term of a `TermSets` is): a dict lookup."""
        return self._memo.__getitem__


def weighted_jaccard(a: Iterable[str], b: Iterable[str], weight: Callable[[str], float]) -> float:
    sa, sb = set(a), set(b)
    union = math.fsum(weight(t) for t in sa | sb)
    return math.fsum(weight(t) for t in sa & sb) / union if union else 0.0


@dataclass(frozen=True, slots=True)
class TermSets:
    """A signature's entity and keyword sets with their summed weights, computed once per
    lookup population so each candidate costs two set intersections, not two unions."""

    entities: frozenset[str]
    keywords: frozenset[str]
    entity_weight: float
    keyword_weight: float

    @classmethod
    def of(cls, sig: Signature, weight: IdfWeights) -> TermSets:
        entities, keywords = frozenset(sig.entities), frozenset(sig.keywords)
        return cls(entities, keywords, weight.total(entities), weight.total(keywords))


def term_similarity(a: TermSets, b: TermSets, weight: IdfWeights, entity_weight: float) -> float:
    """`similarity` of two signatures from their term sets (`TermSets.of` with `weight`): each
    weighted Jaccard from the set weights, union = Wa + Wb - W(a & b). Written out once, not as
    a helper per set: a lookup scores every candidate."""
    weighed, fsum = weight.weighed, math.fsum  # `total` of sets of weighed terms
    shared = fsum(map(weighed, a.entities & b.entities))
    union = a.entity_weight + b.entity_weight - shared
    entities = shared / union if union > 0 else 0.0
    shared = fsum(map(weighed, a.keywords & b.keywords))
    union = a.keyword_weight + b.keyword_weight - shared
    keywords = shared / union if union > 0 else 0.0
    return entity_weight * entities + (1.0 - entity_weight) * keywords


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
