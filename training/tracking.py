"""MLflow plumbing shared by train, promote and export: tracking URI, experiment, git commit."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"
ROOT = Path(__file__).resolve().parent.parent


def tracking_uri() -> str:
    """MLFLOW_TRACKING_URI, or the embedded SQLite store in the working directory."""
    return os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI


def setup() -> None:
    import mlflow

    mlflow.set_tracking_uri(tracking_uri())


def artifact_location(uri: str) -> str | None:
    """Artifacts beside a SQLite store (`<dir>/mlartifacts`), never in the current directory."""
    if not uri.startswith("sqlite:///"):
        return None
    db = Path(uri[len("sqlite:///"):])  # sqlite:////abs/path keeps its leading slash here
    return (db.resolve().parent / "mlartifacts").as_uri()


def use_experiment(name: str) -> None:
    """Select `name`, creating it with artifacts beside the store when it is new."""
    import mlflow

    if os.environ.get("MLFLOW_RUN_ID"):  # inside `mlflow run`: the run already has its experiment
        return
    client = mlflow.MlflowClient()
    if client.get_experiment_by_name(name) is None:
        client.create_experiment(name, artifact_location=artifact_location(tracking_uri()))
    mlflow.set_experiment(name)


def git_commit(root: Path = ROOT) -> str:
    """The checked-out commit, read from .git without running git ("unknown" outside a repo)."""
    git = root / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        loose = git / ref
        if loose.exists():
            return loose.read_text().strip()
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    except OSError:
        pass
    return "unknown"
