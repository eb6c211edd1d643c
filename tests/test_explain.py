"""`content-filter explain`: readable claims and evidence for one article."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_explain_prints_claims_and_the_gazetteer_conflict(seeds_dir: Path) -> None:
    seed = next(seeds_dir.glob("004_*.txt"))
    result = run_cli("explain", str(seed))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "located_in" in out and "CONFLICT (gazetteer" in out and "Helmand" in out


def test_explain_uses_context_to_settle_epithets(seeds_dir: Path) -> None:
    seed = next(seeds_dir.glob("004_*.txt"))
    context = next(seeds_dir.glob("002_*.txt"))
    out = run_cli("explain", str(seed), "--context", str(context)).stdout.decode("utf-8")
    assert "largest#2#city#AF" in out and "given two agents" in out


def test_explain_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli("explain", str(tmp_path / "nope.txt")).returncode == 2
