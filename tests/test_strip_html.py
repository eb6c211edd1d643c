"""The HTML path: trafilatura's metadata carried into the Document, prune rules applied."""

from __future__ import annotations

from datetime import date

from filter.strip import strip_document
from filter.strip.html import clean_markup, extract_html, prune_rules
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
