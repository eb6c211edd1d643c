"""Block features for the junk/body classifier: one fixed, named vector per block.

Training and stripping call exactly this code, so what the model learnt is what it sees. Every
feature looks at the block, the article around it (its main topic) or its neighbours: a teaser
is short, often truncated ("…"), off-topic, mostly link text on its page, and follows a
recirculation header; an SEO tag list is a run of short lowercase bullets; a sub-heading is short
but shares the article's words. A header's poison lasts until running prose resumes (a sentence
of ten words or more).

Cost matters (this runs on every article the gate sees): the gate computes the features of a
whole batch of articles at once (`sizes`), each article's rows exactly what it gets alone;
character classes are counted for all blocks at once (charstats.py), rare patterns are searched
once over all of them, and stopwords and topic words are read from at most the first `_HEAD`
characters of a block.
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
from filter.strip.vocabulary import Numbered, WordTable, distinct_pairs, vocabulary

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
# Every ASCII character that is not a word character (`\w`), as a space.
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)
# The same for ASCII bytes, upper-case letters lower-cased: a byte table is a plain look-up,
# where `str.translate` looks every new character up in a dict, call after call.
_ASCII_LOWER_WORDS = bytes(
    (ord(c.lower()) if c.isalnum() or c == "_" else 32) if c.isascii() else ord(c)
    for c in map(chr, range(256))
)
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


class Layout(NamedTuple):
    """Where each article lies in a batch of articles' blocks, one article after the other."""

    article: np.ndarray  # the article of every block
    first: np.ndarray  # every block's article's first block
    size: np.ndarray  # every block's article's number of blocks
    opens: np.ndarray  # True at the first block of an article
    firsts: np.ndarray  # the first block of every article with blocks
    lasts: np.ndarray  # the last block of every article with blocks
    articles: int


def layout(sizes: Sequence[int]) -> Layout:
    """The layout of articles of `sizes` blocks each, one after the other."""
    size = np.asarray(sizes, dtype=np.int64).reshape(-1)
    begin = np.cumsum(size) - size
    article = np.repeat(np.arange(len(size)), size)
    opens = np.zeros(int(size.sum()), dtype=bool)
    some = size > 0
    opens[begin[some]] = True
    first = begin[article]
    return Layout(
        article, first, size[article], opens, begin[some], (begin + size - 1)[some], len(size)
    )


def fill_neighbours(
    out: np.ndarray, of: int, before: int, after: int, sizes: Sequence[int] | None
) -> None:
    """Column `before` takes the previous block's column `of`, column `after` the next block's;
    0 past either end of each article of `sizes` blocks (of the whole batch when None). The
    learned columns (lexicon.py, textmodel.py) read their neighbours this way."""
    out[1:, before] = out[:-1, of]
    out[:-1, after] = out[1:, of]
    if sizes is not None:
        where = layout(sizes)
        out[where.firsts, before] = 0.0
        out[where.lasts, after] = 0.0


class _Local(NamedTuple):
    """What the blocks say about themselves, one list per property (index: block)."""

    ends_sentence: list[bool]
    truncated: list[bool]
    list_mark: list[bool]
    heading_like: list[bool]
    long: list[bool]
    short_lower: list[bool]
    tokens: list[list[str]]  # lower-cased words of each block's first _HEAD characters


# What the word features need to know of a word, as bits of its `_FLAGS` value.
_STOP, _READER, _OUTLET, _PAGE, _IMPERATIVE, _DIGIT = (1 << k for k in range(6))


def _flags_of(word: str) -> int:
    reader, outlet, page, imperative = voice()
    listed = ((stopwords(), _STOP), (reader, _READER), (outlet, _OUTLET), (page, _PAGE))
    bits = sum(bit for words, bit in listed if word in words)
    bits |= _IMPERATIVE if word in imperative else 0
    return bits | (_DIGIT if word.isdigit() else 0)


def _stem_of(word: str) -> int:
    """Content words, crudely stemmed for any language: lowercase, first six characters (as
    its vocabulary number); -1 for a stopword, a word of two letters or a number."""
    if word in stopwords() or len(word) <= 2 or word.isdigit():
        return -1
    return vocabulary()[word[:6]]


_FLAGS = WordTable(_flags_of, np.uint8)
_STEMS = WordTable(_stem_of, np.int64)
_NO_WORDS = Numbered(np.zeros(0, np.int64), np.zeros(0, np.int64), -1)


def _short_lower(text: str, list_mark: bool) -> bool:
    body = _LIST_MARK.sub("", text, count=1).strip() if list_mark else text
    return bool(body) and body[:1].islower()


