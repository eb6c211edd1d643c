"""The HTML path: trafilatura's metadata carried into the Document, prune rules applied."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from filter.strip import strip_document
from filter.strip.html import clean_markup, extract_html, parse_page, prune_rules
from filter.types import Document
from tests.test_strip_cli import PAGE


def test_title_date_and_host_come_from_the_page() -> None:
    stripped = strip_document(Document(id="p", source="page.html", text="", html=PAGE))
    doc = stripped.document
    assert doc.title == "Terminal opens after delays"
    assert doc.published == date(2023, 5, 2)
    assert doc.host == "news.example.org"


def test_metadata_given_by_the_scraper_wins_over_the_page() -> None:
    given = Document(id="p", source="page.html", text="", html=PAGE, title="Scraper title")
    assert strip_document(given).document.title == "Scraper title"


def test_site_and_url_are_extracted_with_the_text() -> None:
    extracted = extract_html(PAGE)
    assert extracted.url == "https://news.example.org/port/terminal-opens"
    assert "first cargo" in extracted.text


BOX = (
    '<div id="taboola-below-article"><p>Ten hidden beaches you need to visit this summer, and why '
    "the locals love them so much more than the famous ones along the coast.</p></div></article>"
)


def test_prune_rules_drop_a_recommendation_widget_trafilatura_keeps() -> None:
    page = PAGE.replace("</article>", BOX)
    assert "hidden beaches" not in extract_html(page).text
    assert "hidden beaches" in extract_html(page, prune=False).text


def test_prune_rules_are_loaded_from_the_data_file() -> None:
    assert len(prune_rules()) >= 1 and all(rule.startswith("//") for rule in prune_rules())


def test_characters_no_xml_tree_can_hold_are_replaced() -> None:
    assert clean_markup("a\x00b\x1fc\ufffed\ud800e") == "a\ufffdb\ufffdc\ufffdd\ufffde"


def test_a_clean_page_is_returned_as_it_is() -> None:
    page = "<p>Tab\tnew line\ncarriage return\r, é, 日本, emoji 🙂</p>"
    assert clean_markup(page) is page


_PARSE_CASES = {
    "page": PAGE,
    "doctype": "<!DOCTYPE html><html><head><title>T</title></head><body><p>Text.</p></body></html>",
    "encoding_declaration": (
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared.</p></body></html>"
    ),
    "self_closing_html": "<html lang='en' />\n<body><p>Repaired by trafilatura.</p></body>",
    "form": (
        "<html><body><form action='/s'><label>Find</label><input name='q' value='x'/>"
        "<select><option>a</option></select><textarea>t</textarea></form>"
        "<p>After the form.</p></body></html>"
    ),
    "not_html": "just a line of text, no markup at all",
    "fragment": "<p>one paragraph</p>",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(_PARSE_CASES))
def test_parse_page_is_trafilaturas_load_html(name: str) -> None:
    """Same tree (or the same None) as trafilatura's loader, including its fallbacks."""
    html = _PARSE_CASES[name]
    ours, theirs = parse_page(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)


def test_parse_page_elements_are_all_plain_html_elements() -> None:
    tree = parse_page(_PARSE_CASES["form"])
    assert tree is not None
    kinds = {type(element) for element in tree.iter(etree.Element)}
    assert kinds == {HtmlElement}
    assert any(type(e) is not HtmlElement for e in load_html(_PARSE_CASES["form"]).iter())


def test_each_thread_parses_with_its_own_parser() -> None:
    import threading

    from filter.strip.html import _parser

    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(_parser()))
    worker.start()
    worker.join()
    assert seen[0] is not _parser()
    assert _parser() is _parser()
