"""A bounded memo keyed by object identity, for work done once per report or claims object.

A report is context for every other article of its event, so what evidence derives from it
(its sentences, its word index, its voting entries) is kept for as long as the object lives
instead of being redone per article. The memo holds the object itself, so its id cannot be
reused by another object while the entry stands; it is never keyed by text.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """Values by (object identity, extra key), oldest entry out first beyond `limit`."""

    __slots__ = ("_entries", "_limit")

    def __init__(self, limit: int = 8192) -> None:
        self._entries: dict[int, tuple[object, Hashable, V]] = {}
        self._limit = limit

    def get(self, obj: object, key: Hashable = ()) -> V | None:
        """The value stored for this very `obj` with an equal `key`, else None."""
        hit = self._entries.get(id(obj))
        if hit is not None and hit[0] is obj and hit[1] == key:
            return hit[2]
        return None

    def put(self, obj: object, key: Hashable, value: V) -> V:
        """Store `value` for `obj` and `key` (replacing what `obj` had) and return it."""
        if id(obj) not in self._entries and len(self._entries) >= self._limit:
            self._entries.pop(next(iter(self._entries)))
        self._entries[id(obj)] = (obj, key, value)
        return value
