"""A hashed n-gram linear model over a block's words: the wordings junk shares across sites.

The lexicon (lexicon.py) weighs whole words seen in hundreds of blocks, each counted on its own.
This model is fitted discriminatively (logistic regression) on character 3-5-grams inside each
word and on word pairs, so "subscribers" and "subscription" share evidence with "subscribe",
and "sign up" weighs more than "sign" and "up" apart. Its logit for a block, and its
neighbours', are three more columns of the block classifier's rows.

It reads the same words as the lexicon (features.head_words), so training and stripping hash
the same strings. Features are hashed with CRC-32 into `BUCKETS` slots (no vocabulary to ship);
each family (character grams, word grams) is L2-normalised per block, as a hashing vectoriser
with `norm="l2"` does. The weights ship beside the LightGBM file as JSON (float16, base64), pinned
by SHA-256 in the model card.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np

from filter.strip.features import fill_neighbours

TEXT_NAMES: tuple[str, ...] = ("text_logit", "prev_text_logit", "next_text_logit")
BUCKETS = 1 << 19
_MASK = BUCKETS - 1
_GRAMS = (3, 4, 5)


@lru_cache(maxsize=1 << 16)
def _char_slots(word: str) -> np.ndarray:
    """A word's character-gram slots (with repeats), from the word padded with a space each
    side, so "sign" also yields " si" and "gn "."""
    padded = f" {word} "
    grams = [padded[i : i + n] for n in _GRAMS for i in range(len(padded) - n + 1)] or [padded]
    slots = np.fromiter(
        (zlib.crc32(b"c" + g.encode()) & _MASK for g in grams), np.int64, len(grams)
    )
    slots.flags.writeable = False  # shared by every caller through the cache
    return slots


@lru_cache(maxsize=1 << 16)
def _word_slot(word: str) -> int:
    return zlib.crc32(b"w" + word.encode()) & _MASK


@lru_cache(maxsize=1 << 16)
def _pair_slot(first: str, second: str) -> int:
    return zlib.crc32(f"p{first} {second}".encode()) & _MASK


def family_counts(words: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's sparse design for blocks of `words`: (row, slot, value) triplets of the
    L2-normalised character-gram and word-gram counts (both families share the slots).
    Training builds its matrix from these, stripping scores with `TextModel.logits`."""
    rows, cols, vals = [], [], []
    for slot, owner in _families(words):
        if not len(slot):
            continue
        key, count = np.unique(owner * BUCKETS + slot, return_counts=True)
        block = key // BUCKETS
        count = count.astype(np.float64)
        norm = np.sqrt(np.bincount(block, count * count, len(words)))
        rows.append(block)
        cols.append(key % BUCKETS)
        vals.append(count / norm[block])
    if not rows:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def _families(words: Sequence[Sequence[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(slots, owning block) for the character grams, then for the word grams.

    Every word's and pair's slots are cached look-ups, and each family is one NumPy pass for
    all blocks: a long page has thousands of words, and this runs inside the HTML path's time."""
    n = len(words)
    counts = np.fromiter(map(len, words), np.int64, n)
    if not counts.sum():
        empty = np.zeros(0, np.int64)
        return [(empty, empty), (empty, empty)]
    flat = list(chain.from_iterable(words))
    chars = list(map(_char_slots, flat))
    lengths = np.fromiter(map(len, chars), np.int64, len(chars))
    word_block = np.repeat(np.arange(n), counts)
    pairs = list(chain.from_iterable(map(_pair_slot, ws, ws[1:]) for ws in words))
    grams = np.concatenate(
        [np.fromiter(map(_word_slot, flat), np.int64, len(flat)), np.asarray(pairs, np.int64)]
    )
    pair_block = np.repeat(np.arange(n), np.maximum(counts - 1, 0))
    return [
        (np.concatenate(chars), np.repeat(word_block, lengths)),
        (grams, np.concatenate([word_block, pair_block])),
    ]


class TextModel:
    """Slot weights and an intercept: the logit of junk for a block's words."""

    def __init__(
        self, weights: np.ndarray, intercept: float, params: dict[str, Any] | None = None
    ) -> None:
        if weights.shape != (BUCKETS,):
            raise ValueError(f"a text model has {BUCKETS} weights, not {weights.shape}")
        self.weights = weights.astype(np.float64)
        self.intercept = float(intercept)
        self.params = dict(params or {})

    def logits(self, words: Sequence[Sequence[str]]) -> np.ndarray:
        """The junk logit of every block (its head words, features.head_words)."""
        row, slot, value = family_counts(words)
        return self.intercept + np.bincount(row, value * self.weights[slot], len(words))

    def columns(
        self, words: Sequence[Sequence[str]], sizes: Sequence[int] | None = None
    ) -> np.ndarray:
        """(len(words), len(TEXT_NAMES)) float32: each block's logit and its neighbours' (0 past
        either end of each article of `sizes` blocks, when the blocks are several articles')."""
        n = len(words)
        out = np.zeros((n, len(TEXT_NAMES)), np.float32)
        if n:
            out[:, 0] = self.logits(words)
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
