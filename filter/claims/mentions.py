"""Spans the claim layer found in the text: places, actors, demonyms."""

from __future__ import annotations

from dataclasses import dataclass, field

from filter.gazetteer import Place


@dataclass(slots=True)
class Mention:
    """One entity span. `place` is the resolved gazetteer entry; `candidates` all readings."""

    start: int
    end: int
    text: str
    kind: str  # "place" | "actor" | "demonym"
    key: str = ""  # actor key, or country code for demonyms
    side: str | None = None
    place: Place | None = None
    candidates: tuple[Place, ...] = field(default_factory=tuple)
    cue: str | None = None  # "city", "province", ... when the text says which
    country: str | None = None  # demonym actors: the country they belong to
