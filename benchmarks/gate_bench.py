"""Gate N articles of a synthetic crawl: plumbing alone, the whole gate, and time per stage.

    python benchmarks/gate_bench.py --n 2000 [--repeat 5] [--score]

The crawl recombines real report paragraphs into events spread over a year (benchmarks/crawl.py),
so context lookup sees what it sees in a real crawl. "Plumbing" is reading JSONL plus writing
documents and decisions to the corpus, with no stripping or scoring: it must never be what limits
the gate (goal: >= 2,000 articles/s). The whole gate is `filter.job.gate` with the shipped heads
(rules only when `models/` has none). The stage breakdown runs the same batches again, calling
each stage directly with a timer around it; the library itself carries no timers. Wall time is
printed beside CPU time (time.process_time), which other jobs on a shared machine do not inflate.
`--score` also times what issue 5's speed goal names, full scoring with context on a 2,000-article
batch: `content-filter score`'s one `Pipeline.process` call over the whole crawl, no corpus.
`--reference` times trafilatura alone on the same articles, each rendered as a plain HTML page
(title in <h1>, paragraphs in <p>), and prints the gate's and score's rates as multiples of it:
hosts of the same nominal size differed by 1.6x between sessions, and a ratio to another
library's pure-CPU work on the same text travels between machines better than articles/s.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Measure this checkout's code, whatever `filter` an installed environment would import.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawl import write_crawl  # noqa: E402

from filter.analysis import Analysis, Prepared  # noqa: E402
from filter.corpus import Corpus, Outcome  # noqa: E402
from filter.job import batched, gate  # noqa: E402
from filter.pipeline import Pipeline, shipped_heads  # noqa: E402
from filter.read import iter_inputs  # noqa: E402
from filter.types import Decision, Document, InputError, Reason  # noqa: E402

STAGES = (
    "strip",
    "claims",
    "signature",
    "context index",
    "context lookup",
    "evidence",
    "features",
    "model + gate",
    "corpus write",
)


class Clock:
    """Wall and CPU seconds per stage, summed over the run."""

    def __init__(self) -> None:
        self.wall: Counter[str] = Counter()
        self.cpu: Counter[str] = Counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        w, c = time.perf_counter(), time.process_time()
        yield
        self.wall[name] += time.perf_counter() - w
        self.cpu[name] += time.process_time() - c


def plumbing(records: Path, db: Path, batch_size: int) -> float:
    start = time.perf_counter()
    n = 0
    with Corpus(db) as corpus:
        for batch in batched(iter_inputs([str(records)]), batch_size):
            outcomes = []
            for item in batch:
                reasons = () if isinstance(item, Document) else (Reason(item.kind, item.message),)
                verdict = "error" if isinstance(item, InputError) else "admit"
                outcomes.append(
                    Outcome(item, None, Decision(item.id, item.source, verdict, reasons, "bench"))
                )
            corpus.record(outcomes)
            n += len(batch)
    return n / (time.perf_counter() - start)


def whole_gate(records: Path, db: Path, batch_size: int) -> tuple[float, float, dict]:
    """(articles/s wall, articles/s CPU, summary) of `filter.job.gate`."""
    pipeline = Pipeline(heads=shipped_heads())
    w, c = time.perf_counter(), time.process_time()
    with Corpus(db) as corpus:
        summary = gate(iter_inputs([str(records)]), corpus, pipeline, batch_size=batch_size)
    wall, cpu = time.perf_counter() - w, time.process_time() - c
    return summary.inputs / wall, summary.inputs / cpu, summary.to_dict()


def score_batch(records: Path) -> tuple[float, float, Counter[str]]:
    """(articles/s wall, articles/s CPU, verdicts) of `content-filter score` on the whole crawl:
    read, then one `Pipeline.process` call over every article as one batch (each article's
    context is the rest of the batch), no corpus. Issue 5's speed goal is stated for this."""
    pipeline = Pipeline(heads=shipped_heads())
    w, c = time.perf_counter(), time.process_time()
    items = list(iter_inputs([str(records)]))
    outcomes = pipeline.process(items)
    wall, cpu = time.perf_counter() - w, time.process_time() - c
    return len(items) / wall, len(items) / cpu, Counter(o.decision.verdict for o in outcomes)


def page_of(record: dict) -> str:
    """A crawl record as the plain page a site would serve: title, then one <p> per paragraph."""
    paras = "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in record["text"].split("\n\n") if p.strip()
    )
    title = html.escape(record.get("title") or "")
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paras}</article></body></html>"
    )


def trafilatura_alone(records: Path) -> float:
    """Articles/s CPU of `trafilatura.extract` on every crawl article rendered as a page: the
    machine's reference, work of the same size per article that none of our code touches."""
    import trafilatura

    with records.open(encoding="utf-8") as fh:
        pages = [page_of(json.loads(line)) for line in fh]
    trafilatura.extract(pages[0])  # first-use loading outside the timer, as the gate's warm-up
    c = time.process_time()
    for page in pages:
        trafilatura.extract(page, include_comments=False)
    return len(pages) / (time.process_time() - c)


