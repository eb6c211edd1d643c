"""Place mentions: Aho-Corasick over every gazetteer name, then filters and disambiguation.

Matching runs on a folded copy of the text (same length, so offsets carry over). A name counts
as a place only when it is written like one (capitalised; short names in capitals), is not part
of a person's or organisation's name, and is not a common word on the stop list, unless a cue
such as "the city of" says otherwise. Readings are chosen by population, the article's countries
and the other places it names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from operator import itemgetter

from filter.claims import lexicon
from filter.claims.lookback import Lookback
from filter.claims.mentions import Mention
from filter.gazetteer import Gazetteer, Place

SMALL_PLACE = 15_000  # below this, a place needs a cue or the article's country
_REGION_AFTER = re.compile(r"^\s+(?:province|provincial|state|region|district|county|oblast|"
                           r"governorate|prefecture)\b", re.IGNORECASE)
_CITY_AFTER = re.compile(r"^\s+city\b", re.IGNORECASE)
_NEVER = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "monday", "tuesday",
                    "wednesday", "thursday", "friday", "saturday", "sunday", "government",
                    "opposition", "university", "police", "army", "forces", "security"})
_NEXT_WORD = re.compile(r"^\s+([A-Za-z][\w'’-]*)")
# "The mission lifted off": an alias such as "The Mission" written with a capital only because
# a sentence starts there; a name goes on with a capital ("The Hague").
_ARTICLE_THEN_LOWER = re.compile(r"(?:The|A|An)\s+[^A-Z]*$")


_WORD = re.compile(r"[A-Za-z][\w'-]*")
_LONG_WORD = re.compile(r"[A-Za-z][\w'-]{3,}")  # the same tokens as _WORD, only those of 4+


class _NoCue:
    """The answers of a `Lookback` on a window that does not end with a space: every cue and
    the previous word start with one, so none is there (and no regex need say so)."""

    __slots__ = ()

    def strong_cue(self) -> bool:
        return False

    city_cue = any_cue = locative = strong_cue

    def previous_word(self) -> tuple[str, int] | None:
        return None


_NO_CUE = _NoCue()


def _is_title_line(sentence: str) -> bool:
    """Mostly capitalised words: a headline, where capitals say nothing about names."""
    long = _LONG_WORD.findall(sentence)
    if not long or (len(long) < 3 and len(_WORD.findall(sentence)) < 3):
        return False
    caps = sum(w[0].isupper() for w in long)
    return caps / len(long) > 0.7


def _overlaps(blocked: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test for "does [start, end) overlap any blocked span", by bisection instead of a scan
    (spans sorted by start, with the running maximum of their ends)."""
    spans = sorted(blocked)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))

    def hit(start: int, end: int) -> bool:
        i = bisect_left(starts, end)  # spans starting before `end`
        return i > 0 and reach[i - 1] > start

    return hit


