"""Stage 5(b), sentence level: typed values compared between aligned sentences of independent
reports.

Claim-level matching (`cross_source`) needs both reports to tie a value to the same event
("captured Kunduz on Thursday"); independent wordings rarely do. Here a sentence of the article
is aligned with the sentences of each other report that say the same thing, judged by their
content words with the values masked out (IDF-weighted over the reports at hand), and the values
the aligned sentences carry are compared by type: a weekday or date, a count of the same noun
and outcome or a measure of the same unit, a place of the same kind after the same preposition,
the agent of the same action, and the polarity of the sentence itself. Legitimate variance
(rounding, "more than", unit conversion, a grown toll, "Thursday night" vs "Friday", one weekday
resolved against two publication dates) is forgiven by the same rules as claim-level matching.

Each other report votes once as its voice; attributed sentences, on either side, never make a
conflict. Claims that already have claim-level cross-source evidence are left to it. The values
and their comparison are `sentence_values`; thresholds and word lists `data/claims/aligned.toml`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import chain
from operator import attrgetter

from filter.claims import lexicon
from filter.evidence.cross_source import Report
from filter.evidence.memo import IdentityMemo
from filter.evidence.quote import quote
from filter.evidence.sentence_values import (
    Relation,
    Value,
    adjacent,
    config,
    context,
    dates_from_another_event,
    folded_tokens,
    place_ids,
    relate,
    sliceable_fold,
    tokens,
    values,
)
from filter.textcase import has_case_alias
from filter.types import Claim, Evidence

__all__ = ["Aligned", "Sentence", "aligned_evidence", "sentences", "similarity", "tokens"]


@cache
def _negation_rx() -> re.Pattern[str]:
    words = config()["negation"]["words"]
    return re.compile(rf"(?<![\w-])(?:{lexicon.alternation(words)})(?![\w-])|n['’]t\b",
                      re.IGNORECASE)




@cache
def _negation_cues() -> re.Pattern[str]:
    """A piece of each negation word, lower-cased, that the pattern cannot match without, as
    one plain alternation: most sentences contain none, and it is far cheaper than the pattern."""
    words = config()["negation"]["words"]
    cues = dict.fromkeys([*(max(w.lower().split(), key=len) for w in words), "n't", "n’t"])
    return re.compile("|".join(map(re.escape, cues)))


def _negated(text: str) -> bool:
    """Whether the sentence has a negation word (`_negation_rx`); searched only when the lower
    case text has a cue for it, or a letter that matches case-insensitively without one."""
    low = text.lower()
    if not _negation_cues().search(low) and not has_case_alias(text):
        return False
    return bool(_negation_rx().search(text))


@dataclass(slots=True)  # not frozen: many are made per article, and frozen __init__ is slow
class _Part:
    """What a claim-bearing sentence is regardless of whose report it is read as: the same
    claims are an article's own sentences once and a report for its event-mates many times.
    Its words are made at once (every sentence is a candidate for alignment); its values,
    polarity and quoted forms on first use, since only about half the sentences are ever aligned
    and fewer still quoted."""

    text: str
    tokens: frozenset[str]
    claims: tuple[Claim, ...]
    attributed: bool
    ordered: tuple[str, ...]  # `tokens` sorted: weights summed in one order in any process
    folded: str | None  # `sliceable_fold(text)`
    made_values: list[Value] | None = None
    made_groups: dict[tuple[str, tuple], list[Value]] | None = None
    made_negated: bool | None = None
    made_quoted: str | None = None
    made_flat: str | None = None

    @property
    def values(self) -> list[Value]:
        if self.made_values is None:
            self.made_values = values(self.claims, self.text, self.folded)
        return self.made_values

    @property
    def negated(self) -> bool:
        if self.made_negated is None:
            self.made_negated = _negated(self.text)
        return self.made_negated

    @property
    def quoted(self) -> str:
        """`quote(text)`: evidence quotes a report's sentences again for every article of its
        event, so it is made once per sentence."""
        if self.made_quoted is None:
            self.made_quoted = quote(self.text)
        return self.made_quoted

    @property
    def flat(self) -> str:
        """The text on one line, made once per sentence like `quoted`."""
        if self.made_flat is None:
            self.made_flat = " ".join(self.text.split())
        return self.made_flat

    @property
    def groups(self) -> dict[tuple[str, tuple], list[Value]]:
        """The sentence's values by type and key (`_grouped`), each group in sentence order:
        grouped once per sentence, since each is compared with the values of every article it
        aligns with."""
        if self.made_groups is None:
            self.made_groups = _grouped(self.values)
        return self.made_groups

    def comparable(self, v: Value) -> Sequence[Value]:
        """The sentence's values of `v`'s type and key, in sentence order."""
        return self.groups.get((v.type, v.key), ())


def _grouped(vals: Iterable[Value]) -> dict[tuple[str, tuple], list[Value]]:
    """The values by type and key, each group in the given order."""
    out: dict[tuple[str, tuple], list[Value]] = {}
    for v in vals:
        out.setdefault((v.type, v.key), []).append(v)
    return out


@dataclass(slots=True)  # not frozen: many are made per article, and frozen __init__ is slow
class Sentence:
    """One claim-bearing sentence of a report, as alignment and comparison see it: whose it is,
    and what it says (`part`, shared by every reading of the same claims)."""

    document_id: str
    voice: str
    published: date | None
    index: int  # its place among the report's claim-bearing sentences: breaks ties
    part: _Part
    made_cited: str | None = None

    @property
    def cited(self) -> str:
        """"id: quoted sentence", as evidence lists the sentences of its side: made once per
        sentence of a report, which is read by every article of its event."""
        if self.made_cited is None:
            self.made_cited = f"{self.document_id}: {self.part.quoted}"
        return self.made_cited

    @property
    def text(self) -> str:
        return self.part.text

    @property
    def tokens(self) -> frozenset[str]:
        return self.part.tokens

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.part.claims

    @property
    def negated(self) -> bool:
        return self.part.negated

    @property
    def attributed(self) -> bool:
        return self.part.attributed

    @property
    def ordered(self) -> tuple[str, ...]:
        return self.part.ordered

    @property
    def quoted(self) -> str:
        return self.part.quoted

    @property
    def flat(self) -> str:
        return self.part.flat


def sentences(
    claims: Iterable[Claim], voice: str, document_id: str, published: date | None
) -> list[Sentence]:
    """The report's sentences that carry claims, in text order (the other sentences carry no
    value to compare, and a stored report keeps only its claims)."""
    parts = _body(claims).parts
    return [Sentence(document_id, voice, published, i, p) for i, p in enumerate(parts)]


def _parts(claims: Iterable[Claim]) -> list[_Part]:
    """The claim-bearing sentences of one claims object, in text order (kept with its `_Body`,
    so made once per object)."""
    by_span: dict[tuple[int, int], list[Claim]] = {}
    for c in claims:
        by_span.setdefault(tuple(c.span), []).append(c)
    out = []
    for _, cs in sorted(by_span.items()):
        text = cs[0].sentence
        folded = sliceable_fold(text)
        words = tokens(text) if folded is None else folded_tokens(folded)
        attributed = any(c.attributed for c in cs)
        out.append(_Part(text, words, tuple(cs), attributed, tuple(sorted(words)), folded))
    return out


class _Near:
    """Content words around each value (`context`), computed once per claim: one memo per
    report (kept with its index) and one per article, never shared by sentence text."""

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[tuple[int, int], tuple[Claim, frozenset[str]]] = {}

    def __call__(self, c: Claim, k: int) -> frozenset[str]:
        hit = self._memo.get((id(c), k))
        if hit is None:  # the claim is held with its words, so its id is not reused
            hit = self._memo[(id(c), k)] = (c, context(c, k))
        return hit[1]


# -- the other reports, indexed once ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Body:
    """What alignment needs of one claims object, whoever's report it is read as: its sentences
    (`parts`), an inverted index of them by content word, its vocabulary, every sentence's
    content words (for sentence frequencies), its places, and the words around each of its
    values (`near`, filled as they are asked for). The index gives each sentence a `lane`-bit
    counter in one int per word (ints are no work for the garbage collector, unlike a container
    per word), so adding the entries of the words a sentence of ours shares with the report
    counts them for every sentence of the report at once; `offset` and `full` read off the
    counters that reach `min_shared` (`_sharing`)."""

    parts: list[_Part]
    lanes: dict[str, int]
    vocabulary: frozenset[str]
    words: tuple[str, ...]
    places: frozenset[int]
    lane: int
    offset: int
    full: int
    near: _Near


_BODIES: IdentityMemo[_Body] = IdentityMemo()


def _body(claims: Iterable[Claim]) -> _Body:
    """The `_Body` of one claims object, made once per object (kept with the object, so its id
    is not reused; never looked up by text): an article's is read again as a report for each of
    its event-mates."""
    hit = _BODIES.get(claims)
    if hit is not None:
        return hit
    parts = _parts(claims)
    need = _min_shared()
    # A lane holds any count up to the longest sentence with its top bit still clear, so adding
    # `offset` sets that bit exactly when the count reaches `need`, and never carries over.
    lane = max(need, *(len(p.tokens) for p in parts), 0).bit_length() + 1
    lanes: dict[str, int] = {}
    get = lanes.get
    for i, p in enumerate(parts):
        one = 1 << (lane * i)
        for t in p.tokens:
            lanes[t] = get(t, 0) + one
    top = 1 << (lane - 1)
    offset = sum((top - need) << (lane * i) for i in range(len(parts)))
    full = sum(top << (lane * i) for i in range(len(parts)))
    words = tuple(chain.from_iterable(p.tokens for p in parts))
    out = _Body(
        parts, lanes, frozenset(lanes), words, place_ids(claims), lane, offset, full, _Near()
    )
    return _BODIES.put(claims, (), out)


@cache
def _min_shared() -> int:
    """How many content words aligned sentences must share; at least one (sentences sharing
    none are never candidates)."""
    return max(1, config()["align"]["min_shared"])


@lru_cache(maxsize=1 << 16)
def _lanes_set(bits: int, lane: int) -> tuple[int, ...]:
    """The lanes (`lane` bits wide) holding the set bits, lowest first (a function of the
    numbers alone)."""
    out = []
    while bits:
        low = bits & -bits
        out.append((low.bit_length() - 1) // lane)
        bits ^= low
    return tuple(out)


@dataclass(slots=True)
class _Indexed:
    """A report as the articles of its event read it: whose it is, its claims' `_Body` (made
    once per claims object, whoever's report it is read as), and its sentences, each made when
    first aligned and then shared by every article that aligns with it."""

    report: Report
    body: _Body
    made: list[Sentence | None]

    def sentence(self, i: int) -> Sentence:
        """Its `i`-th claim-bearing sentence, as `sentences` makes it."""
        out = self.made[i]
        if out is None:
            r = self.report
            out = self.made[i] = Sentence(r.document_id, r.voice, r.published, i,
                                          self.body.parts[i])
        return out


_INDEXED: IdentityMemo[_Indexed] = IdentityMemo()


def _indexed(r: Report) -> _Indexed:
    """The report with its `_Body` and sentences, kept with the report object: the context
    stage hands the same `Report` to every article of its event in a batch."""
    hit = _INDEXED.get(r)
    if hit is not None:
        return hit
    body = _REREAD.body(r)
    return _INDEXED.put(r, (), _Indexed(r, body, [None] * len(body.parts)))


class _Reread:
    """Bodies of reports by document id, for a report read again: a corpus report's claims are
    loaded anew for each batch, new objects equal to the ones read before, and tokenising them
    again would redo the same work. A body is reused only for claims equal to those it was
    made from, and only as a report's (an article's own body is its own claims' object)."""

    __slots__ = ("_entries", "_limit")

    def __init__(self, limit: int = 8192) -> None:
        self._entries: dict[str, tuple[tuple[Claim, ...], _Body]] = {}
        self._limit = limit

    def body(self, r: Report) -> _Body:
        """The `_Body` of the report's claims: kept with the claims object, else the one made
        from equal claims of the same document, else made now."""
        hit = _BODIES.get(r.claims)
        if hit is not None:
            return hit
        claims = tuple(r.claims)
        before = self._entries.get(r.document_id)
        if before is not None and before[0] == claims:
            return before[1]
        body = _body(r.claims)
        if r.document_id not in self._entries and len(self._entries) >= self._limit:
            self._entries.pop(next(iter(self._entries)))
        self._entries[r.document_id] = (claims, body)
        return body


