"""A heading that names a recirculation box goes with the box it heads
(filter/strip/recirculation.py), before trafilatura runs; other headings and text stay."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement, fromstring

from filter.strip.html import extract_html
from filter.strip.recirculation import HeadingRule, heading_rule, prune_recirculation

BODY = [
    "The harbour board approved the new container terminal on Tuesday after two years of "
    "public hearings and three revised environmental reports from the port's engineers.",
    "Construction is expected to start in the spring and to employ about four hundred "
    "workers at its peak, according to figures the board published with its decision.",
    "Board members who voted against it said the cost estimate had risen twice since the "
    "first plan was shown to the public and that the revenue forecast was too optimistic.",
]
TEASERS = [
    "A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor "
    "acontecer, e o pessimismo só faz engessar o sorriso e travar as articulações …",
    "O que une uma família é o amor, o carinho, o querer bem, e família unida é força, "
    "certeza de apoio, compreensão e mãos estendidas em cada novo dia da vida …",
]


def _card(text: str) -> str:
    return f'<div class="card"><p>{text}</p></div>'


def _page(heading: str, after: str = "") -> str:
    """An article whose body container also holds `heading` over two teaser cards (a common
    blog layout: trafilatura keeps the whole container), then `after`."""
    body = "".join(f"<p>{p}</p>" for p in BODY)
    cards = "".join(_card(t) for t in TEASERS)
    return (
        "<html><head><title>Terminal approved</title></head><body><main><article>"
        f'<h1>Terminal approved</h1><div class="entry-content">{body}'
        f"<h3>{heading}</h3>{cards}{after}</div></article></main></body></html>"
    )


def _rule() -> HeadingRule:
    rule = heading_rule()
    assert rule is not None, "settings.toml ships the prune switched on"
    return rule


def _pruned(html: str) -> tuple[HtmlElement, int]:
    root = fromstring(html)
    return root, prune_recirculation(root, _rule())


def _text(root: HtmlElement) -> str:
    return " ".join(root.itertext())


@pytest.mark.parametrize("heading", ["Você pode gostar...", "You may also like", "Related posts:"])
def test_a_recirculation_box_that_trafilatura_keeps_goes_with_its_heading(heading: str) -> None:
    page = _page(heading)
    released = extract_html(page, prune=False).text
    assert all(t in released for t in TEASERS), "trafilatura alone keeps the teaser cards"
    text = extract_html(page).text
    assert all(p in text for p in BODY)
    assert not any(t in text for t in TEASERS)
    assert heading not in text


def test_the_box_ends_at_the_next_heading_that_is_not_a_box_header() -> None:
    section = "<h2>Fighting in the port</h2><p>The strike closed the gates for a week.</p>"
    root, removed = _pruned(_page("Artigos relacionados", after=section))
    assert removed == 3  # the heading and the two cards
    assert "Fighting in the port" in _text(root)
    assert "closed the gates" in _text(root)


def test_a_second_box_header_inside_the_box_goes_with_it() -> None:
    after = "<h3>Most popular</h3>" + _card("Ferry timetable changes for the winter")
    root, removed = _pruned(_page("Related stories", after=after))
    assert removed == 5
    assert "Ferry timetable" not in _text(root)
    assert all(p in _text(root) for p in BODY)


@pytest.mark.parametrize(
    "heading",
    [
        "More",  # a bare "More" heads site menus as often as teaser boxes (settings `never`)
        "More:",
        "Related posts about the harbour board's long fight over the new container terminal",
        "Terminal approved after two years",
    ],
)
def test_other_headings_are_left_alone(heading: str) -> None:
    root, removed = _pruned(_page(heading))
    assert removed == 0
    assert all(t in _text(root) for t in TEASERS)


def test_a_heading_directly_under_body_is_left_alone() -> None:
    page = (
        "<html><body><h2>Related</h2>"
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "</body></html>"
    )
    root, removed = _pruned(page)
    assert removed == 0
    assert all(p in _text(root) for p in BODY)


def test_a_heading_made_of_links_and_markup_is_read_as_its_text() -> None:
    root, removed = _pruned(_page('<a href="/related"><span>You might</span> also like</a>'))
    assert removed == 3
    assert not any(t in _text(root) for t in TEASERS)
