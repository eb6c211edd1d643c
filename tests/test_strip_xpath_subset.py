"""Prune rules evaluated in Python (filter/strip/xpath_subset.py) select exactly what libxml2 does.

Each twin is compared with lxml's XPath on generated pages whose attributes are built from the
rules' own literals (so that rules do match, in every attribute order, case and combination),
on the in-place extraction pages, and on benchmark pages when they are present.
"""

from __future__ import annotations

import os
import random
import re
from functools import cache
from pathlib import Path

import pytest
import trafilatura
from lxml import etree, html
from trafilatura import xpaths as trafilatura_xpaths
from trafilatura.utils import load_html

from filter.strip.html import clean_markup, prune_rules
from filter.strip.inplace import _PRUNE_LISTS, _compiled, _twins, python_prune_rules
from filter.strip.xpath_subset import compile_path
from training.blocks_data import DEFAULT_BENCH, iter_scrapinghub, iter_wcxb

_RE = {"re": "http://exslt.org/regular-expressions"}

# Expressions that exercise the grammar beyond what the shipped rules use.
_GRAMMAR = (
    ".//*[@id='main' or @class|@id='box']",
    ".//*[not(@class) and @id]",
    ".//*[(self::div or self::p) and not(.//h1)][contains(translate(@class, 'ABx', 'ab'), 'ab')]",
    ".//*[starts-with(@id|@class, 'a')]",
    ".//*[@role]|.//p|.//span[contains(@style, 'none')]",
    "//div[re:test(@class|@style, '^(?:sh|x)')]|//span",
    ".//div[self::div][@role or contains(@data-component, 'Popular') or @aria-hidden='true']",
)

_UNSUPPORTED = (
    "(.//div)[1]",
    ".//div[1]",
    ".//*[@*]",
    "./div",
    ".//div/p",
    ".//*[string-length(@class) > 3]",
    ".//*[re:test(@class, 'a', 'i')]",
    ".//div|//p",
    ".//*[following-sibling::p]",
    ".//*[@xml:lang='en']",
    ".//*[contains(., 'x')]",
    ".//*[@class!='a']",
    ".//fb:like",
    ".//*[self::og:div]",
)


def _shipped() -> list[tuple[str, etree.XPath]]:
    out = []
    for name in _PRUNE_LISTS:
        for i, expression in enumerate(getattr(trafilatura_xpaths, name)):
            out.append((f"{name}[{i}]", expression))
    for i, rule in enumerate(prune_rules()):
        out.append((f"prune_xpath.txt[{i}]", etree.XPath(rule)))
    for i, rule in enumerate(_GRAMMAR):
        out.append((f"grammar[{i}]", etree.XPath(rule, namespaces=_RE)))
    return out


EXPRESSIONS = _shipped()


def _expanded(pattern: str) -> list[str]:
    """The alternatives of a rule's regular expression with its groups multiplied out."""
    group = re.search(r"\((?:\?[:!=])?([^()]*)\)", pattern)
    if group is None:
        return pattern.split("|")
    head, tail = pattern[: group.start()], pattern[group.end() :]
    return [x for alt in group.group(1).split("|") for x in _expanded(head + alt + tail)]


def _fragments() -> list[list[str]]:
    """Per rule, strings its literals match (and near misses): attribute values built from
    them make every rule select something."""
    out = []
    for _, expression in EXPRESSIONS:
        pieces = set()
        for literal in re.findall(r"'([^']*)'", expression.path):
            for alt in _expanded(literal):
                alt = re.sub(r"\[(.)[^\]]*\]", r"\1", alt.replace("\\s", " "))
                pieces.add(re.sub(r"[\^$?\\]", "", alt))
            pieces.update(p for p in re.split(r"[^A-Za-z0-9_-]+", literal) if p)
        pieces.discard("")
        out.append(sorted(pieces) or ["x"])
    return out


_TAGS = (
    "div", "p", "span", "section", "aside", "list", "item", "ul", "ol", "li", "details",
    "header", "h1", "cite", "quote", "article", "a", "script", "style", "svg", "meta", "link",
)  # fmt: skip
_ATTRS = (
    "id", "class", "style", "role", "aria-hidden", "data-component", "data-lp-replacement-content",
)  # fmt: skip


def _value(rng: random.Random, pieces: list[list[str]]) -> str:
    if rng.random() < 0.3:  # exactly a piece: equality and starts-with tests need those
        return rng.choice(rng.choice(pieces))
    words = []
    for _ in range(rng.randint(0, 3)):
        piece = rng.choice(rng.choice(pieces))
        piece = rng.choice([piece, piece.upper(), piece.capitalize(), piece.lower()])
        words.append(rng.choice(["", "-", "x", " "]) + piece + rng.choice(["", "-", "_x", " "]))
    return rng.choice([" ", "", "-"]).join(words)


def _page(rng: random.Random, pieces: list[list[str]], depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4 if depth < 4 else 1)):
        r = rng.random()
        if r < 0.08:
            parts.append("<!-- a comment -->")
            continue
        if r < 0.12:
            parts.append("<?pi data?>")
            continue
        tag = rng.choice(_TAGS)
        names = rng.sample(_ATTRS, rng.randint(0, 4))
        attrs = "".join(f' {n}="{_value(rng, pieces)}"' for n in names)
        inner = _page(rng, pieces, depth + 1) if depth < 5 and rng.random() < 0.7 else "text"
        parts.append(f"<{tag}{attrs}>{inner}</{tag}>tail")
    return "".join(parts)


