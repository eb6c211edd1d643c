"""Split text into blocks (paragraphs, or lines when the text has no blank lines) with offsets."""

from __future__ import annotations

import re

from filter.types import Block

_LINE = re.compile(r"[^\n]+")


def split_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks of `text[start:]`: blank-line paragraphs, each line its own block within them.

    Scrapers join headings, captions and teasers to the paragraph next to them with a single
    newline, so every non-empty line is a block; offsets point into the original string.
    """
    blocks: list[Block] = []
    for match in _LINE.finditer(text, start):
        line = match.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        b_start = match.start() + lead
        blocks.append(Block(start=b_start, end=b_start + len(stripped), text=stripped))
    return blocks
