"""Shared fixtures: the gazetteer, the shipped seeds, an isolated MLflow store, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from filter.gazetteer import Gazetteer, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The gazetteer (built on first use on this machine), shared by every test."""
    return load_gazetteer()


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed_texts() -> dict[str, str]:
    """Seed file stem prefix ('000'..'004') -> text."""
    return {p.name[:3]: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(autouse=True)
def _isolated_mlflow(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets a real MLflow tracking store in a temp dir, never ./mlflow.db."""
    store = tmp_path_factory.mktemp("mlflow")
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{store / 'mlflow.db'}")


def run_cli(
    *args: str, input: bytes | None = None, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[bytes]:
    """Run the real `content-filter` command in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "filter", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
