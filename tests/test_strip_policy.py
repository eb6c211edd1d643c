"""The removal policy over the classifier's probability (settings.toml [policy])."""

from __future__ import annotations

import numpy as np

from filter.strip.core import _Open, _ruled, _thresholds, features_of
from filter.strip.settings import settings

TEXT = (
    "Readers ask us every week how the fund picks its grants, so here is the whole process.\n\n"
    "Short label\n\n"
    "Our goal with these quarterly threads is to give readers a chance to raise questions about "
    "our work in public, and we answer each one we can; the answers stay up for anyone to read, "
    "and the best questions shape what we write about in the months after, so please ask."
)


def _open(text: str) -> _Open:
    """Rules and block features of `text` alone: everything before the classifier."""
    opened = _ruled(text)
    opened.features = features_of(opened.ruled, len(text))
    return opened


def _threshold_for_block(features: np.ndarray, i: int, threshold: float, share: float) -> float:
    """The removal threshold of block i alone."""
    return float(_thresholds(features[i : i + 1], threshold, np.array([share]))[0])


def test_a_block_holding_most_of_the_text_needs_the_main_block_threshold() -> None:
    cfg = settings()["policy"]
    opened = _open(TEXT)
    features = opened.features
    assert features is not None
    last = len(opened.ruled.blocks) - 1
    alone = _threshold_for_block(features, last, 0.6, share=0.1)
    main = _threshold_for_block(features, last, 0.6, share=cfg["main_block_share"])
    assert alone < cfg["main_block_threshold"] <= main
    # A short block is never the main block, whatever the threshold.
    label = _threshold_for_block(features, 1, 0.6, share=0.02)
    assert label == 0.6


def test_close_passes_each_blocks_share_of_the_text() -> None:
    cfg = settings()["policy"]
    opened = _open(TEXT)
    share = len(opened.ruled.blocks[-1].text) / sum(len(b.text) for b in opened.ruled.blocks)
    assert share >= cfg["main_block_share"]

    class _Sure:
        """Just above the plain threshold for every block, below the main-block one."""

        def threshold_for(self, origin: str) -> float:
            return 0.6

    probs = np.full(len(opened.open_idx), (0.6 + cfg["main_block_threshold"]) / 2)
    _, blocks = opened.close(_Sure(), probs)  # type: ignore[arg-type]
    assert blocks[-1].keep  # the main block stays
    assert not blocks[1].keep  # "Short label" goes
