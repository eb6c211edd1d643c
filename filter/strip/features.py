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
from dataclasses import dataclass
from functools import cache

import numpy as np

from filter.data import read_text
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


@dataclass(frozen=True, slots=True)
class _Local:
    """What one block says about itself, computed once and reused for its neighbours."""

    ends_sentence: bool
    truncated: bool
    list_mark: bool
    heading_like: bool
    long: bool
    short_lower: bool
    stop_tokens: int
    content: frozenset[str]


def _local(text: str, n_words: int, long_words: int, stops: frozenset[str]) -> _Local:
    end = text[-_TAIL:]
    ends = bool(_ENDS_SENTENCE.search(end))
    truncated = bool(_TRUNCATED.search(end))
    list_mark = bool(_LIST_MARK.match(text))
    lowered = _WORD.findall(text[:_HEAD].lower())
    # Content words, crudely stemmed for any language: lowercase, first six characters.
    content = frozenset(
        w[:6] for w in set(lowered).difference(stops) if len(w) > 2 and not w.isdigit()
    )
    if n_words <= 5 and not ends:
        body = _LIST_MARK.sub("", text, count=1).strip() if list_mark else text
        short_lower = bool(body) and body[:1].islower()
    else:
        short_lower = False
    return _Local(
        ends_sentence=ends,
        truncated=truncated,
        list_mark=list_mark,
        heading_like=0 < n_words <= 14 and not ends and not truncated and not list_mark,
        long=n_words >= long_words and ends,
        short_lower=short_lower,
        stop_tokens=sum(map(stops.__contains__, lowered)),
        content=content,
    )


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


# The block's own values that its neighbours also see (prev_*/next_* in FEATURE_NAMES order).
_NEIGHBOUR = ("log_chars", "ends_sentence", "heading_like", "topic_share", "list_mark", "truncated")


