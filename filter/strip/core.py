"""Stage 2, strip: rules and the trained block classifier over text; trafilatura first for HTML.

`strip_text` is the text path (any already-extracted text); `strip_document` adds the HTML path
(trafilatura with measured settings and our prune rules, its metadata carried into the Document)
and the per-document time budget. Every removed block carries its reason: `marker:<rule>`,
`rule:section_label`, `dateline`, `classifier p=0.97`, or `title` (a first block repeating the
document's title, which is metadata: headline.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, replace

import numpy as np

from filter.dateline import find_dateline
from filter.strip.budget import time_budget
from filter.strip.classifier import BlockClassifier, default_classifier
from filter.strip.features import FEATURE_NAMES, BlockFeatures, numbered_block_features
from filter.strip.headline import drop_headline
from filter.strip.html import extract_html
from filter.strip.links import Spans, link_shares
from filter.strip.rules import Ruled, apply_rules
from filter.strip.settings import settings
from filter.types import Block, Document, Stripped


def features_of(ruled: Ruled, text_length: int = 0, links: Spans | None = None) -> np.ndarray:
    """The classifier's feature matrix for every block of `ruled` (training uses this too).

    `links` are the link-text spans of the text (HTML input, length `text_length`); None for
    plain text, whose blocks get the neutral "not known" link share.
    """
    return features_and_words(ruled, text_length, links)[0]


def features_and_words(
    ruled: Ruled, text_length: int = 0, links: Spans | None = None
) -> tuple[np.ndarray, list[list[str]]]:
    """`features_of`, and the words of each block it read: the lexicon's columns read these,
    in training as in stripping."""
    found = _block_features(ruled, text_length, links)
    return found.matrix, found.words


def _block_features(ruled: Ruled, text_length: int, links: Spans | None) -> BlockFeatures:
    return _features([(ruled, text_length, links)])


_Source = tuple[Ruled, int, Spans | None]  # a ruled text, its length and its link spans


def _features(sources: Sequence[_Source]) -> BlockFeatures:
    """Block features of the ruled texts, one after the other, in one computation: each
    text's rows are exactly what it gets alone (features.numbered_block_features, `sizes`)."""
    long_words = int(settings()["blocks"]["long_paragraph_words"])
    shares = None
    if any(links is not None for _, _, links in sources):
        shares = np.concatenate(
            [
                link_shares(length, links, [(b.start, b.end) for b in ruled.blocks])
                for ruled, length, links in sources
            ]
        )
    texts = [b.text for ruled, _, _ in sources for b in ruled.blocks]
    headers = [h for ruled, _, _ in sources for h in ruled.headers]
    sizes = [len(ruled.blocks) for ruled, _, _ in sources]
    return numbered_block_features(texts, headers, long_words, shares, sizes)


_F = {name: k for k, name in enumerate(FEATURE_NAMES)}
_PROSE_LOG_CHARS = math.log1p(60)  # the next block is at least a 60-character paragraph
# Column numbers the policy reads (looked up once, not per block).
_HEADING, _TOPIC, _NEXT_ENDS, _NEXT_CHARS, _AFTER_HEADER, _FROM_START = (
    _F[name]
    for name in (
        "heading_like",
        "topic_share",
        "next_ends_sentence",
        "next_log_chars",
        "after_header",
        "from_start",
    )
)
_WORDS, _ENDS, _TRUNCATED, _STOPWORDS = (
    _F[name] for name in ("words", "ends_sentence", "truncated", "stopword_ratio")
)


