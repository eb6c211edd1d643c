"""Prune rules in the attribute-only subset of XPath, evaluated by Python instead of libxml2.

Prune rules (trafilatura's own discard lists and data/strip/prune_xpath.txt) are all of one
shape: "every element below here (or in the document) with these tags whose attributes look like
this", e.g. `.//*[self::div or self::span][re:test(@class, 'share|social')]`. libxml2 evaluates
such a predicate through its general machinery on every element, and each `re:test` is a call
back into Python, so on an average article page trafilatura spends about a quarter of its time
in these few expressions (benchmarks in docs/benchmarks.md). The same predicate compiled into one
Python function over `el.get` and precompiled regular expressions gives the same elements, in the
same order, in a fraction of that time.

`compile_path` accepts exactly this grammar and returns None for anything else (positions,
axes other than descendants, functions it does not know), so callers keep libxml2 for those:

    union     := path ("|" path)*              all relative (".//") or all absolute ("//")
    path      := (".//" | "//") (NAME | "*") ("[" or "]")*
    or        := and ("or" and)*
    and       := unary ("and" unary)*
    unary     := "not(" or ")" | "(" or ")" | test
    test      := "self::" NAME | ".//" NAME | attrs ["=" LITERAL]
               | ("contains" | "starts-with" | "re:test") "(" string "," LITERAL ")"
    string    := attrs | "translate(" string "," LITERAL "," LITERAL ")"
    attrs     := "@" NAME ("|" "@" NAME)*

XPath semantics kept: the string value of `@id|@class` is the attribute that comes first in the
source (document order), of a missing attribute "" ; `@a='v'` holds when any listed attribute
equals v; `re:test` is lxml's EXSLT one (`re.search`, Unicode); a predicate never sees comments or
processing instructions (`*` selects elements only). tests/test_strip_xpath_subset.py compares
every compiled rule with lxml's XPath on real and generated pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<literal>'[^']*'|"[^"]*")
    | (?P<rel>\.//)
    | (?P<abs>//)
    | (?P<self>self::)
    | (?P<attr>@[A-Za-z_][\w.-]*)
    | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)
    | (?P<punct>[\[\]()|,=*])
    )""",
    re.VERBOSE,
)
_STRING_TESTS = {"contains", "starts-with", "re:test"}
_EXSLT = {"re": "http://exslt.org/regular-expressions"}  # what `re:` means in a rule


class Unsupported(ValueError):
    """The expression uses XPath outside the subset; evaluate it with libxml2."""


