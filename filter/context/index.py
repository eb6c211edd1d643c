"""`ContextIndex`: the other reports of each document's event, from its batch and the corpus.

The batch lives in memory; the corpus is read through indexed lookups only (see store.py), so a
lookup costs the same however large the corpus is. Documents added to the index are compared,
in the order added, with everything before them: that is how a document becomes the duplicate of
an *earlier* one, and how duplicate groups grow.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import chain

from filter.context.config import ContextConfig, default_config
from filter.context.duplicates import Duplicate, Groups, band_keys, classify_many
from filter.context.related import (
    IdfWeights,
    Related,
    TermSets,
    days_apart,
    mark_independent,
    term_similarity,
)
from filter.context.signature import Signature, signature_of
from filter.context.store import SignatureStore, Stored
from filter.types import Document, Stripped

_SEVERITY = {"exact": 0, "near": 1, "voice": 2}


@dataclass(frozen=True, slots=True)
class Context:
    """Stage 4's output for one document."""

    document_id: str
    related: tuple[Related, ...]
    duplicate: Duplicate | None
    group: str

    @property
    def independent(self) -> tuple[Related, ...]:
        return tuple(r for r in self.related if r.independent)


class _Frequencies:
    """Document frequency of a term: in the batch plus in the corpus (as read so far)."""

    __slots__ = ("_batch", "_corpus")

    def __init__(self, batch: Counter[str], corpus: dict[str, int]) -> None:
        self._batch, self._corpus = batch, corpus

    def get(self, term: str, default: int = 0) -> int:
        return self._batch.get(term, 0) + self._corpus.get(term, default)