_REREAD = _Reread()


_TIE_DIGITS = 9  # similarities equal to this many decimals are a tie


@dataclass(slots=True)  # not frozen: many are made per article, and frozen __init__ is slow
class Aligned:
    """A sentence of another report aligned with one of ours, and how closely."""

    sentence: Sentence
    similarity: float
    places: frozenset[int]
    near: _Near  # the words around its report's values
    made_rank: tuple[float, str, int] | None = None

    @property
    def rank(self) -> tuple[float, str, int]:
        """`_rank`, what aligned sentences are sorted by, best first: made once, and only for
        the sentences that meet others in a sort (most are a report's or a voice's only one)."""
        if self.made_rank is None:
            self.made_rank = _rank(self.similarity, self.sentence)
        return self.made_rank

    @property
    def values(self) -> list[Value]:
        return self.sentence.part.values


class _Idf:
    """Inverse sentence frequency over the sentences at hand, computed once per article: the
    words of an event ("ferry", "harbour") weigh less than the words of one fact."""

    def __init__(
        self,
        own: Sequence[Sentence],
        others: Sequence[_Indexed],
        own_words: Iterable[str] | None = None,
    ) -> None:
        words = chain.from_iterable(s.tokens for s in own) if own_words is None else own_words
        df = Counter(chain(words, chain.from_iterable(o.body.words for o in others)))
        n = len(own) + sum(len(o.body.parts) for o in others)
        # One logarithm per distinct count, not per word: the same expression, so the same bits.
        log = {c: math.log(1 + n / c) for c in set(df.values())}
        self.weight = dict(zip(df.keys(), map(log.__getitem__, df.values()), strict=True))
        # `others` with the weights of their sentences, by position, each filled in (summed in
        # sorted word order) when the sentence is first a candidate.
        self.pool: list[tuple[_Indexed, list[float | None]]] = [
            (o, [None] * len(o.body.parts)) for o in others
        ]

    def total(self, s: Sentence) -> float:
        """The weight of one sentence, summed in sorted word order."""
        return sum(map(self.weight.__getitem__, s.part.ordered))


