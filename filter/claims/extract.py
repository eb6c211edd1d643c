"""Stage 3, claims: from plain text to typed, canonical `Claim`s with sentence offsets.

Entities first (places, actors, demonyms), then per sentence: times, quantities and the
relations between entities. Slots are canonical so claims compare across documents: actor keys
("taliban", "government_forces"), action classes ("capture"), GeoNames ids, kilometres, ISO
dates, epithet keys ("largest#2#city#AF").
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from filter.claims import lexicon
from filter.claims.actors import find_actors, find_demonyms, settle_sides
from filter.claims.mentions import Mention
from filter.claims.numbers import find_quantities
from filter.claims.places import context_countries, find_places
from filter.claims.relations import (
    build_skeleton,
    find_capitals,
    find_distances,
    find_events,
    find_located,
    find_roles,
    has_epithet_word,
)
from filter.claims.sentences import split_sentences
from filter.claims.time import find_times
from filter.dateline import find_dateline
from filter.gazetteer import Gazetteer, load_gazetteer
from filter.gazetteer.fold import fold
from filter.types import Claim

_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_ACTOR_SLOT = re.compile(r"«A(\d+)»")
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "today", "yesterday", "tonight", "night", "jan", "feb", "mar",
                         "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                         "january", "february", "march", "april", "june", "july", "august",
                         "september", "october", "november", "december"})


@cache
def _hint_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """Words whose presence lets a sentence through to the number, role and attribution checks
    (a set lookup per sentence instead of a regex scan)."""
    numbers = frozenset(w.lower() for w in lexicon.units()["words"])
    roles = frozenset(t for w in lexicon.patterns()["role"]["nouns"]
                      for t in _WORDS.findall(w.lower())) - {"of", "the"}
    cues = lexicon.cues()["attribution"]
    single = frozenset(c.lower() for c in cues if " " not in c)
    phrases = tuple(c.lower() for c in cues if " " in c)
    return numbers, roles, single, phrases


@cache
def _claim_words() -> frozenset[str]:
    """A sentence with none of these words, no entity and no digit makes no claim."""
    numbers, roles, _, _ = _hint_words()
    return numbers | roles | _TIME_WORDS


@cache
def _action_words() -> frozenset[str]:
    return frozenset(t for table in lexicon.actions().values() for phrase in table
                     for t in _WORDS.findall(phrase))


CLAIM_KINDS = ("place", "actor", "event", "located_in", "capital", "epithet", "role", "distance",
               "quantity", "time")


@cache
def _cue_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = lexicon.cues()
    attribution = re.compile(rf"(?<![\w-])(?:{lexicon.alternation(c['attribution'])})(?![\w-])"
                             r"|[\"“”]", re.IGNORECASE)
    negation = re.compile(rf"(?<![\w-])(?:{lexicon.alternation(c['negation'])})(?![\w-])|n['’]t\b",
                          re.IGNORECASE)
    active = re.compile(rf"\b(?:{lexicon.alternation(lexicon.actions()['active'])})\b",
                        re.IGNORECASE)
    return attribution, negation, active


def _needs_relations(words: set[str], n_places: int, low: str) -> bool:
    """Whether a relation other than an epithet can come out of this sentence: each needs a
    place (and an event its verb); else, with no epithet word either, the skeleton, the most
    costly step per sentence, is not built."""
    return n_places >= 2 or bool(n_places) and (
        not words.isdisjoint(_action_words()) or "capital" in low)


def extract_claims(text: str, published: date | None = None, document_id: str | None = None,
                   gazetteer: Gazetteer | None = None) -> list[Claim]:
    """Every claim in `text`, in text order within each sentence."""
    g = gazetteer or load_gazetteer()
    dateline = find_dateline(text)
    if dateline is not None:  # scraper metadata, not a claim; blank it, keep offsets
        published = published or dateline.published
        text = " " * dateline.end + text[dateline.end:]
    _attribution_rx, negation_rx, active_rx = _cue_regexes()
    folded = fold(text)
    sentences = list(split_sentences(text))
    actors = find_actors(text, folded)
    places = find_places(text, folded, sentences, g, blocked=[(a.start, a.end) for a in actors])
    countries = context_countries(places)
    main = countries[0] if countries else None
    settle_sides(actors, main)
    taken = [(m.start, m.end) for m in (*actors, *places)]
    demonyms = find_demonyms(text, folded, taken)
    entities = sorted((*actors, *places, *demonyms), key=lambda m: m.start)

    claims: list[Claim] = []
    last_actor: Mention | None = None
    number_words, role_words, _, _ = _hint_words()
    claim_words = _claim_words()
    action_words = _action_words()
    n_entities = len(entities)
    ei = 0
    for s_start, s_end in sentences:
        ents: list[Mention] = []
        actor_ents: list[Mention] = []
        n_places = 0
        while ei < n_entities and (m := entities[ei]).start < s_end:
            if m.start >= s_start and m.end <= s_end:
                ents.append(m)
                if m.kind == "actor":
                    actor_ents.append(m)
                elif m.kind == "place":
                    n_places += 1
            ei += 1
        sentence = text[s_start:s_end]
        low = sentence.lower()
        words = set(_WORDS.findall(low))
        has_digit = _DIGIT.search(sentence) is not None
        if not (ents or has_digit) and claim_words.isdisjoint(words):
            continue  # no entity, number, time or role: nothing below can make a claim
        attributed = _attributed(sentence, low, words, actor_ents, s_start)
        span = (s_start, s_end)

        def claim(kind: str, slots: dict[str, Any], place_ids: dict[str, int] | None = None,
                  negated: bool = False, attributed: bool = attributed,
                  sentence: str = sentence, span: tuple[int, int] = span) -> None:
            claims.append(Claim(kind=kind, slots=slots, sentence=sentence, span=span,
                                negated=negated, attributed=attributed,
                                place_ids={k: v for k, v in place_ids.items() if v is not None}
                                if place_ids else {},
                                document_id=document_id))

        for m in ents:
            if m.kind == "place" and m.place is not None:
                claim("place", {"name": m.text, "place": m.place.name, "place_id": m.place.id,
                                "place_kind": m.place.kind, "country": m.place.country,
                                "at": [m.start, m.end]}, {"place": m.place.id})
            elif m.kind == "actor":
                claim("actor", {"actor": m.key, "side": m.side, "text": m.text,
                                "at": [m.start, m.end]})

        times = find_times(sentence, s_start, published, words) if (
            has_digit or not words.isdisjoint(_TIME_WORDS)) else []
        epithet_words = bool(ents) and has_epithet_word(low)
        sk = build_skeleton(sentence, s_start, ents, main, epithet_words) if ents and (
            epithet_words or _needs_relations(words, n_places, low)) else None

        def place_slot(i: int | None, ents: list[Mention] = ents
                       ) -> tuple[str | None, int | None, Mention | None]:
            if i is None:
                return None, None, None
            m = ents[i]
            return m.text, (m.place.id if m.place else None), m

        # epithets
        for ep in sk.epithets if sk else ():
            name, pid, _ = place_slot(ep["place"])
            claim("epithet", {"rank": ep["rank"], "attribute": ep["attribute"],
                              "class": ep["class"], "scope": ep["scope"], "key": ep["key"],
                              "place": name, "place_id": pid, "text": ep["text"]},
                  {"place": pid} if pid else None)

        # events
        events = find_events(sk, words) if sk and (n_places or sk.epithets) and (
            not words.isdisjoint(action_words)) else []
        event_spans: list[tuple[int, int, str]] = []
        sentence_agent: Mention | None = None  # "seized Tikrit, a day after taking Mosul"
        for ev in events:
            agent = ev["agent"]
            agent_m: Mention | None = None
            if isinstance(agent, int):
                agent_m = ents[agent]
            elif isinstance(agent, str):  # a pronoun: the sentence's agent so far, else the
                before = _ACTOR_SLOT.findall(sk.text, 0, ev["verb_at"])  # latest actor before
                agent_m = sentence_agent or (ents[int(before[-1])] if before else last_actor)
            sentence_agent = sentence_agent or agent_m
            kind, idx = ev["target"]
            if kind == "P":
                tname, tid, _ = place_slot(idx)
                epithet = None
            else:
                ep = sk.epithets[idx]
                epithet = ep["key"]
                tname, tid, _ = place_slot(ep["place"])
                if tname is None:
                    tname = ep["text"]
            window = sk.text[max(ev["match_start"], ev["verb_at"] - 60):ev["verb_at"]]
            negated = bool(negation_rx.search(window))
            ref = f"{ev['action']}:{tid if tid is not None else epithet}"
            anchors = [m for m in (agent_m, ents[idx] if kind == "P" else None)
                       if m is not None and s_start <= m.start < s_end]
            if anchors:
                event_spans.append((min(m.start for m in anchors), max(m.end for m in anchors),
                                    ref))
            claim("event", {"agent": agent_m.key if agent_m else None,
                            "agent_side": agent_m.side if agent_m else None,
                            "agent_text": agent_m.text if agent_m else None,
                            "action": ev["action"], "target": tname, "target_id": tid,
                            "target_epithet": epithet, "verb": ev["verb"], "event_ref": ref},
                  {"target": tid} if tid else None, negated=negated)

        for loc in find_located(sk) if sk and n_places >= 2 else ():
            pname, pid, pm = place_slot(loc["place"])
            rname, rid, rm = place_slot(loc["region"])
            if pm is None or rm is None or pm.place is None or rm.place is None:
                continue
            if loc["pattern"] == "comma_region" and (
                    pm.place.kind != "city" or rm.place.kind == "city" or any(
                        c.kind == "city" and c.population >= 15_000 for c in rm.candidates)):
                continue
            if rm.place.kind == "city" and not any(c.kind != "city" for c in rm.candidates):
                continue
            claim("located_in", {"place": pname, "place_id": pid, "region": rname,
                                 "region_id": rid, "region_kind": loc["region_kind"]
                                 or rm.place.kind},
                  {"place": pid, "region": rid})

        for cap in find_capitals(sk) if sk and n_places and "capital" in sentence else ():
            pname, pid, pm = place_slot(cap["place"])
            cc = main
            if cap["country"] is not None:
                cm = ents[cap["country"]]
                if cm.kind == "demonym":
                    cc = cm.key
                elif cm.place is not None and cm.place.kind == "country":
                    cc = cm.place.country
                else:
                    continue
            if cc is None or pm is None:
                continue
            claim("capital", {"country": cc, "place": pname, "place_id": pid,
                              "implicit": cap["country"] is None},  # "the capital": a guess
                  {"place": pid})

        for d in find_distances(sk) if sk and n_places >= 2 and has_digit else ():
            fname, fid, _ = place_slot(d["from"])
            tname, tid, _ = place_slot(d["to"])
            claim("distance", {"from": fname, "from_id": fid, "to": tname, "to_id": tid,
                               "km": round(d["km"], 1), "direction": d["direction"],
                               "qualifier": d["qualifier"]}, {"from": fid, "to": tid})

        for r in find_roles(sentence) if not words.isdisjoint(role_words) else ():
            claim("role", {"person": r["person"], "role": r["role"],
                           "organisation": r["organisation"]})

        quantities = find_quantities(sentence, s_start, [(t.start, t.end) for t in times],
                                     words) if has_digit or not words.isdisjoint(
                                         number_words) else []
        for q in quantities:
            agent = next((m for m in reversed(actor_ents) if m.end <= q.start), None)
            action = None
            if agent is not None:  # "<agent> has taken 12 of 34 ...": the count is the agent's
                between = active_rx.search(text, agent.end, q.start)
                if between and q.start - agent.end < 80:
                    action = lexicon.actions()["active"].get(
                        " ".join(between.group().lower().split()))
                if action is None:
                    agent = None
            claim("quantity", {"value": q.value, "unit": q.unit, "counts": q.counts,
                               "qualifier": q.qualifier, "high": q.high, "total": q.total,
                               "alt_value": q.alt_value, "marked": q.marked,
                               "agent": agent.key if agent else None,
                               "agent_side": agent.side if agent else None, "action": action,
                               "text": q.text})

        for t in times:
            ref = _event_of_time(t.start, t.end, event_spans, text, _attribution_rx)
            claim("time", {"weekday": t.weekday, "date": t.date.isoformat() if t.date else None,
                           "part": t.part, "event_ref": ref, "text": t.text})

        if actor_ents:
            last_actor = actor_ents[-1]
    return claims


@cache
def _tail_cues() -> tuple[frozenset[str], int, frozenset[str], frozenset[str]]:
    c = lexicon.cues()
    return (frozenset(c["tail_verbs"]), int(c["tail_max_words"]),
            frozenset(n.lower() for n in c["tail_neutral_actors"]),
            frozenset(n.lower() for n in c["tail_opinion_sources"]))


def _sourcing_tail(sentence: str) -> int | None:
    """Where a neutral-candidate sourcing tail (", officials said.") starts in `sentence`: the
    last comma, when what follows is a short clause with one reporting verb and no reported
    clause of its own ("said that ..."). None when there is none."""
    cut = sentence.rfind(",")
    if cut <= 0:
        return None
    verbs, max_words, _, _ = _tail_cues()
    tail = _WORDS.findall(sentence[cut:].lower().replace("’", "'"))
    if not tail or len(tail) > max_words:
        return None
    hits = [i for i, w in enumerate(tail) if w in verbs]
    if len(hits) != 1 or "that" in tail[hits[0]:]:
        return None
    if _THREE_WORDS.search(sentence[:cut].lower()) is None:  # the body: three words at least
        return None
    return cut


_THREE_WORDS = re.compile(r"[a-z]+[^a-z]+[a-z]+[^a-z]+[a-z]")


def _attributed(sentence: str, low: str, words: set[str], actors: list[Mention],
                offset: int) -> bool:
    """Whether the sentence is someone's statement rather than the writer's. A reporting verb in
    a neutral sourcing tail ("..., officials said.") is ordinary sourcing and leaves the rest the
    writer's; a claim cue, a quote, or a party to the conflict as the tail's source does not
    (see `data/claims/cues.toml`). `low` and `words`: the sentence lower-cased and its words."""
    if '"' in sentence or "“" in sentence or "”" in sentence:
        return True
    _, _, cue_words, cue_phrases = _hint_words()
    if words.isdisjoint(cue_words) and not any(p in low for p in cue_phrases):
        return False
    cut = _sourcing_tail(sentence)
    if cut is None:
        return True
    verbs, _, neutral, opinion = _tail_cues()
    body, tail = low[:cut], low[cut:]
    if not cue_words.isdisjoint(_WORDS.findall(body)) or any(p in body for p in cue_phrases):
        return True
    tail_words = set(_WORDS.findall(tail))
    if (tail_words & cue_words) - verbs or tail_words & opinion or any(
            p in tail for p in cue_phrases):
        return True
    return any(m.start >= offset + cut and " ".join(m.text.lower().split()) not in neutral
               for m in actors)


def _event_of_time(start: int, end: int, spans: list[tuple[int, int, str]], text: str,
                   attribution_rx: re.Pattern[str]) -> str | None:
    """The event a time expression dates: one it sits inside or right next to, with no
    reporting verb in between ("captured the town ..., officials confirmed on Friday" dates the
    confirming, not the capture)."""
    for s, e, ref in spans:
        if s <= start < e:
            return ref
        if end <= s and s - end <= 40:
            return ref
        if start >= e and start - e <= 30 and not attribution_rx.search(text, e, start):
            return ref
    return None
