"""Stage 2, strip: rules and the trained block classifier over text; trafilatura first for HTML.

`strip_text` is the text path (any already-extracted text); `strip_document` adds the HTML path
(trafilatura with measured settings and our prune rules, its metadata carried into the Document)
and the per-document time budget. Every removed block carries its reason: `marker:<rule>`,
`rule:section_label`, `dateline`, or `classifier p=0.97`.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from filter.dateline import find_dateline
from filter.strip.budget import time_budget
from filter.strip.classifier import BlockClassifier, default_classifier
from filter.strip.features import FEATURE_NAMES, block_features
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
    long_words = int(settings()["blocks"]["long_paragraph_words"])
    shares = (
        None
        if links is None
        else link_shares(text_length, links, [(b.start, b.end) for b in ruled.blocks])
    )
    return block_features([b.text for b in ruled.blocks], ruled.headers, long_words, shares)


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


def _threshold_for_block(features: np.ndarray, i: int, threshold: float) -> float:
    """The removal threshold for block i under the policy in settings.toml [policy].

    Prose is removed only on strong evidence; a topical sub-heading (or title) above prose is
    kept whatever the classifier says (> 1 means never). See README, "Stripping".
    """
    cfg = settings()["policy"]
    row = features[i]
    topical_heading = row[_HEADING] and row[_TOPIC] >= cfg["heading_topic_share"]
    above_prose = row[_NEXT_ENDS] == 1 and row[_NEXT_CHARS] >= _PROSE_LOG_CHARS
    if topical_heading and not row[_AFTER_HEADER] and (above_prose or row[_FROM_START] == 0):
        return 2.0
    if (
        row[_WORDS] >= cfg["prose_min_words"]
        and row[_ENDS]
        and not row[_TRUNCATED]
        and row[_STOPWORDS] >= cfg["prose_min_stopwords"]
    ):
        return max(threshold, cfg["prose_threshold"])
    return threshold


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
    ruled = apply_rules(text)
    blocks = ruled.blocks
    open_idx = [i for i, done in enumerate(ruled.decided) if not done]
    if open_idx:
        model = classifier or default_classifier()
        features = features_of(ruled, len(text), links)
        probs = model.junk_probability(features[open_idx])
        threshold = model.threshold_for(origin)
        for i, p in zip(open_idx, probs, strict=True):
            p = float(p)
            if p >= _threshold_for_block(features, i, threshold):
                blocks[i] = replace(
                    blocks[i], keep=False, reason=f"classifier p={p:.2f}", probability=p
                )
            else:
                b = blocks[i]
                blocks[i] = Block(b.start, b.end, b.text, b.kind, True, None, p)
    clean = "\n\n".join(b.text for b in blocks if b.keep)
    return clean, blocks


def strip_document(
    doc: Document, classifier: BlockClassifier | None = None, budget: float | None = None
) -> Stripped:
    """Strip one document within its time budget (default from settings; 0 turns it off).

    Raises StripTimeout (kind "strip.timeout") when the budget runs out; the pipeline records
    that as the document's `error` decision.
    """
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
            clean, blocks = strip_text(
                extracted.text, classifier, origin="html", links=extracted.links
            )
            return Stripped(document=doc, text=clean, blocks=tuple(blocks))
        clean, blocks = strip_text(doc.text, classifier)
    line = find_dateline(doc.text)
    if line is not None and doc.published is None:
        doc = replace(doc, published=line.published)
    return Stripped(document=doc, text=clean, blocks=tuple(blocks))
