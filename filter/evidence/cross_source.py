"""Stage 5(b): an article's claims against the claims of independent reports of the same event.

Claims of one kind about one thing (the capture of a city, a town's province, an official's
office) are aligned through their `subject`; the other reports' claims are indexed by it once
per call, so matching costs one dictionary lookup per claim, not a pass over every pair. Each
other report votes once per subject as its *voice* (near-duplicates and wire reprints share one
voice): for when one of its claims agrees, against when its claims only disagree. A conflict
needs the other side to be backed: enough weight against, more against than for, and at least
one hard voice (an unattributed, stated claim) among them. Legitimate variance (a grown toll,
"130 km (80 miles)", "Thursday night" vs "Friday") is not disagreement: see `variance`.

Epithets learned across reports ("the country's second-largest city" is the same city in three
of them) resolve an article's bare epithets before matching, and feed the within-article check.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from filter.evidence import variance
from filter.evidence.compare import Relation, Resolved, compare, subject
from filter.evidence.memo import IdentityMemo
from filter.evidence.quote import quote
from filter.evidence.within import epithets_of
from filter.gazetteer import Gazetteer
from filter.gazetteer.fold import fold
from filter.types import Claim, Evidence

COMPARED_KINDS = frozenset({"event", "time", "quantity", "epithet", "located_in", "capital",
                            "distance", "role"})
OWN_VOICE = "\x00own"


@dataclass(frozen=True)
class Report:
    """One other report, as the context stage hands it over."""

    document_id: str
    published: date | None
    claims: Sequence[Claim]
    voice: str  # independent-source key: reports sharing a voice count once


@dataclass(slots=True)  # not frozen: many are made per article, and frozen __init__ is slow
class _Entry:
    """A claim as it votes: the (possibly completed) claim, whose voice, and how firmly."""

    claim: Claim
    voice: str
    document_id: str
    published: date | None
    soft: bool  # attributed, or its agent inferred from the rest of the report
    words_of: _SentenceWords  # the folded words of its report's sentences (`words`)

    @property
    def words(self) -> frozenset[str]:
        """Its sentence's folded words, to tell a copied wire sentence: made only for the few
        entries that meet one of another voice."""
        return self.words_of(self.claim.sentence)


@dataclass
class _Side:
    """The voices on one side of a claim, each with the entry that put it there."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    hard: set[str] = field(default_factory=set)

    def add(self, e: _Entry) -> None:
        if e.voice not in self.entries or (not e.soft and e.voice not in self.hard):
            self.entries[e.voice] = e
        if not e.soft:
            self.hard.add(e.voice)


def resolve_epithets(reports: Sequence[Report], own: Sequence[Claim] = ()) -> dict[str, int]:
    """Epithet key -> place id, by majority of independent voices (one vote per voice)."""
    votes: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for voice, claims in [(OWN_VOICE, own), *((r.voice, r.claims) for r in reports)]:
        for key, pid in _epithets(claims).items():
            votes[key][pid].add(voice)
    out: dict[str, int] = {}
    for key, by_place in votes.items():
        ranked = sorted(((len(v), pid) for pid, v in by_place.items()), reverse=True)
        if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
            out[key] = ranked[0][1]
    return out


_EPITHETS: IdentityMemo[dict[str, int]] = IdentityMemo()


def _epithets(claims: Sequence[Claim]) -> dict[str, int]:
    """`epithets_of` the claims, once per claims object: a report votes on the epithets of
    every article of its event."""
    hit = _EPITHETS.get(claims)
    return hit if hit is not None else _EPITHETS.put(claims, (), epithets_of(claims))


def _entries(claims: Sequence[Claim], voice: str, document_id: str,
             published: date | None) -> list[_Entry]:
    """The report's comparable claims; an agentless event ("the seizure of the city") takes the
    agent the report gives every other event of that action, as a soft vote."""
    sides: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for c in claims:
        s = c.slots
        if c.kind in ("event", "quantity") and s.get("action") and s.get("agent") \
                and s.get("agent_side") not in (None, "unknown") and not c.negated:
            sides[s["action"]][(s["agent"], s["agent_side"])] += 1
    out = []
    words = _sentence_words(claims)
    for c in claims:
        if c.kind not in COMPARED_KINDS:
            continue
        soft = c.attributed
        if c.kind == "event" and c.slots.get("agent") is None:
            agents = sides.get(c.slots.get("action"), Counter())
            if len({side for _, side in agents}) != 1:
                continue
            agent, side = agents.most_common(1)[0][0]
            c = replace(c, slots={**c.slots, "agent": agent, "agent_side": side,
                                  "agent_text": f"{agent} (inferred)"})
            soft = True
        out.append(_Entry(c, voice, document_id, published, soft, words))
    return out


