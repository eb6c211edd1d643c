"""Marker phrases: boilerplate recognisable from its wording alone.

The rules live in data/strip/markers.toml.

A marker is one small rule that answers "junk, and why" for a block, or cuts a trailing junk
sentence off a block. The rules are data; this module only loads and applies them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
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

# A sentence boundary: end punctuation (possibly doubled, "Kabul.."), closing quotes, space, and
# a capital/quote/digit (or a dash and a capital: a wire sign-off, "— AFP") starting the next
# sentence; a break begins after the punctuation (the match's end is the next sentence's start).
# The punctuation is matched, not looked behind: a pattern that opens with a character class lets
# `re` skip to candidates at C speed (a look-behind is tried at every position); the punctuation,
# quotes and spaces are disjoint classes, so the ends are exactly the look-behind form's.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ]|[—–] ?[A-Z])")


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
    # A block rule whose match may also close a paragraph as its trailing sentences (a credit
    # line glued to the last paragraph): `tail_cut` tries it with the tail rules.
    trailing: bool = False
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
                bool(r.get("trailing", False)),
                required_literals(pattern),
            )
        )
    return tuple(out)


# ----------------------------------------------------------------------- literal prefilter
# An "anywhere" rule such as `\bnewsletters?\b|in your inbox|…` is searched at every position
# of a block, ~45 µs a block for the slow ones; yet every match contains one of a few literal
# strings ("newsletter", "inbox", …). `required_literals` reads that set off the parsed pattern,
# and one Aho-Corasick pass (all rules' literals at once) over the lower-cased text, once per text
# (`TextScan`; per block when a block is checked alone), skips the regex of every rule none of
# whose literals occurs in the block. Exact: the set is a necessary condition for
# a match, built only from literals whose matches lower-casing decides (`_literal_char`), and
# trusted only on blocks without the four non-ASCII characters that case-insensitive matching
# equates with ASCII letters (`filter.textcase`); elsewhere an ASCII letter matches exactly its
# lower- or upper-case self.
Needs = frozenset[str] | None
# Most strings a run of fixed pieces ("sign up (?:to|for) (?:our|the)") is spelled out into.
_EXACT_LIMIT = 256
_EMPTY = frozenset([""])


def _most_selective(options: list[frozenset[str]]) -> Needs:
    return max(options, key=lambda s: min(map(len, s)), default=None)


def _literal_char(av: int) -> bool:
    """Whether lower-casing decides what the literal character `av` matches: an uncased
    character matches only itself, a cased one every character with its lower case, except the
    few with extra case-insensitive equivalents ("k" and the Kelvin sign; see above)."""
    if av < 128 or not _sre_compile._sre.unicode_iscased(av):
        return True
    lower = _sre_compile._sre.unicode_tolower(av)
    return lower not in _sre_compile._EXTRA_CASES and chr(av).lower() == chr(lower)


def _exact(op: Any, av: Any) -> Needs:
    """The lower-case strings the parsed item matches when they are few and fixed, else None.

    A zero-width item (anchor, look-around) matches the empty string; dropping its condition
    only widens the set.
    """
    if op is _sre.LITERAL:
        return frozenset([chr(av).lower()]) if _literal_char(av) else None
    if op is _sre.IN:
        if all(o is _sre.LITERAL and _literal_char(a) for o, a in av):
            return frozenset(chr(a).lower() for _, a in av)
        return None
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset([""])
    if op is _sre.SUBPATTERN:
        return _exact_sequence(av[3])
    if op is _sre.BRANCH:
        branches = [_exact_sequence(b) for b in av[1]]
        return None if None in branches else frozenset().union(*branches)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[1] <= 1:
        body = _exact_sequence(av[2])
        return None if body is None else body | {""} if av[0] == 0 else body
    return None


def _concat(head: frozenset[str], tail: frozenset[str]) -> Needs:
    """Every string of `head` followed by every string of `tail`, or None when too many."""
    if len(head) * len(tail) > _EXACT_LIMIT:
        return None
    return frozenset(a + b for a in head for b in tail)


def _exact_sequence(items: Any) -> Needs:
    run: Needs = frozenset([""])
    for op, av in items:
        piece = _exact(op, av)
        run = None if piece is None or run is None else _concat(run, piece)
        if run is None:
            return None
    return run


def _needs(items: Any) -> Needs:
    """A set of strings one of which every match of the parsed sequence `items` contains.

    Adjacent fixed pieces are joined ("sign up" + " to our "), so the strings are as long, and
    the prefilter as selective, as the pattern allows.
    """
    options: list[frozenset[str]] = []
    run = _EMPTY
    for op, av in items:
        piece = _exact(op, av)
        joined = None if piece is None else _concat(run, piece)
        if joined is not None:
            run = joined
            continue
        options.append(run)
        run = _EMPTY if piece is None else piece
        if piece is None:
            options.append(_item_needs(op, av) or _EMPTY)
    options.append(run)
    return _most_selective([o for o in options if "" not in o])


def _item_needs(op: Any, av: Any) -> Needs:
    """`_needs` of one parsed item that matches more than a few fixed strings."""
    if op is _sre.SUBPATTERN:
        return _needs(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _needs(av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needs(av[2])
    if op is _sre.BRANCH:
        branches = [_needs(b) for b in av[1]]
        return None if None in branches else frozenset().union(*branches)
    return None


def required_literals(pattern: re.Pattern[str]) -> Needs:
    """Lower-case strings one of which every match of `pattern` contains, or None."""
    try:
        need = _needs(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # a construct this reader does not know: no prefilter, same verdicts
        return None
    return need if need and all(need) else None


# ------------------------------------------------------------------------ start index
# An anchored rule ("^(?:advertisement|sponsored|…)") can only match a block whose first few
# characters begin one of its matches, so the block's first `_START_CHARS` characters, looked up
# in a table built from the parsed patterns, name the few rules worth trying; a body paragraph
# ("The council …") usually gets one or two instead of all thirty. Exact like the literal
# prefilter (same characters, same case-alias guard), with white space read as " " and decimal
# digits as "0" so that `\s` and `\d` keep their place in the table. A rule part that may begin
# with anything (".{0,60}click here") is tried when the block holds its required literals, and
# a part without those, always.
_START_CHARS = 4
_START_LIMIT = 4096
# (start, closed): a match begins with `start`; closed when nothing more is known after it.
_Starts = frozenset[tuple[str, bool]]
_OPEN: _Starts = frozenset([("", False)])
_ANY: _Starts = frozenset([("", True)])
_FOLD_ASCII = str.maketrans(
    {c: " " if c.isspace() else "0" for c in map(chr, range(128)) if c.isspace() or c.isdigit()}
)


def _fold(ch: str) -> str:
    """A lower-cased character as the start table holds it."""
    return " " if ch.isspace() else "0" if ch.isdecimal() else ch


def _start_key(lowered: str, offset: int = 0) -> str:
    """The first `_START_CHARS` characters of `lowered[offset:]`, folded as in the table."""
    head = lowered[offset : offset + _START_CHARS]
    return head.translate(_FOLD_ASCII) if head.isascii() else "".join(map(_fold, head))


def _start_chars(op: Any, av: Any) -> set[str] | None:
    """The folded characters a one-character item matches, or None when unknown or many."""
    if op is _sre.LITERAL:
        return {_fold(chr(av).lower())} if _literal_char(av) else None
    if op is not _sre.IN:
        return None
    chars: set[str] = set()
    for o, a in av:
        if o is _sre.LITERAL and _literal_char(a):
            chars.add(_fold(chr(a).lower()))
        elif o is _sre.RANGE and a[1] - a[0] < 64:
            span = range(a[0], a[1] + 1)
            if not all(map(_literal_char, span)):
                return None
            chars.update(_fold(chr(c).lower()) for c in span)
        elif o is _sre.CATEGORY and a in (_sre.CATEGORY_SPACE, _sre.CATEGORY_DIGIT):
            chars.add(" " if a is _sre.CATEGORY_SPACE else "0")
        else:
            return None
    return chars


def _join(head: _Starts, tail: _Starts, k: int) -> _Starts:
    """Starts of a match of `head` followed by one of `tail`, cut at `k` characters."""
    out: set[tuple[str, bool]] = set()
    for s, closed in head:
        if closed or len(s) >= k:
            out.add((s[:k], True))
            continue
        for t, ends in tail:
            u = s + t
            out.add((u[:k], ends or len(u) >= k))
    if len(out) > _START_LIMIT:
        raise OverflowError
    return frozenset(out)


def _item_starts(op: Any, av: Any, k: int) -> _Starts:
    chars = _start_chars(op, av)
    if chars is not None:
        return frozenset((c, False) for c in chars)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _OPEN  # zero width: dropping its condition only admits more blocks
    if op is _sre.SUBPATTERN:
        return _sequence_starts(av[3], k)
    if op is _sre.ATOMIC_GROUP:
        return _sequence_starts(av, k)
    if op is _sre.BRANCH:
        return frozenset().union(*(_sequence_starts(b, k) for b in av[1]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _sequence_starts(body, k)
        run = _OPEN
        for _ in range(low):
            run = _join(run, once, k)
        out = set(run)
        for _ in range(min(high - low, k)):  # k more repeats reach k characters
            run = _join(run, once, k)
            out |= run
        return frozenset(out)
    return _ANY


def _sequence_starts(items: Any, k: int) -> _Starts:
    run = _OPEN
    for op, av in items:
        if all(closed or len(s) >= k for s, closed in run):
            break
        run = _join(run, _item_starts(op, av, k), k)
    return run


def _starts(items: Any) -> frozenset[str] | None:
    """Folded strings one of which starts every match of the parsed `items` (None: any start)."""
    for k in range(_START_CHARS, 0, -1):
        try:
            starts = {s for s, _ in _sequence_starts(items, k)}
        except OverflowError:
            continue
        return None if "" in starts else frozenset(starts)
    return None


def _alternatives(items: Any) -> list[Any]:
    """`items` as the list of its top-level alternatives ("^(?:a|b)$" is "^a$" and "^b$"), so
    that one alternative's unknown start does not hide the others' known ones."""
    for i, (op, av) in enumerate(items):
        if op is _sre.SUBPATTERN and len(av[3]) == 1 and av[3][0][0] is _sre.BRANCH:
            op, av = av[3][0]
        if op is _sre.BRANCH:
            return [[*items[:i], *b, *items[i + 1 :]] for b in av[1]]
    return [items]


@dataclass(frozen=True)
class _StartIndex:
    """Anchored rules looked up by the first characters of a block: whole-block rules first,
    then tail rules, each in file order (the order in which a block's verdict tries them)."""

    rules: tuple[Marker, ...]
    by_start: dict[str, tuple[Marker, ...]]
    # Rules tried when the block holds one of their literals, each set of literals as one
    # pattern: a single search instead of a `find` per literal.
    by_literal: tuple[tuple[re.Pattern[str], Marker], ...]
    # The table's starts as one case-insensitive regex: whether any rule may match at an offset,
    # in one call (None when some rule may match anywhere).
    gate: re.Pattern[str] | None

    def candidates(self, lowered: str | None, offset: int = 0) -> tuple[Marker, ...]:
        """The rules that may match at `offset` of the block lower-cased as `lowered` (None: a
        block the lower-cased copy cannot speak for, so all)."""
        if lowered is None:
            return self.rules
        key = _start_key(lowered, offset)
        for n in range(len(key), -1, -1):
            found = self.by_start.get(key[:n])
            if found is not None:
                break
        if not self.by_literal:
            return found
        gated = [m for lits, m in self.by_literal if lits.search(lowered, offset)]
        return _in_order({*found, *gated}) if gated else found


def _in_order(rules: set[Marker]) -> tuple[Marker, ...]:
    return tuple(sorted(rules, key=lambda m: (m.scope == "tail", m.order)))


def _any_of(literals: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds where any of `literals` occurs (matched exactly, case included)."""
    return re.compile("|".join(map(re.escape, sorted(literals))))


def _start_index(rules: tuple[Marker, ...]) -> _StartIndex:
    """The start table of `rules`: each folded start maps to every rule that a block beginning
    with it may match, including the rules of each of its shorter starts."""
    owners: dict[str, set[Marker]] = {"": set()}
    by_literal: dict[Marker, set[str]] = {}
    for marker in rules:
        for alt in _alternatives(_sre_parse.parse(marker.pattern.pattern, marker.pattern.flags)):
            starts = _starts(alt)
            literals = _needs(alt) if starts is None else None
            if starts is not None:
                for start in starts:
                    owners.setdefault(start, set()).add(marker)
            elif literals and all(literals):
                by_literal.setdefault(marker, set()).update(literals)
            else:
                owners[""].add(marker)
    by_start = {
        key: _in_order({m for n in range(len(key) + 1) for m in owners.get(key[:n], ())})
        for key in owners
    }
    gated = tuple((_any_of(lits), m) for m, lits in by_literal.items())
    gate = None if owners[""] or gated else _gate(owners)
    return _StartIndex(_in_order(set(rules)), by_start, gated, gate)


def _gate(starts: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching where a folded start begins (" ": any white space,
    "0": any decimal digit); never stricter than the table, as its characters come from the
    rules' own case-insensitive literals."""
    fold = {" ": r"\s", "0": r"\d"}
    spelled = ("".join(fold.get(c) or re.escape(c) for c in start) for start in starts if start)
    return re.compile("|".join(sorted(spelled, key=len, reverse=True)), re.IGNORECASE)


@cache
def _start_rules() -> _StartIndex:
    """Header and block rules matched at the block's start, then the tail rules."""
    return _start_index(tuple(m for m in markers() if not m.anywhere))


@cache
def _tail_index() -> _StartIndex:
    """The rules a trailing sentence is tried against: tail rules and `trailing` block rules."""
    return _start_index(tuple(m for m in markers() if m.scope == "tail" or m.trailing))


@cache
def _anywhere() -> tuple[Marker, ...]:
    """Header and block rules searched anywhere in the block, within their length bound."""
    return tuple(m for m in markers() if m.scope != "tail" and m.anywhere)


@cache
def _literal_index() -> ahocorasick.Automaton | None:
    """One Aho-Corasick automaton over the required literals of every "anywhere" rule, each
    stored with its length and the rules that need it.

    A single pass over a block finds every literal it contains (overlaps included), hence the
    exact set of rules whose regex can match; testing each rule's literals with `in` cost five
    times as much.
    """
    automaton = ahocorasick.Automaton()
    owners: dict[str, set[int]] = {}
    for marker in _anywhere():
        for literal in marker.needs or ():
            owners.setdefault(literal, set()).add(marker.order)
    if not owners:
        return None
    for literal, orders in owners.items():
        automaton.add_word(literal, (len(literal), frozenset(orders)))
    automaton.make_automaton()
    return automaton


def _candidates(lowered: str | None) -> set[int] | None:
    """Orders of the "anywhere" rules whose required literals occur in `lowered` (None: all)."""
    index = _literal_index()
    if lowered is None or index is None:
        return None
    found: set[int] = set()
    for _end, (_length, orders) in index.iter(lowered):
        found |= orders
    return found


class TextScan:
    """What the marker prefilters need of a whole text, computed once for all its blocks: the
    text lower-cased and where the "anywhere" rules' literals occur in it (one pass per text,
    not one per block)."""

    def __init__(self, text: str) -> None:
        # A slice of the lower-cased text is its block's own lower-cased copy: lower-casing keeps
        # every length when `lower_if_exact` allows it at all, and the only character it lowers
        # by context (capital sigma) is one no prefilter string holds.
        self.lowered = lower_if_exact(text)
        self._ends: list[int] = []
        self._hits: list[tuple[int, frozenset[int]]] = []
        index = _literal_index()
        if self.lowered is not None and index is not None:
            for end, (length, orders) in index.iter(self.lowered):
                self._ends.append(end)
                self._hits.append((end - length + 1, orders))

    def block(self, start: int, end: int) -> tuple[str | None, set[int] | None]:
        """The block `text[start:end]` lower-cased, and the orders of the "anywhere" rules whose
        literals it holds (None, None: the lower-cased copy cannot speak for this text)."""
        if self.lowered is None:
            return None, None
        found: set[int] = set()
        i = bisect_left(self._ends, start)
        while i < len(self._ends) and self._ends[i] < end:
            first, orders = self._hits[i]
            if first >= start:
                found |= orders
            i += 1
        return self.lowered[start:end], found


def _first_anchored(stripped: str, starts: tuple[Marker, ...]) -> Marker | None:
    """The first anchored whole-block rule among `starts` that matches `stripped`."""
    for marker in starts:
        if marker.scope == "tail":
            break
        if marker.pattern.match(stripped):
            return marker
    return None


def _first_anywhere(
    stripped: str, lowered: str | None, literals: set[int] | None, found: Marker | None
) -> Marker | None:
    """The first "anywhere" rule before `found` (file order) that `stripped` matches."""
    if len(stripped) > _anywhere_max_chars():
        return None  # longer than every "anywhere" rule looks at
    candidates = _candidates(lowered) if literals is None else literals
    if not candidates and candidates is not None and not _unfiltered_anywhere():
        return None
    for marker in _anywhere():
        if found is not None and marker.order > found.order:
            break
        if marker.max_chars is not None and len(stripped) > marker.max_chars:
            continue
        if candidates is not None and marker.needs is not None and marker.order not in candidates:
            continue
        if marker.pattern.search(stripped):
            return marker
    return None


@cache
def _unfiltered_anywhere() -> tuple[Marker, ...]:
    return tuple(m for m in _anywhere() if m.needs is None)


def _block_marker(
    stripped: str, lowered: str | None, literals: set[int] | None, starts: tuple[Marker, ...]
) -> Marker | None:
    found = _first_anchored(stripped, starts)
    return _first_anywhere(stripped, lowered, literals, found) or found


def _leading_tail(stripped: str, starts: tuple[Marker, ...]) -> Marker | None:
    for marker in starts:
        if marker.scope == "tail" and marker.pattern.match(stripped):
            return marker
    return None


def block_marker(
    text: str, lowered: str | None = None, literals: set[int] | None = None
) -> Marker | None:
    """The first whole-block rule (header or block scope, file order) that `text` matches.

    `lowered` and `literals` are what `TextScan.block` says of the stripped text, when the
    caller has it. The anchored rules are looked up by the block's start (`_StartIndex`); a
    block short enough for the "anywhere" rules gets one literal scan (`_candidates`) that
    prefilters those, unless the caller did it for the whole text.
    """
    stripped, lowered, literals, starts = _looked_up(text, lowered, literals)
    return _block_marker(stripped, lowered, literals, starts)


def _looked_up(
    text: str, lowered: str | None = None, literals: set[int] | None = None
) -> tuple[str, str | None, set[int] | None, tuple[Marker, ...]]:
    """What every block check starts from: the stripped text, its lower-cased copy and literal
    hits (the caller's, else computed here) and the anchored rules its start may match."""
    stripped = text.strip()
    if lowered is None:
        lowered, literals = lower_if_exact(stripped), None
    return stripped, lowered, literals, _start_rules().candidates(lowered)


@cache
def _anywhere_max_chars() -> float:
    """The longest block any "anywhere" rule looks at (infinite when one has no bound)."""
    bounds = [m.max_chars for m in _anywhere()]
    return float("inf") if None in bounds else max(bounds, default=-1)


def tail_cut(text: str, lowered: str | None = None) -> tuple[int, Marker] | None:
    """Where a trailing junk sentence starts in `text` (offset, rule), or None.

    Only sentences after the first are considered here, so the cut always leaves body; a block
    whose first sentence is junk is a whole-block removal (see `leading_tail_marker`). Junk tails
    are one to three sentences, so only the last `TAIL_SENTENCES` sentence starts are tried.
    `lowered` is `text` lower-cased, when the caller has it. Most blocks have no sentence that
    starts the way a tail rule's match does (`_gated_break`, one search), and end there.
    """
    index = _tail_index()
    gated = _gated_break()
    if gated is not None and not gated.search(text):
        return None
    if lowered is None:
        lowered = lower_if_exact(text)
    for start in _last_sentence_starts(text):
        if index.gate is not None and not index.gate.match(text, start):
            continue
        for marker in index.candidates(lowered, start):
            if marker.pattern.match(text[start:]):
                return start, marker
    return None


@cache
def _gated_break() -> re.Pattern[str] | None:
    """A sentence break followed by what the tail rules' gate matches: where a tail cut may
    start. It finds every break that `_SENTENCE_BREAK` finds (their matches cannot overlap)
    whose start the gate passes, anywhere in a block, so a block without one has no cut."""
    gate = _tail_index().gate
    if gate is None:
        return None
    return re.compile(rf"{_SENTENCE_BREAK.pattern}(?=(?i:{gate.pattern}))")


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


def whole_block_marker(
    text: str, lowered: str | None = None, literals: set[int] | None = None
) -> Marker | None:
    """The rule that makes all of `text` junk: a whole-block rule, else a tail rule matching its
    first sentence. `lowered` and `literals`: see `block_marker`."""
    stripped, lowered, literals, starts = _looked_up(text, lowered, literals)
    return _block_marker(stripped, lowered, literals, starts) or _leading_tail(stripped, starts)


def leading_tail_marker(text: str) -> Marker | None:
    """A tail rule matching the block's first sentence: then the whole block is junk."""
    stripped, _, _, starts = _looked_up(text)
    return _leading_tail(stripped, starts)
