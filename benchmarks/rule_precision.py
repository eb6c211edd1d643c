"""How often each strip rule is right: its removals that were junk, and the body it took.

    python benchmarks/rule_precision.py --bench ../shared/bench [--limit N]

Marker and structural rules remove blocks before the classifier sees them, so a rule that is too
broad loses body with no probability to tune. This prints, per reason (`marker:<name>`,
`rule:section_label`, `dateline`), how many removed blocks were junk and how many were body on:
- WCXB-dev article pages, training split only (our HTML path's output, labelled by `main_content`
  shingle share exactly as training labels them: body >= 0.7, junk <= 0.3, the rest ambiguous);
- the synthetic training material (every training article file rendered with every training junk
  file, as `python -m training blocks` renders it);
- the development sets (dev_v5, dev_v6), whose misses may be read.
The held-out sets (WCXB eval split, ScrapingHub, training/data/blocks/heldout_v2/ and
heldout_v3/) are never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from filter.strip.html import extract_html  # noqa: E402
from filter.strip.rules import apply_rules  # noqa: E402
from training import blocks_synth as synth  # noqa: E402
from training.blocks import (  # noqa: E402
    dev6_examples,
    dev_examples,
    training_examples,
    wcxb_label,
)
from training.blocks_data import TruthIndex, iter_wcxb  # noqa: E402

Tally = dict[str, Counter[str]]


def _reason(reason: str | None) -> str:
    return (reason or "?").split(" ")[0]


def wcxb_tally(bench: Path, limit: int | None) -> Tally:
    tally: Tally = {}
    for page in iter_wcxb(bench, split="train", page_type="article", limit=limit):
        ruled = apply_rules(extract_html(page.html, page.url).text)
        index = TruthIndex(page.truth)
        for block, decided in zip(ruled.blocks, ruled.decided, strict=True):
            if not decided or block.keep:
                continue
            label = wcxb_label(index.body_share(block.text)) or "ambiguous"
            tally.setdefault(_reason(block.reason), Counter())[label] += 1
    return tally


def synthetic_tally(variants: int) -> Tally:
    return examples_tally(ex for _, _, ex in training_examples(variants))


def examples_tally(examples: Iterable[synth.Example]) -> Tally:
    tally: Tally = {}
    for ex in examples:
        ruled = apply_rules(ex.text)
        labels = synth.label_blocks(ex, [(b.start, b.end) for b in ruled.blocks])
        for block, decided, is_junk in zip(ruled.blocks, ruled.decided, labels, strict=True):
            if decided and not block.keep:
                label = "junk" if is_junk else "body"
                tally.setdefault(_reason(block.reason), Counter())[label] += 1
    return tally


def show(title: str, tally: Tally) -> None:
    print(title)
    print(f"  {'reason':<34} {'junk':>6} {'body':>6} {'ambig.':>6} {'precision':>9}")
    total: Counter[str] = Counter()
    for reason, c in sorted(tally.items(), key=lambda kv: -kv[1]["body"]):
        total.update(c)
        decided = c["junk"] + c["body"]
        precision = c["junk"] / decided if decided else 1.0
        print(f"  {reason:<34} {c['junk']:>6} {c['body']:>6} {c['ambiguous']:>6} {precision:>9.3f}")
    decided = total["junk"] + total["body"]
    print(
        f"  {'all rules':<34} {total['junk']:>6} {total['body']:>6} {total['ambiguous']:>6} "
        f"{(total['junk'] / decided if decided else 1.0):>9.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--limit", type=int, default=None, help="WCXB pages (quick look)")
    parser.add_argument("--variants", type=int, default=4, help="renderings per article")
    args = parser.parse_args(argv)
    if args.bench.is_dir():
        show(
            "WCXB-dev articles, training split (our HTML path's output)",
            wcxb_tally(args.bench, args.limit),
        )
    else:
        print(f"skipped WCXB: no benchmark data at {args.bench}")
    show("synthetic training material", synthetic_tally(args.variants))
    show("development sets (dev_v5 + dev_v6)", examples_tally([*dev_examples(), *dev6_examples()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
