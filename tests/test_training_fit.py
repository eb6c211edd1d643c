"""Grouped CV, thresholds for a precision, determinism, and labels from the corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from filter.corpus import Corpus, Outcome
from filter.strip import strip_document
from filter.types import Decision, Document
from training import fit
from training.dataset import from_corpus, labels_of
from training.train import add_arguments, load_training_set, train_heads


def test_grouped_folds_never_put_one_event_on_both_sides() -> None:
    groups = [f"event{i % 7}" for i in range(70)]
    for train, valid in fit.group_folds(groups, 5):
        assert not {groups[i] for i in train} & {groups[i] for i in valid}


def test_threshold_reaches_the_stated_precision() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    prob = np.clip(y * 0.4 + rng.random(400) * 0.6, 0, 1)
    chosen = fit.threshold_for_precision(prob, y, 0.95)
    assert chosen["reached"]
    assert y[prob >= chosen["threshold"]].mean() >= 0.95


def test_an_unreachable_precision_never_rejects() -> None:
    y = np.array([0, 1] * 50)
    prob = np.full(100, 0.5)
    assert fit.threshold_for_precision(prob, y, 0.95) == {
        "threshold": 1.0, "target_precision": 0.95, "reached": False}


def test_same_data_and_seed_give_identical_model_files(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--clusters", "2", "--folds", "2", "--rounds", "10"])
    for out in ("a", "b"):
        train_heads(load_training_set(args), args, tmp_path / out)
    for name in ("inconsistency.txt", "spam.txt", "inconsistency.card.json", "spam.card.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_verdicts_map_to_labels() -> None:
    assert labels_of("admit", None) == (0, 0)
    assert labels_of("reject", "contradicts the other reports") == (1, 0)
    assert labels_of("reject", "SEO spam") == (0, 1)
    assert labels_of("review", None) is None


def test_from_corpus_turns_a_persons_verdicts_into_examples(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    docs = [Document(id=f"d{i}", source=f"s{i}", text=f"Report number {i}. " * 30)
            for i in range(3)]
    with Corpus(db) as corpus:
        corpus.record([Outcome(d, strip_document(d),
                               Decision(d.id, d.source, "admit", (), "test")) for d in docs])
        corpus.label("d0", "reject", "wrong province")
        corpus.label("d1", "admit")
        corpus.label("d2", "review")
    examples = {e.id: e for e in from_corpus(str(db))}
    assert set(examples) == {"d0", "d1"}
    assert (examples["d0"].inconsistent, examples["d1"].inconsistent) == (1, 0)
    assert examples["d0"].group != examples["d1"].group