def block_features(
    texts: Sequence[str],
    headers: Sequence[bool],
    long_words: int = 25,
    link_share: np.ndarray | None = None,
) -> np.ndarray:
    """A (len(texts), len(FEATURE_NAMES)) float32 matrix.

    `headers[i]` says block i is a recirculation/tag header (a "header" marker); such a header
    poisons the blocks after it until the next long body paragraph. `link_share[i]` is the share
    of block i that was link text on its page (links.link_shares), -1 or None when not known.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    stops = stopwords()
    counts = block_char_stats(texts)
    n_words = counts[:, -1].tolist()
    local = [_local(t, w, long_words, stops) for t, w in zip(texts, n_words, strict=True)]

    # The article's main topic: stems of its long paragraphs (all blocks when it has none).
    topic_sources = [i for i, loc in enumerate(local) if loc.long] or list(range(n))
    topic: Counter[str] = Counter()
    for i in topic_sources:
        topic.update(local[i].content)
    in_topic = set(topic_sources)
    others_n = len(topic_sources)
    topic_share = [0.0] * n
    topic_weight = [0.0] * n
    for i, loc in enumerate(local):
        if not loc.content:
            continue
        mine = 1 if i in in_topic else 0  # a topic block's own words do not count
        hits = [c for c in map(topic.__getitem__, loc.content) if c > mine]
        topic_share[i] = len(hits) / len(loc.content)
        topic_weight[i] = (sum(hits) - mine * len(hits)) / (
            len(loc.content) * max(others_n - mine, 1)
        )

    # Recirculation header state: poisoned from a header until running prose resumes.
    after_header = [0.0] * n
    since_header = [31.0] * n
    last_header = -1
    long_since_header = False
    for i, loc in enumerate(local):
        if last_header >= 0:
            after_header[i] = float(not long_since_header)
            since_header[i] = float(min(i - last_header, 30))
        if headers[i]:
            last_header, long_since_header = i, False
        elif n_words[i] >= 10 and loc.ends_sentence and not loc.truncated:
            long_since_header = True  # running prose again: the header's list has ended

    # All blocks joined by newlines (no pattern here crosses one): one scan for the whole article.
    joined = "\n".join(texts)
    bounds = np.cumsum([0] + [len(t) + 1 for t in texts])
    sentences = _matches_per_block(_SENTENCE_END, joined, bounds).tolist()
    link_like = _matches_per_block(_LINK_LIKE, joined, bounds).tolist()
    links = [-1.0] * n if link_share is None else [float(v) for v in link_share]
    repeats = Counter(texts)
    short_run = _runs([w <= 8 for w in n_words])
    lower_run = _runs([loc.short_lower for loc in local])
    link_run = _runs([v >= _MOSTLY_LINK for v in links])
    long_prefix = [0]
    for loc in local:
        long_prefix.append(long_prefix[-1] + loc.long)
    long_total = long_prefix[-1]
    total_chars = sum(map(len, texts)) or 1
    # What a block shows its neighbours (prev_* / next_*), in _NEIGHBOUR order.
    shown = [
        (
            math.log1p(len(text)),
            loc.ends_sentence,
            loc.heading_like,
            topic_share[i],
            loc.list_mark,
            loc.truncated,
        )
        for i, (text, loc) in enumerate(zip(texts, local, strict=True))
    ]
    none = (-1.0,) * len(_NEIGHBOUR)
    (
        letters,
        uppers,
        digits,
        puncts,
        tokens,
        capitals,
        separators,
        quotes,
        nonspace,
        _words,
    ) = counts.T.tolist()

    # One tuple per block in FEATURE_NAMES order, converted once: on a short article the
    # per-call overhead of column-wise array operations cost more than the values themselves.
    rows = []
    start = 0
    for i, (text, loc) in enumerate(zip(texts, local, strict=True)):
        chars = len(text) or 1
        n_tok = tokens[i] or 1.0
        here = shown[i]
        prev = shown[i - 1] if i > 0 else none
        nxt = shown[i + 1] if i + 1 < n else none
        rows.append(
            (
                i / (n - 1) if n > 1 else 0.0,
                min(i, 30),
                min(n - 1 - i, 30),
                start / total_chars,
                here[0],
                n_words[i],
                sentences[i],
                nonspace[i] / (n_words[i] or 1),
                loc.ends_sentence,
                text.endswith(":"),
                loc.truncated,
                loc.list_mark,
                text[:1].islower(),
                min(loc.stop_tokens / n_tok, 1.0),
                capitals[i] / n_tok,
                uppers[i] / (letters[i] or 1.0),
                digits[i] / chars,
                puncts[i] / chars,
                link_like[i],
                separators[i],
                bool(_BRACKET_TAIL.search(text[-_BRACKET_TAIL_CHARS:])),
                quotes[i] > 0,
                loc.heading_like,
                topic_share[i],
                topic_weight[i],
                after_header[i],
                since_header[i],
                headers[i],
                min(long_prefix[i], 10),
                min(long_total - long_prefix[i + 1], 10),
                min(short_run[i], 30),
                min(lower_run[i], 30),
                *prev,
                *nxt,
                repeats[text] > 1,
                links[i],
                links[i - 1] if i > 0 else -1.0,
                links[i + 1] if i + 1 < n else -1.0,
                min(link_run[i], 30),
            )
        )
        start += len(text)
    return np.array(rows, dtype=np.float32)


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, possibly followed by closing quotes or brackets."""
    return bool(_ENDS_SENTENCE.search(text))


def is_list_item(text: str) -> bool:
    """Starts with a bullet, dash or item number."""
    return bool(_LIST_MARK.match(text))


def heading_like(text: str) -> bool:
    """Short, no sentence end, not a list item: how headings, labels and teaser titles look."""
    words = text.split()
    return (
        0 < len(words) <= 14
        and not _ENDS_SENTENCE.search(text)
        and not _TRUNCATED.search(text)
        and not _LIST_MARK.match(text)
    )
