"""Block features for the junk/body classifier: one fixed, named vector per block.

Training and stripping call exactly this code, so what the model learnt is what it sees. Every
feature looks at the block, the article around it (its main topic) or its neighbours: a teaser
is short, often truncated ("…"), off-topic, mostly link text on its page, and follows a
recirculation header; an SEO tag list is a run of short lowercase bullets; a sub-heading is short
but shares the article's words. A header's poison lasts until running prose resumes (a sentence
of ten words or more).

Cost matters (this runs on every article the gate sees): character classes are counted for the
whole article at once (charstats.py), rare patterns are
searched once over the whole article, and stopwords and topic words are read from at most the
first `_HEAD` characters of a block.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import numpy as np

from filter.data import read_text, read_toml
from filter.strip.charstats import block_char_stats

FEATURE_NAMES: tuple[str, ...] = (
    "rel_position",
    "from_start",
    "from_end",
    "char_position",
    "log_chars",
    "words",
    "sentences",
    "mean_word_len",
    "ends_sentence",
    "ends_colon",
    "truncated",
    "list_mark",
    "starts_lower",
    "stopword_ratio",
    "capital_ratio",
    "upper_ratio",
    "digit_ratio",
    "punct_ratio",
    "link_like",
    "separator_like",
    "bracketed_tail",
    "quote_like",
    "heading_like",
    "topic_share",
    "topic_weight",
    "after_header",
    "since_header",
    "is_header",
    "long_before",
    "long_after",
    "short_run",
    "lower_bullet_run",
    "prev_log_chars",
    "prev_ends_sentence",
    "prev_heading_like",
    "prev_topic_share",
    "prev_list_mark",
    "prev_truncated",
    "next_log_chars",
    "next_ends_sentence",
    "next_heading_like",
    "next_topic_share",
    "next_list_mark",
    "next_truncated",
    "repeated",
    # Share of the block that was link text on its page; -1 when not known (plain text input).
    "link_share",
    "prev_link_share",
    "next_link_share",
    # Length of the run of mostly-link blocks this block is in (0: not mostly link, or unknown).
    "link_run",
    # The page's own voice (data/strip/voice.toml): shares of the block's first words that
    # address the reader, speak as the outlet or name the page and its parts; 1 when the block
    # opens with a call to act ("Sign up", "Support", "Tap"). Long appeals, bios and notices
    # about the site end in a full stop like body prose; their voice is what gives them away.
    "reader_share",
    "outlet_share",
    "page_share",
    "imperative_start",
)

# Word-level statistics (stopwords, capitals, topic words) read this many characters of a block:
# as telling as the whole block, and the cost per block stays flat however long the paragraph.
_HEAD = 400
# Patterns anchored at the end of a block read only its last characters (a search for "$" would
# otherwise try every position of a long paragraph).
_TAIL = 12
_BRACKET_TAIL_CHARS = 72
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?。！？][\"'”’)\]]*\s*$")
_TRUNCATED = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[-*•·▪‣◦–—>»]|\d{1,3}[.)]|[a-z][.)])\s+")
# URLs, handles, hashtags and e-mail addresses (an address counts by its "@" and domain).
_LINK_LIKE = re.compile(r"https?://|www\.|\.com\b|\.org\b|@\w|#\w")
_BRACKET_TAIL = re.compile(r"[\[(][^\[\]()]{1,60}[\])]\s*$")

_MOSTLY_LINK = 0.5


@cache
def stopwords() -> frozenset[str]:
    raw = read_text("strip/stopwords.txt")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def voice() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The reader, outlet, page and imperative word lists of data/strip/voice.toml."""
    raw = read_toml("strip/voice.toml")
    reader, outlet, page, imperative = (
        frozenset(raw[key]) for key in ("reader", "outlet", "page", "imperative")
    )
    return reader, outlet, page, imperative


class _Local(NamedTuple):
    """What the blocks say about themselves, one list per property (index: block)."""

    ends_sentence: list[bool]
    truncated: list[bool]
    list_mark: list[bool]
    heading_like: list[bool]
    long: list[bool]
    short_lower: list[bool]
    stop_tokens: list[int]
    content: list[set[str]]
    tokens: list[list[str]]  # lower-cased words of each block's first _HEAD characters


# Words the stem table below holds at most (a few MB); it is emptied when full.
_STEMS_MAX = 100_000


class _Stems(dict[str, str | None]):
    """Word -> its content stem, None for a stopword, a word of two letters or a number.

    Filled as words are met: a crawl's vocabulary is Zipfian, so after a few hundred articles
    nearly every word is already here, and one lookup costs less than testing and slicing it
    again (this was a sixth of the block features' time).
    """

    def __init__(self, stops: frozenset[str]) -> None:
        super().__init__()
        self.stops = stops

    def __missing__(self, word: str) -> str | None:
        if len(self) >= _STEMS_MAX:
            self.clear()
        stem = None if word in self.stops or len(word) <= 2 or word.isdigit() else word[:6]
        self[word] = stem
        return stem


@cache
def _stems(stops: frozenset[str]) -> _Stems:
    return _Stems(stops)