_ENTRIES: IdentityMemo[list[_Entry]] = IdentityMemo()


def _entries_of(claims: Sequence[Claim], voice: str, document_id: str,
                published: date | None) -> list[_Entry]:
    """`_entries`, once per claims object read with one voice, id and date: an article's claims
    are its own once and a report for each of its event-mates, under the same voice."""
    key = (voice, document_id, published)
    hit = _ENTRIES.get(claims, key)
    if hit is not None:
        return hit
    return _ENTRIES.put(claims, key, _entries(claims, voice, document_id, published))


class _SentenceWords:
    """Folded words of each sentence of one report or article, each computed once (a memo per
    claims object, never shared across articles by text)."""

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[str, frozenset[str]] = {}

    def __call__(self, sentence: str) -> frozenset[str]:
        hit = self._memo.get(sentence)
        if hit is None:
            hit = self._memo[sentence] = frozenset(fold(sentence).split())
        return hit


_WORDS: IdentityMemo[_SentenceWords] = IdentityMemo()


def _sentence_words(claims: Sequence[Claim]) -> _SentenceWords:
    """The `_SentenceWords` of one claims object, kept with the object."""
    hit = _WORDS.get(claims)
    return hit if hit is not None else _WORDS.put(claims, (), _SentenceWords())


def _copied(a: _Entry, b: _Entry) -> bool:
    """The same wire sentence in two reports is one voice, not a second witness."""
    wa, wb = a.words, b.words
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= variance.config()["copy"]["sentence_jaccard"]


def _extra(a: Claim, b: Claim) -> Relation | None:
    """Disagreements `compare` leaves open that do exclude each other across reports."""
    if a.kind == "located_in" and a.slots.get("region_kind") == "country" \
            == b.slots.get("region_kind") and a.slots.get("region_id") != b.slots.get("region_id"):
        return "conflicts"
    if a.kind == "role" and a.slots.get("role") and b.slots.get("role"):
        return "conflicts"  # same role already "supports" in compare
    return None


_Verdict = tuple[Relation | None, variance.Variance | None]
_RELATED: dict[tuple, tuple[Claim, Claim, _Verdict]] = {}
_RELATED_MAX = 500_000


def _relate_cached(a: Claim, b: Claim, resolved: Resolved, pa: date | None,
                   pb: date | None) -> _Verdict:
    """`relate` for two claims already known to share a subject, remembered across calls: the
    same two reports meet again in the context of every other article of their event."""
    key = (id(a), id(b), pa, pb)
    hit = _RELATED.get(key)
    if hit is not None and hit[0] is a and hit[1] is b:
        return hit[2]
    verdict = relate(a, b, resolved, pa, pb)
    if len(_RELATED) >= _RELATED_MAX:
        _RELATED.clear()
    _RELATED[key] = (a, b, verdict)
    return verdict


def relate(a: Claim, b: Claim, resolved: Resolved | None, pa: date | None,
           pb: date | None) -> _Verdict:
    """`a` against `b` across reports: compare's verdict, with legitimate variance forgiven."""
    rel = compare(a, b, resolved) or _extra(a, b)
    if rel != "conflicts":
        return rel, None
    v = variance.explain(a, b, pa, pb)
    if v is None:
        return "conflicts", None
    return ("supports" if v.supports else None), v