def _aligned(part: _Part, total: float, idf: _Idf) -> list[Aligned]:
    """The report sentences (`idf.pool`) aligned with the sentence `part`, whose weight is
    `total`, best first per report: candidates come from the inverted index, so only sentences
    sharing enough words are scored. Weights are summed in sorted word order and ties go to the
    earlier sentence, so no hash seed changes the result."""
    out: list[Aligned] = []
    if not total:
        return out
    floor2, keep = _floor2_keep()
    mine, weight = part.tokens, idf.weight.__getitem__
    for o, totals in idf.pool:
        body = o.body
        candidates = _sharing(mine, body)
        if not candidates:
            continue
        parts = body.parts
        found = []
        for i in candidates:
            # The shared weight and the sentence's, summed in sorted word order as `total` is.
            sw = sum(map(weight, sorted(mine & parts[i].tokens)))
            b = totals[i]
            if b is None:
                b = totals[i] = sum(map(weight, parts[i].ordered))
            if sw * sw >= floor2 * min(total, b) * (total + b - sw):  # similarity() >= floor
                theirs = o.made[i] or o.sentence(i)
                sim = similarity(sw, total, b)
                found.append(Aligned(theirs, sim, body.places, body.near))
        if found:
            if len(found) > 1:
                found.sort(key=_best_first)
            out.extend(found[:keep])
    return out


