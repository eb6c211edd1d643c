"""Foundation stripper: trafilatura for HTML, dateline removal for text.

The trained block classifier plugs in here (issue: boilerplate stripper); until then every block
of the text is kept and only the dateline prefix is removed, with its reason.
"""

from __future__ import annotations

from dataclasses import replace

import trafilatura

from filter.dateline import find_dateline
from filter.strip.blocks import split_blocks
from filter.types import Block, Document, Stripped


def strip_text(text: str) -> tuple[str, list[Block]]:
    """Clean text and all blocks (kept and removed) of already-extracted text."""
    blocks: list[Block] = []
    start = 0
    line = find_dateline(text)
    if line is not None and line.end > line.start:
        blocks.append(
            Block(
                line.start,
                line.end,
                text[line.start : line.end].strip(),
                "dateline",
                False,
                "dateline",
            )
        )
        start = line.end
    blocks.extend(split_blocks(text, start))
    clean = "\n\n".join(b.text for b in blocks if b.keep)
    return clean, blocks


def strip_document(doc: Document) -> Stripped:
    """Strip one document; HTML goes through trafilatura first, then the text path."""
    if doc.html is not None:
        extracted = trafilatura.extract(doc.html, include_comments=False) or ""
        clean, blocks = strip_text(extracted)
        return Stripped(document=doc, text=clean, blocks=tuple(blocks))
    clean, blocks = strip_text(doc.text)
    line = find_dateline(doc.text)
    if line is not None and doc.published is None:
        doc = replace(doc, published=line.published)
    return Stripped(document=doc, text=clean, blocks=tuple(blocks))
