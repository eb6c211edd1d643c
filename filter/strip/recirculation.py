"""A heading that names a recirculation box goes, with the box it heads, before extraction.

Sites put "You may also like", "Related posts", "Você pode gostar…" over a run of teaser
cards, often as `<article>` or `<div class="post">` elements inside the article's own
container. trafilatura drops most such boxes by their class names, but when the cards look like
posts it keeps them, teaser paragraphs and all, and by then the block classifier sees long
paragraphs that read like body. In the page the box is plain: a heading whose whole text is a
recirculation header (the "header" markers of kind "teaser" in data/strip/markers.toml, the
same wordings the text path uses), and the heading's following siblings up to the next heading
that is not one. Those are removed from the tree before trafilatura runs.

Two guards, from settings.toml [recirculation_headings]: a heading whose parent is `<body>` is
left alone (its siblings are the page), and so are heading texts in `never` (a bare "More" is a
menu title as often as a box header). Measured in docs/benchmarks.md ("Session 23").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lxml.html import HtmlElement

from filter.strip.markers import markers
from filter.strip.settings import settings

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TRAILING = re.compile(r"[\s:.!…»›>|-]+$")


@dataclass(frozen=True, slots=True)
class HeadingRule:
    """Which heading texts open a recirculation box (`patterns`), and the guards."""

    patterns: tuple[re.Pattern[str], ...]
    max_chars: int = 60
    never: frozenset[str] = frozenset()

    def opens_box(self, heading: HtmlElement) -> bool:
        parent = heading.getparent()
        if parent is None or parent.tag == "body":
            return False
        text = " ".join("".join(heading.itertext()).split())
        if not text or len(text) > self.max_chars:
            return False
        if _TRAILING.sub("", text).lower() in self.never:
            return False
        return any(p.match(text) for p in self.patterns)


@cache
def heading_rule() -> HeadingRule | None:
    """The shipped rule (settings.toml [recirculation_headings]); None: switched off."""
    cfg = settings()["recirculation_headings"]
    if not cfg["prune"]:
        return None
    patterns = tuple(m.pattern for m in markers() if m.scope == "header" and m.kind == "teaser")
    never = frozenset(str(t).lower() for t in cfg["never"])
    return HeadingRule(patterns, int(cfg["max_chars"]), never)


def prune_recirculation(tree: HtmlElement, rule: HeadingRule) -> int:
    """Remove every recirculation heading and the box it heads from `tree`; how many went.

    A box runs from its heading to the next sibling heading that does not open a box itself,
    so a section heading after the box ends it and the section survives."""
    headers = [h for h in tree.iter(*HEADINGS) if rule.opens_box(h)]
    # Each heading is judged once: removing siblings changes no heading's text or parent.
    is_header = set(headers)
    removed = 0
    for heading in headers:
        parent = heading.getparent()
        if parent is None:  # inside a box an earlier heading already removed
            continue
        for sibling in list(heading.itersiblings()):
            if sibling.tag in HEADINGS and sibling not in is_header:
                break
            parent.remove(sibling)
            removed += 1
        parent.remove(heading)
        removed += 1
    return removed
