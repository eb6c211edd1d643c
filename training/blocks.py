"""Train the boilerplate block classifier (junk vs body) and ship it to models/.

    python -m training blocks [--bench ../shared/bench] [--out models/] [--experiment NAME]
                              [--limit N]

Data: (a) WCXB-dev article pages, training split only: blocks of our HTML path's extraction
(trafilatura with the shipped settings and prune rules, then the rule layer; link text marked)
labelled body when they lie in the page's `main_content`, junk otherwise; (b) the clean articles
in training/data/blocks/ with junk injected from every junk file (`TRAIN_JUNK_FILES` in
blocks_synth.py: twelve files, eleven authors). Held out and never
trained on: the WCXB evaluation split, ScrapingHub, training/data/blocks/dev_v5/ and dev_v6/ (the
development sets, for reading misses) and training/data/blocks/heldout_v2/ and heldout_v3/
(other articles, other junk templates, each written by someone else), whose line figures are
logged.
Deterministic: the same data and code reproduce the same model file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

from filter.modelfile import companion_path, save_companion, save_model
from filter.strip.classifier import MODEL_NAME, BlockClassifier
from filter.strip.core import features_and_words
from filter.strip.features import FEATURE_NAMES
from filter.strip.html import extract_html
from filter.strip.lexicon import LEXICAL_NAMES, Lexicon
from filter.strip.rules import apply_rules
from filter.strip.textmodel import BUCKETS, TEXT_NAMES, TextModel
from training import blocks_synth as synth
from training import tracking
from training.blocks_data import DEFAULT_BENCH, TruthIndex, iter_wcxb
from training.blocks_eval import line_figures
from training.blocks_text import fit_text_model

ROOT = Path(__file__).resolve().parents[1]
SEED = 20240811
PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.9,
    "lambda_l2": 1.0,
    "seed": SEED,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "verbosity": -1,
}
ROUNDS = 200
DEFAULT_VARIANTS = 8  # renderings per training article
SYNTH_WEIGHT = 2.0
# Blocks whose share of main-content shingles lies between these are ambiguous; left out.
BODY_AT, JUNK_AT = 0.7, 0.3
# On trafilatura output, at least this share of what the classifier removes must be junk.
HTML_PRECISION = 0.9
# Other operating points, as trafilatura's favor_precision / favor_recall: "precision" removes
# more junk at some cost in body, "recall" keeps more body and lets more junk through. Each is
# chosen on the same out-of-fold predictions as the default: plain text by the F-beta of junk
# (beta 0.5 is the default, `choose_threshold`), trafilatura output by the share of removals that
# must be junk (HTML_PRECISION is the default's).
FOCUS_TEXT_BETA = {"precision": 1.0, "recall": 0.25}
FOCUS_HTML_PRECISION = {"precision": 0.8, "recall": 0.95}
# Thresholds are chosen on out-of-fold predictions: one 15 % split held only ~10 articles, and
# the plain-text threshold swung by 0.1 between retrainings. WCXB pages fold by page id;
# synthetic renderings by junk file (author): with folds by article, every fold had seen every
# template, its junk probabilities were those of known wordings, and the threshold chosen on
# them (0.85 with twelve authors) removed 75 % of the development set's junk lines; chosen on
# another author's renderings it is 0.66 and removes 82 % at the same body kept (98.6 %).
FOLDS = 5
# The word lexicon (filter/strip/lexicon.py): a word needs this many blocks to get a weight, and
# each side's frequency gets this many pseudo-blocks. Strong smoothing generalised best to the
# development set's new site families (with nine training files, at 400/40 it removed 80.0 % of
# junk lines at 99.1 % body kept, against 77.9 % / 98.5 % without the lexicon; 100/10, 200/20
# and 800/80 trailed).
LEXICON_MIN_BLOCKS = 400
LEXICON_PRIOR = 40.0
# The text model (filter/strip/textmodel.py): a training row reads one fitted without its own
# body's and its own junk's group of sources (source number mod TEXT_GROUPS: article files, junk
# files, WCXB folds), as the lexicon leaves out its own sources; fitted on everything, its
# logits would be as sure of training wordings as of a new site's, and the booster would trust
# them too far.
TEXT_GROUPS = 3
ALL_NAMES: tuple[str, ...] = FEATURE_NAMES + LEXICAL_NAMES + TEXT_NAMES


def command_line(args: argparse.Namespace, used_bench: bool) -> str:
    """The command that reproduces the model (recorded in its card): only the options that shape
    it, with the bench relative to the project root, so the card names no machine's paths."""
    parts = ["python -m training blocks"]
    if used_bench:
        bench = Path(os.path.relpath(Path(args.bench).resolve(), ROOT))
        parts.append(f"--bench {bench.as_posix()}")
    if args.limit is not None:
        parts.append(f"--limit {args.limit}")
    if args.variants != DEFAULT_VARIANTS:
        parts.append(f"--variants {args.variants}")
    if args.seed != SEED:
        parts.append(f"--seed {args.seed}")
    return " ".join(parts)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bench",
        type=Path,
        default=DEFAULT_BENCH,
        help="shared benchmark folder (default: ../shared/bench from the project root)",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "models", help="where the model ships (default models/)"
    )
    parser.add_argument("--experiment", default="block-classifier", help="MLflow experiment name")
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="use at most N WCXB pages and 1 junk variant per article (a quick smoke run)",
    )
    parser.add_argument(
        "--variants", type=int, default=DEFAULT_VARIANTS, help="renderings per training article"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes for HTML extraction")
    parser.add_argument(
        "--show-heldout",
        action="store_true",
        help="also print the held-out line figures (always in the card and the MLflow run)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=SEED,
        help="LightGBM's seed (its feature sampling); the training rows stay the same. Another "
        "seed gives another draw of the same model: how far the development figures move between "
        f"draws is the noise any change must beat (default {SEED}, the shipped model's)",
    )


def _fold(key: str) -> int:
    """The cross-validation fold of a page or article, fixed by its id alone."""
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % FOLDS


@dataclass
class Part:
    """One page's or rendering's blocks: hand features of every block, the labelled rows, each
    block's words, and where its body and its junk came from (the lexicon's folds)."""

    key: str
    features: np.ndarray
    rows: list[int]
    labels: np.ndarray
    body_source: str
    junk_source: str
    head: list[list[str]]  # each block's words in order (the text model reads pairs)

    @cached_property
    def words(self) -> list[set[str]]:
        """Each block's words as a set (what the lexicon counts)."""
        return [set(w) for w in self.head]


def _wcxb_rows(page: synth.Any) -> Part:
    """One WCXB page's extracted blocks (rule-decided and ambiguous blocks left out of rows)."""
    # trafilatura as released, without the HTML path's precision steps: its output holds more
    # of the junk the classifier must learn. Trained on the stepped output instead, the model
    # kept fewer body lines on the development set (98.9 vs 99.2 %) and did no better on HTML
    # (ScrapingHub 0.9716 both, WCXB 0.9364 vs 0.9370; docs/benchmarks.md, session 14).
    extracted = extract_html(page.html, page.url, steps=())
    ruled = apply_rules(extracted.text)
    source = f"wcxb{_fold(page.id)}"
    if not ruled.blocks:
        empty = np.zeros((0, len(FEATURE_NAMES)), np.float32)
        return Part(page.id, empty, [], np.zeros(0), source, source, [])
    X, words = features_and_words(ruled, len(extracted.text), extracted.links)
    index = TruthIndex(page.truth)
    keep_rows, labels = [], []
    for i, (block, decided) in enumerate(zip(ruled.blocks, ruled.decided, strict=True)):
        if decided:
            continue
        label = wcxb_label(index.body_share(block.text))
        if label is not None:
            keep_rows.append(i)
            labels.append(1.0 if label == "junk" else 0.0)
    return Part(page.id, X, keep_rows, np.array(labels), source, source, words)


def wcxb_label(share: float) -> str | None:
    """"body" or "junk" for a block whose share of main-content shingles is `share`; None when
    it lies between the two bounds (ambiguous, left out of training)."""
    if share >= BODY_AT:
        return "body"
    return "junk" if share <= JUNK_AT else None


def wcxb_dataset(bench: Path, limit: int | None, workers: int) -> list[Part]:
    pages = list(iter_wcxb(bench, split="train", page_type="article", limit=limit))
    if workers > 1 and len(pages) > 20:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(_wcxb_rows, pages, chunksize=8))
    return [_wcxb_rows(p) for p in pages]


