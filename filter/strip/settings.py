"""The stripper's measured settings (data/strip/settings.toml), loaded once."""

from __future__ import annotations

from functools import cache
from typing import Any

from filter.data import read_toml


@cache
def settings() -> dict[str, Any]:
    return read_toml("strip/settings.toml")
