"""Junk-laden renderings of clean reports, so the spam head learns from more than a dozen rewrites.

A clean report is rendered with boilerplate injected from the block-training junk templates
(teasers, tag lists, share residue, newsletter prompts, …): many insertions make a content-farm
page (spam), one or two make an ordinary news page (not spam). The facts are untouched, so these
examples are consistent for the inconsistency head.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from typing import Any

from training.blocks_synth import (
    TRAIN_ARTICLES,
    TRAIN_JUNK,
    Article,
    make_example,
    read_articles,
    read_junk,
)

HEAVY, LIGHT = "junk_heavy", "junk_light"
SPAM_ONLY_OPERATORS = (HEAVY, LIGHT)  # examples for the spam head only
HEAVY_INSERTIONS = (6, 10)
LIGHT_INSERTIONS = (1, 2)


@dataclass(frozen=True)
class JunkVariant:
    text: str
    operator: str
    spam: int


@cache
def _templates() -> tuple[dict[str, Any], tuple[Article, ...]]:
    return read_junk(TRAIN_JUNK), tuple(read_articles(TRAIN_ARTICLES))


def junk_variants(doc_id: str, title: str | None, text: str, seed: int) -> list[JunkVariant]:
    """A heavy (spam) and a light (not spam) junk rendering of one clean report."""
    junk, others = _templates()
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    article = Article(doc_id, "paras", title or paragraphs[0][:80], paragraphs)
    rng = random.Random(seed)
    out = []
    for operator, (low, high), spam in ((HEAVY, HEAVY_INSERTIONS, 1), (LIGHT, LIGHT_INSERTIONS, 0)):
        example = make_example(article, junk, list(others), rng, rng.randint(low, high))
        out.append(JunkVariant(example.text, operator, spam))
    return out
