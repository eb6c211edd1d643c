"""How the cyclic garbage collector runs while we gate or score: less often over a run, not at
all inside a batch.

A batch builds millions of small objects (claims, values, aligned sentences, signatures) that
live until its decisions are made. Each counts toward the collector's thresholds, so with
CPython's defaults the collector runs thousands of times a batch and, every so often, walks the
whole heap (the gazetteer, the models and the batch itself). Reference counting frees nearly
all of what a batch drops; the cycles it leaves are a few dozen objects a batch
(`gc.get_stats()`). Results never depend on when the collector runs.

Two levels, both measured (docs/benchmarks.md, "Plumbing": speed pass 4 and session 13):
- `fewer_collections`, around a whole gate run: young-generation collections every 50,000 net
  allocations instead of 700, for the reading and corpus writing between batches. Cyclic
  garbage stays bounded over a long run. Gate: 104 vs 96 articles/s when introduced; taking it
  away in session 13, with the batch pause in place, cost 273 -> 210.
- `gc_paused`, around one batch (`Pipeline.process`): no collection at all until the batch's
  outcomes are made. Score on a 2,000-article batch: 242-250 -> 299-308 articles/s, same peak
  memory.
Both restore the collector's previous settings when they end, also on error. Both are
process-wide, as the collector is: other threads of the caller share them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between young-generation collections during a gate run (CPython's default: 700).
YOUNG_THRESHOLD = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector's thresholds raised for the block, then restored."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Cyclic GC off inside the block, back as it was after (a collector the caller had turned
    off stays off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
