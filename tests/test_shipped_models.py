"""The shipped models are exactly what the training command produces from the repository.

Models are data, not code: `models/` must be reproducible from `training/data/` by the command
recorded in each card, through the scoring code of this very commit. Any change to features,
evidence or training data that changes the model fails here until `train` + `export` are re-run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filter.heads import HEADS
from training.__main__ import main

MODELS = Path(__file__).resolve().parent.parent / "models"


@pytest.mark.slow
def test_training_reproduces_the_shipped_heads_byte_for_byte(tmp_path: Path) -> None:
    card = json.loads((MODELS / "inconsistency.card.json").read_text("utf-8"))
    args = card["training_command"].split()[4:]  # after "python -m training train"
    assert main(["train", *args, "--out", str(tmp_path)]) == 0
    for head in HEADS:
        for suffix in (".txt", ".card.json"):
            shipped = (MODELS / f"{head}{suffix}").read_bytes()
            assert (tmp_path / f"{head}{suffix}").read_bytes() == shipped, f"{head}{suffix}"


def test_shipped_cards_name_their_files_hash_and_thresholds() -> None:
    import hashlib

    for head in HEADS:
        card = json.loads((MODELS / f"{head}.card.json").read_text("utf-8"))
        booster = (MODELS / f"{head}.txt").read_bytes()
        assert card["sha256"] == hashlib.sha256(booster).hexdigest()
        assert 0.0 < card["thresholds"]["review"] <= card["thresholds"]["reject"] <= 1.0
        assert card["feature_names"] and len(card["data_hash"]) == 64
