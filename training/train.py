"""Train the inconsistency and spam heads and log one MLflow run.

`python -m training train [--experiment E] [--register NAME] [--from-corpus DB]` builds the data
set through the scoring code (training.dataset), fits both heads with grouped CV, calibration and
precision-based thresholds (training.fit), runs the style-only ablation, and logs parameters,
metrics and artifacts (both models with their cards, PR curves, feature importance, confusion
matrices). With --register the run's `model/` directory becomes a new registered model version.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from filter.features import (
    CLAIM_KINDS,
    EVIDENCE_FEATURES,
    FEATURE_NAMES,
    FEATURE_SET_VERSION,
    STYLE_FEATURES,
    vector,
)
from filter.heads import HEADS
from filter.modelfile import save_model
from training import corruptions, dataset, events, fit, tracking
from training.evaluate import confusion, figures, head_metrics, ranking
from training.spam_variants import SPAM_ONLY_OPERATORS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--experiment", default="content-filter", help="MLflow experiment name")
    p.add_argument("--register", metavar="NAME", help="register the run's model under NAME")
    p.add_argument("--from-corpus", metavar="DB", action="append", default=[],
                   help="add a person's labels from this corpus (repeatable)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--rounds", type=int, default=fit.DEFAULT_ROUNDS)
    p.add_argument("--review-precision", type=float, default=fit.REVIEW_PRECISION)
    p.add_argument("--reject-precision", type=float, default=fit.REJECT_PRECISION)
    p.add_argument("--events-dir", type=Path, default=events.EVENTS_DIR)
    p.add_argument("--spam-dir", type=Path, default=events.SPAM_DIR)
    p.add_argument("--clusters", type=int, metavar="N",
                   help="train on the first N event clusters only (quick runs, tests)")
    p.add_argument("--holdout", type=Path, metavar="DIR",
                   help="also score labelled clusters never trained on (e.g. tests/data/clusters)")
    p.add_argument("--out", type=Path, metavar="DIR", help="also write the models to DIR")


@dataclass
class TrainingSet:
    examples: list[dataset.Example]
    data_hash: str
    x: np.ndarray
    groups: list[str]
    operators: list[str]

    def labels(self, head: str) -> np.ndarray:
        key = "inconsistent" if head == "inconsistency" else "spam"
        return np.array([getattr(e, key) for e in self.examples], dtype=np.int64)

    def used_by(self, head: str) -> np.ndarray:
        """Which examples a head trains on: boilerplate-injected renderings exist for the spam
        head only (their facts are untouched, and as negatives they would let the
        inconsistency head learn "junk means consistent")."""
        spam_only = set(SPAM_ONLY_OPERATORS)
        keep = [head == "spam" or e.operator not in spam_only for e in self.examples]
        return np.array(keep, dtype=bool)

    def subset(self, mask: np.ndarray) -> TrainingSet:
        kept = [e for e, k in zip(self.examples, mask, strict=True) if k]
        return TrainingSet(kept, self.data_hash, self.x[mask], [e.group for e in kept],
                           [e.operator for e in kept])


def load_training_set(args: argparse.Namespace) -> TrainingSet:
    names = events.cluster_names(args.events_dir)
    wanted = names[: args.clusters] if args.clusters else names
    reports = events.load_reports(args.events_dir, args.spam_dir, wanted)
    examples = dataset.build(reports, args.seed)
    for db in args.from_corpus:
        examples.extend(dataset.from_corpus(db))
    files = [p for d in (args.events_dir, args.spam_dir) for p in sorted(d.glob("*.jsonl"))
             if p.stem in set(wanted)]
    labelled = [f"{e.id}:{e.inconsistent}:{e.spam}" for e in examples
                if e.operator == dataset.LABELLED]
    data_hash = events.data_hash(
        [*files, corruptions.SYNONYMS],
        [f"features={FEATURE_SET_VERSION}", f"seed={args.seed}", *labelled],
    )
    x = np.array([vector(e.features) for e in examples], dtype=np.float64)
    return TrainingSet(examples, data_hash, x, [e.group for e in examples],
                       [e.operator for e in examples])


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this training (recorded in every card)."""
    parts = ["python -m training train", f"--seed {args.seed}", f"--folds {args.folds}",
             f"--rounds {args.rounds}"]
    if args.clusters:
        parts.append(f"--clusters {args.clusters}")
    parts += [f"--from-corpus {db}" for db in args.from_corpus]
    return " ".join(parts)


def _columns(names: Sequence[str]) -> list[int]:
    index = {n: i for i, n in enumerate(FEATURE_NAMES)}
    return [index[n] for n in names]


def head_features(head: str) -> list[str]:
    """The features a head may use: rates and shares, never raw sizes.

    In the training set a report's size predicts its labels without saying anything about
    them: a longer report has more claims a corruption can edit, and a heavy junk rendering has
    more removed blocks than a light one. So neither head sees word, sentence or claim counts.
    Spam is a matter of style: its head sees the style features. The inconsistency head sees the
    evidence only (the ablation reports what style alone would do).
    """
    sizes = {f"claims_{kind}" for kind in CLAIM_KINDS} | {
        "claims_total", "q_word_count", "q_sentence_count", "q_stopword_count", "removed_blocks",
    }
    group = STYLE_FEATURES if head == "spam" else EVIDENCE_FEATURES
    return [n for n in group if n not in sizes]


