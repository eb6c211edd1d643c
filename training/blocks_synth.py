"""Synthetic training and held-out examples: clean articles with junk injected from templates.

An example is rendered text plus its units (each a span of that text, body or junk), so every
block the stripper produces can be labelled by where it lies, and the held-out evaluation can
count junk lines removed and body lines kept.
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "blocks"
TRAIN_ARTICLES = DATA / "articles_train.txt"
TRAIN_JUNK = DATA / "junk_train.toml"
# Training reads every article file with every junk file (more styles x more wordings).
TRAIN_ARTICLE_FILES = (
    TRAIN_ARTICLES,
    DATA / "articles_extra.txt",
    DATA / "articles_more.txt",
    DATA / "articles_v3.txt",
    DATA / "articles_v4.txt",
    DATA / "articles_v6.txt",
    DATA / "articles_v7.txt",
    DATA / "articles_v8.txt",
    DATA / "articles_v9.txt",
    DATA / "articles_v10.txt",
    DATA / "articles_v11.txt",
    DATA / "articles_v12.txt",
    DATA / "articles_v13.txt",
    DATA / "articles_v14.txt",
    DATA / "articles_v15.txt",
    DATA / "articles_v16.txt",
)
TRAIN_JUNK_FILES = (
    TRAIN_JUNK,
    DATA / "junk_extra.toml",
    DATA / "junk_more.toml",
    DATA / "junk_v3.toml",
    DATA / "junk_v4.toml",
    DATA / "junk_v6.toml",
    DATA / "junk_v7.toml",
    DATA / "junk_v8.toml",
    DATA / "junk_v9.toml",
    DATA / "junk_v10.toml",
    DATA / "junk_v11.toml",
    DATA / "junk_v12.toml",
    DATA / "junk_v13.toml",
    DATA / "junk_v14.toml",
    DATA / "junk_v15.toml",
    DATA / "junk_v16.toml",
)
# Development set: never trained on, but its misses may be read to find what the features and
# rules do not see (written by a fifth author, in other site families). Its figures are a guide;
# the held-out set below is the measure.
DEV_ARTICLES = DATA / "dev_v5" / "articles_dev.txt"
DEV_JUNK = DATA / "dev_v5" / "junk_dev.toml"
# A second development set (2026-11-23, a thirteenth author who read only the data README, the
# renderer and a format excerpt): more development text, so that a choice rests on more than a
# line or two of dev_v5, and a first look at the shipped model on fresh material.
DEV6_ARTICLES = DATA / "dev_v6" / "articles_dev.txt"
DEV6_JUNK = DATA / "dev_v6" / "junk_dev.toml"
# Evaluation only, never read by training (nor by anyone tuning rules): written by someone else,
# after the training material, in other styles and wordings.
HELDOUT_ARTICLES = DATA / "heldout_v2" / "articles_heldout.txt"
HELDOUT_JUNK = DATA / "heldout_v2" / "junk_heldout.toml"
# A second held-out set, written at the end of 2026-11-22 by yet another author: v2's totals had
# been read after every model of that day, so v3 measures the shipped model on a set that no
# choice has seen. Same rules: evaluation only, totals only.
HELDOUT3_ARTICLES = DATA / "heldout_v3" / "articles_heldout.txt"
HELDOUT3_JUNK = DATA / "heldout_v3" / "junk_heldout.toml"

_SLOT = re.compile(r"\{(\w+)\}")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Article:
    id: str
    style: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass
class Example:
    """Rendered text and its labelled spans: (start, end, is_junk, category)."""

    id: str
    text: str = ""
    units: list[tuple[int, int, bool, str]] = field(default_factory=list)

    def add(self, piece: str, junk: bool, category: str, sep: str) -> None:
        if self.text:
            self.text += sep
        start = len(self.text)
        self.text += piece
        self.units.append((start, len(self.text), junk, category))

    def append_tail(self, sentence: str, category: str) -> None:
        """A junk sentence glued to the end of the last paragraph (same block)."""
        self.text += " "
        start = len(self.text)
        self.text += sentence
        self.units.append((start, len(self.text), True, category))


def read_articles(path: Path) -> list[Article]:
    articles: list[Article] = []
    current: list[str] | None = None
    header: list[str] = []
    for line in path.read_text("utf-8").splitlines() + ["=== end"]:
        if line.startswith("#") and current is None:
            continue
        if line.startswith("=== "):
            if current is not None:
                paras = tuple(p.strip() for p in "\n".join(current).split("\n") if p.strip())
                articles.append(Article(header[0], header[1], header[2], paras))
            header = [part.strip() for part in line[4:].split("|")]
            current = []
            continue
        if current is not None:
            current.append(line)
    return articles


def read_junk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


class _Filler:
    """Fills template slots from the junk file's slot lists and the other articles."""

    def __init__(self, junk: dict[str, Any], others: list[Article], rng: random.Random) -> None:
        self.slots = junk["slots"]
        self.others = others
        self.rng = rng

    def headline(self) -> str:
        if self.others and self.rng.random() < 0.5:
            return self.rng.choice(self.others).title
        return self.rng.choice(self.slots["headline"])

    def teaser(self) -> str:
        words = self.rng.choice(self.others).paragraphs[0].split()
        return " ".join(words[: self.rng.randint(8, 16)]).rstrip(",.;:") + self.rng.choice(
            ["…", "...", " …"]
        )

    def value(self, name: str) -> str:
        rng = self.rng
        base = name.rstrip("2").lower()
        if base == "headline":
            return self.headline()
        if base == "teaser":
            return self.teaser()
        if base == "handle":
            return rng.choice(self.slots["name"]).split()[0].lower() + str(rng.randint(1, 99))
        if base == "year":
            return str(rng.randint(2015, 2025))
        if base in ("day", "n"):
            return str(rng.randint(1, 28))
        value = rng.choice(self.slots[base])
        return value.upper() if name.isupper() else value

    def fill(self, template: str) -> str:
        return _SLOT.sub(lambda m: self.value(m.group(1)), template)


