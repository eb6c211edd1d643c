"""The HTML path: trafilatura with measured settings, our prune rules, and its metadata.

trafilatura does the main-content extraction; `prune_xpath` (data/strip/prune_xpath.txt) drops
recirculation, tag and newsletter containers it would otherwise let through, and its output then
goes through the text path like any other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlparse

import trafilatura

from filter.strip.settings import settings

# Characters lxml refuses in a string (NUL, C0 controls other than tab/newline/CR, lone surrogates).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None
    host: str | None = None


@cache
def prune_rules() -> tuple[str, ...]:
    raw = resources.files("filter.data").joinpath("strip/prune_xpath.txt").read_text("utf-8")
    return tuple(
        line.strip()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def clean_markup(html: str) -> str:
    """The page with characters no XML tree can hold replaced, so a broken page never raises."""
    return _XML_INVALID.sub("\ufffd", html)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, url: str | None = None, prune: bool = True) -> Extracted:
    """Main text and metadata of one page; an empty Extracted when nothing is found."""
    cfg = dict(settings()["trafilatura"])
    extensive = bool(cfg.pop("extensive_date_search", False))
    source_url = url if url and url.startswith(("http://", "https://")) else None
    result = trafilatura.bare_extraction(
        clean_markup(html),
        url=source_url,
        date_extraction_params={"extensive_search": extensive, "original_date": True},
        prune_xpath=list(prune_rules()) if prune and prune_rules() else None,
        **cfg,
    )
    if result is None:
        return Extracted(text="")
    page_url = result.url or source_url
    host = urlparse(page_url).hostname if page_url else None
    return Extracted(
        text=result.text or "",
        title=result.title or None,
        published=_date(result.date),
        site=result.sitename or None,
        url=page_url,
        host=host or result.hostname or None,
    )
