"""Context settings from `data/context.toml`: thresholds live in the data file, not in code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from filter.data import read_text

_VERDICTS = ("admit", "review", "reject")


@dataclass(frozen=True, slots=True)
class ContextConfig:
    """Every knob of stage 4; the defaults are the shipped data file's values."""

    shingle_words: int = 5
    num_perm: int = 128
    seed: int = 1
    max_entities: int = 20
    max_keywords: int = 25
    min_keyword_length: int = 4
    bands: int = 32
    rows: int = 4
    near_jaccard: float = 0.5
    near_containment: float = 0.8
    voice_containment: float = 0.5
    passage_min_words: int = 12
    exact_verdict: str = "reject"
    near_verdict: str = "review"
    window_days: int = 3
    top_k: int = 10
    min_shared_entities: int = 2
    min_score: float = 0.08
    entity_weight: float = 0.6
    max_postings: int = 200
    max_candidates: int = 300
    idf_prior_documents: int = 100

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError("context: bands x rows must not exceed num_perm")
        for name in ("exact_verdict", "near_verdict"):
            if getattr(self, name) not in _VERDICTS:
                raise ValueError(f"context: {name} must be one of {', '.join(_VERDICTS)}")

    @property
    def params(self) -> str:
        """What a stored signature depends on; signatures with other params are not comparable."""
        return f"w{self.shingle_words}-p{self.num_perm}-s{self.seed}-b{self.bands}x{self.rows}"


def load_config(path: str | Path | None = None) -> ContextConfig:
    """Settings from a TOML file (the shipped `context.toml` by default)."""
    raw = read_text("context.toml") if path is None else Path(path).read_text("utf-8")
    data = tomllib.loads(raw)
    flat: dict[str, Any] = {**data.get("signature", {}), **data.get("related", {})}
    dup = dict(data.get("duplicates", {}))
    verdicts = dup.pop("verdict", {})
    flat.update(dup)
    if "exact" in verdicts:
        flat["exact_verdict"] = verdicts["exact"]
    if "near" in verdicts:
        flat["near_verdict"] = verdicts["near"]
    unknown = set(flat) - set(ContextConfig.__dataclass_fields__)
    if unknown:
        raise ValueError(f"context settings: unknown keys {sorted(unknown)}")
    return ContextConfig(**flat)


@cache
def default_config() -> ContextConfig:
    return load_config()


@cache
def stopwords() -> frozenset[str]:
    """Never keywords, and never salient entities on their own."""
    raw = read_text("context_stopwords.txt")
    words: set[str] = set()
    for line in raw.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)
