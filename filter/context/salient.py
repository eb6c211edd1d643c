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
from collections.abc import Iterable
from functools import lru_cache

from filter.context.config import stopwords
from filter.context.text import fold_accents, normalise

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])['\"”’)\]]*\s+|\n+|[:;]\s")
_CONNECTORS = frozenset(
    {"of", "de", "al", "el", "bin", "la", "le", "del", "van", "von", "du", "da", "di", "der", "des"}
)
_POSSESSIVE = re.compile(r"['’]s$")


def _key(words: list[str]) -> str:
    return _run_key(tuple(words))


@lru_cache(maxsize=65536)
def _run_key(words: tuple[str, ...]) -> str:
    """Remembered: the same names recur in every report of an event."""
    return fold_accents(normalise(" ".join(_POSSESSIVE.sub("", w) for w in words))).strip(".-")


@lru_cache(maxsize=65536)
def _word_form(token: str) -> str:
    """The keyword form of a token (possessive dropped, normalised, accents folded)."""
    return fold_accents(normalise(_POSSESSIVE.sub("", token)))


def _runs(sentence: str) -> Iterable[tuple[list[str], bool]]:
    """Capitalised runs of a sentence (only spaces between their words), each with whether it
    starts the sentence. Only capitalised tokens are visited: most words start no run."""
    found = list(_TOKEN.finditer(sentence))
    tokens = [m.group() for m in found]
    n = len(tokens)
    resume = 0
    for i in [k for k, t in enumerate(tokens) if t[0].isupper()]:
        if i < resume:
            continue  # inside the previous run
        start, run = i, [tokens[i]]
        i += 1
        while i < n and _glued(sentence, found[i - 1].end(), found[i].start()):
            if tokens[i][0].isupper():
                run.append(tokens[i])
                i += 1
            elif (tokens[i] in _CONNECTORS and i + 1 < n and tokens[i + 1][0].isupper()
                  and _glued(sentence, found[i].end(), found[i + 1].start())):
                run.extend(tokens[i : i + 2])
                i += 2
            else:
                break
        resume = i
        yield run, start == 0


def _glued(sentence: str, last: int, start: int) -> bool:
    """Whether a token starting at `start` follows the one ending at `last` with nothing but
    spaces (at least one) between them."""
    return start > last and not sentence[last:start].strip(" ")


def _entity_counts(text: str, stop: frozenset[str]) -> tuple[Counter[str], Counter[str]]:
    """(mid-sentence counts, sentence-initial counts) of entity keys, in order of first mention."""
    runs = [r for s in _SENTENCE_BREAK.split(text) for r in _runs(s)]
    capitalised_inside = {_key([w]) for run, at_start in runs for w in run[at_start:]}
    mid: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for run, at_start in runs:
        if at_start and len(run) > 1 and _key(run[:1]) not in capitalised_inside:
            run, at_start = run[1:], False  # "Seizing Ghazni": the first word starts a sentence
        while run and run[0].lower() in stop:
            run, at_start = run[1:], False
        if not run:
            continue
        key = _key(run)
        if len(key) < 2 or (len(run) == 1 and key in stop):
            continue
        (initial if at_start else mid)[key] += 1
    return mid, initial


def salient_entities(
    text: str, title: str | None = None, limit: int = 20, extra: Iterable[str] | None = None
) -> tuple[str, ...]:
    """The article's most salient entity keys; `extra` keys (from the claims stage) come first."""
    stop = stopwords()
    mid, initial = _entity_counts(text, stop)
    counts: Counter[str] = Counter(mid)
    for key, n in initial.items():
        if key in mid:
            counts[key] += n
    if title:
        t_mid, t_initial = _entity_counts(title, stop)
        for key in t_mid + t_initial:
            if key in counts:
                counts[key] += 2
    order = {key: i for i, key in enumerate(counts)}
    ranked = sorted(counts, key=lambda k: (-counts[k], order[k]))
    given = list(dict.fromkeys(k for k in (extra or ()) if k))
    return tuple(given + [k for k in ranked if k not in given])[: max(limit, len(given))]


def keywords(
    text: str, entities: Iterable[str] = (), limit: int = 25, min_length: int = 4
) -> tuple[str, ...]:
    """The article's most frequent content words that are not stopwords or entity words."""
    stop = stopwords()
    entity_words = {w for e in entities for w in e.split()}
    counts: Counter[str] = Counter()
    # Each distinct token once, in order of first use: a word's count and first mention are
    # the same as token by token.
    for token, n in Counter(_TOKEN.findall(text)).items():
        word = _word_form(token)
        if (
            len(word) >= min_length
            and word.isalpha()
            and word not in stop
            and word not in entity_words
        ):
            counts[word] += n
    order = {w: i for i, w in enumerate(counts)}
    return tuple(sorted(counts, key=lambda w: (-counts[w], order[w]))[:limit])