class _Pool:
    """Every voice's entries by subject: the index the matching reads from."""

    def __init__(
        self,
        own: list[_Entry],
        others: Sequence[Report],
        resolved: Resolved,
        keyed: Sequence[tuple[tuple, _Entry]] | None = None,
    ) -> None:
        """`keyed`: the entries of `own` that have a subject, with it, when the caller has them."""
        self.resolved = resolved
        self.by_subject: dict[tuple, dict[str, list[_Entry]]] = defaultdict(dict)
        self.by_voice: dict[str, list[tuple[tuple, _Entry]]] = defaultdict(list)
        self._seen: set[tuple] = set()
        for key, e in _keyed(own, resolved) if keyed is None else keyed:
            self._add(key, _restatement(e, key), e)
        own_voice = own[0].voice if own else OWN_VOICE
        own_id = own[0].document_id if own else None
        token = tuple(sorted(resolved.items()))
        earlier: dict[str, list[_Prepared]] = {}  # the reports added so far, by voice
        self._reports: list[Report] = []  # those added, in order: where `places` comes from
        for r in others:
            if r.voice == own_voice or r.document_id == own_id:
                continue
            self._add_report(_prepared(r, resolved, token), earlier)
            self._reports.append(r)
        self._places: tuple[dict[int, _Side], dict[int, str]] | None = None
        self._discredited: dict[str, bool] = {}

    @property
    def places(self) -> dict[int, _Side]:
        """The voices naming each place (by GeoNames id)."""
        return self._named()[0]

    @property
    def names(self) -> dict[int, str]:
        """The name each place is first given by a report."""
        return self._named()[1]

    def _named(self) -> tuple[dict[int, _Side], dict[int, str]]:
        """`places` and `names`, made on first use: only a stated province against the reports
        and the explanation of a finding read them."""
        if self._places is None:
            places: dict[int, _Side] = defaultdict(_Side)
            names: dict[int, str] = {}
            for r in self._reports:
                words = _sentence_words(r.claims)
                for c in r.claims:
                    if c.kind == "place" and c.slots.get("place_id") is not None:
                        pid = c.slots["place_id"]
                        places[pid].add(
                            _Entry(c, r.voice, r.document_id, r.published, False, words)
                        )
                        names.setdefault(pid, c.slots.get("name") or "")
            self._places = (places, names)
        return self._places

    def _add_report(self, p: _Prepared, earlier: dict[str, list[_Prepared]]) -> None:
        """A report whose voice is new here adds its entries as grouped once per report; one
        sharing a voice with an earlier report adds them one by one, each restatement of what
        that voice already said left out (the earlier reports' restatements marked first)."""
        before = earlier.setdefault(p.voice, [])
        before.append(p)
        if len(before) == 1:
            for key, entries in p.by_subject.items():
                self.by_subject[key][p.voice] = list(entries)
            self.by_voice[p.voice] = list(p.by_voice)
            return
        if len(before) == 2:  # what the first said, as `_add` would have marked it
            self._seen.update(same for key, e in before[0].entries
                              if (same := _restatement(e, key)) is not None)
        for key, e in p.entries:
            self._add(key, _restatement(e, key), e)

    def _add(self, key: tuple, same: tuple | None, e: _Entry) -> None:
        if same is not None:  # the report saying the same thing twice votes once
            if same in self._seen:
                return
            self._seen.add(same)
        self.by_subject[key].setdefault(e.voice, []).append(e)
        self.by_voice[e.voice].append((key, e))

    def sides(self, e: _Entry, key: tuple) -> tuple[_Side, _Side, list[str]]:
        """Voices for and against `e`, and the variance rules that spared a difference."""
        pro, con, spared = _Side(), _Side(), []
        for voice, entries in self.by_subject.get(key, {}).items():
            if voice == e.voice:
                continue
            agree: list[_Entry] = []
            disagree: list[_Entry] = []
            for o in entries:
                rel, v = _relate_cached(e.claim, o.claim, self.resolved, e.published,
                                        o.published)
                if v is not None:
                    spared.append(v.rule)
                if rel is None or _copied(e, o):
                    continue
                (agree if rel == "supports" else disagree).append(o)
                if rel == "supports" and not o.soft:
                    break  # a firm yes settles this voice
            for o in agree or disagree:
                (pro if agree else con).add(o)
        return pro, con, spared

    def discredited(self, voice: str) -> bool:
        """Outvoted somewhere: enough voices contradict one of its hard claims, none support it."""
        if voice not in self._discredited:
            need = variance.config()["voting"]["discredit_against"]
            self._discredited[voice] = any(
                not e.soft and len(con.entries) >= need and con.hard and not pro.entries
                for key, e in self.by_voice.get(voice, ())
                if len(self.by_subject[key]) > need
                for pro, con, _ in (self.sides(e, key),))
        return self._discredited[voice]

    def weight(self, side: _Side, standing: bool = True) -> float:
        """The side's voices, hard or soft; with `standing`, discredited voices count less."""
        v = variance.config()["voting"]
        return sum((v["hard"] if voice in side.hard else v["soft"])
                   * (v["discredited"] if standing and self.discredited(voice) else 1.0)
                   for voice in side.entries)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A report's voting entries with their subjects (`entries`), and the same grouped as a
    pool adds them when no earlier report shares its voice: `by_subject` and `by_voice`, each
    restatement of one thing by the report left out. Kept for as long as the report is, so made
    of as few objects as can be (the pairs of `by_voice` are those of `entries`)."""

    voice: str
    entries: list[tuple[tuple, _Entry]]
    by_subject: dict[tuple, list[_Entry]]
    by_voice: list[tuple[tuple, _Entry]]


_PREPARED: IdentityMemo[_Prepared] = IdentityMemo()


def _prepared(r: Report, resolved: Resolved, token: tuple | None = None) -> _Prepared:
    """A report's voting entries with their subjects. A report is context for many articles of
    its event, so this is kept (by object identity, for the same epithet mapping, `token`)
    instead of being redone for each of them."""
    token = tuple(sorted(resolved.items())) if token is None else token
    hit = _PREPARED.get(r, token)
    if hit is not None:
        return hit
    entries = _keyed(_entries_of(r.claims, r.voice, r.document_id, r.published), resolved)
    seen: set[tuple] = set()
    by_subject: dict[tuple, list[_Entry]] = {}
    by_voice = []
    for pair in entries:
        key, e = pair
        same = _restatement(e, key)
        if same is not None:
            if same in seen:
                continue
            seen.add(same)
        by_subject.setdefault(key, []).append(e)
        by_voice.append(pair)
    return _PREPARED.put(r, token, _Prepared(r.voice, entries, by_subject, by_voice))


def _keyed(entries: Iterable[_Entry], resolved: Resolved) -> list[tuple[tuple, _Entry]]:
    """The entries that have a subject, each with it."""
    return [(key, e) for e in entries if (key := subject(e.claim, resolved)) is not None]


def _restatement(e: _Entry, key: tuple) -> tuple | None:
    """What makes two of one report's claims the same vote (None when slots are unhashable)."""
    slots = tuple(sorted((k, v) for k, v in e.claim.slots.items()
                         if k not in ("text", "verb", "agent_text", "at")))
    try:
        return hash((e.voice, key, slots, e.soft, e.claim.negated)) and (
            e.voice, key, slots, e.soft, e.claim.negated)
    except TypeError:
        return None


