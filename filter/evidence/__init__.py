"""Stage 5, evidence: claims checked against the gazetteer and against each other."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from filter.evidence.compare import compare, subject
from filter.evidence.cross_source import Report, cross_source_evidence, resolve_epithets
from filter.evidence.gazetteer_checks import gazetteer_evidence
from filter.evidence.within import epithets_of, within_article_evidence
from filter.gazetteer import Gazetteer, load_gazetteer
from filter.types import Claim, Evidence


def article_evidence(claims: Sequence[Claim], gazetteer: Gazetteer | None = None,
                     resolved: Mapping[str, int] | None = None) -> list[Evidence]:
    """Gazetteer findings plus the article's own contradictions."""
    g = gazetteer or load_gazetteer()
    return [*gazetteer_evidence(claims, g), *within_article_evidence(claims, resolved)]


__all__ = ["Report", "article_evidence", "compare", "cross_source_evidence", "epithets_of",
           "gazetteer_evidence", "resolve_epithets", "subject", "within_article_evidence"]
