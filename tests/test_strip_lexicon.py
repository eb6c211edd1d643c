"""The block classifier's learned word lexicon: weights from counts, columns, and its model file."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from filter.modelfile import ModelFileError
from filter.strip.classifier import DEFAULT_MODELS, BlockClassifier
from filter.strip.core import strip_text
from filter.strip.features import FEATURE_NAMES, block_features_and_words, numbered_block_features
from filter.strip.lexicon import LEXICAL_NAMES, Lexicon, block_words


def _lexicon() -> Lexicon:
    body = Counter({"said": 900, "council": 300, "subscribe": 10, "rare": 3})
    junk = Counter({"said": 20, "council": 30, "subscribe": 400, "rare": 2})
    return Lexicon.from_counts(body, junk, 1000, 500, min_blocks=50, prior=5.0)


def test_weights_follow_where_a_word_is_seen_and_rare_words_get_none() -> None:
    lex = _lexicon()
    assert lex.weights["subscribe"] > 2 > 0 > lex.weights["said"]
    # "council" is as likely in a junk block as in a body block (300/1000 vs 30/500 is not):
    assert lex.weights["council"] < 0
    assert "rare" not in lex.weights  # 5 blocks in all: below min_blocks, no weight
    assert all(-4.0 <= w <= 4.0 for w in lex.weights.values())


def test_columns_are_mean_and_max_of_a_blocks_words_and_its_neighbours_means() -> None:
    lex = Lexicon({"subscribe": 2.0, "said": -1.0})
    cols = lex.columns(["Subscribe now", "He said it", "Nothing known here"])
    assert cols.shape == (3, len(LEXICAL_NAMES)) and cols.dtype == np.float32
    mean, top, prev, nxt = cols.T
    assert mean[0] == pytest.approx(1.0) and top[0] == pytest.approx(2.0)  # subscribe, now
    assert mean[1] == pytest.approx(-1 / 3) and top[1] == pytest.approx(0.0)
    assert mean[2] == 0 and top[2] == 0
    assert prev.tolist() == pytest.approx([0.0, 1.0, -1 / 3])
    assert nxt.tolist() == pytest.approx([-1 / 3, 0.0, 0.0])
    assert lex.columns([]).shape == (0, len(LEXICAL_NAMES))


def test_block_words_are_distinct_lower_case_words_of_the_blocks_head() -> None:
    assert block_words("Sign Up, sign up!") == {"sign", "up"}
    assert "tail" not in block_words("x " * 300 + "tail")


def test_columns_from_the_features_own_words_equal_columns_from_the_texts() -> None:
    """The text path hands the lexicon the words the hand features read; they must be exactly
    `block_words` of each block, or the shipped model would see other columns than in training."""
    texts = ["Sign up for our newsletter", "Über 40 Städte — naïve café", "x " * 300 + "tail", ""]
    _, words = block_features_and_words(texts, [False] * len(texts))
    lex = _lexicon()
    assert [set(w) for w in words] == [block_words(t) for t in texts]
    assert np.array_equal(lex.columns_of_words(map(set, words)), lex.columns(texts))


def test_columns_from_vocabulary_numbers_equal_the_word_by_word_columns() -> None:
    """The text path's lexicon columns come from the features' word numbers; they must be the
    columns of each block's set of words, also for zero weights and out-of-date numbers."""
    texts = ["Sign up, sign up now", "Subscribe: said the council", "", "12 rare words said"]
    found = numbered_block_features(texts, [False] * len(texts))
    stale = found.numbered._replace(generation=found.numbered.generation - 1)
    signed_zeros = Lexicon({"sign": -0.0, "up": 0.0, "said": -1.0})
    for lex in (_lexicon(), signed_zeros, Lexicon({})):
        expected = lex.columns_of_words(map(set, found.words))
        for numbered in (found.numbered, stale):
            got = lex.columns_of_blocks(found.words, numbered)
            assert got.tobytes() == expected.tobytes()


def test_a_text_without_content_words_has_features_and_strips() -> None:
    """Stopwords, numbers and two-letter words only: no topic words at all (this once raised)."""
    texts = ["12 34", "the and of it", "", "to be or"]
    found = numbered_block_features(texts, [False] * len(texts))
    topic = FEATURE_NAMES.index("topic_share")
    assert found.matrix.shape == (len(texts), len(FEATURE_NAMES))
    assert not found.matrix[:, topic].any()
    assert strip_text("12 34\n\nthe and of it")[0]


def test_json_round_trip_keeps_every_weight_and_the_bytes_are_stable() -> None:
    lex = _lexicon()
    again = Lexicon.from_json(lex.to_json())
    assert again.weights == lex.weights and again.params == lex.params
    assert again.to_json() == lex.to_json()


def test_shipped_classifier_reads_its_lexicon_and_its_rows_have_every_column() -> None:
    model = BlockClassifier.from_directory(DEFAULT_MODELS)
    assert model.lexicon is not None and len(model.lexicon.weights) > 100
    names = FEATURE_NAMES + LEXICAL_NAMES
    assert model.feature_names[: len(names)] == names
    assert model.booster.num_feature() == len(model.feature_names)
    text = "Council approves budget.\n\nThe council voted 7-2 on Tuesday to approve it.\n\nShare"
    _, blocks = strip_text(text, model)
    assert [b.keep for b in blocks][:2] == [True, True]


def _copy_models(tmp_path: Path) -> Path:
    out = tmp_path / "models"
    out.mkdir()
    for path in DEFAULT_MODELS.glob("block_classifier*"):
        shutil.copy(path, out / path.name)
    return out


def test_a_tampered_lexicon_is_refused(tmp_path: Path) -> None:
    out = _copy_models(tmp_path)
    path = out / "block_classifier.lexicon.json"
    data = json.loads(path.read_text("utf-8"))
    data["weights"]["subscribe"] = -4.0
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelFileError, match="does not match its card"):
        BlockClassifier.from_directory(out)


def test_a_missing_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    out = _copy_models(tmp_path)
    (out / "block_classifier.lexicon.json").unlink()
    with pytest.raises(ModelFileError, match="lexicon file not found"):
        BlockClassifier.from_directory(out)


def test_a_blocks_mean_does_not_depend_on_the_order_its_words_come_in() -> None:
    """A set's iteration order follows the process's hash seed; the columns must not."""
    lex = Lexicon({"a": 3.0, "b": 1e-17, "c": -3.0, "d": 1e-17})
    orders = [["a", "b", "c", "d"], ["b", "d", "a", "c"], ["a", "c", "b", "d"]]
    means = {float(lex.columns_of_words([order])[0, 0]) for order in orders}  # type: ignore[list-item]
    assert means == {float(np.float32(2e-17 / 4))}


def test_head_words_ascii_split_equals_the_word_pattern() -> None:
    """The ASCII path of head_words (split at non-word characters) finds exactly `\\w+`."""
    import random
    import re

    from filter.strip.features import head_words

    rng = random.Random(0)
    alphabet = [chr(c) for c in range(128)] + ["é", "\u212a", "\u0130", "ß", "’", "\u00a0"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert head_words(text) == re.findall(r"\w+", text[:400].lower()), repr(text)
