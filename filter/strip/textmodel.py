"""A hashed n-gram linear model over a block's words: the wordings junk shares across sites.

The lexicon (lexicon.py) weighs whole words seen in hundreds of blocks, each counted on its own.
This model is fitted discriminatively (logistic regression) on character 3-5-grams inside each
word and on word pairs, so "subscribers" and "subscription" share evidence with "subscribe",
and "sign up" weighs more than "sign" and "up" apart. Its logit for a block, and its
neighbours', are three more columns of the block classifier's rows.

It reads the same words as the lexicon (features.head_words), so training and stripping hash
the same strings. Features are hashed with CRC-32 into `BUCKETS` slots (no vocabulary to ship),
each word's once per process, through the numbers the features give words (vocabulary.py):
a block's slots are then NumPy gathers, pairs' included (crc.py), with no Python per word;
each family (character grams, word grams) is L2-normalised per block, as a hashing vectoriser
with `norm="l2"` does. The weights ship beside the LightGBM file as JSON (float16, base64), pinned
by SHA-256 in the model card.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from filter.strip.crc import Joiner, crc32_windows
from filter.strip.features import fill_neighbours
from filter.strip.vocabulary import Numbered, positions_in_runs, put_growing, vocabulary

TEXT_NAMES: tuple[str, ...] = ("text_logit", "prev_text_logit", "next_text_logit")
_BITS = 19
BUCKETS = 1 << _BITS
_MASK = BUCKETS - 1
_GRAMS = (3, 4, 5)


def _gram_windows(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For padded words of `sizes` characters laid end to end: every character gram's start,
    length and word, each word's 3-grams, then 4-grams, then 5-grams, left to right. (A padded
    word has at least 3 characters, a space each side of one or more.)"""
    n = len(sizes)
    word = np.repeat(np.arange(n), len(_GRAMS))
    gram = np.tile(_GRAMS, n)
    count = np.maximum(sizes[word] - gram + 1, 0)
    segment = np.repeat(np.arange(len(word)), count)
    word_start = np.cumsum(sizes) - sizes
    return word_start[word[segment]] + positions_in_runs(count), gram[segment], word[segment]


class _WordSlots:
    """What the model hashes of each vocabulary word, worked out once per word: its word slot,
    its character-gram slots (one ragged table), and the CRC-32s from which a pair's slot is
    found without hashing the pair's string (crc.py): crc32("p" + word + " ") when it leads a
    pair, crc32(word) and its length in bytes when it follows. Arrays grow by doubling, so a
    page that brings a few new words does not copy the table."""

    def __init__(self) -> None:
        self.joiner = Joiner()
        self._empty(-1)

    def _empty(self, generation: int) -> None:
        self.generation = generation
        self.size = 0  # vocabulary numbers below this are in the table
        self.word = np.zeros(1024, np.int64)
        self.lead = np.zeros(1024, np.uint32)
        self.tail = np.zeros(1024, np.uint32)
        self.nbytes = np.zeros(1024, np.int64)
        self.char_start = np.zeros(1024, np.int64)
        self.char_count = np.zeros(1024, np.int64)
        self.chars = np.zeros(1 << 14, np.int32)  # every word's gram slots, end to end
        self.chars_used = 0

    def sync(self) -> None:
        """Bring the table up to the vocabulary (emptied with it when it starts a generation)."""
        words = vocabulary()
        if self.generation != words.generation:
            self._empty(words.generation)
        if self.size < len(words.words):
            self._extend(words.words[self.size :])

    def _extend(self, new: list[str]) -> None:
        """Hash the new words: their character grams in a few NumPy passes over the words
        padded with a space each side (crc.py), so "sign" also yields " si" and "gn "."""
        at = self.size
        padded = "".join(f" {w} " for w in new)
        sizes = np.fromiter(map(len, new), np.int64, len(new)) + 2
        starts, lengths, owner = _gram_windows(sizes)
        grams = crc32_windows(padded, starts, lengths, b"c") & _MASK
        count = np.bincount(owner, minlength=len(new))
        starts_of = self.chars_used + np.cumsum(count) - count  # where each word's grams go
        self.char_start = put_growing(self.char_start, at, starts_of)
        self.char_count = put_growing(self.char_count, at, count)
        self.chars = put_growing(self.chars, self.chars_used, grams)
        self.chars_used += len(grams)
        encoded = [w.encode() for w in new]  # one zlib call per word: words can be long
        self.word = put_growing(self.word, at, [zlib.crc32(b"w" + b) & _MASK for b in encoded])
        self.lead = put_growing(self.lead, at, [zlib.crc32(b"p" + b + b" ") for b in encoded])
        self.tail = put_growing(self.tail, at, list(map(zlib.crc32, encoded)))
        self.nbytes = put_growing(self.nbytes, at, list(map(len, encoded)))
        self.size += len(new)

    def entries(self, numbered: Numbered) -> tuple[np.ndarray, np.ndarray]:
        """(slot, bin) of every feature occurrence: the character grams of each word, then each
        word's word slot and each pair's of neighbouring words in a block. A block's character
        grams are in bin 2 * block, its word grams in bin 2 * block + 1 (the two families are
        normalised apart)."""
        numbers = numbered.numbers
        block = numbered.blocks()
        count = self.char_count[numbers]
        chars = self.chars[np.repeat(self.char_start[numbers], count) + positions_in_runs(count)]
        follows = block[1:] == block[:-1]  # the next word is in the same block
        first, second = numbers[:-1][follows], numbers[1:][follows]
        pairs = self.joiner.join(self.lead[first], self.tail[second], self.nbytes[second])
        slots = np.concatenate([chars, self.word[numbers], (pairs & _MASK).astype(np.int64)])
        bins = np.concatenate(
            [np.repeat(2 * block, count), 2 * block + 1, 2 * block[:-1][follows] + 1]
        )
        return slots, bins


