"""Stage 7, model: the inconsistency and spam heads, loaded, verified and applied.

A head is a LightGBM booster in text format plus its JSON card (filter.modelfile, SHA-256
checked). The card carries what the booster alone cannot: the feature names and feature-set
version it was trained on, its calibration (Platt a and b, fitted on grouped out-of-fold
scores), and the review/reject thresholds chosen for a stated precision. Heads load from a
`models/` directory or from MLflow (`models:/NAME@alias`, `models:/NAME/VERSION`,
`runs:/ID/model`): MLflow only downloads the same files to a temporary directory, and the same
verified loader reads them. Nothing is unpickled, ever.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

from filter.features import FEATURE_SET_VERSION, vector
from filter.gate import Thresholds
from filter.modelfile import ModelFileError, load_model, model_paths

HEADS: tuple[str, ...] = ("inconsistency", "spam")
MLFLOW_SCHEMES: tuple[str, ...] = ("models:/", "runs:/")


@dataclass(frozen=True)
class Scores:
    """Calibrated probabilities of one document."""

    inconsistency: float
    spam: float


@dataclass(frozen=True)
class Head:
    """One booster with its card; `probability` applies the card's calibration."""

    name: str
    booster: lgb.Booster
    card: dict[str, Any]

    @property
    def feature_names(self) -> list[str]:
        return list(self.card["feature_names"])

    def matrix(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        names = self.feature_names
        try:  # a C-level lookup of all names per row; numpy converts the values to float
            values: list[Any] = list(map(_getter(tuple(names)), rows))
        except KeyError:
            values = [vector(r, names) for r in rows]  # raises, naming the missing features
        return np.array(values, dtype=np.float64).reshape(-1, len(names))

    def margin(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return self.booster.predict(self.matrix(rows), raw_score=True, num_threads=1)

    def probability(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        return calibrate(self.margin(rows), self.card["calibration"])

    def contributions(self, rows: Sequence[dict[str, float]]) -> list[dict[str, float]]:
        """Per-feature contributions to the margin (LightGBM SHAP values), bias left out."""
        if not rows:
            return []
        contrib = self.booster.predict(self.matrix(rows), pred_contrib=True, num_threads=1)
        names = self.feature_names
        return [dict(zip(names, map(float, row[:-1]), strict=True)) for row in contrib]


@lru_cache(maxsize=16)  # one per head's feature names
def _getter(names: tuple[str, ...]) -> Callable[[dict[str, float]], tuple[float, ...]]:
    """The values of `names` in a row, as a tuple (also for a single name)."""
    if len(names) == 1:
        name = names[0]
        return lambda row: (row[name],)
    return itemgetter(*names)


def calibrate(margin: np.ndarray, calibration: dict[str, Any]) -> np.ndarray:
    """Raw booster margin to probability with the card's Platt parameters."""
    if calibration.get("method") != "platt":
        raise ModelFileError(f"unknown calibration method {calibration.get('method')!r}")
    z = float(calibration["a"]) * np.asarray(margin, dtype=np.float64) + float(calibration["b"])
    return 1.0 / (1.0 + np.exp(-z))


class Heads:
    """Both heads, their thresholds and one version string for decisions."""

    def __init__(self, heads: dict[str, Head], source: str) -> None:
        missing = [h for h in HEADS if h not in heads]
        if missing:
            raise ModelFileError(f"{source}: no {', '.join(missing)} head")
        for head in heads.values():
            version = head.card.get("feature_set_version")
            if version != FEATURE_SET_VERSION:
                raise ModelFileError(
                    f"{source}: the {head.name} head was trained on feature set {version}, this "
                    f"code computes {FEATURE_SET_VERSION}; retrain with `python -m training train`"
                )
        self.heads = heads
        self.source = source

    @classmethod
    def from_directory(cls, directory: str | Path) -> Heads:
        """Both heads from a `models/`-style directory, each SHA-256-verified."""
        loaded = {}
        for name in HEADS:
            booster, card = load_model(directory, name)
            loaded[name] = Head(name, booster, card)
        return cls(loaded, str(directory))

    @classmethod
    def load(cls, uri: str | Path) -> Heads:
        """From a directory path or an MLflow URI (`models:/NAME@alias`, `models:/NAME/V`,
        `runs:/ID/model`), using MLFLOW_TRACKING_URI for the latter."""
        text = str(uri)
        if not text.startswith(MLFLOW_SCHEMES):
            return cls.from_directory(text)
        import mlflow  # imported only when needed: it is slow to import

        with tempfile.TemporaryDirectory(prefix="content-filter-heads-") as tmp:
            try:
                path = Path(mlflow.artifacts.download_artifacts(artifact_uri=text, dst_path=tmp))
            except Exception as exc:  # MlflowException and friends: say which URI failed
                raise ModelFileError(f"cannot fetch {text} from MLflow: {exc}") from exc
            directory = _model_directory(path)
            heads = cls.from_directory(directory)
        heads.source = text
        return heads

    @cached_property  # every decision carries it
    def version(self) -> str:
        """`name@sha12` of each head, so decisions say exactly which models made them."""
        return "+".join(f"{n}@{self.heads[n].card['sha256'][:12]}" for n in HEADS)

    @property
    def thresholds(self) -> Thresholds:
        """Review and reject cut-offs from the cards (chosen for a stated precision)."""
        t = {n: self.heads[n].card["thresholds"] for n in HEADS}
        return Thresholds(
            inconsistency_review=float(t["inconsistency"]["review"]),
            inconsistency_reject=float(t["inconsistency"]["reject"]),
            spam_review=float(t["spam"]["review"]),
            spam_reject=float(t["spam"]["reject"]),
        )

    def predict(self, rows: Sequence[dict[str, float]]) -> list[Scores]:
        """Calibrated (inconsistency, spam) probabilities, one per feature vector."""
        inc = self.heads["inconsistency"].probability(rows)
        spam = self.heads["spam"].probability(rows)
        return [Scores(float(a), float(b)) for a, b in zip(inc, spam, strict=True)]

    def contributions(self, rows: Sequence[dict[str, float]]) -> dict[str, list[dict[str, float]]]:
        """Per head, per document: each feature's contribution to the margin."""
        return {n: self.heads[n].contributions(rows) for n in HEADS}

    def contributions_at_least(
        self, rows: Sequence[dict[str, float]], scores: Sequence[Scores], thresholds: Thresholds
    ) -> dict[str, dict[int, dict[str, float]]]:
        """Per head, row index -> contributions, for the rows whose score reaches the head's
        review threshold: only those get reasons, and SHAP values cost several predictions.
        A row's contributions do not depend on the other rows."""
        out: dict[str, dict[int, dict[str, float]]] = {}
        for name in HEADS:
            review = getattr(thresholds, f"{name}_review")
            picked = [i for i, s in enumerate(scores) if getattr(s, name) >= review]
            values = self.heads[name].contributions([rows[i] for i in picked])
            out[name] = dict(zip(picked, values, strict=True))
        return out


def _model_directory(path: Path) -> Path:
    """The downloaded directory holding the cards (`runs:/ID/model` nests one level)."""
    for candidate in (path, path / "model"):
        if model_paths(candidate, HEADS[0])[1].exists():
            return candidate
    raise ModelFileError(f"no {HEADS[0]} model card in the downloaded artifacts at {path}")
