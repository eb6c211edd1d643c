"""Stages 3–6 for one document among others: claims, context, evidence, features.

One `Analyzer` serves scoring (`Pipeline`) and training (`featurize`), so the model is trained on
numbers computed exactly as they are at scoring time. A document is first `prepare`d (stripped,
its claims extracted, its signature computed: the expensive, per-document part, cached), then
`analyse`d against a `ContextIndex` holding the other reports: related independent reports
lend their claims to cross-source evidence, the gazetteer and the article itself give the rest.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from hashlib import sha256

from filter.claims import extract_claims
from filter.context import Context, ContextConfig, ContextIndex, default_config
from filter.context.signature import Signature, signature_of
from filter.context.store import load_claims
from filter.evidence import article_evidence
from filter.evidence.aligned import aligned_evidence
from filter.evidence.cross_source import Report, cross_source_evidence, resolve_epithets
from filter.features import FeatureInput, features
from filter.gazetteer import Gazetteer, load_gazetteer
from filter.strip import strip_document, strip_documents
from filter.types import Claim, Document, Evidence, Stripped

_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Prepared:
    """The per-document part: clean text, claims, and the signature context is found by."""

    stripped: Stripped
    claims: tuple[Claim, ...]
    signature: Signature

    @property
    def id(self) -> str:
        return self.stripped.document.id


@dataclass(frozen=True)
class Analysis:
    """A document against its context: the evidence and the feature vector built from it."""

    prepared: Prepared
    context: Context
    evidence: tuple[Evidence, ...]
    feature_input: FeatureInput
    features: dict[str, float]
    resolved: Mapping[str, int]  # epithet key -> GeoNames id, settled by the related reports


def entity_keys(claims: Iterable[Claim]) -> list[str]:
    """Canonical entities for the signature: GeoNames ids and actor keys match across spellings."""
    keys: dict[str, None] = {}
    for c in claims:
        if c.kind == "place" and c.slots.get("place_id") is not None:
            keys[f"geo:{c.slots['place_id']}"] = None
        elif c.kind == "actor" and c.slots.get("actor"):
            keys[f"actor:{c.slots['actor']}"] = None
    return list(keys)


def _key(doc: Document) -> tuple[str, str]:
    """The cache key of a document: its id and a hash of its content."""
    return (doc.id, sha256(doc.raw.encode("utf-8", "surrogatepass")).hexdigest())


class Analyzer:
    """Prepares and analyses documents; holds the gazetteer and a cache of prepared documents."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        context_config: ContextConfig | None = None,
        strip_budget: float | None = None,
    ) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.strip_budget = strip_budget  # seconds per document; None: the stripper's default
        self.context_config = context_config or default_config()
        self._cache: OrderedDict[tuple[str, str], Prepared] = OrderedDict()
        self._memo: _ReportsMemo | None = None

    def prepare(self, doc: Document, stripped: Stripped | None = None) -> Prepared:
        """Strip (unless given), extract claims, sign; cached by id and content."""
        return self._prepare(_key(doc), doc, stripped)

    def prepare_many(self, docs: Sequence[Document]) -> list[Prepared | Exception]:
        """`prepare` for each of `docs`, in order; a document that fails gets its exception.

        The documents not in the cache are stripped together (`strip_documents`: one block
        classifier call for all of them instead of one each).
        """
        keys = [_key(doc) for doc in docs]
        todo: dict[tuple[str, str], Document] = {}
        for key, doc in zip(keys, docs, strict=True):
            if key not in self._cache:
                todo.setdefault(key, doc)
        stripped = dict(zip(todo, self.strip_many(list(todo.values())), strict=True))
        out: list[Prepared | Exception] = []
        for key, doc in zip(keys, docs, strict=True):
            # Popped: a repeat of a document within `docs` is a cache hit, as it is in `prepare`.
            done = stripped.pop(key, None)
            if isinstance(done, Exception):
                out.append(done)
                continue
            try:
                out.append(self._prepare(key, doc, done))
            except Exception as exc:  # one bad document must not stop the others
                out.append(exc)
        return out

    def _prepare(self, key: tuple[str, str], doc: Document, stripped: Stripped | None) -> Prepared:
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        stripped = stripped or self.strip(doc)
        claims = self.claims_of(stripped)
        prepared = Prepared(stripped, claims, self.sign(stripped, claims))
        self._cache[key] = prepared
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return prepared

    def strip(self, doc: Document) -> Stripped:
        return strip_document(doc, budget=self.strip_budget)

    def strip_many(self, docs: Sequence[Document]) -> list[Stripped | Exception]:
        """`strip` for each of `docs` (one classifier call); a failure is returned in place."""
        return strip_documents(docs, budget=self.strip_budget)

    def claims_of(self, stripped: Stripped) -> tuple[Claim, ...]:
        doc = stripped.document
        return tuple(extract_claims(stripped.text, doc.published, doc.id, self.gazetteer))

    def sign(self, stripped: Stripped, claims: Sequence[Claim]) -> Signature:
        """The context signature, with canonical entities from the claims."""
        return signature_of(stripped, entities=entity_keys(claims), config=self.context_config)

    def index(self, prepared: Iterable[Prepared], corpus: object | None = None) -> ContextIndex:
        """A context index over `prepared` (in order) and, read-only, the corpus."""
        return ContextIndex(corpus, self.context_config).add(p.signature for p in prepared)

    def analyse(
        self,
        target: Prepared,
        index: ContextIndex,
        pool: Mapping[str, Prepared],
        corpus: object | None = None,
    ) -> Analysis:
        """Evidence and features of `target` against the reports `index` finds for it.

        `pool` holds the prepared documents of the batch; claims of corpus reports are loaded
        from the corpus's `claims` table.
        """
        context, reports = self.context_of(target, index, pool, corpus)
        evidence, resolved = self.evidence_of(target, context, reports)
        return self.features_of(target, context, evidence, resolved)

    # The steps of `analyse`, public so that benchmarks can time each one on the same code.
    def context_of(
        self,
        target: Prepared,
        index: ContextIndex,
        pool: Mapping[str, Prepared],
        corpus: object | None = None,
    ) -> tuple[Context, list[Report]]:
        """The related reports of `target`, each with its claims and its voice."""
        context = index.context(target.signature)
        return context, self._reports(context, index, pool, corpus)

    def evidence_of(
        self, target: Prepared, context: Context, reports: Sequence[Report]
    ) -> tuple[tuple[Evidence, ...], Mapping[str, int]]:
        """Gazetteer, within-article and cross-source evidence, and the epithets it resolved."""
        published = target.stripped.document.published
        resolved = resolve_epithets(reports, target.claims)
        claim_level = cross_source_evidence(
            target.claims,
            published,
            reports,
            resolved,
            voice=context.group,
            gazetteer=self.gazetteer,
        )
        evidence = (
            *article_evidence(target.claims, self.gazetteer, resolved),
            *claim_level,
            # values of aligned sentences, for the claims claim-level matching left unchecked
            *aligned_evidence(
                target.claims, published, reports, voice=context.group, checked=claim_level
            ),
        )
        return evidence, resolved

    def features_of(
        self,
        target: Prepared,
        context: Context,
        evidence: tuple[Evidence, ...],
        resolved: Mapping[str, int],
    ) -> Analysis:
        """The feature vector of `target` from its evidence and context."""
        duplicate = context.duplicate is not None and context.duplicate.kind in ("exact", "near")
        feature_input = FeatureInput(
            stripped=target.stripped,
            claims=target.claims,
            evidence=evidence,
            independent_sources=len({r.group for r in context.independent}),
            duplicate=1.0 if duplicate else 0.0,
        )
        return Analysis(target, context, evidence, feature_input, features(feature_input), resolved)

    def _reports(
        self,
        context: Context,
        index: ContextIndex,
        pool: Mapping[str, Prepared],
        corpus: object | None,
    ) -> list[Report]:
        memo = self._reports_memo(index)
        missing = [
            r.document_id
            for r in context.related
            if r.document_id not in pool and r.document_id not in memo.stored
        ]
        if missing and corpus is not None:
            loaded: dict[str, list[Claim]] = {}
            for claim in load_claims(corpus, missing):
                loaded.setdefault(claim.document_id or "", []).append(claim)
            memo.stored.update((d, loaded.get(d, [])) for d in missing)
        reports = []
        for r in context.related:
            if r.document_id in pool:
                p = pool[r.document_id]
                claims: Sequence[Claim] = p.claims
                published = p.stripped.document.published
            else:
                claims = memo.stored.get(r.document_id, [])
                sig = index.signature(r.document_id)
                published = sig.published if sig else None
            reports.append(memo.report(r.document_id, published, claims, r.group))
        return reports

    def _reports_memo(self, index: ContextIndex) -> _ReportsMemo:
        if self._memo is None or self._memo.index is not index:
            self._memo = _ReportsMemo(index)
        return self._memo


