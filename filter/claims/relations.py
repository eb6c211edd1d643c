"""Relations between the entities of one sentence: event, located_in, capital, epithet, role,
distance. Patterns run on a sentence skeleton in which each entity is a placeholder («P3» a
place, «A1» an actor, «D0» a demonym, «E0» an epithet phrase), so one pattern covers every
spelling of every name. The patterns themselves live in `data/claims/*.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from filter.claims import lexicon
from filter.claims.mentions import Mention
from filter.textcase import has_case_alias

_NAME = (r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?(?:\s+(?:al-|bin\s+|de\s+|van\s+|von\s+)?"
         r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?){1,2}(?![\w-]|\s+[A-Z][a-z])")
_ORG_WORD = (r"(?:[A-Z][\w’'.-]*|provincial|national|state|foreign|defence|defense|interior|"
             r"deputy|senior|top|former|city|district|security|peace|council|ministry|party|"
             r"committee|police|army|government|military)")
_TPREFIX = (r"(?:\s+(?:the|a|an|complete|full|total|key|strategic|major|important|main|"
            r"provincial|northern|southern|eastern|western|central|northwestern|northeastern|"
            r"southwestern|southeastern|city|cities|town|towns|capital|village|district|"
            r"province|region|port|border|crossing|control|possession|of|over|parts|part|"
            r"most|much|all|[a-z]+th|second|third|first|another|contested|embattled|besieged)"
            r"){0,7}")
_COORD = r"(?P<more>(?:\s*(?:,\s*and|,|and|&)\s*«P\d+»(?!\s*['’]s))*)"
_FILLER = r"(?:[^«».;:!?\"“”]|«[PDT]\d+»){0,70}?"
_SHORT_FILLER = r"[^«».;:!?,\"“”]{0,30}?"  # a pronoun agent stands close to its verb
_FACILITY = (r"(?!\s*['’]s\s|\s+(?:jail|prison|airport|police|headquarters|office|compound|base|"
             r"university|hospital|market|mosque|stadium|embassy|station|bridge|highway|road|"
             r"checkpoint|palace|council|governor|residents|fighters)\b)")
# "condemning the capture of Goma": after an article, "capture" is the noun, whose agent is
# not the sentence's subject (the noun form reads it from "X's capture" or "by X"). Not after
# "their"/"its": "The Taliban said their capture of Kunduz ..." is the subject's own.
_NOT_A_NOUN = r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthis\s)(?<!\bthat\s)"
_TARGET = rf"\s+(?:«E(?P<te>\d+)»(?:,?\s+«P(?P<tp1>\d+)»)?|«P(?P<tp>\d+)»){_FACILITY}"


@dataclass
class Skeleton:
    text: str
    entities: list[Mention]
    epithets: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class EventForm:
    """One event pattern, with the words a sentence must contain for it to match at all: one
    first word of its verb phrases, and every word the pattern itself spells out ("by", "of").
    Checking a set of words is a hundred times cheaper than running the pattern."""

    name: str
    rx: re.Pattern[str]
    table: dict[str, str]
    first_words: frozenset[str]
    required: frozenset[str] = frozenset()
    # A part of the pattern that every match contains, without the costly opening (a group or
    # pronoun, then filler up to the verb, tried at every position): searched first, it says
    # "no match" in a fifth of the time or less.
    gate: re.Pattern[str] | None = None

    def may_match(self, words: frozenset[str] | set[str]) -> bool:
        return not self.first_words.isdisjoint(words) and self.required <= words


def _first_words(phrases: dict[str, str]) -> frozenset[str]:
    return frozenset(_WORDS.match(p).group() for p in phrases if _WORDS.match(p))


def _verb_gate(phrases: dict[str, str], between: str) -> re.Pattern[str]:
    """The verb (or event noun), `between`, and a target placeholder: the tail every match of
    an event form ends with. The first-letter test turns most positions away in one class
    check (the class folds case exactly as the alternation does)."""
    first = "".join(sorted({re.escape(p[0].lower()) for p in phrases}))
    pattern = rf"\b(?=[{first}])(?:{lexicon.alternation(phrases)}){between}{_TPREFIX}{_TARGET}"
    return re.compile(pattern, re.IGNORECASE)


_WORDS = re.compile(r"[a-z]+")


@cache
def _event_parts() -> dict[str, str]:
    """Regex pieces built from the [event] table of patterns.toml."""
    ev = lexicon.patterns()["event"]
    links = lexicon.alternation(ev["agent_links"])
    adverb = rf"(?:{lexicon.alternation(ev['adverbs'])}|[a-z]+ly)"
    be, have = lexicon.alternation(ev["be"]), lexicon.alternation(ev["have"])
    return {
        # "«A0» linked to the «A1»", "«A0» and allied «D2» «A3»": «A0» stays the agent
        "link": rf"\s+(?:{links})\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:«D\d+»\s+)?«A\d+»",
        "pronoun": rf"\b(?:{lexicon.alternation(ev['pronouns'])})\b(?!\s+(?:is|was)\b)",
        "possessive": rf"\b(?:{lexicon.alternation(ev['possessive_pronouns'])})",
        # ", in northern «P1»,", ", «E0»,": an aside between a place and its verb
        "aside": r"(?:,[^«».;:]{0,80}?(?:«[PED]\d+»[^«».;:]{0,40}?){0,2},)?",
        "aux_any": rf"(?:(?:{be}|{have}|{adverb}|been|being)\s+)*",
        "aux_be": rf"(?:{adverb}\s+)*(?:(?:{have})\s+(?:{adverb}\s+)*been|{be})\s+"
                  rf"(?:(?:{adverb}|being)\s+)*",
        # "a day after taking Mosul": the clause's subject is the sentence's latest group
        "clause": r"\b(?:after|before|while|since|when|by|as)",
    }


def _gerunds(active: dict[str, str]) -> dict[str, str]:
    return {p: a for p, a in active.items() if p.split()[0].endswith("ing")}


@cache
def _event_regexes() -> list[EventForm]:
    acts = lexicon.actions()
    parts = _event_parts()
    out = []
    active = lexicon.alternation(acts["active"])
    agent = (rf"(?:(?P<agent>«A\d+»)(?:{parts['link']})*{_FILLER}"
             rf"|(?P<pron>{parts['pronoun']}){_SHORT_FILLER})")
    out.append(EventForm("active", re.compile(
        rf"{agent}{_NOT_A_NOUN}\b(?P<verb>{active}){_TPREFIX}{_TARGET}{_COORD}", re.IGNORECASE),
        acts["active"], _first_words(acts["active"]), gate=_verb_gate(acts["active"], "")))
    passive = lexicon.alternation(acts["passive"])
    out.append(EventForm("passive", re.compile(
        rf"«P(?P<tp>\d+)»{_COORD}(?:\s+(?:city|province))?{parts['aside']}\s+{parts['aux_any']}"
        rf"(?P<verb>{passive})\s+by\s+(?:the\s+)?«A(?P<agent>\d+)»", re.IGNORECASE),
        acts["passive"], _first_words(acts["passive"]), frozenset({"by"})))
    fell = lexicon.alternation(acts["fell_to"])
    out.append(EventForm("fell_to", re.compile(
        rf"«P(?P<tp>\d+)»(?:\s+(?:city|province))?{parts['aside']}\s+{parts['aux_any']}"
        rf"(?P<verb>{fell})\s+(?:the\s+)?«A(?P<agent>\d+)»", re.IGNORECASE), acts["fell_to"],
        _first_words(acts["fell_to"])))
    nouns = lexicon.alternation(acts["nouns"])
    out.append(EventForm("noun", re.compile(
        rf"(?:«A(?P<agent>\d+)»['’]s\s+|(?P<pron>{parts['possessive']})\s+)?(?:\w+\s+){{0,2}}?"
        rf"(?P<verb>\b(?:{nouns}))\s+of{_TPREFIX}{_TARGET}{_COORD}"
        rf"(?:\s+by\s+(?:the\s+)?«A(?P<agent2>\d+)»)?", re.IGNORECASE),
        acts["nouns"], _first_words(acts["nouns"]), frozenset({"of"}),
        _verb_gate(acts["nouns"], r"\s+of")))
    out.append(EventForm("possessive", re.compile(
        rf"«P(?P<tp>\d+)»['’]s\s+(?P<verb>{nouns})\b", re.IGNORECASE), acts["nouns"],
        _first_words(acts["nouns"]), frozenset({"s"})))
    # Agentless forms last: an event already found with its agent is not found again.
    bare = lexicon.alternation(acts["bare_passive"])
    out.append(EventForm("bare_passive", re.compile(
        rf"«P(?P<tp>\d+)»{_COORD}(?:\s+(?:city|province))?{parts['aside']}\s+{parts['aux_be']}"
        rf"(?P<verb>{bare})\b(?!\s+by\b)", re.IGNORECASE),
        acts["bare_passive"], _first_words(acts["bare_passive"])))
    gerunds = _gerunds(acts["active"])
    ing = lexicon.alternation(gerunds)
    out.append(EventForm("gerund", re.compile(
        rf"(?:^[\"“‘']?|(?P<clause>{parts['clause']})\s+)(?P<verb>{ing}){_TPREFIX}{_TARGET}"
        rf"{_COORD}", re.IGNORECASE), gerunds, _first_words(gerunds)))
    return out


@cache
def _epithet_regex() -> tuple[re.Pattern[str], dict[str, int], dict[str, str]]:
    ep = lexicon.patterns()["epithet"]
    ords, attrs = ep["ordinals"], ep["attributes"]
    rx = re.compile(
        rf"(?:(?P<scope>«P\d+»|«D\d+»|the country|the nation|[A-Z][\w-]+)['’]s\s+|\bthe\s+"
        rf"(?:«D(?P<dscope>\d+)»\s+)?)(?:(?P<ord>{lexicon.alternation(ords)})(?:-|\s+)?)?"
        rf"(?P<attr>{lexicon.alternation(attrs)})\s+(?P<cls>{lexicon.alternation(ep['classes'])})"
        rf"\b(?:\s+(?:in|of)\s+(?:the\s+)?(?P<scope2>«P\d+»|country|nation)\b)?")
    return rx, ords, attrs


def epithet_key(rank: int, attribute: str, cls: str, scope: str | None) -> str:
    """The canonical name of an epithet: "largest#2#city#AF" for "the second-largest city"."""
    return f"{attribute}#{rank}#{cls}#{scope or '?'}"


_EPITHET_WORDS = ("largest", "biggest", "populous", "populated", "smallest", "oldest", "richest",
                  "poorest", "busiest")
# Every epithet word holds one of these (a test checks it): two substring tests turn most
# sentences away before the word-by-word test.
_EPITHET_CUES = ("est", "popul")
_CLASS = {"cities": "city", "metropolis": "city", "urban centre": "city", "urban center": "city"}


def build_skeleton(sentence: str, offset: int, entities: list[Mention],
                   main_country: str | None, epithet_words: bool = True) -> Skeleton:
    """Replace entities by placeholders, then epithet phrases by «E<n>». `epithet_words`:
    False when the caller knows the sentence has no word an epithet needs."""
    parts = []
    pos = 0
    tags = {"place": "P", "actor": "A", "demonym": "D"}
    for i, m in enumerate(entities):
        s, e = m.start - offset, m.end - offset
        parts.append(sentence[pos:s])
        parts.append(f"«{tags[m.kind]}{i}»")
        pos = e
    parts.append(sentence[pos:])
    sk = Skeleton("".join(parts), entities)
    rx, ords, attrs = _epithet_regex()

    def scope_of(token: str | None) -> str | None:
        if not token:
            return None
        ph = re.fullmatch(r"«([PD])(\d+)»", token)
        if ph:
            ent = entities[int(ph.group(2))]
            if ent.kind == "demonym":
                return ent.key
            return ent.place.country if ent.place and ent.place.kind == "country" else None
        return main_country

    def replace(m: re.Match[str]) -> str:
        scope = m.group("scope")
        if m.group("dscope"):
            scope = f"«D{m.group('dscope')}»"
        scope = m.group("scope2") if m.group("scope2") and not scope else scope
        if scope is None and not m.group("ord") and not m.group("scope2"):
            return m.group()  # "the largest city" alone names nothing checkable
        cc = scope_of(scope) or main_country
        cls = _CLASS.get(m.group("cls"), m.group("cls"))
        rank = ords[m.group("ord").lower()] if m.group("ord") else 1
        attr = attrs[m.group("attr")]
        text = re.sub(r"«[PDA](\d+)»", lambda p: entities[int(p.group(1))].text, m.group())
        sk.epithets.append({"rank": rank, "attribute": attr, "class": cls, "scope": cc,
                            "text": text, "key": epithet_key(rank, attr, cls, cc),
                            "place": None})
        return f"«E{len(sk.epithets) - 1}»"

    if epithet_words and has_epithet_word(sk.text.lower()):
        sk.text = rx.sub(replace, sk.text)
    if sk.epithets:
        # Attach epithets to the place they name: "Homs, Syria's third-largest city",
        # "Syria's third-largest city Homs", "the third-largest city, Homs".
        for m in _PLACE_EPITHET.finditer(sk.text):
            sk.epithets[int(m.group(2))]["place"] = int(m.group(1))
        for m in _EPITHET_PLACE.finditer(sk.text):
            if sk.epithets[int(m.group(1))]["place"] is None:
                sk.epithets[int(m.group(1))]["place"] = int(m.group(2))
    return sk


def has_epithet_word(low: str) -> bool:
    """Whether a lower-cased text has a word an epithet needs ("largest", "oldest")."""
    if not any(cue in low for cue in _EPITHET_CUES):
        return False
    return any(w in low for w in _EPITHET_WORDS)


_PLACE_EPITHET = re.compile(r"«P(\d+)»\s*(?:,|—|–|-)\s+(?:the\s+|and\s+)?«E(\d+)»")
_EPITHET_PLACE = re.compile(r"«E(\d+)»,?\s+«P(\d+)»")


def find_events(sk: Skeleton, words: set[str] | frozenset[str] | None = None
                ) -> list[dict[str, Any]]:
    """Events as dicts: agent (entity index or pronoun), action, targets, verb span.

    `words`: the lower-case words of the sentence, when the caller has them already (a superset
    of the skeleton's words, which is all the per-form prefilter needs)."""
    out = []
    seen: set[tuple[str, int | str]] = set()
    if words is None:
        words = set(_WORDS.findall(sk.text.lower()))
    agentless = None
    for ef in _event_regexes():
        if not ef.may_match(words):
            continue
        if ef.name == "active":  # its agent: a group («A0») or a pronoun ("they")
            agentless = agentless if agentless is not None else _no_agent(sk.text, words)
            if agentless:
                continue
        if ef.gate is not None and ef.gate.search(sk.text) is None:
            continue
        form, rx, table = ef.name, ef.rx, ef.table
        for m in rx.finditer(sk.text):
            verb = " ".join(m.group("verb").lower().split())
            action = table.get(verb)
            if action is None:
                continue
            gd = m.groupdict()
            agent: int | str | None = None
            raw_agent = (gd.get("agent") or gd.get("agent2") or gd.get("pron")
                         or gd.get("clause"))  # words resolved to the latest actor
            if raw_agent:
                ph = _ACTOR_SLOT.fullmatch(raw_agent) or _INDEX.fullmatch(raw_agent)
                agent = int(ph.group(1)) if ph else raw_agent.lower()
            targets: list[tuple[str, int]] = []
            if gd.get("tp1"):
                targets.append(("P", int(gd["tp1"])))
            elif gd.get("te"):
                targets.append(("E", int(gd["te"])))
            if gd.get("tp"):
                targets.append(("P", int(gd["tp"])))
            for extra in _PLACE_SLOT.findall(gd.get("more") or ""):
                targets.append(("P", int(extra)))
            for t in targets:
                key = (action, f"{t[0]}{t[1]}")
                if key in seen:
                    continue
                seen.add(key)
                out.append({"agent": agent, "action": action, "target": t, "form": form,
                            "verb": m.group("verb"), "verb_at": m.start("verb"),
                            "match_start": m.start()})
    return out


_ACTOR_SLOT = re.compile(r"«A(\d+)»")
_INDEX = re.compile(r"(\d+)")
_PLACE_SLOT = re.compile(r"«P(\d+)»")


@cache
def _pronoun_words() -> frozenset[str]:
    """The last word of each pronoun ("group" of "the group"): one a pronoun cannot lack."""
    return frozenset(_WORDS.findall(p.lower())[-1] for p in lexicon.patterns()["event"]["pronouns"])


def _no_agent(text: str, words: set[str] | frozenset[str]) -> bool:
    """No group placeholder and no pronoun in the skeleton: the active form cannot match.
    `words`: a superset of the skeleton's words but for its placeholders' letters, none of
    them a pronoun; only when it holds a pronoun are the skeleton's own words needed."""
    if "«A" in text or has_case_alias(text):
        return False
    pronouns = _pronoun_words()
    return pronouns.isdisjoint(words) or pronouns.isdisjoint(_WORDS.findall(text.lower()))


@cache
def _located_regexes() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["name"], re.compile(lexicon.expand(p["pattern"]), re.IGNORECASE))
            for p in lexicon.patterns()["located_in"]]


