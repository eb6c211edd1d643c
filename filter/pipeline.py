"""The flow read → strip → … → gate for a batch of inputs, as one reusable object.

`Pipeline.process` turns a batch (a crawl batch: its documents are context for each other) into
one Outcome per input, in input order. A failure inside one document's processing becomes that
document's `error` decision; it never takes the batch down.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

from filter.context import ContextConfig, ContextIndex, default_config, duplicate_reason
from filter.context.signature import signature_of
from filter.corpus import Corpus, Outcome
from filter.gate import Thresholds, verdict_of
from filter.quality import Rule, check, default_rules
from filter.strip import strip_document
from filter.types import Decision, Document, InputError, Reason


def rules_version() -> str:
    """Version of the rule-only gate: changes whenever the shipped rules file changes."""
    raw = resources.files("filter.data").joinpath("quality_rules.toml").read_bytes()
    return f"rules@{hashlib.sha256(raw).hexdigest()[:12]}"


@dataclass
class Pipeline:
    """Everything needed to decide on a batch; construct once, call `process` per batch."""

    rules: tuple[Rule, ...] = field(default_factory=default_rules)
    thresholds: Thresholds = field(default_factory=Thresholds)
    model_version: str = field(default_factory=rules_version)
    context: ContextConfig = field(default_factory=default_config)

    def process(
        self, items: Sequence[Document | InputError], corpus: Corpus | None = None
    ) -> list[Outcome]:
        """Outcomes in input order; `corpus` (read only here) is context for the batch."""
        return self._with_context([self._one(item) for item in items], corpus)

    def _with_context(self, outcomes: list[Outcome], corpus: Corpus | None) -> list[Outcome]:
        """Stage 4 over the batch: each document's signature (stored with it) and a duplicate
        reason when it repeats an earlier document of the corpus or of this batch."""
        index = ContextIndex(corpus, self.context)
        out = []
        for o in outcomes:
            if o.stripped is None:
                out.append(o)
                continue
            try:
                sig = signature_of(o.stripped, config=self.context)
                index.add([sig])
                dup = index.duplicate_of(sig)
                reasons = o.decision.reasons
                if dup is not None:
                    reasons = (*reasons, duplicate_reason(dup, self.context))
                decision = replace(
                    o.decision,
                    reasons=reasons,
                    verdict=verdict_of(reasons, None, None, self.thresholds),
                )
                repeats = tuple(index.links(sig.document_id))
                out.append(replace(o, decision=decision, signature=sig, repeats=repeats))
            except Exception as exc:  # one bad document must not stop the batch
                out.append(self._failed(o.item, exc))  # type: ignore[arg-type]
        return out

    def _one(self, item: Document | InputError) -> Outcome:
        if isinstance(item, InputError):
            return Outcome(item, None, self._error(item.id, item.source, item.kind, item.message))
        try:
            stripped = strip_document(item)
            reasons = tuple(check(stripped.text, self.rules))
            verdict = verdict_of(reasons, None, None, self.thresholds)
            decision = Decision(
                document_id=item.id,
                source=item.source,
                verdict=verdict,
                reasons=reasons,
                model_version=self.model_version,
            )
            return Outcome(item, stripped, decision)
        except Exception as exc:  # one bad document must not stop the batch
            return self._failed(item, exc)

    def _failed(self, item: Document, exc: Exception) -> Outcome:
        """The `error` outcome of a document whose processing raised."""
        # Stages raise exceptions with a `kind` (e.g. "strip.timeout") for known failures.
        kind = getattr(exc, "kind", None)
        if kind is None:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            kind, message = (
                "processing.failed",
                f"{type(exc).__name__}: {exc} (at {where.name}:{where.lineno})",
            )
        else:
            message = str(exc)
        return Outcome(item, None, self._error(item.id, item.source, kind, message))

    def _error(self, doc_id: str, source: str, kind: str, message: str) -> Decision:
        return Decision(
            document_id=doc_id,
            source=source,
            verdict="error",
            reasons=(Reason(kind=kind, message=message),),
            model_version=self.model_version,
        )
