"""zlib's CRC-32, for whole arrays of strings at once: the text model's hashing (textmodel.py).

The text model hashes every character gram of every word and every pair of neighbouring words;
a Python call per gram or per pair cost more than the rest of the model. Two facts move that
work into NumPy:

- CRC-32 is linear over GF(2), so `crc32(a + b)` is `shift(crc32(a), len(b)) ^ crc32(b)`, where
  `shift(c, n)` (the change that n more bytes make to a running CRC, apart from the bytes' own
  share) is a linear map of c's 32 bits that depends on n alone. With each word's CRC worked out
  once, the pairs of a page are four table look-ups and XORs per pair (`Joiner`; zlib's
  `crc32_combine`, which Python's zlib does not expose).
- zlib's table-driven CRC steps all strings together, one byte position at a time
  (`crc32_windows`): the grams of every new word in as many steps as a gram has bytes.
"""

from __future__ import annotations

import zlib

import numpy as np

_BITS = (np.arange(256)[:, None] >> np.arange(8) & 1).astype(bool)  # (byte value, bit)


def _byte_tables(columns: np.ndarray) -> np.ndarray:
    """(4, 256) tables of a linear map on 32 bits whose image of bit i is `columns[i]`: the
    map of a value is the XOR of its four bytes' entries."""
    return np.stack(
        [
            np.bitwise_xor.reduce(np.where(_BITS, columns[8 * k : 8 * k + 8], 0), axis=1)
            for k in range(4)
        ]
    ).astype(np.uint32)


def _apply(tables: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The map of `tables` (4, 256) on uint32 `values`."""
    out = tables[0][values & 0xFF]
    for k in range(1, 4):
        out = out ^ tables[k][(values >> (8 * k)) & 0xFF]
    return out


class Joiner:
    """`join(crc32(a), crc32(b), len(b)) == crc32(a + b)`, elementwise; one byte-table set per
    length of b, made the first time that length is met."""

    def __init__(self) -> None:
        one = np.array(
            [zlib.crc32(b"\0", 1 << i) ^ zlib.crc32(b"\0", 0) for i in range(32)], np.uint32
        )
        self._one = _byte_tables(one)  # the shift by one byte
        self._columns = [np.array([1 << i for i in range(32)], np.uint32)]  # shift by 0 bytes
        self._tables = _byte_tables(self._columns[0])[None]

    def _grow(self, longest: int) -> None:
        """Tables for every length up to `longest`: each length's shift is one byte's shift
        after the previous length's."""
        if longest < len(self._tables):
            return
        new = []
        for _ in range(len(self._tables), longest + 1):
            self._columns.append(_apply(self._one, self._columns[-1]))
            new.append(_byte_tables(self._columns[-1]))
        self._tables = np.concatenate([self._tables, np.stack(new)])

    def join(self, first: np.ndarray, second: np.ndarray, second_bytes: np.ndarray) -> np.ndarray:
        """The CRC-32 of every first string followed by its second string, as uint32."""
        if not len(first):
            return np.zeros(0, np.uint32)
        self._grow(int(second_bytes.max()))
        first = np.asarray(first, np.uint32)
        out = np.asarray(second, np.uint32).copy()
        for k in range(4):  # the shift by each pair's own length, one byte of `first` at a time
            out ^= self._tables[second_bytes, k, (first >> (8 * k)) & 0xFF]
        return out


def _crc_table() -> np.ndarray:
    """zlib's byte table (the reflected polynomial 0xEDB88320)."""
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)
    return table.astype(np.uint32)


_TABLE = _crc_table()


def _utf8(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every code point's UTF-8 bytes, (n, 4) uint32 left-aligned, and how many there are."""
    codes = codes.astype(np.uint32)
    size = 1 + (codes >= 0x80) + (codes >= 0x800) + (codes >= 0x10000)
    lead = np.select(
        [size == 1, size == 2, size == 3],
        [codes, 0xC0 | codes >> 6, 0xE0 | codes >> 12],
        0xF0 | codes >> 18,
    )
    tail = [0x80 | (codes >> shift) & 0x3F for shift in (12, 6, 0)]  # the last three bytes
    out = np.zeros((len(codes), 4), np.uint32)
    out[:, 0] = lead
    for b in range(1, 4):  # byte b of a `size`-byte character is tail[3 - size + b]
        for s in range(b + 1, 5):
            chosen = size == s
            out[chosen, b] = tail[3 - s + b][chosen]
    return out, size


def crc32_windows(
    text: str, starts: np.ndarray, lengths: np.ndarray, prefix: bytes = b""
) -> np.ndarray:
    """`zlib.crc32(prefix + text[s : s + n].encode())` for every start s and length n (in
    characters), as uint32, computed for all windows at once: one table step per byte position
    instead of a Python call per window. Windows must lie inside `text`. (A lone surrogate,
    which `str.encode` refuses, is hashed as its "surrogatepass" bytes.)"""
    if not len(starts):
        return np.zeros(0, np.uint32)
    state = np.full(len(starts), zlib.crc32(prefix) ^ 0xFFFFFFFF, np.uint32)
    if text.isascii():  # one byte per character: the text's bytes, no per-character sizes
        utf8 = np.frombuffer(text.encode("ascii"), np.uint8).astype(np.uint32)[:, None]
        size, widest = None, 1
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")
        utf8, size = _utf8(codes)
        widest = int(size.max())
    for j in range(int(lengths.max())):
        inside = j < lengths
        at = np.where(inside, starts + j, 0)
        for b in range(widest):
            live = inside if size is None else inside & (size[at] > b)
            stepped = _TABLE[(state ^ utf8[at, b]) & 0xFF] ^ (state >> 8)
            state = np.where(live, stepped, state)
    return state ^ np.uint32(0xFFFFFFFF)
