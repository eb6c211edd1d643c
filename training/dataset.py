"""The training set: every report, its corruptions and its label-preserving edits, featurised.

Features come from `filter.analysis.featurize`, the function scoring uses, with leave-one-out
context: a report (and each of its variants) is featurised against its cluster-mates, never
against itself or its own variants. Each example keeps its cluster (for grouped CV) and the
operator that made it (for per-operator recall).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from filter.analysis import featurize
from filter.corpus import Corpus
from filter.types import Document
from training.corruptions import INCONSISTENT, OPERATORS, variants
from training.events import Report
from training.spam_variants import junk_variants

CLEAN, SPAM, LABELLED = "clean", "spam", "corpus_label"


@dataclass(frozen=True)
class Example:
    """One row of the training set."""

    id: str
    group: str  # the event cluster: no group is in both train and validation
    operator: str  # "clean", "spam", "corpus_label" or the edit's operator name
    inconsistent: int
    spam: int
    features: dict[str, float]
    description: str = ""


def _variant_document(doc: Document, text: str, operator: str, published: date | None) -> Document:
    return replace(doc, id=f"{doc.id}~{operator}", text=text,
                   published=published if published is not None else doc.published)


def examples_for_report(report: Report, mates: Sequence[Report], seed: int) -> list[Example]:
    """The report itself plus every applicable edit, all against the same cluster-mates."""
    doc = report.document
    edits = variants(doc.text, doc.published, seed, OPERATORS)
    docs = [doc, *(_variant_document(doc, e.text, e.operator, e.published) for e in edits)]
    vectors = featurize(docs, [m.document for m in mates])
    spam = int(report.spam)
    out = [Example(doc.id, report.cluster, SPAM if report.spam else CLEAN, 0, spam, vectors[0])]
    for edit, d, v in zip(edits, docs[1:], vectors[1:], strict=True):
        out.append(Example(d.id, report.cluster, edit.operator,
                           int(edit.label == INCONSISTENT), spam, v, edit.description))
    if not report.spam:
        junk = junk_variants(doc.id, doc.title, doc.text, seed)
        junk_docs = [_variant_document(doc, j.text, j.operator, None) for j in junk]
        for j, d, v in zip(junk, junk_docs, featurize(junk_docs, [m.document for m in mates]),
                           strict=True):
            out.append(Example(d.id, report.cluster, j.operator, 0, j.spam, v,
                               f"{j.operator}: boilerplate injected from templates"))
    return out


def build(reports: Sequence[Report], seed: int = 0) -> list[Example]:
    """Every example of every report, in report order (deterministic for a given seed)."""
    out: list[Example] = []
    for i, report in enumerate(reports):
        mates = [m for m in reports if m.cluster == report.cluster and m.id != report.id]
        out.extend(examples_for_report(report, mates, seed * 100_003 + i))
    return out


# -- closing the loop: a person's verdicts from the corpus ---------------------------------------
CONTEXT_DAYS = 7
CONTEXT_LIMIT = 50


def _corpus_document(row: dict) -> Document:
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    raw = row.get("raw") or row.get("clean_text") or ""
    html = raw if row.get("raw_format") == "html" else None
    return Document(id=row["id"], source=row["source"], text="" if html else raw, html=html,
                    host=row.get("host"), published=published, title=row.get("title"))


def labels_of(label: str, note: str | None) -> tuple[int, int] | None:
    """(inconsistent, spam) for a person's verdict; None when it teaches nothing.

    `admit` says the article is neither inconsistent nor spam. `reject` says it must stay out
    but not why: a note that mentions spam (or junk, clickbait, seo) makes it a spam positive,
    otherwise it is an inconsistency positive, the head whose errors a person most often
    corrects. `review` is a deferral, not a verdict, and is skipped.
    """
    if label == "admit":
        return 0, 0
    if label == "reject":
        text = (note or "").lower()
        if any(w in text for w in ("spam", "junk", "clickbait", "seo", "spun")):
            return 0, 1
        return 1, 0
    return None


def from_corpus(path: str) -> list[Example]:
    """Labelled corpus documents, each featurised against its corpus neighbours in time."""
    out = []
    with Corpus(path, readonly=True) as corpus:
        rows = list(corpus.labelled())
        for row in rows:
            labels = labels_of(row["label"], row.get("note"))
            if labels is None:
                continue
            doc = _corpus_document(row)
            context = _neighbours(corpus, doc)
            vector = featurize([doc], context)[0]
            out.append(Example(doc.id, f"corpus:{doc.id}", LABELLED, labels[0], labels[1],
                               vector, row.get("note") or ""))
    return out


def _neighbours(corpus: Corpus, doc: Document) -> list[Document]:
    if doc.published is None:
        return []
    lo = (doc.published - timedelta(days=CONTEXT_DAYS)).isoformat()
    hi = (doc.published + timedelta(days=CONTEXT_DAYS)).isoformat()
    rows = corpus.execute(
        "SELECT id, source, host, published, title, raw, raw_format, clean_text FROM documents"
        " WHERE published BETWEEN ? AND ? AND id != ? AND clean_text IS NOT NULL"
        " ORDER BY published, id LIMIT ?",
        (lo, hi, doc.id, CONTEXT_LIMIT),
    )
    return [_corpus_document(dict(r)) for r in rows]
