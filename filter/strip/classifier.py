"""The trained block classifier: LightGBM junk probability per block, threshold from its card.

The model is four files: LightGBM text, its card, the learned word lexicon (lexicon.py) and the
hashed n-gram text model (textmodel.py), whose columns follow the hand features (features.py)
in every row, in that order.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

try:  # LightGBM's reusable predictor (private API); Booster.predict when a release lacks it
    from lightgbm.basic import _InnerPredictor
except ImportError:  # pragma: no cover
    _InnerPredictor = None

from filter.modelfile import ModelFileError, load_companion, load_model
from filter.strip.features import FEATURE_NAMES
from filter.strip.lexicon import LEXICAL_NAMES, Lexicon
from filter.strip.textmodel import TEXT_NAMES, TextModel
from filter.strip.vocabulary import Numbered

MODEL_NAME = "block_classifier"
# Operating points, as trafilatura's favor_precision / favor_recall: "balanced" is the card's
# `threshold` / `threshold_html`, the others its `focus_thresholds` (training/blocks.py).
FOCUSES = ("precision", "balanced", "recall")
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
        lexicon: Lexicon | None = None,
        focus_thresholds: dict[str, dict[str, float]] | None = None,
        text_model: TextModel | None = None,
    ) -> None:
        self.booster = booster
        self.lexicon = lexicon
        self.text_model = text_model
        self._predictor: Any = None
        self.threshold = threshold
        self.threshold_html = threshold if threshold_html is None else threshold_html
        self.version = version
        self.focus = "balanced"
        self.focus_thresholds = {
            "balanced": {"text": self.threshold, "html": self.threshold_html},
            **(focus_thresholds or {}),
        }

    def focused(self, focus: str) -> BlockClassifier:
        """This model at another operating point of its card: "precision" removes more junk and
        loses more body, "recall" keeps more body and more junk, "balanced" is the default. The
        booster and its predictor are shared, not copied."""
        if focus not in FOCUSES:
            raise ValueError(f"unknown focus {focus!r}; choose one of {', '.join(FOCUSES)}")
        if focus == self.focus:
            return self
        if focus not in self.focus_thresholds:
            raise ModelFileError(
                f"model {self.version} has no {focus!r} thresholds on its card; "
                "retrain with `python -m training blocks`"
            )
        other = copy.copy(self)
        other.threshold = float(self.focus_thresholds[focus]["text"])
        other.threshold_html = float(self.focus_thresholds[focus]["html"])
        other.focus = focus
        return other

    def threshold_for(self, origin: str) -> float:
        """The decision threshold for text that came from `origin` ("text" or "html")."""
        return self.threshold_html if origin == "html" else self.threshold

    @property
    def feature_names(self) -> tuple[str, ...]:
        """The columns of a row: the hand features, then the lexicon's and the text model's
        (each when it has one)."""
        return columns_of(self.lexicon is not None, self.text_model is not None)

    def rows(
        self,
        features: np.ndarray,
        words: Sequence[list[str]],
        numbered: Numbered | None = None,
        sizes: Sequence[int] | None = None,
    ) -> np.ndarray:
        """The model's input rows for every block of a text: hand features (`features`), plus
        the lexicon's columns from each block's words as the features read them (`words`, and
        their vocabulary numbers `numbered` when known), which also look at each block's
        neighbours, and the text model's logits of the same words. `sizes`: the blocks are those
        of several texts, one after the other (features.numbered_block_features)."""
        parts = [features]
        if self.lexicon is not None:
            if numbered is None:
                parts.append(self.lexicon.columns_of_words(map(set, words), sizes))
            else:
                parts.append(self.lexicon.columns_of_blocks(words, numbered, sizes))
        if self.text_model is not None:
            parts.append(self.text_model.columns(words, sizes, numbered))
        return np.hstack(parts) if len(parts) > 1 else features

    @classmethod
    def from_directory(cls, directory: str | Path) -> BlockClassifier:
        booster, card = load_model(directory, MODEL_NAME)
        raw = load_companion(directory, card, "lexicon")
        lexicon = Lexicon.from_json(raw) if raw is not None else None
        raw_text = load_companion(directory, card, "text_model")
        text_model = TextModel.from_json(raw_text) if raw_text is not None else None
        expected = columns_of(lexicon is not None, text_model is not None)
        if list(card.get("feature_names", [])) != list(expected):
            raise ModelFileError(
                f"{directory}/{MODEL_NAME}: the model was trained on different block features "
                "than this code computes; retrain with `python -m training blocks`"
            )
        return cls(
            booster,
            float(card["threshold"]),
            str(card["sha256"])[:12],
            float(card.get("threshold_html", card["threshold"])),
            lexicon,
            card.get("focus_thresholds"),
            text_model,
        )

    def junk_probability(self, features: np.ndarray) -> np.ndarray:
        """P(junk) per row, one thread.

        Articles come one at a time with a handful of blocks each, so Booster.predict's own
        set-up (a new predictor and parameter checks per call, ~40 % of the time on a short
        article) is done once here and reused; the numbers are the same.
        """
        if len(features) == 0:
            return np.zeros(0)
        if self._predictor is None:
            self._predictor = False  # another LightGBM release: the public, slower path
            with contextlib.suppress(Exception):
                self._predictor = _InnerPredictor.from_booster(self.booster, {"num_threads": 1})
        if self._predictor is False:
            return self.booster.predict(features, num_threads=1)
        return self._predictor.predict(features)


def columns_of(lexicon: bool, text_model: bool) -> tuple[str, ...]:
    """A row's column names: hand features, then the lexicon's and the text model's if present."""
    return FEATURE_NAMES + (LEXICAL_NAMES if lexicon else ()) + (TEXT_NAMES if text_model else ())


@cache
def default_classifier() -> BlockClassifier:
    """The shipped model, loaded and verified once per process."""
    return BlockClassifier.from_directory(os.environ.get("CONTENT_FILTER_MODELS", DEFAULT_MODELS))
