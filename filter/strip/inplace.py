"""trafilatura's `bare_extraction` text of a parsed tree, without first copying the whole tree.

Handed a tree, `bare_extraction` copies all of it so that the caller's tree survives the pruning
(~1-2 ms on an average WCXB article page, several per cent of the HTML path). The HTML path
(html.py) parses the page once, reads its metadata, marks its links and never looks at the tree
again, so trafilatura may as well prune that tree in place. `extract_in_place` runs
`bare_extraction`'s own steps for the options the HTML path uses (plain text, no metadata, no
language or duplicate filter, no comments), minus the copy; the prune rules are compiled once
per process instead of on every page.

The prune rules (trafilatura's discard lists and ours) run as their Python twins
(xpath_subset.py) while `extract_in_place` works: the same elements in the same order at a
fraction of libxml2's cost. The twins are swapped into trafilatura's lists for the duration of
the call only, so `bare_extraction` itself, and the tests that compare with it, keep libxml2.

These are trafilatura internals, written against trafilatura 2.3.1; pyproject.toml pins
`trafilatura>=2.3,<2.4` (the settings were measured on 2.3 too). A release that lacks them
(ImportError), or options this module does not
handle, falls back to `bare_extraction` itself. A release that keeps the names but changes what
`bare_extraction` does is caught by tests/test_strip_inplace.py, which compares the two on
varied pages: an upgrade fails there loudly instead of changing the stripped text silently.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import trafilatura
from lxml.etree import XPath, strip_tags
from lxml.html import HtmlElement

from filter.strip.xpath_subset import CompiledPath, compile_path

try:  # trafilatura internals (2.3.1)
    from trafilatura import xpaths as trafilatura_xpaths
    from trafilatura.core import trafilatura_sequence
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.settings import DEFAULT_CONFIG, Extractor
    from trafilatura.xml import xmltotxt
except ImportError:  # pragma: no cover - another release: the public path
    trafilatura_sequence = None
    trafilatura_xpaths = None

# bare_extraction keyword -> Extractor keyword, for the options handled here.
_OPTION_NAMES = {
    "fast": "fast",
    "favor_precision": "precision",
    "favor_recall": "recall",
    "include_comments": "comments",
    "include_tables": "tables",
}


# trafilatura's lists of prune expressions: every one is only ever passed to
# `prune_unwanted_nodes`, which calls each item on a tree and deletes what it returns.
_PRUNE_LISTS = (
    "RAW_TREE_PRUNE_XPATH",
    "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "REMOVE_COMMENTS_XPATH",
    "OVERALL_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "TEASER_DISCARD_XPATH",
    "PRECISION_DISCARD_XPATH",
    "COMMENTS_DISCARD_XPATH",
)


@cache
def _compiled(rules: tuple[str, ...]) -> tuple[XPath | CompiledPath, ...]:
    """The prune rules, each as its Python twin when it has one (one fixed set per process: the
    data file's)."""
    return tuple(compile_path(rule) or XPath(rule) for rule in rules)


@cache
def _twins() -> tuple[tuple[list, int, Any, CompiledPath], ...]:
    """(list, index, libxml2 expression, its twin) for trafilatura's prune expressions that the
    subset covers; the rest stay as they are."""
    found = []
    for name in _PRUNE_LISTS:
        expressions = getattr(trafilatura_xpaths, name, None)
        if not isinstance(expressions, list):
            continue
        for i, expression in enumerate(expressions):
            twin = compile_path(expression) if isinstance(expression, XPath) else None
            if twin is not None:
                found.append((expressions, i, expression, twin))
    return tuple(found)


@contextmanager
def python_prune_rules() -> Iterator[None]:
    """trafilatura's prune expressions as their Python twins inside the block.

    Restoring puts back each original wherever its twin still stands, so overlapping uses
    (threads) always end with libxml2's expressions, and in between either kind gives the same
    elements."""
    twins = _twins()
    try:  # installing inside the try: a time-budget alarm may land between two assignments
        for expressions, i, _, twin in twins:
            expressions[i] = twin
        yield
    finally:
        for expressions, i, original, twin in twins:
            if expressions[i] is twin:
                expressions[i] = original


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
        result = trafilatura.bare_extraction(tree, url=url, prune_xpath=list(prune) or None, **cfg)
        return (result.text or "") if result is not None else ""
    options = _options(url, cfg)
    try:
        if prune:
            tree = prune_unwanted_nodes(tree, list(_compiled(tuple(prune))))
        with python_prune_rules():
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