def cross_source_evidence(claims: Sequence[Claim], published: date | None,
                          others: Sequence[Report], resolved: Mapping[str, int] | None = None,
                          *, voice: str | None = None,
                          gazetteer: Gazetteer | None = None) -> list[Evidence]:
    """Support and conflicts for each claim from the independent reports in `others`.

    `resolved` maps epithet keys to place ids (default: `resolve_epithets(others, claims)`);
    `voice` is this article's own voice (reports sharing it are skipped); with a `gazetteer`,
    other reports that name the same place count as voices on a stated province.
    """
    if not others or not claims:
        return []
    own_id = next((c.document_id for c in claims if c.document_id), None) or ""
    mapping = dict(resolve_epithets(others, claims) if resolved is None else resolved)
    own = _entries_of(claims, voice or own_id or OWN_VOICE, own_id, published)
    keyed = _keyed(own, mapping)
    pool = _Pool(own, others, mapping, keyed)
    out: list[Evidence] = []
    for key, e in keyed:
        pro, con, spared = pool.sides(e, key)
        note = ""
        if gazetteer is not None and e.claim.kind == "located_in" and not (
                con.entries or pro.entries):
            con, note = _named_elsewhere(e, pool, gazetteer)
        ev = _judge(e, pro, con, spared, pool, note)
        if ev is not None:
            out.append(ev)
    return out


def _named_elsewhere(e: _Entry, pool: _Pool, g: Gazetteer) -> tuple[_Side, str]:
    """Reports naming the very place (same gazetteer entry) that the gazetteer puts outside the
    stated province stand against the province: "city X in province Y" against four reports
    that name the same X, which the gazetteer puts in province Z. Only when no report states a
    region itself: a stated region, for or against, outweighs an implied one."""
    s = e.claim.slots
    if variance.config()["located_in"]["levels"].get(s.get("region_kind") or "") not in (
            "admin", "region"):
        return _Side(), ""
    place = g.by_id(s["place_id"]) if s.get("place_id") is not None else None
    region = g.by_id(s["region_id"]) if s.get("region_id") is not None else None
    if place is None or region is None or place.kind in ("country", "admin1") \
            or region.kind != "admin1" or g.contains(region, place):
        return _Side(), ""
    return pool.places.get(place.id, _Side()), (
        f"the other reports name the same {s.get('place')} (GeoNames {place.id}), which lies in "
        f"{place.admin1 or '?'}, {place.country}, not in {region.name}")