@cache
def _capital_regexes() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["name"], re.compile(lexicon.expand(p["pattern"]), re.IGNORECASE))
            for p in lexicon.patterns()["capital"]]


# A place right after "<n> km <dir> of": the reference point of a distance, not the subject.
_DISTANCE_ANCHOR = re.compile(
    r"(?:km|kms|kilomet(?:er|re)s?|mi|miles?)\b\)?[^«.;]{0,40}?\b(?:of|from)\s+(?:the\s+)?"
    r"(?:[a-z]+\s+)?$", re.IGNORECASE)
# A capitalised word that is no placeholder, month or weekday: an unrecognised name.
_UNKNOWN_NAME = re.compile(
    r"\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+")


def find_located(sk: Skeleton) -> list[dict[str, Any]]:
    out = []
    seen = set()
    for name, rx in _located_regexes():
        for m in rx.finditer(sk.text):
            place, region = int(m.group("place")), int(m.group("region"))
            if (place, region) in seen or place == region:
                continue
            if _DISTANCE_ANCHOR.search(sk.text, max(0, m.start() - 80), m.start()):
                continue  # "30 km south of central «P» in «P» prefecture": the subject's region
            kind = (m.groupdict().get("kind") or "").lower() or None
            seen.add((place, region))
            out.append({"place": place, "region": region, "region_kind": kind, "pattern": name})
    return out


