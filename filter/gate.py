"""Stage 8, gate: a cheap verdict from scores, findings and thresholds.

The verdict is policy, not measurement: it reads scores and reasons that earlier stages stored,
so re-gating with new thresholds needs no re-scoring (dolma's tagger/mixer split).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from filter.types import Reason, Verdict

_SEVERITY = {"admit": 0, "review": 1, "reject": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score cut-offs: at or above `review` a person looks; at or above `reject` it stays out."""

    inconsistency_review: float = 0.5
    inconsistency_reject: float = 0.8
    spam_review: float = 0.5
    spam_reject: float = 0.8

    def __post_init__(self) -> None:
        for head in ("inconsistency", "spam"):
            review, reject = getattr(self, f"{head}_review"), getattr(self, f"{head}_reject")
            if not 0.0 <= review <= reject <= 1.0:
                raise ValueError(f"{head} thresholds must satisfy 0 <= review <= reject <= 1")


def _score_verdict(score: float | None, review: float, reject: float) -> Verdict:
    if score is None:
        return "admit"
    if score >= reject:
        return "reject"
    if score >= review:
        return "review"
    return "admit"


def verdict_of(
    reasons: Iterable[Reason],
    inconsistency: float | None = None,
    spam: float | None = None,
    thresholds: Thresholds | None = None,
) -> Verdict:
    """The most severe of what the scores and the rule findings ask for."""
    t = thresholds or Thresholds()
    asked: list[str] = [
        _score_verdict(inconsistency, t.inconsistency_review, t.inconsistency_reject),
        _score_verdict(spam, t.spam_review, t.spam_reject),
    ]
    for reason in reasons:
        for item in reason.evidence:
            if isinstance(item, dict) and item.get("verdict") in _SEVERITY:
                asked.append(item["verdict"])
    return max(asked, key=_SEVERITY.__getitem__)  # type: ignore[return-value]
