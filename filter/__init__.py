"""content-filter: decide which scraped news articles may enter a text corpus.

The Python API comes first; the `content-filter` command is a thin layer over it.

    from filter import iter_inputs, Pipeline, Corpus, gate
    with Corpus("corpus.db") as corpus:
        summary = gate(iter_inputs(["seeds/"]), corpus, Pipeline())
"""

from filter.corpus import Corpus
from filter.job import GateSummary, gate
from filter.pipeline import Pipeline
from filter.read import ReadOptions, iter_inputs
from filter.strip import strip_document, strip_text
from filter.types import Block, Claim, Decision, Document, Evidence, InputError, Reason, Stripped

__all__ = [
    "Block",
    "Claim",
    "Corpus",
    "Decision",
    "Document",
    "Evidence",
    "GateSummary",
    "InputError",
    "Pipeline",
    "ReadOptions",
    "Reason",
    "Stripped",
    "gate",
    "iter_inputs",
    "strip_document",
    "strip_text",
]
