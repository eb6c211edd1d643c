"""Stage 4, context: the other reports of each article's event, and which are independent.

    index = ContextIndex(corpus).add(signature_of(s) for s in stripped_batch)
    index.related(sig)       # top-k other reports of the same event, independence marked
    index.duplicate_of(sig)  # the earlier exact/near duplicate, or None

Signatures are computed once (`signature_of`) and stored with the corpus (`store`), so later
batches find earlier articles through indexes, not by re-reading them.
"""

from filter.context.config import ContextConfig, default_config, load_config
from filter.context.duplicates import (
    Duplicate,
    Passage,
    classify,
    containment,
    duplicate_reason,
    jaccard,
    shared_passages,
)
from filter.context.index import Context, ContextIndex
from filter.context.related import Related
from filter.context.signature import Signature, compute_signature, signature_of
from filter.context.store import SignatureStore, load_claims, save_claims, write_signatures

__all__ = [
    "Context",
    "ContextConfig",
    "ContextIndex",
    "Duplicate",
    "Passage",
    "Related",
    "Signature",
    "SignatureStore",
    "classify",
    "compute_signature",
    "containment",
    "default_config",
    "duplicate_reason",
    "jaccard",
    "load_claims",
    "load_config",
    "save_claims",
    "shared_passages",
    "signature_of",
    "write_signatures",
]
