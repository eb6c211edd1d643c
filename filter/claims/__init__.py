"""Stage 3, claims: places, actors, numbers, times and the relations between them."""

from filter.claims.extract import CLAIM_KINDS, extract_claims

__all__ = ["CLAIM_KINDS", "extract_claims"]
