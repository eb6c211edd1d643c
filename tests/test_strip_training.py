"""`python -m training blocks`: one command trains, ships model + card, and logs an MLflow run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _train(
    out: Path, store: Path, bench: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLFLOW_TRACKING_URI": f"sqlite:///{store}"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "training",
            "blocks",
            "--limit",
            "4",
            "--variants",
            "2",
            "--workers",
            "1",
            "--bench",
            str(bench),
            "--out",
            str(out),
            "--experiment",
            "test-blocks",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


@pytest.fixture(scope="module")
def trained(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    bench = Path(os.environ.get("CONTENT_FILTER_BENCH", ROOT.parent / "shared" / "bench"))
    work = tmp_path_factory.mktemp("train")
    result = _train(work / "models", work / "mlflow.db", bench)
    return work, bench, result


def test_training_command_ships_a_verified_model_and_card(trained) -> None:
    work, _, result = trained
    assert result.returncode == 0, result.stderr[-2000:]
    from filter.strip.classifier import BlockClassifier

    model = BlockClassifier.from_directory(work / "models")
    card = json.loads((work / "models" / "block_classifier.card.json").read_text())
    assert 0 < model.threshold < 1 and card["training_command"].startswith(
        "python -m training blocks"
    )


def test_training_logs_an_mlflow_run_with_metrics_and_artifacts(trained) -> None:
    import mlflow

    work, _, result = trained
    assert result.returncode == 0, result.stderr[-2000:]
    mlflow.set_tracking_uri(f"sqlite:///{work / 'mlflow.db'}")
    runs = mlflow.search_runs(experiment_names=["test-blocks"], output_format="list")
    assert len(runs) == 1
    run = runs[0]
    assert "heldout_junk_removed" in run.data.metrics and "threshold" in run.data.params
    artifacts = {a.path for a in mlflow.MlflowClient().list_artifacts(run.info.run_id, "model")}
    assert artifacts == {
        "model/block_classifier.txt",
        "model/block_classifier.card.json",
        "model/block_classifier.lexicon.json",
        "model/block_classifier.textmodel.json",
    }


def test_retraining_reproduces_the_same_model_file(trained, tmp_path: Path) -> None:
    work, bench, first = trained
    assert first.returncode == 0
    again = _train(tmp_path / "models", tmp_path / "mlflow.db", bench)
    assert again.returncode == 0, again.stderr[-2000:]
    for name in ("block_classifier.txt", "block_classifier.lexicon.json"):
        assert (tmp_path / "models" / name).read_bytes() == (work / "models" / name).read_bytes()


def test_run_artifacts_are_stored_beside_the_tracking_database(trained) -> None:
    work, _, result = trained
    assert result.returncode == 0
    assert list((work / "mlartifacts").rglob("block_classifier.txt"))


def test_another_seed_is_another_draw_of_the_same_model(trained, tmp_path: Path) -> None:
    """--seed changes LightGBM's sampling only: same training rows, another booster, and the
    card says how to reproduce it."""
    work, bench, first = trained
    assert first.returncode == 0
    other = _train(tmp_path / "models", tmp_path / "mlflow.db", bench, "--seed", "7")
    assert other.returncode == 0, other.stderr[-2000:]
    cards = [
        json.loads((d / "block_classifier.card.json").read_text())
        for d in (work / "models", tmp_path / "models")
    ]
    assert cards[0]["training_data_sha256"] == cards[1]["training_data_sha256"]
    assert cards[1]["params"]["seed"] == 7 and cards[0]["params"]["seed"] != 7
    assert cards[1]["training_command"].endswith("--seed 7")
    assert "--seed" not in cards[0]["training_command"]
    assert (tmp_path / "models" / "block_classifier.txt").read_bytes() != (
        work / "models" / "block_classifier.txt"
    ).read_bytes()


def test_held_out_figures_reach_the_card_but_not_the_console(trained) -> None:
    """Whoever runs an experiment sees the development figures; the held-out ones are recorded
    (card, MLflow) but printed only with --show-heldout."""
    work, _, result = trained
    assert result.returncode == 0
    printed = json.loads(result.stdout[result.stdout.index("{") :])
    card = json.loads((work / "models" / "block_classifier.card.json").read_text())
    assert "dev_junk_removed" in printed and "heldout_junk_removed" in card["metrics"]
    assert not [k for k in printed if k.startswith("heldout")]