def _categories(junk: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return list(junk["categories"].items())


def make_example(
    article: Article, junk: dict[str, Any], others: list[Article], rng: random.Random, n_junk: int
) -> Example:
    """One rendering of `article` with `n_junk` junk insertions drawn by weight."""
    fill = _Filler(junk, others, rng)
    cats = _categories(junk)
    chosen = rng.choices(cats, weights=[c[1]["weight"] for c in cats], k=n_junk) if n_junk else []
    by_pos: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, cat in chosen:
        position = cat["position"]
        if name == "teasers" and rng.random() < 0.35:
            position = "middle"  # recirculation boxes also sit between paragraphs
        by_pos.setdefault(position, []).append((name, cat))

    para_sep = "\n\n" if article.style in ("paras", "feature") else "\n"

    def sep() -> str:
        return para_sep if rng.random() < 0.8 else rng.choice(["\n", "\n\n"])

    def pieces(name: str, cat: dict[str, Any]) -> list[str]:
        if "headers" in cat and (name == "teasers" or rng.random() < 0.7):
            # Some boxes have no header line (or one we do not know): the items must then be
            # recognised by their own look, not by what came before.
            out = [fill.fill(rng.choice(cat["headers"]))] if rng.random() < 0.7 else []
            if name == "teasers":
                for _ in range(rng.randint(2, 5)):
                    out.append(fill.headline())
                    if rng.random() < 0.6:
                        out.append(fill.teaser())
            else:
                mark = rng.choice(["  • ", "- ", "* ", ""])
                for _ in range(rng.randint(3, 7)):
                    out.append(mark + rng.choice(junk["slots"]["topic"]).lower())
            return out
        if "boxes" in cat:
            # A multi-line box (an author bio, a newsletter panel): consecutive junk blocks.
            return [fill.fill(line) for line in rng.choice(cat["boxes"])]
        templates = cat.get("templates") or cat.get("inline")
        return [fill.fill(rng.choice(templates))]

    # Style augmentation: sites differ in how they break lines and case titles.
    paragraphs = list(article.paragraphs)
    if rng.random() < 0.25:
        paragraphs = [s for p in paragraphs for s in _SENTENCES.split(p) if s.strip()]
    title = article.title.title() if rng.random() < 0.3 else article.title
    ex = Example(article.id)
    if rng.random() < 0.85:
        ex.add(title, False, "title", "")
    for name, cat in by_pos.get("top", []):
        for piece in pieces(name, cat):
            ex.add(piece, True, name, sep())
    middles = list(by_pos.get("middle", []))
    labels = list(by_pos.get("label", []))
    tails = list(by_pos.get("tail", []))
    n = len(paragraphs)
    middle_at = {rng.randint(1, max(1, n - 1)): m for m in middles}
    label_at = {rng.randint(0, n - 1): lab for lab in labels}
    tail_at = {rng.randint(0, n - 1): t for t in tails}
    for i, para in enumerate(paragraphs):
        if i in middle_at:
            for piece in pieces(*middle_at[i]):
                ex.add(piece, True, middle_at[i][0], sep())
        if i in label_at:
            for piece in pieces(*label_at[i]):
                ex.add(piece, True, "label", sep())
        ex.add(para, False, "body", sep() if ex.text else "")
        if i in tail_at:
            ex.append_tail(fill.fill(rng.choice(tail_at[i][1]["templates"])), "tail")
    for name, cat in by_pos.get("end", []):
        for piece in pieces(name, cat):
            ex.add(piece, True, name, sep())
    return ex


def make_examples(
    articles: list[Article],
    junk: dict[str, Any],
    variants: int,
    seed: int,
    pool: list[Article] | None = None,
) -> list[Example]:
    """`variants` renderings per article (the first of each is clean), reproducibly seeded."""
    rng = random.Random(seed)
    examples = []
    for article in articles:
        others = [a for a in (pool or articles) if a.id != article.id]
        for v in range(variants):
            examples.append(
                make_example(article, junk, others, rng, 0 if v == 0 else rng.randint(2, 7))
            )
    return examples


def label_blocks(example: Example, spans: list[tuple[int, int]]) -> list[bool]:
    """Junk label for each block span: junk when most of its characters lie in junk units."""
    labels = []
    for start, end in spans:
        junk_chars = body_chars = 0
        for u_start, u_end, is_junk, _ in example.units:
            overlap = min(end, u_end) - max(start, u_start)
            if overlap > 0:
                if is_junk:
                    junk_chars += overlap
                else:
                    body_chars += overlap
        labels.append(junk_chars > body_chars)
    return labels