def _content_words(lowered: list[str], stops: frozenset[str]) -> set[str]:
    """Content words, crudely stemmed for any language: lowercase, first six characters."""
    words = set(map(_stems(stops).__getitem__, lowered))
    words.discard(None)
    return words  # type: ignore[return-value]


def _short_lower(text: str, list_mark: bool) -> bool:
    body = _LIST_MARK.sub("", text, count=1).strip() if list_mark else text
    return bool(body) and body[:1].islower()


def _local(
    texts: Sequence[str], n_words: list[int], long_words: int, stops: frozenset[str]
) -> _Local:
    ends = [bool(_ENDS_SENTENCE.search(t[-_TAIL:])) for t in texts]
    truncated = [bool(_TRUNCATED.search(t[-_TAIL:])) for t in texts]
    list_mark = [bool(_LIST_MARK.match(t)) for t in texts]
    tokens = list(map(head_words, texts))
    is_stop = stops.__contains__
    return _Local(
        ends_sentence=ends,
        truncated=truncated,
        list_mark=list_mark,
        heading_like=[
            0 < w <= 14 and not (e or t or m)
            for w, e, t, m in zip(n_words, ends, truncated, list_mark, strict=True)
        ],
        long=[w >= long_words and e for w, e in zip(n_words, ends, strict=True)],
        short_lower=[
            w <= 5 and not e and _short_lower(text, m)
            for text, w, e, m in zip(texts, n_words, ends, list_mark, strict=True)
        ],
        stop_tokens=[sum(map(is_stop, lowered)) for lowered in tokens],
        content=[_content_words(lowered, stops) for lowered in tokens],
        tokens=tokens,
    )


def _voice_columns(tokens: list[list[str]]) -> tuple[list[float], ...]:
    """reader_share, outlet_share, page_share and imperative_start for every block."""
    reader, outlet, page, imperative = voice()
    columns: tuple[list[float], ...] = ([], [], [], [])
    for words in tokens:
        n = len(words) or 1
        columns[0].append(sum(map(reader.__contains__, words)) / n)
        columns[1].append(sum(map(outlet.__contains__, words)) / n)
        columns[2].append(sum(map(page.__contains__, words)) / n)
        first = next((w for w in words if not w.isdigit()), "")
        columns[3].append(float(first in imperative))
    return columns


