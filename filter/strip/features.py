"""Block features for the junk/body classifier: one fixed, named vector per block.

Training and stripping call exactly this code, so what the model learnt is what it sees. Every
feature looks at the block, the article around it (its main topic) or its neighbours: a teaser
is short, often truncated ("…"), off-topic, and follows a recirculation header; an SEO tag list
is a run of short lowercase bullets; a sub-heading is short but shares the article's words.
A header's poison lasts until running prose resumes (a sentence of ten words or more).
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
)

_WORD = re.compile(r"\w+")
_SPACE_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?。！？][\"'”’)\]]*\s*$")
_TRUNCATED = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[-*•·▪‣◦–—>»]|\d{1,3}[.)]|[a-z][.)])\s+")
_LINK_LIKE = re.compile(r"https?://|www\.|\.com\b|\.org\b|@\w|#\w|\S+@\S+\.\w")
_SEPARATOR = re.compile(r"\s[|·•»›/]\s|\s[|·•»›]|[|·•»›]\s")
_BRACKET_TAIL = re.compile(r"[\[(][^\[\]()]{1,60}[\])]\s*$")
_QUOTE = re.compile(r"[\"“”«»]|(?:^|\s)['‘]")
_PUNCT = re.compile(r"[^\w\s]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


@cache
def stopwords() -> frozenset[str]:
    raw = read_text("strip/stopwords.txt")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@dataclass(frozen=True, slots=True)
class _Local:
    """What one block says about itself, computed once and reused for its neighbours."""

    log_chars: float
    words: int
    ends_sentence: bool
    truncated: bool
    list_mark: bool
    heading_like: bool
    long: bool
    short_lower: bool
    content: tuple[str, ...]
    word_chars: int
    tokens: list[str]
    lowered: list[str]


def _local(text: str, long_words: int) -> _Local:
    words = _SPACE_WORD.findall(text)
    ends = bool(_ENDS_SENTENCE.search(text))
    truncated = bool(_TRUNCATED.search(text))
    list_mark = bool(_LIST_MARK.match(text))
    stops = stopwords()
    tokens = _WORD.findall(text)
    lowered = [t.lower() for t in tokens]
    # Content words, crudely stemmed for any language: lowercase, first six characters.
    content = tuple(w[:6] for w in lowered if len(w) > 2 and w not in stops and not w.isdigit())
    heading_like = 0 < len(words) <= 14 and not ends and not truncated and not list_mark
    body = _LIST_MARK.sub("", text, count=1).strip()
    short_lower = len(words) <= 5 and bool(body) and body[:1].islower() and not ends
    return _Local(
        log_chars=math.log1p(len(text)),
        words=len(words),
        ends_sentence=ends,
        truncated=truncated,
        list_mark=list_mark,
        heading_like=heading_like,
        long=len(words) >= long_words and ends,
        short_lower=short_lower,
        content=content,
        word_chars=sum(len(w) for w in words),
        tokens=tokens,
        lowered=lowered,
    )


def block_features(
    texts: Sequence[str],
    headers: Sequence[bool],
    long_words: int = 25,
) -> np.ndarray:
    """A (len(texts), len(FEATURE_NAMES)) float32 matrix.

    `headers[i]` says block i is a recirculation/tag header (a "header" marker); such a header
    poisons the blocks after it until the next long body paragraph.
    """
    n = len(texts)
    out = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float32)
    if n == 0:
        return out
    local = [_local(t, long_words) for t in texts]
    stops = stopwords()

    # The article's main topic: stems of its long paragraphs (all blocks when it has none).
    topic_sources = [i for i, loc in enumerate(local) if loc.long] or list(range(n))
    topic = Counter()
    for i in topic_sources:
        topic.update(set(local[i].content))
    in_topic = set(topic_sources)
    n_topic = len(topic_sources)

    def topic_stats(i: int) -> tuple[float, float]:
        stems = set(local[i].content)
        if not stems:
            return 0.0, 0.0
        own = 1 if i in in_topic else 0
        others = max(n_topic - own, 1)
        hits = [(topic[s] - own) for s in stems if topic[s] - own > 0]
        return len(hits) / len(stems), sum(hits) / (len(stems) * others)

    topics = [topic_stats(i) for i in range(n)]

    total_chars = sum(len(t) for t in texts) or 1
    starts = np.cumsum([0] + [len(t) for t in texts[:-1]])
    long_prefix = np.cumsum([0] + [int(loc.long) for loc in local])
    long_total = int(long_prefix[-1])

    # Runs of short blocks, and runs of short lowercase (tag-like) blocks.
    def runs(flags: list[bool]) -> list[int]:
        lengths = [0] * n
        i = 0
        while i < n:
            if not flags[i]:
                i += 1
                continue
            j = i
            while j < n and flags[j]:
                j += 1
            for k in range(i, j):
                lengths[k] = j - i
            i = j
        return lengths

    short_run = runs([loc.words <= 8 for loc in local])
    lower_run = runs([loc.short_lower for loc in local])

    counts = Counter(texts)
    last_header = -1
    long_since_header = False
    for i, text in enumerate(texts):
        loc = local[i]
        tokens = loc.tokens
        # Character ratios from the first 400 characters: as good as the whole block, and the
        # cost per block stays flat however long the paragraph.
        head = text[:400]
        letters = len(_LETTER.findall(head)) or 1
        n_tok = len(tokens) or 1
        prev = local[i - 1] if i > 0 else None
        nxt = local[i + 1] if i + 1 < n else None
        after_header = last_header >= 0 and not long_since_header
        row = (
            i / (n - 1) if n > 1 else 0.0,
            min(i, 30),
            min(n - 1 - i, 30),
            starts[i] / total_chars,
            loc.log_chars,
            loc.words,
            len(_SENTENCE_END.findall(text)),
            loc.word_chars / (loc.words or 1),
            loc.ends_sentence,
            text.rstrip().endswith(":"),
            loc.truncated,
            loc.list_mark,
            text.lstrip()[:1].islower(),
            sum(1 for t in loc.lowered if t in stops) / n_tok,
            sum(1 for t in tokens if t[:1].isupper()) / n_tok,
            len(_UPPER.findall(head)) / letters,
            len(_DIGIT.findall(head)) / (len(head) or 1),
            len(_PUNCT.findall(head)) / (len(head) or 1),
            len(_LINK_LIKE.findall(text)),
            len(_SEPARATOR.findall(text)),
            bool(_BRACKET_TAIL.search(text)),
            bool(_QUOTE.search(text)),
            loc.heading_like,
            topics[i][0],
            topics[i][1],
            after_header,
            min(i - last_header, 30) if last_header >= 0 else 31,
            headers[i],
            min(int(long_prefix[i]), 10),
            min(long_total - int(long_prefix[i + 1]), 10),
            min(short_run[i], 30),
            min(lower_run[i], 30),
            prev.log_chars if prev else -1.0,
            prev.ends_sentence if prev else -1.0,
            prev.heading_like if prev else -1.0,
            topics[i - 1][0] if prev else -1.0,
            prev.list_mark if prev else -1.0,
            prev.truncated if prev else -1.0,
            nxt.log_chars if nxt else -1.0,
            nxt.ends_sentence if nxt else -1.0,
            nxt.heading_like if nxt else -1.0,
            topics[i + 1][0] if nxt else -1.0,
            nxt.list_mark if nxt else -1.0,
            nxt.truncated if nxt else -1.0,
            counts[text] > 1,
        )
        out[i] = row
        if headers[i]:
            last_header, long_since_header = i, False
        elif loc.words >= 10 and loc.ends_sentence and not loc.truncated:
            long_since_header = True  # running prose again: the header's list has ended
    return out


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, possibly followed by closing quotes or brackets."""
    return bool(_ENDS_SENTENCE.search(text))


def is_list_item(text: str) -> bool:
    """Starts with a bullet, dash or item number."""
    return bool(_LIST_MARK.match(text))


def heading_like(text: str) -> bool:
    """Short, no sentence end, not a list item: how headings, labels and teaser titles look."""
    words = _SPACE_WORD.findall(text)
    return (
        0 < len(words) <= 14
        and not _ENDS_SENTENCE.search(text)
        and not _TRUNCATED.search(text)
        and not _LIST_MARK.match(text)
    )
