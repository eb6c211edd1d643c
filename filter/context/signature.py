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
from operator import methodcaller

import numpy as np
from datasketch import MinHash

from filter.context.config import ContextConfig, default_config
from filter.context.salient import entities_and_keywords
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
    return set(map(" ".join, zip(*(tokens[i:] for i in range(k)), strict=False)))


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=_SCHEME).permutations
    return a.reshape(1, -1), b.reshape(1, -1)


# MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies to each input hash
# before its permutations (tests/test_context_duplicates.py checks against datasketch itself).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_EMPTY = np.uint32(0xFFFFFFFF)
_DIGEST = methodcaller("digest")
_SHA1_WORDS = 5  # a SHA-1 digest is five 32-bit words


def _sha1_32(items: set[str]) -> np.ndarray:
    """datasketch's `sha1_hash32` of each item (first 4 bytes of its SHA-1, little-endian), in
    the set's order, as uint32. Not memoised by shingle: a crawl's reprinted paragraphs would
    flatter such a cache. The digests are taken in C (`map`), no Python frame per shingle, and
    cut to their first word by numpy, not a slice each."""
    digests = b"".join(map(_DIGEST, map(hashlib.sha1, map(str.encode, items))))
    return np.frombuffer(digests, dtype="<u4")[::_SHA1_WORDS].astype(np.uint32)


def minhash(items: Iterable[str], config: ContextConfig) -> bytes:
    """MinHash of a set of strings; seeded, so identical in every process.

    The very numbers of datasketch's `MinHash(scheme="affine32").update_batch` (stored
    signatures must stay comparable), computed on the whole batch with numpy at once."""
    a, b = _permutations(config.num_perm, config.seed)
    hv = _sha1_32(items if isinstance(items, set) else set(items))
    if not len(hv):
        return np.full(config.num_perm, _EMPTY, dtype="<u4").tobytes()
    s1, m1, s2, m2 = _FMIX32
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s1
    phv = hv.reshape(-1, 1) * a
    phv += b
    return phv.min(axis=0).astype("<u4").tobytes()


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
    ents, keys = entities_and_keywords(
        text, title, entities, (cfg.max_entities, cfg.max_keywords, cfg.min_keyword_length)
    )
    return Signature(
        document_id=document_id,
        published=published,
        entities=ents,
        keywords=keys,
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
