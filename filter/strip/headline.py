"""The headline is metadata, not body: a first block that repeats the document's title goes.

Extractors keep a page's `<h1>` as the first line of its text, and some scrapers put the title
line above the text they hand us. The Document already carries the title (from the page or the
input record), so the same words at the top of the text are a second copy; extraction benchmarks
and the corpus both want the body alone, as with a leading dateline. Measured on ScrapingHub and
WCXB articles (docs/benchmarks.md, "Boilerplate stripping", session 13).

A block repeats the title when their lowercased word sequences are equal, or one holds the
other and is most of it: the page title often adds the site's name ("… | Daily Planet"), and a
headline block sometimes adds a kicker or a trailing date. A lede that only starts with the
headline's words is more than a copy and stays.
"""

from __future__ import annotations

import re
from dataclasses import replace

from filter.strip.settings import settings
from filter.types import TITLE_REASON, Block

_WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    """Lowercased words, space-separated and space-padded, so that containment is whole words."""
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def repeats_title(block: str, title: str) -> bool:
    """True when `block` is the headline `title` again (see the module docstring)."""
    cfg = settings()["headline"]
    b, t = _words(block), _words(title)
    if not b.strip() or not t.strip():
        return False
    if b == t:
        return True
    if b in t:
        return len(b) >= cfg["min_share_of_title"] * len(t)
    if t in b:
        return len(t) >= cfg["min_title_share_of_block"] * len(b)
    return False


def drop_headline(blocks: list[Block], title: str | None) -> list[Block] | None:
    """`blocks` with the first kept one removed (reason "title") when it repeats `title`; None
    when nothing changes. The only kept block is never removed: a text that is its headline
    alone keeps it."""
    if not title:
        return None
    kept = [i for i, b in enumerate(blocks) if b.keep]
    if len(kept) < 2 or not repeats_title(blocks[kept[0]].text, title):
        return None
    out = list(blocks)
    out[kept[0]] = replace(out[kept[0]], keep=False, reason=TITLE_REASON)
    return out
