"""Gopher/C4-style quality rules: small measures, thresholds in `data/quality_rules.toml`.

Each measure is one function of the clean text; a rule binds a measure to a bound and a verdict.
Measuring and deciding stay apart (as in dolma's taggers and mixer), so the same measures also
serve as model features.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from filter.types import Reason

_WORD = re.compile(r"\S+")
_ALPHA = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦–]|\d{1,3}[.)])\s+")
_TERMINAL = re.compile(r"[.!?\"'”’:)]\s*$")
_STOPWORDS = frozenset({"the", "be", "to", "of", "and", "that", "have", "with"})


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def word_count(text: str) -> float:
    return float(len(_words(text)))


def sentence_count(text: str) -> float:
    return float(len(_SENTENCE_END.findall(text)) or (1 if text.strip() else 0))


def alpha_word_ratio(text: str) -> float:
    words = _words(text)
    return sum(1 for w in words if _ALPHA.search(w)) / len(words) if words else 0.0


def stopword_count(text: str) -> float:
    return float(sum(1 for w in _words(text.lower()) if w.strip(".,;:!?\"'") in _STOPWORDS))


def mean_word_length(text: str) -> float:
    words = [w.strip(".,;:!?\"'()[]") for w in _words(text)]
    words = [w for w in words if w]
    return sum(map(len, words)) / len(words) if words else 0.0


def symbol_word_ratio(text: str) -> float:
    words = _words(text)
    symbols = text.count("#") + text.count("...") + text.count("…")
    return symbols / len(words) if words else 0.0


def bullet_line_ratio(text: str) -> float:
    lines = _lines(text)
    return sum(1 for line in lines if _BULLET.match(line)) / len(lines) if lines else 0.0


def ellipsis_line_ratio(text: str) -> float:
    lines = _lines(text)
    ends = ("...", "…")
    return sum(1 for line in lines if line.rstrip().endswith(ends)) / len(lines) if lines else 0.0


def terminal_punctuation_line_ratio(text: str) -> float:
    lines = _lines(text)
    return sum(1 for line in lines if _TERMINAL.search(line)) / len(lines) if lines else 0.0


MEASURES: dict[str, Callable[[str], float]] = {
    f.__name__: f
    for f in (
        word_count,
        sentence_count,
        alpha_word_ratio,
        stopword_count,
        mean_word_length,
        symbol_word_ratio,
        bullet_line_ratio,
        ellipsis_line_ratio,
        terminal_punctuation_line_ratio,
    )
}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    measure: str
    verdict: str
    message: str
    min: float | None = None
    max: float | None = None

    def check(self, value: float) -> Reason | None:
        """A reason if `value` is out of bounds, else None."""
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            text = self.message.format(value=value, min=self.min, max=self.max)
            return Reason(
                kind=f"quality.{self.name}",
                message=text,
                evidence=({"verdict": self.verdict, "value": value},),
            )
        return None


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """Rules from a TOML file (the shipped `quality_rules.toml` by default), validated."""
    if path is None:
        raw = resources.files("filter.data").joinpath("quality_rules.toml").read_text("utf-8")
    else:
        raw = Path(path).read_text("utf-8")
    rules = []
    for entry in tomllib.loads(raw).get("rule", []):
        if entry.get("measure") not in MEASURES:
            raise ValueError(
                f"quality rule {entry.get('name')!r}: unknown measure {entry.get('measure')!r}"
            )
        if entry.get("verdict") not in ("review", "reject"):
            raise ValueError(
                f"quality rule {entry.get('name')!r}: verdict must be review or reject"
            )
        rules.append(Rule(**entry))
    return tuple(rules)


@cache
def default_rules() -> tuple[Rule, ...]:
    return load_rules()


def measure_all(text: str) -> dict[str, float]:
    """Every measure of `text`, by name: quality features for the model as well as the rules."""
    return {name: fn(text) for name, fn in MEASURES.items()}


def check(text: str, rules: tuple[Rule, ...] | None = None) -> list[Reason]:
    """The rules `text` fails, each as a Reason whose evidence carries the verdict it asks for."""
    rules = rules if rules is not None else default_rules()
    values: dict[str, float] = {}
    failures = []
    for rule in rules:
        if rule.measure not in values:
            values[rule.measure] = MEASURES[rule.measure](text)
        reason = rule.check(values[rule.measure])
        if reason is not None:
            failures.append(reason)
    return failures
