"""Numbers with their units and what they count: "130 kilometers (80 miles)", "12 of 34
provincial capitals", "3,000 troops", "more than 1,000 civilians", "$1 trillion".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from filter.claims import lexicon
from filter.textcase import has_case_alias

_STOP = {"to", "in", "of", "from", "and", "or", "were", "was", "have", "had", "has", "are", "is",
         "be", "as", "at", "on", "for", "by", "with", "that", "who", "which", "said", "will",
         "would", "could", "may", "might", "into", "across", "after", "before", "since", "than",
         "the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "per", "over",
         "under", "near", "during", "while", "when", "where", "there", "here", "ago", "more",
         "less", "each", "every", "last", "next", "so", "far", "until", "about", "up", "out",
         "off", "away", "through", "between", "among", "against", "along", "towards", "toward"}
_SKIP_MOD = {"additional", "extra", "more", "other", "new", "major", "key", "main", "some",
             "further", "another", "all", "about", "nearly", "around", "roughly", "just", "only"}
_MARKS = {"additional", "extra", "more", "other", "further", "another", "new"}


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str  # canonical: "km", "day", "usd", "percent", ... or "count"
    counts: str | None
    qualifier: str | None  # "approx" | "at_least" | "at_most" | None
    high: float | None = None  # ranges: "30 to 60 days"
    total: float | None = None  # "12 of 34"
    alt_value: float | None = None  # "(80 miles)", converted to `unit`
    marked: str | None = None  # "additional", "extra": a different quantity than before
    text: str = ""


@cache
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, float]], dict[str, float],
                       dict[str, int], dict[str, str]]:
    u = lexicon.units()
    unit_of = {w.lower(): name for name, words in u["units"].items() for w in words}
    canonical = {k: (v[0], float(v[1])) for k, v in u["canonical"].items()}
    mult = {k: float(v) for k, v in u["multipliers"].items()}
    return unit_of, canonical, mult, dict(u["words"]), dict(u["qualifiers"])


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The number itself; what may stand before it (qualifier, currency); what follows it.

    Plus a fast variant for ASCII sentences, run on the lower-cased sentence (same offsets):
    the number without a case-insensitive alternation (three times faster)."""
    unit_of, _canon, mult, words, quals = _tables()
    digits = _DIGITS
    num = rf"(?:{digits}|(?i:{lexicon.alternation(words)}))"
    number = re.compile(rf"(?<![\w.,/-])(?P<num>{num})(?![\w/:-]|\.\d|,\d)")
    number_lower = re.compile(
        rf"(?<![\w.,/-])(?P<num>{digits}|{lexicon.alternation(words)})(?![\w/:-]|\.\d|,\d)")
    before = re.compile(rf"(?:(?P<qual>{lexicon.alternation(quals)})\s+)?(?P<cur>US\$|\$|€|£)?\s?$",
                        re.IGNORECASE)
    after = re.compile(
        rf"(?:\s*(?P<mult>{lexicon.alternation(mult)})\b)?"
        rf"(?:\s*(?:to|and|or|-|–)\s*(?P<high>{num})(?![\w/:-])(?:\s*(?P<mult2>{lexicon.alternation(mult)})\b)?)?"
        rf"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+['’]s\s+)?(?:(?P<total>{num})\s+)?)?"
        rf"(?P<pct>\s?%)?",
        re.IGNORECASE)
    return number, before, after, number_lower


@cache
def _digit_number_regex() -> re.Pattern[str]:
    """The number pattern without its number words: the same matches where the sentence has
    none, found by one scan instead of a match attempt per run of digits."""
    return re.compile(rf"(?<![\w.,/-])(?P<num>{_DIGITS})(?![\w/:-]|\.\d|,\d)")


def _number(s: str, words: dict[str, int]) -> float:
    s = s.lower()
    return float(words[s]) if s in words else float(s.replace(",", ""))


