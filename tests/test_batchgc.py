"""The cyclic collector is paused for a batch and handed back exactly as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from filter.batchgc import gc_paused
from filter.pipeline import Pipeline
from filter.read import iter_inputs
from filter.types import Document


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """Generations of every collection that starts while the test runs, with a first-generation
    threshold low enough that any stretch of scoring starts the collector many times."""
    seen: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    thresholds = gc.get_threshold()
    gc.set_threshold(50, *thresholds[1:])
    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*thresholds)


def test_the_collector_is_back_on_after_the_block_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def _batch(seeds_dir: Path, copies: int = 4) -> list[Document]:
    """The seeds under `copies` sets of ids: a batch big enough to start the collector often."""
    docs = [d for d in iter_inputs([str(seeds_dir)]) if isinstance(d, Document)]
    return [replace(d, id=f"{d.id}-{k}") for k in range(copies) for d in docs]


def test_no_automatic_collection_runs_while_a_batch_is_scored(
    seeds_dir: Path, collections: list[int]
) -> None:
    pipeline = Pipeline()
    items = _batch(seeds_dir)
    pipeline.process(items[:1])  # first-use loading out of the way
    gc.collect()
    collections.clear()
    outcomes = pipeline.process(items)
    assert len(outcomes) == len(items) == 20
    # At most the one collection that the resumed collector may start on its way out.
    assert len(collections) <= 1
    assert gc.isenabled()


def test_the_same_batch_without_the_pause_does_start_collections(
    seeds_dir: Path, collections: list[int]
) -> None:
    """The check above could fail: scoring this batch allocates enough to start the collector."""
    pipeline = Pipeline()
    items = _batch(seeds_dir)
    pipeline.process(items[:1])
    gc.collect()
    collections.clear()
    pipeline._process(items, None, ())
    assert len(collections) >= 20
