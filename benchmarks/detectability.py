"""How often each corruption operator leaves evidence the model can see.

    python benchmarks/detectability.py

Builds the training examples exactly as `python -m training train` does (the scoring code,
leave-one-out context) and prints, per operator, the share of examples with any conflict
evidence, split by basis. A corruption that leaves no conflict anywhere is invisible to every
feature: this is the ceiling on the inconsistency head's recall for that operator, and clean
and label-preserving rows are the false-alarm floor.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

# Measure this checkout's code, whatever `filter` an installed environment would import.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.dataset import build  # noqa: E402
from training.events import load_reports  # noqa: E402


def _any(features: dict[str, float], prefix: str) -> bool:
    return any(v > 0 for k, v in features.items() if k.startswith(prefix))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    examples = build(load_reports(), seed=args.seed)
    print(f"{len(examples)} examples in {time.perf_counter() - started:.0f} s")
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for e in examples:
        row = rows[e.operator]
        row[0] += 1
        row[1] += e.features["ev_conflicts_total"] > 0
        row[2] += _any(e.features, "ev_cross_source_conflicts_")
        row[3] += _any(e.features, "ev_gazetteer_conflicts_")
        row[4] += _any(e.features, "ev_self_conflicts_")
    print(f"{'operator':28s} {'n':>5} {'any':>6} {'cross':>6} {'gaz':>6} {'self':>6}")
    for op, (n, anyc, cross, gaz, own) in sorted(rows.items()):
        print(f"{op:28s} {n:5d} {anyc / n:6.2f} {cross / n:6.2f} {gaz / n:6.2f} {own / n:6.2f}")


if __name__ == "__main__":
    main()
