"""trafilatura's `bare_extraction` text of a parsed tree, without first copying the whole tree.

Handed a tree, `bare_extraction` copies all of it so that the caller's tree survives the pruning
(~1-2 ms on an average WCXB article page, several per cent of the HTML path). The HTML path
(html.py) parses the page once, reads its metadata, marks its links and never looks at the tree
again, so trafilatura may as well prune that tree in place. `extract_in_place` runs
`bare_extraction`'s own steps for the options the HTML path uses (plain text, no metadata, no
language or duplicate filter, no comments), minus the copy; the prune rules are compiled once
per process instead of on every page.

These are trafilatura internals, written against trafilatura 2.3.1; pyproject.toml pins
`trafilatura>=2.3,<2.4` (the settings were measured on 2.3 too). A release that lacks them
(ImportError), or options this module does not
handle, falls back to `bare_extraction` itself. A release that keeps the names but changes what
`bare_extraction` does is caught by tests/test_strip_inplace.py, which compares the two on
varied pages: an upgrade fails there loudly instead of changing the stripped text silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import trafilatura
from lxml.etree import XPath, strip_tags
from lxml.html import HtmlElement

try:  # trafilatura internals (2.3.1)
    from trafilatura.core import trafilatura_sequence
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.settings import DEFAULT_CONFIG, Extractor
    from trafilatura.xml import xmltotxt
except ImportError:  # pragma: no cover - another release: the public path
    trafilatura_sequence = None

# bare_extraction keyword -> Extractor keyword, for the options handled here.
_OPTION_NAMES = {
    "fast": "fast",
    "favor_precision": "precision",
    "favor_recall": "recall",
    "include_comments": "comments",
    "include_tables": "tables",
}


@cache
def _compiled(rules: tuple[str, ...]) -> tuple[XPath, ...]:
    """The prune rules as XPath objects (one fixed set per process: the data file's)."""
    return tuple(XPath(rule) for rule in rules)


def _handled(cfg: Mapping[str, Any]) -> bool:
    """True when `cfg` holds only options whose `bare_extraction` steps are replayed here."""
    if trafilatura_sequence is None:
        return False
    extra = set(cfg) - set(_OPTION_NAMES) - {"deduplicate"}
    return not extra and not cfg.get("deduplicate") and not cfg.get("include_comments", True)


def _options(url: str | None, cfg: Mapping[str, Any]) -> Any:
    """The Extractor `bare_extraction(tree, url=url, **cfg)` builds (its defaults otherwise)."""
    chosen = {name: bool(cfg[key]) for key, name in _OPTION_NAMES.items() if key in cfg}
    return Extractor(
        config=DEFAULT_CONFIG,
        output_format="python",
        formatting=None,
        links=False,
        images=False,
        dedup=False,
        lang=None,
        url=url,
        with_metadata=False,
        only_with_metadata=False,
        author_blacklist=None,
        url_blacklist=None,
        date_params=None,
        **{"comments": True, **chosen},
    )


def extract_in_place(
    tree: HtmlElement, url: str | None, prune: Sequence[str], cfg: Mapping[str, Any]
) -> str:
    """`bare_extraction(tree, url=url, prune_xpath=list(prune) or None, **cfg).text`, "" when
    nothing is extracted; `tree` itself is pruned and rewritten on the way."""
    if not _handled(cfg):
        result = trafilatura.bare_extraction(
            tree, url=url, prune_xpath=list(prune) or None, **cfg
        )
        return (result.text or "") if result is not None else ""
    options = _options(url, cfg)
    try:
        if prune:
            tree = prune_unwanted_nodes(tree, list(_compiled(tuple(prune))))
        postbody, text, _, comments = trafilatura_sequence(tree, options, options.url)
        if options.max_tree_size and len(postbody) > options.max_tree_size:
            strip_tags(postbody, "hi")
            if len(postbody) > options.max_tree_size:
                return ""
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return ""
    except (TypeError, ValueError):
        return ""
    return xmltotxt(postbody, options.formatting) or ""
