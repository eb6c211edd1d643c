"""Link text carried from the page into the block features; neutral for plain text."""

from __future__ import annotations

import numpy as np

from filter.strip.core import features_of
from filter.strip.features import FEATURE_NAMES
from filter.strip.html import extract_html
from filter.strip.links import CLOSE, OPEN, link_shares, unmark
from filter.strip.rules import apply_rules
from tests.test_strip_cli import PAGE

LINK_SHARE = FEATURE_NAMES.index("link_share")
# A linked headline that trafilatura keeps (a link-only list it drops by itself).
TEASERS = '<h3><a href="/c">Ten hidden beaches you need to visit this summer</a></h3>'

INLINE = (
    '<p>The port authority <a href="/authority">published the figures</a> on Tuesday, and said '
    "traffic through the terminal had doubled in the first month of operation.</p>"
)
LINKED_PAGE = PAGE.replace("</article>", INLINE + TEASERS + "<p>Officials said more.</p></article>")


def _shares(extracted) -> dict[str, float]:
    ruled = apply_rules(extracted.text)
    X = features_of(ruled, len(extracted.text), extracted.links)
    return {b.text: float(X[i, LINK_SHARE]) for i, b in enumerate(ruled.blocks)}


def test_link_text_of_a_real_page_survives_trafilatura() -> None:
    shares = _shares(extract_html(LINKED_PAGE))
    teaser = next(v for k, v in shares.items() if k.startswith("Ten hidden beaches"))
    inline = next(v for k, v in shares.items() if k.startswith("The port authority"))
    plain = next(v for k, v in shares.items() if k.startswith("Harbour workers"))
    assert teaser > 0.9
    assert 0.05 < inline < 0.4
    assert plain == 0.0


def test_marks_never_reach_the_extracted_text() -> None:
    text = extract_html(LINKED_PAGE).text
    assert OPEN not in text and CLOSE not in text
    assert "published the figures on Tuesday" in text


def test_a_page_that_uses_the_mark_characters_gets_no_link_information() -> None:
    page = PAGE.replace("first cargo", f"first {OPEN}cargo{CLOSE}")
    extracted = extract_html(page)
    assert extracted.links is None
    assert f"{OPEN}cargo{CLOSE}" in extracted.text


def test_plain_text_blocks_get_the_neutral_link_share() -> None:
    ruled = apply_rules("A short headline\n\nA paragraph of body text that ends a sentence.")
    X = features_of(ruled)
    assert np.all(X[:, LINK_SHARE] == -1.0)


def test_unmark_returns_spans_in_clean_coordinates() -> None:
    text, spans = unmark(f"Read {OPEN}this story{CLOSE} now\n{OPEN}Next{CLOSE}")
    assert text == "Read this story now\nNext"
    assert [text[s:e] for s, e in spans] == ["this story", "Next"]


def test_an_unclosed_link_ends_at_its_line() -> None:
    text, spans = unmark(f"{OPEN}Broken link\nBody line")
    assert text == "Broken link\nBody line"
    assert [text[s:e] for s, e in spans] == ["Broken link"]


def test_link_shares_per_range() -> None:
    shares = link_shares(20, ((0, 5), (10, 12)), [(0, 10), (10, 20), (5, 5)])
    assert np.allclose(shares, [0.5, 0.2, 0.0])
    assert np.all(link_shares(20, None, [(0, 10)]) == -1.0)
