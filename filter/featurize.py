"""Documents and their context to feature vectors: the one function training and scoring share.

`featurize(documents, context)` runs the same stages `score` runs (strip, claims, evidence
against the context, features) and returns one named vector per document. Training builds its
data set through it, so there is no second feature code to drift.

Interim implementation, to be replaced by the lead's pipeline-level function of the same
signature: it strips, extracts claims, checks them against the gazetteer and the article itself,
and counts independent sources with a word-shingle Jaccard. Cross-source evidence (claims of the
context reports) is not computed here yet: the `cross_source` features stay 0 until the lead's
function adds it. The seam is `_claims_and_evidence`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from filter.claims import extract_claims
from filter.evidence import article_evidence
from filter.features import FeatureInput, features
from filter.strip import strip_document
from filter.types import Claim, Document, Evidence, Stripped

NEAR_DUPLICATE_JACCARD = 0.5  # word 5-shingles: reprints and light edits share far more
_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return frozenset(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))


def _jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def independent_count(shingles: Sequence[frozenset[tuple[str, ...]]]) -> int:
    """How many voices a set of reports is once near-duplicates collapse into one."""
    voices: list[frozenset[tuple[str, ...]]] = []
    for s in shingles:
        if all(_jaccard(s, v) < NEAR_DUPLICATE_JACCARD for v in voices):
            voices.append(s)
    return len(voices)


def _claims_and_evidence(
    stripped: Stripped, context: Sequence[Stripped]
) -> tuple[Sequence[Claim], Sequence[Evidence]]:
    """Seam for the claim and evidence stages: the article's claims and their evidence."""
    doc = stripped.document
    claims = extract_claims(stripped.text, doc.published, doc.id)
    return claims, article_evidence(claims)


def feature_inputs(
    documents: Sequence[Document], context: Sequence[Document]
) -> list[FeatureInput]:
    """Each document against `context` (a document never counts as its own context)."""
    ctx_stripped = [strip_document(c) for c in context]
    ctx_shingles = [_shingles(s.text) for s in ctx_stripped]
    out = []
    for doc in documents:
        stripped = strip_document(doc)
        mine = _shingles(stripped.text)
        others = [
            (s, sh) for s, sh in zip(ctx_stripped, ctx_shingles, strict=True)
            if s.document.id != doc.id
        ]
        duplicate = any(_jaccard(mine, sh) >= NEAR_DUPLICATE_JACCARD for _, sh in others)
        independent = [sh for _, sh in others if _jaccard(mine, sh) < NEAR_DUPLICATE_JACCARD]
        claims, evidence = _claims_and_evidence(stripped, [s for s, _ in others])
        out.append(
            FeatureInput(
                stripped=stripped,
                claims=claims,
                evidence=evidence,
                independent_sources=independent_count(independent),
                duplicate=1.0 if duplicate else 0.0,
            )
        )
    return out


def featurize(documents: Sequence[Document], context: Sequence[Document]) -> list[dict[str, float]]:
    """One named feature vector per document, in input order."""
    return [features(i) for i in feature_inputs(documents, context)]
