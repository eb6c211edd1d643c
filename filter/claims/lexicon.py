"""The data files of the claim layer, loaded once: lexicons, patterns, cues, units, tolerances."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

DIR = (r"(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west|central|far[- ]?(?:north|south|east|"
       r"west))(?:ern|erly)?")
DIRWORD = (r"(?:north|south)(?:[- ]?(?:east|west))?|east|west|northeast|northwest|southeast|"
           r"southwest|north-east|north-west|south-east|south-west")
REGION = (r"province|provinces|state|region|district|county|oblast|governorate|prefecture|"
          r"department|territory|canton|municipality")


def _read(name: str) -> str:
    return resources.files("filter.data.claims").joinpath(name).read_text("utf-8")


@cache
def toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_read(name))


def expand(pattern: str) -> str:
    return (pattern.replace("{DIRWORD}", DIRWORD).replace("{DIR}", DIR)
            .replace("{REGION}", REGION))


def alternation(words: list[str] | set[str]) -> str:
    """Regex alternation, longest first, with flexible whitespace inside multi-word entries."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class ActorEntry:
    key: str
    side: str


@cache
def actor_lexicon() -> tuple[dict[str, ActorEntry], dict[str, ActorEntry], dict[str, str]]:
    """(proper name -> entry, folded noun -> entry, head noun -> side)."""
    data = toml("actors.toml")
    names: dict[str, ActorEntry] = {}
    nouns: dict[str, ActorEntry] = {}
    for a in data["actor"]:
        entry = ActorEntry(a["key"], a["side"])
        for n in a.get("names", ()):
            names[n] = entry
        for n in a.get("nouns", ()):
            nouns[n.lower()] = entry
    heads = {h: side for side, words in data["heads"].items() for h in words}
    return names, nouns, heads


@cache
def demonyms() -> dict[str, str]:
    """Demonym (as written) -> ISO country code."""
    data = toml("countries.toml")
    return {d: cc for cc, words in data["demonyms"].items() for d in words}


@cache
def actions() -> dict[str, dict[str, str]]:
    """Form ("active", "passive", "fell_to", "nouns", "bare_passive") -> {phrase: action}."""
    out: dict[str, dict[str, str]] = {"active": {}, "passive": {}, "fell_to": {}, "nouns": {},
                                      "bare_passive": {}}
    for action, forms in toml("actions.toml").items():
        for form, phrases in forms.items():
            for p in phrases:
                out[form].setdefault(p.lower(), action)
    return out


@cache
def place_stopwords() -> frozenset[str]:
    lines = (ln.split("#", 1)[0].strip() for ln in _read("place_stopwords.txt").splitlines())
    return frozenset(ln for ln in lines if ln)


@cache
def cues() -> dict[str, Any]:
    return toml("cues.toml")


@cache
def patterns() -> dict[str, Any]:
    return toml("patterns.toml")


@cache
def units() -> dict[str, Any]:
    return toml("units.toml")


@cache
def tolerance() -> dict[str, Any]:
    return toml("tolerance.toml")
