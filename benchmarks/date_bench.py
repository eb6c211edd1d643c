"""Publication dates from HTML: the HTML path's date against WCXB's ground truth.

    python benchmarks/date_bench.py --bench ../shared/bench

The HTML path reads the date with `filter.strip.html.publication_date` (htmldate's `find_date`,
`extensive_search=False`). This prints, on every WCXB-dev page whose ground truth has a
`publish_date` (and, separately, on the pages whose truth has none), how often that date is
right, wrong or missing, next to htmldate's extensive search, with the CPU time of each per page.
A wrong date matters more than a missing one: the gate matches reports of an event within a date
window, and an undated article is matched by content alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from htmldate import find_date
from trafilatura import metadata
from trafilatura.utils import load_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from filter.strip.html import clean_markup, publication_date  # noqa: E402
from training.blocks_data import DEFAULT_BENCH  # noqa: E402

Finder = Callable[[object, str | None], str | None]

FINDERS: dict[str, Finder] = {
    "shipped (filter.strip.html.publication_date)": publication_date,
    "htmldate extensive_search=True": lambda tree, url: find_date(
        tree, url=url, extensive_search=True, original_date=True
    ),
}


def pages(bench: Path) -> Iterator[tuple[str, str | None, str | None]]:
    """(html, url, truth date or None) of every WCXB-dev page."""
    root = bench / "wcxb-dev"
    for gt_path in sorted((root / "ground-truth").glob("*.json")):
        record = json.loads(gt_path.read_text("utf-8"))
        raw = gzip.decompress((root / "html" / f"{gt_path.stem}.html.gz").read_bytes())
        truth = (record.get("ground_truth") or {}).get("publish_date")
        yield raw.decode("utf-8", "replace"), record.get("url"), truth[:10] if truth else None


def score(finder: Finder, items: list[tuple[object, str | None, str | None]]) -> dict:
    counts: Counter[str] = Counter()
    seconds = 0.0
    for tree, url, truth in items:
        t0 = time.process_time()
        found = finder(tree, url)
        seconds += time.process_time() - t0
        found = found[:10] if found else None
        if truth is None:
            counts["no truth: a date given" if found else "no truth: none given"] += 1
        elif found is None:
            counts["missing"] += 1
        else:
            counts["right" if found == truth else "wrong"] += 1
    return {"ms_per_page": 1000 * seconds / max(len(items), 1), **dict(sorted(counts.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    args = parser.parse_args(argv)
    if not (args.bench / "wcxb-dev").is_dir():
        print(f"no WCXB data at {args.bench}", file=sys.stderr)
        return 2
    items = []
    for html, url, truth in pages(args.bench):
        tree = load_html(clean_markup(html))
        if tree is not None:
            items.append((tree, metadata.extract_url(tree, url) or url, truth))
    dated = sum(1 for _, _, truth in items if truth)
    print(f"WCXB-dev: {len(items)} pages, {dated} with a ground-truth publish_date")
    for name, finder in FINDERS.items():
        print(f"  {name}: {json.dumps(score(finder, items))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
