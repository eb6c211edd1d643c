"""An article body split into chunks is extracted whole, not just its first chunk.

trafilatura chooses the main content with a list of expressions (`BODY_XPATH`) and keeps only
the first element the first matching expression returns. Some sites cut one article body into
several containers of the same kind, with an ad slot between them (`<div class="body
body__container">` twice on Wired's pages). trafilatura then extracts the first chunk and drops
the rest of the article: on two ScrapingHub pages it kept 35 and 45 % of the body.

While `joined_body_chunks()` is active, trafilatura's first body expression (the one that names
article-body classes) is followed by this module's step: later elements with the same tag and
class as its first match join that match, in page order, as long as they follow on directly.
"Directly" means that what lies between two chunks holds no heading and at most
`max_gap_chars` characters of text (an "Advertisement" label or a caption, not a paragraph of
something else). Related-post teasers that reuse the body's class always carry a title
heading, so the chain stops before them. The first chunk must hold at least
`min_first_chars` characters (trafilatura's own smallest extraction), so a page whose first
match is a small box is left to trafilatura's own fallbacks. Measured in docs/benchmarks.md
("Session 22").

The expressions are trafilatura internals (2.3.1). The stand-ins are installed once and act only
inside `joined_body_chunks()` (a context variable), so trafilatura behaves as released
everywhere else in the process, as in focus.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from lxml import etree

try:  # trafilatura internals (2.3.1)
    from trafilatura.xpaths import BODY_XPATH
except ImportError:  # pragma: no cover - another release: nothing to join
    BODY_XPATH = None

# trafilatura has renamed h1-h6 to <head> by the time its body expressions run.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "head"})
_NO_TEXT = frozenset({"script", "style", "noscript", "template"})


@dataclass(frozen=True, slots=True)
class Joining:
    """How far apart two chunks may be (`max_gap_chars`) and how big the first must be."""

    max_gap_chars: int = 200
    min_first_chars: int = 250


_active: ContextVar[Joining | None] = ContextVar("joined_body_chunks", default=None)
_lock = threading.Lock()
_installed = False


def _following(root: Any, first: Any, chunks: set[Any]) -> Iterator[tuple[Any, int, bool]]:
    """The chunks after `first` in page order (those inside another chunk move with it and are
    not met), each with the characters of text between it and the chunk before (outside every
    chunk) and whether a heading lies there. One walk of the page, which the caller may stop."""
    left = len(chunks)
    started = False
    inside: Any = None
    chars, heading = 0, False
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if inside is not None:
                continue
            if el is first or (started and el in chunks):
                if el is not first:
                    yield el, chars, heading
                    left -= 1
                    if not left:
                        return
                started, inside, chars, heading = True, el, 0, False
                continue
            heading = heading or el.tag in _HEADINGS
            if el.text and el.tag not in _NO_TEXT:
                chars += len(el.text.strip())
        else:
            if el is inside:
                inside = None
            elif inside is not None:
                continue
            if el.tail:
                chars += len(el.tail.strip())


def join_chunks(found: list[Any], root: Any, joining: Joining) -> int:
    """Move the chunks that directly follow `found[0]` into it; the number moved.

    `found` is what one body expression returned on `root`. Chunks are elements with the first
    one's tag and class, outside it and not around it: among `found` (trafilatura's expressions
    return the first match under each parent, so chunks in separate wrappers) and among the
    first one's following siblings (which those expressions never return)."""
    if not found:
        return 0
    first = found[0]
    key = (first.tag, first.get("class"))
    if not key[1]:
        return 0  # chunks are told apart by their class
    siblings = [el for el in first.itersiblings() if (el.tag, el.get("class")) == key]
    if len(found) < 2 and not siblings:
        return 0
    cousins = [el for el in found[1:] if (el.tag, el.get("class")) == key]
    if cousins:  # sets, not ancestor walks: a deep nest of matches stays linear
        nested = set(first.iterancestors()) | set(first.iter())
        cousins = [el for el in cousins if el not in nested]
    if not (siblings or cousins):
        return 0
    if len("".join(first.itertext()).strip()) < joining.min_first_chars:
        return 0
    chain = []
    for chunk, chars, heading in _following(root, first, set(siblings) | set(cousins)):
        if heading or chars > joining.max_gap_chars:
            break
        chain.append(chunk)
    for chunk in chain:  # moved once the walk is over
        _keep_tail(chunk)
        first.append(chunk)
    return len(chain)


def _keep_tail(el: Any) -> None:
    """Leave `el`'s tail text where it was before `el` moves (lxml moves a tail with it)."""
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent = el.getparent()
            parent.text = (parent.text or "") + el.tail
    el.tail = None


class _Joined:
    """A body expression whose first match takes in the chunks that follow it (when active)."""

    __slots__ = ("expression",)

    def __init__(self, expression: Any) -> None:
        self.expression = expression

    def __call__(self, tree: Any, **kwargs: Any) -> Any:
        found = self.expression(tree, **kwargs)
        joining = _active.get()
        if joining is not None and isinstance(found, list) and found:
            join_chunks(found, tree.getroottree().getroot(), joining)
        return found


def _install() -> None:
    """Wrap trafilatura's first body expression, the one that names article-body classes
    (`article-body`, `entry-content`, `post-text` …). The later ones take the first `<article>`
    or a generic story container: repeated, those are a listing's tiles, not a body's chunks
    (measured in docs/benchmarks.md, "Session 22")."""
    global _installed
    with _lock:
        if _installed:
            return
        if not isinstance(BODY_XPATH[0], _Joined):
            BODY_XPATH[0] = _Joined(BODY_XPATH[0])
        _installed = True


@contextmanager
def joined_body_chunks(joining: Joining | None) -> Iterator[None]:
    """trafilatura extracting chunked bodies whole inside the block (this thread); None: as
    released."""
    if joining is not None and BODY_XPATH is not None:
        _install()
    token = _active.set(joining)
    try:
        yield
    finally:
        _active.reset(token)