def training_examples(
    variants: int,
    article_files: tuple[Path, ...] = synth.TRAIN_ARTICLE_FILES,
    junk_files: tuple[Path, ...] = synth.TRAIN_JUNK_FILES,
) -> Iterator[tuple[int, int, synth.Example]]:
    """(junk file number, rendering number, example): every training article rendered with junk
    from every training junk file, each file with its own seed. Training and the rule-precision
    benchmark read exactly these."""
    articles = [a for path in article_files for a in synth.read_articles(path)]
    for k, junk_path in enumerate(junk_files):
        junk = synth.read_junk(junk_path)
        for n, ex in enumerate(synth.make_examples(articles, junk, variants, SEED + 10 * k)):
            yield k, n, ex


def synthetic_dataset(
    variants: int,
    article_files: tuple[Path, ...] = synth.TRAIN_ARTICLE_FILES,
    junk_files: tuple[Path, ...] = synth.TRAIN_JUNK_FILES,
) -> list[Part]:
    """The blocks the rules leave open, per training example, with their sources: the body's
    article file and the junk's junk file (each file is one author's)."""
    article_file = {
        a.id: f"articles{i}"
        for i, path in enumerate(article_files)
        for a in synth.read_articles(path)
    }
    parts = []
    for k, n, ex in training_examples(variants, article_files, junk_files):
        ruled = apply_rules(ex.text)
        open_idx = [i for i, d in enumerate(ruled.decided) if not d]
        if not open_idx:
            continue
        labels = synth.label_blocks(ex, [(b.start, b.end) for b in ruled.blocks])
        X, words = features_and_words(ruled)
        parts.append(
            Part(
                f"{ex.id}#{k}.{n}",
                X,
                open_idx,
                np.array([float(labels[i]) for i in open_idx]),
                article_file[ex.id],
                f"junk{k}",
                words,
            )
        )
    return parts


