"""The stripper's measured settings (data/strip/settings.toml), loaded once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def settings() -> dict[str, Any]:
    raw = resources.files("filter.data").joinpath("strip/settings.toml").read_text("utf-8")
    return tomllib.loads(raw)
