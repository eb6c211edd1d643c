"""Stage 2, strip: rules and the trained block classifier over text; trafilatura first for HTML.

`strip_text` is the text path (any already-extracted text); `strip_document` adds the HTML path
(trafilatura with measured settings and our prune rules, its metadata carried into the Document)
and the per-document time budget. Every removed block carries its reason: `marker:<rule>`,
`rule:section_label`, `dateline`, or `classifier p=0.97`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from filter.dateline import find_dateline
from filter.strip.budget import time_budget
from filter.strip.classifier import BlockClassifier, default_classifier
from filter.strip.features import FEATURE_NAMES, BlockFeatures, numbered_block_features
from filter.strip.html import extract_html
from filter.strip.links import Spans, link_shares
from filter.strip.rules import Ruled, apply_rules
from filter.strip.settings import settings
from filter.strip.vocabulary import Numbered
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
    long_words = int(settings()["blocks"]["long_paragraph_words"])
    shares = (
        None
        if links is None
        else link_shares(text_length, links, [(b.start, b.end) for b in ruled.blocks])
    )
    texts = [b.text for b in ruled.blocks]
    return numbered_block_features(texts, ruled.headers, long_words, shares)


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


def _thresholds(rows: np.ndarray, threshold: float, text_shares: np.ndarray) -> np.ndarray:
    """The removal threshold of every row (a block's features) under the policy in
    settings.toml [policy], for all undecided blocks of a text at once.

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
        max(threshold, cfg["main_block_threshold"]),
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


@dataclass(slots=True)
class _Open:
    """A text stripped up to the classifier: rule verdicts, and the features of every block
    when some block is left for the classifier (`open_idx`)."""

    ruled: Ruled
    open_idx: list[int]
    features: np.ndarray | None
    origin: str
    words: list[list[str]]  # each block's words as the features read them (with `features`)
    numbered: Numbered | None = None  # those words' vocabulary numbers

    def rows(self, model: BlockClassifier) -> np.ndarray:
        """The classifier's input: the rows of the undecided blocks."""
        assert self.features is not None
        return model.rows(self.features, self.words, self.open_idx, self.numbered)

    def close(self, model: BlockClassifier | None, probs: np.ndarray) -> tuple[str, list[Block]]:
        """Clean text and all blocks, given P(junk) of the undecided blocks."""
        blocks = self.ruled.blocks
        if self.open_idx:
            assert model is not None and self.features is not None
            idx = self.open_idx
            total = sum(len(b.text) for b in blocks) or 1
            shares = np.array([len(blocks[i].text) for i in idx]) / total
            limits = _thresholds(self.features[idx], model.threshold_for(self.origin), shares)
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
        clean = "\n\n".join(b.text for b in blocks if b.keep)
        return clean, blocks


def _open(text: str, origin: str = "text", links: Spans | None = None) -> _Open:
    """Rules and block features of `text`: everything before the classifier."""
    ruled = apply_rules(text)
    open_idx = [i for i, done in enumerate(ruled.decided) if not done]
    if not open_idx:
        return _Open(ruled, open_idx, None, origin, [])
    found = _block_features(ruled, len(text), links)
    return _Open(ruled, open_idx, found.matrix, origin, found.words, found.numbered)


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
    return _close_alone(_open(text, origin, links), classifier)


def _close_alone(opened: _Open, classifier: BlockClassifier | None) -> tuple[str, list[Block]]:
    """Close `opened` with a classifier call of its own (the model loaded only if needed)."""
    if not opened.open_idx:
        return opened.close(None, _NONE)
    model = classifier or default_classifier()
    return opened.close(model, model.junk_probability(opened.rows(model)))


@dataclass(slots=True)
class _Staged:
    """One document up to the classifier: its Document (with metadata found) and open text."""

    doc: Document
    opened: _Open

    def finish(self, model: BlockClassifier | None, probs: np.ndarray) -> Stripped:
        clean, blocks = self.opened.close(model, probs)
        return Stripped(document=self.doc, text=clean, blocks=tuple(blocks))


def _stage(doc: Document, budget: float | None) -> _Staged:
    """Extraction, rules and features of one document, within its time budget."""
    seconds = settings()["budget"]["seconds"] if budget is None else budget
    with time_budget(seconds, doc.source):
        if doc.html is not None:
            extracted = extract_html(doc.html, doc.source)
            doc = replace(
                doc,
                title=doc.title or extracted.title,
                published=doc.published or extracted.published,
                host=doc.host or extracted.host,
            )
            return _Staged(doc, _open(extracted.text, "html", extracted.links))
        opened = _open(doc.text)
    line = find_dateline(doc.text)
    if line is not None and doc.published is None:
        doc = replace(doc, published=line.published)
    return _Staged(doc, opened)


def strip_document(
    doc: Document, classifier: BlockClassifier | None = None, budget: float | None = None
) -> Stripped:
    """Strip one document within its time budget (default from settings; 0 turns it off).

    Raises StripTimeout (kind "strip.timeout") when the budget runs out; the pipeline records
    that as the document's `error` decision.
    """
    staged = _stage(doc, budget)
    clean, blocks = _close_alone(staged.opened, classifier)
    return Stripped(document=staged.doc, text=clean, blocks=tuple(blocks))


def strip_documents(
    docs: Sequence[Document],
    classifier: BlockClassifier | None = None,
    budget: float | None = None,
) -> list[Stripped | Exception]:
    """`strip_document` for each of `docs`, in order, with one classifier call for all of them.

    A prediction call has a fixed cost of a few hundred microseconds, more than the rows of a
    short article; predictions are row by row, so the results are exactly `strip_document`'s.
    A document that fails (or runs out of its own time budget) gets its exception in its place
    in the list, so one bad document never fails the others.
    """
    staged: list[_Staged | Exception] = []
    for doc in docs:
        try:
            staged.append(_stage(doc, budget))
        except Exception as exc:  # this document's error, not the batch's
            staged.append(exc)
    waiting = [s for s in staged if isinstance(s, _Staged) and s.opened.open_idx]
    model, probs = _probabilities(classifier, waiting)
    out: list[Stripped | Exception] = []
    for s in staged:
        p = probs.get(id(s), _NONE) if isinstance(s, _Staged) else s
        if isinstance(p, Exception):
            out.append(p)
            continue
        try:
            out.append(s.finish(model, p))  # type: ignore[union-attr]
        except Exception as exc:
            out.append(exc)
    return out


_Probabilities = dict[int, np.ndarray | Exception]


def _probabilities(
    classifier: BlockClassifier | None, waiting: list[_Staged]
) -> tuple[BlockClassifier | None, _Probabilities]:
    """P(junk) of the undecided blocks of every waiting document, keyed by its id(): one call
    for all of them; should that fail, one call each, so that the failure stays with its
    document (as does a model that cannot be loaded, as in `strip_document`)."""
    if not waiting:
        return None, {}
    try:
        model = classifier or default_classifier()
    except Exception as exc:
        return None, {id(s): exc for s in waiting}
    rows = [s.opened.rows(model) for s in waiting]
    try:
        probs = model.junk_probability(np.concatenate(rows))
    except Exception:
        return model, {id(s): _guarded(model, r) for s, r in zip(waiting, rows, strict=True)}
    ends = np.cumsum([len(r) for r in rows])
    return model, {id(s): p for s, p in zip(waiting, np.split(probs, ends[:-1]), strict=True)}


def _guarded(model: BlockClassifier, rows: np.ndarray) -> np.ndarray | Exception:
    """One document's own classifier call, its failure returned rather than raised."""
    try:
        return model.junk_probability(rows)
    except Exception as exc:
        return exc
