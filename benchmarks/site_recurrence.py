"""Does a block that recurs on other pages of its site mark boilerplate? Measured on real pages.

    python benchmarks/site_recurrence.py --bench ../shared/bench [--min-pages 2]

CCNet and datatrove drop lines that repeat across a corpus, and trafilatura's `deduplicate`
drops text it has already seen; a stripper that gates a crawl could do the same per site. This
script measures the signal before anyone builds it. It strips every WCXB-dev page whose host has
at least `--min-pages` pages, labels each block by WCXB's ground truth (the share of its
shingles in `main_content`, with the same bounds the block model is trained with), and counts,
among the blocks the stripper *kept*, how many recur (same text once case, spacing and digits are
set aside) on one or more, and two or more, other pages of the same host, and how many of those
are junk or body. The same counts are printed for blocks above several P(junk) floors, which is
what a recurrence rule layered on the classifier would act on. Article pages are shown apart,
because the tool gates news. ScrapingHub has at most two pages per host and is not used.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from filter.strip import strip_document  # noqa: E402
from filter.types import Document  # noqa: E402
from training.blocks import wcxb_label  # noqa: E402
from training.blocks_data import Page, TruthIndex, iter_wcxb  # noqa: E402

FLOORS = (0.0, 0.2, 0.3, 0.4, 0.5)
_DIGITS = re.compile(r"\d+")


def normalised(text: str) -> str:
    """The key under which two blocks count as the same line: case, spacing and digits aside."""
    return _DIGITS.sub("0", " ".join(text.lower().split()))


def host_of(url: str | None) -> str:
    return urllib.parse.urlparse(url or "").netloc


def kept_blocks(pages: list[Page]) -> list[dict]:
    """Every kept block of `pages` (one host) with its label, P(junk), page type and how many
    other pages of the host hold the same line."""
    stripped = []
    for page in pages:
        doc = Document(id=page.id, source=page.url or page.id, text="", html=page.html)
        stripped.append((page, strip_document(doc)))
    pages_with: Counter[str] = Counter()
    for _, out in stripped:
        pages_with.update({normalised(b.text) for b in out.blocks})
    rows = []
    for page, out in stripped:
        truth = TruthIndex(page.truth)
        for block in out.blocks:
            if not block.keep:
                continue
            rows.append(
                {
                    "label": wcxb_label(truth.body_share(block.text)),
                    "p": block.probability,
                    "type": page.page_type,
                    "others": pages_with[normalised(block.text)] - 1,
                }
            )
    return rows


def table(rows: list[dict], title: str) -> None:
    kept = Counter(r["label"] for r in rows)
    print(f"\n{title}: {kept['junk']} junk and {kept['body']} body blocks kept; of them, those")
    print("that recur on other pages of their host (junk / body):")
    print("| P(junk) at least | on >= 1 other page | on >= 2 other pages |")
    print("|---|---|---|")
    for floor in FLOORS:
        cells = []
        for others in (1, 2):
            labels = Counter(
                r["label"]
                for r in rows
                if r["others"] >= others and r["p"] is not None and r["p"] >= floor
            )
            cells.append(f"{labels['junk']} / {labels['body']}")
        print(f"| {floor:.1f} | {cells[0]} | {cells[1]} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--min-pages", type=int, default=2, help="pages a host needs (all types)")
    args = parser.parse_args(argv)
    if not (args.bench / "wcxb-dev").is_dir():
        parser.error(f"no wcxb-dev under {args.bench}")
    by_host: dict[str, list[Page]] = defaultdict(list)
    for page in iter_wcxb(args.bench):
        host = host_of(page.url)
        if host:
            by_host[host].append(page)
    hosts = {h: ps for h, ps in by_host.items() if len(ps) >= args.min_pages}
    rows = [row for pages in hosts.values() for row in kept_blocks(pages)]
    articles = [r for r in rows if r["type"] == "article"]
    print(
        f"{len(hosts)} hosts with >= {args.min_pages} pages, {sum(map(len, hosts.values()))} "
        f"pages, {len(rows)} kept blocks ({len(articles)} on article pages)"
    )
    labels = Counter(r["label"] for r in rows)
    print(f"kept blocks: {labels['junk']} junk, {labels['body']} body, {labels[None]} ambiguous")
    table(articles, "Article pages")
    table(rows, "All page types")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
