"""Stage 6, features: the only place where evidence becomes numbers.

A fixed, named, versioned vector. Training and scoring both call `features()`, so the model
never sees a number computed any other way (no train/serve skew). Names are grouped:

- **evidence** features come from claims and the evidence checked against them (gazetteer,
  independent reports, the article itself) and from how many independent sources there are;
- **style** features come from the text alone (quality measures, junk share, spam signals).

The ablation trains on style features alone: if style separates consistent from inconsistent
reports, the training data is wrong, not the model clever. `feature_evidence` maps a feature
back to the evidence behind it, so reasons can quote sentences instead of feature names.

Any change to the names, their order or their meaning must bump FEATURE_SET_VERSION: a model
card records the version it was trained on and the heads refuse a mismatch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from filter.quality import MEASURES, measure_all
from filter.spam import SPAM_FEATURES, measure_spam
from filter.types import Claim, Evidence, Stripped

# 2: junk_share and removed_blocks no longer count dateline and title lines (session 13).
FEATURE_SET_VERSION = "2"

BASES: tuple[str, ...] = ("gazetteer", "cross_source", "self")
RELATIONS: tuple[str, ...] = ("supports", "conflicts")
CLAIM_KINDS: tuple[str, ...] = (
    "event", "located_in", "capital", "time", "quantity", "epithet", "role", "distance", "other",
)


def _kind(claim: Claim) -> str:
    return claim.kind if claim.kind in CLAIM_KINDS else "other"


@dataclass(frozen=True)
class FeatureInput:
    """Everything the features of one document are computed from, as plain data."""

    stripped: Stripped
    claims: Sequence[Claim] = ()
    evidence: Sequence[Evidence] = ()
    independent_sources: int = 0
    duplicate: float = 0.0  # 1.0 when the document is a near-duplicate of a context report


# -- evidence selectors: one per evidence feature, so reasons can find the evidence again ----
Selector = Callable[[Evidence], bool]


# The grid's cells by (basis, relation, kind): `_evidence_features` counts them all in one pass
# over the evidence; the selectors let reasons find a cell's evidence again.
_GRID_CELLS: dict[str, tuple[str, str, str]] = {
    f"ev_{b}_{r}_{k}": (b, r, k) for b in BASES for r in RELATIONS for k in CLAIM_KINDS
}
_GRID_NAMES: dict[tuple[str, str, str], str] = {cell: name for name, cell in _GRID_CELLS.items()}
GRID_SELECTORS: dict[str, Selector] = {
    name: lambda e, cell=cell: (e.basis, e.relation, _kind(e.claim)) == cell
    for name, cell in _GRID_CELLS.items()
}


def _conflict(e: Evidence) -> bool:
    return e.relation == "conflicts"


def _support(e: Evidence) -> bool:
    return e.relation == "supports"


# Features whose value is an aggregate over a subset of evidence: the subset is the evidence.
AGGREGATE_SELECTORS: dict[str, Selector] = {
    **{f"ev_{b}_conflict_rate": (lambda e, b=b: e.basis == b and _conflict(e)) for b in BASES},
    **{
        f"ev_{k}_conflict_rate": (lambda e, k=k: _kind(e.claim) == k and _conflict(e))
        for k in CLAIM_KINDS
    },
    "ev_conflicts_total": _conflict,
    "ev_supports_total": _support,
    "ev_conflict_strength_max": _conflict,
    "ev_conflict_strength_sum": _conflict,
    "ev_cross_source_against_weighted": lambda e: e.basis == "cross_source" and _conflict(e),
    "ev_quantity_deviation_max": lambda e: _kind(e.claim) == "quantity" and _conflict(e),
    "ev_temporal_conflicts": lambda e: _kind(e.claim) == "time" and _conflict(e),
    "ev_negated_conflicts": lambda e: e.claim.negated and _conflict(e),
    "ev_attributed_conflict_share": lambda e: e.claim.attributed and _conflict(e),
}

CLAIM_FEATURES: tuple[str, ...] = (
    *(f"claims_{k}" for k in CLAIM_KINDS),
    "claims_total",
    "claims_checked_share",
    "claims_negated_share",
    "claims_attributed_share",
)
SOURCE_FEATURES: tuple[str, ...] = ("independent_sources", "duplicate")
_QUALITY_FEATURES: tuple[str, ...] = tuple(f"q_{name}" for name in MEASURES)  # `measure_all` order
STYLE_FEATURES: tuple[str, ...] = (
    *_QUALITY_FEATURES,
    "junk_share",
    "removed_blocks",
    *SPAM_FEATURES,
)
EVIDENCE_FEATURES: tuple[str, ...] = (
    *GRID_SELECTORS,
    *AGGREGATE_SELECTORS,
    *CLAIM_FEATURES,
    *SOURCE_FEATURES,
)
FEATURE_NAMES: tuple[str, ...] = (*EVIDENCE_FEATURES, *STYLE_FEATURES)
FEATURE_GROUPS: dict[str, str] = {
    **{n: "evidence" for n in EVIDENCE_FEATURES},
    **{n: "style" for n in STYLE_FEATURES},
}


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _evidence_features(inp: FeatureInput) -> dict[str, float]:
    ev = list(inp.evidence)
    kinds = [_kind(e.claim) for e in ev]
    out: dict[str, float] = dict.fromkeys(_GRID_CELLS, 0.0)
    for e, k in zip(ev, kinds, strict=True):
        cell = _GRID_NAMES.get((e.basis, e.relation, k))
        if cell is not None:  # a basis or relation off the grid counts in no cell
            out[cell] += 1.0
    of_basis = Counter(e.basis for e in ev)
    of_kind = Counter(kinds)
    conflicting = [_conflict(e) for e in ev]
    basis_conflicts = Counter(e.basis for e, c in zip(ev, conflicting, strict=True) if c)
    kind_conflicts = Counter(k for k, c in zip(kinds, conflicting, strict=True) if c)
    for basis in BASES:
        out[f"ev_{basis}_conflict_rate"] = _rate(basis_conflicts[basis], of_basis[basis])
    for kind in CLAIM_KINDS:
        out[f"ev_{kind}_conflict_rate"] = _rate(kind_conflicts[kind], of_kind[kind])
    conflicts = [e for e, c in zip(ev, conflicting, strict=True) if c]
    out["ev_conflicts_total"] = float(len(conflicts))
    out["ev_supports_total"] = float(sum(map(_support, ev)))
    out["ev_conflict_strength_max"] = max((e.strength for e in conflicts), default=0.0)
    out["ev_conflict_strength_sum"] = float(sum(e.strength for e in conflicts))
    # A conflict weighs by how many independent reports stand against the claim, and less when
    # as many stand for it: one outlier among four agreeing reports is the strongest signal.
    out["ev_cross_source_against_weighted"] = float(
        sum(
            e.strength * e.sources_against / max(1, e.sources_for + e.sources_against)
            for e in conflicts
            if e.basis == "cross_source"
        )
    )
    out["ev_quantity_deviation_max"] = max(
        (e.strength for e in conflicts if _kind(e.claim) == "quantity"), default=0.0
    )
    out["ev_temporal_conflicts"] = float(sum(1 for e in conflicts if _kind(e.claim) == "time"))
    out["ev_negated_conflicts"] = float(sum(1 for e in conflicts if e.claim.negated))
    out["ev_attributed_conflict_share"] = _rate(
        sum(1 for e in conflicts if e.claim.attributed), len(conflicts)
    )
    return out


def _claim_features(inp: FeatureInput) -> dict[str, float]:
    claims = list(inp.claims)
    kinds = Counter(map(_kind, claims))
    out = {f"claims_{k}": float(kinds[k]) for k in CLAIM_KINDS}
    checked = {id(e.claim) for e in inp.evidence}
    out["claims_total"] = float(len(claims))
    out["claims_checked_share"] = _rate(sum(1 for c in claims if id(c) in checked), len(claims))
    out["claims_negated_share"] = _rate(sum(1 for c in claims if c.negated), len(claims))
    out["claims_attributed_share"] = _rate(sum(1 for c in claims if c.attributed), len(claims))
    return out


def _style_features(inp: FeatureInput) -> dict[str, float]:
    stripped = inp.stripped
    doc = stripped.document
    out = dict(zip(_QUALITY_FEATURES, measure_all(stripped.text).values(), strict=True))
    out["junk_share"] = stripped.junk_share
    out["removed_blocks"] = float(len(stripped.junk))
    out.update(measure_spam(doc.text, doc.title))
    return out


def features(inp: FeatureInput) -> dict[str, float]:
    """The named feature vector of one document, in FEATURE_NAMES order."""
    values = {
        **_evidence_features(inp),
        **_claim_features(inp),
        "independent_sources": float(inp.independent_sources),
        "duplicate": float(inp.duplicate),
        **_style_features(inp),
    }
    return {name: float(values[name]) for name in FEATURE_NAMES}


def vector(values: dict[str, float], names: Sequence[str] = FEATURE_NAMES) -> list[float]:
    """The values in the order a model was trained on; a missing name is an error, not a 0."""
    missing = [n for n in names if n not in values]
    if missing:
        raise KeyError(f"feature vector lacks {missing[:5]} (feature set {FEATURE_SET_VERSION})")
    return [float(values[n]) for n in names]


def feature_evidence(name: str, inp: FeatureInput) -> list[Evidence]:
    """The evidence behind one feature's value (empty for style and source features).

    Strongest first, so a reason can quote the most telling sentences.
    """
    select = GRID_SELECTORS.get(name) or AGGREGATE_SELECTORS.get(name)
    if select is None:
        return []
    return sorted((e for e in inp.evidence if select(e)), key=lambda e: -e.strength)
