"""The real `content-filter` command, run in child processes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import run_cli


def decisions(db: Path) -> list[tuple[str, str]]:
    return (
        sqlite3.connect(db)
        .execute("SELECT document_id, verdict FROM decisions ORDER BY document_id")
        .fetchall()
    )


def test_gate_seeds_records_five_decisions_and_prints_a_summary(
    tmp_path: Path, seeds_dir: Path
) -> None:
    db = tmp_path / "c.db"
    result = run_cli("gate", str(seeds_dir), "--corpus", str(db))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "gated 5 inputs" in out and "admit" in out
    assert len(decisions(db)) == 5


def test_gate_json_summary_and_rerun_is_idempotent(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "c.db"
    first = json.loads(run_cli("gate", str(seeds_dir), "--corpus", str(db), "--json").stdout)
    second = json.loads(run_cli("gate", str(seeds_dir), "--corpus", str(db), "--json").stdout)
    assert first["new_decisions"] == 5
    assert (second["new_decisions"], second["already_decided"]) == (0, 5)


def test_no_progress_bar_when_piped(tmp_path: Path, seeds_dir: Path) -> None:
    result = run_cli("gate", str(seeds_dir), "--corpus", str(tmp_path / "c.db"))
    assert b"\x1b[" not in result.stderr and b"\x1b[" not in result.stdout


def make_bad_inputs(d: Path) -> int:
    """Every kind of bad input, plus good records; returns how many inputs there are."""
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    (d / "undecodable.txt").write_bytes(bytes([0x81, 0x8D, 0x01, 0x9D, 0x02]) * 80)
    (d / "oversize.txt").write_text("too big " * 2000, "utf-8")
    (d / "good.txt").write_text("A fine article. " * 40, "utf-8")
    (d / "records.jsonl").write_text(
        '{"id": "g1", "text": "Good record one. It has words. More words here."}\n'
        '{"id": "broken", "text": \n'
        '{"id": "nofields", "title": "no body"}\n'
        '"just a string"\n'
        '{"id": "g2", "html": "<html><body><p>Second good record.</p></body></html>"}\n',
        "utf-8",
    )
    return 5 + 5


def test_bad_inputs_each_get_one_error_decision_and_exit_zero(tmp_path: Path) -> None:
    n = make_bad_inputs(tmp_path / "in")
    db = tmp_path / "c.db"
    result = run_cli(
        "gate", str(tmp_path / "in"), "--corpus", str(db), "--max-bytes", "10000", "--json"
    )
    assert result.returncode == 0, result.stderr
    rows = (
        sqlite3.connect(db)
        .execute(
            "SELECT d.source, x.verdict, json_extract(x.reasons, '$[0].kind') FROM decisions x "
            "JOIN documents d ON d.id = x.document_id"
        )
        .fetchall()
    )
    assert len(rows) == n
    by_source = {Path(s).name: (v, k) for s, v, k in rows}
    assert by_source["empty.txt"] == ("error", "input.empty")
    assert by_source["binary.bin"] == ("error", "input.binary")
    assert by_source["undecodable.txt"][0] == "error"
    assert by_source["oversize.txt"] == ("error", "input.too_large")
    assert by_source["records.jsonl:2"] == ("error", "input.bad_json")
    assert by_source["records.jsonl:3"] == ("error", "input.no_content")
    assert by_source["records.jsonl:4"] == ("error", "input.not_an_object")
    assert by_source["good.txt"][0] != "error"


def test_unknown_flag_is_a_usage_error_in_one_line(tmp_path: Path, seeds_dir: Path) -> None:
    result = run_cli("gate", str(seeds_dir), "--corpus", str(tmp_path / "c.db"), "--frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_missing_path_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    result = run_cli("gate", str(tmp_path / "nope"), "--corpus", str(tmp_path / "c.db"))
    assert result.returncode == 2
    [line] = result.stderr.decode().strip().splitlines()
    assert "no such file or directory" in line
    assert not (tmp_path / "c.db").exists()


def test_score_prints_one_json_object_per_input_in_order(seeds_dir: Path) -> None:
    paths = sorted(str(p) for p in seeds_dir.iterdir())
    result = run_cli("score", *reversed(paths))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == list(reversed(paths))
    assert set(records[0]) >= {"id", "source", "inconsistency", "spam", "decision", "reasons"}


def test_strip_one_input_prints_text_and_json_variant(seeds_dir: Path) -> None:
    seed = str(seeds_dir / "000_fb3cbaaa0f9b7c87.txt")
    plain = run_cli("strip", seed).stdout.decode()
    assert plain.startswith("Taliban on Thursday captured")
    as_json = json.loads(run_cli("strip", seed, "--json").stdout)
    assert set(as_json) == {"text", "removed"}
    assert as_json["removed"][0]["reason"]


def test_strip_several_inputs_prints_jsonl_in_order(seeds_dir: Path) -> None:
    paths = sorted(str(p) for p in seeds_dir.iterdir())[:3]
    lines = run_cli("strip", *paths).stdout.decode().splitlines()
    assert [json.loads(x)["source"] for x in lines] == paths


def test_strip_reads_stdin(tmp_path: Path) -> None:
    result = run_cli("strip", "-", input=b"Plain text from a pipe. It has two sentences.")
    assert result.stdout.decode().strip() == "Plain text from a pipe. It has two sentences."


def test_corpus_stats_show_export_and_label(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "c.db"
    run_cli("gate", str(seeds_dir), "--corpus", str(db))
    stats = json.loads(run_cli("corpus", "stats", "--corpus", str(db), "--json").stdout)
    assert stats["decisions"] == 5
    exported = (
        run_cli("corpus", "export", "--corpus", str(db), "--all").stdout.decode().splitlines()
    )
    assert len(exported) == 5
    first = json.loads(exported[0])
    shown = json.loads(run_cli("corpus", "show", first["id"][:12], "--corpus", str(db)).stdout)
    assert shown["id"] == first["id"] and shown["decisions"]
    labelled = run_cli("corpus", "label", first["id"], "reject", "--corpus", str(db))
    assert labelled.returncode == 0
    assert (
        json.loads(run_cli("corpus", "stats", "--corpus", str(db), "--json").stdout)["labels"] == 1
    )
    out = tmp_path / "admitted.parquet"
    assert (
        run_cli(
            "corpus", "export", "--corpus", str(db), "--format", "parquet", "-o", str(out)
        ).returncode
        == 0
    )
    assert pq.read_table(out).num_rows == stats["by_verdict"]["admit"]


def test_corpus_show_unknown_id_is_a_usage_error(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "c.db"
    run_cli("gate", str(seeds_dir), "--corpus", str(db))
    result = run_cli("corpus", "show", "nonexistent", "--corpus", str(db))
    assert result.returncode == 2


def test_python_dash_m_filter_and_console_script_agree(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    script = shutil.which("content-filter", path=str(Path(sys.executable).parent))
    assert script, "console script content-filter is not installed next to this python"
    result = subprocess.run([script, "--help"], capture_output=True, check=False)
    assert result.returncode == 0 and b"gate" in result.stdout


def test_progress_bar_on_a_terminal(tmp_path: Path, seeds_dir: Path) -> None:
    import os
    import pty
    import subprocess
    import sys
    import threading

    leader, follower = pty.openpty()
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "filter",
            "gate",
            str(seeds_dir),
            "--corpus",
            str(tmp_path / "c.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(leader)
    assert proc.returncode == 0
    assert b"gated 5 inputs" in seen  # the live progress line, drawn on the terminal
    assert b"\x1b[" in seen
    assert b"\x1b[" not in out  # the summary on stdout (a pipe) stays plain
