"""The synthetic block-training renderer: every template of every training file renders, and
multi-line boxes come out as consecutive junk units."""

from __future__ import annotations

import random
import re

import pytest

from training import blocks_synth as synth

_LEFTOVER = re.compile(r"\{\w*\}?|\}")


def _all_lines(category: dict) -> list[str]:
    lines = list(category.get("templates", [])) + list(category.get("headers", []))
    lines += list(category.get("inline", []))
    lines += [line for box in category.get("boxes", []) for line in box]
    return lines


@pytest.mark.parametrize("path", synth.TRAIN_JUNK_FILES, ids=lambda p: p.name)
def test_every_template_fills_every_slot(path) -> None:
    junk = synth.read_junk(path)
    articles = synth.read_articles(synth.TRAIN_ARTICLES)
    fill = synth._Filler(junk, articles, random.Random(0))
    for name, category in junk["categories"].items():
        assert category["position"] in {"top", "middle", "label", "end", "tail"}, name
        lines = _all_lines(category)
        assert lines, f"{path.name}: category {name} has nothing to render"
        for line in lines:
            filled = fill.fill(line)
            assert not _LEFTOVER.search(filled), f"{path.name}/{name}: {line!r} -> {filled!r}"


def test_a_box_renders_as_consecutive_junk_units_in_order() -> None:
    box = ["About the author", "{name} writes about {topic} for {site}."]
    junk = {
        "slots": {
            "name": ["Ada Quill"],
            "topic": ["tides"],
            "site": ["The Harbour Post"],
            "headline": ["A headline"],
        },
        "categories": {"author_bio": {"position": "end", "weight": 1, "boxes": [box]}},
    }
    article = synth.Article("a1", "paras", "Tide tables change", ("First paragraph.", "Second."))
    other = synth.Article("a2", "paras", "Other story", ("Another opening paragraph here.",))
    example = synth.make_example(article, junk, [other], random.Random(3), n_junk=1)
    junk_units = [example.text[s:e] for s, e, is_junk, _ in example.units if is_junk]
    assert junk_units == ["About the author", "Ada Quill writes about tides for The Harbour Post."]
    assert example.text.rstrip().endswith(junk_units[-1])
    assert all(c == "author_bio" for _, _, j, c in example.units if j)


def test_rendering_is_reproducible_for_a_seed() -> None:
    articles = synth.read_articles(synth.TRAIN_ARTICLE_FILES[-1])[:3]
    junk = synth.read_junk(synth.TRAIN_JUNK_FILES[-1])
    first = synth.make_examples(articles, junk, 3, seed=7)
    again = synth.make_examples(articles, junk, 3, seed=7)
    assert [(e.text, e.units) for e in first] == [(e.text, e.units) for e in again]
    assert any(u[2] for e in first for u in e.units)  # junk was injected