@cache
def _floor2_keep() -> tuple[float, int]:
    """The square of `min_similarity`, and how many sentences of one report align at most."""
    cfg = config()["align"]
    floor = cfg["min_similarity"]
    return floor * floor, cfg["per_report"]


def _sharing(words: frozenset[str], theirs: _Body) -> tuple[int, ...]:
    """The positions of their sentences that share at least `min_shared` of `words`: the other
    sentences can never align with it. The lanes of the shared words (`_Body`), added up, hold
    each sentence's count."""
    counts = sum(map(theirs.lanes.__getitem__, words & theirs.vocabulary))
    reached = (counts + theirs.offset) & theirs.full
    return _lanes_set(reached, theirs.lane) if reached else ()


def similarity(shared: float, a: float, b: float) -> float:
    """Geometric mean of containment in the shorter sentence and weighted Jaccard: a short
    sentence inside a long one aligns, two long ones sharing a few words do not."""
    if shared <= 0:
        return 0.0
    return math.sqrt(shared / min(a, b) * shared / (a + b - shared))


# -- voting ---------------------------------------------------------------------------------------
class _Votes:
    """Voices for and against one value, each with the aligned sentence that put it there."""

    __slots__ = ("con", "pro")

    def __init__(self) -> None:
        self.pro: dict[str, Aligned] = {}
        self.con: dict[str, Aligned] = {}


