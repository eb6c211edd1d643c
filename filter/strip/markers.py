"""Marker phrases: boilerplate recognisable from its wording alone.

The rules live in data/strip/markers.toml.

A marker is one small rule that answers "junk, and why" for a block, or cuts a trailing junk
sentence off a block. The rules are data; this module only loads and applies them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Scope = Literal["block", "header", "tail"]
TAIL_SENTENCES = 3

# A sentence boundary: end punctuation (possibly doubled, "Kabul.."), closing quotes, space, and a
# capital/quote/digit starting the next sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ])")


@dataclass(frozen=True, slots=True)
class Marker:
    name: str
    scope: Scope
    kind: str
    pattern: re.Pattern[str]
    anywhere: bool = False
    max_chars: int | None = None
    order: int = 0

    @property
    def reason(self) -> str:
        return f"marker:{self.name}"


@cache
def markers() -> tuple[Marker, ...]:
    """All marker rules, in file order (the first that matches names the reason)."""
    raw = resources.files("filter.data").joinpath("strip/markers.toml").read_text("utf-8")
    rules = tomllib.loads(raw)["marker"]
    return tuple(
        Marker(
            r["name"],
            r["scope"],
            r["kind"],
            re.compile(r["pattern"], re.IGNORECASE),
            bool(r.get("anywhere", False)),
            r.get("max_chars"),
            n,
        )
        for n, r in enumerate(rules)
    )


@cache
def _by_scope(scope: str) -> tuple[Marker, ...]:
    return tuple(m for m in markers() if m.scope == scope)


@cache
def _combined() -> tuple[re.Pattern[str], dict[str, Marker], tuple[Marker, ...]]:
    """Anchored whole-block rules as one alternation (one scan per block, not one per rule),
    plus the "anywhere" rules, which are searched one by one within their length bound.

    Each anchored rule is its own named branch, in file order, so the branch that matches is the
    first anchored rule that would have matched on its own.
    """
    anchored = [m for m in markers() if m.scope != "tail" and not m.anywhere]
    names = {f"m{i}": m for i, m in enumerate(anchored)}
    pattern = "|".join(f"(?P<m{i}>{m.pattern.pattern})" for i, m in enumerate(anchored))
    anywhere = tuple(m for m in markers() if m.scope != "tail" and m.anywhere)
    return re.compile(pattern, re.IGNORECASE), names, anywhere


def block_marker(text: str) -> Marker | None:
    """The first whole-block rule (header or block scope, file order) that `text` matches."""
    stripped = text.strip()
    pattern, names, anywhere = _combined()
    match = pattern.match(stripped)
    found = names[match.lastgroup] if match and match.lastgroup else None
    for marker in anywhere:
        if found is not None and marker.order > found.order:
            break
        if (
            marker.max_chars is None or len(stripped) <= marker.max_chars
        ) and marker.pattern.search(stripped):
            return marker
    return found


def tail_cut(text: str) -> tuple[int, Marker] | None:
    """Where a trailing junk sentence starts in `text` (offset, rule), or None.

    Only sentences after the first are considered here, so the cut always leaves body; a block
    whose first sentence is junk is a whole-block removal (see `leading_tail_marker`). Junk tails
    are one to three sentences, so only the last `TAIL_SENTENCES` sentence starts are tried.
    """
    tails = _by_scope("tail")
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text)][-TAIL_SENTENCES:]
    for start in starts:
        for marker in tails:
            if marker.pattern.match(text[start:]):
                return start, marker
    return None


def leading_tail_marker(text: str) -> Marker | None:
    """A tail rule matching the block's first sentence: then the whole block is junk."""
    stripped = text.strip()
    for marker in _by_scope("tail"):
        if marker.pattern.match(stripped):
            return marker
    return None
