"""The rule layer of the text path: dateline, marker phrases, trailing-sentence cuts, labels.

Rules decide what is junk by wording or structure alone; whatever they leave undecided goes to
the classifier. The output is the block list with rule verdicts plus, per block, whether it is a
recirculation header (a feature for the blocks after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from filter.dateline import find_dateline
from filter.strip.blocks import lines
from filter.strip.features import ends_sentence, heading_like, is_list_item
from filter.strip.markers import Marker, TextScan, tail_cut, trailer_cut, whole_block_marker
from filter.strip.settings import settings
from filter.types import DATELINE_REASON, Block

_LABEL = re.compile(r"^[^\W\d_][^\W\d_'’&?-]*(?: [^\W\d_][^\W\d_'’&?-]*)*\??$")


@dataclass(frozen=True, slots=True)
class Ruled:
    """Blocks in text order; `decided[i]` is True when a rule already removed block i."""

    blocks: list[Block]
    decided: list[bool]
    headers: list[bool]


def _kind(text: str) -> str:
    if is_list_item(text):
        return "list_item"
    return "heading" if heading_like(text) else "paragraph"


def apply_rules(text: str) -> Ruled:
    """Split `text` into blocks and apply every rule; undecided blocks are kept for now."""
    cfg = settings()["blocks"]
    max_chars = int(cfg.get("max_marker_chars", 2000))
    blocks: list[Block] = []
    decided: list[bool] = []
    headers: list[bool] = []

    start = 0
    line = find_dateline(text)
    if line is not None and line.end > line.start:
        blocks.append(
            Block(
                line.start,
                line.end,
                text[line.start : line.end].strip(),
                "dateline",
                False,
                DATELINE_REASON,
            )
        )
        decided.append(True)
        headers.append(False)
        start = line.end

    scan = TextScan(text)
    for b_start, b_end, body in lines(text, start):
        lowered, literals = scan.block(b_start, b_end)
        marker = whole_block_marker(body, lowered, literals) if len(body) <= max_chars else None
        cut: tuple[int, Marker] | None
        if marker is not None:
            # A glued trailer ("… said. Copyright 2015 Getty Images.") takes only itself.
            glued = marker.anywhere and marker.scope == "block" and not marker.whole
            cut = trailer_cut(body) if glued else None
            if cut is None:
                blocks.append(Block(b_start, b_end, body, marker.kind, False, marker.reason))
                decided.append(True)
                headers.append(marker.scope == "header")
                continue
        else:
            cut = tail_cut(body, lowered) if len(body) <= 4 * max_chars else None
        if cut is not None:
            _split(blocks, decided, headers, b_start, body, *cut)
            continue
        blocks.append(Block(b_start, b_end, body, _kind(body)))
        decided.append(False)
        headers.append(False)

    _section_labels(blocks, decided, int(cfg["label_max_words"]))
    return Ruled(blocks, decided, headers)


def _split(
    blocks: list[Block],
    decided: list[bool],
    headers: list[bool],
    b_start: int,
    body: str,
    offset: int,
    tail_marker: Marker,
) -> None:
    """Block `body` (at `b_start`) as an open head and a removed tail from `offset` on."""
    head = body[:offset].rstrip()
    tail = body[offset:].strip()
    blocks.append(Block(b_start, b_start + len(head), head, _kind(head)))
    decided.append(False)
    headers.append(False)
    tail_start = b_start + offset
    blocks.append(
        Block(tail_start, tail_start + len(tail), tail, tail_marker.kind, False, tail_marker.reason)
    )
    decided.append(True)
    headers.append(False)


def _section_labels(blocks: list[Block], decided: list[bool], max_words: int) -> None:
    """A bare label between body and a sub-heading is a section label, not content.

    The shape is exact: a paragraph ending a sentence, then a label of at most `max_words` words
    made of letters only ("Details", "US", "Evacuations"), then a sub-heading of three or more
    words, then a paragraph again. Runs of short lines (menus, lists, table cells) never match.
    """
    for i in range(1, len(blocks) - 2):
        b = blocks[i]
        if decided[i] or b.kind != "heading" or len(b.text.split()) > max_words:
            continue
        if not _LABEL.match(b.text):
            continue
        prev, head, body = blocks[i - 1], blocks[i + 1], blocks[i + 2]
        if not (
            ends_sentence(prev.text)
            and heading_like(head.text)
            and len(head.text.split()) >= 3
            and ends_sentence(body.text)
        ):
            continue
        blocks[i] = replace(b, kind="label", keep=False, reason="rule:section_label")
        decided[i] = True
