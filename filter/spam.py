"""Spam and spin signals: measures of clickbait, SEO boilerplate and synonym spinning.

Like the quality measures, these only measure; the spam head decides. Phrase lists live in
`data/spam/signals.toml` so that a new content-farm habit is a data edit. The measures read the
whole text as scraped (junk included): a teaser block the stripper removes is itself a signal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import filterfalse

from filter.data import read_toml
from filter.quality import has_terminal_punctuation
from filter.textcase import lower_if_exact

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# `_WORD` on lower-cased ASCII text, where its classes are plain ranges that `re` tests faster.
_ASCII_LOWER_WORD = re.compile(r"[a-z][a-z0-9_'-]*")
# `[.!?]+` spelled to open with a character class, which lets `re` skip to the next candidate.
_SENTENCE_END = re.compile(r"[.!?][.!?]*(?=\s|$)")
_RUN = re.compile(r"\w+")
_LETTER_LED = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Scanned:
    """One text as the phrase counts read it, tokenised once for all phrase lists."""

    text: str
    lowered: str | None  # `lower_if_exact(text)`
    words: list[str]  # lower-cased
    distinct: set[str]  # the distinct lower-cased words
    runs: set[str]  # a superset of the lower-cased text's letter-led ASCII runs of word characters


def _runs(distinct: set[str]) -> set[str]:
    """Every maximal run of word characters in the text that starts with a letter, found in its
    words: a word is such a run unless it holds an apostrophe, hyphen or underscore, and then
    its pieces are. (A word lower-cased alone may spell a capital sigma differently than the
    lower-cased text does; the ASCII runs that phrases need are the same.)"""
    joined = list(filterfalse(str.isalnum, distinct))
    return distinct.union(_RUN.findall(" ".join(joined))) if joined else distinct


def _lower_words(text: str, lowered: str | None) -> list[str]:
    """The words of `text`, lower-cased. Lower-casing keeps every character's class, so the
    words of the lower-cased text are the lower-cased words, save that a capital sigma's form
    depends on what follows its word."""
    if lowered is None or "Σ" in text:
        return [w.lower() for w in _WORD.findall(text)]
    return (_ASCII_LOWER_WORD if lowered.isascii() else _WORD).findall(lowered)


def scan(text: str) -> Scanned:
    """The views of `text` that the phrase counts and word measures share."""
    lowered = lower_if_exact(text)
    words = _lower_words(text, lowered)
    distinct = set(words)
    return Scanned(text, lowered, words, distinct, _runs(distinct))


@dataclass(frozen=True)
class Phrases:
    """One phrase list, compiled twice: case-insensitive for any text, and case-sensitive over
    lower-cased text, which Python's `re` scans about three times faster. On lower-cased text
    only the phrases whose letter-led word runs all occur among the text's runs (a set test
    each) go into the pattern: a phrase that cannot match anywhere changes no match of the
    others. A match is bounded by non-word characters, so each of its runs is a whole run of
    the text, and a letter-led one lies in a word."""

    folded: re.Pattern[str]
    # Lower-cased phrases in pattern order, each with the runs a text must hold for a match;
    # None when a phrase is not ASCII (then always `folded`).
    lower: tuple[tuple[str, frozenset[str]], ...] | None
    # Positions in `lower` by one run each phrase needs (phrases needing none under ""), so
    # that a text is tested only against the phrases whose key run it holds.
    by_run: dict[str, tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_run: dict[str, list[int]] = {}
        for i, (_, need) in enumerate(self.lower or ()):
            by_run.setdefault(max(need, key=len, default=""), []).append(i)
        object.__setattr__(self, "by_run", {r: tuple(at) for r, at in by_run.items()})

    def count(self, scanned: Scanned) -> int:
        """Matches in the scanned text."""
        lowered, runs = scanned.lowered, scanned.runs
        if lowered is None or self.lower is None:
            return len(self.folded.findall(scanned.text))
        present = self._present(runs)
        return len(_pattern(present, 0).findall(lowered)) if present else 0

    def _present(self, runs: set[str]) -> tuple[str, ...]:
        """The lower-cased phrases whose runs all occur among `runs`, in pattern order."""
        by_run = self.by_run
        keys = by_run.keys() & runs
        if "" in by_run:
            keys.add("")
        if not keys:
            return ()
        candidates = sorted(i for key in keys for i in by_run[key])
        lower = self.lower or ()
        return tuple(p for p, need in map(lower.__getitem__, candidates) if need <= runs)


@dataclass(frozen=True)
class SpamLexicon:
    """Compiled phrase lists from the data file."""

    version: int
    clickbait: Phrases
    call_to_action: Phrases
    spin: Phrases
    hype: frozenset[str]
    teaser_headers: tuple[str, ...]


@lru_cache(maxsize=1024)  # keyed by phrase lists: a few distinct subsets recur
def _pattern(phrases: tuple[str, ...], flags: int) -> re.Pattern[str]:
    """The phrases as whole words, the first in the list winning where several match.

    Case-sensitively, the not-a-word-before test follows each phrase's first character, where
    it reads the same character before the phrase: a pattern that opens with characters lets
    `re` skip to where one occurs instead of trying every position (several times faster).
    Case-insensitively `re` cannot skip by a cased character, and the test comes first, where
    it rules out most positions at once.
    """
    if flags & re.IGNORECASE:
        body = "|".join(map(_escaped, phrases))
        return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)
    return re.compile(rf"(?:{'|'.join(map(_branch, phrases))})(?![\w])", flags)


def _branch(phrase: str) -> str:
    """One phrase not preceded by a word character, tested after its first character."""
    if not phrase or phrase[0].isspace():  # then the first character starts a run of spaces
        return r"(?<![\w])" + _escaped(phrase)
    return _escaped(phrase[0]) + r"(?<![\w][\s\S])" + _escaped(phrase[1:])


def _escaped(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ ", r"\s+")


def _needles(phrase: str) -> tuple[str, frozenset[str]]:
    """The phrase and its letter-led runs of word characters: what a text it is in holds."""
    return phrase, frozenset(r for r in _RUN.findall(phrase) if _LETTER_LED.match(r))


def _phrases(words: list[str]) -> Phrases:
    ordered = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
    ascii_only = all(w.isascii() for w in ordered)
    return Phrases(
        folded=_pattern(ordered, re.IGNORECASE),
        lower=tuple(_needles(w.lower()) for w in ordered) if ascii_only else None,
    )


@cache
def lexicon() -> SpamLexicon:
    data = read_toml("spam/signals.toml")
    return SpamLexicon(
        version=int(data["version"]),
        clickbait=_phrases(data["clickbait"]["phrases"]),
        call_to_action=_phrases(data["call_to_action"]["phrases"]),
        spin=_phrases(data["spin"]["phrases"]),
        hype=frozenset(w.lower() for w in data["hype"]["words"]),
        teaser_headers=tuple(h.lower() for h in data["teaser"]["headers"]),
    )


def _per_100_words(count: int, words: int) -> float:
    return 100.0 * count / words if words else 0.0


def _teaser_lines(lines: list[str], headers: tuple[str, ...]) -> int:
    """Short lines that follow a "You May Also Like"-style header, until the next prose line."""
    count, inside = 0, False
    for line in lines:
        low = line.strip().lower().lstrip("-*•· ")
        if low.startswith(headers):
            inside = True
            continue
        if inside and len(low.split()) <= 14:
            count += 1
        else:
            inside = False
    return count


def _tag_run(lines: list[str]) -> int:
    """Longest run of short list lines without end punctuation (tag lists, link lists)."""
    best = run = 0
    for line in lines:
        s = line.strip()
        short_item = s.startswith(("-", "*", "•", "#")) and len(s.split()) <= 6
        if short_item and not has_terminal_punctuation(s):
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best


def _repeated_trigram_share(words: list[str]) -> float:
    """Share of word trigrams that occur more than once: spinners repeat their phrases."""
    total = len(words) - 2  # the trigrams
    if total <= 0:
        return 0.0
    counts = Counter(zip(words, words[1:], words[2:], strict=False))
    return (total - list(counts.values()).count(1)) / total


def measure_spam(text: str, title: str | None = None) -> dict[str, float]:
    """Every spam/spin signal of one article (text as scraped, plus its title), by name."""
    lex = lexicon()
    scanned = scan(text)
    words = scanned.words
    n = len(words)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    title = title or ""
    title_words = _WORD.findall(title)
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    return {
        "spam_clickbait_per100w": _per_100_words(lex.clickbait.count(scanned), n),
        "spam_cta_per100w": _per_100_words(lex.call_to_action.count(scanned), n),
        "spam_spin_per100w": _per_100_words(lex.spin.count(scanned), n),
        "spam_hype_per100w": _per_100_words(
            sum(map(words.count, lex.hype.intersection(scanned.distinct))), n
        ),
        "spam_exclamations_per_sentence": text.count("!") / sentences,
        "spam_questions_per_sentence": text.count("?") / sentences,
        "spam_teaser_lines": float(_teaser_lines(lines, lex.teaser_headers)),
        "spam_tag_run": float(_tag_run(lines)),
        "spam_repeated_trigram_share": _repeated_trigram_share(words),
        "spam_distinct_word_share": len(scanned.distinct) / n if n else 0.0,
        "spam_title_clickbait": float(
            lex.clickbait.count(scan(title)) + title.count("!") + title.count("?")
        ),
        "spam_title_capitalised_share": (
            sum(w[0].isupper() for w in title_words) / len(title_words) if title_words else 0.0
        ),
    }


SPAM_FEATURES: tuple[str, ...] = tuple(measure_spam("x"))