def _thresholds(
    rows: np.ndarray, threshold: float | np.ndarray, text_shares: np.ndarray
) -> np.ndarray:
    """The removal threshold of every row (a block's features) under the policy in
    settings.toml [policy], for all undecided blocks of one or more texts at once (`threshold`
    the classifier's, for all rows or row by row).

    Prose is removed only on strong evidence, and a block holding a large share of the text
    (`text_shares`) only on stronger still; a topical sub-heading (or title) above prose is kept
    whatever the classifier says (> 1 means never). See README, "Stripping". The float32 columns
    meet the settings as float32, explicitly: what NumPy >= 2 does for a row's own values one by
    one (NEP 50), whatever the NumPy release's promotion rules.
    """
    f32 = np.float32
    cfg = settings()["policy"]
    base = np.where(
        text_shares >= cfg["main_block_share"],
        np.maximum(threshold, cfg["main_block_threshold"]),
        threshold,
    )
    topical = rows[:, _TOPIC] >= f32(cfg["heading_topic_share"])
    topical_heading = (rows[:, _HEADING] != 0) & topical
    above_prose = (rows[:, _NEXT_ENDS] == 1) & (rows[:, _NEXT_CHARS] >= f32(_PROSE_LOG_CHARS))
    first_or_above_prose = above_prose | (rows[:, _FROM_START] == 0)
    never = topical_heading & (rows[:, _AFTER_HEADER] == 0) & first_or_above_prose
    prose = (
        (rows[:, _WORDS] >= f32(cfg["prose_min_words"]))
        & (rows[:, _ENDS] != 0)
        & (rows[:, _TRUNCATED] == 0)
        & (rows[:, _STOPWORDS] >= f32(cfg["prose_min_stopwords"]))
    )
    return np.where(never, 2.0, np.where(prose, np.maximum(base, cfg["prose_threshold"]), base))


_NONE = np.zeros(0)  # the probabilities of no blocks


def clean_text(blocks: Sequence[Block]) -> str:
    """The text the kept blocks make, one paragraph each."""
    return "\n\n".join(b.text for b in blocks if b.keep)


@dataclass(slots=True)
class _Open:
    """A text stripped up to the classifier: rule verdicts, what its block features need, and
    (once computed, for a text with some block left for the classifier, `open_idx`) the hand
    features and model rows of every block."""

    ruled: Ruled
    open_idx: list[int]
    origin: str
    text_length: int
    links: Spans | None
    what: str = "text"  # what the time budget's message calls it
    features: np.ndarray | None = None

    def close(
        self, model: BlockClassifier | None, probs: np.ndarray, limits: np.ndarray | None = None
    ) -> tuple[str, list[Block]]:
        """Clean text and all blocks, given P(junk) of the undecided blocks (and their removal
        thresholds, when worked out for many texts at once: `_limits`)."""
        blocks = self.ruled.blocks
        if self.open_idx:
            idx = self.open_idx
            if limits is None:
                assert model is not None and self.features is not None
                [limits] = _limits(model, [(self, self.features[idx])])
            probs = np.asarray(probs, dtype=np.float64)
            removed = (probs >= limits).tolist()
            for i, p, junk in zip(idx, probs.tolist(), removed, strict=True):
                if junk:
                    blocks[i] = replace(
                        blocks[i], keep=False, reason=f"classifier p={p:.2f}", probability=p
                    )
                else:
                    b = blocks[i]
                    blocks[i] = Block(b.start, b.end, b.text, b.kind, True, None, p)
        return clean_text(blocks), blocks


_Rows = list[tuple[_Open, np.ndarray]]  # texts and the classifier rows of their open blocks


def _ruled(
    text: str, origin: str = "text", links: Spans | None = None, what: str = "text"
) -> _Open:
    """The rules' verdicts on `text`: everything before the block features."""
    ruled = apply_rules(text)
    open_idx = [i for i, done in enumerate(ruled.decided) if not done]
    return _Open(ruled, open_idx, origin, len(text), links, what)


def strip_text(
    text: str,
    classifier: BlockClassifier | None = None,
    origin: str = "text",
    links: Spans | None = None,
) -> tuple[str, list[Block]]:
    """Clean text and all blocks (kept and removed, in text order) of already-extracted text.

    `origin` is "html" for trafilatura's output (its own threshold from the model card), and
    `links` the spans of `text` that were link text on the page, when known.
    """
    [closed] = _close([_ruled(text, origin, links)], classifier, None)
    if isinstance(closed, Exception):
        raise closed
    return closed


@dataclass(slots=True)
class _Staged:
    """One document up to the block features: its Document (with metadata found) and its
    ruled text."""

    doc: Document
    opened: _Open