def find_capitals(sk: Skeleton) -> list[dict[str, Any]]:
    out = []
    for name, rx in _capital_regexes():
        for m in rx.finditer(sk.text):
            gd = m.groupdict()
            country = gd.get("country") or gd.get("country2")
            out.append({"place": int(m.group("place")),
                        "country": int(country) if country else None, "pattern": name})
    return out


@cache
def _distance_regex() -> re.Pattern[str]:
    spec = lexicon.patterns()["distance"]
    pattern = lexicon.expand(spec["pattern"]).replace("{QUANTITY}", spec["quantity"])
    return re.compile(pattern, re.IGNORECASE)


@cache
def _distance_gate() -> re.Pattern[str]:
    """The number and unit of the distance pattern (its `quantity`, which every match holds): a
    scan that starts with a digit, where the full pattern tries its qualifiers at every
    position."""
    return re.compile(lexicon.patterns()["distance"]["quantity"], re.IGNORECASE)


@cache
def _facility_words() -> re.Pattern[str]:
    """Capitalised words that extend a place name right after it ("«P» Airport", "«P» Stadium"):
    the distance is still the place's."""
    words = [*lexicon.cues()["place_suffix_ok"], "Stadium", "Centre", "Center", "International"]
    return re.compile(rf"^(?:\s+(?:{lexicon.alternation(words)})\b)+")


