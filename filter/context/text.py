"""Text normalisation shared by signatures and passage matching: one notion of a "word".

Typographic variants (curly quotes, NFKC forms, case) must not make a reprint look different,
so every comparison in stage 4 goes through `words` / `word_spans`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD_ASCII = re.compile(_WORD.pattern, re.ASCII)  # the same words of an ASCII text, faster
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """NFKC, folded quotes, case-folded: the form all matching works on."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()


def fold_accents(text: str) -> str:
    """'Pétion-Ville' -> 'Petion-Ville', so entity keys survive transliteration habits."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Each normalised word with its character span in `text`.

    NFKC can change lengths, so spans come from matching the original text and only the word
    itself is normalised.
    """
    for m in _WORD.finditer(text):
        yield normalise(m.group()), m.start(), m.end()


def words(text: str) -> list[str]:
    """The normalised words of `text` (the same words `word_spans` gives, without spans)."""
    if text.isascii():  # lower-casing ASCII keeps every word's extent
        return _WORD_ASCII.findall(text.lower())
    return [normalise(w) for w in _WORD.findall(text)]
