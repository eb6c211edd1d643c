"""zlib CRC-32 for arrays of strings (filter/strip/crc.py): joined pairs and windows."""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest

from filter.strip.crc import Joiner, crc32_windows


def _crcs(parts: list[bytes]) -> np.ndarray:
    return np.array([zlib.crc32(p) for p in parts], np.uint32)


def test_join_is_zlib_crc32_of_the_joined_bytes() -> None:
    rng = random.Random(7)
    firsts = [rng.randbytes(rng.randrange(0, 40)) for _ in range(2000)]
    seconds = [rng.randbytes(rng.randrange(0, 200)) for _ in range(2000)]
    seconds[:3] = [b"", b"\0", b"\xff" * 199]
    lengths = np.array([len(s) for s in seconds])
    joined = Joiner().join(_crcs(firsts), _crcs(seconds), lengths)
    assert joined.dtype == np.uint32
    assert joined.tolist() == [zlib.crc32(a + b) for a, b in zip(firsts, seconds, strict=True)]


def test_a_joiner_grows_to_longer_second_strings_between_calls() -> None:
    joiner = Joiner()
    for length in (1, 5, 3, 700):
        first, second = b"pword ", b"x" * length
        got = joiner.join(_crcs([first]), _crcs([second]), np.array([length]))
        assert got.tolist() == [zlib.crc32(first + second)]


def test_nothing_to_join() -> None:
    empty = np.zeros(0, np.uint32)
    assert Joiner().join(empty, empty, np.zeros(0, np.int64)).shape == (0,)


@pytest.mark.parametrize("alphabet", ["abz09 _.", "abz09 _.éüßह日本😀𝔘"])  # ASCII; 1-4 bytes
def test_windows_are_zlib_crc32_of_their_utf8_bytes(alphabet: str) -> None:
    rng = random.Random(11)
    text = "".join(rng.choice(alphabet) for _ in range(3000))
    starts = np.array([rng.randrange(0, 2991) for _ in range(1500)])
    lengths = np.array([rng.randrange(0, 10) for _ in range(1500)])
    starts[0], lengths[0] = 2991, 9  # a window that ends at the text's end
    for prefix in (b"", b"c", b"prefix "):
        got = crc32_windows(text, starts, lengths, prefix)
        windows = zip(starts.tolist(), lengths.tolist(), strict=True)
        want = [zlib.crc32(prefix + text[s : s + n].encode()) for s, n in windows]
        assert got.dtype == np.uint32 and got.tolist() == want
    assert crc32_windows("abc", np.zeros(0, np.int64), np.zeros(0, np.int64)).shape == (0,)
