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

# A sentence boundary: end punctuation (possibly doubled, "Kabul.."), closing quotes, space, and a
# capital/quote/digit starting the next sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ])")


@dataclass(frozen=True, slots=True)
class Marker:
    name: str
    scope: Scope
    kind: str
    pattern: re.Pattern[str]

    @property
    def reason(self) -> str:
        return f"marker:{self.name}"


@cache
def markers() -> tuple[Marker, ...]:
    """All marker rules, in file order (the first that matches names the reason)."""
    raw = resources.files("filter.data").joinpath("strip/markers.toml").read_text("utf-8")
    rules = tomllib.loads(raw)["marker"]
    return tuple(
        Marker(r["name"], r["scope"], r["kind"], re.compile(r["pattern"], re.IGNORECASE))
        for r in rules
    )


@cache
def _by_scope(scope: str) -> tuple[Marker, ...]:
    return tuple(m for m in markers() if m.scope == scope)


@cache
def _combined() -> tuple[re.Pattern[str], dict[str, Marker]]:
    """All whole-block rules as one alternation (one scan per block instead of one per rule).

    Each rule is its own named branch, in file order, so the branch that matches is the first
    rule that would have matched on its own (every block rule is anchored at the start).
    """
    rules = [m for m in markers() if m.scope != "tail"]
    names = {f"m{i}": m for i, m in enumerate(rules)}
    pattern = "|".join(f"(?P<m{i}>{m.pattern.pattern})" for i, m in enumerate(rules))
    return re.compile(pattern, re.IGNORECASE), names


def block_marker(text: str) -> Marker | None:
    """The first whole-block rule (header or block scope) that `text` matches, if any."""
    pattern, names = _combined()
    match = pattern.match(text.strip())
    return names[match.lastgroup] if match and match.lastgroup else None


def tail_cut(text: str) -> tuple[int, Marker] | None:
    """Where a trailing junk sentence starts in `text` (offset, rule), or None.

    Only sentences after the first are considered here, so the cut always leaves body; a block
    whose first sentence is junk is a whole-block removal (see `leading_tail_marker`).
    """
    tails = _by_scope("tail")
    for match in _SENTENCE_BREAK.finditer(text):
        rest = text[match.end() :]
        for marker in tails:
            if marker.pattern.match(rest):
                return match.end(), marker
    return None


def leading_tail_marker(text: str) -> Marker | None:
    """A tail rule matching the block's first sentence: then the whole block is junk."""
    stripped = text.strip()
    for marker in _by_scope("tail"):
        if marker.pattern.match(stripped):
            return marker
    return None
