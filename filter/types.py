"""The plain data that flows between stages.

Every stage takes and returns these frozen dataclasses, so a stage can be tested, cached or
replaced on its own, and nothing downstream can mutate what an earlier stage decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Verdict = Literal["admit", "review", "reject", "error"]
VERDICTS: tuple[str, ...] = ("admit", "review", "reject", "error")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read: HTML and/or text plus whatever metadata came with it."""

    id: str
    source: str
    text: str
    html: str | None = None
    host: str | None = None
    published: date | None = None
    title: str | None = None

    @property
    def raw(self) -> str:
        """What the scraper handed us, kept verbatim in the corpus."""
        return self.html if self.html is not None else self.text


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not become a Document; it still gets a recorded `error` decision."""

    id: str
    source: str
    kind: str
    message: str
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or line of the text with its offsets and the stripper's verdict on it."""

    start: int
    end: int
    text: str
    kind: str = "paragraph"
    keep: bool = True
    reason: str | None = None
    probability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "reason": self.reason,
            "probability": self.probability,
            "start": self.start,
            "end": self.end,
        }


# Removal reasons of lines that leave the body as metadata rather than as junk: a leading
# dateline (strip/rules.py) becomes `published`, a repeated headline (strip/headline.py) `title`.
DATELINE_REASON = "dateline"
TITLE_REASON = "title"
METADATA_REASONS = frozenset({DATELINE_REASON, TITLE_REASON})


@dataclass(frozen=True, slots=True)
class Stripped:
    """A document after boilerplate removal: clean text plus every block and its verdict."""

    document: Document
    text: str
    blocks: tuple[Block, ...] = ()

    @property
    def removed(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.keep)

    @property
    def junk(self) -> tuple[Block, ...]:
        """The removed blocks that were junk: all but a leading dateline and a repeated title,
        which left the body as metadata (`published`, `title`), not as boilerplate."""
        return tuple(b for b in self.blocks if not b.keep and b.reason not in METADATA_REASONS)

    @property
    def junk_share(self) -> float:
        """Share of the text's characters removed as junk (metadata lines counted in neither
        part), a quality feature in its own right."""
        junk = sum(len(b.text) for b in self.junk)
        total = junk + sum(len(b.text) for b in self.blocks if b.keep)
        return junk / total if total else 0.0


@dataclass(frozen=True)
class Claim:
    """A checkable statement found in one sentence, with typed slots.

    `slots` holds the roles of the claim kind (event: agent/action/target; located_in:
    place/region; quantity: value/unit/counts; ...). `place_ids` maps slot names to GeoNames ids.
    """

    kind: str
    slots: Mapping[str, Any]
    sentence: str
    span: tuple[int, int]
    negated: bool = False
    attributed: bool = False
    place_ids: Mapping[str, int] = field(default_factory=dict)
    document_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "slots": dict(self.slots),
            "sentence": self.sentence,
            "span": list(self.span),
            "negated": self.negated,
            "attributed": self.attributed,
            "place_ids": dict(self.place_ids),
            "document_id": self.document_id,
        }


@dataclass(frozen=True)
class Evidence:
    """A claim checked against something: the gazetteer, another report, or the same article."""

    claim: Claim
    basis: Literal["gazetteer", "cross_source", "self"]
    relation: Literal["supports", "conflicts"]
    strength: float
    explanation: str
    other_sentence: str | None = None
    other_ids: tuple[str, ...] = ()
    sources_for: int = 0
    sources_against: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "basis": self.basis,
            "relation": self.relation,
            "strength": self.strength,
            "explanation": self.explanation,
            "other_sentence": self.other_sentence,
            "other_ids": list(self.other_ids),
            "sources_for": self.sources_for,
            "sources_against": self.sources_against,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a decision came out as it did, in words a person can check."""

    kind: str
    message: str
    evidence: tuple[Any, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class Decision:
    """The gate's verdict on one input, with calibrated scores (or None) and its reasons."""

    document_id: str
    source: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    model_version: str
    inconsistency: float | None = None
    spam: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.document_id,
            "source": self.source,
            "inconsistency": self.inconsistency,
            "spam": self.spam,
            "decision": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "model_version": self.model_version,
        }
