"""A learned word lexicon for the block classifier: how much more often a word is seen in junk.

Hand features say how a block looks; they cannot know that "guestbook", "enlarge" or "hiring"
are page furniture on every site. Junk vocabulary is small and shared across sites, body
vocabulary is the whole language, so a smoothed log-odds weight per word, learned from the
training blocks, carries over to sites nobody wrote templates for. Only words seen in many
blocks get a weight (a strong prior and a high document-frequency floor), so invented names of
one author's templates do not become junk words.

The lexicon is part of the trained model: it ships beside the LightGBM file as JSON, its SHA-256
recorded in the model card, and `BlockClassifier` appends its columns (`LEXICAL_NAMES`) to the
hand features of `features.py`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from filter.strip.features import fill_neighbours, head_words
from filter.strip.vocabulary import Numbered, WordTable

LEXICAL_NAMES: tuple[str, ...] = ("lex_mean", "lex_max", "prev_lex_mean", "next_lex_mean")


def block_words(text: str) -> set[str]:
    """The distinct words of a block as the hand features read them (features.head_words); the
    text path hands over the features' own word lists instead of reading the blocks again."""
    return set(head_words(text))


class Lexicon:
    """Word -> log-odds of junk against body (clipped); unknown words weigh 0."""

    def __init__(self, weights: Mapping[str, float], params: Mapping[str, Any] | None = None):
        self.weights = dict(weights)
        self.params = dict(params or {})
        # Weights by vocabulary number (read once per word: the weights do not change).
        self._by_number = WordTable(lambda word: self.weights.get(word, 0.0), np.float64)
        self._nonzero = all(w != 0.0 and w == w for w in self.weights.values())

    @classmethod
    def from_counts(
        cls,
        body: Counter[str],
        junk: Counter[str],
        body_blocks: int,
        junk_blocks: int,
        min_blocks: int,
        prior: float,
        clip: float = 4.0,
    ) -> Lexicon:
        """Weights from block frequencies: log P(word | junk) - log P(word | body), each with
        `prior` pseudo-blocks, for words in at least `min_blocks` blocks."""
        log_junk = math.log(junk_blocks + 2 * prior)
        log_body = math.log(body_blocks + 2 * prior)
        weights = {}
        for word in body.keys() | junk.keys():
            b, j = body.get(word, 0), junk.get(word, 0)
            if b + j < min_blocks:
                continue
            w = (math.log(j + prior) - log_junk) - (math.log(b + prior) - log_body)
            weights[word] = round(max(-clip, min(clip, w)), 5)
        params = {"min_blocks": min_blocks, "prior": prior, "clip": clip}
        return cls(weights, params)

    def columns(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(LEXICAL_NAMES)) float32: the mean and the largest weight of each
        block's words, and the mean of the blocks before and after it (0 past either end)."""
        return self.columns_of_words([block_words(t) for t in texts])

    def columns_of_words(
        self, words: Iterable[set[str]], sizes: Sequence[int] | None = None
    ) -> np.ndarray:
        """`columns` from each block's set of words. A set's order changes with the process's
        string-hash seed, so the sum is `math.fsum` (correctly rounded, hence the same in any
        order): a model must see the same columns in training and in every later process.

        `sizes`: the blocks are those of several articles, `sizes[k]` blocks of article k, one
        after the other (see features.numbered_block_features); neighbours stop at each end."""
        get = self.weights.get
        mean, top = [], []
        for ws in words:
            values = [get(w, 0.0) for w in ws]
            mean.append(math.fsum(values) / len(values) if values else 0.0)
            top.append(max(values) if values else 0.0)
        return _columns(mean, top, sizes)

    def columns_of_blocks(
        self, words: Sequence[list[str]], numbered: Numbered, sizes: Sequence[int] | None = None
    ) -> np.ndarray:
        """`columns_of_words(map(set, words))`, from the words' vocabulary numbers (`numbered`,
        features.numbered_block_features): no set per block and no look-up per word.

        The mean is the same `math.fsum` of the same weights, those of each block's distinct
        words; the largest is NumPy's, the same as Python's `max` over a set unless two weights
        differ only in the sign of zero. A lexicon with a zero weight, or numbers of an older
        vocabulary generation, takes the word-by-word path.
        """
        distinct = numbered.distinct()
        weights = self._by_number.of(distinct) if self._nonzero else None
        if weights is None:
            return self.columns_of_words(map(set, words), sizes)
        starts = distinct.starts()
        ends = starts + distinct.counts
        values = weights.tolist()
        bounds = zip(starts.tolist(), ends.tolist(), strict=True)
        mean = [math.fsum(values[a:b]) / (b - a) if b > a else 0.0 for a, b in bounds]
        top = np.zeros(len(ends))
        some = distinct.counts > 0
        if some.any():
            top[some] = np.maximum.reduceat(weights, starts[some])
        return _columns(mean, top, sizes)

    def to_json(self) -> str:
        """Sorted, one word per line: reproducible bytes and readable diffs."""
        body = {"params": self.params, "weights": self.weights}
        return json.dumps(body, indent=0, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, raw: str) -> Lexicon:
        data = json.loads(raw)
        return cls({str(w): float(v) for w, v in data["weights"].items()}, data.get("params"))


def _columns(mean: list[float], top: Sequence[float], sizes: Sequence[int] | None) -> np.ndarray:
    """The lexical columns from each block's mean and largest weight (blocks of articles of
    `sizes` blocks each, when given: 0 past either end of each)."""
    n = len(mean)
    out = np.zeros((n, len(LEXICAL_NAMES)), dtype=np.float32)
    if n:
        out[:, 0] = mean
        out[:, 1] = top
        fill_neighbours(out, 0, 2, 3, sizes)
    return out
