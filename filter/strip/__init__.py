"""Stage 2, strip: boilerplate out, body in, every removed block kept with its reason."""

from filter.strip.core import strip_document, strip_documents, strip_text

__all__ = ["strip_document", "strip_documents", "strip_text"]
