"""Marker phrases: boilerplate recognisable from its wording alone.

The rules live in data/strip/markers.toml.

A marker is one small rule that answers "junk, and why" for a block, or cuts a trailing junk
sentence off a block. The rules are data; this module only loads and applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from re import _compiler as _sre_compile
from re import _constants as _sre
from re import _parser as _sre_parse
from typing import Any, Literal

import ahocorasick

from filter.data import read_toml
from filter.textcase import lower_if_exact

Scope = Literal["block", "header", "tail"]
TAIL_SENTENCES = 3

# A sentence boundary: end punctuation (possibly doubled, "Kabul.."), closing quotes, space, and a
# capital/quote/digit starting the next sentence; a break begins after the punctuation (the
# match's end is the next sentence's start). The punctuation is matched, not looked behind: a
# pattern that opens with a character class lets `re` skip to candidates at C speed (a look-behind
# is tried at every position); the punctuation, quotes and spaces are disjoint classes, so the
# ends are exactly the look-behind form's.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ])")


@dataclass(frozen=True, slots=True)
class Marker:
    name: str
    scope: Scope
    kind: str
    pattern: re.Pattern[str]
    anywhere: bool = False
    max_chars: int | None = None
    order: int = 0
    # An "anywhere" match makes the whole block junk, never only a glued trailer (trailer_cut).
    whole: bool = False
    # Lower-case strings one of which every match contains (None: no such set known); see
    # `required_literals`. Only a prefilter: it never changes which blocks match.
    needs: frozenset[str] | None = field(default=None, compare=False)

    @property
    def reason(self) -> str:
        return f"marker:{self.name}"


@cache
def markers() -> tuple[Marker, ...]:
    """All marker rules, in file order (the first that matches names the reason)."""
    rules = read_toml("strip/markers.toml")["marker"]
    out = []
    for n, r in enumerate(rules):
        pattern = re.compile(r["pattern"], re.IGNORECASE)
        out.append(
            Marker(
                r["name"],
                r["scope"],
                r["kind"],
                pattern,
                bool(r.get("anywhere", False)),
                r.get("max_chars"),
                n,
                bool(r.get("whole", False)),
                required_literals(pattern),
            )
        )
    return tuple(out)


# ----------------------------------------------------------------------- literal prefilter
# An "anywhere" rule such as `\bnewsletters?\b|in your inbox|…` is searched at every position
# of a block, ~45 µs a block for the slow ones; yet every match contains one of a few literal
# strings ("newsletter", "inbox", …). `required_literals` reads that set off the parsed pattern,
# and one Aho-Corasick pass over the lower-cased block (all rules' literals at once) skips the
# regex of every rule none of whose literals occurs. Exact: the
# set is a necessary condition for a match, built only from ASCII and uncased literals, and
# trusted only on blocks without the four non-ASCII characters that case-insensitive matching
# equates with ASCII letters (`filter.textcase`); elsewhere an ASCII letter matches exactly its
# lower- or upper-case self.
Needs = frozenset[str] | None


def _most_selective(options: list[frozenset[str]]) -> Needs:
    return max(options, key=lambda s: min(map(len, s)), default=None)


def _needs(items: Any) -> Needs:
    """A set of strings one of which every match of the parsed sequence `items` contains."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL and (av < 128 or not _sre_compile._sre.unicode_iscased(av)):
            run.append(chr(av).lower())  # uncased characters ("무") match only themselves
            continue
        close()
        need: Needs
        if op is _sre.SUBPATTERN:
            need = _needs(av[3])
        elif op is _sre.ATOMIC_GROUP:
            need = _needs(av)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            need = _needs(av[2])
        elif op is _sre.BRANCH:
            branches = [_needs(b) for b in av[1]]
            need = None if any(b is None for b in branches) else frozenset().union(*branches)
        else:
            need = None
        if need:
            options.append(need)
    close()
    return _most_selective(options)


