"""Shared fixtures: the shipped seeds, the shared bench data (skipped when absent), the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_BENCH = Path(os.environ.get("CONTENT_FILTER_BENCH", ROOT.parent / "shared" / "bench"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed_texts() -> dict[str, str]:
    """Seed file stem prefix ('000'..'004') -> text."""
    return {p.name[:3]: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def shared_bench() -> Path:
    if not SHARED_BENCH.is_dir():
        pytest.skip(f"shared bench data not found at {SHARED_BENCH} (set CONTENT_FILTER_BENCH)")
    return SHARED_BENCH


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