class _Counts:
    """Block frequencies of words in body and in junk blocks, per source."""

    def __init__(self, parts: list[Part]) -> None:
        self.body: dict[str, Counter[str]] = defaultdict(Counter)
        self.junk: dict[str, Counter[str]] = defaultdict(Counter)
        self.body_n: Counter[str] = Counter()
        self.junk_n: Counter[str] = Counter()
        for part in parts:
            for i, label in zip(part.rows, part.labels, strict=True):
                if label:
                    self.junk[part.junk_source].update(part.words[i])
                    self.junk_n[part.junk_source] += 1
                else:
                    self.body[part.body_source].update(part.words[i])
                    self.body_n[part.body_source] += 1
        self.all_body = sum(self.body.values(), Counter())
        self.all_junk = sum(self.junk.values(), Counter())

    def lexicon(self, body_out: str | None = None, junk_out: str | None = None) -> Lexicon:
        """The lexicon of every source but the body of `body_out` and the junk of `junk_out`."""
        body, junk = self.all_body, self.all_junk
        body_n, junk_n = sum(self.body_n.values()), sum(self.junk_n.values())
        if body_out is not None:
            body, body_n = body - self.body[body_out], body_n - self.body_n[body_out]
        if junk_out is not None:
            junk, junk_n = junk - self.junk[junk_out], junk_n - self.junk_n[junk_out]
        return Lexicon.from_counts(body, junk, body_n, junk_n, LEXICON_MIN_BLOCKS, LEXICON_PRIOR)


def with_learned_columns(
    parts: list[Part],
) -> tuple[list[tuple[str, np.ndarray, np.ndarray]], Lexicon, TextModel]:
    """Training rows with the lexicon's and the text model's columns, and the lexicon and text
    model to ship (learned on every part).

    A row's lexicon columns come from a lexicon learned without its own body's and its own
    junk's source (one author's file, or one WCXB fold), and its text-model columns from a
    model fitted without its own body's and junk's group of sources (TEXT_GROUPS), so in
    training the columns are as uncertain as they will be on a new site's wordings; learned on
    everything, the model would trust them far more than they deserve.
    """
    counts = _Counts(parts)
    fold_lexicons: dict[tuple[str, str], Lexicon] = {}
    text_models, shipped = _text_models(parts)
    rows = []
    for part in parts:
        key = (part.body_source, part.junk_source)
        if key not in fold_lexicons:
            fold_lexicons[key] = counts.lexicon(*key)
        if not part.rows:
            rows.append((part.key, np.zeros((0, len(ALL_NAMES)), np.float32), part.labels))
            continue
        lexical = fold_lexicons[key].columns_of_words(part.words)
        group = (_text_group(part.body_source), _text_group(part.junk_source))
        model = text_models[group]
        textual = (
            model.columns(part.head)
            if model is not None
            else np.zeros((len(part.head), len(TEXT_NAMES)), np.float32)
        )
        row = np.hstack([part.features, lexical, textual])[part.rows]
        rows.append((part.key, row, part.labels))
    return rows, counts.lexicon(), shipped