def required_literals(pattern: re.Pattern[str]) -> Needs:
    """Lower-case strings one of which every match of `pattern` contains, or None."""
    try:
        need = _needs(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # a construct this reader does not know: no prefilter, same verdicts
        return None
    return need if need and all(need) else None


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


# An anchored rule is prefiltered only when each of its literals has this many characters: a
# one- or two-letter literal ("a", "m") is in nearly every block and would only slow the scan.
_ANCHORED_LITERAL_MIN = 3


@cache
def _prefiltered_anchored() -> frozenset[int]:
    """Orders of the anchored whole-block rules whose required literals go into the index."""
    return frozenset(
        m.order
        for m in _combined()[1].values()
        if m.needs is not None and min(map(len, m.needs)) >= _ANCHORED_LITERAL_MIN
    )


@cache
def _literal_index() -> ahocorasick.Automaton | None:
    """One Aho-Corasick automaton over the required literals of every "anywhere" rule and of the
    anchored rules in `_prefiltered_anchored`.

    A single pass over a block finds every literal it contains (overlaps included), hence the
    exact set of rules whose regex can match; testing each rule's literals with `in` cost five
    times as much.
    """
    automaton = ahocorasick.Automaton()
    owners: dict[str, set[int]] = {}
    anchored = [m for m in _combined()[1].values() if m.order in _prefiltered_anchored()]
    for marker in [*_combined()[2], *anchored]:
        for literal in marker.needs or ():
            owners.setdefault(literal, set()).add(marker.order)
    if not owners:
        return None
    for literal, orders in owners.items():
        automaton.add_word(literal, frozenset(orders))
    automaton.make_automaton()
    return automaton


def _candidates(lowered: str | None) -> set[int] | None:
    """Orders of the indexed rules whose required literals occur in `lowered` (None: all)."""
    index = _literal_index()
    if lowered is None or index is None:
        return None
    found: set[int] = set()
    for _end, orders in index.iter(lowered):
        found |= orders
    return found


def _first_anchored(stripped: str, candidates: set[int] | None) -> Marker | None:
    """The first anchored whole-block rule (file order) that matches `stripped`.

    Without `candidates`, the one alternation of all of them; with them, each rule on its own,
    skipping the prefiltered rules none of whose literals the block holds. The same rule either
    way: an alternation's first matching branch is the first rule that matches alone.
    """
    pattern, names, _ = _combined()
    if candidates is None:
        match = pattern.match(stripped)
        return names[match.lastgroup] if match and match.lastgroup else None
    prefiltered = _prefiltered_anchored()
    for marker in names.values():
        if marker.order in prefiltered and marker.order not in candidates:
            continue
        if marker.pattern.match(stripped):
            return marker
    return None


def block_marker(text: str) -> Marker | None:
    """The first whole-block rule (header or block scope, file order) that `text` matches.

    A block short enough for the "anywhere" rules gets one literal scan (`_candidates`), which
    prefilters those and most anchored rules alike; a longer block, only the anchored
    alternation.
    """
    stripped = text.strip()
    if len(stripped) > _anywhere_max_chars():
        return _first_anchored(stripped, None)  # longer than every "anywhere" rule looks at
    candidates = _candidates(lower_if_exact(stripped))
    found = _first_anchored(stripped, candidates)
    for marker in _combined()[2]:
        if found is not None and marker.order > found.order:
            break
        if marker.max_chars is not None and len(stripped) > marker.max_chars:
            continue
        if candidates is not None and marker.needs is not None and marker.order not in candidates:
            continue
        if marker.pattern.search(stripped):
            return marker
    return found


@cache
def _anywhere_max_chars() -> float:
    """The longest block any "anywhere" rule looks at (infinite when one has no bound)."""
    bounds = [m.max_chars for m in _combined()[2]]
    return float("inf") if None in bounds else max(bounds, default=-1)


def tail_cut(text: str) -> tuple[int, Marker] | None:
    """Where a trailing junk sentence starts in `text` (offset, rule), or None.

    Only sentences after the first are considered here, so the cut always leaves body; a block
    whose first sentence is junk is a whole-block removal (see `leading_tail_marker`). Junk tails
    are one to three sentences, so only the last `TAIL_SENTENCES` sentence starts are tried.
    """
    tails = _by_scope("tail")
    for start in _last_sentence_starts(text):
        for marker in tails:
            if marker.pattern.match(text[start:]):
                return start, marker
    return None


def _last_sentence_starts(text: str) -> list[int]:
    """The last `TAIL_SENTENCES` sentence starts of `text`, scanning only as much of its end as
    needed (a long paragraph has dozens).

    Exact: a break begins right after end punctuation and holds none, so a scan from one
    character before any offset (the punctuation of a break beginning there) finds exactly the
    breaks of a full scan that begin at or after it.
    """
    window = 256
    while True:
        pos = max(0, len(text) - window)
        starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, max(pos - 1, 0))]
        if len(starts) >= TAIL_SENTENCES or pos == 0:
            return starts[-TAIL_SENTENCES:]
        window *= 4


# Where a trailer may begin inside a block: after end punctuation and space, whatever follows (a
# credit such as "— Getty Images" starts with a dash, not a capital). Looser than a sentence
# break, and safe: a cut is made only where a marker matches what follows, and only in a block
# a marker would otherwise remove whole, so a false break can only keep more of the block.
_TRAILER_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=\S)")


def trailer_cut(text: str) -> tuple[int, Marker] | None:
    """Where the junk in a block that an "anywhere" rule matched starts, when it is confined to
    the block's trailing sentences: (offset, rule of the first junk sentence), else None.

    A body paragraph with a credit or copyright line glued to its end ("… at both centers.
    Copyright 2015 Getty Images. All rights reserved.") loses only the trailer. The first
    sentence that a marker matches on its own starts the cut; a parenthesised trailer goes whole
    (the cut moves back to the sentence that opens it); what is left must hold no marker at all,
    or the block is junk from its start and goes whole.
    """
    starts = [m.end() for m in _TRAILER_BREAK.finditer(text)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        found = block_marker(text[start:end]) or leading_tail_marker(text[start:])
        if found is None:
            continue
        while i > 0 and _closes_more(text[starts[i] :]):
            i -= 1
        cut = starts[i]
        if _closes_more(text[cut:]) or whole_block_marker(text[:cut]):
            return None
        return cut, found
    return None


def _closes_more(text: str) -> bool:
    """True when `text` closes a bracket it did not open (it ends a parenthesis begun earlier)."""
    return text.count(")") > text.count("(") or text.count("]") > text.count("[")


def whole_block_marker(text: str) -> Marker | None:
    """The rule that makes all of `text` junk: a whole-block rule, else a tail rule matching its
    first sentence."""
    return block_marker(text) or leading_tail_marker(text)


def leading_tail_marker(text: str) -> Marker | None:
    """A tail rule matching the block's first sentence: then the whole block is junk."""
    stripped = text.strip()
    for marker in _by_scope("tail"):
        if marker.pattern.match(stripped):
            return marker
    return None
