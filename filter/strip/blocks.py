"""Split text into blocks (paragraphs, or lines when the text has no blank lines) with offsets."""

from __future__ import annotations

import re

from filter.types import Block

# A line's text without its surrounding white space: from its first non-space character to its
# last (`\s` is exactly what str.strip() removes).
_STRIPPED_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def split_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks of `text[start:]`: blank-line paragraphs, each line its own block within them.

    Scrapers join headings, captions and teasers to the paragraph next to them with a single
    newline, so every non-empty line is a block; offsets point into the original string.
    """
    return [Block(b_start, b_end, body) for b_start, b_end, body in lines(text, start)]


def lines(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of every non-blank line of `text[start:]`: the blocks of
    `split_blocks` before they become Block objects (the rules make their own)."""
    return [(m.start(), m.end(), m.group()) for m in _STRIPPED_LINE.finditer(text, start)]