def _text_group(source: str) -> int:
    """A source's text-model group: its number (`articles3`, `junk11`, `wcxb4`) mod TEXT_GROUPS."""
    return int(source.lstrip("abcdefghijklmnopqrstuvwxyz")) % TEXT_GROUPS


def _text_models(
    parts: list[Part],
) -> tuple[dict[tuple[int, int], TextModel | None], TextModel]:
    """The text model of every (body group, junk group) left out, and the one to ship.

    Distinct (words, label, group) blocks with their rows' summed weight: WCXB rows weigh 1,
    synthetic rows SYNTH_WEIGHT / junk files, as in the booster's rows.
    """
    weight: dict[tuple[tuple[str, ...], int, int], float] = defaultdict(float)
    synthetic = SYNTH_WEIGHT / len(synth.TRAIN_JUNK_FILES)
    for part in parts:
        w = 1.0 if part.body_source.startswith("wcxb") else synthetic
        for i, label in zip(part.rows, part.labels, strict=True):
            source = part.junk_source if label else part.body_source
            weight[(tuple(part.head[i]), int(label), _text_group(source))] += w
    keys = list(weight)
    words = [k[0] for k in keys]
    labels = np.array([k[1] for k in keys], np.int64)
    groups = np.array([k[2] for k in keys], np.int64)
    weights = np.array([weight[k] for k in keys])

    def fitted(keep: np.ndarray) -> TextModel | None:
        chosen = np.flatnonzero(keep)
        return fit_text_model([words[i] for i in chosen], labels[chosen], weights[chosen])

    models: dict[tuple[int, int], TextModel | None] = {}
    for body_out in range(TEXT_GROUPS):
        for junk_out in range(TEXT_GROUPS):
            body_left = (labels == 0) & (groups == body_out)
            left_out = body_left | ((labels == 1) & (groups == junk_out))
            models[(body_out, junk_out)] = fitted(~left_out)
    full = fitted(np.ones(len(keys), bool))
    # Stripping reads the weights back from JSON (float16): ship exactly those. Without both
    # classes there is nothing to fit, and a model of zeros gives the rows' zero columns.
    shipped = full.rounded() if full is not None else TextModel(np.zeros(BUCKETS), 0.0)
    return models, shipped


def _rendered(articles: Path, junk: Path, variants: int) -> list[synth.Example]:
    """An evaluation set: its articles with its own junk, seeded apart from training."""
    return synth.make_examples(
        synth.read_articles(articles), synth.read_junk(junk), variants, SEED + 1
    )


def dev_examples(variants: int = 6) -> list[synth.Example]:
    return _rendered(synth.DEV_ARTICLES, synth.DEV_JUNK, variants)


def dev6_examples(variants: int = 6) -> list[synth.Example]:
    return _rendered(synth.DEV6_ARTICLES, synth.DEV6_JUNK, variants)


def heldout_examples(variants: int = 6) -> list[synth.Example]:
    return _rendered(synth.HELDOUT_ARTICLES, synth.HELDOUT_JUNK, variants)


def heldout3_examples(variants: int = 6) -> list[synth.Example]:
    return _rendered(synth.HELDOUT3_ARTICLES, synth.HELDOUT3_JUNK, variants)


def _author_fold(key: str) -> int:
    """A synthetic rendering's fold: by its junk file (`<article>#<junk file>.<n>`), so that
    out-of-fold predictions are made on another author's wordings, as on a new site."""
    return int(key.split("#")[1].split(".")[0]) % FOLDS


