"""One head, fitted: grouped cross-validation, Platt calibration, thresholds for a precision.

Out-of-fold margins come from GroupKFold by event cluster, so no event is in both the training
and the validation part of a fold; the calibration is fitted on those margins and the final
booster (all data, same parameters) is calibrated with it. Thresholds are the lowest calibrated
scores at which out-of-fold precision reaches the stated target. Everything is seeded and
single-threaded, so the same data and seed give the same model file, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": -1,
    "min_data_in_leaf": 10,
    "min_sum_hessian_in_leaf": 1e-3,
    "feature_fraction": 0.8,
    "bagging_fraction": 1.0,
    "bagging_freq": 0,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "verbose": -1,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
}
DEFAULT_ROUNDS = 150
REVIEW_PRECISION = 0.80
REJECT_PRECISION = 0.95


def params_for(seed: int, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every LightGBM parameter, seeds included, so a run's parameters reproduce its model."""
    p = {**DEFAULT_PARAMS, "seed": seed, "bagging_seed": seed, "feature_fraction_seed": seed,
         "data_random_seed": seed}
    return {**p, **(overrides or {})}


def fit_booster(x: np.ndarray, y: np.ndarray, names: Sequence[str], params: dict[str, Any],
                rounds: int) -> lgb.Booster:
    data = lgb.Dataset(x, label=y, feature_name=list(names), free_raw_data=False,
                       params={"verbose": -1, "max_bin": params["max_bin"]})
    return lgb.train(params, data, num_boost_round=rounds)


def _constant_margin(y: np.ndarray) -> float:
    p = min(max(float(np.mean(y)) if len(y) else 0.5, 1e-3), 1 - 1e-3)
    return float(np.log(p / (1 - p)))


def group_folds(groups: Sequence[str], folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, validation) index pairs; every group lies wholly on one side of each split."""
    if len(set(groups)) < 2:
        raise ValueError("grouped cross-validation needs at least two event clusters")
    splits = max(2, min(folds, len(set(groups))))
    index = np.arange(len(groups))
    return list(GroupKFold(n_splits=splits).split(index, groups=list(groups)))


def oof_margins(x: np.ndarray, y: np.ndarray, groups: Sequence[str], names: Sequence[str],
                params: dict[str, Any], rounds: int, folds: int = 5) -> np.ndarray:
    """Out-of-fold raw margins, folds grouped by event cluster."""
    out = np.zeros(len(y))
    for train, valid in group_folds(groups, folds):
        if len(set(y[train].tolist())) < 2:  # no positives to learn from in this fold
            out[valid] = _constant_margin(y[train])
            continue
        booster = fit_booster(x[train], y[train], names, params, rounds)
        out[valid] = booster.predict(x[valid], raw_score=True, num_threads=1)
    return out


def fit_platt(margin: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Platt scaling on out-of-fold margins: P = 1 / (1 + exp(-(a * margin + b))).

    With Platt's own smoothed targets ((N+ + 1) / (N+ + 2) and 1 / (N- + 2)), so that a head
    fitted on a few separable examples does not claim certainty it has not earned.
    """
    if len(set(y.tolist())) < 2:
        return {"method": "platt", "a": 0.0, "b": _constant_margin(y)}
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    target = np.where(y == 1, (pos + 1) / (pos + 2), 1 / (neg + 2))
    xs = np.concatenate([margin, margin]).reshape(-1, 1)
    ys = np.concatenate([np.ones(len(y)), np.zeros(len(y))])
    weights = np.concatenate([target, 1 - target])
    lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    lr.fit(xs, ys, sample_weight=weights)
    return {"method": "platt", "a": round(float(lr.coef_[0][0]), 10),
            "b": round(float(lr.intercept_[0]), 10)}


def platt(margin: np.ndarray, calibration: dict[str, Any]) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(calibration["a"] * margin + calibration["b"])))


def threshold_for_precision(prob: np.ndarray, y: np.ndarray, target: float) -> dict[str, Any]:
    """The score cut-off with the best F1 among those whose "score ≥ t" set has out-of-fold
    precision ≥ target (ties: the higher cut-off).

    Taking the lowest cut-off that still meets the target would chase the last, outlying
    positive down to a near-zero score and flag everything above it; F1 weighs what that
    recall costs. When no threshold reaches the target the head never asks for that verdict
    (threshold 1.0, `reached` false): a score that cannot be trusted must not reject.
    """
    best, best_f1 = None, -1.0
    positives = max(1, int(y.sum()))
    for t in sorted(set(prob.tolist()), reverse=True):
        chosen = prob >= t
        precision = float(y[chosen].mean())
        recall = float(y[chosen].sum()) / positives
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if precision >= target and f1 > best_f1:
            best, best_f1 = t, f1
    if best is None:
        return {"threshold": 1.0, "target_precision": target, "reached": False}
    return {"threshold": round(float(best), 6), "target_precision": target, "reached": True}


@dataclass
class FittedHead:
    """A head after fitting: final booster, calibration, thresholds and out-of-fold scores."""

    name: str
    booster: lgb.Booster
    calibration: dict[str, Any]
    thresholds: dict[str, Any]
    oof_probability: np.ndarray
    params: dict[str, Any]
    rounds: int


def fit_head(name: str, x: np.ndarray, y: np.ndarray, groups: Sequence[str],
             names: Sequence[str], params: dict[str, Any], rounds: int, folds: int,
             review_precision: float = REVIEW_PRECISION,
             reject_precision: float = REJECT_PRECISION) -> FittedHead:
    margin = oof_margins(x, y, groups, names, params, rounds, folds)
    calibration = fit_platt(margin, y)
    prob = platt(margin, calibration)
    review = threshold_for_precision(prob, y, review_precision)
    reject = threshold_for_precision(prob, y, reject_precision)
    if review["threshold"] > reject["threshold"]:
        review = {**reject, "target_precision": review_precision}
    thresholds = {
        "review": review["threshold"], "reject": reject["threshold"],
        "review_target_precision": review_precision, "reject_target_precision": reject_precision,
        "review_reached": review["reached"], "reject_reached": reject["reached"],
    }
    booster = fit_booster(x, y, names, params, rounds)
    return FittedHead(name, booster, calibration, thresholds, prob, params, rounds)