def train_heads(ts: TrainingSet, args: argparse.Namespace, out_dir: Path) -> dict[str, Any]:
    """Fit both heads, write model files and cards to out_dir; return metrics and figures."""
    params = fit.params_for(args.seed)
    style = _columns(STYLE_FEATURES)
    report: dict[str, Any] = {"metrics": {}, "figures": {}, "confusion": {}, "heads": {}}
    full = ts
    for head in HEADS:
        ts = full.subset(full.used_by(head))
        y = ts.labels(head)
        names = head_features(head)
        fitted = fit.fit_head(head, ts.x[:, _columns(names)], y, ts.groups, names, params,
                              args.rounds, args.folds, args.review_precision,
                              args.reject_precision)
        metrics = head_metrics(y, fitted.oof_probability, ts.operators, fitted.thresholds)
        # Ablation: the same CV with style features only. If style alone separates the
        # classes of the inconsistency head, the training data is wrong.
        style_margin = fit.oof_margins(ts.x[:, style], y, ts.groups, list(STYLE_FEATURES),
                                       params, args.rounds, args.folds)
        for key, value in ranking(y, style_margin).items():
            metrics[f"ablation_style_only.{key}"] = value
        card = {
            "head": head,
            "feature_set_version": FEATURE_SET_VERSION,
            "feature_names": names,
            "evidence_features": list(EVIDENCE_FEATURES),
            "calibration": fitted.calibration,
            "thresholds": fitted.thresholds,
            "data_hash": ts.data_hash,
            "metrics": metrics,
            "params": params,
            "num_boost_round": args.rounds,
            "training_command": command_line(args),
        }
        save_model(fitted.booster, out_dir, head, card)
        report["metrics"][head] = metrics
        report["confusion"][head] = confusion(y, fitted.oof_probability, fitted.thresholds)
        report["figures"].update(figures(head, y, fitted.oof_probability, fitted.booster,
                                         fitted.thresholds))
        report["heads"][head] = fitted
    return report


def holdout_metrics(directory: Path, model_dir: Path) -> dict[str, Any]:
    """Inconsistency ranking on labelled clusters the model never saw (new events, outlets)."""
    from filter.analysis import featurize
    from filter.heads import Heads

    heads = Heads.from_directory(model_dir)
    rows, labels = [], []
    for path in sorted(directory.glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        reports = [events.report_of(r) for r in records]
        for r, report in zip(records, reports, strict=True):
            mates = [m.document for m in reports if m.id != report.id]
            rows.append(featurize([report.document], mates)[0])
            labels.append(int(r.get("label") == "corrupted"))
    prob = np.array([s.inconsistency for s in heads.predict(rows)])
    return {f"holdout.{k}": v for k, v in ranking(np.array(labels), prob).items()} | {
        "holdout.examples": len(labels), "holdout.positives": int(sum(labels))}


def _flat_params(args: argparse.Namespace, ts: TrainingSet) -> dict[str, Any]:
    params = {f"lgb.{k}": v for k, v in fit.params_for(args.seed).items()}
    return {
        **params,
        "num_boost_round": args.rounds, "folds": args.folds, "seed": args.seed,
        "review_precision": args.review_precision, "reject_precision": args.reject_precision,
        "calibration": "platt", "data_hash": ts.data_hash,
        "feature_set_version": FEATURE_SET_VERSION, "n_features": len(FEATURE_NAMES),
        "n_evidence_features": len(EVIDENCE_FEATURES), "n_style_features": len(STYLE_FEATURES),
        "git_commit": tracking.git_commit(), "clusters": args.clusters or "all",
        "from_corpus": ",".join(args.from_corpus) or "none", "examples": len(ts.examples),
        "training_command": command_line(args),
    }


def _numeric(metrics: dict[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in metrics.items()
            if isinstance(v, int | float) and not isinstance(v, bool) and np.isfinite(v)}


def register(name: str, run_id: str) -> str:
    """A new version of registered model `name` whose source is this run's `model/`."""
    import mlflow
    from mlflow.exceptions import MlflowException

    client = mlflow.MlflowClient()
    try:
        client.get_registered_model(name)
    except MlflowException:
        client.create_registered_model(name, description="content-filter heads "
                                       "(inconsistency + spam): LightGBM text + JSON cards")
    version = client.create_model_version(name, source=f"runs:/{run_id}/model", run_id=run_id)
    return str(version.version)


def run(args: argparse.Namespace) -> int:
    import mlflow

    started = time.monotonic()
    tracking.setup()
    ts = load_training_set(args)
    tracking.use_experiment(args.experiment)
    with tempfile.TemporaryDirectory(prefix="content-filter-train-") as tmp:
        model_dir = Path(tmp) / "model"
        report = train_heads(ts, args, model_dir)
        with mlflow.start_run() as active:
            run_id = active.info.run_id
            mlflow.log_params(_flat_params(args, ts))
            for head, metrics in report["metrics"].items():
                mlflow.log_metrics({f"{head}.{k}": v for k, v in _numeric(metrics).items()})
                mlflow.log_dict(report["confusion"][head], f"confusion_{head}.json")
            if args.holdout:
                mlflow.log_metrics(_numeric(holdout_metrics(args.holdout, model_dir)))
            for name, fig in report["figures"].items():
                mlflow.log_figure(fig, name)
            mlflow.log_dict(report["metrics"], "metrics.json")
            mlflow.log_artifacts(str(model_dir), "model")
            mlflow.log_metric("training_seconds", round(time.monotonic() - started, 2))
        version = register(args.register, run_id) if args.register else None
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            for path in sorted(model_dir.iterdir()):
                shutil.copyfile(path, args.out / path.name)
    summary = {"run_id": run_id, "model_uri": f"runs:/{run_id}/model",
               "registered": {"name": args.register, "version": version} if version else None,
               "data_hash": ts.data_hash, "examples": len(ts.examples),
               "metrics": {h: {k: m[k] for k in ("roc_auc", "pr_auc",
                                                 "ablation_style_only.roc_auc")}
                           for h, m in report["metrics"].items()}}
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
