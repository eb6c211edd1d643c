"""Boilerplate-stripping benchmark: ours against trafilatura alone, in the same run.

    python benchmarks/strip_bench.py --bench ../shared/bench

Prints (1) the ScrapingHub score (4-token shingles, method in ../shared/bench/README.md) on
ScrapingHub and on WCXB-dev article pages (all, and the evaluation split that training never
reads), for trafilatura alone (`include_comments=False`, the best plain setting) and for our
HTML path; (2) the held-out synthetic line figures (junk lines removed, body lines kept; only
the totals: which lines are missed is never printed, so nobody tunes rules to them), and the same
figures on the development sets (training/data/blocks/dev_v5 and dev_v6, whose misses may be
read); (3) speed: text-path articles per second and ms per article in one process (held-out
renderings, and the synthetic crawl the gate benchmark strips), and our HTML time over
trafilatura's.
The line figures are also printed with the classifier switched off (rules alone), which says
how much of the body lost is the rules' doing. `--focus precision|recall` measures the block
model's other operating points (strip's --favor-precision / --favor-recall); speed is measured
at the default one. `--models DIR` measures a block model that `python -m training blocks --out
DIR` wrote, before it replaces the shipped one (its held-out figures only with --show-heldout).
Times are CPU time of this process (time.process_time), so other jobs on a shared machine do not
distort them; one process, one thread (LightGBM predicts with num_threads=1).
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from filter.modelfile import ModelFileError  # noqa: E402
from filter.strip import strip_document  # noqa: E402
from filter.strip.classifier import FOCUSES, BlockClassifier, default_classifier  # noqa: E402
from filter.strip.core import strip_text  # noqa: E402
from filter.types import Document  # noqa: E402
from training.blocks import (  # noqa: E402
    dev6_examples,
    dev_examples,
    heldout3_examples,
    heldout_examples,
)
from training.blocks_data import iter_scrapinghub, iter_wcxb, shingles, wcxb_split  # noqa: E402
from training.blocks_eval import line_figures  # noqa: E402


def page_counts(truth: str, pred: str) -> tuple[int, int, int]:
    t, p = shingles(truth), shingles(pred)
    tp = sum(min(n, t[k]) for k, n in p.items() if k in t)
    fp = sum(max(n - t.get(k, 0), 0) for k, n in p.items())
    fn = sum(max(n - p.get(k, 0), 0) for k, n in t.items())
    return tp, fp, fn


def corpus_score(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    """Mean page precision and recall (ScrapingHub's rules), and their F1."""
    precisions, recalls = [], []
    for tp, fp, fn in counts:
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        elif fn == 0:
            precisions.append(1.0)
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "pages": len(counts),
    }


def baseline(html: str, url: str | None) -> str:
    return trafilatura.extract(html, url=url, include_comments=False) or ""


def run_pages(name: str, pages: list, classifier: BlockClassifier | None = None) -> dict:
    ours_counts, base_counts, ours_t, base_t = [], [], [], []
    split_ours, split_base = [], []
    for page in pages:
        t0 = time.process_time()
        base = baseline(page.html, page.url)
        t1 = time.process_time()
        ours = strip_document(
            Document(id=page.id, source=page.url or page.id, text="", html=page.html), classifier
        ).text
        t2 = time.process_time()
        base_t.append(t1 - t0)
        ours_t.append(t2 - t1)
        b, o = page_counts(page.truth, base), page_counts(page.truth, ours)
        base_counts.append(b)
        ours_counts.append(o)
        if name == "wcxb-articles" and wcxb_split(page.id) == "eval":
            split_base.append(b)
            split_ours.append(o)
    result = {
        "trafilatura": corpus_score(base_counts),
        "ours": corpus_score(ours_counts),
        "trafilatura_seconds": sum(base_t),
        "ours_seconds": sum(ours_t),
        "time_ratio": sum(ours_t) / sum(base_t) if sum(base_t) else 0.0,
        "median_ms": {
            "trafilatura": 1000 * statistics.median(base_t),
            "ours": 1000 * statistics.median(ours_t),
        },
    }
    if split_ours:
        result["eval_split"] = {
            "trafilatura": corpus_score(split_base),
            "ours": corpus_score(split_ours),
        }
    return result


def text_speed(texts: list[str], rounds: int = 3) -> float:
    """Articles per second through the text path, one process, model already loaded."""
    strip_text(texts[0])
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for text in texts:
            strip_text(text)
        best = min(best, time.process_time() - t0)
    return len(texts) / best