class ContextIndex:
    """Related reports and duplicates for a batch, against itself and a corpus (read-only).

    The corpus is not written while an index is alive (a batch is recorded after it is
    decided), so what is read from it (signatures, postings, document frequencies, groups) is
    read once and remembered; each lookup then costs set operations, not queries.
    """

    def __init__(self, corpus: object | None = None, config: ContextConfig | None = None) -> None:
        self.config = config or default_config()
        self._store = SignatureStore(corpus, self.config) if corpus is not None else None
        if self._store is not None and not self._store.available():
            self._store = None  # a corpus from before schema 2, opened read-only
        self._batch: dict[str, Signature] = {}
        self._order: dict[str, int] = {}
        self._by_entity: dict[str, list[str]] = defaultdict(list)
        self._by_band: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._by_hash: dict[str, list[str]] = defaultdict(list)
        self._df: Counter[str] = Counter()
        self._groups = Groups()
        self._links: dict[str, list[Duplicate]] = {}
        self._corpus_total: int | None = None
        self._day: dict[str, int | None] = {}  # batch document -> publication day ordinal
        # Read from the corpus once: signatures by key and by id, postings, frequencies.
        self._stored: dict[int, Stored | None] = {}
        self._stored_ids: dict[str, Stored | None] = {}
        self._postings: dict[tuple[str, date | None], list[int]] = {}
        self._corpus_df: dict[str, int] = {}
        self._df_pending: set[str] = set()  # terms whose corpus frequency may not be read yet
        self._joined: set[str] = set()  # corpus documents already put in their stored group
        self._corpus_blocked: dict[str, tuple[Signature, dict[int, int]]] = {}
        # Valid until the next `add`: IDF weights and each signature's weighted term sets.
        self._weight: IdfWeights | None = None
        self._term_sets: dict[str, tuple[Signature, TermSets]] = {}

    # -- building -------------------------------------------------------------------------
    def add(self, items: Iterable[Signature | Document | Stripped]) -> ContextIndex:
        """Add batch documents in order; each is checked against everything added before it."""
        for item in items:
            sig = item if isinstance(item, Signature) else signature_of(item, config=self.config)
            if sig.document_id in self._batch:
                continue
            links = self._matches(sig, earlier_only=True)
            self._links[sig.document_id] = links
            self._groups.union([sig.document_id, *(self.group_of(d.other_id) for d in links)])
            self._order[sig.document_id] = len(self._order)
            self._batch[sig.document_id] = sig
            self._day[sig.document_id] = sig.published.toordinal() if sig.published else None
            for e in sig.entities:
                self._by_entity[e].append(sig.document_id)
            for key in band_keys(sig, self.config.bands, self.config.rows):
                self._by_band[key].append(sig.document_id)
            self._by_hash[sig.content_hash].append(sig.document_id)
            terms = set(sig.entities) | set(sig.keywords)
            self._df.update(terms)
            if self._store is not None:
                self._df_pending |= terms
            self._weight = None
            self._term_sets.clear()
        return self

    def signature(self, document_id: str) -> Signature | None:
        if document_id in self._batch:
            return self._batch[document_id]
        stored = self._stored_by_id(document_id)
        return stored.signature if stored else None

    # -- answers --------------------------------------------------------------------------
    def links(self, document_id: str) -> list[str]:
        """Earlier documents this one repeats (exact, near or one voice), for the corpus groups."""
        return [d.other_id for d in self._links.get(document_id, ())]

    def duplicate_of(self, item: Signature | Document | Stripped) -> Duplicate | None:
        """The earlier document this one is an exact or near duplicate of, if any."""
        sig = self._sig(item)
        links = self._links.get(sig.document_id)
        if links is None:
            links = self._matches(sig, earlier_only=True)
        dups = [d for d in links if d.kind != "voice"]
        if not dups:
            return None
        return min(dups, key=lambda d: (_SEVERITY[d.kind], -d.jaccard, d.other_id))

    def group_of(self, document_id: str) -> str:
        """The duplicate group: the smallest id among the documents that are one voice with it."""
        if document_id not in self._batch:
            stored = self._stored_by_id(document_id)
            if stored is not None:
                self._join(stored)
        return self._groups.find(document_id)

    def related(self, item: Signature | Document | Stripped, k: int | None = None) -> list[Related]:
        """The top-k other reports of the same event, best first, with independence marked."""
        sig = self._sig(item)
        k = self.config.top_k if k is None else k
        shared = self._blocked_batch(sig)
        if self._store is not None:
            shared.update((f"#{key}", n) for key, n in self._blocked_corpus(sig).items())
        # By shared entities, most first, then by key: the key sort, then a stable one by count.
        ranked_keys = sorted(sorted(shared), key=shared.__getitem__, reverse=True)
        candidates = self._load(ranked_keys[: self.config.max_candidates], sig.document_id)
        weight = self._weights(sig)
        mine = self._terms(sig, weight)
        ew, min_score = self.config.entity_weight, self.config.min_score
        scored = []
        for doc_id, (other, origin, key) in candidates.items():
            score = term_similarity(mine, self._terms(other, weight), weight, ew)
            if score >= min_score:
                scored.append((score, doc_id, other, origin, key))
        scored.sort(key=lambda t: (-t[0], t[1]))
        out = [
            Related(
                document_id=doc_id,
                score=round(score, 4),
                shared_entities=self._shared_entities(sig, key, other),
                days_apart=days_apart(sig.published, other.published),
                group=self.group_of(doc_id),
                independent=False,
                origin=origin,
            )
            for score, doc_id, other, origin, key in scored[:k]
        ]
        return mark_independent(out, self.group_of(sig.document_id))

    def context(self, item: Signature | Document | Stripped, k: int | None = None) -> Context:
        sig = self._sig(item)
        return Context(
            sig.document_id,
            tuple(self.related(sig, k)),
            self.duplicate_of(sig),
            self.group_of(sig.document_id),
        )

    # -- internals ------------------------------------------------------------------------
    def _sig(self, item: Signature | Document | Stripped) -> Signature:
        if isinstance(item, Signature):
            return item
        doc_id = item.document.id if isinstance(item, Stripped) else item.id
        return self._batch.get(doc_id) or signature_of(item, config=self.config)

    def _blocked_batch(self, sig: Signature) -> dict[str, int]:
        """Batch document -> how many of `sig`'s salient entities it shares, for those inside the
        date window that share enough. Counted in C; which entities they are is only asked of the
        few reports a lookup returns (`_shared_entities`)."""
        entities = sig.entities
        need = min(self.config.min_shared_entities, len(entities))
        me, days, w = sig.document_id, self._day, self.config.window_days
        day = sig.published.toordinal() if sig.published else None
        by_entity = self._by_entity
        counts = Counter(chain.from_iterable([by_entity.get(e, ()) for e in entities]))
        return {
            doc_id: n
            for doc_id, n in counts.items()
            if n >= need
            and doc_id != me
            and (day is None or (other := days[doc_id]) is None or abs(day - other) <= w)
        }

    def _blocked_corpus(self, sig: Signature) -> dict[int, int]:
        """`_blocked_batch` for corpus documents, by key. Remembered per signature for the life of
        the index (the postings it counts are read once and the corpus is not written), so the
        lookup reuses what `add` counted."""
        hit = self._corpus_blocked.get(sig.document_id)
        if hit is not None and hit[0] is sig:
            return hit[1]
        assert self._store is not None
        need = min(self.config.min_shared_entities, len(sig.entities))
        postings = self._corpus_postings(self._store, sig.entities, sig.published)
        counts = Counter(chain.from_iterable(postings))
        blocked = {key: n for key, n in counts.items() if n >= need}
        self._corpus_blocked[sig.document_id] = (sig, blocked)
        return blocked

    def _shared_entities(self, sig: Signature, key: str, other: Signature) -> tuple[str, ...]:
        """The salient entities of `sig` that blocked candidate `key` (`other`) shares with it:
        for a batch document its own entities, for a corpus one the postings that named it."""
        if not key.startswith("#"):
            theirs = set(other.entities)
            return tuple(e for e in sig.entities if e in theirs)
        assert self._store is not None
        stored_key = int(key[1:])
        postings = self._corpus_postings(self._store, sig.entities, sig.published)
        named = zip(sig.entities, postings, strict=True)
        return tuple(e for e, docs in named if stored_key in docs)

    def _load(self, keys: list[str], exclude: str) -> dict[str, tuple[Signature, str, str]]:
        """Document id -> (signature, origin, candidate key) of candidates, batch ones first;
        corpus copies of batch documents and the document's own stored copy are dropped."""
        out: dict[str, tuple[Signature, str, str]] = {}
        for key in keys:
            if not key.startswith("#") and key != exclude:
                out[key] = (self._batch[key], "batch", key)
        corpus_keys = [int(key[1:]) for key in keys if key.startswith("#")]
        if self._store is not None and corpus_keys:
            for stored in self._stored_many(corpus_keys):
                doc_id = stored.signature.document_id
                if doc_id not in out and doc_id not in self._batch and doc_id != exclude:
                    out[doc_id] = (stored.signature, "corpus", f"#{stored.key}")
                    self._join(stored)
        return out

    def _weights(self, sig: Signature) -> IdfWeights:
        """IDF weights over the batch and the corpus; the same for every lookup until `add`.

        Every term a lookup weighs belongs to a batch or loaded corpus signature, or to `sig`:
        their corpus frequencies are read together, once."""
        if self._store is not None:
            self._df_pending.update(sig.entities, sig.keywords)
            pending = self._df_pending.difference(self._corpus_df)
            self._df_pending.clear()
            if pending:
                self._corpus_df.update(dict.fromkeys(pending, 0))
                self._corpus_df.update(self._store.document_frequency(pending))
        if self._weight is None:
            total = len(self._batch)
            if self._store is not None:
                if self._corpus_total is None:
                    self._corpus_total = self._store.count()
                total += self._corpus_total
            frequencies = _Frequencies(self._df, self._corpus_df)
            self._weight = IdfWeights(frequencies, total, self.config.idf_prior_documents)
        return self._weight

    def _terms(self, sig: Signature, weight: IdfWeights) -> TermSets:
        """`sig`'s weighted term sets under the current weights (remembered per signature)."""
        hit = self._term_sets.get(sig.document_id)
        if hit is not None and hit[0] is sig:
            return hit[1]
        terms = TermSets.of(sig, weight)
        self._term_sets[sig.document_id] = (sig, terms)
        return terms

    # -- corpus reads, each remembered for the life of the index ----------------------------
    def _stored_many(self, keys: Iterable[int]) -> list[Stored]:
        """Stored signatures of comparable parameters among `keys` (others are left out)."""
        keys = list(keys)
        missing = [k for k in dict.fromkeys(keys) if k not in self._stored]
        if missing and self._store is not None:
            self._stored.update(dict.fromkeys(missing))
            for stored in self._store.by_keys(missing):
                self._remember(stored)
        found = (self._stored[k] for k in keys)
        return [s for s in found if s is not None]

    def _stored_by_id(self, document_id: str) -> Stored | None:
        if document_id in self._stored_ids or self._store is None:
            return self._stored_ids.get(document_id)
        stored = self._store.by_id(document_id)
        if stored is None:
            self._stored_ids[document_id] = None
        else:
            self._remember(stored)
        return stored

    def _join(self, stored: Stored) -> None:
        """Put a corpus document in its stored duplicate group; once, as a union is idempotent
        and most corpus documents are candidates of many lookups."""
        doc_id = stored.signature.document_id
        if doc_id not in self._joined:
            self._joined.add(doc_id)
            self._groups.union([doc_id, stored.group])

    def _remember(self, stored: Stored) -> None:
        sig = stored.signature
        self._stored[stored.key] = stored
        self._stored_ids[sig.document_id] = stored
        self._df_pending.update(sig.entities, sig.keywords)  # the known ones dropped when read

    def _corpus_postings(
        self, store: SignatureStore, entities: tuple[str, ...], day: date | None
    ) -> list[list[int]]:
        """Each entity's corpus postings around `day`; those not read yet in one query."""
        missing = [e for e in entities if (e, day) not in self._postings]
        if missing:
            for e, found in store.by_entities(missing, day).items():
                self._postings[(e, day)] = found
        return [self._postings[(e, day)] for e in entities]

    def _matches(self, sig: Signature, *, earlier_only: bool) -> list[Duplicate]:
        """Every document `sig` repeats: exact hash, LSH band and same-event candidates."""
        position = self._order.get(sig.document_id, len(self._order))
        batch_ids: set[str] = set(self._by_hash.get(sig.content_hash, ()))
        bands = band_keys(sig, self.config.bands, self.config.rows)
        for key in bands:
            batch_ids.update(self._by_band.get(key, ()))
        corpus_keys: set[int] = set()
        if self._store is not None:
            corpus_keys.update(self._store.by_hash(sig.content_hash))
            corpus_keys.update(self._store.by_bands(sig, bands))
            corpus_keys.update(self._blocked_corpus(sig))
        batch_ids.update(self._blocked_batch(sig))
        others: dict[str, Signature] = {}
        if self._store is not None and corpus_keys:
            for stored in self._stored_many(corpus_keys):
                others[stored.signature.document_id] = stored.signature
                self._join(stored)
        for doc_id in batch_ids:
            if not earlier_only or self._order[doc_id] < position:
                others[doc_id] = self._batch[doc_id]
        others.pop(sig.document_id, None)
        found = classify_many(sig, list(others.values()), self.config)
        return sorted((d for d in found if d), key=lambda d: d.other_id)
