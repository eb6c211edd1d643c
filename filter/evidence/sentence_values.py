"""Typed values of a sentence, and when two of them, from independent reports, say the same.

The values aligned-sentence evidence compares (`aligned`): explicit weekdays and dates, counts of
one noun and outcome or measures of one unit, places of one kind after one preposition, agents
of one action. Differences legitimate variance explains are forgiven by the claim-level rules
(`variance`, `compare.numbers_agree`); days weeks apart are two events, not one misdated.
Words, thresholds and lists live in `data/claims/aligned.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any, Literal

from filter.claims import lexicon
from filter.claims.numbers import lemma
from filter.evidence import variance
from filter.evidence.compare import numbers_agree
from filter.gazetteer.fold import fold
from filter.types import Claim

Relation = Literal["supports", "conflicts"]
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
# The words of `_WORD` three letters long or more, and only those: where `_WORD` finds a shorter
# word no longer one starts, so this finds the same words, less the ones `_content` drops.
_LONG_WORD = re.compile(r"[a-z][a-z'-]+[a-z]")
_RELATIVE_DAYS = frozenset({"today", "yesterday", "tonight", "last night"})


@cache
def config() -> dict[str, Any]:
    return lexicon.toml("aligned.toml")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(config()["tokens"]["stopwords"])


@cache
def _offset_rx() -> re.Pattern[str]:
    t = config()["time"]
    return re.compile(rf"\b(?:{lexicon.alternation(t['durations'])})\s+"
                      rf"(?:{lexicon.alternation(t['offsets'])})\b", re.IGNORECASE)


@cache
def _outcomes() -> dict[str, str]:
    return {w: cls for cls, words in config()["quantity"]["outcomes"].items() for w in words}


_VOCABULARY = 200_000  # per-word memos: a vocabulary, not a corpus, bounded all the same


@lru_cache(maxsize=_VOCABULARY)
def stem(word: str) -> str:
    """Crude lemma: "captured", "captures", "capturing" and "capture" meet at "captur"."""
    w = lemma(word)
    for suffix in ("ing", "ed", "es", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]  # "winning", "trapped": win, trap
            return w
    return w


def tokens(sentence: str) -> frozenset[str]:
    """The sentence's content words, values masked: no numbers, weekdays, months, stopwords.
    Not memoised by text (a crawl's recurring paragraphs would flatter it): callers keep the
    result per report or per article."""
    return folded_tokens(fold(sentence))


def folded_tokens(folded: str) -> frozenset[str]:
    """`tokens` of a sentence already folded (a caller that folds it once for several uses).
    An ASCII sentence is split into runs of word characters by a byte table instead of
    `_LONG_WORD`: each run holds at most one of its words, the run with its apostrophes and
    hyphens stripped from both ends (`_run_content`)."""
    text = folded.replace("'s", "")
    if not text.isascii():
        return frozenset(filter(None, map(_content, _LONG_WORD.findall(text))))
    runs = text.encode("ascii").translate(_RUN_BYTES).split()
    try:
        return frozenset(filter(None, map(_RUNS.__getitem__, runs)))
    except KeyError:
        if len(_RUNS) >= _VOCABULARY:
            _RUNS.clear()
        for run in runs:
            if run not in _RUNS:
                _RUNS[run] = _content(run.decode("ascii").strip("'-")) or ""
        return frozenset(filter(None, map(_RUNS.__getitem__, runs)))


# The bytes of `_LONG_WORD` words ([a-z'-]) kept, every other byte a space: an ASCII text split
# on whitespace after this is its runs of word characters.
_RUN_BYTES = bytes(c if c in b"'-" or 97 <= c <= 122 else 32 for c in range(256))
_RUNS: dict[bytes, str] = {}  # a run -> `_content` of its word, "" for none; per run, like it


@lru_cache(maxsize=_VOCABULARY)
def _content(word: str) -> str | None:
    """The word's stem, or None for a short word or a stopword; memoised per word, like
    `stem`."""
    return stem(word) if len(word) > 2 and word not in _stopwords() else None


@dataclass(slots=True)  # not frozen: every sentence makes several, and frozen __init__ is slow
class Value:
    """One comparable value of a sentence: its type, what it must share to be compared, and the
    claim that carries it."""

    type: str  # "time" | "quantity" | "place" | "agent"
    key: tuple
    claim: Claim

    @property
    def ident(self) -> object:
        """What makes two values of one sentence the same value ("Monday, April 15" is one)."""
        k = self.claim.slots
        return {"time": k.get("date") or k.get("weekday"), "quantity": k.get("value"),
                "place": k.get("place_id"), "agent": k.get("agent")}[self.type]


def _preposition(c: Claim) -> str | None:
    at = c.slots.get("at")
    if not at:
        return None
    before = c.sentence[: max(0, at[0] - c.span[0])].rsplit(None, 1)  # its last word only
    return before[-1].lower() if before else None


def _outcome(c: Claim, folded: str | None = None) -> str | None:
    """The outcome word nearest the count ("killing at least 100 people" -> dead). `folded` is
    the claim's sentence folded, when its slices fold as the whole does (`sliceable_fold`)."""
    text = c.slots.get("text") or ""
    at = c.sentence.find(text) if text else -1
    if at < 0:
        return None
    n = config()["quantity"]["window_words"]
    end = at + len(text)
    if folded is None:
        before = _WORD.findall(fold(c.sentence[:at]))[-n:]
        after = _WORD.findall(fold(c.sentence[end:]))[:n]
    else:
        before = _WORD.findall(folded, 0, at)[-n:]
        after = _WORD.findall(folded, end)[:n]
    # Nearest first: the words after and before it in turn, then the rest of the longer side.
    near = before[::-1]
    table = _outcomes()
    for i in range(max(len(after), len(near))):
        for side in (after, near):
            if i < len(side) and (found := table.get(side[i])) is not None:
                return found
    return None


def sliceable_fold(sentence: str) -> str | None:
    """`fold(sentence)` when every slice of it is the fold of that slice of the sentence as far
    as `_WORD` can see (no letter whose lower case is longer, which makes `fold` translate the
    whole text instead); else None."""
    if len(sentence.lower()) != len(sentence):
        return None
    return fold(sentence)


def values(claims: Iterable[Claim], sentence: str | None = None,
           folded: str | None = None) -> list[Value]:
    """The sentence's comparable values: explicit weekdays and dates, counts and measures,
    places, and agents of events. `folded` is `sliceable_fold(sentence)`, for the claims whose
    sentence is `sentence`: it saves folding pieces of it again."""
    out = []
    same = config()["quantity"]["same_noun"]
    for c in claims:
        k = c.slots
        if c.kind == "time" and (k.get("date") or k.get("weekday")) \
                and (k.get("text") or "").lower() not in _RELATIVE_DAYS:
            out.append(Value("time", (), c))
        elif c.kind == "quantity" and not k.get("marked") and k.get("value") is not None:
            counts = k.get("counts")
            if k.get("unit") == "count" and (not counts or len(counts) < 3):
                continue
            counts = same.get(counts, counts)
            mine = folded if folded is not None and c.sentence == sentence else None
            out.append(Value("quantity", (k.get("unit"), counts, _outcome(c, mine)), c))
        elif c.kind == "place" and k.get("place_id") is not None \
                and k.get("place_kind") in ("city", "admin1", "country"):
            out.append(Value("place", (k["place_kind"], _preposition(c)), c))
        elif c.kind == "event" and k.get("agent") and k.get("agent_side") not in (None, "unknown"):
            out.append(Value("agent", (k.get("action"),), c))
    return out


@cache
def _loose_parts() -> frozenset[str]:
    """Day parts that stretch a day ("night"), as a set built once."""
    return frozenset(lexicon.tolerance()["time"]["loose_parts"])


def _time(a: Claim, b: Claim, pa: date | None, pb: date | None) -> Relation | None:
    x, y = a.slots, b.slots
    tol = lexicon.tolerance()["time"]
    loose = _loose_parts()
    allowed = tol["loose_days"] if (x.get("part") in loose or y.get("part") in loose) \
        else tol["plain_days"]
    xd, yd = x.get("date"), y.get("date")
    if xd and yd:  # the same ISO date is no gap: most aligned dates are, and parsing is not free
        gap = 0 if xd == yd else abs((date.fromisoformat(xd) - date.fromisoformat(yd)).days)
    elif x.get("weekday") and y.get("weekday"):
        days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        gap = abs(days.index(x["weekday"]) - days.index(y["weekday"]))
        gap = min(gap, 7 - gap)
    else:
        return None
    if gap <= allowed:
        return "supports"
    if gap > config()["time"]["max_gap_days"]:
        return None
    return _forgiven(a, b, pa, pb)


def _forgiven(a: Claim, b: Claim, pa: date | None, pb: date | None) -> Relation | None:
    """A difference legitimate variance explains: support, neutral, or still a conflict."""
    v = variance.explain(a, b, pa, pb)
    if v is None:
        return "conflicts"
    return "supports" if v.supports else None


def _quantity(a: Claim, b: Claim, pa: date | None, pb: date | None) -> Relation | None:
    x, y = a.slots, b.slots
    tol = lexicon.tolerance()["quantity"]
    lo_x, hi_x = x["value"], x.get("high") or x["value"]
    lo_y, hi_y = y["value"], y.get("high") or y["value"]
    if x.get("high") or y.get("high"):  # ranges overlap, with the approximate tolerance
        slack = tol["relative_approx"]
        if lo_x <= hi_y * (1 + slack) and lo_y <= hi_x * (1 + slack):
            return "supports"
    elif numbers_agree(x["value"], x.get("qualifier"), y["value"], y.get("qualifier"),
                       tol["relative"], tol["relative_approx"]):
        return "supports"
    return _forgiven(a, b, pa, pb)


def _agent(a: Claim, b: Claim, _pa: date | None, _pb: date | None) -> Relation | None:
    x, y = a.slots, b.slots
    if y.get("agent_side") in (None, "unknown") or not y.get("agent"):
        return None
    if x["agent"] == y["agent"] or x["agent_side"] == y["agent_side"]:
        return "supports" if a.negated == b.negated else None
    return None if a.negated or b.negated else "conflicts"


_COMPARE: dict[str, Callable[[Claim, Claim, date | None, date | None], Relation | None]] = {
    "time": _time, "quantity": _quantity, "agent": _agent}


def relate(v: Value, o: Value, pv: date | None, po: date | None,
           their_places: Collection[int] = (), own_places: Collection[int] = ()
           ) -> Relation | None:
    """`v` (ours, published `pv`) against `o` (theirs, published `po`), two values of one type
    and key: the same, different, or not comparable (a place both reports name, places of two
    countries, days weeks apart, a difference legitimate variance explains as another fact)."""
    if v.type == "place":
        x, y = v.claim.slots, o.claim.slots
        if x["place_id"] == y["place_id"]:
            return "supports"
        if x["place_id"] in their_places or y["place_id"] in own_places or (
                x["place_kind"] != "country" and x.get("country") != y.get("country")):
            return None  # both name both places, or places of two countries: not one slot
        return "conflicts"
    return _COMPARE[v.type](v.claim, o.claim, pv, po)


def context(c: Claim, k: int) -> frozenset[str]:
    """Content words within `k` of the value on either side: what the value is the value of.
    Not memoised here: `aligned` keeps it per claim, for the life of a report or an article."""
    return _around(c.sentence, c.slots.get("text") or c.slots.get("name") or "", k)


def adjacent(a: Claim, b: Claim) -> bool:
    """Two values of one sentence written side by side ("on Thursday, 30 May")."""
    ta, tb = a.slots.get("text") or "", b.slots.get("text") or ""
    pa, pb = a.sentence.find(ta), a.sentence.find(tb)
    if pa < 0 or pb < 0:
        return False
    (first, t1), (_, t2) = sorted(((pa, ta), (pb, tb)))
    gap = abs(max(pa, pb) - (first + len(t1)))
    return gap <= 3 and t2 != t1


_CLAUSE = re.compile(r"[;()]")


def _around(sentence: str, text: str, k: int) -> frozenset[str]:
    """Up to `k` content words either side of `text`, within its clause."""
    at = sentence.find(text) if text else -1
    if at < 0:
        return frozenset()

    def words(t: str) -> list[str]:
        return [c for c in map(_content, _WORD.findall(fold(t))) if c is not None]

    before = _CLAUSE.split(sentence[:at])[-1]
    after = _CLAUSE.split(sentence[at + len(text):])[0]
    return frozenset(words(before)[-k:] + words(after)[:k])


def dates_from_another_event(sentence: str) -> bool:
    """"Four days after it made landfall": the sentence holds two events, so its day is not one
    to compare."""
    return bool(_offset_rx().search(sentence))


def place_ids(claims: Iterable[Claim]) -> frozenset[int]:
    return frozenset(c.slots["place_id"] for c in claims
                     if c.kind == "place" and c.slots.get("place_id") is not None)
