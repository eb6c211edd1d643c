"""`explain` with context shows the cross-source findings: other sentences, ids, voice counts."""

from __future__ import annotations

from pathlib import Path

from filter.explain import explain
from filter.read import read_file


def test_explain_shows_cross_source_conflicts_with_their_sources(seeds_dir: Path) -> None:
    doc, *context = (next(iter(read_file(p))) for p in
                     [next(seeds_dir.glob("004_*.txt")),
                      *sorted(p for p in seeds_dir.glob("*.txt") if not p.name.startswith("004"))])
    out = explain(doc, context)
    assert "context: 4 reports, 4 independent voices" in out
    line = next(ln for ln in out.splitlines()
                if "CONFLICT (cross_source" in ln and "event conflict" in ln)
    assert "3 against / 0 for" in line and context[2].id in line


def test_explain_without_context_has_no_cross_source_findings(seeds_dir: Path) -> None:
    doc = next(iter(read_file(next(seeds_dir.glob("004_*.txt")))))
    assert "cross_source" not in explain(doc)