def _stage(doc: Document, seconds: float) -> _Staged:
    """Extraction and rules of one document, within its time budget."""
    with time_budget(seconds, doc.source):
        if doc.html is not None:
            extracted = extract_html(doc.html, doc.source)
            doc = replace(
                doc,
                title=doc.title or extracted.title,
                published=doc.published or extracted.published,
                host=doc.host or extracted.host,
            )
            return _Staged(doc, _ruled(extracted.text, "html", extracted.links, doc.source))
        opened = _ruled(doc.text, what=doc.source)
    line = find_dateline(doc.text)
    if line is not None and doc.published is None:
        doc = replace(doc, published=line.published)
    return _Staged(doc, opened)


# Holds every kind of block the rules and the classifier look at, so one pass loads them all.
_WARM_TEXT = (
    "Springfield, May 3 (Reuters) — Officials said on Thursday that 12 people were hurt.\n\n"
    "You May Also Like\n\nA teaser headline\n\n#news #world\n\n"
    "The road stayed closed for days, and aid groups said they could not reach the town."
)
_warmed = False


def _warm(classifier: BlockClassifier | None) -> None:
    """Strip a fixed text once per process, outside any time budget: rule tables, marker
    automata, the word lexicon and the block model load lazily on first use (a second or more
    on a busy machine), and that cost is not the first document's. Charged to its budget, a
    budget shorter than the loading would turn every document into a timeout, as each
    interrupted load starts again with the next. A failure here is left to the documents."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    with suppress(Exception):  # each document reports its own failure
        _close([_ruled(_WARM_TEXT)], classifier, None)


def strip_document(
    doc: Document, classifier: BlockClassifier | None = None, budget: float | None = None
) -> Stripped:
    """Strip one document within its time budget (default from settings; 0 turns it off).

    Raises StripTimeout (kind "strip.timeout") when the budget runs out; the pipeline records
    that as the document's `error` decision.
    """
    [out] = strip_documents([doc], classifier, budget)
    if isinstance(out, Exception):
        raise out
    return out


def strip_documents(
    docs: Sequence[Document],
    classifier: BlockClassifier | None = None,
    budget: float | None = None,
) -> list[Stripped | Exception]:
    """`strip_document` for each of `docs`, in order, with one block-feature computation and
    one classifier call for all of them.

    A prediction call has a fixed cost of a few hundred microseconds, more than the rows of a
    short article, and so has each of the feature computation's few hundred NumPy calls; every
    row is exactly what its document gets alone. A document that fails (or runs out of its own
    time budget) gets its exception in its place in the list, so one bad document never fails
    the others.
    """
    seconds = settings()["budget"]["seconds"] if budget is None else budget
    if seconds and docs:
        _warm(classifier)
    staged: list[_Staged | Exception] = []
    for doc in docs:
        try:
            staged.append(_stage(doc, seconds))
        except Exception as exc:  # this document's error, not the batch's
            staged.append(exc)
    ready = [s for s in staged if isinstance(s, _Staged)]
    closed = iter(_close([s.opened for s in ready], classifier, seconds))
    out: list[Stripped | Exception] = []
    for s in staged:
        if isinstance(s, Exception):
            out.append(s)
            continue
        result = next(closed)
        if isinstance(result, Exception):
            out.append(result)
        else:
            clean, blocks = result
            headless = drop_headline(blocks, s.doc.title)
            if headless is not None:
                blocks = headless
                clean = clean_text(blocks)
            out.append(Stripped(document=s.doc, text=clean, blocks=tuple(blocks)))
    return out


_Closed = tuple[str, list[Block]] | Exception


def _close(
    texts: list[_Open], classifier: BlockClassifier | None, seconds: float | None
) -> list[_Closed]:
    """Clean text and blocks of every ruled text (or its exception), in order: block features
    and one classifier call for all texts with undecided blocks (the model loaded only then)."""
    waiting = [t for t in texts if t.open_idx]
    model: BlockClassifier | None = None
    probs: _Probabilities = {}
    limits: dict[int, np.ndarray] = {}
    if waiting:
        try:
            model = classifier or default_classifier()
        except Exception as exc:
            probs = {id(t): exc for t in waiting}
        else:
            rows, probs = _rows(model, waiting, seconds)
            if rows:
                together = np.concatenate([r for _, r in rows])
                probs.update(_probabilities(model, rows, together))
                limits = _all_limits(model, rows, together)
    out: list[_Closed] = []
    for t in texts:
        p = probs.get(id(t), _NONE)
        if isinstance(p, Exception):
            out.append(p)
            continue
        try:
            out.append(t.close(model, p, limits.get(id(t))))
        except Exception as exc:
            out.append(exc)
    return out


def _limits(
    model: BlockClassifier, rows: _Rows, together: np.ndarray | None = None
) -> list[np.ndarray]:
    """The removal thresholds of the open blocks of every text of `rows` (`together`: all
    their rows in one array), from one `_thresholds` call."""
    if together is None:
        together = np.concatenate([r for _, r in rows])
    lengths: list[int] = []
    totals: list[int] = []
    thresholds: list[float] = []
    for t, _ in rows:
        blocks = t.ruled.blocks
        n = len(t.open_idx)
        lengths += [len(blocks[i].text) for i in t.open_idx]
        totals += [sum(len(b.text) for b in blocks) or 1] * n
        thresholds += [model.threshold_for(t.origin)] * n
    shares = np.array(lengths) / np.array(totals)
    limits = _thresholds(together, np.array(thresholds), shares)
    return np.split(limits, np.cumsum([len(r) for _, r in rows])[:-1])


def _all_limits(model: BlockClassifier, rows: _Rows, together: np.ndarray) -> dict[int, np.ndarray]:
    """`_limits` keyed by each text's id(); none when that fails (then each text works out its
    own, so that a failure stays with its text)."""
    try:
        found = _limits(model, rows, together)
    except Exception:
        return {}
    return {id(t): lim for (t, _), lim in zip(rows, found, strict=True)}


_Probabilities = dict[int, np.ndarray | Exception]


def _rows(
    model: BlockClassifier, texts: list[_Open], seconds: float | None
) -> tuple[_Rows, _Probabilities]:
    """Every text's classifier rows (its undecided blocks), each text's hand features set on
    it: computed for all texts at once, within one document's time budget (a batch of 256 crawl
    articles takes ~0.1 s); should that fail or run out, text by text, each within its own, a
    failure kept as that text's (second value). A runaway text thus stops after at most twice
    its budget, whatever the batch size."""
    if len(texts) > 1:
        try:
            with time_budget(seconds, "a batch of texts"):
                return _rows_together(model, texts), {}
        except Exception:
            pass  # text by text, below
    rows: _Rows = []
    failed: _Probabilities = {}
    for t in texts:
        try:
            with time_budget(seconds, t.what):
                rows += _rows_together(model, [t])
        except Exception as exc:
            failed[id(t)] = exc
    return rows, failed


def _rows_together(model: BlockClassifier, texts: list[_Open]) -> _Rows:
    """`_rows` for `texts`, with one feature computation (and lexicon look-up) for them all."""
    found = _features([(t.ruled, t.text_length, t.links) for t in texts])
    sizes = [len(t.ruled.blocks) for t in texts]
    every = model.rows(found.matrix, found.words, found.numbered, sizes)
    out = []
    n_features = len(FEATURE_NAMES)
    for t, start in zip(texts, np.cumsum(sizes) - sizes, strict=True):
        mine = every[start : start + len(t.ruled.blocks)]
        t.features = mine[:, :n_features]
        out.append((t, mine[t.open_idx]))
    return out


def _probabilities(model: BlockClassifier, rows: _Rows, together: np.ndarray) -> _Probabilities:
    """P(junk) of the undecided blocks of every text, keyed by its id(): one call for all of
    them (`together`: their rows in one array); should that fail, one call each, so that the
    failure stays with its text."""
    try:
        probs = model.junk_probability(together)
    except Exception:
        return {id(t): _guarded(model, r) for t, r in rows}
    ends = np.cumsum([len(r) for _, r in rows])
    return {id(t): p for (t, _), p in zip(rows, np.split(probs, ends[:-1]), strict=True)}


def _guarded(model: BlockClassifier, rows: np.ndarray) -> np.ndarray | Exception:
    """One document's own classifier call, its failure returned rather than raised."""
    try:
        return model.junk_probability(rows)
    except Exception as exc:
        return exc
