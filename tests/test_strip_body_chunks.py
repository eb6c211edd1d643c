"""A chunked article body is extracted whole (filter/strip/body_chunks.py), and nothing else is."""

from __future__ import annotations

import pytest
import trafilatura
from lxml.html import HtmlElement, fromstring

from filter.strip.body_chunks import Joining, join_chunks, joined_body_chunks
from filter.strip.html import body_joining, extract_html

# The first chunk holds most of the article, as on the pages this was measured on: trafilatura
# then accepts it as the body, and readability (its fallback, which reads the whole page) is not
# more than twice as long, so trafilatura as released returns the first chunk only.
PARTS = [
    [
        "The harbour board approved the new container terminal on Tuesday after two years of "
        "public hearings and three revised environmental reports from the port's engineers.",
        "Construction is expected to start in the spring and to employ about four hundred "
        "workers at its peak, according to figures the board published with its decision.",
        "The terminal will add two deep-water berths and a yard for twelve thousand containers, "
        "roughly doubling what the port can handle in a year when it is finished in 2029.",
        "Board members who voted against it said the cost estimate had risen twice since the "
        "first plan was shown to the public and that the revenue forecast was too optimistic.",
    ],
    [
        "Residents of the waterfront district asked the board to limit night-time truck traffic "
        "on the two roads that lead to the gates, which already carry most of the port's cargo.",
    ],
    [
        "Shipping lines have welcomed the decision, saying the current quays are too short for the "
        "vessels that now call at the port and that delays have cost them customers every winter.",
    ],
]


def _chunk(sentences: list[str], cls: str = "article-body") -> str:
    return f'<div class="{cls}">' + "".join(f"<p>{s}</p>" for s in sentences) + "</div>"


def _page(between: list[str], chunks: list[str] | None = None, wrapped: bool = False) -> str:
    """An article page: chunks of body, `between[i]` in its own element after chunk i; each
    chunk in a wrapper of its own when `wrapped` (trafilatura's expression then finds them all),
    else siblings (it finds the first only)."""
    chunks = chunks if chunks is not None else [_chunk(p) for p in PARTS]
    if wrapped:
        chunks = [f'<div class="row">{c}</div>' for c in chunks]
    body = chunks[0]
    for gap, chunk in zip(between, chunks[1:], strict=True):
        body += f'<div class="slot">{gap}</div>{chunk}'
    return (
        "<html><head><title>Terminal approved</title></head><body><main><article>"
        f"<h1>Terminal approved</h1>{body}</article></main></body></html>"
    )


def _has(text: str, sentences: list[str]) -> list[bool]:
    return [s in text for s in sentences]


ANY_SIZE = Joining(max_gap_chars=200, min_first_chars=0)


def _join(html: str, ids: str, joining: Joining = ANY_SIZE) -> tuple[HtmlElement, int]:
    """The tree of `html` after joining, as if a body expression had found the elements whose
    ids are the letters of `ids` (in that order), and the number of chunks moved."""
    root = fromstring(html)
    found = [root.get_element_by_id(k) for k in ids]
    return root, join_chunks(found, root, joining)


def test_shipped_settings_join_chunks() -> None:
    assert body_joining() == Joining(max_gap_chars=200, min_first_chars=250)


@pytest.mark.parametrize("wrapped", [False, True], ids=["siblings", "wrapped"])
def test_chunks_split_by_ad_slots_are_extracted_whole_and_in_order(wrapped: bool) -> None:
    page = _page(["Advertisement", ""], wrapped=wrapped)
    released = trafilatura.extract(page) or ""
    assert all(_has(released, PARTS[0]))
    assert not any(_has(released, PARTS[1] + PARTS[2])), "trafilatura keeps more than chunk 1"
    text = extract_html(page).text
    everything = [s for part in PARTS for s in part]
    assert all(_has(text, everything))
    assert [text.index(s) for s in everything] == sorted(text.index(s) for s in everything)
    assert "Advertisement" not in text


def test_trafilatura_is_as_released_outside_the_context() -> None:
    page = _page(["Advertisement", ""])
    extract_html(page)  # installs the stand-ins
    with joined_body_chunks(None):
        assert not any(_has(trafilatura.extract(page) or "", PARTS[1]))
    assert not any(_has(trafilatura.extract(page) or "", PARTS[1]))


@pytest.mark.parametrize("wrapped", [False, True], ids=["siblings", "wrapped"])
def test_a_heading_between_ends_the_chain(wrapped: bool) -> None:
    """Teasers that reuse the body's class carry a title: they are not the article."""
    page = _page(["<h3>Five more stories from the port</h3>", ""], wrapped=wrapped)
    text = extract_html(page).text
    assert all(_has(text, PARTS[0]))
    assert not any(_has(text, PARTS[1] + PARTS[2]))


@pytest.mark.parametrize("wrapped", [False, True], ids=["siblings", "wrapped"])
def test_a_long_gap_ends_the_chain_where_it_stands(wrapped: bool) -> None:
    other = "Something else entirely, written at length about another subject. " * 4  # ~270 chars
    page = _page(["Advertisement", f"<p>{other}</p>"], wrapped=wrapped)
    text = extract_html(page).text
    assert all(_has(text, PARTS[0] + PARTS[1]))
    assert not any(_has(text, PARTS[2]))


def test_a_small_first_match_is_not_joined() -> None:
    """Below trafilatura's smallest extraction the first match is no body on its own: the page
    is left to trafilatura's fallbacks."""
    html = (
        '<div><div class="b" id="a">Filed under ports.</div>'
        f'<div class="b" id="b">{PARTS[1][0]}</div></div>'
    )
    root, moved = _join(html, "ab", Joining(200, 250))
    assert moved == 0
    assert root.get_element_by_id("b").getparent() is root
    assert _join(html, "ab")[1] == 1


def test_other_classes_and_nested_matches_are_not_chunks() -> None:
    root, moved = _join(
        '<div><div class="b" id="a">one<div class="b" id="i">two</div></div>'
        '<div class="c" id="o">three</div><div class="b" id="n">four</div></div>',
        "aion",
    )
    assert moved == 1
    assert [el.get("id") for el in root.get_element_by_id("a")] == ["i", "n"]
    assert root.get_element_by_id("o").getparent() is root


def test_text_around_a_moved_chunk_stays_where_it_was() -> None:
    root, moved = _join(
        '<div><div class="b" id="a">first chunk</div><span>ad</span>'
        '<div class="b" id="b">second chunk</div>after the second</div>',
        "ab",
    )
    assert moved == 1
    assert root.get_element_by_id("b").tail is None
    assert root.find("span").tail == "after the second"
    assert "".join(root.get_element_by_id("a").itertext()) == "first chunksecond chunk"


def test_a_chunk_inside_another_moves_with_it() -> None:
    root, moved = _join(
        '<div><div class="b" id="a">one</div><div><div class="b" id="b">two'
        '<div><div class="b" id="c">three</div></div></div></div>'
        '<p>gap</p><div><div class="b" id="d">four</div></div></div>',
        "abcd",
    )
    assert moved == 2
    first = root.get_element_by_id("a")
    assert [el.get("id") for el in first] == ["b", "d"]
    assert root.get_element_by_id("c").getparent().getparent().get("id") == "b"
    assert "".join(first.itertext()) == "onetwothreefour"
