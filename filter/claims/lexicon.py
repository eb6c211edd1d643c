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
    """Regex alternation, longest first, with flexible whitespace inside multi-word entries.

    Written as a prefix tree ("t(?:ook(?:\\s+control\\s+of|\\s+over|)|ake)" for "took control
    of", "took over", "took", "take"): the engine tries the entries one after another, and a
    flat list of two hundred verbs costs two hundred attempts at every position. Entries that
    part ways at a letter can never both match at one position, so grouping them by prefix
    keeps the order in which the entries that can match are tried, and so every match, with or
    without IGNORECASE. A prefix never spans a space (flexible whitespace matches varying
    lengths)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    if not all(w.isascii() and all(c == " " or not c.isspace() for c in w) for w in ordered):
        return "|".join(_escape(w) for w in ordered)
    return _tree(ordered, 0, top=True)


def _escape(piece: str) -> str:
    return re.escape(piece).replace(r"\ ", r"\s+")


def _tree(items: list[str], depth: int, top: bool = False) -> str:
    """The entries `items` (in order, sharing their first `depth` characters) from `depth` on:
    one branch per next character (case folded, as IGNORECASE would), in order of first use;
    an entry that ends here matches last, as the shortest does in the flat list."""
    if len(items) == 1:
        return _escape(items[0][depth:])
    groups: dict[str, list[str]] = {}
    ends = False
    for w in items:
        if len(w) == depth:
            ends = True
        else:
            groups.setdefault(w[depth].lower(), []).append(w)
    parts = []
    for group in groups.values():
        if group[0][depth] == " " or len({w[depth] for w in group}) > 1:
            # "\s+" matches more than one character: the entries after it would no longer stand
            # at one position; "US$" and "us" share no literal. Either way: no factoring here.
            parts.extend(_escape(w[depth:]) for w in group)
        else:
            parts.append(_escape(group[0][depth]) + _tree(group, depth + 1))
    if ends:
        parts.append("")
    return "|".join(parts) if top or len(parts) == 1 else f"(?:{'|'.join(parts)})"


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
