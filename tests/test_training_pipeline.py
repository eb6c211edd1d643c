"""train → register → promote → load `models:/NAME@champion` → predict, and export, end to end.

One small training run (two events, two folds, few rounds) in a real MLflow SQLite store in a
temp directory, shared by the tests of this module; each test points MLFLOW_TRACKING_URI at it.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from filter.analysis import featurize
from filter.heads import Heads
from filter.modelfile import ModelFileError
from training.__main__ import main
from training.events import load_reports

NAME = "cf-test"
QUICK = ["--clusters", "2", "--folds", "2", "--rounds", "20"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("trained")
    uri = f"sqlite:///{root / 'mlflow.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MLFLOW_TRACKING_URI", uri)
        assert main(["train", *QUICK, "--register", NAME, "--out", str(root / "models")]) == 0
    return SimpleNamespace(uri=uri, models=root / "models", root=root)


@pytest.fixture
def store(trained: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    monkeypatch.setenv("MLFLOW_TRACKING_URI", trained.uri)
    return trained


def _features() -> list[dict[str, float]]:
    reports = load_reports(clusters=[r.cluster for r in load_reports()][:1])
    docs = [r.document for r in reports]
    return featurize(docs[:2], docs)


def test_train_logs_one_run_with_metrics_params_and_artifacts(store: SimpleNamespace) -> None:
    import mlflow

    [run] = mlflow.search_runs(experiment_names=["content-filter"], output_format="list")
    assert "inconsistency.roc_auc" in run.data.metrics
    assert "inconsistency.ablation_style_only.roc_auc" in run.data.metrics
    assert "spam.fpr_preserving_at_review" in run.data.metrics
    assert len(run.data.params["data_hash"]) == 64 and "lgb.seed" in run.data.params
    names = {a.path for a in mlflow.MlflowClient().list_artifacts(run.info.run_id)}
    assert {"model", "pr_curve_inconsistency.png", "feature_importance_spam.png",
            "confusion_inconsistency.json"} <= names


def test_promoted_champion_loads_and_predicts_probabilities(store: SimpleNamespace) -> None:
    assert main(["promote", NAME, "1", "--alias", "champion"]) == 0
    heads = Heads.load(f"models:/{NAME}@champion")
    scores = heads.predict(_features())
    assert len(scores) == 2
    assert all(0.0 < s.inconsistency < 1.0 and 0.0 < s.spam < 1.0 for s in scores)
    assert heads.version.startswith("inconsistency@")


def test_version_and_run_uris_load_the_same_models(store: SimpleNamespace) -> None:
    import mlflow

    [run] = mlflow.search_runs(experiment_names=["content-filter"], output_format="list")
    by_version = Heads.load(f"models:/{NAME}/1")
    by_run = Heads.load(f"runs:/{run.info.run_id}/model")
    assert by_version.version == by_run.version == Heads.load(store.models).version


def test_export_reproduces_the_trained_files_byte_for_byte(store: SimpleNamespace,
                                                           tmp_path: Path) -> None:
    assert main(["export", "--model", f"models:/{NAME}/1", "--out", str(tmp_path)]) == 0
    for name in ("inconsistency.txt", "inconsistency.card.json", "spam.txt", "spam.card.json"):
        assert (tmp_path / name).read_bytes() == (store.models / name).read_bytes(), name


def test_card_holds_thresholds_calibration_and_the_training_command(
        store: SimpleNamespace) -> None:
    card = json.loads((store.models / "inconsistency.card.json").read_text())
    assert 0.0 <= card["thresholds"]["review"] <= card["thresholds"]["reject"] <= 1.0
    assert card["calibration"]["method"] == "platt"
    assert card["training_command"].startswith("python -m training train")
    assert len(card["sha256"]) == 64 and len(card["data_hash"]) == 64


def test_an_unknown_uri_is_a_clear_error(store: SimpleNamespace) -> None:
    with pytest.raises(ModelFileError, match="cannot fetch"):
        Heads.load(f"models:/{NAME}@no-such-alias")


def test_score_cli_uses_the_champion_from_the_registry(store: SimpleNamespace,
                                                      seeds_dir: Path) -> None:
    from tests.conftest import run_cli

    assert main(["promote", NAME, "1", "--alias", "champion"]) == 0
    seeds = sorted(str(p) for p in seeds_dir.iterdir())
    result = run_cli("score", *seeds, "--model", f"models:/{NAME}@champion")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 5
    assert all(0.0 < r["inconsistency"] < 1.0 and 0.0 < r["spam"] < 1.0 for r in records)
    assert {r["model_version"] for r in records} == {Heads.load(store.models).version}


def test_gate_cli_with_an_unknown_alias_fails_clearly(store: SimpleNamespace, seeds_dir: Path,
                                                      tmp_path: Path) -> None:
    from tests.conftest import run_cli

    result = run_cli("gate", str(seeds_dir), "--corpus", str(tmp_path / "c.db"),
                     "--model", f"models:/{NAME}@nobody")
    assert result.returncode == 1
    assert "cannot fetch" in result.stderr.decode()
