"""Reasons for a head's score, from its per-feature contributions back to the evidence.

The model says which features pushed a document towards `inconsistency` or `spam`; the
features module says which evidence each feature counted. Together they give a person the
claims and sentences behind a score, not a feature name.
"""

from __future__ import annotations

from filter.features import FEATURE_GROUPS, FeatureInput, feature_evidence
from filter.types import Reason

TOP_FEATURES = 3
EVIDENCE_PER_FEATURE = 3


def reasons_for(head: str, contributions: dict[str, float], values: dict[str, float],
                inp: FeatureInput, top: int = TOP_FEATURES) -> list[Reason]:
    """The features that pushed `head` up most, each with the evidence behind it.

    Only features with a positive contribution count: a reason explains why a score is high.
    """
    pushing = sorted(((c, n) for n, c in contributions.items() if c > 0), reverse=True)[:top]
    out = []
    for contribution, name in pushing:
        evidence = feature_evidence(name, inp)[:EVIDENCE_PER_FEATURE]
        if evidence:
            message = "; ".join(e.explanation for e in evidence)
        else:
            message = f"{name} = {values.get(name, 0.0):.3g}"
        out.append(Reason(
            kind=f"{head}.{FEATURE_GROUPS.get(name, 'feature')}.{name}",
            message=message,
            evidence=(
                {"feature": name, "value": values.get(name), "contribution": contribution},
                *(e.to_dict() for e in evidence),
            ),
        ))
    return out