def _by_voice(aligned: Sequence[Aligned]) -> list[tuple[str, list[Aligned]]]:
    """The aligned sentences grouped by voice (in order of first appearance), best first within
    each: the same for every value of one sentence, so built once per sentence."""
    by_voice: dict[str, list[Aligned]] = defaultdict(list)
    for a in aligned:
        by_voice[a.sentence.voice].append(a)
    return [(voice, sorted(items, key=_best_first) if len(items) > 1 else items)
            for voice, items in by_voice.items()]


def _vote(v: Value, s: Sentence, mine: Sequence[Value],
          ranked: Sequence[tuple[str, list[Aligned]]], own_places: Collection[int],
          near: _Near) -> _Votes:
    """Each voice's verdict on `v`: support from any aligned sentence that states the same
    value; against from its best-aligned sentence stating another, when that pair is firm.
    `mine` are our sentence's values of `v`'s type and key; `ranked` is `_by_voice` of the
    aligned sentences."""
    votes = _Votes()
    key, published = (v.type, v.key), s.published
    for voice, items in ranked:
        against: Aligned | None = None
        considered = False
        for a in items:
            comparable = a.sentence.part.groups.get(key, ())
            if not comparable:  # nothing to relate: neither for nor against
                continue
            related = _related(v, comparable, published, a, own_places)
            if related == "supports":
                votes.pro[voice] = a
                break
            if related and not considered and _firm(v, mine, s, a, comparable, near):
                against = a
            considered = True
        else:
            if against is not None:
                votes.con[voice] = against
    return votes


def _related(
    v: Value,
    comparable: Sequence[Value],
    published: date | None,
    a: Aligned,
    own_places: Collection[int],
) -> Relation | None:
    """"supports" when one of the aligned sentence's `comparable` values states `v`, else
    "conflicts" when one relates to it at all, else None (`relate` has no side effects, so the
    values after the first that supports are not looked at)."""
    out: Relation | None = None
    for o in comparable:
        r = relate(v, o, published, a.sentence.published, a.places, own_places)
        if r == "supports":
            return r
        if r is not None:
            out = r
    return out


