"""The precision steps (filter/strip/focus.py): each does its one thing, only inside the block.

Every page here is built so that trafilatura as released keeps the text in question; each test
asserts that first, so a step that stopped changing anything (or a trafilatura release that
already drops the text) fails instead of passing vacuously.
"""

from __future__ import annotations

import threading

import pytest
import trafilatura
from trafilatura import external
from trafilatura.utils import load_html

from filter.strip import strip_document
from filter.strip.focus import STEPS, UnknownStep, precision_steps
from filter.strip.html import extract_html
from filter.strip.settings import settings
from filter.types import Document
from tests.test_strip_inplace import _PROSE, _page

HEADER_PAGE = _page(
    "<article><header><p>Filed by the metro desk, updated twice since this morning</p></header>"
    f"<p>{_PROSE}</p><p>{_PROSE}</p><p>{_PROSE}</p></article>"
)
HEADER_TEXT = "Filed by the metro desk"

LINK_PAGE = _page(
    f"<article><p>{_PROSE}</p>"
    "<p><a href='/elections'>Read our full coverage of the city council elections</a></p>"
    f"<p>{_PROSE}</p><p>{_PROSE}</p></article>"
)
LINK_TEXT = "Read our full coverage"

NEWSLETTER_PAGE = _page(
    "<div><p>Short note.</p></div>"
    "<div class='newsletter'>"
    + "".join(f"<p>Newsletter paragraph {i}: {_PROSE}</p>" for i in range(4))
    + "</div>"
)


def _extract(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


@pytest.mark.parametrize(
    ("step", "page", "text"),
    [("body_header", HEADER_PAGE, HEADER_TEXT), ("link_density", LINK_PAGE, LINK_TEXT)],
)
def test_each_step_removes_its_text_only_inside_the_block(step: str, page: str, text: str) -> None:
    assert text in _extract(page)
    with precision_steps([step]):
        inside = _extract(page)
    assert text not in inside
    assert "The council voted" in inside
    assert text in _extract(page)


@pytest.mark.parametrize(
    ("step", "page", "text"),
    [("body_header", HEADER_PAGE, HEADER_TEXT), ("link_density", LINK_PAGE, LINK_TEXT)],
)
def test_other_steps_leave_that_text(step: str, page: str, text: str) -> None:
    others = [s for s in STEPS if s != step]
    with precision_steps(others):
        assert text in _extract(page)


def _readability_text(html: str) -> str:
    tree = load_html(html)
    return external.try_readability(tree).text_content()


def test_fallback_discard_hides_discarded_containers_from_readability() -> None:
    assert "Newsletter paragraph" in _readability_text(NEWSLETTER_PAGE)
    with precision_steps(["fallback_discard"]):
        assert "Newsletter paragraph" not in _readability_text(NEWSLETTER_PAGE)
    with precision_steps(["body_header", "link_density"]):
        assert "Newsletter paragraph" in _readability_text(NEWSLETTER_PAGE)
    assert "Newsletter paragraph" in _readability_text(NEWSLETTER_PAGE)


def test_the_block_is_left_on_an_exception() -> None:
    with pytest.raises(RuntimeError), precision_steps(STEPS):
        raise RuntimeError("boom")
    assert HEADER_TEXT in _extract(HEADER_PAGE)
    assert LINK_TEXT in _extract(LINK_PAGE)


def test_nested_blocks_restore_the_outer_steps() -> None:
    with precision_steps(["link_density"]):
        with precision_steps(["body_header"]):
            assert LINK_TEXT in _extract(LINK_PAGE)
            assert HEADER_TEXT not in _extract(HEADER_PAGE)
        assert LINK_TEXT not in _extract(LINK_PAGE)
        assert HEADER_TEXT in _extract(HEADER_PAGE)


def test_other_threads_see_trafilatura_as_released() -> None:
    seen: list[str] = []
    with precision_steps(STEPS):
        worker = threading.Thread(target=lambda: seen.append(_extract(LINK_PAGE)))
        worker.start()
        worker.join()
        assert LINK_TEXT not in _extract(LINK_PAGE)
    assert seen and LINK_TEXT in seen[0]


def test_an_unknown_step_is_an_error() -> None:
    with pytest.raises(UnknownStep, match="link_densty"), precision_steps(["link_densty"]):
        pass


def test_the_html_path_uses_the_shipped_steps() -> None:
    """extract_html switches on settings.toml's steps by default, and none with steps=()."""
    shipped = settings()["trafilatura_steps"]["precision"]
    assert "link_density" in shipped and "body_header" in shipped
    assert LINK_TEXT in extract_html(LINK_PAGE, steps=()).text
    assert LINK_TEXT not in extract_html(LINK_PAGE).text
    assert HEADER_TEXT in extract_html(HEADER_PAGE, steps=()).text
    assert HEADER_TEXT not in extract_html(HEADER_PAGE).text
    stripped = strip_document(Document(id="p", source="p", text="", html=HEADER_PAGE))
    assert "The council voted" in stripped.text


def test_trafilaturas_lists_of_expressions_are_left_as_they_are() -> None:
    """The stand-ins sit in trafilatura's modules, not in its lists: inplace.py swaps the lists'
    items for Python twins by position and expects nothing else in them."""
    from trafilatura import xpaths

    names = ("TEASER_DISCARD_XPATH", "PRECISION_DISCARD_XPATH", "OVERALL_DISCARD_XPATH")
    before = {name: list(getattr(xpaths, name)) for name in names}
    with precision_steps(STEPS):
        _extract(HEADER_PAGE)
        during = {name: list(getattr(xpaths, name)) for name in names}
    assert during == before
    assert {name: list(getattr(xpaths, name)) for name in names} == before