def _tokens(source: str) -> list[tuple[str, str]]:
    out, pos, end = [], 0, len(source.rstrip())
    while pos < end:
        m = _TOKEN.match(source, pos)
        if m is None or m.end() == pos:
            raise Unsupported(f"cannot read {source[pos : pos + 20]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    """Recursive descent over the grammar above, emitting one Python expression per path.

    The generated code reads `el` (the element), `t` (its tag) and `g` (its `get`); regular
    expressions, translation tables and helpers are passed in `names`."""

    def __init__(self, source: str) -> None:
        self.toks = _tokens(source)
        self.i = 0
        self.names: dict[str, Any] = {"_string_of": _string_of, "_has": _has_descendant}

    # -- token helpers
    def peek(self, value: str | None = None, kind: str | None = None) -> bool:
        if self.i >= len(self.toks):
            return False
        k, v = self.toks[self.i]
        return (value is None or v == value) and (kind is None or k == kind)

    def take(self, value: str | None = None, kind: str | None = None) -> str:
        if not self.peek(value, kind):
            got = self.toks[self.i][1] if self.i < len(self.toks) else "end"
            raise Unsupported(f"expected {value or kind}, got {got!r}")
        self.i += 1
        return self.toks[self.i - 1][1]

    def element_name(self) -> str:
        name = self.take(kind="name")
        if ":" in name:  # a namespace prefix: libxml2's business
            raise Unsupported(f"prefixed name {name!r}")
        return name

    def literal(self) -> str:
        return self.take(kind="literal")[1:-1]

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.names)}"
        self.names[name] = value
        return name

    # -- grammar
    def union(self) -> tuple[bool, list[tuple[tuple[str, ...] | None, str]]]:
        branches, anchors = [], set()
        while True:
            if self.peek(kind="rel"):
                anchors.add("relative")
            elif self.peek(kind="abs"):
                anchors.add("absolute")
            else:
                raise Unsupported("a path must start with .// or //")
            self.i += 1
            branches.append(self.path())
            if not self.peek("|"):
                break
            self.take("|")
        if self.i != len(self.toks):
            raise Unsupported(f"unexpected {self.toks[self.i][1]!r}")
        if len(anchors) != 1:
            raise Unsupported("a union mixing relative and absolute paths")
        return anchors == {"absolute"}, branches

    def path(self) -> tuple[tuple[str, ...] | None, str]:
        """(tags the path can select, None for any element; its predicate as Python)."""
        if self.peek("*"):
            self.take("*")
            tags: tuple[str, ...] | None = None
        else:
            tags = (self.element_name(),)
        predicates = []
        while self.peek("["):
            self.take("[")
            predicates.append(self.or_())
            self.take("]")
        if tags is None and predicates and predicates[0][1] is not None:
            tags = predicates.pop(0)[1]  # a leading "self::a or self::b" names the tags
        code = " and ".join(f"({p})" for p, _ in predicates) or "True"
        return tags, code

    def or_(self) -> tuple[str, tuple[str, ...] | None]:
        """(Python, the tags when the expression is only "self::x or self::y")."""
        parts = [self.and_()]
        while self.peek("or", "name"):
            self.take("or")
            parts.append(self.and_())
        tags = None
        if all(t is not None for _, t in parts):
            tags = tuple(dict.fromkeys(x for _, t in parts for x in t or ()))
        if len(parts) == 1:
            return parts[0]
        return " or ".join(f"({p})" for p, _ in parts), tags

    def and_(self) -> tuple[str, tuple[str, ...] | None]:
        parts = [self.unary()]
        while self.peek("and", "name"):
            self.take("and")
            parts.append(self.unary())
        if len(parts) == 1:
            return parts[0]
        return " and ".join(f"({p})" for p, _ in parts), None

    def unary(self) -> tuple[str, tuple[str, ...] | None]:
        if self.peek("not", "name"):
            self.take("not")
            self.take("(")
            inner, _ = self.or_()
            self.take(")")
            return f"not ({inner})", None
        if self.peek("("):
            self.take("(")
            inner = self.or_()
            self.take(")")
            return inner
        return self.test()

    def test(self) -> tuple[str, tuple[str, ...] | None]:
        if self.peek(kind="self"):
            self.take(kind="self")
            name = self.element_name()
            return f"t == {name!r}", (name,)
        if self.peek(kind="rel"):
            self.take(kind="rel")
            name = self.element_name()
            return f"_has(el, {name!r})", None
        if self.peek(kind="attr"):
            attrs = self.attrs()
            if self.peek("="):
                self.take("=")
                value = self.literal()
                return " or ".join(f"g({a!r}) == {value!r}" for a in attrs), None
            return " or ".join(f"g({a!r}) is not None" for a in attrs), None
        if self.peek(kind="name") and self.toks[self.i][1] in _STRING_TESTS:
            func = self.take(kind="name")
            self.take("(")
            subject = self.string()
            self.take(",")
            arg = self.literal()
            self.take(")")
            if func == "contains":
                return f"{arg!r} in {subject}", None
            if func == "starts-with":
                return f"{subject}.startswith({arg!r})", None
            rx = self.constant(re.compile(arg))  # lxml's EXSLT re:test: re.search, Unicode
            return f"{rx}.search({subject}) is not None", None
        got = self.toks[self.i][1] if self.i < len(self.toks) else "end"
        raise Unsupported(f"unsupported test at {got!r}")

    def string(self) -> str:
        if self.peek("translate", "name"):
            self.take("translate")
            self.take("(")
            subject = self.string()
            self.take(",")
            source = self.literal()
            self.take(",")
            target = self.literal()
            self.take(")")
            return f"{subject}.translate({self.constant(_translation(source, target))})"
        attrs = self.attrs()
        if len(attrs) == 1:
            return f"(g({attrs[0]!r}) or '')"
        if len(attrs) == 2:  # `@id|@class`, in most rules: inline, one `get` per attribute
            first, second = attrs
            return (
                f"(_string_of(el, {tuple(attrs)!r})"
                f" if (_a := g({first!r})) is not None and g({second!r}) is not None"
                f" else (_a if _a is not None else (g({second!r}) or '')))"
            )
        return f"_string_of(el, {tuple(attrs)!r})"

    def attrs(self) -> list[str]:
        attrs = [self.take(kind="attr")[1:]]
        while self.peek("|") and self.i + 1 < len(self.toks) and self.toks[self.i + 1][0] == "attr":
            self.take("|")
            attrs.append(self.take(kind="attr")[1:])
        return attrs


def _translation(source: str, target: str) -> dict[int, int | None]:
    """XPath translate(): the first occurrence of a character decides; extra ones are deleted."""
    table: dict[int, int | None] = {}
    for i, ch in enumerate(source):
        table.setdefault(ord(ch), ord(target[i]) if i < len(target) else None)
    return table


def _string_of(el: etree._Element, names: tuple[str, ...]) -> str:
    """XPath string value of `@a|@b`: the listed attribute that comes first in the source."""
    present = [n for n in names if el.get(n) is not None]
    if not present:
        return ""
    if len(present) > 1:
        present = [k for k in el.attrib if k in names]  # attributes in source order
    return el.get(present[0]) or ""


def _has_descendant(el: etree._Element, tag: str) -> bool:
    return next(el.iterdescendants(tag), None) is not None


@dataclass(frozen=True)
class CompiledPath:
    """A callable twin of `etree.XPath(path)` for element contexts: same elements, same order.

    Any other context (a whole ElementTree, a string) goes to `original`, libxml2's XPath."""

    path: str
    absolute: bool
    tags: tuple[str, ...] | None
    match: Callable[[etree._Element], bool]
    original: etree.XPath

    def __call__(self, node: Any, **variables: Any) -> list:
        if variables or not isinstance(node, etree._Element):
            return self.original(node, **variables)
        tags = self.tags or (etree.Element,)  # etree.Element: any element, no comments or PIs
        if self.absolute:  # the document's top-level elements: the root and any siblings
            root = node.getroottree().getroot()
            tops = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
            found = (el for top in tops for el in top.iter(*tags))
        else:
            found = node.iterdescendants(*tags)
        return list(filter(self.match, found))


def compile_path(expression: etree.XPath | str) -> CompiledPath | None:
    """The Python twin of one XPath expression, or None when it lies outside the subset."""
    original = expression if isinstance(expression, etree.XPath) else None
    source = expression.path if original is not None else str(expression)
    try:
        parser = _Parser(source)
        absolute, branches = parser.union()
    except Unsupported:
        return None
    if original is None:
        original = etree.XPath(source, namespaces=_EXSLT)
    if all(tags is not None for tags, _ in branches):
        every = tuple(dict.fromkeys(t for tags, _ in branches for t in tags or ()))
    else:
        every = None
    cases = []
    for tags, code in branches:
        if tags is not None and every != tags:
            code = f"t in {frozenset(tags)!r} and ({code})"
        cases.append(f"({code})")
    body = " or ".join(cases)
    namespace = dict(parser.names)
    exec(  # noqa: S102 - generated from the parsed rule: names, literals via repr(), constants
        f"def match(el):\n    t = el.tag\n    g = el.get\n    return bool({body})\n", namespace
    )
    return CompiledPath(source, absolute, every, namespace["match"], original)