def _rank(similarity: float, s: Sentence) -> tuple[float, str, int]:
    """Most similar first; among equals (to `_TIE_DIGITS`: a renamed word of the same weight
    moves the last bit), by report id and sentence position, never by set order."""
    return -round(similarity, _TIE_DIGITS), s.document_id, s.index


_best_first = attrgetter("rank")  # the sort key of aligned sentences: `_rank`, made once each


def _firm(v: Value, mine: Sequence[Value], s: Sentence, a: Aligned,
          comparable: Sequence[Value], near: _Near) -> bool:
    """Whether the other sentence's differing values may stand against `v`: the sentences closely
    aligned, neither attributed, no incidental detail (a small or part-of-a-whole count), and the
    two values paired: by the words next to them when `context_words` is set, else by each
    sentence holding just one value of the kind (several in one sentence are several facts)."""
    cfg = config()["align"]
    if a.sentence.attributed or s.attributed or a.similarity < cfg["conflict_similarity"][v.type]:
        return False
    k = cfg["context_words"][v.type]
    if k:
        def meet(x: Claim, y: Claim) -> bool:  # a content word next to both values
            return bool(near(x, k) & a.near(y, k))

        paired = [o for o in comparable if meet(v.claim, o.claim)]
        # A value of theirs that one of our other values states is accounted for ("broke out on
        # Monday ... put out on Tuesday" against "put out on Tuesday"): not against this one.
        # A value right next to ours ("Thursday, 30 May") names the same day and accounts for
        # nothing else.
        paired = [o for o in paired if not any(
            x is not v and not adjacent(v.claim, x.claim)
            and meet(x.claim, o.claim)
            and relate(x, o, s.published, a.sentence.published) == "supports" for x in mine)]
    elif len({x.ident for x in mine}) == 1 and len({x.ident for x in comparable}) == 1:
        paired = list(comparable[:1])
    else:
        paired = []
    if not paired:
        return False
    if v.type == "time":
        bounds = tuple(f"{b} " for b in config()["time"]["bounds"])
        return not any((c.slots.get("text") or "").lower().startswith(bounds)
                       for c in (v.claim, *(o.claim for o in paired))) \
            and not dates_from_another_event(s.text) \
            and not dates_from_another_event(a.sentence.text)
    if v.type == "quantity":
        low = config()["quantity"]["min_conflict_value"]
        return not any(c.slots.get("total") or c.slots["value"] < low
                       for c in (v.claim, *(o.claim for o in paired)))
    return True


def _negation(s: Sentence, aligned: Sequence[Aligned]) -> _Votes:
    """Voices whose best-aligned sentence has the same polarity as ours, and the other one."""
    votes = _Votes()
    pro, con = votes.pro, votes.con
    cut = config()["align"]["negation_similarity"]
    negated = s.part.negated
    for a in aligned:
        if a.similarity < cut:
            continue
        theirs = a.sentence
        voice = theirs.voice
        if voice in pro or voice in con:
            continue
        if theirs.part.negated == negated:
            pro[voice] = a
        elif not theirs.part.attributed:
            con[voice] = a
    return votes


