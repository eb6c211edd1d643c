"""Figures of merit for a head, from its out-of-fold scores: what MLflow logs and the card keeps.

Besides ROC-AUC and PR-AUC: precision and recall at the review and reject thresholds, recall per
corruption operator (which kinds of error the head catches) and the false-positive rate on
label-preserving edits (whether it mistakes rewording for falsehood).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

from training.corruptions import CORRUPTIONS, PRESERVING


def _r(x: float) -> float:
    return round(float(x), 6)


def ranking(y: np.ndarray, prob: np.ndarray) -> dict[str, float]:
    if len(set(y.tolist())) < 2:
        return {"roc_auc": float("nan"), "pr_auc": float("nan")}
    return {"roc_auc": _r(roc_auc_score(y, prob)), "pr_auc": _r(average_precision_score(y, prob))}


def at_threshold(y: np.ndarray, prob: np.ndarray, t: float) -> dict[str, float]:
    chosen = prob >= t
    tp = int((chosen & (y == 1)).sum())
    return {
        "precision": _r(tp / chosen.sum()) if chosen.sum() else float("nan"),
        "recall": _r(tp / (y == 1).sum()) if (y == 1).sum() else float("nan"),
        "flagged": int(chosen.sum()),
    }


def confusion(y: np.ndarray, prob: np.ndarray, thresholds: dict[str, Any]) -> dict[str, Any]:
    """Label (0/1) by verdict (admit/review/reject) counts."""
    verdict = np.where(prob >= thresholds["reject"], "reject",
                       np.where(prob >= thresholds["review"], "review", "admit"))
    return {
        str(label): {v: int(((y == label) & (verdict == v)).sum())
                     for v in ("admit", "review", "reject")}
        for label in (0, 1)
    }


def head_metrics(y: np.ndarray, prob: np.ndarray, operators: Sequence[str],
                 thresholds: dict[str, Any]) -> dict[str, Any]:
    """Every metric of one head's out-of-fold scores."""
    ops = np.array(operators)
    out: dict[str, Any] = {**ranking(y, prob), "examples": int(len(y)),
                           "positives": int(y.sum())}
    for level in ("review", "reject"):
        for key, value in at_threshold(y, prob, thresholds[level]).items():
            out[f"{key}_at_{level}"] = value
    for op in sorted(set(operators)):
        mask = ops == op
        if op in CORRUPTIONS and y[mask].sum():
            caught = prob[mask & (y == 1)] >= thresholds["review"]
            out[f"recall_at_review.{op}"] = _r(caught.mean())
    # Threshold-free, per operator: how well its examples rank above every negative.
    negatives = y == 0
    for op in sorted(set(operators)):
        mask = (ops == op) & (y == 1)
        if op in CORRUPTIONS and mask.any() and negatives.any():
            both = mask | negatives
            out[f"roc_auc.{op}"] = _r(roc_auc_score(y[both], prob[both]))
    preserving = np.isin(ops, list(PRESERVING)) & (y == 0)
    if preserving.any():
        out["fpr_preserving_at_review"] = _r((prob[preserving] >= thresholds["review"]).mean())
        for op in sorted(set(ops[preserving].tolist())):
            mask = preserving & (ops == op)
            out[f"fpr_at_review.{op}"] = _r((prob[mask] >= thresholds["review"]).mean())
    clean = np.isin(ops, ["clean", "spam"]) & (y == 0)
    if clean.any():
        out["fpr_originals_at_review"] = _r((prob[clean] >= thresholds["review"]).mean())
    return out


def figures(name: str, y: np.ndarray, prob: np.ndarray, booster: Any,
            thresholds: dict[str, Any]) -> dict[str, Any]:
    """PR curve and feature-importance PNGs (matplotlib, headless) for MLflow."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    out = {}
    fig, ax = plt.subplots(figsize=(5, 4))
    if len(set(y.tolist())) == 2:
        precision, recall, _ = precision_recall_curve(y, prob)
        ax.plot(recall, precision)
    for level in ("review", "reject"):
        m = at_threshold(y, prob, thresholds[level])
        ax.scatter([m["recall"]], [m["precision"]], label=f"{level} ≥ {thresholds[level]:.3f}")
    ax.set(xlabel="recall", ylabel="precision", title=f"{name}: out-of-fold PR curve",
           xlim=(0, 1.02), ylim=(0, 1.02))
    ax.legend(loc="lower left")
    out[f"pr_curve_{name}.png"] = fig

    gain = booster.feature_importance(importance_type="gain")
    names = booster.feature_name()
    top = sorted(zip(gain, names, strict=True), reverse=True)[:20]
    fig2, ax2 = plt.subplots(figsize=(6, 6))
    ax2.barh([n for _, n in reversed(top)], [g for g, _ in reversed(top)])
    ax2.set(xlabel="total gain", title=f"{name}: feature importance (top 20)")
    fig2.tight_layout()
    out[f"feature_importance_{name}.png"] = fig2
    return out
