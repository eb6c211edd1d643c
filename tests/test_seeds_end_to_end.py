"""The main job on the shipped defaults: the five seeds gated with the shipped models.

A regression check of the whole flow, not a target: the seeds are never training data.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli


def test_shipped_models_flag_the_spun_rewrite_and_admit_the_honest_reports(
    tmp_path: Path, seeds_dir: Path
) -> None:
    db = tmp_path / "c.db"
    result = run_cli("gate", str(seeds_dir), "--corpus", str(db))
    assert result.returncode == 0, result.stderr.decode()
    rows = sqlite3.connect(db).execute(
        "SELECT d.source, x.verdict, x.inconsistency, x.spam, x.reasons, x.model_version"
        " FROM decisions x JOIN documents d ON d.id = x.document_id ORDER BY d.source"
    ).fetchall()
    verdicts = {Path(s).name[:3]: v for s, v, *_ in rows}
    scores = {Path(s).name[:3]: i for s, _, i, *_ in rows}
    assert verdicts["004"] != "admit"
    assert all(verdicts[k] == "admit" for k in ("000", "001", "002", "003"))
    assert max(scores, key=scores.get) == "004"
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    reasons_004 = json.loads(rows[4][4])
    assert any(r["kind"].startswith("inconsistency.") for r in reasons_004)
    assert all(r[5].startswith("inconsistency@") for r in rows)
    assert "not admitted" in result.stdout.decode() and "004_" in result.stdout.decode()


def test_score_explains_the_rewrite_with_the_other_reports_sentences(seeds_dir: Path) -> None:
    seeds = sorted(str(p) for p in seeds_dir.iterdir())
    result = run_cli("score", *seeds)
    assert result.returncode == 0, result.stderr.decode()
    records = {Path(r["source"]).name[:3]: r for r in map(json.loads, result.stdout.splitlines())}
    evidence = [e for r in records["004"]["reasons"] for e in r["evidence"] if "basis" in e]
    assert any(e["basis"] == "cross_source" and e["relation"] == "conflicts" for e in evidence)
    assert all(not records[k]["reasons"] for k in ("000", "001", "002", "003"))
