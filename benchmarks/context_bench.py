"""Stage 4 (context) figures: near-duplicate thresholds, seeds 001/003, lookup cost vs corpus size.

    python benchmarks/context_bench.py                # everything (sizes 1k, 10k, 100k)
    python benchmarks/context_bench.py --sizes 1000   # quick run

1. Near duplicates, measured on reprints generated from training/data/events reports:
   - one voice: word substitutions (1-5%), a dropped paragraph plus a byline, a trimmed copy
     (first 60-80% of paragraphs), a wire story with a local paragraph on top;
   - independent: other reports of the same event, and a report quoting one paragraph of another
     report of its event (a wire passage inside an independent article).
   Prints the estimated Jaccard/containment of each kind and precision/recall of the shipped
   thresholds (data/context.toml), for `duplicate.near` and for the one-voice rule.
2. Seeds 001/003: exact and estimated similarity, shared passages, verdict.
3. Per-article lookup cost (related + duplicate_of) against corpora of synthetic articles, made
   by recombining sentences of the events reports under fresh names and dates (100 articles a
   day, so a larger corpus spans more days, as a growing crawl does), written straight into the
   corpus with the store functions.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

# Measure this checkout's code, whatever `filter` an installed environment would import.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from filter.context import (  # noqa: E402
    ContextIndex,
    classify,
    compute_signature,
    containment,
    default_config,
    jaccard,
    shared_passages,
    write_signatures,
)
from filter.context.signature import shingles  # noqa: E402
from filter.context.text import words  # noqa: E402
from filter.corpus import Corpus  # noqa: E402
from training.events import read_jsonl_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "training" / "data" / "events"
SEEDS = ROOT / "seeds"


def load_events() -> list[dict]:
    return read_jsonl_dir(EVENTS)


# -- 1. near duplicates ----------------------------------------------------------------------
def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def substitute(text: str, rate: float, rng: random.Random) -> str:
    tokens = text.split(" ")
    for i in rng.sample(range(len(tokens)), max(1, int(len(tokens) * rate))):
        tokens[i] = rng.choice(["also", "reportedly", "then", "the", "new", "local"])
    return " ".join(tokens)


def variants(report: dict, same_event: list[dict], rng: random.Random) -> list[tuple[str, str]]:
    """(kind, text) pairs: reprints and independent texts to compare with `report`."""
    paras = paragraphs(report["text"])
    out = [
        (f"edit {int(r * 100)}%", substitute(report["text"], r, rng)) for r in (0.01, 0.03, 0.05)
    ]
    dropped = list(paras)
    if len(dropped) > 2:
        dropped.pop(rng.randrange(1, len(dropped)))
    out.append(("drop paragraph + byline", "\n\n".join([*dropped, "(Reporting by staff.)"])))
    keep = max(1, round(len(paras) * rng.uniform(0.6, 0.8)))
    out.append(("trimmed 60-80%", "\n\n".join(paras[:keep])))
    if same_event:
        other = rng.choice(same_event)
        own = paragraphs(other["text"])
        out.append(("wire + local paragraph on top", "\n\n".join([own[0], *paras])))
        wire = paras[: max(1, round(len(paras) * 0.6))]
        words_needed, added = sum(len(p.split()) for p in wire), []
        for p in own:
            if sum(len(a.split()) for a in added) >= words_needed:
                break
            added.append(p)
        out.append(("60% of wire + as much own reporting", "\n\n".join([*wire, *added])))
        out.append(("independent report", other["text"]))
        quoted = rng.choice(paras[1:] or paras)
        out.append(("quotes one wire paragraph", "\n\n".join([*paragraphs(other["text"]), quoted])))
    return out


NEAR = {
    "edit 1%",
    "edit 3%",
    "edit 5%",
    "drop paragraph + byline",
    "trimmed 60-80%",
    "wire + local paragraph on top",
}
ONE_VOICE = NEAR | {"60% of wire + as much own reporting"}


def near_duplicates(events: list[dict]) -> None:
    cfg = default_config()
    rng = random.Random(7)
    by_event = defaultdict(list)
    for r in events:
        by_event[r["cluster"]].append(r)
    rows: dict[str, list[tuple[float, float, float, str | None]]] = defaultdict(list)
    for r in events:
        base = compute_signature(r["id"], r["text"])
        others = [o for o in by_event[r["cluster"]] if o["id"] != r["id"]]
        for kind, text in variants(r, others, rng):
            sig = compute_signature(f"{r['id']}/{kind}", text)
            a, b = set(shingles(words(text), 5)), set(shingles(words(r["text"]), 5))
            true_j = len(a & b) / len(a | b) if a | b else 0.0
            dup = classify(sig, base, cfg)
            shorter = (
                containment(sig, base) if sig.shingles <= base.shingles else containment(base, sig)
            )
            rows[kind].append((jaccard(sig, base), true_j, shorter, dup.kind if dup else None))
    print(f"\n## Near duplicates ({len(events)} reports x {len(rows)} kinds)\n")
    print(
        "| pair kind | truth | est. Jaccard min / median / max | exact Jaccard median "
        "| shorter-doc containment median | classified near / voice / none |"
    )
    print("|---|---|---|---|---|---|")
    for kind, vals in rows.items():
        js = [v[0] for v in vals]
        kinds = [v[3] for v in vals]
        truth = "near dup" if kind in NEAR else "one voice" if kind in ONE_VOICE else "independent"
        print(
            f"| {kind} | {truth} | {min(js):.2f} / {statistics.median(js):.2f} / {max(js):.2f} "
            f"| {statistics.median(v[1] for v in vals):.2f} "
            f"| {statistics.median(v[2] for v in vals):.2f} "
            f"| {kinds.count('near')} / {kinds.count('voice')} / {kinds.count(None)} |"
        )
    for label, positive, flagged in (
        ("duplicate.near", NEAR, {"near", "exact"}),
        ("one voice", ONE_VOICE, {"near", "exact", "voice"}),
    ):
        tp = fp = fn = 0
        for kind, vals in rows.items():
            for v in vals:
                hit = v[3] in flagged
                tp += hit and kind in positive
                fp += hit and kind not in positive
                fn += (not hit) and kind in positive
        print(
            f"\n{label}: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}"
            f" (tp {tp}, fp {fp}, fn {fn}; near_jaccard {cfg.near_jaccard}, near_containment "
            f"{cfg.near_containment}, voice_containment {cfg.voice_containment})"
        )


# -- 1b. related reports --------------------------------------------------------------------
def retrieval() -> None:
    """Same-event recall in the top 10, with dates and with dates removed (content only)."""
    recs = [r for d in (ROOT / "tests" / "data" / "clusters", EVENTS) for r in read_jsonl_dir(d)]
    event = {r["id"]: r["cluster"] for r in recs}
    print(f"\n## Related reports ({len(recs)} reports of {len(set(event.values()))} events)\n")
    for dated in (True, False):
        index = ContextIndex().add(
            compute_signature(
                r["id"],
                r["text"],
                published=date.fromisoformat(r["date"]) if dated else None,
                title=r.get("title"),
            )
            for r in recs
        )
        found = wanted = outranked = 0
        for r in recs:
            related = index.related(index.signature(r["id"]))
            same = [x.score for x in related if event[x.document_id] == r["cluster"]]
            other = [x.score for x in related if event[x.document_id] != r["cluster"]]
            found += len(same)
            wanted += sum(1 for o in recs if o["cluster"] == r["cluster"]) - 1
            outranked += bool(same and other and max(other) > min(same))
        print(
            f"{'dated' if dated else 'undated'}: same-event recall in the top 10 "
            f"{found / wanted:.3f}; an other-event report outranks a same-event one for "
            f"{outranked} of {len(recs)} reports"
        )


# -- 2. seeds 001 / 003 ----------------------------------------------------------------------
def seeds() -> None:
    texts = {p.name[:3]: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    a, b = texts["001"], texts["003"]
    sa, sb = compute_signature("001", a), compute_signature("003", b)
    wa, wb = set(shingles(words(a), 5)), set(shingles(words(b), 5))
    shared = wa & wb
    dup = classify(sa, sb, default_config())
    passages = shared_passages(a, b, min_words=8)
    print("\n## Seeds 001 / 003\n")
    print(
        f"5-word shingles: 001 {len(wa)}, 003 {len(wb)}, shared {len(shared)}; exact Jaccard "
        f"{len(shared) / len(wa | wb):.3f}, containment of 001 in 003 {len(shared) / len(wa):.3f}"
        f", of 003 in 001 {len(shared) / len(wb):.3f}"
    )
    print(
        f"MinHash estimate: Jaccard {jaccard(sa, sb):.3f}, containment of 001 "
        f"{containment(sa, sb):.3f}; classified: {dup.kind if dup else 'independent voices'}"
    )
    print(
        f"shared passages of >= 8 words: {len(passages)}, "
        f"{sum(p.words for p in passages)} words of 001's {len(words(a))}:"
    )
    for p in passages:
        print(f"  {p.words:3d} words: {a[p.start : p.end]!r}")


# -- 3. lookup cost --------------------------------------------------------------------------
SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "vi",
    "dan",
    "sor",
    "tel",
    "ra",
    "bu",
    "nes",
    "qua",
    "zim",
    "or",
    "pel",
    "ast",
    "ven",
    "du",
    "hal",
    "ri",
    "gon",
]
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")


def pseudo_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic(
    events: list[dict], n: int, start: int, seed: int, reports: int = 5
) -> list[tuple[str, date, str]]:
    """n articles: groups of 5 reports of one synthetic event (sentences of one real event,
    70% of its capitalised names replaced by invented ones), 100 articles a day. With
    `reports` > 5, the extra reports of each event come after all the first five."""
    by_event = defaultdict(list)
    for r in events:
        by_event[r["cluster"]].extend(re.split(r"(?<=[.!?])\s+", r["text"]))
    names = sorted(by_event)
    out = []
    day0 = date(2015, 1, 1)
    for g in range(start // 5, (start + n) // 5):
        rng = random.Random(seed * 1_000_003 + g)  # a group reads the same however it is made
        sentences = by_event[names[g % len(names)]]
        mapping: dict[str, str] = {}

        def rename(
            m: re.Match[str], mapping: dict[str, str] = mapping, rng: random.Random = rng
        ) -> str:
            word = m.group()
            if word not in mapping:
                mapping[word] = word if rng.random() < 0.3 else pseudo_name(rng)
            return mapping[word]

        published = day0 + timedelta(days=(g * 5) // 100)
        for i in range(reports):
            picked = rng.sample(sentences, min(len(sentences), rng.randint(8, 14)))
            text = _CAP.sub(rename, " ".join(picked))
            out.append((f"syn-{g:06d}-{i}", published + timedelta(days=rng.randint(-1, 1)), text))
    return out


def _sign(item: tuple[str, date, str]):  # noqa: ANN202
    doc_id, published, text = item
    return compute_signature(doc_id, text, published=published)


def fill(corpus: Corpus, items: list[tuple[str, date, str]], pool: Pool) -> float:
    """Sign (2 processes) and store `items`; returns the store time per article, ms."""
    cfg = default_config()
    sigs = pool.map(_sign, items, chunksize=200)
    t0 = time.perf_counter()
    db = corpus._db  # benchmark only: the gate writes through Corpus.record
    for i in range(0, len(sigs), 1000):
        part = sigs[i : i + 1000]
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            "INSERT OR IGNORE INTO documents (id, source, published, first_seen)"
            " VALUES (?, 'bench', ?, 'bench')",
            [(s.document_id, s.published.isoformat()) for s in part],
        )
        write_signatures(db, part, {}, cfg)
        db.execute("COMMIT")
    return (time.perf_counter() - t0) * 1000 / max(1, len(items))


def lookup_cost(sizes: list[int], events: list[dict]) -> None:
    print("\n## Lookup cost per article\n")
    print(
        "| corpus articles | store ms/article (last fill) | related + duplicate_of ms: median"
        " | p95 | related found (median) | same-event share of top 4 |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, Pool(2) as pool:
        corpus = Corpus(Path(tmp) / "bench.db")
        have = 0
        for size in sizes:
            build = fill(corpus, synthetic(events, size - have, have, 1), pool)
            have = size
            # a sixth report of 200 of the corpus's events, spread over its whole range
            step = max(1, size // 5 // 200)
            queries = [
                q
                for g in range(0, size // 5, step)[:200]
                for q in synthetic(events, 5, g * 5, 1, reports=6)[5:]
            ]
            sigs = [_sign(q) for q in queries]
            times, found, same = [], [], []
            for sig in sigs:
                index = ContextIndex(corpus)
                t0 = time.perf_counter()
                related = index.related(sig)
                index.duplicate_of(sig)
                times.append((time.perf_counter() - t0) * 1000)
                found.append(len(related))
                event = sig.document_id[:10]
                top = related[:4]
                same.append(sum(r.document_id.startswith(event) for r in top) / max(1, len(top)))
            times.sort()
            p95 = times[int(len(times) * 0.95)]
            print(
                f"| {size:,} | {build:.2f} | {statistics.median(times):.1f} | {p95:.1f} "
                f"| {statistics.median(found):.0f} | {statistics.mean(same):.2f} |"
            )
            sys.stdout.flush()
        corpus.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--skip-duplicates", action="store_true")
    args = parser.parse_args(argv)
    events = load_events()
    if not args.skip_duplicates:
        near_duplicates(events)
        retrieval()
        seeds()
    if args.sizes:
        lookup_cost(sorted(args.sizes), events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