def find_distances(sk: Skeleton) -> list[dict[str, Any]]:
    out = []
    if _distance_gate().search(sk.text) is None:
        return out
    for m in _distance_regex().finditer(sk.text):
        to = int(m.group("to"))
        before = list(re.finditer(r"«P(\d+)»", sk.text[:m.start()]))
        b = next((b for b in reversed(before) if int(b.group(1)) != to), None)
        if b is None:
            continue
        frm = int(b.group(1))
        between = _facility_words().sub("", sk.text[b.end():m.start()])
        if _UNKNOWN_NAME.search(between):
            continue  # "buried in Qunu, 30 km south-west of «P»": the nearest name is unknown
        num = float(m.group("num").replace(",", ""))
        unit = m.group("unit").lower()
        km = num * 1.609344 if unit.startswith("mi") else num
        direction = m.group("dir").lower().replace("-", "") if m.group("dir") else None
        out.append({"from": frm, "to": to, "km": km, "direction": direction,
                    "qualifier": (m.group("qual") or "").lower() or None, "text": m.group()})
    return out


@cache
def _role_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """"<org> <role> <Name>", "<Name>, <org>'s <role>", and a quick test that the first can
    match at all (a role word right before a name): the first starts with an optional run of
    organisation words, which costs a full attempt at every position of the sentence."""
    nouns = lexicon.patterns()["role"]["nouns"]
    # A first-letter test before the case-insensitive alternation: one class check turns away
    # most positions (the class folds case exactly as the alternation does).
    first = "".join(sorted({re.escape(w[0].lower()) for w in nouns}))
    roles = rf"(?=(?i:[{first}]))(?:{lexicon.alternation(nouns)})"
    before = re.compile(
        rf"(?P<org>(?:{_ORG_WORD}['’]?s?\s+){{0,4}}?)(?P<role>\b(?i:{roles}))\s+(?P<person>{_NAME})")
    role_then_name = re.compile(rf"\b(?i:{roles})\s+{_NAME}")
    after = re.compile(
        rf"(?P<person>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:(?P<org1>[\w’'. -]{{1,40}}?)['’]s\s+)?"
        rf"(?:[a-z-]+\s+){{0,2}}?(?P<role>\b(?i:{roles}))\b(?:\s+(?:of|for|at)\s+(?:the\s+)?"
        rf"(?P<org2>[A-Z][\w’'-]*(?:\s+(?:{_ORG_WORD}|[a-z]+(?=\s+council|\s+party)))*))?")
    return before, after, role_then_name, {k.lower(): v for k, v in nouns.items()}


def find_roles(sentence: str) -> list[dict[str, Any]]:
    before, after, role_then_name, canon = _role_regexes()
    out = []
    # "<Name>, <org>'s <role>" needs its comma; "<role> <Name>" its quick test.
    forms = (after,) if "," in sentence else ()
    if role_then_name.search(sentence):
        forms = (before, *forms)
    for rx in forms:
        for m in rx.finditer(sentence):
            gd = m.groupdict()
            org = (gd.get("org") or gd.get("org1") or gd.get("org2") or "").strip()
            role_text = " ".join(m.group("role").lower().split())
            person = m.group("person")
            if role_text == "general" and not m.group("role")[0].isupper():
                continue
            out.append({"person": person, "role": canon.get(role_text, role_text),
                        "organisation": org or None, "at": (m.start("person"), m.end("person"))})
    return out
