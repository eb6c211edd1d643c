"""Line-level figures on synthetic examples: junk lines removed, body lines kept.

A unit (a body line or an injected junk line or sentence) counts as kept when most of its
characters lie in blocks the stripper kept. Shared by training (logged to MLflow) and
benchmarks/strip_bench.py, so both report the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filter.strip.classifier import BlockClassifier
from filter.strip.core import strip_text
from training.blocks_synth import Example


@dataclass
class LineFigures:
    junk_lines: int = 0
    junk_removed: int = 0
    body_lines: int = 0
    body_kept: int = 0
    missed_junk: list[str] = field(default_factory=list)
    lost_body: list[str] = field(default_factory=list)

    @property
    def junk_removed_rate(self) -> float:
        return self.junk_removed / self.junk_lines if self.junk_lines else 1.0

    @property
    def body_kept_rate(self) -> float:
        return self.body_kept / self.body_lines if self.body_lines else 1.0


def line_figures(examples: list[Example], classifier: BlockClassifier | None = None) -> LineFigures:
    figures = LineFigures()
    for ex in examples:
        _, blocks = strip_text(ex.text, classifier)
        kept = bytearray(len(ex.text))
        for b in blocks:
            if b.keep:
                kept[b.start : b.end] = b"\x01" * (b.end - b.start)
        for start, end, is_junk, _category in ex.units:
            piece = ex.text[start:end]
            chars = [i for i in range(start, end) if not piece[i - start].isspace()]
            share = sum(kept[i] for i in chars) / len(chars) if chars else 1.0
            if is_junk:
                figures.junk_lines += 1
                if share < 0.5:
                    figures.junk_removed += 1
                else:
                    figures.missed_junk.append(piece)
            else:
                figures.body_lines += 1
                if share >= 0.5:
                    figures.body_kept += 1
                else:
                    figures.lost_body.append(piece)
    return figures