def find_places(text: str, folded: str, sentences: Sequence[tuple[int, int]],
                gazetteer: Gazetteer, blocked: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Every place mention in `text`, resolved, in text order."""
    cues = lexicon.cues()
    prefix_ok = set(cues["place_prefix_ok"])
    suffix_ok = set(cues["place_suffix_ok"])
    speech = set(cues["speech_verbs"])
    stop = lexicon.place_stopwords()
    is_blocked = _overlaps(blocked)

    raw = gazetteer.match_names(folded, text)  # capitalised, whole words: not "Kan" in "Kandy"
    raw = [r for r in raw if not _ARTICLE_THEN_LOWER.match(text, r[0], r[1])]
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    chosen = []
    last_end = -1
    for start, end, k in raw:
        if start >= last_end:
            chosen.append((start, end, k))
            last_end = end

    sent_starts = [s for s, _ in sentences]
    sent_index = 0
    title_cache: dict[int, bool] = {}
    out: list[Mention] = []
    for start, end, k in chosen:
        if is_blocked(start, end):
            continue
        surface = text[start:end]
        if not surface[0].isupper():
            continue
        if len(surface) <= 3 or not surface.isalpha():
            letters = [c for c in surface if c.isalpha()]
            if len(letters) <= 3 and not all(c.isupper() for c in letters):
                continue
        while sent_index + 1 < len(sent_starts) and sent_starts[sent_index + 1] <= start:
            sent_index += 1
        s_start, s_end = sentences[sent_index] if sentences else (0, len(text))
        lo = max(s_start, start - 40)
        before = Lookback(text[lo:start]) if start > lo and text[start - 1].isspace() else _NO_CUE
        after = text[end:min(s_end, end + 30)]
        strong = before.strong_cue()
        key = gazetteer.key(k)
        if key in stop and not strong and not (
                before.locative() and key not in _NEVER and len(key) > 3):
            continue  # "Nice" is a word, "in Nice" a city; "in May" stays a month
        nxt = _NEXT_WORD.search(after)
        if not strong:
            prev = before.previous_word()
            inside_name = bool(
                prev and prev[0][0].isupper() and prev[1] + lo > s_start
                and prev[0] not in prefix_ok
                and not prev[0].endswith(("'s", "’s")))  # "John Kirby", "Al Jazeera"
            inside_name = inside_name or bool(  # "Washington Post", "Lahore Cricket Club"
                nxt and nxt.group(1)[0].isupper() and nxt.group(1) not in suffix_ok)
            if inside_name:  # unless the line is a headline, where every word has a capital
                if sent_index not in title_cache:
                    title_cache[sent_index] = _is_title_line(text[s_start:s_end])
                if not title_cache[sent_index]:
                    continue
        cands = gazetteer.candidates(k)
        if not cands:
            continue
        if (" " not in surface and nxt and nxt.group(1) in speech
                and max(c.population for c in cands) < 100_000):
            continue  # "Kamin said": a person
        cue = None
        if _REGION_AFTER.search(after):
            cue = "province"
        elif _CITY_AFTER.search(after) or before.city_cue():
            cue = "city"
        elif strong or before.any_cue():
            cue = "place"
        out.append(Mention(start, end, surface, "place", key=key, candidates=cands, cue=cue))
    _resolve(out, gazetteer)
    return [m for m in out if m.place is not None]


def context_countries(mentions: Sequence[Mention]) -> list[str]:
    """The article's countries, most mentioned first, counting only unambiguous big names."""
    counts: dict[str, int] = {}
    for m in mentions:
        top = m.candidates[0]
        if top.kind == "country":
            counts[top.country] = counts.get(top.country, 0) + 2
        elif top.population >= 100_000:
            counts[top.country] = counts.get(top.country, 0) + 1
    # What `Counter.most_common(3)` returns (a stable sort, ties in first-counted order),
    # without its heap, which costs more than the sort on a handful of countries.
    return [cc for cc, _ in sorted(counts.items(), key=itemgetter(1), reverse=True)[:3]]


def _resolve(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    countries = context_countries(mentions)
    near: list[Place] = [m.candidates[0] for m in mentions
                         if m.candidates[0].kind == "city"
                         and m.candidates[0].population >= 100_000]
    best = gazetteer.chooser(countries, near)
    # The reading depends only on the name, its cue and the article: decide each pair once.
    chosen: dict[tuple[str, str | None], Place | None] = {}
    for m in mentions:
        memo = (m.key, m.cue)
        if memo not in chosen:
            chosen[memo] = _reading(m, best, countries)
        m.place = chosen[memo]


_KINDS_OF_CUE = {"province": ("admin1", "country"), "city": ("city",)}


def _reading(m: Mention, best: Callable[[Sequence[Place], Iterable[str] | None], Place | None],
             countries: list[str]) -> Place | None:
    kinds = _KINDS_OF_CUE.get(m.cue) if m.cue is not None else None
    best_place = best(m.candidates, kinds) or best(m.candidates, None)
    if best_place is None:
        return None
    if best_place.kind == "admin1" and m.cue != "province":
        # A city sharing its province's name is the usual reading of a bare name.
        same = [c for c in m.candidates if c.kind == "city" and c.country == best_place.country
                and c.admin1 == best_place.name]
        if same:
            best_place = same[0]
    if (best_place.kind == "city" and best_place.population < SMALL_PLACE and m.cue is None
            and best_place.country not in countries):
        return None
    if best_place.kind == "city" and best_place.population < SMALL_PLACE \
            and best_place.country not in countries and m.cue == "place" and len(m.text) < 5:
        return None
    return best_place