class _ReportsMemo:
    """The reports handed to evidence while one context index is alive (a batch).

    A report is context for every other article of its event: handing out the same `Report`
    (and, for a corpus report, the same claims, read once: the corpus is not written while an
    index is alive) lets evidence index each report once per batch instead of once per article.
    """

    def __init__(self, index: ContextIndex) -> None:
        self.index = index
        self.stored: dict[str, list[Claim]] = {}
        self._reports: dict[tuple[str, str], Report] = {}

    def report(
        self, document_id: str, published: date | None, claims: Sequence[Claim], voice: str
    ) -> Report:
        hit = self._reports.get((document_id, voice))
        if hit is not None and hit.claims is claims and hit.published == published:
            return hit
        report = Report(document_id, published, claims, voice=voice)
        self._reports[(document_id, voice)] = report
        return report


@cache
def default_analyzer() -> Analyzer:
    """One shared analyzer (and prepared-document cache) for callers that bring none."""
    return Analyzer()


def featurize(
    documents: Sequence[Document],
    context: Sequence[Document],
    analyzer: Analyzer | None = None,
) -> list[dict[str, float]]:
    """One named feature vector per document, each against `context` only.

    The documents are not context for each other (training scores a report and its corrupted
    variants against the same cluster-mates); a document found in `context` is left out of its
    own context.
    """
    return [a.features for a in analyse_against(documents, context, analyzer)]


def analyse_against(
    documents: Sequence[Document],
    context: Sequence[Document],
    analyzer: Analyzer | None = None,
) -> list[Analysis]:
    """Each of `documents` analysed against `context` (itself excluded)."""
    analyzer = analyzer or default_analyzer()
    pool = {p.id: p for p in (analyzer.prepare(d) for d in context)}
    out = []
    for doc in documents:
        target = analyzer.prepare(doc)
        others = [p for i, p in pool.items() if i != target.id]
        index = analyzer.index(others)
        out.append(analyzer.analyse(target, index, pool))
    return out