def crawl_ms_per_article(n: int = 500) -> float:
    """CPU ms per article of `strip_document` on the synthetic crawl that gate_bench.py gates
    (plain text, as the gate's "strip" stage sees it), best of three rounds."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from crawl import articles

    docs = [
        Document(id=r["id"], source=r.get("url") or r["id"], text=r["text"])
        for r in articles(n, 0)
    ]
    strip_document(docs[0])
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for doc in docs:
            strip_document(doc)
        best = min(best, time.process_time() - t0)
    return 1000 * best / len(docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--limit", type=int, default=None, help="pages per set (quick look)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--focus",
        choices=FOCUSES,
        default="balanced",
        help="the block model's operating point (strip --favor-precision / --favor-recall)",
    )
    parser.add_argument(
        "--models",
        type=Path,
        default=None,
        help="a block model written by `python -m training blocks --out DIR` (default: the "
        "shipped one), so a candidate is measured before it replaces models/",
    )
    parser.add_argument(
        "--show-heldout",
        action="store_true",
        help="with --models: print the held-out figures too (always printed for the shipped model)",
    )
    args = parser.parse_args(argv)
    try:
        base = BlockClassifier.from_directory(args.models) if args.models else default_classifier()
    except ModelFileError as exc:
        parser.error(str(exc))
    model = base.focused(args.focus)

    report: dict = {"focus": args.focus, "models": str(args.models) if args.models else "shipped"}
    report["scrapinghub"] = run_pages(
        "scrapinghub", list(iter_scrapinghub(args.bench, args.limit)), model
    )
    report["wcxb-articles"] = run_pages(
        "wcxb-articles", list(iter_wcxb(args.bench, page_type="article", limit=args.limit)), model
    )
    examples = heldout_examples()
    # A candidate's held-out figures are shown only on request, as `training blocks` does: an
    # experiment is judged on the development sets, not on the sets nobody tunes to.
    show_heldout = args.models is None or args.show_heldout
    line_sets = (
        {"heldout_lines": examples, "heldout3_lines": heldout3_examples()} if show_heldout else {}
    )
    line_sets |= {"dev_lines": dev_examples(), "dev6_lines": dev6_examples()}
    # The same sets with a classifier that never removes: what the rules alone remove and lose.
    # A copy, so every part of the model (lexicon, text model, …) comes along.
    rules_only = copy.copy(model)
    rules_only.threshold = rules_only.threshold_html = 2.0
    report["rules_only"] = {}
    for key, texts in line_sets.items():
        figures, alone = line_figures(texts, model), line_figures(texts, rules_only)
        report[key] = {
            "junk_lines": figures.junk_lines,
            "junk_removed": figures.junk_removed_rate,
            "body_lines": figures.body_lines,
            "body_kept": figures.body_kept_rate,
        }
        report["rules_only"][key] = {
            "junk_removed": alone.junk_removed_rate,
            "body_lost": alone.body_lines - alone.body_kept,
            "body_kept": alone.body_kept_rate,
        }
    report["text_articles_per_second"] = text_speed([ex.text for ex in examples])
    report["crawl_ms_per_article"] = crawl_ms_per_article()

    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    source = f" (block model from {args.models})" if args.models else ""
    print(f"operating point: {args.focus}{source}")
    for name in ("scrapinghub", "wcxb-articles"):
        r = report[name]
        print(f"{name} ({r['ours']['pages']} pages)")
        for who in ("trafilatura", "ours"):
            s = r[who]
            print(
                f"  {who:<12} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                f"  median {r['median_ms'][who]:.1f} ms/page"
            )
        if "eval_split" in r:
            e = r["eval_split"]
            print(
                f"  eval split ({e['ours']['pages']} pages never seen in training): "
                f"trafilatura F1 {e['trafilatura']['f1']:.3f}, ours F1 {e['ours']['f1']:.3f}"
            )
        print(f"  HTML time ours/trafilatura: {r['time_ratio']:.2f}x")
    for key, label in (
        ("heldout_lines", "held-out (v2)"),
        ("heldout3_lines", "held-out (v3)"),
        ("dev_lines", "development (v5)"),
        ("dev6_lines", "development (v6)"),
    ):
        if key not in report:
            print(f"{label} text set: not shown for a candidate model (--show-heldout)")
            continue
        h, r = report[key], report["rules_only"][key]
        print(
            f"{label} text set: junk lines removed {h['junk_removed']:.1%} of {h['junk_lines']}, "
            f"body lines kept {h['body_kept']:.1%} of {h['body_lines']}; rules alone: "
            f"{r['junk_removed']:.1%} removed, {r['body_lost']} body lines lost"
        )
    rate = report["text_articles_per_second"]
    print(f"text path: {rate:.0f} articles/s ({1000 / rate:.2f} ms/article, one process)")
    print(
        f"text path on the gate benchmark's crawl: {report['crawl_ms_per_article']:.2f} ms/article"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
