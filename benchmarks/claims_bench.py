"""Claim extraction quality against the hand-annotated gold, and claims+evidence throughput.

    python benchmarks/claims_bench.py [--gold tests/data/claims_gold.jsonl] [--repeat 3] [--build]

Quality: per claim kind, precision and recall of (kind, key slots) matched as multisets per
gold record; a record scores only the kinds it was annotated for. Throughput: extract_claims
plus gazetteer and within-article evidence, one process, over the ScrapingHub article bodies in
../shared/bench (181 real news articles) when present, else the seeds. `--build` also times a
cold gazetteer build (what a first run on a fresh machine, or CI, pays once) in a scratch dir.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filter.claims import CLAIM_KINDS, extract_claims  # noqa: E402
from filter.evidence import article_evidence  # noqa: E402
from filter.gazetteer import load_gazetteer  # noqa: E402
from filter.gazetteer.fold import fold  # noqa: E402


def _f(s: object) -> object:
    return fold(str(s)).strip() if s is not None else None


def gold_key(c: dict) -> tuple:
    k = c["kind"]
    if k == "place":
        return (k, _f(c["name"]))
    if k == "actor":
        return (k, c["actor"])
    if k == "event":
        return (k, c["agent"], c["action"], _f(c["target"]))
    if k == "located_in":
        return (k, _f(c["place"]), _f(c["region"]))
    if k == "capital":
        return (k, c["country"], _f(c["place"]))
    if k == "epithet":
        return (k, c["rank"], c["attribute"], _f(c["place"]))
    if k == "role":
        return (k, _f(c["person"]), c["role"])
    if k == "distance":
        return (k, _f(c["from"]), _f(c["to"]), round(float(c["km"])))
    if k == "quantity":
        return (k, round(float(c["value"]), 3), c["unit"], c.get("counts"))
    if k == "time":
        return (k, c.get("weekday"), c.get("date"))
    raise ValueError(k)


def claim_key(kind: str, s: dict) -> tuple:
    if kind == "event":
        target = s["target_epithet"] if s.get("target_id") is None and s.get(
            "target_epithet") else s["target"]
        return (kind, s["agent"], s["action"], _f(target))
    if kind == "quantity":
        return (kind, round(float(s["value"]), 3), s["unit"], s.get("counts"))
    if kind == "place":
        return (kind, _f(s["name"]))
    return gold_key({"kind": kind, **s})


def quality(gold_path: Path) -> dict[str, dict[str, float]]:
    g = load_gazetteer()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[str] = []
    for line in gold_path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        text = rec.get("text") or (ROOT / rec["path"]).read_text("utf-8")
        published = date.fromisoformat(rec["published"]) if rec.get("published") else None
        kinds = CLAIM_KINDS if rec["kinds"] == "all" else rec["kinds"]
        pred = Counter(claim_key(c.kind, dict(c.slots)) for c in
                       extract_claims(text, published, rec["id"], g) if c.kind in kinds)
        gold = Counter(gold_key(c) for c in rec["claims"] if c["kind"] in kinds)
        for key in pred | gold:
            t = min(pred[key], gold[key])
            tp[key[0]] += t
            fp[key[0]] += pred[key] - t
            fn[key[0]] += gold[key] - t
            if pred[key] > t:
                misses.append(f"  FP {rec['id']}: {key}")
            if gold[key] > t:
                misses.append(f"  FN {rec['id']}: {key}")
    out = {}
    for k in [*CLAIM_KINDS, "overall"]:
        t = sum(tp.values()) if k == "overall" else tp[k]
        p_ = sum(fp.values()) if k == "overall" else fp[k]
        n_ = sum(fn.values()) if k == "overall" else fn[k]
        out[k] = {"precision": t / (t + p_) if t + p_ else 1.0,
                  "recall": t / (t + n_) if t + n_ else 1.0, "gold": t + n_, "found": t + p_}
    out["_misses"] = misses  # type: ignore[assignment]
    return out


def corpus_texts() -> list[tuple[str, date | None]]:
    truth = ROOT.parent / "shared" / "bench" / "scrapinghub" / "ground-truth.json"
    if truth.exists():
        data = json.loads(truth.read_text("utf-8"))
        return [(v["articleBody"], None) for v in data.values() if v.get("articleBody")]
    return [(p.read_text("utf-8"), None) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def throughput(repeat: int) -> dict[str, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    g = load_gazetteer()
    g.match_names("warm up", "Warm up")  # builds the name index, as the first article would
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    texts = corpus_texts()
    for text, published in texts[:5]:  # compile the patterns once, as a long run would
        article_evidence(extract_claims(text, published, None, g), g)
    rates, wall = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        for text, published in texts:
            claims = extract_claims(text, published, None, g)
            article_evidence(claims, g)
        rates.append(len(texts) / (time.process_time() - cpu))
        wall.append(len(texts) / (time.perf_counter() - start))
    chars = statistics.mean(len(t) for t, _ in texts)
    return {"articles": len(texts), "mean_chars": chars, "articles_per_s": max(rates),
            "median_articles_per_s": statistics.median(rates), "wall_per_s": max(wall),
            "first_load_s": load_s, "first_load_cpu_s": load_cpu,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def cold_build() -> tuple[float, float]:
    """CPU and wall seconds to build the gazetteer index from scratch."""
    import tempfile

    from filter.gazetteer.build import build

    with tempfile.TemporaryDirectory() as scratch:
        t0, c0 = time.perf_counter(), time.process_time()
        build(Path(scratch))
        return time.process_time() - c0, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "claims_gold.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--misses", action="store_true", help="list every unmatched claim")
    ap.add_argument("--build", action="store_true", help="also time a cold gazetteer build")
    args = ap.parse_args()
    speed = throughput(args.repeat)
    q = quality(args.gold)
    misses = q.pop("_misses")
    print(f"{'kind':<11} {'precision':>9} {'recall':>7} {'gold':>5} {'found':>6}")
    for k, v in q.items():
        print(f"{k:<11} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['gold']:>5} {v['found']:>6}")
    print(f"\nthroughput: {speed['articles_per_s']:.0f} articles per CPU-second (best of "
          f"{args.repeat}; median {speed['median_articles_per_s']:.0f}; wall clock "
          f"{speed['wall_per_s']:.0f}/s on a shared machine) over {speed['articles']} articles of "
          f"{speed['mean_chars']:.0f} chars on average, claims + gazetteer + within-article "
          f"evidence, one process")
    print(f"gazetteer load incl. name index: {speed['first_load_cpu_s']:.2f} CPU s "
          f"({speed['first_load_s']:.2f} s wall); "
          f"max RSS {speed['max_rss_mb']:.0f} MB")
    if args.build:
        cpu, wall = cold_build()
        print(f"cold gazetteer build: {cpu:.2f} CPU s ({wall:.2f} s wall)")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