def _stack(
    parts: list[tuple[str, np.ndarray, np.ndarray]],
    weight: float,
    fold_of: Callable[[str], int] = _fold,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X = np.vstack([p[1] for p in parts]) if parts else np.zeros((0, len(ALL_NAMES)), np.float32)
    y = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
    fold = (
        np.concatenate([np.full(len(p[2]), fold_of(p[0])) for p in parts])
        if parts
        else np.zeros(0, int)
    )
    return X, y, np.full(len(y), weight), fold


def choose_threshold(y: np.ndarray, p: np.ndarray, w: np.ndarray, beta: float = 0.5) -> float:
    """The threshold with the best F-beta for junk; the default F0.5 because removing body costs
    more than keeping junk, and a smaller beta weighs body kept more still."""
    best, best_t = -1.0, 0.5
    b2 = beta * beta
    # A body-favouring point may sit above 0.9; the others keep the range the default was
    # always chosen in, so that adding the operating points could not move it.
    for t in np.arange(0.30, 0.96 if beta < 0.5 else 0.91, 0.01):
        pred = p >= t
        tp = float(w[(pred == 1) & (y == 1)].sum())
        fp = float(w[(pred == 1) & (y == 0)].sum())
        fn = float(w[(pred == 0) & (y == 1)].sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f = (1 + b2) * prec * rec / (b2 * prec + rec) if prec + rec else 0.0
        if f > best + 1e-9:
            best, best_t = f, round(float(t), 2)
    return best_t


def precision_threshold(y: np.ndarray, p: np.ndarray, w: np.ndarray, target: float) -> float:
    """The lowest threshold at which at least `target` of the removed blocks are junk.

    Used for trafilatura output, where what is left is mostly body and a removal must be right.
    """
    for t in np.arange(0.30, 0.96, 0.01):
        pred = p >= t
        tp = float(w[pred & (y == 1)].sum())
        fp = float(w[pred & (y == 0)].sum())
        if tp + fp > 0 and tp / (tp + fp) >= target:
            return round(float(t), 2)
    return 0.95


def operating_point(
    y: np.ndarray,
    oof: np.ndarray,
    w: np.ndarray,
    is_synth: np.ndarray,
    beta: float = 0.5,
    html_precision: float = HTML_PRECISION,
) -> tuple[float, float]:
    """(text, HTML) thresholds, each chosen on its own kind of out-of-fold row: plain text
    (synthetic articles) by the best F-beta for junk, trafilatura output (WCXB pages) by the
    lowest threshold whose removals are junk at least `html_precision` of the time."""
    synth, page = is_synth, ~is_synth
    text = choose_threshold(y[synth], oof[synth], w[synth], beta) if synth.any() else 0.5
    html = precision_threshold(y[page], oof[page], w[page], html_precision) if page.any() else text
    return text, html


def focus_thresholds(
    y: np.ndarray, oof: np.ndarray, w: np.ndarray, is_synth: np.ndarray
) -> dict[str, dict[str, float]]:
    """The other operating points' thresholds ({focus: {"text", "html"}}), from the out-of-fold
    probabilities `fit` returns, by the rules in FOCUS_TEXT_BETA and FOCUS_HTML_PRECISION."""
    out = {}
    for focus, beta in FOCUS_TEXT_BETA.items():
        text, html = operating_point(y, oof, w, is_synth, beta, FOCUS_HTML_PRECISION[focus])
        out[focus] = {"text": text, "html": html}
    return out


def fit(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    fold: np.ndarray,
    is_synth: np.ndarray,
    params: dict[str, Any] = PARAMS,
) -> tuple[lgb.Booster, float, float, int, np.ndarray]:
    """Booster, the two thresholds, its rounds and the out-of-fold probabilities.

    `is_synth` marks plain-text (synthetic) rows; the others are trafilatura output.
    """
    # Out-of-fold junk probabilities for every block, and the rounds each fold wanted.
    oof = np.zeros(len(y))
    fold_rounds = []
    for k in range(FOLDS):
        hold = fold == k
        if not hold.any() or hold.all():
            continue
        train_set = lgb.Dataset(
            X[~hold],
            y[~hold],
            weight=w[~hold],
            feature_name=list(ALL_NAMES),
            free_raw_data=False,
        )
        valid_set = lgb.Dataset(X[hold], y[hold], weight=w[hold], reference=train_set)
        booster = lgb.train(
            params,
            train_set,
            num_boost_round=ROUNDS,
            valid_sets=[valid_set],
            callbacks=[lgb.early_stopping(40, verbose=False)],
        )
        oof[hold] = booster.predict(X[hold], num_iteration=booster.best_iteration)
        fold_rounds.append(booster.best_iteration or ROUNDS)
    threshold, threshold_html = operating_point(y, oof, w, is_synth)
    # Refit on everything with the folds' median number of rounds; thresholds stay the
    # cross-validated ones.
    rounds = int(np.median(fold_rounds)) if fold_rounds else ROUNDS
    full = lgb.Dataset(X, y, weight=w, feature_name=list(ALL_NAMES))
    booster = lgb.train(params, full, num_boost_round=rounds)
    return booster, threshold, threshold_html, rounds, oof


def run(args: argparse.Namespace) -> int:
    import mlflow

    variants = 2 if args.limit else args.variants
    wcxb_parts = wcxb_dataset(args.bench, args.limit, args.workers) if args.bench.is_dir() else []
    if not wcxb_parts:
        print(
            f"note: no WCXB data at {args.bench}; training on synthetic data only", file=sys.stderr
        )
    synthetic_parts = synthetic_dataset(variants)
    rows, lexicon, text_model = with_learned_columns(wcxb_parts + synthetic_parts)
    wcxb, synthetic = rows[: len(wcxb_parts)], rows[len(wcxb_parts) :]
    Xw, yw, ww, vw = _stack(wcxb, 1.0)
    # The synthetic set's total weight stays SYNTH_WEIGHT per rendering of one junk file.
    Xs, ys, ws, vs = _stack(synthetic, SYNTH_WEIGHT / len(synth.TRAIN_JUNK_FILES), _author_fold)
    X, y, w, fold = (
        np.vstack([Xw, Xs]),
        np.concatenate([yw, ys]),
        np.concatenate([ww, ws]),
        np.concatenate([vw, vs]),
    )
    data_hash = hashlib.sha256(X.tobytes() + y.tobytes() + w.tobytes()).hexdigest()

    is_synth = np.concatenate([np.zeros(len(yw), bool), np.ones(len(ys), bool)])
    params = {**PARAMS, "seed": args.seed}
    booster, threshold, threshold_html, rounds, oof = fit(X, y, w, fold, is_synth, params)
    focused = focus_thresholds(y, oof, w, is_synth)

    metrics = _validation_metrics(y, oof, threshold)
    model = BlockClassifier(
        booster, threshold, threshold_html=threshold_html, lexicon=lexicon, text_model=text_model
    )
    renderings = 2 if args.limit else 6  # per evaluation article
    held = line_figures(heldout_examples(renderings), model)
    dev = line_figures(dev_examples(renderings), model)
    dev6 = line_figures(dev6_examples(renderings), model)
    held3 = line_figures(heldout3_examples(renderings), model)
    metrics.update(
        {
            "dev_junk_removed": dev.junk_removed_rate,
            "dev_body_kept": dev.body_kept_rate,
            "dev6_junk_removed": dev6.junk_removed_rate,
            "dev6_body_kept": dev6.body_kept_rate,
            "heldout_junk_removed": held.junk_removed_rate,
            "heldout_body_kept": held.body_kept_rate,
            "heldout_junk_lines": held.junk_lines,
            "heldout_body_lines": held.body_lines,
            "heldout3_junk_removed": held3.junk_removed_rate,
            "heldout3_body_kept": held3.body_kept_rate,
            "train_blocks": int(len(y)),
            "train_junk_share": float(y.mean()) if len(y) else 0.0,
            "wcxb_pages": len(wcxb),
            "lexicon_words": len(lexicon.weights),
            "synthetic_examples": len(synthetic),
        }
    )
    command = command_line(args, used_bench=bool(wcxb))
    card = {
        "name": MODEL_NAME,
        "kind": "lightgbm binary classifier: P(block is boilerplate)",
        "feature_names": list(ALL_NAMES),
        "threshold": threshold,
        "threshold_html": threshold_html,
        "threshold_rule": (
            f"out-of-fold predictions ({FOLDS} folds: WCXB pages by id hash, synthetic renderings "
            "by junk file, i.e. by author): `threshold` = "
            "best F0.5 for junk on plain-text (synthetic) blocks; `threshold_html` = lowest "
            f"threshold with junk precision >= {HTML_PRECISION} on trafilatura output (WCXB)"
        ),
        "focus_thresholds": focused,
        "focus_rule": (
            "the same out-of-fold predictions; plain text: best F-beta for junk, beta "
            + ", ".join(f"{b} ({f})" for f, b in FOCUS_TEXT_BETA.items())
            + "; trafilatura output: lowest threshold with junk precision "
            + ", ".join(f">= {t} ({f})" for f, t in FOCUS_HTML_PRECISION.items())
        ),
        "rounds": rounds,
        "params": params,
        "training_data_sha256": data_hash,
        "training_data": {
            "wcxb": f"WCXB-dev training split (70% by file-id hash), {len(wcxb)} pages, "
            f"labels by main_content shingle share (body >= {BODY_AT}, junk <= {JUNK_AT})",
            "synthetic": (
                " + ".join(p.name for p in synth.TRAIN_ARTICLE_FILES)
                + " x each of "
                + ", ".join(p.name for p in synth.TRAIN_JUNK_FILES)
                + f", {variants} renderings each"
            ),
            "development": "training/data/blocks/dev_v5/ and dev_v6/ (misses may be read)",
            "held_out": "WCXB-dev eval split, ScrapingHub, training/data/blocks/heldout_v2/ "
            "and heldout_v3/",
        },
        "metrics": {k: round(float(v), 4) for k, v in metrics.items()},
        "training_command": command,
        "lightgbm_version": lgb.__version__,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    card["lexicon"] = {
        **save_companion(args.out, MODEL_NAME, "lexicon", lexicon.to_json()),
        "words": len(lexicon.weights),
        "rule": (
            f"log-odds of a word's block frequency in junk vs body, {LEXICON_PRIOR} pseudo-blocks "
            f"each side, words in >= {LEXICON_MIN_BLOCKS} blocks, clipped to +-4; training rows "
            "read lexicons learned without their own article file, junk file or WCXB fold"
        ),
    }
    card["text_model"] = {
        **save_companion(args.out, MODEL_NAME, "textmodel", text_model.to_json()),
        "buckets": BUCKETS,
        "params": text_model.params,
        "rule": (
            "logistic regression (SGD) on CRC-32-hashed character 3-5-grams of each head word and "
            "word 1-2-grams, each family L2-normalised per block, fitted once per distinct "
            "(words, label) with summed row weights; training rows read models fitted without "
            f"their own body's and junk's group of sources (source number mod {TEXT_GROUPS})"
        ),
    }
    card = save_model(booster, args.out, MODEL_NAME, card)

    tracking.setup()
    tracking.use_experiment(args.experiment)
    with mlflow.start_run(run_name="block-classifier") as run_info:
        mlflow.log_params(
            {
                **{f"lgb_{k}": v for k, v in params.items()},
                "rounds": rounds,
                "threshold": threshold,
                "threshold_html": threshold_html,
                **{
                    f"threshold_{focus}_{kind}": value
                    for focus, pair in focused.items()
                    for kind, value in pair.items()
                },
                "limit": args.limit,
                "variants": variants,
                "bench": str(args.bench),
                "training_data_sha256": data_hash,
                "python": platform.python_version(),
            }
        )
        mlflow.log_metrics({k: float(v) for k, v in metrics.items()})
        mlflow.set_tag("model_sha256", card["sha256"])
        for path in (
            args.out / f"{MODEL_NAME}.txt",
            args.out / f"{MODEL_NAME}.card.json",
            companion_path(args.out, MODEL_NAME, "lexicon"),
            companion_path(args.out, MODEL_NAME, "textmodel"),
        ):
            mlflow.log_artifact(str(path), artifact_path="model")
    # The held-out totals go to the card and the MLflow run, and to the console only on request:
    # an experiment's run should not show them to the person deciding on it (session 10 read
    # them by mistake this way).
    shown = {
        k: v
        for k, v in card["metrics"].items()
        if args.show_heldout or not k.startswith("heldout")
    }
    print(
        json.dumps(
            {
                "run_id": run_info.info.run_id,
                "threshold": threshold,
                "threshold_html": threshold_html,
                "sha256": card["sha256"],
                **shown,
            },
            indent=2,
        )
    )
    return 0


def _validation_metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    pred = p >= threshold
    out = {"val_blocks": float(len(y))}
    if len(set(y.tolist())) == 2:
        out["val_auc"] = float(roc_auc_score(y, p))
    out["val_junk_recall"] = float(pred[y == 1].mean()) if (y == 1).any() else 1.0
    out["val_body_kept"] = float((~pred[y == 0]).mean()) if (y == 0).any() else 1.0
    return out
