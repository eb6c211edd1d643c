"""Stage 5(b): an article's claims against the claims of independent reports of the same event.

Claims of one kind about one thing (the capture of Kandahar, Palu's province, Greg Abbott's
office) are aligned through their `subject`; the other reports' claims are indexed by it once
per call, so matching costs one dictionary lookup per claim, not a pass over every pair. Each
other report votes once per subject as its *voice* (near-duplicates and wire reprints share one
voice): for when one of its claims agrees, against when its claims only disagree. A conflict
needs the other side to be backed: enough weight against, more against than for, and at least
one hard voice (an unattributed, stated claim) among them. Legitimate variance (a grown toll,
"130 km (80 miles)", "Thursday night" vs "Friday") is not disagreement: see `variance`.

Epithets learned across reports ("Afghanistan's second-largest city" is Kandahar in three of
them) resolve an article's bare epithets before matching, and feed the within-article check.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from filter.evidence import variance
from filter.evidence.compare import Relation, Resolved, compare, subject
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


@dataclass(frozen=True, slots=True)
class _Entry:
    """A claim as it votes: the (possibly completed) claim, whose voice, and how firmly."""

    claim: Claim
    voice: str
    document_id: str
    published: date | None
    soft: bool  # attributed, or its agent inferred from the rest of the report


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
        for key, pid in epithets_of(claims).items():
            votes[key][pid].add(voice)
    out: dict[str, int] = {}
    for key, by_place in votes.items():
        ranked = sorted(((len(v), pid) for pid, v in by_place.items()), reverse=True)
        if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
            out[key] = ranked[0][1]
    return out


def _entries(claims: Sequence[Claim], voice: str, document_id: str,
             published: date | None) -> list[_Entry]:
    """The report's comparable claims; an agentless event ("the seizure of Kandahar") takes the
    agent the report gives every other event of that action, as a soft vote."""
    sides: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for c in claims:
        s = c.slots
        if c.kind in ("event", "quantity") and s.get("action") and s.get("agent") \
                and s.get("agent_side") not in (None, "unknown") and not c.negated:
            sides[s["action"]][(s["agent"], s["agent_side"])] += 1
    out = []
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
        out.append(_Entry(c, voice, document_id, published, soft))
    return out


@lru_cache(maxsize=65536)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(fold(sentence).split())


def _copied(a: Claim, b: Claim) -> bool:
    """The same wire sentence in two reports is one voice, not a second witness."""
    wa, wb = _words(a.sentence), _words(b.sentence)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= variance.config()["copy"]["sentence_jaccard"]


def _extra(a: Claim, b: Claim) -> Relation | None:
    """Disagreements `compare` leaves open that do exclude each other across reports."""
    if a.kind == "located_in":
        if a.slots.get("region_kind") == "country" == b.slots.get("region_kind") \
                and a.slots.get("region_id") != b.slots.get("region_id"):
            return "conflicts"
    if a.kind == "role" and a.slots.get("role") and b.slots.get("role"):
        return "conflicts"  # same role already "supports" in compare
    return None


def relate(a: Claim, b: Claim, resolved: Resolved | None, pa: date | None,
           pb: date | None) -> tuple[Relation | None, variance.Variance | None]:
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

    def __init__(self, own: list[_Entry], others: Sequence[Report], resolved: Resolved) -> None:
        self.resolved = resolved
        self.by_subject: dict[tuple, list[_Entry]] = defaultdict(list)
        self.by_voice: dict[str, list[tuple[tuple, _Entry]]] = defaultdict(list)
        self.places: dict[int, _Side] = defaultdict(_Side)
        for e in own:
            self._index(e)
        own_voice = own[0].voice if own else OWN_VOICE
        own_id = own[0].document_id if own else None
        for r in others:
            if r.voice == own_voice or r.document_id == own_id:
                continue
            for e in _entries(r.claims, r.voice, r.document_id, r.published):
                self._index(e)
            for c in r.claims:
                if c.kind == "place" and c.slots.get("place_id") is not None:
                    self.places[c.slots["place_id"]].add(
                        _Entry(c, r.voice, r.document_id, r.published, False))
        self._discredited: dict[str, bool] = {}

    def _index(self, e: _Entry) -> None:
        key = subject(e.claim, self.resolved)
        if key is not None:
            self.by_subject[key].append(e)
            self.by_voice[e.voice].append((key, e))

    def sides(self, e: _Entry, key: tuple) -> tuple[_Side, _Side, list[str]]:
        """Voices for and against `e`, and the variance rules that spared a difference."""
        pro, con, spared = _Side(), _Side(), []
        by_voice: dict[str, list[_Entry]] = defaultdict(list)
        for o in self.by_subject.get(key, ()):
            if o.voice != e.voice and not _copied(e.claim, o.claim):
                by_voice[o.voice].append(o)
        for entries in by_voice.values():
            agree, disagree = [], []
            for o in entries:
                rel, v = relate(e.claim, o.claim, self.resolved, e.published, o.published)
                if v is not None:
                    spared.append(v.rule)
                (agree if rel == "supports" else disagree if rel == "conflicts" else []).append(o)
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
                for pro, con, _ in (self.sides(e, key),))
        return self._discredited[voice]

    def weight(self, side: _Side) -> float:
        v = variance.config()["voting"]
        return sum((v["hard"] if voice in side.hard else v["soft"])
                   * (v["discredited"] if self.discredited(voice) else 1.0)
                   for voice in side.entries)


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
    own = _entries(claims, voice or own_id or OWN_VOICE, own_id, published)
    pool = _Pool(own, others, mapping)
    out: list[Evidence] = []
    for e in own:
        key = subject(e.claim, mapping)
        if key is None:
            continue
        pro, con, spared = pool.sides(e, key)
        if gazetteer is not None and e.claim.kind == "located_in" and not (
                con.entries or pro.entries):
            con = _named_elsewhere(e, pool, gazetteer)
        ev = _judge(e, pro, con, spared, pool, mapping)
        if ev is not None:
            out.append(ev)
    return out


def _named_elsewhere(e: _Entry, pool: _Pool, g: Gazetteer) -> _Side:
    """Reports naming the very place (same gazetteer entry) that the gazetteer puts outside the
    stated province stand against the province: "Kandahar in Helmand" against four reports'
    Kandahar, which lies in Kandahar province. Only when no report states a region itself: a
    stated region, for or against, outweighs an implied one."""
    s = e.claim.slots
    if variance.config()["located_in"]["levels"].get(s.get("region_kind") or "") not in (
            "admin", "region"):
        return _Side()
    place = g.by_id(s["place_id"]) if s.get("place_id") is not None else None
    region = g.by_id(s["region_id"]) if s.get("region_id") is not None else None
    if place is None or region is None or place.kind in ("country", "admin1") \
            or region.kind != "admin1" or g.contains(region, place):
        return _Side()
    return pool.places.get(place.id, _Side())


def _judge(e: _Entry, pro: _Side, con: _Side, spared: list[str], pool: _Pool,
           resolved: Resolved) -> Evidence | None:
    if not pro.entries and not con.entries:
        return None
    vote = variance.config()["voting"]
    c = e.claim
    shielded = e.soft and (c.kind in variance.config()["attributed"]["shields"]
                           or not c.attributed)
    against, for_ = pool.weight(con), pool.weight(pro)
    need = vote["min_against_by_kind"].get(c.kind, vote["min_against"])
    if not shielded and con.hard and against >= need and against > for_:
        strength = (1 - 0.5 ** (against - for_)) * (vote["soft"] if e.soft else 1.0)
        return _evidence(e, "conflicts", round(strength, 3), con, pro, spared, resolved)
    if pro.entries:
        return _evidence(e, "supports", round(1 - 0.5 ** for_, 3), pro, con, spared, resolved)
    return None


def _evidence(e: _Entry, relation: Relation, strength: float, side: _Side, other: _Side,
              spared: list[str], resolved: Resolved) -> Evidence:
    c = e.claim
    first = next(iter(side.entries.values()))
    n_for, n_against = ((len(side.entries), len(other.entries)) if relation == "supports"
                        else (len(other.entries), len(side.entries)))
    quoted = "; ".join(f"{o.document_id}: {describe(o.claim)} {_quote(o.claim.sentence)}"
                       for o in side.entries.values())
    if relation == "conflicts":
        text = (f"{c.kind} conflict: this report has {describe(c, resolved)}; "
                f"{n_against} independent source(s) against, {n_for} for. Against: {quoted}")
    else:
        text = (f"{c.kind} supported: {describe(c, resolved)}; {n_for} independent source(s) "
                f"agree, {n_against} disagree. Agreeing: {quoted}")
    if spared:
        text += f" (not counted as conflicts: {', '.join(sorted(set(spared)))})"
    return Evidence(c, "cross_source", relation, strength, text,
                    other_sentence=" ".join(first.claim.sentence.split()),
                    other_ids=tuple(dict.fromkeys(o.document_id for o in side.entries.values())),
                    sources_for=n_for, sources_against=n_against)


def _quote(s: str) -> str:
    s = " ".join(s.split())
    return f'"{s[:160]}{"…" if len(s) > 160 else ""}"'


def describe(c: Claim, resolved: Resolved | None = None) -> str:
    """The claim's checked slots in a few words: what a person compares."""
    s = c.slots
    k = c.kind
    if k == "event":
        target = s.get("target")
        if s.get("target_epithet") and resolved and s["target_epithet"] in resolved:
            target = f"{target} (= place {resolved[s['target_epithet']]})"
        return f"{s.get('agent_text') or s.get('agent')} → {s.get('action')} of {target}"
    if k == "time":
        return f"{s.get('text')} ({s.get('date') or s.get('weekday') or s.get('part')})"
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
