"""The five seed articles: every junk line goes, every sentence of the reports stays.

The seeds are a regression check, never training data, and no rule names anything in them.
"""

from __future__ import annotations

import re

import pytest

from filter.strip import strip_text

JUNK = {
    "000": ["date 2021-08-12 Kabul [Afghanistan]:", "(With ANI inputs)"],
    "002": ["What's the story", "Details", "Information", "US", "Do you know?", "Evacuations"],
    "003": [
        "Taliban fighters patrol inside the city of Ghazni [Gulabuddin Amiri/AP Photo]",
        "Source: News Agencies",
    ],
    "004": [
        "Live Afghanistan updates",
        "Read more about herat and let us know what you think.",
        "Related Tags",
        "This article broadly covered the following related topics:",
        "• kabul",
        "• herat",
        "• afghanistan news today",
        "• afghanistan map",
        "• baghlan",
        "You May Also Like",
        "AstraZeneca’s Alexion Splurge Could Attract a Crowd",
        "The European pharmaceutical giant has declared that he will take over a…",
        "Green Bay Packers to host NFC Championship Game after beating Los Angeles Rams",
        "GREEN BAGS, Wise Guy. — For all that Aaron Rodgers has done…",
        "Why Are Flags Half Staff Today? Half-Mast Notices April 3",
        "Getty Why are the flags only loosely tied today? Why were the…",
        "The Reason Ralph Macchio Still Has Chemistry With Elisabeth Shue",
        "YouTube Elizabeth Shue and Ralph Macchio play the lead roles in Karate…",
    ],
}
# Where a junk tail starts in the middle of a paragraph, only the part before it is body.
TAIL_FROM = "Read more about"


def _body_lines(seed: str, text: str) -> list[str]:
    """Every line of the seed that is not listed junk, cut before a junk tail, dateline removed."""
    junk = set(JUNK.get(seed, []))
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if seed == "004" and line == "You May Also Like":
            break  # everything from the recirculation box to the end is junk
        if not line or line in junk:
            continue
        if seed in ("000", "001") and line.startswith("date "):
            line = re.sub(r"^date \d{4}-\d{2}-\d{2}(?: Kabul \[Afghanistan\]:)?\s*", "", line)
        if TAIL_FROM in line:
            line = line[: line.index(TAIL_FROM)].strip()
        if line and line not in junk and not line.startswith("•"):
            lines.append(line)
    return lines


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_body_line_of_the_seed_is_kept(seed: str, seed_texts: dict[str, str]) -> None:
    clean, _ = strip_text(seed_texts[seed])
    kept = set(clean.split("\n\n"))
    missing = [line for line in _body_lines(seed, seed_texts[seed]) if line not in kept]
    assert missing == []


@pytest.mark.parametrize("seed", sorted(JUNK))
def test_every_junk_line_of_the_seed_is_removed(seed: str, seed_texts: dict[str, str]) -> None:
    _, blocks = strip_text(seed_texts[seed])
    removed = {b.text for b in blocks if not b.keep}
    assert [j for j in JUNK[seed] if j not in removed] == []


def test_seed_004_junk_tail_is_cut_off_mid_paragraph(seed_texts: dict[str, str]) -> None:
    clean, blocks = strip_text(seed_texts["004"])
    assert (
        "On Monday, the Taliban captured the key city of Kandahar in southern Afghanistan, "
        "as part of their push toward the capital Kabul.."
    ) in clean.split("\n\n")
    tail = next(b for b in blocks if b.text.startswith(TAIL_FROM))
    assert tail.reason == "marker:read_more_tail"


def test_seed_003_real_sub_headings_are_kept(seed_texts: dict[str, str]) -> None:
    clean, _ = strip_text(seed_texts["003"])
    paragraphs = clean.split("\n\n")
    assert "Fighting in Kandahar" in paragraphs
    assert "Call for UNSC discussion" in paragraphs


def test_seed_titles_are_kept(seed_texts: dict[str, str]) -> None:
    assert strip_text(seed_texts["002"])[0].startswith("Afghanistan: Taliban captures Kandahar")
    assert strip_text(seed_texts["003"])[0].startswith("Taliban seizes Herat, Ghazni")


def test_seed_000_date_prefix_becomes_metadata_not_body(seed_texts: dict[str, str]) -> None:
    from filter.strip import strip_document
    from filter.types import Document

    stripped = strip_document(Document(id="000", source="000.txt", text=seed_texts["000"]))
    assert str(stripped.document.published) == "2021-08-12"
    assert stripped.text.startswith("Taliban on Thursday captured")
    assert stripped.blocks[0].reason == "dateline"


def test_every_removed_seed_block_names_its_reason(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        _, blocks = strip_text(text)
        for b in blocks:
            if not b.keep:
                assert re.fullmatch(
                    r"dateline|marker:\w+|rule:\w+|classifier p=\d\.\d\d", b.reason or ""
                )
