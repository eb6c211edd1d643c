"""`benchmarks/strip_bench.py --models DIR`: a candidate block model is measured as it is (its
held-out figures only on request), and a directory that does not hold a sound one is refused
with a one-line error."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("CONTENT_FILTER_BENCH", ROOT.parent / "shared" / "bench"))


def _bench():
    path = ROOT / "benchmarks" / "strip_bench.py"
    spec = importlib.util.spec_from_file_location("strip_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _candidate(tmp_path: Path) -> Path:
    out = tmp_path / "candidate"
    out.mkdir()
    for path in (ROOT / "models").glob("block_classifier*"):
        shutil.copy(path, out / path.name)
    return out


def test_a_directory_without_a_block_model_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        _bench().main(["--bench", str(tmp_path), "--models", str(tmp_path)])
    assert stop.value.code == 2
    assert "block_classifier.card.json" in capsys.readouterr().err


def test_a_candidate_whose_model_file_was_altered_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    candidate = _candidate(tmp_path)
    model = candidate / "block_classifier.txt"
    model.write_text(model.read_text("utf-8").replace("shrinkage=", "shrinkage=1", 1), "utf-8")
    with pytest.raises(SystemExit) as stop:
        _bench().main(["--bench", str(tmp_path), "--models", str(candidate)])
    assert stop.value.code == 2
    assert "sha" in capsys.readouterr().err.lower()


def test_a_candidate_is_measured_and_named_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (BENCH / "scrapinghub").is_dir():
        pytest.skip(f"benchmark pages not found at {BENCH} (set CONTENT_FILTER_BENCH)")
    candidate = _candidate(tmp_path)
    argv = ["--bench", str(BENCH), "--limit", "2", "--json"]
    assert _bench().main([*argv, "--models", str(candidate)]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert measured["models"] == str(candidate)
    assert _bench().main(argv) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert shipped["models"] == "shipped"
    # a copy of the shipped files is the shipped model: the same figures
    for name in ("scrapinghub", "wcxb-articles"):
        assert measured[name]["ours"] == shipped[name]["ours"]
    assert measured["dev_lines"] == shipped["dev_lines"]
    # a candidate is judged on the development sets: its held-out figures only on request
    assert "heldout_lines" not in measured and "heldout_lines" in shipped
    assert _bench().main([*argv, "--models", str(candidate), "--show-heldout"]) == 0
    assert json.loads(capsys.readouterr().out)["heldout3_lines"] == shipped["heldout3_lines"]
