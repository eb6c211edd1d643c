"""extract_in_place (filter/strip/inplace.py) must give exactly trafilatura.bare_extraction's text.

inplace.py replays trafilatura internals (written against 2.3.1) to skip a copy of the tree.
These tests compare it with the public `bare_extraction` on varied pages, so a trafilatura
release whose internals drift fails here loudly instead of changing stripped text silently; both
as released and with the precision steps the HTML path switches on (focus.py), since the two
must agree under the same trafilatura.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import trafilatura
from trafilatura.utils import load_html

from filter.strip.focus import precision_steps
from filter.strip.html import clean_markup, prune_rules
from filter.strip.inplace import extract_in_place
from filter.strip.links import can_mark, mark_links
from filter.strip.settings import settings
from training.blocks_data import DEFAULT_BENCH, iter_wcxb

_PROSE = (
    "The council voted on Tuesday to extend the tram line to the northern suburbs, a project "
    "that has been debated for more than a decade. Supporters said the line would cut commuting "
    "times in half, while critics warned about the cost and the years of roadworks ahead. "
)


def _page(body: str, head: str = "<title>A page</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


PAGES: dict[str, str] = {
    "article": _page(
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Tram line extended</h1><p>{_PROSE}</p><p>{_PROSE * 2}</p>"
        f"<h2>What happens next</h2><p>{_PROSE}</p></article>"
        "<footer><p>© 2024 Example News. All rights reserved.</p></footer>"
    ),
    "lists_and_table": _page(
        f"<main><h1>Budget</h1><p>{_PROSE}</p><ul><li>Item one of the plan</li>"
        "<li>Item two, with <a href='/x'>a link</a> inside</li></ul>"
        "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>12m</td></tr>"
        f"<tr><td>2025</td><td>30m</td></tr></table><p>{_PROSE}</p></main>"
    ),
    "comments_section": _page(
        f"<div class='post'><p>{_PROSE * 2}</p></div>"
        "<div id='comments' class='comments'><h3>Comments</h3>"
        "<div class='comment'><p>Great article, thanks for sharing this with us.</p></div>"
        "<div class='comment'><p>I disagree with almost everything written here.</p></div>"
        "</div>"
    ),
    "recirculation": _page(
        f"<article><p>{_PROSE * 2}</p></article>"
        "<div class='taboola'><a href='/a'>You will not believe these ten tricks</a></div>"
        "<div class='related'><h3>Related</h3><ul>"
        + "".join(f"<li><a href='/r{i}'>Related story number {i}</a></li>" for i in range(8))
        + "</ul></div><script>var x = 1;</script><style>p {color: red}</style>"
    ),
    "divs_only": _page(
        "".join(f"<div><div>{_PROSE}</div></div>" for _ in range(3))
        + "<div class='sidebar'><a href='/1'>One</a><a href='/2'>Two</a></div>"
    ),
    "short": _page("<p>Too short to extract.</p>"),
    "empty_body": _page(""),
    "link_farm": _page(
        "<div>" + " ".join(f"<a href='/t{i}'>tag{i}</a>" for i in range(60)) + "</div>"
        f"<p>{_PROSE}</p>"
    ),
    "formatting": _page(
        f"<article><p><b>Bold lead.</b> {_PROSE}</p><blockquote>{_PROSE}</blockquote>"
        f"<pre>code line 1\ncode line 2</pre><p><i>Italic</i> {_PROSE}</p></article>"
    ),
    "unicode": _page(
        "<article><h1>Überschrift</h1><p>"
        + "Die Stadt plant eine neue Straßenbahnlinie, die den Norden anbinden soll. " * 8
        + "</p><p>"
        + "市议会周二投票决定将电车线路延长至北部郊区。" * 10
        + "</p></article>",
        "<meta charset='utf-8'><title>Straßenbahn</title>",
    ),
}

SHIPPED_STEPS = tuple(settings()["trafilatura_steps"]["precision"])


def _reference(html: str, url: str | None, prune: tuple[str, ...], marked: bool) -> str:
    tree = load_html(clean_markup(html))
    assert tree is not None
    if marked:
        mark_links(tree)
    result = trafilatura.bare_extraction(
        tree, url=url, prune_xpath=list(prune) or None, **dict(settings()["trafilatura"])
    )
    return (result.text or "") if result is not None else ""


def _in_place(html: str, url: str | None, prune: tuple[str, ...], marked: bool) -> str:
    tree = load_html(clean_markup(html))
    assert tree is not None
    if marked:
        mark_links(tree)
    return extract_in_place(tree, url, prune, dict(settings()["trafilatura"]))


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("marked", [False, True])
@pytest.mark.parametrize("prune", [False, True])
@pytest.mark.parametrize("steps", [(), SHIPPED_STEPS], ids=["released", "steps"])
def test_in_place_text_is_bare_extractions(
    name: str, marked: bool, prune: bool, steps: tuple[str, ...]
) -> None:
    html = PAGES[name]
    rules = prune_rules() if prune else ()
    url = "https://example.com/news/2024/05/tram-line"
    with precision_steps(steps):
        assert _in_place(html, url, rules, marked) == _reference(html, url, rules, marked)
        assert _in_place(html, None, rules, marked) == _reference(html, None, rules, marked)


def test_pages_exercise_both_outcomes() -> None:
    """The page set holds pages with text and pages trafilatura discards (None -> "")."""
    texts = [_reference(html, None, prune_rules(), False) for html in PAGES.values()]
    assert any(texts) and not all(texts)


def test_options_it_does_not_replay_fall_back_to_bare_extraction() -> None:
    html = PAGES["comments_section"]
    cfg = {**dict(settings()["trafilatura"]), "include_comments": True}
    tree = load_html(html)
    expected = trafilatura.bare_extraction(load_html(html), **cfg)
    assert expected is not None
    assert extract_in_place(tree, None, (), cfg) == (expected.text or "")


_BENCH = Path(os.environ.get("CONTENT_FILTER_BENCH", DEFAULT_BENCH))


def test_in_place_matches_on_benchmark_pages() -> None:
    if not (_BENCH / "wcxb-dev").is_dir():
        pytest.skip(f"benchmark pages not found at {_BENCH} (set CONTENT_FILTER_BENCH)")

    for page in iter_wcxb(_BENCH, page_type="article", limit=40):
        url = page.url if page.url and page.url.startswith(("http://", "https://")) else None
        marked = can_mark(page.html)
        for steps in ((), SHIPPED_STEPS):
            with precision_steps(steps):
                got = _in_place(page.html, url, prune_rules(), marked)
                assert got == _reference(page.html, url, prune_rules(), marked), (page.id, steps)
