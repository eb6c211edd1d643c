"""Exact and near duplicates, one-voice groups, and shared passages.

Three measured notions (thresholds in `data/context.toml`):
- exact: the same words in the same order (hash of the normalised words);
- near: estimated Jaccard of the 5-word-shingle sets >= `near_jaccard`, or the newer document
  contained in the earlier one >= `near_containment` (a trimmed reprint). Both are gate reasons;
- one voice: a near duplicate, or the shared shingles make up >= `voice_containment` of the
  shorter document. One-voice documents form a duplicate group and count as one source.
Shorter shared runs (wire passages quoted inside otherwise independent articles) are found by
`shared_passages`, so the evidence stage can refuse to count a claim twice when both reports
took it from the same wire copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from filter.context.config import ContextConfig
from filter.context.signature import Signature
from filter.context.text import word_spans
from filter.types import Reason

Kind = Literal["exact", "near", "voice"]


@dataclass(frozen=True, slots=True)
class Duplicate:
    """`document_id` repeats `other_id` (exactly, nearly, or as the same voice)."""

    document_id: str
    other_id: str
    kind: Kind
    jaccard: float
    containment: float  # share of document_id's shingles found in other_id


def jaccard(a: Signature, b: Signature) -> float:
    """MinHash estimate of the Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def containment(a: Signature, b: Signature, j: float | None = None) -> float:
    """Estimated share of a's shingles that are also b's: |A∩B|/|A| from J and the set sizes."""
    j = jaccard(a, b) if j is None else j
    if not a.shingles:
        return 0.0
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return min(1.0, shared / a.shingles)


def classify(
    doc: Signature, other: Signature, config: ContextConfig, j: float | None = None
) -> Duplicate | None:
    """How `doc` repeats `other`, or None when they are independent texts (`j`: their
    `jaccard`, when the caller has it)."""
    if doc.content_hash == other.content_hash:
        return Duplicate(doc.document_id, other.document_id, "exact", 1.0, 1.0)
    j = jaccard(doc, other) if j is None else j
    c_doc = containment(doc, other, j)
    c_other = containment(other, doc, j)
    shorter = c_doc if doc.shingles <= other.shingles else c_other
    kind: Kind | None = None
    if j >= config.near_jaccard or c_doc >= config.near_containment:
        kind = "near"
    elif shorter >= config.voice_containment:
        kind = "voice"
    if kind is None:
        return None
    return Duplicate(doc.document_id, other.document_id, kind, round(j, 4), round(c_doc, 4))


def classify_many(
    doc: Signature, others: Sequence[Signature], config: ContextConfig
) -> list[Duplicate | None]:
    """`classify` of `doc` against each of `others`: one numpy comparison for all of them
    (an index compares each document with dozens of candidates)."""
    if not others:
        return []
    mine = doc.hashvalues
    theirs = np.frombuffer(b"".join(o.minhash for o in others), dtype="<u4")
    equal = np.count_nonzero(theirs.reshape(len(others), len(mine)) == mine, axis=1)
    n = len(mine)
    return [
        classify(doc, other, config, float(k) / n)
        for other, k in zip(others, equal.tolist(), strict=True)
    ]


@lru_cache(maxsize=1024)
def band_keys(sig: Signature, bands: int, rows: int) -> list[tuple[int, int]]:
    """(band, bucket) pairs for LSH: two signatures sharing one are near-duplicate candidates.
    Remembered per signature (a batch's: the index computes them, the corpus write stores them;
    keyed by the whole signature, document id included, not by content, which reprints share).
    The list is shared: callers only read it."""
    raw, width, blake2b = sig.minhash, 4 * rows, hashlib.blake2b
    starts = range(0, bands * width, width)
    digests = b"".join([blake2b(raw[i : i + width], digest_size=8).digest() for i in starts])
    # Each 8-byte digest read as a signed little-endian integer, all at once.
    return list(zip(range(bands), np.frombuffer(digests, dtype="<i8").tolist(), strict=True))


def duplicate_reason(dup: Duplicate, config: ContextConfig) -> Reason:
    """The gate reason for an exact or near duplicate, with the verdict the config asks for."""
    if dup.kind == "exact":
        verdict, message = config.exact_verdict, f"the same text as {dup.other_id[:12]}"
    else:
        verdict = config.near_verdict
        message = (
            f"a near duplicate of {dup.other_id[:12]} (Jaccard {dup.jaccard:.2f}, "
            f"{dup.containment:.0%} of its text contained)"
        )
    return Reason(
        kind=f"duplicate.{dup.kind}",
        message=message,
        evidence=(
            {
                "verdict": verdict,
                "other": dup.other_id,
                "jaccard": dup.jaccard,
                "containment": dup.containment,
            },
        ),
    )


class Groups:
    """Union-find over document ids; a group is named by its smallest id, so the name does not
    depend on the order documents arrived in."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self._parent.setdefault(item, item)
        if parent == item:
            return item
        root = self.find(parent)
        self._parent[item] = root
        return root

    def union(self, items: Iterable[str]) -> str:
        roots = {self.find(i) for i in items}
        root = min(roots)
        for r in roots:
            self._parent[r] = root
        return root


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of words two texts share: character spans in each, and its length in words."""

    start: int
    end: int
    other_start: int
    other_end: int
    words: int


def shared_passages(text: str, other: str, min_words: int = 12, k: int = 5) -> list[Passage]:
    """Runs of at least `min_words` words that `text` and `other` both contain, in text order."""
    a = list(word_spans(text))
    b = list(word_spans(other))
    where: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - k + 1):
        where.setdefault(tuple(w for w, _, _ in b[j : j + k]), []).append(j)
    passages: list[Passage] = []
    i = 0
    while i <= len(a) - k:
        starts = where.get(tuple(w for w, _, _ in a[i : i + k]))
        if not starts:
            i += 1
            continue
        best_len, best_j = 0, starts[0]
        for j in starts:
            n = 0
            while i + n < len(a) and j + n < len(b) and a[i + n][0] == b[j + n][0]:
                n += 1
            if n > best_len:
                best_len, best_j = n, j
        if best_len >= min_words:
            passages.append(
                Passage(
                    a[i][1],
                    a[i + best_len - 1][2],
                    b[best_j][1],
                    b[best_j + best_len - 1][2],
                    best_len,
                )
            )
        i += best_len
    return passages
