"""Model files: LightGBM text plus a JSON card, refused when the bytes do not match the card."""

from __future__ import annotations

import json
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pytest

from filter.modelfile import ModelFileError, load_model, save_model
from filter.strip.classifier import DEFAULT_MODELS, BlockClassifier
from filter.strip.features import FEATURE_NAMES
from filter.strip.lexicon import LEXICAL_NAMES
from filter.strip.textmodel import TEXT_NAMES


def _tiny_booster() -> lgb.Booster:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (X[:, 0] > 0).astype(float)
    params = {
        "objective": "binary",
        "verbosity": -1,
        "num_threads": 1,
        "deterministic": True,
        "seed": 1,
    }
    return lgb.train(params, lgb.Dataset(X, y, feature_name=["a", "b", "c"]), num_boost_round=5)


def test_saved_model_loads_back_with_its_card(tmp_path: Path) -> None:
    card = save_model(
        _tiny_booster(), tmp_path, "head", {"feature_names": ["a", "b", "c"], "threshold": 0.5}
    )
    booster, loaded = load_model(tmp_path, "head")
    assert loaded["sha256"] == card["sha256"] and booster.num_trees() == 5


def test_tampered_model_file_is_refused(tmp_path: Path) -> None:
    save_model(_tiny_booster(), tmp_path, "head", {"threshold": 0.5})
    path = tmp_path / "head.txt"
    path.write_text(path.read_text() + "\n", "utf-8")
    with pytest.raises(ModelFileError, match="does not match its card"):
        load_model(tmp_path, "head")


def test_missing_card_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="card not found"):
        load_model(tmp_path, "nothing")


def test_shipped_block_classifier_verifies_and_matches_the_feature_code() -> None:
    card = json.loads((DEFAULT_MODELS / "block_classifier.card.json").read_text("utf-8"))
    assert card["feature_names"] == list(FEATURE_NAMES + LEXICAL_NAMES + TEXT_NAMES)
    for key in (
        "threshold",
        "threshold_html",
        "training_data_sha256",
        "metrics",
        "training_command",
        "sha256",
    ):
        assert key in card
    model = BlockClassifier.from_directory(DEFAULT_MODELS)
    assert model.threshold == card["threshold"]


def test_shipped_model_is_text_not_pickle() -> None:
    head = (DEFAULT_MODELS / "block_classifier.txt").read_bytes()[:4]
    assert head == b"tree"


def test_reused_predictor_gives_the_booster_s_own_numbers() -> None:
    model = BlockClassifier.from_directory(DEFAULT_MODELS)
    X = np.random.default_rng(3).normal(size=(40, len(model.feature_names))).astype(np.float32)
    first = model.junk_probability(X)
    again = model.junk_probability(X[:7])
    assert np.allclose(first, model.booster.predict(X, num_threads=1))
    assert np.allclose(again, first[:7])
