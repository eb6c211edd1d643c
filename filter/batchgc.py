"""Cyclic garbage collection paused for the length of one batch.

A batch builds millions of small objects (claims, values, aligned sentences, signatures) that
live until its decisions are made. Each of them counts toward the collector's thresholds, so
the collector runs thousands of times a batch and, every so often, walks the whole heap (the
gazetteer, the models and the batch itself). Reference counting frees nearly all of what a
batch drops; the cycles it leaves are a few thousand objects a batch (`gc.get_stats()`). Scoring
a 2,000-article batch ran 25-35 % faster with the collector paused, at the same peak memory
(docs/benchmarks.md, "Plumbing", session 13). The collector's previous state is restored when
the batch ends, and it collects on its own schedule from then on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Cyclic GC off inside the block, back as it was after (also on error). Process-wide, as
    the collector is: a caller running other threads meanwhile shares the pause."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
