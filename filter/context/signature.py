"""A document's context signature, computed once at gate time and stored in the corpus.

It holds everything later lookups need, so no lookup ever re-reads an article's text: salient
entities (blocking), keywords (ranking), a MinHash over word shingles (near duplicates) and a hash
of the normalised words (exact duplicates).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
from datasketch import MinHash

from filter.context.config import ContextConfig, default_config
from filter.context.salient import keywords, salient_entities
from filter.context.text import words
from filter.types import Document, Stripped

# datasketch's permutation scheme, pinned: sketches of different schemes are not comparable.
_SCHEME = "affine32"


@dataclass(frozen=True, slots=True)
class Signature:
    """What stage 4 knows about one document. `minhash` is little-endian uint32 x num_perm."""

    document_id: str
    published: date | None
    entities: tuple[str, ...]
    keywords: tuple[str, ...]
    minhash: bytes
    shingles: int
    content_hash: str
    params: str

    @property
    def hashvalues(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype="<u4")


def shingles(tokens: list[str], k: int) -> set[str]:
    """Distinct k-word shingles; a text shorter than k words is one shingle."""
    if len(tokens) <= k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=num_perm, seed=seed, scheme=_SCHEME).permutations


def minhash(items: Iterable[str], config: ContextConfig) -> bytes:
    """MinHash of a set of strings; seeded, so identical in every process."""
    m = MinHash(
        num_perm=config.num_perm,
        seed=config.seed,
        permutations=_permutations(config.num_perm, config.seed),
        scheme=_SCHEME,
    )
    m.update_batch([s.encode("utf-8") for s in items])
    return m.hashvalues.astype("<u4").tobytes()


def compute_signature(
    document_id: str,
    text: str,
    *,
    published: date | None = None,
    title: str | None = None,
    entities: Iterable[str] | None = None,
    config: ContextConfig | None = None,
) -> Signature:
    """The signature of one text. `entities` are keys from the claims stage (e.g. GeoNames
    place ids), ranked ahead of the heuristic names."""
    cfg = config or default_config()
    tokens = words(text)
    shingled = shingles(tokens, cfg.shingle_words)
    ents = salient_entities(text, title, cfg.max_entities, entities)
    return Signature(
        document_id=document_id,
        published=published,
        entities=ents,
        keywords=keywords(text, ents, cfg.max_keywords, cfg.min_keyword_length),
        minhash=minhash(shingled, cfg),
        shingles=len(shingled),
        content_hash=hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest(),
        params=cfg.params,
    )


def signature_of(
    item: Document | Stripped,
    entities: Iterable[str] | None = None,
    config: ContextConfig | None = None,
) -> Signature:
    """Signature of a document: of its clean text when given a Stripped one."""
    doc = item.document if isinstance(item, Stripped) else item
    text = item.text if isinstance(item, Stripped) else doc.text
    return compute_signature(
        doc.id, text, published=doc.published, title=doc.title, entities=entities, config=config
    )