def _local(texts: Sequence[str], n_words: list[int], long_words: int) -> _Local:
    ends = [bool(_ENDS_SENTENCE.search(t[-_TAIL:])) for t in texts]
    truncated = [bool(_TRUNCATED.search(t[-_TAIL:])) for t in texts]
    list_mark = [bool(_LIST_MARK.match(t)) for t in texts]
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
        tokens=list(map(head_words, texts)),
    )


class _Words(NamedTuple):
    """The word features of every block (index: block), as float64 arrays."""

    stopword_ratio: np.ndarray
    topic_share: np.ndarray
    topic_weight: np.ndarray
    voice: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # in _voice_columns' order


class _Tokens(NamedTuple):
    """Every word of an article in block order: its block, its flags and its stem's number."""

    block: np.ndarray
    flags: np.ndarray
    stems: np.ndarray
    counts: np.ndarray  # words per block
    starts: np.ndarray  # where each block's words begin


def _tokens(numbered: Numbered) -> _Tokens:
    flags, stems = _FLAGS.of(numbered), _STEMS.of(numbered)
    assert flags is not None and stems is not None  # numbered just now
    return _Tokens(
        block=numbered.blocks(),
        flags=flags,
        stems=stems,
        counts=numbered.counts,
        starts=numbered.starts(),
    )


def _per_block(tokens: _Tokens, bit: int) -> np.ndarray:
    """How many words of each block have flag `bit`."""
    return np.bincount(tokens.block[(tokens.flags & bit) != 0], minlength=len(tokens.counts))


def _words(numbered: Numbered, local: _Local, n_tok: np.ndarray, where: Layout) -> _Words:
    tokens = _tokens(numbered)
    topic_share, topic_weight = _topic(tokens, local.long, where)
    return _Words(
        stopword_ratio=np.minimum(_per_block(tokens, _STOP) / n_tok, 1.0),
        topic_share=topic_share,
        topic_weight=topic_weight,
        voice=_voice_columns(tokens),
    )


