"""Fitting the block classifier's text model (filter/strip/textmodel.py) on labelled blocks.

Rendered articles repeat the same body paragraphs under every junk file, so blocks are fitted
once per distinct (words, label) with their rows' summed weight. The fit is scikit-learn's
SGD logistic regression with a fixed seed: the same blocks give the same weights.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

from filter.strip.textmodel import BUCKETS, TextModel, family_counts

# Fixed before the first measurement (docs/benchmarks.md, session 19), not tuned.
ALPHA = 2e-5
EPOCHS = 10
SEED = 0


def design(words: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """The sparse rows the text model reads for blocks of `words`."""
    row, slot, value = family_counts(words)
    return sp.csr_matrix((value, (row, slot)), shape=(len(words), BUCKETS))


def fit_text_model(
    words: Sequence[Sequence[str]], labels: np.ndarray, weights: np.ndarray
) -> TextModel | None:
    """A text model for distinct blocks `words` with junk `labels` (1/0) and `weights`; None
    when the blocks hold only one class (a tiny `--limit` run), so the columns stay 0."""
    if len(set(labels.tolist())) < 2:
        return None
    model = SGDClassifier(
        loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=SEED
    )
    with warnings.catch_warnings():  # a fixed number of epochs, by design
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(design(words), labels, sample_weight=weights)
    params = {"loss": "log_loss", "alpha": ALPHA, "epochs": EPOCHS, "seed": SEED}
    return TextModel(model.coef_.ravel().copy(), float(model.intercept_[0]), params)
