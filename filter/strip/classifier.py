"""The trained block classifier: LightGBM junk probability per block, threshold from its card."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import lightgbm as lgb
import numpy as np

from filter.modelfile import ModelFileError, load_model
from filter.strip.features import FEATURE_NAMES

MODEL_NAME = "block_classifier"
# Shipped models live in `models/` at the project root; CONTENT_FILTER_MODELS overrides it.
DEFAULT_MODELS = Path(__file__).resolve().parents[2] / "models"


class BlockClassifier:
    """P(junk) for blocks; the card's thresholds turn it into a decision.

    Two thresholds, both chosen at training time on validation data: `threshold` for plain text
    handed to us, `threshold_html` for trafilatura's output, whose junk is rarer and subtler.
    """

    def __init__(
        self,
        booster: lgb.Booster,
        threshold: float = 0.5,
        version: str = "unversioned",
        threshold_html: float | None = None,
    ) -> None:
        self.booster = booster
        self.threshold = threshold
        self.threshold_html = threshold if threshold_html is None else threshold_html
        self.version = version

    def threshold_for(self, origin: str) -> float:
        """The decision threshold for text that came from `origin` ("text" or "html")."""
        return self.threshold_html if origin == "html" else self.threshold

    @classmethod
    def from_directory(cls, directory: str | Path) -> BlockClassifier:
        booster, card = load_model(directory, MODEL_NAME)
        if list(card.get("feature_names", [])) != list(FEATURE_NAMES):
            raise ModelFileError(
                f"{directory}/{MODEL_NAME}: the model was trained on different block features "
                "than this code computes; retrain with `python -m training blocks`"
            )
        return cls(
            booster,
            float(card["threshold"]),
            str(card["sha256"])[:12],
            float(card.get("threshold_html", card["threshold"])),
        )

    def junk_probability(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        return self.booster.predict(features, num_threads=1)


@cache
def default_classifier() -> BlockClassifier:
    """The shipped model, loaded and verified once per process."""
    return BlockClassifier.from_directory(os.environ.get("CONTENT_FILTER_MODELS", DEFAULT_MODELS))