def aligned_evidence(claims: Sequence[Claim], published: date | None,
                     others: Sequence[Report], *, voice: str | None = None,
                     checked: Iterable[Evidence] = ()) -> list[Evidence]:
    """Support and conflicts for the article's values from aligned sentences of `others`.

    `voice` is the article's own voice (reports sharing it are skipped); claims with evidence in
    `checked` (claim-level cross-source findings) are left out, so nothing is counted twice.
    """
    if not claims or not others:
        return []
    own_id = next((c.document_id for c in claims if c.document_id), None) or ""
    own_voice = voice or own_id
    done = {id(e.claim) for e in checked if e.basis == "cross_source"}
    pool = [_indexed(r) for r in others
            if r.voice != own_voice and (not own_id or r.document_id != own_id)]
    if not pool:
        return []
    own = sentences(claims, own_voice, own_id, published)
    body = _body(claims)
    idf = _Idf(own, pool, body.words)
    own_places, near = body.places, body.near
    out: list[Evidence] = []
    for s in own:
        part = s.part
        # Most articles have no claim-level findings: then every claim and value is free.
        free = [c for c in part.claims if id(c) not in done] if done else part.claims
        if not free:
            continue
        aligned = _aligned(part, idf.total(s), idf)
        if not aligned:
            continue
        if done:
            vals = [v for v in part.values if id(v.claim) not in done]
            groups = _grouped(vals)
        else:
            vals, groups = part.values, part.groups
        anchor = None
        polarity = _negation(s, aligned)
        if polarity.con:  # no voice against: no conflict, and polarity reports nothing else
            # A flipped polarity is the sentence's finding; it sits on the sentence's event
            # claim, else on its first value, so the feature grid files it by claim kind.
            anchor = next((c for c in free if c.kind == "event"),
                          vals[0].claim if vals else free[0])
            flipped = _judge(anchor, "polarity", polarity, s, only="conflicts")
            if flipped is not None:
                out.append(flipped)
            else:
                anchor = None
        if not vals:
            continue
        ranked = _by_voice(aligned)
        for v in vals:
            if v.claim is anchor:
                continue
            mine = groups[(v.type, v.key)]
            ev = _judge(v.claim, v.type, _vote(v, s, mine, ranked, own_places, near), s)
            if ev is not None:
                out.append(ev)
    return out


def _judge(c: Claim, what: str, votes: _Votes, s: Sentence,
           only: Relation | None = None) -> Evidence | None:
    """The evidence the votes make, if any; with `only`, just that relation (the explanation
    is built only for evidence that is kept)."""
    against, for_ = len(votes.con), len(votes.pro)
    if not against and not for_:
        return None
    if not s.attributed and against >= config()["voting"]["min_against"] and against > for_:
        relation: Relation = "conflicts"
        strength = _strength(against - for_)
    elif for_:
        relation, strength = "supports", _strength(for_)
    else:
        return None
    if only is not None and relation != only:
        return None
    return _evidence(c, what, relation, strength, votes, s)


@lru_cache(maxsize=64)
def _strength(margin: int) -> float:
    """How strongly a margin of `margin` voices speaks, to three decimals: a handful of margins
    recur in every article."""
    return round(1 - 0.5 ** margin, 3)


def _evidence(c: Claim, what: str, relation: Relation, strength: float, votes: _Votes,
              s: Sentence) -> Evidence:
    side = votes.con if relation == "conflicts" else votes.pro
    theirs = [a.sentence for a in side.values()]
    quoted = "; ".join([t.cited for t in theirs])
    stated = "a negated sentence" if what == "polarity" and s.negated else \
        "an affirmed sentence" if what == "polarity" else _describe(c)
    verb = "conflict" if relation == "conflicts" else "supported"
    text = (f"{what} {verb} (aligned sentences): this report has {stated} in "
            f"{s.quoted}; {len(votes.con)} independent source(s) against, "
            f"{len(votes.pro)} for. {'Against' if relation == 'conflicts' else 'Agreeing'}: "
            f"{quoted}")
    return Evidence(c, "cross_source", relation, strength, text,
                    other_sentence=theirs[0].part.flat,
                    other_ids=tuple(dict.fromkeys([t.document_id for t in theirs])),
                    sources_for=len(votes.pro), sources_against=len(votes.con))


def _describe(c: Claim) -> str:
    k = c.slots
    if c.kind == "time":
        return f"{k.get('text')!r} ({k.get('date') or k.get('weekday')})"
    if c.kind == "quantity":
        return repr(k.get("text") or f"{k.get('value'):g} {k.get('counts') or k.get('unit')}")
    if c.kind == "place":
        return f"{k.get('name')} (GeoNames {k.get('place_id')})"
    if c.kind == "event":
        return f"{k.get('agent_text') or k.get('agent')} as agent of the {k.get('action')}"
    return c.kind


