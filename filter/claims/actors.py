"""Actor mentions: named groups and generic nouns from the lexicon, demonym + forces, and
head-noun chunks for groups the lexicon has never seen ("Ambazonian separatists").

One Aho-Corasick pass over the folded text finds every lexicon phrase; small anchored regexes
then check case, extend a name by its head noun and look back for a chunk's capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import ahocorasick

from filter.claims import lexicon
from filter.claims.mentions import Mention
from filter.gazetteer.fold import as_key, fold, spaced

_FORCE_NOUNS = ("security forces|armed forces|special forces|forces|troops|army|military|soldiers|"
                "police|marines|navy|air force|commandos|government|authorities|officials")
_SKIP_PREFIX = {"the", "a", "an", "some", "many", "several", "and", "but", "while", "as", "when",
                "after", "before", "if", "meanwhile", "earlier", "later", "in", "on", "at", "of"}
_THE = re.compile(r"(?:[Tt]he)\s+$")
_CAPS_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,3})$")


@cache
def _automaton() -> ahocorasick.Automaton:
    names, nouns, heads = lexicon.actor_lexicon()
    countries = lexicon.toml("countries.toml")
    entries: dict[str, list[tuple[str, str, object]]] = {}

    def add(phrase: str, kind: str, payload: object) -> None:
        entries.setdefault(as_key(fold(phrase)), []).append((kind, phrase, payload))

    for name, entry in names.items():
        add(name, "name", entry)
    for noun, entry in nouns.items():
        add(noun, "noun", entry)
    for dem, cc in lexicon.demonyms().items():
        add(dem, "dem", cc)
    for cc, aliases in countries["aliases"].items():
        for a in aliases:
            add(a, "dem", cc)
    for head, side in heads.items():
        if head.islower():
            add(head, "head", side)
    a = ahocorasick.Automaton()
    for key, payload in entries.items():
        a.add_word(key, (len(key) - 1, payload))
    a.make_automaton()
    return a


_LAST_HITS: list[tuple[str, list]] = [("", [])]  # (folded, hits) of the last text scanned


def _hits(folded: str) -> list[tuple[int, tuple[int, list[tuple[str, str, object]]]]]:
    """Every lexicon phrase in the folded text, as (end, (length, payloads)); the last text's
    hits are kept, since `find_demonyms` scans the same text right after `find_actors`."""
    last = _LAST_HITS[0]
    if last[0] is folded:
        return last[1]
    hits = list(_automaton().iter(spaced(folded)))
    _LAST_HITS[0] = (folded, hits)
    return hits


@cache
def _after_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    _names, _nouns, heads = lexicon.actor_lexicon()
    head_words = lexicon.alternation([h for h in heads if h.islower()])
    head_after = re.compile(rf"(?:['’]s)?\s+(?:{head_words})(?![\w-])")
    forces_after = re.compile(
        rf"(?:['’]s)?\s+(?:(?:government|security|armed|special|national|military)\s+)?"
        rf"(?:{_FORCE_NOUNS})(?![\w-])")
    return head_after, forces_after


def find_actors(text: str, folded: str | None = None) -> list[Mention]:
    """Actor mentions in text order; the longest, most specific reading wins an overlap."""
    folded = folded if folded is not None else fold(text)
    head_after, forces_after = _after_regexes()
    dem_words = lexicon.demonyms()
    found: list[tuple[int, int, int, Mention]] = []  # (priority, start, end, mention)
    n = len(text)
    for end, (length, payloads) in _hits(folded):
        start = end - length
        if end < n and (folded[end].isalnum() or folded[end] == "-"):
            continue
        surface = text[start:end]
        for kind, phrase, payload in payloads:
            if kind == "name":
                if surface != phrase:
                    continue
                s, e = start, end
                m = head_after.match(text, e)
                if m:
                    e = m.end()
                the = _THE.search(text, max(0, s - 4), s)
                s = the.start() if the else s
                found.append((0, s, e, Mention(s, e, text[s:e], "actor", payload.key,
                                               payload.side)))
            elif kind == "dem":
                if surface != phrase:
                    continue
                m = forces_after.match(text, end)
                if not m:
                    continue
                the = _THE.search(text, max(0, start - 4), start)
                s = the.start() if the else start
                found.append((1, s, m.end(), Mention(s, m.end(), text[s:m.end()], "actor",
                                                     f"forces:{payload}", "government",
                                                     country=payload)))
            elif kind == "head":
                caps = _caps_before(text, start)
                if not caps:
                    continue
                words = caps.group(1).split()
                while words and words[0].lower() in _SKIP_PREFIX:
                    words.pop(0)
                if not words or words[0] in dem_words or words[0].rstrip("'’s") in dem_words:
                    continue
                s = caps.start() + caps.group(1).find(words[0])
                key = "_".join(fold(w) for w in words)
                found.append((2, s, end, Mention(s, end, text[s:end], "actor", key, payload)))
            else:  # generic noun, any case
                the = _THE.search(text, max(0, start - 4), start)
                s = the.start() if the else start
                found.append((3, s, end, Mention(s, end, text[s:end], "actor", payload.key,
                                                 payload.side)))
    found.sort(key=lambda f: (f[0], f[1], -(f[2] - f[1])))
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for _prio, start, end, mention in found:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        out.append(mention)
    out.sort(key=lambda m: m.start)
    return out


def _caps_before(text: str, start: int) -> re.Match[str] | None:
    """Up to three capitalised words right before `start` ("Ambazonian |separatists"). The
    end-anchored search tries every position of its window; the word right before, which
    holds the last capital if there is one, turns most heads away first."""
    lo = max(0, start - 60)
    head = text[lo:start].rstrip()
    if len(head) == start - lo:  # no space before the head noun
        return None
    last = head.rsplit(None, 1)[-1] if head else ""
    if last == last.lower():  # no capital letter in it
        return None
    return _CAPS_BEFORE.search(text, lo, start)


def find_demonyms(text: str, folded: str, taken: Sequence[tuple[int, int]]) -> list[Mention]:
    """Demonyms outside actor and place spans ("the Qatari capital"), for relation patterns."""
    dem = lexicon.demonyms()
    out = []
    n = len(text)
    for end, (length, payloads) in _hits(folded):
        start = end - length
        if end < n and (folded[end].isalnum() or folded[end] == "-"):
            continue
        for kind, phrase, payload in payloads:
            if kind == "dem" and phrase in dem and text[start:end] == phrase and not any(
                    s < end and start < e for s, e in taken):
                out.append(Mention(start, end, phrase, "demonym", key=str(payload)))
                break
    return out


def settle_sides(actors: Sequence[Mention], main_country: str | None) -> None:
    """Demonym forces of the article's own country are its government side; others foreign."""
    for a in actors:
        if a.country is None:
            continue
        if main_country is None:
            a.key, a.side = f"forces:{a.country}", "government"
        elif a.country == main_country:
            a.key, a.side = "government_forces", "government"
        else:
            a.key, a.side = f"forces:{a.country}", "foreign"