def _judge(e: _Entry, pro: _Side, con: _Side, spared: list[str], pool: _Pool,
           note: str = "") -> Evidence | None:
    if not pro.entries and not con.entries:
        return None
    vote = variance.config()["voting"]
    c = e.claim
    shielded = e.soft and (c.kind in variance.config()["attributed"]["shields"]
                           or not c.attributed)
    need = vote["min_against_by_kind"].get(c.kind, vote["min_against"])
    against, for_ = pool.weight(con, standing=False), pool.weight(pro, standing=False)
    # Standing only ever lowers weights: look it up only when a conflict is still possible.
    if not shielded and con.hard and against >= need and against > for_ * vote["discredited"]:
        against, exact_for = pool.weight(con), pool.weight(pro)
        if against >= need and against > exact_for:
            strength = (1 - 0.5 ** (against - exact_for)) * (vote["soft"] if e.soft else 1.0)
            return _evidence(e, "conflicts", round(strength, 3), con, pro, spared, pool, note)
    if pro.entries:
        return _evidence(e, "supports", round(1 - 0.5 ** for_, 3), pro, con, spared, pool)
    return None


def _evidence(e: _Entry, relation: Relation, strength: float, side: _Side, other: _Side,
              spared: list[str], pool: _Pool, note: str = "") -> Evidence:
    c = e.claim
    first = next(iter(side.entries.values()))
    n_for, n_against = ((len(side.entries), len(other.entries)) if relation == "supports"
                        else (len(other.entries), len(side.entries)))
    quoted = "; ".join(f"{o.document_id}: {describe(o.claim, pool.resolved, pool.names)} "
                       f"{quote(o.claim.sentence)}"
                       for o in side.entries.values())
    if relation == "conflicts":
        text = (f"{c.kind} conflict: this report has {describe(c, pool.resolved, pool.names)}; "
                f"{n_against} independent source(s) against, {n_for} for"
                f"{'; ' + note if note else ''}. Against: {quoted}")
    else:
        text = (f"{c.kind} supported: {describe(c, pool.resolved, pool.names)}; {n_for} "
                f"independent source(s) "
                f"agree, {n_against} disagree. Agreeing: {quoted}")
    if spared:
        text += f" (not counted as conflicts: {', '.join(sorted(set(spared)))})"
    return Evidence(c, "cross_source", relation, strength, text,
                    other_sentence=" ".join(first.claim.sentence.split()),
                    other_ids=tuple(dict.fromkeys(o.document_id for o in side.entries.values())),
                    sources_for=n_for, sources_against=n_against)




def describe(c: Claim, resolved: Resolved | None = None,
             names: Mapping[int, str] | None = None) -> str:
    """The claim's checked slots in a few words: what a person compares."""
    s = c.slots
    k = c.kind
    if k == "event":
        target = s.get("target")
        if s.get("target_epithet") and resolved and s["target_epithet"] in resolved:
            pid = resolved[s["target_epithet"]]
            target = f"{target} (= {(names or {}).get(pid) or f'GeoNames {pid}'})"
        return f"{s.get('agent_text') or s.get('agent')} → {s.get('action')} of {target}"
    if k == "time":
        when = f"{s.get('text')} ({s.get('date') or s.get('weekday') or s.get('part')})"
        action, _, target = (s.get("event_ref") or "").partition(":")
        if target.lstrip("-").isdigit():
            target = (names or {}).get(int(target)) or f"GeoNames {target}"
        elif resolved and target in resolved:
            target = (names or {}).get(resolved[target]) or target
        return f"{when} for the {action} of {target}" if action else when
    if k == "quantity":
        return f"{s.get('qualifier') or ''} {s['value']:g} {s.get('counts') or s.get('unit')}" \
            .strip()
    if k == "epithet":
        return f"{s.get('place')} as {s.get('text')}"
    if k == "located_in":
        return f"{s.get('place')} in {s.get('region')}"
    if k == "capital":
        return f"{s.get('place')} as capital of {s.get('country')}"
    if k == "distance":
        return f"{s.get('from')}–{s.get('to')} {float(s['km']):.0f} km"
    if k == "role":
        return f"{s.get('person')} as {s.get('role')}"
    if k == "place":
        return f"{s.get('name')} (GeoNames {s.get('place_id')})"
    return k