def lemma(word: str) -> str:
    w = word.lower()
    irregular = {"people": "people", "men": "man", "women": "woman", "children": "child",
                 "police": "police", "personnel": "personnel", "series": "series"}
    if w in irregular:
        return irregular[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


# Up to five words (or "(", "$", "%") after a number in one match: the same tokens as
# matching "\s*(word)" once per word, without a Python loop per word.
_TOKEN = r"\s*([A-Za-z][A-Za-z'-]*|\(|\$|%)"
_TOKENS = re.compile(rf"{_TOKEN}(?:{_TOKEN}(?:{_TOKEN}(?:{_TOKEN}(?:{_TOKEN})?)?)?)?")
_PAREN = re.compile(r"\s*\(\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*-?\s*(?P<unit>[A-Za-z]+)\s*\)")
_DIGIT_RUN = re.compile(r"\d+")
_WORDS = re.compile(r"[a-z]+")
_CURRENCY = {"$": "usd", "US$": "usd", "€": "eur", "£": "gbp"}
_YEAR_COUNTS = frozenset({"troop", "soldier", "people", "civilian", "person"})
_WORD_NOISE = frozenset({"side", "thing", "way", "time"})


@cache
def _qualifier_ends() -> tuple[str, ...]:
    """The last word of every qualifier: a window that ends with none of these (and with no
    currency sign) cannot hold one, so the end-anchored qualifier search is skipped."""
    return tuple(sorted({q.lower().split()[-1] for q in _tables()[4]}))


def _number_matches(sentence: str, low: str, words: set[str] | frozenset[str] | None
                    ) -> Iterator[re.Match[str]]:
    """The number pattern's matches, as `finditer` gives them, tried only where one can start:
    at a run of digits, or at a number word of the sentence (a match starts at a word start and
    a number word is a whole word). A scan of every position is what this spares."""
    number_rx, _, _, number_lower_rx = _regexes()
    number_words = _tables()[3]
    ascii_text = sentence.isascii()
    if has_case_alias(sentence):  # the lower-cased sentence cannot stand in for it
        yield from number_rx.finditer(sentence)
        return
    rx, target = (number_lower_rx, low) if ascii_text else (number_rx, sentence)
    found = number_words.keys() & (words if words is not None else _WORDS.findall(low))
    if not found:  # digits only: a digit number starts only where a run of digits does
        yield from _digit_number_regex().finditer(target)
        return
    starts = [d.start() for d in _DIGIT_RUN.finditer(sentence)]
    for w in found:
        i = low.find(w)
        while i >= 0:
            starts.append(i)
            i = low.find(w, i + 1)
    starts.sort()
    end = 0
    for i in starts:
        if i < end:
            continue
        n = rx.match(target, i)
        if n is not None:
            end = n.end()
            yield n



def _before(sentence: str, low: str | None, n_start: int) -> re.Match[str] | None:
    """The qualifier or currency sign right before a number ("more than", "$"), or None.
    `low`: the lower-cased sentence, for a quick test first (None: no quick test)."""
    lo = max(0, n_start - 30)
    if low is not None:
        tail = low[lo:n_start].rstrip()
        if not tail or not (tail[-1] in "$€£" or tail.endswith(_qualifier_ends())):
            return None
    b = _regexes()[1].search(sentence, lo, n_start)
    return b if b and b.group().strip() else None


def find_quantities(sentence: str, offset: int, blocked: list[tuple[int, int]],
                    words: set[str] | frozenset[str] | None = None) -> list[Quantity]:
    """Quantities in one sentence; `offset` turns sentence positions into text positions.
    `words`: the sentence's lower-case words, when the caller has them already."""
    unit_of, canonical, mult, number_words, quals = _tables()
    after_rx = _regexes()[2]
    out: list[Quantity] = []
    consumed = 0
    low = sentence.lower()
    quick = None if has_case_alias(sentence) else low
    for n in _number_matches(sentence, low, words):
        n_start, n_end = n.span()
        a = after_rx.match(sentence, n_end)
        m_end = a.end()
        start, end = n_start + offset, m_end + offset
        if n_start < consumed or (blocked and any(b0 < end and start < b1 for b0, b1 in blocked)):
            continue
        consumed = m_end
        b = _before(sentence, quick, n_start)
        qual, cur = (b.group("qual"), b.group("cur")) if b else (None, None)
        m_start = b.start() if b else n_start  # qualifier or currency
        g_mult, g_high, g_mult2, g_total, g_pct = a.group("mult", "high", "mult2", "total", "pct")
        raw = n.group()
        is_word = raw.lower() in number_words
        value = _number(raw, number_words)
        if g_mult:
            value *= mult[g_mult.lower()]
        high = _number(g_high, number_words) if g_high else None
        if high is not None and g_mult2:
            high *= mult[g_mult2.lower()]
        if high is not None and g_mult and not g_mult2:
            high *= mult[g_mult.lower()]
        total = _number(g_total, number_words) if g_total else None
        unit = "percent" if g_pct else _CURRENCY[cur] if cur else None
        counts = None
        marked = None
        alt = None
        t = _TOKENS.match(sentence, m_end, m_end + 80)
        tokens = [w for w in t.groups() if w is not None] if t else []
        if unit is None and tokens:
            first = tokens[0].lower()
            two = f"{first} {tokens[1].lower()}" if len(tokens) > 1 else first
            key = two if two in unit_of else first if (
                first in unit_of and not (first == "m" and not tokens[0].islower())) else None
            if key is not None:
                unit = unit_of[key]
                rest = sentence[m_end:m_end + 80]
                p = _PAREN.match(rest, rest.lower().find(key) + len(key))
                if p and p.group("unit").lower() in unit_of:
                    alt_unit = unit_of[p.group("unit").lower()]
                    a_canon, a_factor = canonical.get(alt_unit, (alt_unit, 1.0))
                    alt = (float(p.group("num").replace(",", "")) * a_factor, a_canon)
                    end = offset + m_end + p.end()
                    consumed = m_end + p.end()
        if unit is None:
            phrase = _noun_phrase(tokens, value)
            if not phrase:
                continue
            if phrase[0].lower() in _MARKS:
                marked = phrase[0].lower()
            head = lemma(phrase[-1])
            prev = phrase[-2] if len(phrase) >= 2 else None
            counts = f"{prev.lower()} {head}" if prev and prev.islower() and prev not in _SKIP_MOD \
                else head
            unit = "count"
        else:
            canon, factor = canonical.get(unit, (unit, 1.0))
            unit = canon
            value *= factor
            if high is not None:
                high *= factor
        if unit == "count" and not is_word and 1900 <= value <= 2100 and "," not in raw \
                and counts not in _YEAR_COUNTS:
            continue  # a year, not a count ("in 2001 the US ...")
        if is_word and unit == "count" and counts in _WORD_NOISE:
            continue
        qualifier = quals.get(" ".join(qual.lower().split())) if qual else None
        if is_word and raw.lower().endswith("s"):
            qualifier = "approx"  # "thousands of soldiers"
        if cur is None and n_start > 0 and sentence[n_start - 1] in "$€£":
            continue
        if marked is None:
            before = sentence[max(0, m_start - 20):m_start].lower().split()[-2:]
            marked = next((w for w in before if w in _MARKS), None)
        out.append(Quantity(start, end, value, unit, counts, qualifier, high, total,
                            alt[0] if alt and alt[1] == unit else None, marked,
                            sentence[m_start:end - offset]))
    return out


def _noun_phrase(tokens: list[str], value: float) -> list[str]:
    """The words a count counts: up to three, ending at a stop word or a plural."""
    phrase = []
    for t in tokens:
        if t in ("(", "$", "%") or t.lower() in _STOP:
            break
        phrase.append(t)
        if len(phrase) == 3 or (value != 1 and lemma(t) != t.lower() and t.islower()):
            break  # a plural ends the noun phrase: "battalions heading" -> battalion
    return phrase