def staged(records: Path, db: Path, batch_size: int) -> tuple[Clock, Counter[str], int]:
    """The steps of `Pipeline.process` + `Corpus.record`, each stage timed on its own."""
    pipeline = Pipeline(heads=shipped_heads())
    analyzer = pipeline._analyzer()
    clock, verdicts, n = Clock(), Counter[str](), 0
    with Corpus(db) as corpus:
        run_id = corpus.start_run("bench", pipeline.model_version)
        for batch in batched(iter_inputs([str(records)]), batch_size):
            docs = [d for d in batch if isinstance(d, Document)]
            n += len(batch)
            with clock.stage("strip"):
                # As Pipeline.process does: one classifier call for the batch's blocks.
                stripped = analyzer.strip_many(docs)
                assert not any(isinstance(s, Exception) for s in stripped)
            with clock.stage("claims"):
                claims = [analyzer.claims_of(s) for s in stripped]
            with clock.stage("signature"):
                prepared = [
                    Prepared(s, c, analyzer.sign(s, c))
                    for s, c in zip(stripped, claims, strict=True)
                ]
            pool = {p.id: p for p in prepared}
            with clock.stage("context index"):
                index = analyzer.index(prepared, corpus)
            analyses: dict[int, Analysis] = {}
            for i, p in enumerate(prepared):
                with clock.stage("context lookup"):
                    context, reports = analyzer.context_of(p, index, pool, corpus)
                with clock.stage("evidence"):
                    evidence, resolved = analyzer.evidence_of(p, context, reports)
                with clock.stage("features"):
                    analyses[i] = analyzer.features_of(p, context, evidence, resolved)
            with clock.stage("model + gate"):
                decided = pipeline._decide(docs, analyses, index)
                outcomes = [decided[i] for i in range(len(docs))]
            with clock.stage("corpus write"):
                corpus.record(outcomes, run_id)
            verdicts.update(o.decision.verdict for o in outcomes)
    return clock, verdicts, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to generate")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-stages", action="store_true", help="no per-stage breakdown")
    parser.add_argument(
        "--score",
        action="store_true",
        help="also time `content-filter score` on the whole crawl as one batch (no corpus), "
        "as many times as --repeat",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="whole-gate runs, each on a new corpus; prints every run, the best and the median "
        "(a shared machine's speed drifts by a third from minute to minute)",
    )
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also time trafilatura alone on the same articles as plain HTML pages (best of "
        "--repeat) and print the gate's and score's rates as multiples of it",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "articles.jsonl"
        write_crawl(records, args.n, args.seed)
        size_mb = records.stat().st_size / 1e6
        rate = plumbing(records, Path(tmp) / "plumbing.db", args.batch_size)
        print(f"articles: {args.n} ({size_mb:.1f} MB JSONL), batches of {args.batch_size}")
        print(f"plumbing (read + corpus write): {rate:,.0f} articles/s")
        runs = [
            whole_gate(records, Path(tmp) / f"gate{k}.db", args.batch_size)
            for k in range(max(args.repeat, 1))
        ]
        wall_rate, cpu_rate, summary = max(runs, key=lambda run: run[1])
        print(
            f"whole gate (read, strip, claims, context, evidence, features, model, corpus): "
            f"{wall_rate:,.1f} articles/s wall, {cpu_rate:,.1f} articles/s CPU"
            + (" (best run)" if len(runs) > 1 else "")
        )
        if len(runs) > 1:
            rates = [run[1] for run in runs]
            listed = ", ".join(f"{r:.1f}" for r in rates)
            median = statistics.median(rates)
            print(f"  {len(runs)} runs, articles/s CPU: {listed}; median {median:.1f}")
            if any(run[2]["by_verdict"] != summary["by_verdict"] for run in runs):
                print("  verdicts DIFFER between runs")
        print(f"  ratio plumbing/whole gate: {rate / wall_rate:.1f}x")
        print(f"  verdicts: {summary['by_verdict']}")
        gate_median = statistics.median(run[1] for run in runs)
        score_median = None
        if args.score:
            scored = [score_batch(records) for _ in range(max(args.repeat, 1))]
            rates = [run[1] for run in scored]
            score_median = statistics.median(rates)
            print(
                f"score, one batch of {args.n}, no corpus: "
                f"{max(run[0] for run in scored):,.1f} articles/s wall, "
                f"{max(rates):,.1f} articles/s CPU (best); "
                f"median {score_median:.1f} CPU; verdicts {dict(scored[0][2])}"
            )
        if args.reference:
            reference = max(trafilatura_alone(records) for _ in range(max(args.repeat, 1)))
            print(
                f"trafilatura alone, the same articles as plain pages: {reference:,.1f} "
                f"articles/s CPU (best); gate median = {gate_median / reference:.2f}x it"
                + (f", score median = {score_median / reference:.2f}x it" if score_median else "")
            )
        if args.skip_stages:
            return
        clock, verdicts, n = staged(records, Path(tmp) / "staged.db", args.batch_size)
        print("per stage, ms/article (wall / CPU):")
        for name in STAGES:
            wall, cpu = 1000 * clock.wall[name] / n, 1000 * clock.cpu[name] / n
            print(f"  {name:<15} {wall:7.2f} / {cpu:7.2f}")
        wall, cpu = sum(clock.wall.values()), sum(clock.cpu.values())
        print(f"  {'total':<15} {1000 * wall / n:7.2f} / {1000 * cpu / n:7.2f}")
        same = "same" if verdicts == Counter(summary["by_verdict"]) else "DIFFERENT"
        print(f"  staged verdicts: {dict(verdicts)} ({same} as the whole gate)")


if __name__ == "__main__":
    main()
