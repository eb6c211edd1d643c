"""strip_documents: the batch gives exactly strip_document's results, failures stay per document."""

from __future__ import annotations

import numpy as np

from filter.analysis import Analyzer
from filter.pipeline import Pipeline
from filter.strip import strip_document, strip_documents
from filter.strip.budget import StripTimeout
from filter.strip.classifier import BlockClassifier, default_classifier
from filter.strip.features import FEATURE_NAMES
from filter.types import Document

TEXTS = (
    "Floods hit the coastal towns on Monday after three days of rain, officials said.\n"
    "Sign up for our newsletter\n"
    "Rescue teams reached the worst-hit villages by boat, the regional governor told reporters.",
    "Related stories\nMarkets slide as oil jumps\nWhat we know so far",
    "Short line",
    "",
)
WIDE = "<html><body>" + "<div>x</div>" * 300_000 + "</body></html>"
PAGE = (
    "<html><head><title>Quake</title></head><body><article><p>The earthquake struck at dawn and "
    "damaged hundreds of homes in the mountain villages, the interior ministry said.</p>"
    "<p>Rescuers were still searching the rubble on Sunday.</p></article></body></html>"
)


def _docs() -> list[Document]:
    docs = [Document(id=f"t{i}", source="t", text=t) for i, t in enumerate(TEXTS)]
    return [*docs, Document(id="p", source="page.html", text="", html=PAGE)]


def test_batch_equals_one_by_one() -> None:
    docs = _docs()
    assert strip_documents(docs) == [strip_document(d) for d in docs]


def test_empty_batch() -> None:
    assert strip_documents([]) == []


def test_a_timeout_stays_with_its_document() -> None:
    docs = _docs()
    out = strip_documents(
        [docs[0], Document(id="w", source="w", text="", html=WIDE), docs[1]], budget=0.3
    )
    assert isinstance(out[1], StripTimeout)
    assert out[0] == strip_document(docs[0]) and out[2] == strip_document(docs[1])


class _Failing(BlockClassifier):
    """Fails on any call holding the row of "Short line" (the only two-word block)."""

    def junk_probability(self, features: np.ndarray) -> np.ndarray:
        if (features[:, FEATURE_NAMES.index("words")] == 2).any():
            raise ValueError("bad row")
        return super().junk_probability(features)


def test_a_failing_prediction_stays_with_its_document() -> None:
    model = default_classifier()
    failing = _Failing(
        model.booster,
        model.threshold,
        model.version,
        model.threshold_html,
        model.lexicon,
        text_model=model.text_model,
    )
    docs = _docs()
    out = strip_documents(docs, classifier=failing)
    assert isinstance(out[2], ValueError)
    assert [o for i, o in enumerate(out) if i != 2] == [
        strip_document(d) for i, d in enumerate(docs) if i != 2
    ]


def test_prepare_many_equals_prepare_and_keeps_errors_apart() -> None:
    docs = [*_docs(), Document(id="w", source="w", text="", html=WIDE), _docs()[0]]
    many = Analyzer(strip_budget=0.3).prepare_many(docs)
    one = Analyzer(strip_budget=0.3)
    assert isinstance(many[-2], StripTimeout)
    assert many[-1] is many[0]  # a repeat within the batch is a cache hit
    assert [p for i, p in enumerate(many) if i != len(docs) - 2] == [
        one.prepare(d) for i, d in enumerate(docs) if i != len(docs) - 2
    ]


def test_pipeline_batch_with_a_timeout() -> None:
    docs = [*_docs(), Document(id="w", source="w", text="", html=WIDE)]
    outcomes = Pipeline(strip_budget=0.3).process(docs)
    assert [o.decision.verdict == "error" for o in outcomes] == [False] * (len(docs) - 1) + [True]
    assert outcomes[-1].decision.reasons[0].kind == "strip.timeout"


def test_batch_features_equal_each_articles_own() -> None:
    """Features and classifier rows of several articles computed together are, bit for bit,
    those of each article alone (nothing that looks beyond a block crosses an article's end)."""
    from filter.strip.features import numbered_block_features

    model = default_classifier()
    articles = [
        (
            ["Related stories", "Markets slide as oil jumps", "Markets slide as oil jumps"],
            [True, False, False],
            np.array([0.0, 1.0, 0.9], dtype=np.float32),
        ),
        (TEXTS[0].splitlines(), [False, False, False], None),
        (["Short line"], [False], np.array([0.7], dtype=np.float32)),
        (
            ["Markets slide as oil jumps", "- tag one", "- tag two", "Sign up now"],
            [False] * 4,
            None,
        ),
    ]
    texts = [t for a in articles for t in a[0]]
    headers = [h for a in articles for h in a[1]]
    shares = np.concatenate(
        [a[2] if a[2] is not None else np.full(len(a[0]), -1.0) for a in articles]
    )
    sizes = [len(a[0]) for a in articles]
    together = numbered_block_features(texts, headers, 25, shares.astype(np.float32), sizes)
    rows = model.rows(together.matrix, together.words, together.numbered, sizes)
    start = 0
    for a_texts, a_headers, a_shares in articles:
        alone = numbered_block_features(a_texts, a_headers, 25, a_shares)
        own = model.rows(alone.matrix, alone.words, alone.numbered)
        end = start + len(a_texts)
        assert together.matrix[start:end].tobytes() == alone.matrix.tobytes()
        assert rows[start:end].tobytes() == own.tobytes()
        start = end


def test_a_feature_failure_stays_with_its_document(monkeypatch) -> None:
    """Features are computed for the batch at once; when that fails, text by text, so only the
    document whose features fail gets the error."""
    import filter.strip.core as core

    real = core.numbered_block_features

    def failing(texts, *args, **kwargs):
        if "Short line" in texts:
            raise ValueError("bad block")
        return real(texts, *args, **kwargs)

    docs = _docs()
    monkeypatch.setattr(core, "numbered_block_features", failing)
    out = strip_documents(docs)
    monkeypatch.undo()
    assert isinstance(out[2], ValueError)
    assert [o for i, o in enumerate(out) if i != 2] == [
        strip_document(d) for i, d in enumerate(docs) if i != 2
    ]
