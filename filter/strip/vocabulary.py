"""Every word the strip stage has met, numbered, so that what is known of a word is worked out
once per word, not once per block that holds it.

The block features (features.py) and the lexicon's columns (lexicon.py) read every word of every
block. A crawl's vocabulary is Zipfian: after a few hundred articles nearly every word of a new
one is already numbered. So each word of an article is looked up here once, and every count
made of the words is a NumPy operation over the article's word numbers, with one value per
number in a `WordTable`, instead of sets, sums and dictionary look-ups per block in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from itertools import chain
from typing import NamedTuple

import numpy as np

# Words the vocabulary holds at most (a few MB); it is emptied when full, between two articles.
_VOCABULARY_MAX = 100_000


def distinct_pairs(
    major: np.ndarray, minor: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (major, minor) pairs, ordered by major then minor (every minor < span);
    empty arrays for none. (A sort and a comparison of neighbours: `np.unique`, hashing first,
    took fifteen times as long.)"""
    keys = np.sort(major * span + minor)
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # each once
    return np.divmod(keys, span)


class Numbered(NamedTuple):
    """The words of an article's blocks as vocabulary numbers, in block order."""

    numbers: np.ndarray
    counts: np.ndarray  # words per block
    generation: int  # numbers are only valid in the vocabulary generation that gave them

    def blocks(self) -> np.ndarray:
        """The block of every word."""
        return np.repeat(np.arange(len(self.counts)), self.counts)

    def starts(self) -> np.ndarray:
        """Where each block's words begin in `numbers`."""
        return np.cumsum(self.counts) - self.counts

    def distinct(self) -> Numbered:
        """Each block's distinct words, once each (by number within a block)."""
        if not len(self.numbers):
            return self
        blocks, numbers = distinct_pairs(self.blocks(), self.numbers, int(self.numbers.max()) + 1)
        return Numbered(numbers, np.bincount(blocks, minlength=len(self.counts)), self.generation)


class Vocabulary(dict[str, int]):
    """Word -> its number; `words` lists the words by number."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.generation = 0

    def __missing__(self, word: str) -> int:
        number = len(self.words)
        self.words.append(word)
        self[word] = number
        return number

    def number(self, words: Sequence[list[str]]) -> Numbered:
        """The numbers of every block's words (a full vocabulary starts a new generation)."""
        if len(self.words) >= _VOCABULARY_MAX:
            self.clear()
            self.words = []
            self.generation += 1
        counts = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        every = chain.from_iterable(words)
        numbers = np.fromiter(map(self.__getitem__, every), dtype=np.int64, count=int(counts.sum()))
        return Numbered(numbers, counts, self.generation)


@cache
def vocabulary() -> Vocabulary:
    """The process's one vocabulary, shared by everything that numbers words."""
    return Vocabulary()


def put_growing(array: np.ndarray, at: int, values: Sequence[float] | np.ndarray) -> np.ndarray:
    """`array` with `values` written from `at`, doubled in size first when they do not fit: a
    per-number table grows with the vocabulary without copying itself on every new word."""
    end = at + len(values)
    if end > len(array):
        grown = np.zeros(max(end, 2 * len(array)), array.dtype)
        grown[:at] = array[:at]
        array = grown
    array[at:end] = values
    return array


def positions_in_runs(count: np.ndarray) -> np.ndarray:
    """0, 1, ..., count[0] - 1, 0, 1, ..., count[1] - 1, ...: each element's place in its run."""
    return np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)


class WordTable:
    """One value per vocabulary number, `value_of(word)` worked out once per word."""

    def __init__(self, value_of: Callable[[str], float], dtype: type) -> None:
        self.value_of = value_of
        self.values = np.zeros(1024, dtype=dtype)
        self.size = 0  # numbers below this have their value
        self.generation = -1

    def of(self, numbered: Numbered) -> np.ndarray | None:
        """The value of every word of `numbered`; None when its numbers are out of date."""
        words = vocabulary()
        if numbered.generation != words.generation:
            return None
        if self.generation != words.generation:
            self.size, self.generation = 0, words.generation
        while self.size < len(words.words):  # value_of may number words of its own
            self._extend(words.words[self.size :])
        return self.values[numbered.numbers]

    def _extend(self, new: list[str]) -> None:
        self.values = put_growing(self.values, self.size, [self.value_of(word) for word in new])
        self.size += len(new)
