"""Loading heads: SHA-256-verified files, feature-set version checked, calibrated output."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest

from filter.features import FEATURE_NAMES
from filter.heads import Heads, calibrate
from filter.modelfile import ModelFileError
from training.train import add_arguments, load_training_set, train_heads


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--clusters", "2", "--folds", "2", "--rounds", "10"])
    out = tmp_path_factory.mktemp("heads")
    train_heads(load_training_set(args), args, out)
    return out


def _copy(src: Path, dst: Path) -> Path:
    dst.mkdir()
    for p in src.iterdir():
        (dst / p.name).write_bytes(p.read_bytes())
    return dst


def test_heads_load_from_a_directory_with_card_thresholds(model_dir: Path) -> None:
    heads = Heads.load(model_dir)
    card = json.loads((model_dir / "spam.card.json").read_text())
    assert heads.thresholds.spam_reject == card["thresholds"]["reject"]


def test_a_changed_model_file_is_refused(model_dir: Path, tmp_path: Path) -> None:
    copy = _copy(model_dir, tmp_path / "m")
    path = copy / "spam.txt"
    path.write_text(path.read_text().replace("num_leaves", "num_leaves ", 1))
    with pytest.raises(ModelFileError, match="does not match its card"):
        Heads.load(copy)


def test_a_model_for_another_feature_set_is_refused(model_dir: Path, tmp_path: Path) -> None:
    copy = _copy(model_dir, tmp_path / "m")
    card_path = copy / "inconsistency.card.json"
    card = json.loads(card_path.read_text())
    card_path.write_text(json.dumps({**card, "feature_set_version": "0"}))
    with pytest.raises(ModelFileError, match="feature set"):
        Heads.load(copy)


def test_contributions_name_every_feature_the_head_uses(model_dir: Path) -> None:
    heads = Heads.load(model_dir)
    row = dict.fromkeys(FEATURE_NAMES, 0.0)
    contrib = heads.contributions([row])
    for name, head in heads.heads.items():
        assert set(contrib[name][0]) == set(head.feature_names)
        assert set(head.feature_names) <= set(FEATURE_NAMES)


def test_calibration_is_monotonic_and_strictly_inside_0_1() -> None:
    p = calibrate(np.array([-50.0, -1.0, 0.0, 1.0, 5.0]), {"method": "platt", "a": 1.5, "b": -0.2})
    assert np.all(np.diff(p) > 0) and p[0] > 0.0 and p[-1] < 1.0


def test_contributions_are_computed_only_for_rows_that_reach_review(model_dir: Path) -> None:
    heads = Heads.load(model_dir)
    rows = [dict.fromkeys(FEATURE_NAMES, float(i)) for i in range(4)]
    scores = heads.predict(rows)
    everything = heads.contributions(rows)
    t = heads.thresholds
    picked = heads.contributions_at_least(rows, scores, t)
    for name in ("inconsistency", "spam"):
        review = getattr(t, f"{name}_review")
        expected = {i for i, s in enumerate(scores) if getattr(s, name) >= review}
        assert set(picked[name]) == expected
        # a row's contributions do not depend on which other rows are in the call
        assert all(picked[name][i] == everything[name][i] for i in expected)
