"""Link text through trafilatura: which characters of its plain-text output were link text.

Teasers, "read more" lines, tag lists and menus are mostly link text; body paragraphs almost
never are (on the benchmark pages 26 % of the junk lines trafilatura lets through vs 3 % of body
lines). trafilatura's text output drops the markup, so before extraction every anchor's text is
wrapped in two rare printable characters, which pass through trafilatura's cleaning untouched;
afterwards they are taken out again and their positions become link spans. Extraction itself
sees the same tree (two characters longer per link), so the text is the same as without marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from lxml import etree
from lxml.html import HtmlElement

# U+2E28 / U+2E29 (LEFT/RIGHT DOUBLE PARENTHESIS): printable, so trafilatura keeps them, and
# practically absent from web text. A page that does contain one is not marked at all.
OPEN, CLOSE = "\u2e28", "\u2e29"
_MARK = re.compile(f"[{OPEN}{CLOSE}]")

_ANCHORS_WITH_TEXT = etree.XPath("//a[normalize-space()]")

Spans = tuple[tuple[int, int], ...]


def can_mark(html: str) -> bool:
    """True when the page itself holds neither mark, so marks in the output are ours."""
    return OPEN not in html and CLOSE not in html


def mark_links(tree: HtmlElement) -> None:
    """Wrap the text of every anchor that has any in OPEN … CLOSE (in place)."""
    # Image-only links have no text to mark (and must not get new text): normalize-space()
    # selects the others in one C-level pass.
    for anchor in _ANCHORS_WITH_TEXT(tree):
        anchor.text = OPEN + (anchor.text or "")
        if len(anchor):
            last = anchor[-1]
            last.tail = (last.tail or "") + CLOSE
        else:
            anchor.text += CLOSE


def unmark(marked: str) -> tuple[str, Spans]:
    """The text without marks, and the (start, end) spans of link text in it.

    A link never runs past the end of its line: a mark trafilatura separated from its partner
    (an anchor cut in two by a block boundary) ends at the newline. Only the lines that hold a
    mark are scanned mark by mark; the clean text is two `str.replace` calls.
    """
    if OPEN not in marked and CLOSE not in marked:
        return marked, ()
    spans: list[tuple[int, int]] = []
    base = 0  # where the current line starts in the clean text
    lines = marked.split("\n")
    last_line = len(lines) - 1
    for n, line in enumerate(lines):
        if OPEN not in line and CLOSE not in line:
            base += len(line) + 1
            continue
        pos = last = 0
        opened = -1
        for match in _MARK.finditer(line):
            pos += match.start() - last
            last = match.end()
            if match.group() == OPEN:
                if opened < 0:
                    opened = pos
            elif opened >= 0:
                if pos > opened:
                    spans.append((base + opened, base + pos))
                opened = -1
        rest = len(line) - last
        end = pos + rest
        # An open link ends with its line; on the last line only if text follows the last mark.
        if opened >= 0 and (rest > 0 if n == last_line else end > opened):
            spans.append((base + opened, base + end))
        base += end + 1
    return marked.replace(OPEN, "").replace(CLOSE, ""), tuple(spans)


def link_shares(
    text_length: int, spans: Spans | None, ranges: Sequence[tuple[int, int]]
) -> np.ndarray:
    """Share of each (start, end) range of the text that is link text; -1 when unknown.

    `spans` None means the text did not come from HTML (no link information): every block gets
    the neutral -1, which the classifier learnt as "not known".
    """
    out = np.full(len(ranges), -1.0, dtype=np.float32)
    if spans is None:
        return out
    if not spans:
        out[:] = 0.0
        return out
    inside = np.zeros(text_length + 1, dtype=np.int32)
    for start, end in spans:
        inside[start] += 1
        inside[end] -= 1
    covered = np.concatenate(([0], np.cumsum(np.cumsum(inside[:-1]) > 0)))
    bounds = np.array(ranges, dtype=np.int64).reshape(-1, 2)
    starts, ends = bounds[:, 0], bounds[:, 1]
    sized = ends > starts
    out[:] = 0.0
    out[sized] = (covered[ends[sized]] - covered[starts[sized]]) / (ends[sized] - starts[sized])
    return out
