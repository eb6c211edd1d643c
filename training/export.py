"""Write a registered (or logged) model to `models/`: the files the shipped gate loads.

`python -m training export [--model URI] [--out models/]` downloads the run's `model/`
artifacts, verifies them with the same SHA-256-checked loader scoring uses, and copies them byte
for byte, so the shipped files are exactly what the MLflow run trained.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from filter.heads import HEADS, Heads, _model_directory
from filter.modelfile import model_paths
from training import tracking

ROOT_MODELS = Path(__file__).resolve().parent.parent / "models"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default="models:/content-filter@champion",
                   help="models:/NAME@alias, models:/NAME/VERSION or runs:/ID/model")
    p.add_argument("--out", type=Path, default=ROOT_MODELS)


def export(uri: str, out: Path) -> list[Path]:
    """Copy both heads' model files and cards from `uri` into `out`; return the paths written."""
    import mlflow

    tracking.setup()
    written = []
    with tempfile.TemporaryDirectory(prefix="content-filter-export-") as tmp:
        path = Path(mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=tmp))
        source = _model_directory(path)
        Heads.from_directory(source)  # verify before anything is written
        out.mkdir(parents=True, exist_ok=True)
        for head in HEADS:
            for file in model_paths(source, head):
                target = out / file.name
                shutil.copyfile(file, target)
                written.append(target)
    return written


def run(args: argparse.Namespace) -> int:
    for path in export(args.model, args.out):
        print(path)
    return 0
