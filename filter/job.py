"""The main job: gate a stream of inputs into a corpus, batch by batch, resumably.

Inputs are read lazily and gated in batches; each batch is one corpus transaction. Inputs that
already have a decision from this model version are skipped before any work, so a killed run
restarted on the same inputs does only what is missing, and re-gating changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from filter.batchgc import fewer_collections
from filter.corpus import Corpus
from filter.pipeline import Pipeline
from filter.types import Decision, Document, InputError

FLAGGED_SHOWN = 10

T = TypeVar("T")


@dataclass
class GateSummary:
    """What one gate run did: new decisions by verdict, inputs skipped, most common reasons."""

    inputs: int = 0
    skipped: int = 0
    by_verdict: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    flagged: list[dict[str, Any]] = field(default_factory=list)  # first non-admitted decisions

    def note(self, decision: Decision) -> None:
        self.by_verdict[decision.verdict] += 1
        self.reasons.update(r.kind for r in decision.reasons)
        if decision.verdict != "admit" and len(self.flagged) < FLAGGED_SHOWN:
            first = decision.reasons[0] if decision.reasons else None
            self.flagged.append(
                {
                    "id": decision.document_id,
                    "source": decision.source,
                    "verdict": decision.verdict,
                    "inconsistency": decision.inconsistency,
                    "spam": decision.spam,
                    "reason": f"{first.kind}: {first.message}" if first else "",
                }
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "already_decided": self.skipped,
            "new_decisions": sum(self.by_verdict.values()),
            "by_verdict": dict(self.by_verdict),
            "top_reasons": dict(self.reasons.most_common(10)),
            "flagged": self.flagged,
        }


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def gate(
    items: Iterable[Document | InputError],
    corpus: Corpus,
    pipeline: Pipeline,
    *,
    batch_size: int = 256,
    command: str = "gate",
    on_progress: Callable[[int], None] | None = None,
) -> GateSummary:
    """Gate `items` into `corpus`; returns the summary of this run.

    The garbage collector runs less often while it does, and not at all inside a batch
    (batchgc.py); its settings are restored when the run ends, also on error.
    """
    with fewer_collections():
        return _gate(items, corpus, pipeline, batch_size, command, on_progress)


def _gate(
    items: Iterable[Document | InputError],
    corpus: Corpus,
    pipeline: Pipeline,
    batch_size: int,
    command: str,
    on_progress: Callable[[int], None] | None,
) -> GateSummary:
    summary = GateSummary()
    run_id = corpus.start_run(command, pipeline.model_version)
    for batch in batched(items, batch_size):
        summary.inputs += len(batch)
        done = corpus.decided((i.id for i in batch), pipeline.model_version)
        seen: set[str] = set()
        todo = []
        for item in batch:
            if item.id in done or item.id in seen:
                summary.skipped += 1
            else:
                seen.add(item.id)
                todo.append(item)
        outcomes = pipeline.process(todo, corpus)
        corpus.record(outcomes, run_id)
        for outcome in outcomes:
            summary.note(outcome.decision)
        if on_progress:
            on_progress(len(batch))
    corpus.finish_run(run_id, summary.to_dict())
    return summary