@cache
def _generated(n: int) -> list[etree._Element]:
    rng = random.Random(20261122)
    pieces = _fragments()
    return [html.fromstring(f"<html><body>{_page(rng, pieces)}</body></html>") for _ in range(n)]


def _contexts(root: etree._Element) -> list[etree._Element]:
    """The root and a few elements inside it, as prune rules are also run on subtrees."""
    inner = [el for el in root.iter(etree.Element)][1:]
    return [root, *inner[:: max(1, len(inner) // 4)]]


def test_every_shipped_prune_rule_has_a_twin() -> None:
    """Every prune expression trafilatura 2.3 and our data file use lies inside the subset, so
    the whole prune work runs in Python (a trafilatura release that changes one only falls
    back to libxml2 for it, and this test says which)."""
    missing = [name for name, expression in EXPRESSIONS if compile_path(expression) is None]
    assert not missing
    assert len(_twins()) == sum(len(getattr(trafilatura_xpaths, n)) for n in _PRUNE_LISTS)
    assert all(not isinstance(x, etree.XPath) for x in _compiled(prune_rules()))


@pytest.mark.parametrize("source", _UNSUPPORTED)
def test_expressions_outside_the_subset_are_left_to_libxml2(source: str) -> None:
    assert compile_path(source) is None


@pytest.mark.parametrize("name,expression", EXPRESSIONS, ids=[n for n, _ in EXPRESSIONS])
def test_twin_selects_what_libxml2_selects_on_generated_pages(
    name: str, expression: etree.XPath
) -> None:
    twin = compile_path(expression)
    assert twin is not None
    matched = 0
    for root in _generated(100):
        for node in _contexts(root):
            expected = expression(node)
            assert twin(node) == expected, (name, etree.tostring(node)[:300])
            matched += len(expected)
    assert matched > 0, f"{name} never matched: the generated pages do not test it"


def _texts(source: str, markup: str) -> tuple[list[str], list[str]]:
    """The texts of what the twin and libxml2 select from `markup`."""
    root = html.fromstring(markup)
    twin = compile_path(source)
    assert twin is not None
    return [p.text for p in twin(root)], [p.text for p in etree.XPath(source)(root)]


def test_source_order_decides_the_string_of_an_attribute_union() -> None:
    ours, theirs = _texts(
        ".//p[starts-with(@id|@class, 'share')]",
        '<div><p class="share-x" id="main">a</p><p id="main" class="share-x">b</p></div>',
    )
    assert ours == theirs == ["a"]
    # one of the two, neither, and an empty first attribute (whose "" is the string value)
    ours, theirs = _texts(
        ".//p[starts-with(@id|@class, 'share')]",
        '<div><p id="share-a">a</p><p class="share-b">b</p><p>c</p>'
        '<p id="" class="share-d">d</p><p class="share-e" id="">e</p></div>',
    )
    assert ours == theirs == ["a", "b", "e"]


def test_translate_maps_first_occurrences_and_deletes_the_rest() -> None:
    # X -> a, A -> b, B -> c; the second X has no say (a "last wins" table would delete X)
    ours, theirs = _texts(
        ".//p[contains(translate(@class, 'XABX', 'abc'), 'ab')]",
        '<div><p class="aXb">a</p><p class="ab">b</p><p class="AB">c</p><p class="XA">d</p></div>',
    )
    assert ours == theirs == ["a", "b", "d"]


def test_non_element_contexts_go_to_libxml2() -> None:
    doc = html.fromstring("<div><p id='a'>x</p></div>").getroottree()
    twin = compile_path(".//*[@id]")
    assert twin is not None
    assert twin(doc) == etree.XPath(".//*[@id]")(doc) != []


def test_trafilaturas_lists_get_their_libxml2_expressions_back() -> None:
    """The twins stand in trafilatura's lists only inside the block, also when it raises."""
    before = {n: list(getattr(trafilatura_xpaths, n)) for n in _PRUNE_LISTS}
    with pytest.raises(RuntimeError), python_prune_rules():
        assert any(getattr(trafilatura_xpaths, n) != before[n] for n in _PRUNE_LISTS), (
            "no twin was swapped in"
        )
        raise RuntimeError("interrupted")
    assert {n: list(getattr(trafilatura_xpaths, n)) for n in _PRUNE_LISTS} == before
    with python_prune_rules(), python_prune_rules():
        pass
    assert {n: list(getattr(trafilatura_xpaths, n)) for n in _PRUNE_LISTS} == before


def test_bare_extraction_is_untouched_outside_the_block() -> None:
    page = (
        "<html><body><div class='share-tools'>Share</div><p>"
        + "Words here. " * 30
        + "</p></body></html>"
    )
    result = trafilatura.bare_extraction(load_html(page))
    assert result is not None and "Share" not in (result.text or "")
    assert all(isinstance(x, etree.XPath) for x in trafilatura_xpaths.OVERALL_DISCARD_XPATH)


_BENCH = Path(os.environ.get("CONTENT_FILTER_BENCH", DEFAULT_BENCH))


def test_twins_match_libxml2_on_benchmark_pages() -> None:
    if not (_BENCH / "wcxb-dev").is_dir():
        pytest.skip(f"benchmark pages not found at {_BENCH} (set CONTENT_FILTER_BENCH)")
    pages = [*iter_scrapinghub(_BENCH), *iter_wcxb(_BENCH, limit=150)]
    twins = [(name, expression, compile_path(expression)) for name, expression in EXPRESSIONS]
    for page in pages:
        root = load_html(clean_markup(page.html))
        if root is None:
            continue
        for name, expression, twin in twins:
            assert twin is not None and twin(root) == expression(root), (page.id, name)
