"""The HTML path: trafilatura with measured settings, our prune rules, and its metadata.

trafilatura does the main-content extraction, on the parsed tree in place (inplace.py);
`prune_xpath` (data/strip/prune_xpath.txt) drops recirculation, tag and newsletter containers it
would otherwise let through, as do headings that name a recirculation box, with the box
(recirculation.py); its output then goes through the text path like any other
text, with the link spans of the page (links.py) as one more thing the block classifier sees.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from urllib.parse import urlparse

from htmldate import find_date
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura import metadata
from trafilatura.utils import is_dubious_html, load_html, repair_faulty_html

from filter.data import read_text
from filter.strip.body_chunks import Joining, joined_body_chunks
from filter.strip.focus import precision_steps
from filter.strip.inplace import extract_in_place
from filter.strip.links import Spans, can_mark, mark_links, unmark
from filter.strip.recirculation import heading_rule, prune_recirculation
from filter.strip.settings import settings

# Characters lxml refuses in a string (NUL, C0 controls other than tab/newline/CR, lone surrogates).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_C0_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None
    host: str | None = None
    # Spans of `text` that were link text on the page (None: not known); see links.py.
    links: Spans | None = None


@cache
def prune_rules() -> tuple[str, ...]:
    raw = read_text("strip/prune_xpath.txt")
    return tuple(
        line.strip()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def body_joining() -> Joining | None:
    """How chunked article bodies are joined (settings.toml [body_chunks]); None: not at all."""
    cfg = settings()["body_chunks"]
    if not cfg["join"]:
        return None
    return Joining(int(cfg["max_gap_chars"]), int(cfg["min_first_chars"]))


def clean_markup(html: str) -> str:
    """The page with characters no XML tree can hold replaced, so a broken page never raises.

    Almost every page is clean, and proving that costs less than half a regular-expression scan
    of the whole page: C0 controls are single bytes in UTF-8 (one `translate`), lone surrogates
    fail to encode, and U+FFFE/U+FFFF are plain substring tests.
    """
    try:
        raw = html.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return _XML_INVALID.sub("\ufffd", html)
    if (
        "\ufffe" not in html
        and "\uffff" not in html
        and len(raw.translate(None, _C0_BYTES)) == len(raw)
    ):
        return html
    return _XML_INVALID.sub("\ufffd", html)


_parsers = threading.local()


def _parser() -> HTMLParser:
    """trafilatura's own parser settings (trafilatura.utils.HTML_PARSER) with lxml's C-level
    element class lookup, one parser per thread (lxml parsers are not to be shared between
    threads). lxml.html's lookup is a Python method that runs each time Python first touches an
    element (~650,000 calls on ScrapingHub's 181 pages); here every element is a plain
    HtmlElement, which is all trafilatura, htmldate and this package use (forms, inputs, labels
    and selects lose their specialised classes). Measured: identical stripped output on all
    ScrapingHub and WCXB pages, ~5 % less HTML time."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=HtmlElement,
                comment=HtmlComment,
                pi=HtmlProcessingInstruction,
                entity=HtmlEntity,
            )
        )
        _parsers.parser = parser
    return parser


def parse_page(html: str) -> HtmlElement | None:
    """trafilatura's `load_html` for a page given as text, parsed with `_parser()`.

    The common case is `load_html`'s first pass (repair, parse the string, reject a tree that is
    not HTML); anything else (an encoding declaration lxml refuses in a string, an empty or
    dubious tree) is left to `load_html` itself, so its decisions stay trafilatura's."""
    beginning = html[:50].lower()
    try:
        tree = fromstring(repair_faulty_html(html, beginning), parser=_parser())
    except Exception:  # trafilatura's loader handles (and logs) what lxml refuses here
        return load_html(html)
    if tree is None or len(tree) < 1 or (is_dubious_html(beginning) and len(tree) < 2):
        return load_html(html)
    return tree


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def publication_date(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's publication date of the page (ISO), or None.

    `extensive_search=False`, measured on WCXB-dev (benchmarks/date_bench.py): of 782 dated
    pages 631 right and 112 wrong, against 656 and 125 with the extensive search, which also
    dates 687 of the 715 pages that have no date (this setting: 334), at four times the time.
    """
    try:
        return find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate on a broken page: no date rather than no text
        return None


def _metadata(tree: HtmlElement, url: str | None) -> Extracted:
    """Title, date, site and URL with trafilatura's own extractors (and htmldate).

    Only the four fields the Document needs: trafilatura's full `with_metadata` pass also looks
    for authors, categories, tags and licences, which cost 6-7 ms a page (more than a quarter of
    extraction) for nothing we keep.
    """
    page_url = metadata.extract_url(tree, url) or url
    title = metadata.extract_title(tree)
    return Extracted(
        text="",
        title=title.strip() if title else None,
        published=_date(publication_date(tree, page_url)),
        site=metadata.extract_sitename(tree),
        url=page_url,
        host=urlparse(page_url).hostname if page_url else None,
    )


def extract_html(
    html: str, url: str | None = None, prune: bool = True, steps: Iterable[str] | None = None
) -> Extracted:
    """Main text and metadata of one page; an empty Extracted when nothing is found.

    `steps` are trafilatura's precision steps to switch on (focus.py); None means the ones in
    settings.toml, () trafilatura as released (what the block model is trained on)."""
    cfg = dict(settings()["trafilatura"])
    source_url = url if url and url.startswith(("http://", "https://")) else None
    tree = parse_page(clean_markup(html))
    if tree is None:
        return Extracted(text="")
    meta = _metadata(tree, source_url)
    rule = heading_rule() if prune else None
    if rule is not None:
        prune_recirculation(tree, rule)
    markable = can_mark(html)
    if markable:
        mark_links(tree)
    # The tree is not needed after this: trafilatura prunes it in place (inplace.py).
    if steps is None:
        steps = settings()["trafilatura_steps"]["precision"]
    with precision_steps(steps), joined_body_chunks(body_joining()):
        text = extract_in_place(tree, source_url, prune_rules() if prune else (), cfg)
    if not markable:
        return replace(meta, text=text)
    text, links = unmark(text)
    return replace(meta, text=text, links=links)
