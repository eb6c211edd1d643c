"""The shipped data files (lexicons, patterns, thresholds), read from the installed package."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of one data file, `name` relative to this package ("strip/markers.toml")."""
    return resources.files("filter.data").joinpath(name).read_text("utf-8")


def read_toml(name: str) -> dict[str, Any]:
    """One TOML data file, parsed (callers cache what they build from it)."""
    return tomllib.loads(read_text(name))
