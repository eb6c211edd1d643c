"""Cross-source claim matching: planted conflicts found, clean reports spared, and its cost.

    python benchmarks/cross_source_bench.py [--batch 2000] [--others 10]

Quality, on tests/data/clusters (each report scored against the rest of its cluster, one voice
per report): per planted kind, the share of planted errors whose sentence carries a
cross-source conflict; per label, the share of reports with any cross-source conflict (clean
and hard negatives should have none). The clean reports of training/data/events add a larger
false-conflict sample, and the seeds are scored together as one event.
Speed: `resolve_epithets` + `cross_source_evidence` (claims extracted beforehand, gazetteer
on) for a batch of `--batch` articles, each against `--others` reports of its own event; then
`aligned_evidence` alone on the same batch.
Conflicts include aligned-sentence evidence (`filter/evidence/aligned.py`) unless
`--claim-level-only` is given.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filter.claims import extract_claims  # noqa: E402
from filter.evidence.aligned import aligned_evidence  # noqa: E402
from filter.evidence.compare import subject  # noqa: E402
from filter.evidence.cross_source import (  # noqa: E402
    Report,
    cross_source_evidence,
    resolve_epithets,
)
from filter.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from filter.read import read_file  # noqa: E402
from filter.types import Evidence  # noqa: E402
from training.events import read_jsonl  # noqa: E402

CLUSTERS = ROOT / "tests" / "data" / "clusters"
ALIGNED = [True]  # add aligned-sentence evidence to the claim-level findings
EVENTS = ROOT / "training" / "data" / "events"


def _norm(s: str) -> str:
    return " ".join(s.split()).lower()


def load(directory: Path, g: Gazetteer) -> dict[str, list[tuple[dict, Report]]]:
    """Event -> [(record, Report)] for every JSONL record under `directory`."""
    out: dict[str, list[tuple[dict, Report]]] = defaultdict(list)
    for path in sorted(directory.glob("*.jsonl")):
        for r in read_jsonl(path):
            pub = date.fromisoformat(r["date"]) if r.get("date") else None
            claims = tuple(extract_claims(r["text"], pub, r["id"], g))
            out[r.get("cluster") or r.get("event") or path.stem].append(
                (r, Report(r["id"], pub, claims, r["id"])))
    return out


def evidence_for(rep: Report, others: list[Report], g: Gazetteer) -> list[Evidence]:
    """Claim-level findings, plus aligned-sentence ones for the claims those leave unchecked."""
    ev = cross_source_evidence(rep.claims, rep.published, others, gazetteer=g)
    if ALIGNED[0]:
        ev += aligned_evidence(rep.claims, rep.published, others, checked=ev)
    return ev


def score_event(items: list[tuple[dict, Report]], g: Gazetteer) -> list[list[Evidence]]:
    reports = [rep for _, rep in items]
    return [evidence_for(rep, [o for o in reports if o is not rep], g) for rep in reports]


def planted_found(record: dict, evidence: list[Evidence]) -> dict[str, bool]:
    """Per planted error: does a conflict sit in the sentence that carries the wrong phrase?"""
    conflicts = [_norm(e.claim.sentence) for e in evidence if e.relation == "conflicts"]
    return {p["wrong"]: any(_norm(p["wrong"]) in s for s in conflicts) for p in record["planted"]}


PLANTED_KINDS = {"event_agent": "event", "weekday": "time"}  # planted kind -> claim kind


def _diagnose(kind: str, wrong: str, own: Report, others: list[Report]) -> str:
    """Why a planted error was not found: no comparable claim of its kind in its sentence, or
    no other report with a claim on the same subject."""
    resolved = resolve_epithets(others, own.claims)
    mine = {subject(c, resolved) for c in own.claims
            if c.kind == PLANTED_KINDS.get(kind, kind) and _norm(wrong) in _norm(c.sentence)}
    mine.discard(None)
    if not mine:
        return "no comparable claim extracted"
    theirs = {subject(c, resolved) for o in others for c in o.claims}
    return "matched, outvoted or spared" if mine & theirs else "no other report on it"


def quality(g: Gazetteer) -> None:
    found: dict[str, list[bool]] = defaultdict(list)
    missed: Counter[str] = Counter()
    flagged: dict[str, list[bool]] = defaultdict(list)
    false_kinds: Counter[str] = Counter()
    spurious = 0
    for items in load(CLUSTERS, g).values():
        for (record, rep), ev in zip(items, score_event(items, g), strict=True):
            conflicts = [e for e in ev if e.relation == "conflicts"]
            flagged[record["label"]].append(bool(conflicts))
            if record["label"] == "corrupted":
                hits = planted_found(record, ev)
                others = [o for _, o in items if o is not rep]
                for p in record["planted"]:
                    found[p["kind"]].append(hits[p["wrong"]])
                    if not hits[p["wrong"]]:
                        missed[f"{p['kind']}: {_diagnose(p['kind'], p['wrong'], rep, others)}"] += 1
                wrong = [_norm(p["wrong"]) for p in record["planted"]]
                spurious += sum(not any(w in _norm(e.claim.sentence) for w in wrong)
                                for e in conflicts)
            else:
                false_kinds.update(e.claim.kind for e in conflicts)
                for e in conflicts:
                    print(f"  false conflict in {record['id']} ({record['label']}): "
                          f"{e.explanation[:200]}")
    print("\n## tests/data/clusters: planted conflicts found (cross-source"
          f"{' + aligned' if ALIGNED[0] else ' claim-level only'})")
    print("| planted kind | found | rate |\n|---|---|---|")
    total = [x for v in found.values() for x in v]
    for kind, hits in sorted(found.items()):
        print(f"| {kind} | {sum(hits)}/{len(hits)} | {sum(hits) / len(hits):.2f} |")
    print(f"| all | {sum(total)}/{len(total)} | {sum(total) / len(total):.2f} |")
    print("\n| label | reports with a cross-source conflict |\n|---|---|")
    for label, flags in sorted(flagged.items()):
        print(f"| {label} | {sum(flags)}/{len(flags)} |")
    print(f"conflicts on corrupted reports outside planted sentences: {spurious}")
    print("missed planted errors, why: " + "; ".join(f"{k} {n}" for k, n in sorted(missed.items())))
    print(f"false conflicts by claim kind (clean + hard negative): {dict(false_kinds)}")
    if EVENTS.is_dir():
        events = load(EVENTS, g)
        flags, supports = [], 0
        for items in events.values():
            for (record, _), ev in zip(items, score_event(items, g), strict=True):
                conflicts = [e for e in ev if e.relation == "conflicts"]
                flags.append(bool(conflicts))
                supports += sum(e.relation == "supports" for e in ev)
                for e in conflicts:
                    print(f"  false conflict in {record['id']}: {e.explanation[:200]}")
        print(f"\ntraining/data/events ({len(events)} events, all clean): reports with a "
              f"cross-source conflict {sum(flags)}/{len(flags)}; supports found {supports}")


def seeds(g: Gazetteer) -> list[Report]:
    reports = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = next(iter(read_file(path)))
        reports.append(Report(path.name[:3], doc.published,
                              tuple(extract_claims(doc.text, doc.published, path.name[:3], g)),
                              path.name[:3]))
    print("\n## seeds scored together")
    for rep in reports:
        ev = evidence_for(rep, [o for o in reports if o is not rep], g)
        conflicts = [e for e in ev if e.relation == "conflicts"]
        kinds = ", ".join(f"{e.claim.kind} ({e.sources_against} against, {e.sources_for} for)"
                          for e in conflicts)
        print(f"{rep.document_id}: {len(ev) - len(conflicts)} supports, {len(conflicts)} "
              f"conflicts{': ' + kinds if kinds else ''}")
    return reports


def _timed(label: str, work: list[tuple[Report, list[Report]]], g: Gazetteer) -> None:
    for rep, others in work[:50]:  # warm caches
        cross_source_evidence(rep.claims, rep.published, others, gazetteer=g)
    t = time.perf_counter()
    n_ev = 0
    for rep, others in work:
        n_ev += len(cross_source_evidence(rep.claims, rep.published, others, gazetteer=g))
    dt = time.perf_counter() - t
    claims = sum(len(rep.claims) for rep, _ in work) / len(work)
    print(f"{label}: {len(work)} articles x {len(work[0][1])} other reports "
          f"({claims:.0f} claims/article): {dt:.2f} s, {len(work) / dt:,.0f} articles/s, "
          f"{1000 * dt / len(work):.2f} ms/article, {n_ev} findings")


def _timed_aligned(label: str, work: list[tuple[Report, list[Report]]], g: Gazetteer) -> None:
    checked = [cross_source_evidence(rep.claims, rep.published, others, gazetteer=g)
               for rep, others in work]
    for (rep, others), done in list(zip(work, checked, strict=True))[:50]:  # warm caches
        aligned_evidence(rep.claims, rep.published, others, checked=done)
    t = time.perf_counter()
    n_ev = 0
    for (rep, others), done in zip(work, checked, strict=True):
        n_ev += len(aligned_evidence(rep.claims, rep.published, others, checked=done))
    dt = time.perf_counter() - t
    print(f"{label}, aligned_evidence only: {len(work)} articles x {len(work[0][1])} other "
          f"reports: {dt:.2f} s, {1000 * dt / len(work):.2f} ms/article, {n_ev} findings")


def _batch(groups: list[list[Report]], batch: int, k: int) -> list[tuple[Report, list[Report]]]:
    """`batch` articles, each with `k` other reports of its event (repeated under new voices
    when the event has fewer: every copy matches every subject, the worst case). Report objects
    are built once per document and reused, as the pipeline does for a batch."""
    articles = [(rep, group) for group in groups for rep in group]
    copies: dict[tuple[str, int], Report] = {}
    work = []
    for i in range(batch):
        rep, group = articles[i % len(articles)]
        others = [o for o in group if o is not rep]
        padded = [others[j % len(others)] for j in range(k)]
        work.append((rep, [copies.setdefault((o.document_id, j), Report(
            o.document_id, o.published, o.claims, f"{o.voice}#{j}"))
            for j, o in enumerate(padded)]))
    return work


def speed(g: Gazetteer, batch: int, k: int, seed_reports: list[Report]) -> None:
    events = [[rep for _, rep in items] for d in (CLUSTERS, EVENTS) if d.is_dir()
              for items in load(d, g).values()]
    print("\n## speed (resolve_epithets + cross_source_evidence, gazetteer on, one process)")
    work = _batch(events, batch, k)
    _timed("clusters + events", work, g)
    _timed_aligned("clusters + events", work, g)
    seed_work = _batch([seed_reports], batch, k)
    _timed("seeds (long articles)", seed_work, g)
    _timed_aligned("seeds (long articles)", seed_work, g)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--others", type=int, default=10)
    ap.add_argument("--claim-level-only", action="store_true",
                    help="leave out aligned-sentence evidence (the numbers before it existed)")
    args = ap.parse_args()
    ALIGNED[0] = not args.claim_level_only
    g = load_gazetteer()
    quality(g)
    speed(g, args.batch, args.others, seeds(g))


if __name__ == "__main__":
    main()
