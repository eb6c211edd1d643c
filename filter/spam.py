"""Spam and spin signals: measures of clickbait, SEO boilerplate and synonym spinning.

Like the quality measures, these only measure; the spam head decides. Phrase lists live in
`data/spam/signals.toml` so that a new content-farm habit is a data edit. The measures read the
whole text as scraped (junk included): a teaser block the stripper removes is itself a signal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from filter.data import read_toml
from filter.quality import has_terminal_punctuation
from filter.textcase import lower_if_exact

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@dataclass(frozen=True)
class Phrases:
    """One phrase list, compiled twice: case-insensitive for any text, and case-sensitive over
    lower-cased text, which Python's `re` scans about three times faster. On lower-cased text
    only the phrases whose words all occur in it (a substring test each) go into the pattern:
    a phrase that cannot match anywhere changes no match of the others."""

    folded: re.Pattern[str]
    # Lower-cased phrases in pattern order, each with its longest word and its other words;
    # None when a phrase is not ASCII (then always `folded`).
    lower: tuple[tuple[str, str, tuple[str, ...]], ...] | None

    def count(self, text: str, lowered: str | None) -> int:
        """Matches in `text`; `lowered` is `lower_if_exact(text)`."""
        if lowered is None or self.lower is None:
            return len(self.folded.findall(text))
        present = tuple(
            p
            for p, longest, rest in self.lower
            if longest in lowered and (not rest or all(w in lowered for w in rest))
        )
        return len(_pattern(present, 0).findall(lowered)) if present else 0


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
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)


def _needles(phrase: str) -> tuple[str, str, tuple[str, ...]]:
    """The phrase, its longest word and its other words: what must occur in a text it is in."""
    words = sorted(phrase.split(" "), key=len, reverse=True)
    return phrase, words[0], tuple(words[1:])


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
        if any(low.startswith(h) for h in headers):
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
    grams = list(zip(words, words[1:], words[2:], strict=False))  # the trigrams, in order
    if not grams:
        return 0.0
    counts = Counter(grams)
    return sum(c for c in counts.values() if c > 1) / len(grams)


def measure_spam(text: str, title: str | None = None) -> dict[str, float]:
    """Every spam/spin signal of one article (text as scraped, plus its title), by name."""
    lex = lexicon()
    words = [w.lower() for w in _WORD.findall(text)]
    n = len(words)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    title = title or ""
    title_words = _WORD.findall(title)
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    low = lower_if_exact(text)
    return {
        "spam_clickbait_per100w": _per_100_words(lex.clickbait.count(text, low), n),
        "spam_cta_per100w": _per_100_words(lex.call_to_action.count(text, low), n),
        "spam_spin_per100w": _per_100_words(lex.spin.count(text, low), n),
        "spam_hype_per100w": _per_100_words(sum(w in lex.hype for w in words), n),
        "spam_exclamations_per_sentence": text.count("!") / sentences,
        "spam_questions_per_sentence": text.count("?") / sentences,
        "spam_teaser_lines": float(_teaser_lines(lines, lex.teaser_headers)),
        "spam_tag_run": float(_tag_run(lines)),
        "spam_repeated_trigram_share": _repeated_trigram_share(words),
        "spam_distinct_word_share": len(set(words)) / n if n else 0.0,
        "spam_title_clickbait": float(
            lex.clickbait.count(title, lower_if_exact(title)) + title.count("!") + title.count("?")
        ),
        "spam_title_capitalised_share": (
            sum(w[0].isupper() for w in title_words) / len(title_words) if title_words else 0.0
        ),
    }


SPAM_FEATURES: tuple[str, ...] = tuple(measure_spam("x"))