_SLOTS = _WordSlots()


def _numbered(words: Sequence[Sequence[str]], numbered: Numbered | None) -> Numbered:
    """`numbered` when it is in the vocabulary's current generation, else `words` numbered now."""
    if numbered is None or numbered.generation != vocabulary().generation:
        numbered = vocabulary().number(words)
    return numbered


def _design(
    words: Sequence[Sequence[str]], numbered: Numbered | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(bin, slot, value) of the L2-normalised counts, ordered by bin (block, then family) and
    slot: one sort for both families."""
    numbered = _numbered(words, numbered)
    _SLOTS.sync()  # after numbering, which may add words
    slots, bins = _SLOTS.entries(numbered)
    if not len(slots):
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0)
    keys = (bins << _BITS) | slots
    keys.sort()
    first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    key = keys[first]
    count = np.diff(first, append=len(keys)).astype(np.float64)
    bin_ = key >> _BITS
    norm = np.sqrt(np.bincount(bin_, count * count, 2 * len(words)))
    return bin_, key & _MASK, count / norm[bin_]


def family_counts(
    words: Sequence[Sequence[str]], numbered: Numbered | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's sparse design for blocks of `words`: (row, slot, value) triplets of the
    L2-normalised character-gram and word-gram counts (both families share the slots), every
    block's character grams first, then every block's word grams. Training builds its matrix
    from these. `numbered`: the words' vocabulary numbers, when the caller has them."""
    bin_, slot, value = _design(words, numbered)
    order = np.argsort(bin_ & 1, kind="stable")
    return bin_[order] >> 1, slot[order], value[order]


class TextModel:
    """Slot weights and an intercept: the logit of junk for a block's words."""

    def __init__(
        self, weights: np.ndarray, intercept: float, params: dict[str, Any] | None = None
    ) -> None:
        if weights.shape != (BUCKETS,):
            raise ValueError(f"a text model has {BUCKETS} weights, not {weights.shape}")
        self.weights = weights.astype(np.float64)
        self.weights.flags.writeable = False  # logits read a copy of these, made here
        # What logits read: the same values in the narrowest type that holds them exactly
        # (float16 for a model read from JSON), so a page's scattered reads touch less memory.
        for narrow in (np.float16, np.float32):
            if np.array_equal(self.weights.astype(narrow), self.weights):
                self._readable = self.weights.astype(narrow)
                break
        else:
            self._readable = self.weights
        self.intercept = float(intercept)
        self.params = dict(params or {})

    def logits(
        self, words: Sequence[Sequence[str]], numbered: Numbered | None = None
    ) -> np.ndarray:
        """The junk logit of every block (its head words, features.head_words, and their
        vocabulary numbers when known)."""
        bin_, slot, value = _design(words, numbered)
        weight = self._readable[slot].astype(np.float64)
        # each block's sum runs over its character grams, then its word grams, both by slot
        return self.intercept + np.bincount(bin_ >> 1, value * weight, len(words))

    def columns(
        self,
        words: Sequence[Sequence[str]],
        sizes: Sequence[int] | None = None,
        numbered: Numbered | None = None,
    ) -> np.ndarray:
        """(len(words), len(TEXT_NAMES)) float32: each block's logit and its neighbours' (0 past
        either end of each article of `sizes` blocks, when the blocks are several articles').
        `numbered`: the words' vocabulary numbers, when the caller has them."""
        n = len(words)
        out = np.zeros((n, len(TEXT_NAMES)), np.float32)
        if n:
            out[:, 0] = self.logits(words, numbered)
            fill_neighbours(out, 0, 1, 2, sizes)
        return out

    def to_json(self) -> str:
        """float16 weights, little-endian, base64: 1 MiB of slots in a text file."""
        half = self.weights.astype("<f2").tobytes()
        body = {
            "buckets": BUCKETS,
            "intercept": round(self.intercept, 6),
            "params": self.params,
            "weights_float16_base64": base64.b64encode(half).decode("ascii"),
        }
        return json.dumps(body, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, raw: str) -> TextModel:
        data = json.loads(raw)
        if int(data.get("buckets", 0)) != BUCKETS:
            raise ValueError(
                f"text model has {data.get('buckets')} slots; this code hashes into {BUCKETS}"
            )
        half = np.frombuffer(base64.b64decode(data["weights_float16_base64"]), "<f2")
        return cls(half.astype(np.float64), float(data["intercept"]), data.get("params"))

    def rounded(self) -> TextModel:
        """This model as it reads back from JSON (float16 weights, rounded intercept)."""
        return TextModel.from_json(self.to_json())
