"""Gopher/C4-style quality rules: small measures, thresholds in `data/quality_rules.toml`.

Each measure is one function of the clean text; a rule binds a measure to a bound and a verdict.
Measuring and deciding stay apart (as in dolma's taggers and mixer), so the same measures also
serve as model features.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import filterfalse, product, repeat
from pathlib import Path

from filter.data import read_text
from filter.types import Reason

# A word (a run of non-space) holding a letter: one match per such word, found in one scan.
_ALPHA_WORD = re.compile(r"(?<!\S)\S*?[^\W\d_]\S*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦–]|\d{1,3}[.)])\s+")
_TERMINAL_ENDS = tuple(".!?\"'”’:)")
_STOPWORDS = frozenset({"the", "be", "to", "of", "and", "that", "have", "with"})
# Every upper/lower-case spelling of the stopwords: a word lower-cases to a stopword exactly
# when it is one of these (the one other character that lower-cases to ASCII is the Kelvin
# sign, to a "k" that no stopword holds), so the count needs no lower-cased copy of the text.
_STOPWORD_SPELLINGS = frozenset(
    "".join(chars) for w in _STOPWORDS for chars in product(*((c, c.upper()) for c in w))
)
_STOPWORD_STRIP = ".,;:!?\"'"
_WORD_STRIP = ".,;:!?\"'()[]"
# For ASCII text, as one bytes translation (plain table look-ups): every character but letters
# and white space deleted, so that exactly the words holding a letter survive a split, and what
# `str.split` takes for white space made a space (`bytes.split` knows no \x1c-\x1f).
_NOT_LETTERS = bytes(c for c in range(128) if not (chr(c).isspace() or chr(c).isalpha()))
_SPACES = bytes(32 if chr(c).isspace() else c for c in range(256))


class Views:
    """The tokenisations the measures share, each made once per text on first use: the gate
    measures every article for both the model's features and the rules."""

    def __init__(self, text: str) -> None:
        self.text = text

    # `str.split()` splits at exactly the characters `\s` matches: the runs of non-space.
    @cached_property
    def words(self) -> list[str]:
        return self.text.split()

    @cached_property
    def lines(self) -> list[str]:
        return [line for line in self.text.splitlines() if line.strip()]


def _word_count(v: Views) -> float:
    return float(len(v.words))


def _sentence_count(v: Views) -> float:
    return float(len(_SENTENCE_END.findall(v.text)) or (1 if v.text.strip() else 0))


def _alpha_word_count(text: str, words: list[str] | None = None) -> int:
    """Words holding a letter (`words` are the text's, when already split).

    On ASCII text a translate and a split; otherwise the regex scans only the words that are
    not all letters, as a word of letters holds one."""
    if text.isascii():
        return len(text.encode().translate(_SPACES, _NOT_LETTERS).split())
    words = text.split() if words is None else words
    mixed = list(filterfalse(str.isalpha, words))
    return len(words) - len(mixed) + len(_ALPHA_WORD.findall(" ".join(mixed)))


def _alpha_word_ratio(v: Views) -> float:
    words = v.words
    return _alpha_word_count(v.text, words) / len(words) if words else 0.0


def _stopword_count(v: Views) -> float:
    """Words that are a stopword in any case once stripped of punctuation."""
    stripped = map(str.strip, v.words, repeat(_STOPWORD_STRIP))
    return float(sum(map(_STOPWORD_SPELLINGS.__contains__, stripped)))


def _mean_word_length(v: Views) -> float:
    words = list(map(str.strip, v.words, repeat(_WORD_STRIP)))
    nonempty = len(words) - words.count("")
    return sum(map(len, words)) / nonempty if nonempty else 0.0


def _symbol_word_ratio(v: Views) -> float:
    text, words = v.text, v.words
    symbols = text.count("#") + text.count("...") + text.count("…")
    return symbols / len(words) if words else 0.0


def _bullet_line_ratio(v: Views) -> float:
    lines = v.lines
    return sum(1 for line in lines if _BULLET.match(line)) / len(lines) if lines else 0.0


def _ellipsis_line_ratio(v: Views) -> float:
    lines = v.lines
    ends = ("...", "…")
    return sum(1 for line in lines if line.rstrip().endswith(ends)) / len(lines) if lines else 0.0


def has_terminal_punctuation(line: str) -> bool:
    """The line ends in sentence punctuation, a colon, a closing quote or a bracket."""
    return line.rstrip().endswith(_TERMINAL_ENDS)


def _terminal_punctuation_line_ratio(v: Views) -> float:
    lines = v.lines
    return sum(1 for line in lines if has_terminal_punctuation(line)) / len(lines) if lines else 0.0


_ON_VIEWS: dict[str, Callable[[Views], float]] = {
    f.__name__[1:]: f
    for f in (
        _word_count,
        _sentence_count,
        _alpha_word_ratio,
        _stopword_count,
        _mean_word_length,
        _symbol_word_ratio,
        _bullet_line_ratio,
        _ellipsis_line_ratio,
        _terminal_punctuation_line_ratio,
    )
}


def _on_text(name: str, fn: Callable[[Views], float]) -> Callable[[str], float]:
    def measure(text: str) -> float:
        return fn(Views(text))

    measure.__name__ = measure.__qualname__ = name
    measure.__doc__ = f"{name} of one text."
    return measure


MEASURES: dict[str, Callable[[str], float]] = {
    name: _on_text(name, fn) for name, fn in _ON_VIEWS.items()
}
word_count = MEASURES["word_count"]
sentence_count = MEASURES["sentence_count"]
alpha_word_ratio = MEASURES["alpha_word_ratio"]
stopword_count = MEASURES["stopword_count"]
mean_word_length = MEASURES["mean_word_length"]
symbol_word_ratio = MEASURES["symbol_word_ratio"]
bullet_line_ratio = MEASURES["bullet_line_ratio"]
ellipsis_line_ratio = MEASURES["ellipsis_line_ratio"]
terminal_punctuation_line_ratio = MEASURES["terminal_punctuation_line_ratio"]


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
    raw = read_text("quality_rules.toml") if path is None else Path(path).read_text("utf-8")
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
    views = Views(text)
    return {name: fn(views) for name, fn in _ON_VIEWS.items()}


def check(
    text: str, rules: tuple[Rule, ...] | None = None, values: Mapping[str, float] | None = None
) -> list[Reason]:
    """The rules `text` fails, each as a Reason whose evidence carries the verdict it asks for.

    `values` are measures already taken of `text` (from `measure_all`), so the gate does not
    measure an article twice; measures missing from it are taken here.
    """
    rules = rules if rules is not None else default_rules()
    known: dict[str, float] = dict(values or {})
    views = Views(text)
    failures = []
    for rule in rules:
        if rule.measure not in known:
            known[rule.measure] = _ON_VIEWS[rule.measure](views)
        reason = rule.check(known[rule.measure])
        if reason is not None:
            failures.append(reason)
    return failures
