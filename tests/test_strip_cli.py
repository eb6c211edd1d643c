"""`content-filter strip`: clean text, or JSON with every removed block and its reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.conftest import run_cli

ARTICLE = (
    "Harbour workers unloaded the first cargo at the new container terminal on Monday, "
    "months after construction delays pushed back the opening.\n\n"
    "Advertisement\n\n"
    "The terminal can handle two large ships at once, the port authority said in a statement.\n\n"
    "(With inputs from agencies)\n"
)
PAGE = """<!DOCTYPE html><html><head><title>Terminal opens after delays</title>
<meta property="og:title" content="Terminal opens after delays">
<meta property="article:published_time" content="2023-05-02T09:00:00Z">
<link rel="canonical" href="https://news.example.org/port/terminal-opens"></head>
<body><article><h1>Terminal opens after delays</h1>
<p>Harbour workers unloaded the first cargo at the new container terminal on Monday, months after
construction delays pushed back the opening of the long-awaited facility on the east quay.</p>
<p>The terminal can handle two large ships at once, the port authority said in a statement, and
it expects traffic to double within five years as shipping lines move their routes.</p>
<p>Officials said the project cost less than planned despite the delays, because steel prices
fell during the second year of construction and the contractor finished the cranes early.</p>
<p>Related: Ten ways to save on heating this winter</p>
</article></body></html>"""


def test_one_text_input_prints_the_clean_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    out = run_cli("strip", str(path))
    assert out.returncode == 0
    assert out.stdout.decode().splitlines() == [
        ARTICLE.split("\n\n")[0],
        "",
        "The terminal can handle two large ships at once, the port authority said in a statement.",
    ]


def test_json_lists_every_removed_block_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    record = json.loads(run_cli("strip", "--json", str(path)).stdout)
    assert set(record) == {"text", "removed"}
    assert record["removed"] == [
        {"text": "Advertisement", "reason": "marker:advertisement"},
        {"text": "(With inputs from agencies)", "reason": "marker:agency_trailer"},
    ]


def test_several_inputs_print_one_json_line_each_in_input_order(tmp_path: Path) -> None:
    paths = []
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, "utf-8")
        paths.append(str(tmp_path / name))
    lines = run_cli("strip", *paths).stdout.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == paths
    assert all(set(r) == {"source", "text", "removed"} for r in records)


def test_jsonl_with_one_input_still_prints_a_json_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    record = json.loads(run_cli("strip", "--jsonl", str(path)).stdout)
    assert record["source"] == str(path)


def test_gzipped_html_is_read_and_extracted(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    record = json.loads(run_cli("strip", "--json", str(path)).stdout)
    assert "two large ships at once" in record["text"]
    assert {
        "text": "Related: Ten ways to save on heating this winter",
        "reason": "marker:related_link",
    } in record["removed"]


def test_html_without_an_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(PAGE, "utf-8")
    text = run_cli("strip", str(path)).stdout.decode()
    assert "<p>" not in text and "two large ships at once" in text
