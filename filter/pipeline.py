"""The flow read → strip → claims → context → evidence → features → model → gate for a batch.

`Pipeline.process` turns a batch (a crawl batch: its documents are context for each other, as
are `context` documents and the corpus) into one Outcome per input, in input order. A failure
inside one document's processing becomes that document's `error` decision; it never takes the
batch down.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from filter.analysis import Analysis, Analyzer, Prepared
from filter.batchgc import gc_paused
from filter.context import ContextConfig, ContextIndex, default_config, duplicate_reason
from filter.corpus import Corpus, Outcome
from filter.gate import Thresholds, verdict_of
from filter.heads import HEADS, Heads, Scores
from filter.modelfile import model_paths
from filter.quality import MEASURES, Rule, check, default_rules
from filter.reasons import reasons_for
from filter.types import Decision, Document, InputError, Reason

DEFAULT_MODELS = Path(__file__).resolve().parent.parent / "models"
_MEASURE_FEATURES: tuple[tuple[str, str], ...] = tuple((n, f"q_{n}") for n in MEASURES)


def rules_version(rules: Sequence[Rule]) -> str:
    """Version of the rule-only gate: changes whenever any rule or threshold changes."""
    return f"rules@{hashlib.sha256(repr(tuple(rules)).encode()).hexdigest()[:12]}"


def shipped_heads(directory: str | Path = DEFAULT_MODELS) -> Heads | None:
    """The heads shipped in `models/`, or None when the repository has none yet."""
    if not model_paths(directory, HEADS[0])[1].exists():
        return None
    return Heads.from_directory(directory)


@dataclass
class Pipeline:
    """Everything needed to decide on a batch; construct once, call `process` per batch.

    With `heads`, scores are the heads' calibrated probabilities and thresholds come from their
    cards (unless `thresholds` is given); without, scores are None and only rules decide.
    """

    rules: tuple[Rule, ...] = field(default_factory=default_rules)
    heads: Heads | None = None
    thresholds: Thresholds | None = None
    context: ContextConfig = field(default_factory=default_config)
    strip_budget: float | None = None  # seconds per document; None: the stripper's default
    analyzer: Analyzer | None = None

    def __post_init__(self) -> None:
        if self.thresholds is None:
            self.thresholds = self.heads.thresholds if self.heads else Thresholds()

    @property
    def model_version(self) -> str:
        return self.heads.version if self.heads else rules_version(self.rules)

    def _analyzer(self) -> Analyzer:
        if self.analyzer is None:
            self.analyzer = Analyzer(context_config=self.context, strip_budget=self.strip_budget)
        return self.analyzer

    def process(
        self,
        items: Sequence[Document | InputError],
        corpus: Corpus | None = None,
        context: Sequence[Document] = (),
    ) -> list[Outcome]:
        """Outcomes in input order; the corpus (read only here) and `context` are context.

        The cyclic garbage collector is paused for the batch (batchgc.py)."""
        with gc_paused():
            return self._process(items, corpus, context)

    def _process(
        self,
        items: Sequence[Document | InputError],
        corpus: Corpus | None,
        context: Sequence[Document],
    ) -> list[Outcome]:
        analyzer = self._analyzer()
        outcomes: dict[int, Outcome] = {}
        prepared: dict[int, Prepared] = {}
        docs: dict[int, Document] = {}
        for i, item in enumerate(items):
            if isinstance(item, InputError):
                outcomes[i] = Outcome(item, None, self._error(item, item.kind, item.message))
            else:
                docs[i] = item
        # One bad document must not stop the batch: its exception becomes its `error`.
        results = analyzer.prepare_many(list(docs.values()))
        for (i, item), done in zip(docs.items(), results, strict=True):
            if isinstance(done, Exception):
                outcomes[i] = self._failed(item, done)
            else:
                prepared[i] = done
        # A context document that cannot be read lends no evidence.
        extra = [p for p in analyzer.prepare_many(context) if not isinstance(p, Exception)]
        pool = {p.id: p for p in (*extra, *prepared.values())}
        index = analyzer.index([*extra, *prepared.values()], corpus)
        analyses: dict[int, Analysis] = {}
        for i, p in prepared.items():
            try:
                analyses[i] = analyzer.analyse(p, index, pool, corpus)
            except Exception as exc:
                outcomes[i] = self._failed(items[i], exc)  # type: ignore[arg-type]
        outcomes.update(self._decide(items, analyses, index))
        return [outcomes[i] for i in range(len(items))]

    def _decide(
        self,
        items: Sequence[Document | InputError],
        analyses: dict[int, Analysis],
        index: ContextIndex,
    ) -> dict[int, Outcome]:
        """Scores, reasons and verdicts for the analysed documents (one model call per batch)."""
        order = list(analyses)
        rows = [analyses[i].features for i in order]
        scores = self.heads.predict(rows) if self.heads and rows else None
        contributions = (
            self.heads.contributions_at_least(rows, scores, self.thresholds)
            if self.heads and scores
            else None
        )
        out = {}
        for n, i in enumerate(order):
            try:
                out[i] = self._outcome(
                    items[i],
                    analyses[i],
                    index,
                    scores[n] if scores else None,
                    {h: c[n] for h, c in contributions.items() if n in c}
                    if contributions is not None
                    else None,
                )
            except Exception as exc:  # one bad document must not stop the batch
                out[i] = self._failed(items[i], exc)  # type: ignore[arg-type]
        return out

    def _outcome(
        self,
        item: Document | InputError,
        a: Analysis,
        index: ContextIndex,
        scores: Scores | None,
        contributions: dict[str, dict[str, float]] | None,  # heads whose review it reaches
    ) -> Outcome:
        # The quality measures are already among the features: the rules read them there.
        features = a.features
        measured = {n: features[q] for n, q in _MEASURE_FEATURES if q in features}
        reasons = list(check(a.prepared.stripped.text, self.rules, measured))
        if a.context.duplicate is not None:
            reasons.append(duplicate_reason(a.context.duplicate, self.context))
        inconsistency = spam = None
        if scores is not None and contributions is not None:
            inconsistency, spam = scores.inconsistency, scores.spam
            for head, score, review in (
                ("inconsistency", inconsistency, self.thresholds.inconsistency_review),
                ("spam", spam, self.thresholds.spam_review),
            ):
                if score >= review:
                    reasons.extend(
                        reasons_for(head, contributions[head], a.features, a.feature_input)
                    )
        decision = Decision(
            document_id=item.id,
            source=item.source,
            verdict=verdict_of(reasons, inconsistency, spam, self.thresholds),
            reasons=tuple(reasons),
            model_version=self.model_version,
            inconsistency=inconsistency,
            spam=spam,
        )
        return Outcome(
            item,
            a.prepared.stripped,
            decision,
            features=a.features,
            signature=a.prepared.signature,
            repeats=tuple(index.links(item.id)),
            claims=a.prepared.claims,
        )

    def _failed(self, item: Document, exc: Exception) -> Outcome:
        """The `error` outcome of a document whose processing raised."""
        # Stages raise exceptions with a `kind` (e.g. "strip.timeout") for known failures.
        kind = getattr(exc, "kind", None)
        if kind is None:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            kind = "processing.failed"
            message = f"{type(exc).__name__}: {exc} (at {where.name}:{where.lineno})"
        else:
            message = str(exc)
        return Outcome(item, None, self._error(item, kind, message))

    def _error(self, item: Document | InputError, kind: str, message: str) -> Decision:
        return Decision(
            document_id=item.id,
            source=item.source,
            verdict="error",
            reasons=(Reason(kind=kind, message=message),),
            model_version=self.model_version,
        )
