"""The block model's operating points: --favor-precision / --favor-recall, as trafilatura's.

Each is a pair of thresholds (plain text, trafilatura output) chosen at training time on the
same out-of-fold predictions as the default and written to the model card.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from filter.modelfile import ModelFileError
from filter.strip import strip_text
from filter.strip.classifier import FOCUSES, BlockClassifier, default_classifier
from tests.conftest import run_cli
from training.blocks import choose_threshold, dev_examples, focus_thresholds


def _removed(texts: list[str], model: BlockClassifier) -> list[set[int]]:
    return [{b.start for b in strip_text(t, model)[1] if not b.keep} for t in texts]


def test_the_shipped_card_orders_its_operating_points() -> None:
    model = default_classifier()
    points = model.focus_thresholds
    assert set(points) == set(FOCUSES)
    for kind in ("text", "html"):
        assert points["precision"][kind] <= points["balanced"][kind] <= points["recall"][kind]
    assert points["balanced"] == {"text": model.threshold, "html": model.threshold_html}
    assert points["precision"] != points["recall"]


def test_a_focused_model_shares_the_booster_and_takes_the_cards_thresholds() -> None:
    model = default_classifier()
    recall = model.focused("recall")
    assert recall.booster is model.booster and recall.lexicon is model.lexicon
    assert (recall.threshold, recall.threshold_html) == (
        model.focus_thresholds["recall"]["text"],
        model.focus_thresholds["recall"]["html"],
    )
    assert recall.threshold_for("html") == recall.threshold_html
    assert model.threshold == model.focus_thresholds["balanced"]["text"]  # the original stays
    assert recall.focused("balanced").threshold == model.threshold
    assert model.focused("balanced") is model


def test_unknown_or_missing_operating_points_are_clear_errors() -> None:
    model = default_classifier()
    with pytest.raises(ValueError, match="unknown focus"):
        model.focused("aggressive")
    bare = BlockClassifier(
        model.booster, 0.6, "old-card", 0.8, model.lexicon, text_model=model.text_model
    )
    with pytest.raises(ModelFileError, match="no 'recall' thresholds"):
        bare.focused("recall")


def test_removals_are_nested_from_precision_to_recall() -> None:
    texts = [ex.text for ex in dev_examples(3)]
    model = default_classifier()
    precision, balanced, recall = (
        _removed(texts, model.focused(f)) for f in ("precision", "balanced", "recall")
    )
    for p, b, r in zip(precision, balanced, recall, strict=True):
        assert r <= b <= p
    assert sum(map(len, precision)) > sum(map(len, balanced)) > sum(map(len, recall))


def test_a_smaller_beta_never_lowers_the_threshold() -> None:
    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 4000)
    p = np.clip(0.35 * y + rng.normal(0.35, 0.2, 4000), 0, 1)
    w = np.ones(4000)
    chosen = [choose_threshold(y, p, w, beta) for beta in (1.0, 0.5, 0.25)]
    assert chosen == sorted(chosen) and chosen[0] < chosen[-1]


def test_focus_thresholds_come_from_each_kind_of_row() -> None:
    rng = np.random.default_rng(11)
    y = rng.integers(0, 2, 6000)
    p = np.clip(0.4 * y + rng.normal(0.3, 0.2, 6000), 0, 1)
    is_synth = np.arange(6000) < 3000
    points = focus_thresholds(y, p, np.ones(6000), is_synth)
    assert set(points) == {"precision", "recall"}
    assert points["precision"]["text"] < points["recall"]["text"]
    assert points["precision"]["html"] < points["recall"]["html"]
    text_only = focus_thresholds(y[is_synth], p[is_synth], np.ones(3000), is_synth[is_synth])
    assert all(pair["html"] == pair["text"] for pair in text_only.values())


def test_cli_favor_flags_remove_more_or_less(tmp_path: Path) -> None:
    paths = []
    for k, ex in enumerate(dev_examples(3)[:24]):
        path = tmp_path / f"{k:02d}.txt"
        path.write_text(ex.text, "utf-8")
        paths.append(str(path))
    counts = {}
    for flag in ("--favor-precision", None, "--favor-recall"):
        out = run_cli("strip", "--jsonl", *([flag] if flag else []), *paths)
        assert out.returncode == 0, out.stderr
        records = [json.loads(line) for line in out.stdout.decode().splitlines()]
        assert [r["source"] for r in records] == paths
        counts[flag] = sum(len(r["removed"]) for r in records)
    assert counts["--favor-precision"] > counts[None] > counts["--favor-recall"]


def test_cli_refuses_both_favor_flags(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text that would be kept.\n", "utf-8")
    out = run_cli("strip", "--favor-precision", "--favor-recall", str(path))
    assert out.returncode == 2
    assert b"not allowed with argument" in out.stderr