def _runs(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of True it is in (0 where False)."""
    n = len(flags)
    lengths = [0] * n
    i = 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < n and flags[j]:
            j += 1
        lengths[i:j] = [j - i] * (j - i)
        i = j
    return lengths


def _matches_per_block(pattern: re.Pattern[str], joined: str, bounds: np.ndarray) -> np.ndarray:
    """How many matches of `pattern` start in each block of `joined` (one scan, not n)."""
    found = [m.start() for m in pattern.finditer(joined)]
    if not found:
        return np.zeros(len(bounds) - 1)
    block = np.searchsorted(bounds, found, side="right") - 1
    return np.bincount(block, minlength=len(bounds) - 1).astype(np.float64)


def _topic(local: _Local) -> tuple[list[float], list[float]]:
    """Per block, the share of its content words in the article's main topic, and their weight.

    The topic is the stems of the long paragraphs (all blocks when there are none); a topic
    block's own words do not count.
    """
    n = len(local.content)
    topic_sources = [i for i, long in enumerate(local.long) if long] or list(range(n))
    topic: Counter[str] = Counter()
    for i in topic_sources:
        topic.update(local.content[i])
    in_topic = set(topic_sources)
    others_n = len(topic_sources)
    topic_share = [0.0] * n
    topic_weight = [0.0] * n
    for i, content in enumerate(local.content):
        if not content:
            continue
        mine = 1 if i in in_topic else 0
        hits = [c for c in map(topic.__getitem__, content) if c > mine]
        topic_share[i] = len(hits) / len(content)
        topic_weight[i] = (sum(hits) - mine * len(hits)) / (len(content) * max(others_n - mine, 1))
    return topic_share, topic_weight


def _header_state(
    local: _Local, headers: Sequence[bool], n_words: list[int]
) -> tuple[list[float], list[float]]:
    """Recirculation header state: poisoned from a header until running prose resumes."""
    n = len(n_words)
    after_header = [0.0] * n
    since_header = [31.0] * n
    last_header = -1
    long_since_header = False
    for i in range(n):
        if last_header >= 0:
            after_header[i] = float(not long_since_header)
            since_header[i] = float(min(i - last_header, 30))
        if headers[i]:
            last_header, long_since_header = i, False
        elif n_words[i] >= 10 and local.ends_sentence[i] and not local.truncated[i]:
            long_since_header = True  # running prose again: the header's list has ended
    return after_header, since_header


def _shifted(values: list, fill: float) -> tuple[list, list]:
    """The previous and the next block's value for every block (`fill` past either end)."""
    return [fill, *values[:-1]], [*values[1:], fill]


def block_features(
    texts: Sequence[str],
    headers: Sequence[bool],
    long_words: int = 25,
    link_share: np.ndarray | None = None,
) -> np.ndarray:
    """A (len(texts), len(FEATURE_NAMES)) float32 matrix; see `block_features_and_words`."""
    return block_features_and_words(texts, headers, long_words, link_share)[0]


def block_features_and_words(
    texts: Sequence[str],
    headers: Sequence[bool],
    long_words: int = 25,
    link_share: np.ndarray | None = None,
) -> tuple[np.ndarray, list[list[str]]]:
    """A (len(texts), len(FEATURE_NAMES)) float32 matrix, and every block's `head_words`, so
    the classifier's lexicon columns need not tokenise the blocks a second time.

    `headers[i]` says block i is a recirculation/tag header (a "header" marker); such a header
    poisons the blocks after it until the next long body paragraph. `link_share[i]` is the share
    of block i that was link text on its page (links.link_shares), -1 or None when not known.

    Built column by column in FEATURE_NAMES order (Python lists and float64 arrays, converted to
    float32 once): a row-by-row loop over ~50 features cost more than all the rest on a long page.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32), []
    counts = block_char_stats(texts)
    n_words = counts[:, -1].tolist()
    local = _local(texts, n_words, long_words, stopwords())
    topic_share, topic_weight = _topic(local)
    after_header, since_header = _header_state(local, headers, n_words)

    # All blocks joined by newlines (no pattern here crosses one): one scan for the whole article.
    joined = "\n".join(texts)
    lengths = [len(t) for t in texts]
    bounds = np.cumsum([0] + [k + 1 for k in lengths])
    links = [-1.0] * n if link_share is None else [float(v) for v in link_share]
    repeats = Counter(texts)
    long_prefix = np.cumsum([0, *local.long])
    index = np.arange(n)
    starts = np.cumsum([0, *lengths[:-1]])
    log_chars = list(map(math.log1p, lengths))
    letters, uppers, digits, puncts, tokens, capitals, separators, quotes, nonspace, words = (
        counts.T
    )
    n_tok = np.maximum(tokens, 1)
    chars = np.maximum(lengths, 1)
    # What a block shows its neighbours (prev_* / next_*), in _NEIGHBOUR order.
    shown = (
        log_chars,
        local.ends_sentence,
        local.heading_like,
        topic_share,
        local.list_mark,
        local.truncated,
    )
    neighbours = [_shifted(list(column), -1.0) for column in shown]
    prev_links, next_links = _shifted(links, -1.0)
    columns = (
        index / (n - 1) if n > 1 else np.zeros(n),
        np.minimum(index, 30),
        np.minimum(n - 1 - index, 30),
        starts / (sum(lengths) or 1),
        log_chars,
        words,
        _matches_per_block(_SENTENCE_END, joined, bounds),
        nonspace / np.maximum(words, 1),
        local.ends_sentence,
        [t.endswith(":") for t in texts],
        local.truncated,
        local.list_mark,
        [t[:1].islower() for t in texts],
        np.minimum(np.array(local.stop_tokens) / n_tok, 1.0),
        capitals / n_tok,
        uppers / np.maximum(letters, 1),
        digits / chars,
        puncts / chars,
        _matches_per_block(_LINK_LIKE, joined, bounds),
        separators,
        [bool(_BRACKET_TAIL.search(t[-_BRACKET_TAIL_CHARS:])) for t in texts],
        quotes > 0,
        local.heading_like,
        topic_share,
        topic_weight,
        after_header,
        since_header,
        headers,
        np.minimum(long_prefix[:-1], 10),
        np.minimum(long_prefix[-1] - long_prefix[1:], 10),
        np.minimum(_runs([w <= 8 for w in n_words]), 30),
        np.minimum(_runs(local.short_lower), 30),
        *(prev for prev, _next in neighbours),
        *(nxt for _prev, nxt in neighbours),
        [repeats[t] > 1 for t in texts],
        links,
        prev_links,
        next_links,
        np.minimum(_runs([v >= _MOSTLY_LINK for v in links]), 30),
        *_voice_columns(local.tokens),
    )
    out = np.empty((n, len(FEATURE_NAMES)), dtype=np.float32)
    for k, column in enumerate(columns):
        out[:, k] = column
    return out, local.tokens


def head_words(text: str) -> list[str]:
    """The lower-cased words of a block's first `_HEAD` characters: what the word features and
    the lexicon's columns (lexicon.py) read of a block."""
    return _WORD.findall(text[:_HEAD].lower())


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, possibly followed by closing quotes or brackets."""
    return bool(_ENDS_SENTENCE.search(text))


def is_list_item(text: str) -> bool:
    """Starts with a bullet, dash or item number."""
    return bool(_LIST_MARK.match(text))


def heading_like(text: str) -> bool:
    """Short, no sentence end, not a list item: how headings, labels and teaser titles look."""
    words = text.split(None, 14)  # 15 items: more than 14 words (no need to split them all)
    return (
        0 < len(words) <= 14
        and not _ENDS_SENTENCE.search(text)
        and not _TRUNCATED.search(text)
        and not _LIST_MARK.match(text)
    )
