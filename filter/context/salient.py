"""Salient entities and keywords of an article, by a simple heuristic until the claims stage
supplies real entity keys.

Entities: runs of capitalised words ("Port-au-Prince", "Ismail Khan", "Bank of England"), joined
by connectors such as "of"/"al"/"de". A leading function word ("The Taliban", "On Thursday") is
dropped; a lone capitalised word at a sentence start counts only if the same word is also
capitalised mid-sentence, since otherwise it is just the first word of a sentence. Single words
on the stopword list (weekdays, months, titles, wire agencies) never count. Keys are
case- and accent-folded. Ranked by count (a title mention counts twice), first mention breaks ties.

Keywords: lower-case content words of at least `min_keyword_length` letters, not stopwords and
not part of an entity, ranked the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from itertools import compress
from operator import itemgetter

from filter.context.config import stopwords
from filter.context.text import fold_accents, normalise

_TOKEN = r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]"


def _scan_pattern(space: str, flags: int = 0) -> re.Pattern[str]:
    """One pass over a text: each token with, when the next token follows after nothing but
    spaces, those spaces (a token starts at the first letter after the previous one, so "spaces,
    then a letter" is that test); or ("", "") for a sentence break. Breaks never touch a token (a
    token ends in a letter or digit, a break holds punctuation, a newline or a colon), so the
    tokens are those of each sentence split apart. `space`: the whitespace class."""
    sentence_break = rf"(?<=[.!?])['\"”’)\]]*{space}+|\n+|[:;]{space}"
    return re.compile(rf"({_TOKEN})( +(?=[^\W\d_]))?|(?:{sentence_break})", flags)


_SCAN = _scan_pattern(r"\s")
# The same scan of an ASCII text on ASCII tables (a fifth faster: no Unicode lookups); the
# classes match the same ASCII characters, but for whitespace: Unicode counts \x1c-\x1f in.
_SCAN_ASCII = _scan_pattern(r"[\s\x1c-\x1f]", re.ASCII)
_CONNECTORS = frozenset(
    {"of", "de", "al", "el", "bin", "la", "le", "del", "van", "von", "du", "da", "di", "der", "des"}
)
_POSSESSIVE = re.compile(r"['’]s$")
_first = itemgetter(slice(0, 1))  # a token's first letter; "" for a break


@lru_cache(maxsize=65536)
def _run_key(words: tuple[str, ...]) -> str:
    """Remembered: the same names recur in every report of an event."""
    return fold_accents(normalise(" ".join(_POSSESSIVE.sub("", w) for w in words))).strip(".-")


@lru_cache(maxsize=65536)
def _word_form(token: str) -> str:
    """The keyword form of a token (possessive dropped, normalised, accents folded)."""
    return fold_accents(normalise(_POSSESSIVE.sub("", token)))


@cache
def _keyword_form(min_length: int) -> Callable[[str], str | None]:
    """token -> its keyword form, or None when no article could count it (too short, not
    alphabetic, a stopword). Remembered per token: most tokens of an article are everyday words;
    one function per minimum length, so that each lookup is keyed by the token alone."""
    stop = stopwords()

    @lru_cache(maxsize=65536)
    def form(token: str) -> str | None:
        word = _word_form(token)
        return word if len(word) >= min_length and word.isalpha() and word not in stop else None

    return form


def _scan(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tokens, glue): the text's tokens with "" at each sentence break, and per token whether
    (non-empty spaces) the next token is glued to it."""
    found = (_SCAN_ASCII if text.isascii() else _SCAN).findall(text)
    if not found:
        return (), ()
    tokens, glued = zip(*found, strict=True)
    return tokens, glued


def _runs(
    tokens: tuple[str, ...], glued: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Capitalised runs (only spaces between their words, inside one sentence), each with whether
    it starts its sentence. Only capitalised tokens and their neighbours are visited in Python."""
    n = len(tokens)
    resume = 0
    for start in compress(range(n), map(str.isupper, map(_first, tokens))):
        if start < resume:
            continue  # inside the previous run
        i = start + 1
        while i < n and glued[i - 1]:
            if tokens[i][0].isupper():
                i += 1
            elif tokens[i] in _CONNECTORS and i + 1 < n and glued[i] and tokens[i + 1][0].isupper():
                i += 2
            else:
                break
        resume = i
        yield tokens[start:i], start == 0 or not tokens[start - 1]


def _entity_counts(
    scanned: tuple[tuple[str, ...], tuple[str, ...]], stop: frozenset[str]
) -> tuple[Counter[str], Counter[str]]:
    """(mid-sentence counts, sentence-initial counts) of entity keys, in order of first mention."""
    runs = list(_runs(*scanned))
    capitalised_inside = {_run_key((w,)) for run, at_start in runs for w in run[at_start:]}
    mid: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for run, at_start in runs:
        if at_start and len(run) > 1 and _run_key(run[:1]) not in capitalised_inside:
            run, at_start = run[1:], False  # "Seizing Ghazni": the first word starts a sentence
        while run and run[0].lower() in stop:
            run, at_start = run[1:], False
        if not run:
            continue
        key = _run_key(run)
        if len(key) < 2 or (len(run) == 1 and key in stop):
            continue
        (initial if at_start else mid)[key] += 1
    return mid, initial


def salient_entities(
    text: str, title: str | None = None, limit: int = 20, extra: Iterable[str] | None = None
) -> tuple[str, ...]:
    """The article's most salient entity keys; `extra` keys (from the claims stage) come first."""
    return _salient(_scan(text), title, limit, extra)


def keywords(
    text: str, entities: Iterable[str] = (), limit: int = 25, min_length: int = 4
) -> tuple[str, ...]:
    """The article's most frequent content words that are not stopwords or entity words."""
    return _keywords(_scan(text)[0], entities, limit, min_length)


def entities_and_keywords(
    text: str,
    title: str | None,
    extra: Iterable[str] | None,
    limits: tuple[int, int, int],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`salient_entities` and then `keywords` of one text (`limits`: entity limit, keyword
    limit, keyword minimum length), scanning the text once for both."""
    scanned = _scan(text)
    entities = _salient(scanned, title, limits[0], extra)
    return entities, _keywords(scanned[0], entities, limits[1], limits[2])


def _salient(
    scanned: tuple[tuple[str, ...], tuple[str, ...]],
    title: str | None,
    limit: int,
    extra: Iterable[str] | None,
) -> tuple[str, ...]:
    stop = stopwords()
    mid, initial = _entity_counts(scanned, stop)
    counts: Counter[str] = Counter(mid)
    for key, n in initial.items():
        if key in mid:
            counts[key] += n
    if title:
        t_mid, t_initial = _entity_counts(_scan(title), stop)
        for key in t_mid + t_initial:
            if key in counts:
                counts[key] += 2
    # A stable sort by count keeps ties in order of first mention (the dict's order).
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)
    given = list(dict.fromkeys(k for k in (extra or ()) if k))
    return tuple(given + [k for k in ranked if k not in given])[: max(limit, len(given))]


def _keywords(
    tokens: Iterable[str], entities: Iterable[str], limit: int, min_length: int
) -> tuple[str, ...]:
    entity_words = {w for e in entities for w in e.split()}
    # Counted in C, in order of first use; "" (a sentence break) has no keyword form either.
    counts = Counter(filter(None, map(_keyword_form(min_length), tokens)))
    for word in entity_words.intersection(counts):
        del counts[word]
    # A stable sort by count keeps ties in order of first use (the dict's order).
    return tuple(sorted(counts, key=counts.__getitem__, reverse=True)[:limit])
