"""The block classifier's text model: hashed n-grams of block words, fitted and shipped as data."""

from __future__ import annotations

import json
import math
import shutil
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from filter.modelfile import ModelFileError
from filter.strip.classifier import DEFAULT_MODELS, BlockClassifier
from filter.strip.features import FEATURE_NAMES, head_words
from filter.strip.lexicon import LEXICAL_NAMES
from filter.strip.textmodel import BUCKETS, TEXT_NAMES, TextModel, family_counts
from filter.strip.vocabulary import Numbered, vocabulary
from training.blocks_text import design, fit_text_model

JUNK = [
    "subscribe to our newsletter",
    "sign up for our daily newsletter",
    "share this article on facebook",
    "follow us on twitter and facebook",
    "click here to subscribe",
    "read more stories like this",
]
BODY = [
    "the council voted on tuesday to approve the budget for roads",
    "heavy rain closed the bridge and flooded two farms near the river",
    "the minister said the hospital would open a new ward next spring",
    "police arrested two men after a robbery at the petrol station",
    "the team won the final after a late goal in extra time",
    "farmers expect a smaller harvest because of the dry summer",
]


def _words(texts: list[str]) -> list[list[str]]:
    return [head_words(t) for t in texts]


def _fitted() -> TextModel:
    words = _words(JUNK + BODY)
    labels = np.array([1] * len(JUNK) + [0] * len(BODY))
    model = fit_text_model(words, labels, np.ones(len(labels)))
    assert model is not None
    return model


def test_each_family_is_unit_length_per_block() -> None:
    row, slot, value = family_counts(_words(["sign up now", "sign sign sign", ""]))
    squares = np.bincount(row, value * value, 3)
    # character grams and word grams each have length 1; a block without words has neither
    assert np.allclose(squares, [2.0, 2.0, 0.0])
    assert slot.min() >= 0 and slot.max() < BUCKETS


def _by_definition(words: list[list[str]]) -> dict[tuple[int, int], float]:
    """The design written out as the module's docstring defines it, string by string."""
    out: dict[tuple[int, int], float] = {}
    for row, ws in enumerate(words):
        chars, grams = Counter(), Counter()
        for w in ws:
            padded = f" {w} "
            for n in (3, 4, 5):
                for i in range(len(padded) - n + 1):
                    chars[zlib.crc32(b"c" + padded[i : i + n].encode()) % BUCKETS] += 1
            grams[zlib.crc32(b"w" + w.encode()) % BUCKETS] += 1
        for first, second in zip(ws, ws[1:], strict=False):
            grams[zlib.crc32(f"p{first} {second}".encode()) % BUCKETS] += 1
        for family in (chars, grams):
            norm = math.sqrt(sum(c * c for c in family.values()))
            for slot, c in family.items():
                out[row, slot] = out.get((row, slot), 0.0) + c / norm
    return out


def test_the_design_is_its_definition_whatever_the_words() -> None:
    words = _words(
        [
            "Sign up for the Daily Briefing",
            "",
            "Über die Straße fährt ein Lkw, 日本語のテキスト",
            "ok ok ok ok",
            "a " + "x" * 390,
            "The bridge reopened on Monday after repairs.",
        ]
    )
    stale = Numbered(np.zeros(0, np.int64), np.zeros(len(words), np.int64), -1)
    for numbered in (None, vocabulary().number(words), stale):  # a stale one is renumbered
        row, slot, value = family_counts(words, numbered)
        got: dict[tuple[int, int], float] = {}
        for key, v in zip(zip(row.tolist(), slot.tolist(), strict=True), value, strict=True):
            got[key] = got.get(key, 0.0) + v  # the two families may share a slot
        want = _by_definition(words)
        assert got.keys() == want.keys()
        assert np.allclose([got[k] for k in want], list(want.values()))


def test_the_design_survives_the_vocabulary_starting_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("filter.strip.vocabulary._VOCABULARY_MAX", 1)  # every call starts afresh
    before = vocabulary().generation
    for texts in (["sign up today"], ["the council met today", "sign up"], ["council"]):
        words = _words(texts)
        row, slot, value = family_counts(words, vocabulary().number(words))
        want = _by_definition(words)
        assert sorted(zip(row.tolist(), slot.tolist(), strict=True)) == sorted(want)
        assert np.allclose(np.bincount(row, value * value), 2.0)
    assert vocabulary().generation >= before + 2


def test_scores_are_the_design_rows_times_the_weights() -> None:
    model = _fitted()
    words = _words(["Subscribe for more", "The bridge reopened on Monday."])
    expected = design(words) @ model.weights + model.intercept
    assert np.allclose(model.logits(words), expected)


def test_character_grams_carry_a_junk_word_to_its_relatives() -> None:
    model = _fitted()
    # none of these words was in the fitted blocks; they share grams with "subscribe",
    # "newsletter", "facebook" and with the body's vocabulary respectively
    unseen_junk, unseen_body = model.logits(
        _words(["subscribers newsletters", "councillors approved budgets"])
    )
    assert unseen_junk > 0 > unseen_body


def test_one_class_fits_nothing() -> None:
    assert fit_text_model(_words(BODY), np.zeros(len(BODY)), np.ones(len(BODY))) is None


def test_neighbour_columns_stop_at_each_article_s_ends() -> None:
    model = _fitted()
    first = _words(["subscribe now", "the council met"])
    second = _words(["share this", "rain fell", "follow us"])
    together = model.columns(first + second, sizes=[2, 3])
    assert together.shape == (5, len(TEXT_NAMES)) and together.dtype == np.float32
    assert np.array_equal(together[:2], model.columns(first))
    assert np.array_equal(together[2:], model.columns(second))
    assert together[0, 1] == 0.0 and together[1, 2] == 0.0 and together[2, 1] == 0.0


def test_json_round_trip_is_float16_and_the_bytes_are_stable() -> None:
    model = _fitted()
    again = TextModel.from_json(model.to_json())
    assert np.allclose(again.weights, model.weights, atol=2e-3)
    assert again.to_json() == model.to_json() == model.rounded().to_json()
    assert again.params == model.params


def test_a_text_model_of_another_size_is_refused() -> None:
    raw = json.loads(_fitted().to_json())
    raw["buckets"] = BUCKETS // 2
    with pytest.raises(ValueError, match="slots"):
        TextModel.from_json(json.dumps(raw))
    with pytest.raises(ValueError, match="weights"):
        TextModel(np.zeros(10), 0.0)


def test_shipped_classifier_reads_its_text_model() -> None:
    model = BlockClassifier.from_directory(DEFAULT_MODELS)
    assert model.text_model is not None and model.text_model.weights.any()
    assert model.feature_names == FEATURE_NAMES + LEXICAL_NAMES + TEXT_NAMES
    assert model.booster.num_feature() == len(model.feature_names)


def test_a_tampered_text_model_is_refused(tmp_path: Path) -> None:
    for path in DEFAULT_MODELS.glob("block_classifier*"):
        shutil.copy(path, tmp_path / path.name)
    path = tmp_path / "block_classifier.textmodel.json"
    path.write_text(path.read_text("utf-8").replace('"intercept": ', '"intercept": 1'), "utf-8")
    with pytest.raises(ModelFileError, match="does not match its card"):
        BlockClassifier.from_directory(tmp_path)