def _voice_columns(tokens: _Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """reader_share, outlet_share, page_share and imperative_start for every block."""
    n = np.maximum(tokens.counts, 1)
    shares = [_per_block(tokens, bit) / n for bit in (_READER, _OUTLET, _PAGE)]
    return shares[0], shares[1], shares[2], _imperative_start(tokens)


def _imperative_start(tokens: _Tokens) -> np.ndarray:
    """1 where a block's first word that is not a number is a call to act ("" for none)."""
    words = np.flatnonzero((tokens.flags & _DIGIT) == 0)
    none = float("" in voice()[3])
    out = np.full(len(tokens.counts), none)
    if len(words) == 0:
        return out
    first = np.minimum(np.searchsorted(words, tokens.starts), len(words) - 1)
    at = words[first]
    found = (at >= tokens.starts) & (at < tokens.starts + tokens.counts)
    out[found] = (tokens.flags[at[found]] & _IMPERATIVE) != 0
    return out


def _runs(flags: Sequence[bool] | np.ndarray, opens: np.ndarray) -> np.ndarray:
    """For each block, the length of the run of True it is in within its article (0 where
    False); `opens` marks the first block of each article, where every run ends."""
    flags = np.asarray(flags, dtype=bool)
    if not len(flags):
        return np.zeros(0, dtype=np.int64)
    begins = flags & np.concatenate(([True], ~flags[:-1] | opens[1:]))
    run = np.cumsum(begins)  # the run number of every flagged block (from 1)
    lengths = np.bincount(run[flags], minlength=int(run[-1]) + 1)
    return np.where(flags, lengths[run], 0)


def _matches_per_block(pattern: re.Pattern[str], joined: str, bounds: np.ndarray) -> np.ndarray:
    """How many matches of `pattern` start in each block of `joined` (one scan, not n)."""
    found = [m.start() for m in pattern.finditer(joined)]
    if not found:
        return np.zeros(len(bounds) - 1)
    block = np.searchsorted(bounds, found, side="right") - 1
    return np.bincount(block, minlength=len(bounds) - 1).astype(np.float64)


def _distinct_stems(tokens: _Tokens) -> tuple[np.ndarray, np.ndarray]:
    """The (stem, block) pairs of the content words, each once, ordered by stem then block."""
    content = tokens.stems >= 0
    return distinct_pairs(tokens.stems[content], tokens.block[content], len(tokens.counts))


def _topic(tokens: _Tokens, long: list[bool], where: Layout) -> tuple[np.ndarray, np.ndarray]:
    """Per block, the share of its content words in the article's main topic, and their weight.

    The topic is the stems of the long paragraphs (all blocks when there are none); a topic
    block's own words do not count. A block's content words are its distinct stems, and a
    stem's topic count is the number of its article's topic blocks it is in: counts of
    (stem, block) pairs, grouped by stem and article. The counts are integers, exact in float64,
    so each share and weight is the same correctly rounded quotient as in integer arithmetic.
    """
    n = len(tokens.counts)
    long_blocks = np.array(long, dtype=bool)
    has_long = np.bincount(where.article[long_blocks], minlength=where.articles) > 0
    in_topic = long_blocks | ~has_long[where.article]
    mine = in_topic.astype(np.int64)
    stem, block = _distinct_stems(tokens)
    topic = np.zeros(0, dtype=np.int64)
    if len(stem):
        article = where.article[block]  # ordered within a stem, as blocks are
        changes = (stem[1:] != stem[:-1]) | (article[1:] != article[:-1])
        firsts = np.flatnonzero(np.concatenate(([True], changes)))
        per_stem = np.add.reduceat(mine[block], firsts)
        topic = np.repeat(per_stem, np.diff(np.append(firsts, len(stem))))
    hit = topic > mine[block]
    words = np.bincount(block, minlength=n)
    hits = np.bincount(block, weights=hit, minlength=n)
    hit_sum = np.bincount(block, weights=topic * hit, minlength=n)
    topic_blocks = np.bincount(where.article[in_topic], minlength=where.articles)
    others = np.maximum(topic_blocks[where.article] - mine, 1)
    some = words > 0
    topic_share, topic_weight = np.zeros(n), np.zeros(n)
    topic_share[some] = hits[some] / words[some]
    topic_weight[some] = (hit_sum - mine * hits)[some] / (words * others)[some]
    return topic_share, topic_weight


def _header_state(
    local: _Local, headers: Sequence[bool], n_words: list[int], opens: list[bool]
) -> tuple[list[float], list[float]]:
    """Recirculation header state: poisoned from a header until running prose resumes (or its
    article ends; `opens` marks the first block of each)."""
    n = len(n_words)
    after_header = [0.0] * n
    since_header = [31.0] * n
    last_header = -1
    long_since_header = False
    for i in range(n):
        if opens[i]:
            last_header, long_since_header = -1, False
        if last_header >= 0:
            after_header[i] = float(not long_since_header)
            since_header[i] = float(min(i - last_header, 30))
        if headers[i]:
            last_header, long_since_header = i, False
        elif n_words[i] >= 10 and local.ends_sentence[i] and not local.truncated[i]:
            long_since_header = True  # running prose again: the header's list has ended
    return after_header, since_header


# What a block shows its neighbours (prev_* / next_*), in FEATURE_NAMES order.
_SHOWN = ("log_chars", "ends_sentence", "heading_like", "topic_share", "list_mark", "truncated")
_NEIGHBOUR_COLUMNS = (None,) * (2 * len(_SHOWN))
_COLUMN = {name: k for k, name in enumerate(FEATURE_NAMES)}


_OWN, _BEFORE, _AFTER = (
    [_COLUMN[key + name] for name in (*_SHOWN, "link_share")] for key in ("", "prev_", "next_")
)


def _show_neighbours(out: np.ndarray, where: Layout) -> None:
    """Fill the prev_* and next_* columns of `out` with the previous and the next block's own
    column (-1 past either end of its article): a copy of values already converted, not a
    second conversion."""
    out[1:, _BEFORE] = out[:-1, _OWN]
    out[:-1, _AFTER] = out[1:, _OWN]
    out[np.ix_(where.firsts, _BEFORE)] = -1.0
    out[np.ix_(where.lasts, _AFTER)] = -1.0


def block_features(
    texts: Sequence[str],
    headers: Sequence[bool],
    long_words: int = 25,
    link_share: np.ndarray | None = None,
) -> np.ndarray:
    """A (len(texts), len(FEATURE_NAMES)) float32 matrix; see `block_features_and_words`."""
    return block_features_and_words(texts, headers, long_words, link_share)[0]


class BlockFeatures(NamedTuple):
    """The feature matrix, every block's `head_words`, and those words' vocabulary numbers."""

    matrix: np.ndarray
    words: list[list[str]]
    numbered: Numbered


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
    """
    found = numbered_block_features(texts, headers, long_words, link_share)
    return found.matrix, found.words


def numbered_block_features(
    texts: Sequence[str],
    headers: Sequence[bool],
    long_words: int = 25,
    link_share: np.ndarray | None = None,
    sizes: Sequence[int] | None = None,
) -> BlockFeatures:
    """`block_features_and_words`, with the words' vocabulary numbers, from which the lexicon's
    columns need not look the words up again (lexicon.py).

    `sizes`, when given, says that `texts` are the blocks of several articles one after the
    other, `sizes[k]` blocks of article k: every article's rows are exactly what it gets alone
    (every feature that looks beyond its block stops at the article's ends), and the NumPy work
    is done once for the batch, not once per article.

    Built column by column in FEATURE_NAMES order (Python lists and float64 arrays, converted to
    float32 once): a row-by-row loop over ~50 features cost more than all the rest on a long page.
    """
    if not texts:
        return BlockFeatures(np.zeros((0, len(FEATURE_NAMES)), np.float32), [], _NO_WORDS)
    n = len(texts)
    where = layout([n] if sizes is None else sizes)
    counts = block_char_stats(texts)
    n_words = counts[:, -1].tolist()
    local = _local(texts, n_words, long_words)
    after_header, since_header = _header_state(local, headers, n_words, where.opens.tolist())

    # All blocks joined by newlines (no pattern here crosses one): one scan for all of them.
    joined = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    bounds = np.concatenate(([0], np.cumsum(lengths + 1)))
    links = np.full(n, -1.0) if link_share is None else np.asarray(link_share)
    long_prefix = np.cumsum([0, *local.long])
    before = np.concatenate(([0], np.cumsum(lengths)))  # characters before each block
    article_end = where.first + where.size
    index = np.arange(n) - where.first
    span = where.size - 1
    log_chars = list(map(math.log1p, lengths.tolist()))
    letters, uppers, digits, puncts, tokens, capitals, separators, quotes, nonspace, words = (
        counts.T
    )
    n_tok = np.maximum(tokens, 1)
    chars = np.maximum(lengths, 1)
    numbered = vocabulary().number(local.tokens)
    word = _words(numbered, local, n_tok, where)
    columns = (
        _quotients(index, span),
        np.minimum(index, 30),
        np.minimum(span - index, 30),
        _quotients(before[:-1] - before[where.first], before[article_end] - before[where.first]),
        log_chars,
        words,
        _matches_per_block(_SENTENCE_END, joined, bounds),
        nonspace / np.maximum(words, 1),
        local.ends_sentence,
        [t.endswith(":") for t in texts],
        local.truncated,
        local.list_mark,
        [t[:1].islower() for t in texts],
        word.stopword_ratio,
        capitals / n_tok,
        uppers / np.maximum(letters, 1),
        digits / chars,
        puncts / chars,
        _matches_per_block(_LINK_LIKE, joined, bounds),
        separators,
        [bool(_BRACKET_TAIL.search(t[-_BRACKET_TAIL_CHARS:])) for t in texts],
        quotes > 0,
        local.heading_like,
        word.topic_share,
        word.topic_weight,
        after_header,
        since_header,
        headers,
        np.minimum(long_prefix[:-1] - long_prefix[where.first], 10),
        np.minimum(long_prefix[article_end] - long_prefix[1:], 10),
        np.minimum(_runs([w <= 8 for w in n_words], where.opens), 30),
        np.minimum(_runs(local.short_lower, where.opens), 30),
        *_NEIGHBOUR_COLUMNS,  # filled by _show_neighbours
        _repeated(texts, where),
        links,
        None,
        None,
        np.minimum(_runs(links >= _MOSTLY_LINK, where.opens), 30),
        *word.voice,
    )
    out = np.empty((n, len(FEATURE_NAMES)), dtype=np.float32)
    for k, column in enumerate(columns):
        if column is not None:
            out[:, k] = column
    _show_neighbours(out, where)
    return BlockFeatures(out, local.tokens, numbered)


def _quotients(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator in float64, 0 where the denominator is 0 (integer arrays)."""
    out = np.zeros(len(numerator))
    some = denominator != 0
    out[some] = numerator[some] / denominator[some]
    return out


def _repeated(texts: Sequence[str], where: Layout) -> list[bool]:
    """Whether each block's text occurs more than once in its article."""
    keyed = list(zip(where.article.tolist(), texts, strict=True))
    repeats_in = Counter(keyed)
    return [repeats_in[key] > 1 for key in keyed]


def head_words(text: str) -> list[str]:
    """The lower-cased words of a block's first `_HEAD` characters: what the word features and
    the lexicon's columns (lexicon.py) read of a block.

    The words are the runs of word characters (`_WORD`); in ASCII text those are the runs of
    letters, digits and "_", which splitting at everything else finds in a third less time (and
    an ASCII head is lower-cased and split at everything else in one bytes translation).
    """
    head = text[:_HEAD]
    if head.isascii():
        return head.encode().translate(_ASCII_LOWER_WORDS).decode().split()
    head = head.lower()  # may be ASCII now (the Kelvin sign lower-cases to "k")
    if head.isascii():
        return head.translate(_ASCII_NON_WORD).split()
    return _WORD.findall(head)


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
