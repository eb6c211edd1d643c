"""Some of trafilatura's precision steps, without the rest of its precision focus.

`favor_precision = True` turns on about ten steps at once. Measured one at a time under our whole
HTML path (docs/benchmarks.md, "Boilerplate stripping → Session 14"), three of them help on both
benchmarks and the rest cost WCXB recall (the whole focus: ScrapingHub 0.9659 -> 0.9667, WCXB
articles 0.9358 -> 0.9211). The three, by the names settings.toml uses:

- ``body_header``: the body's own `<header>` goes (a byline, date and share row above the text):
  trafilatura's first precision discard expression, run right after its teaser expressions as
  in precision mode. Run on the whole page instead, it loses articles that sit in a header.
- ``link_density``: the link-density test on div, list and p elements at the precision
  thresholds (a single link is boilerplate from 10 characters of link text instead of 100; a
  short linked div is boilerplate at one child instead of three, below 200 characters instead of
  100).
- ``fallback_discard``: trafilatura's discard expressions run on the page before readability
  sees it, so the fallback cannot choose a page's recirculation column over the article.

The steps are trafilatura internals (2.3.1, pinned in pyproject.toml). On first use this module
puts three small stand-ins into trafilatura's modules (its prune call, link-density test and
readability call, where the body extractor and the fallback look them up; its lists of
expressions are left as they are). Each does trafilatura's own work and adds its step only
inside `precision_steps()`. Which steps are on is a context variable, so trafilatura behaves as
released everywhere else in the process (the benchmark's baseline, other threads, other
callers), and no exit path (an exception, a time-budget alarm) has anything to put back.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

try:  # trafilatura internals (2.3.1)
    from trafilatura import external as trafilatura_external
    from trafilatura import main_extractor as trafilatura_main
    from trafilatura.htmlprocessing import delete_by_link_density, prune_unwanted_nodes
    from trafilatura.xpaths import (
        OVERALL_DISCARD_XPATH,
        PRECISION_DISCARD_XPATH,
        TEASER_DISCARD_XPATH,
    )
except ImportError:  # pragma: no cover - another release: no steps
    trafilatura_main = None

STEPS = ("body_header", "link_density", "fallback_discard")

_active: ContextVar[frozenset[str]] = ContextVar("trafilatura_precision_steps", default=frozenset())
_lock = threading.Lock()
_installed = False


class UnknownStep(ValueError):
    """A step name that this module does not know (a typo in settings.toml)."""


def _link_density(
    subtree: Any, tagname: str, backtracking: bool = False, favor_precision: bool = False
) -> Any:
    precise = favor_precision or "link_density" in _active.get()
    return delete_by_link_density(subtree, tagname, backtracking, favor_precision=precise)


def _prune(tree: Any, nodelist: list, with_backup: bool = False) -> Any:
    tree = prune_unwanted_nodes(tree, nodelist, with_backup)
    if nodelist is TEASER_DISCARD_XPATH and "body_header" in _active.get():
        # precision mode's next list, first expression only: the body's own <header>
        tree = prune_unwanted_nodes(tree, PRECISION_DISCARD_XPATH[:1])
    return tree


def _install() -> None:
    """Put the stand-ins into trafilatura, once per process."""
    global _installed
    with _lock:
        if _installed:
            return
        readability = trafilatura_external.try_readability

        def _readability(raw_tree: Any) -> Any:
            if "fallback_discard" in _active.get():
                raw_tree = prune_unwanted_nodes(raw_tree, OVERALL_DISCARD_XPATH)
            return readability(raw_tree)

        trafilatura_main.prune_unwanted_nodes = _prune
        trafilatura_main.delete_by_link_density = _link_density
        trafilatura_external.try_readability = _readability
        _installed = True


def checked(steps: Iterable[str]) -> frozenset[str]:
    """The step names as a set; an unknown name is an error, not a silent no-op."""
    chosen = frozenset(steps)
    unknown = chosen - set(STEPS)
    if unknown:
        raise UnknownStep(f"unknown trafilatura precision steps {sorted(unknown)}; known: {STEPS}")
    return chosen


@contextmanager
def precision_steps(steps: Iterable[str]) -> Iterator[None]:
    """trafilatura with the named precision steps switched on inside the block (this thread)."""
    chosen = checked(steps)
    if trafilatura_main is not None and chosen:
        _install()
    token = _active.set(chosen)
    try:
        yield
    finally:
        _active.reset(token)
