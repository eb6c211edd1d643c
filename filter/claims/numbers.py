"""Numbers with their units and what they count: "130 kilometers (80 miles)", "12 of 34
provincial capitals", "3,000 troops", "more than 1,000 civilians", "$1 trillion".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from filter.claims import lexicon

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


@dataclass(frozen=True, slots=True)
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
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str],
                        re.Pattern[str]]:
    """The number itself; what may stand before it (qualifier, currency); what follows it.

    Plus two fast variants for ASCII sentences, run on the lower-cased sentence (same offsets):
    the number without a case-insensitive alternation (three times faster), and a test for
    "any qualifier or currency at all", which spares most numbers the end-anchored search."""
    unit_of, _canon, mult, words, quals = _tables()
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    num = rf"(?:{digits}|(?i:{lexicon.alternation(words)}))"
    number = re.compile(rf"(?<![\w.,/-])(?P<num>{num})(?![\w/:-]|\.\d|,\d)")
    number_lower = re.compile(
        rf"(?<![\w.,/-])(?P<num>{digits}|{lexicon.alternation(words)})(?![\w/:-]|\.\d|,\d)")
    before = re.compile(rf"(?:(?P<qual>{lexicon.alternation(quals)})\s+)?(?P<cur>US\$|\$|€|£)?\s?$",
                        re.IGNORECASE)
    maybe_before = re.compile(rf"(?:{lexicon.alternation(quals)})\s|[$€£]")
    after = re.compile(
        rf"(?:\s*(?P<mult>{lexicon.alternation(mult)})\b)?"
        rf"(?:\s*(?:to|and|or|-|–)\s*(?P<high>{num})(?![\w/:-])(?:\s*(?P<mult2>{lexicon.alternation(mult)})\b)?)?"
        rf"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+['’]s\s+)?(?:(?P<total>{num})\s+)?)?"
        rf"(?P<pct>\s?%)?",
        re.IGNORECASE)
    return number, before, after, number_lower, maybe_before


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


_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*|\(|\$|%)")
_PAREN = re.compile(r"\s*\(\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*-?\s*(?P<unit>[A-Za-z]+)\s*\)")


def find_quantities(sentence: str, offset: int, blocked: list[tuple[int, int]]) -> list[Quantity]:
    """Quantities in one sentence; `offset` turns sentence positions into text positions."""
    unit_of, canonical, mult, words, quals = _tables()
    out: list[Quantity] = []
    consumed = 0
    number_rx, before_rx, after_rx, number_lower_rx, maybe_before_rx = _regexes()
    low = sentence.lower() if sentence.isascii() else None
    numbers = number_lower_rx.finditer(low) if low is not None else number_rx.finditer(sentence)
    for n in numbers:
        n_start, n_end = n.span()
        lo = max(0, n_start - 30)
        b = before_rx.search(sentence, lo, n_start) if (
            low is None or maybe_before_rx.search(low, lo, n_start)) else None
        a = after_rx.match(sentence, n_end)
        m_start = b.start() if b and b.group().strip() else n_start  # qualifier or currency
        m_end = a.end()
        start, end = n_start + offset, m_end + offset
        if n_start < consumed or any(b0 < end and start < b1 for b0, b1 in blocked):
            continue
        consumed = m_end
        qual, cur = (b.group("qual"), b.group("cur")) if b else (None, None)
        g_mult, g_high, g_mult2, g_total, g_pct = a.group("mult", "high", "mult2", "total", "pct")
        raw = n.group("num")
        is_word = raw.lower() in words
        value = _number(raw, words)
        if g_mult:
            value *= mult[g_mult.lower()]
        high = _number(g_high, words) if g_high else None
        if high is not None and g_mult2:
            high *= mult[g_mult2.lower()]
        if high is not None and g_mult and not g_mult2:
            high *= mult[g_mult.lower()]
        total = _number(g_total, words) if g_total else None
        rest = sentence[m_end:m_end + 80]
        unit = None
        counts = None
        marked = None
        alt = None
        if g_pct:
            unit = "percent"
        elif cur:
            unit = {"$": "usd", "US$": "usd", "€": "eur", "£": "gbp"}[cur]
        tokens = []
        pos = 0
        while len(tokens) < 5:
            w = _WORD.match(rest, pos)
            if not w:
                break
            tokens.append(w.group(1))
            pos = w.end()
        if unit is None and tokens:
            first = tokens[0].lower()
            two = " ".join(t.lower() for t in tokens[:2])
            if two in unit_of:
                unit = unit_of[two]
                pos_after = rest.lower().find(two) + len(two)
            elif first in unit_of and not (first == "m" and not tokens[0].islower()):
                unit = unit_of[first]
                pos_after = rest.lower().find(first) + len(first)
            else:
                pos_after = 0
            if unit is not None:
                p = _PAREN.match(rest, pos_after)
                if p and p.group("unit").lower() in unit_of:
                    alt_unit = unit_of[p.group("unit").lower()]
                    a_canon, a_factor = canonical.get(alt_unit, (alt_unit, 1.0))
                    alt = (float(p.group("num").replace(",", "")) * a_factor, a_canon)
                    end = offset + m_end + p.end()
                    consumed = m_end + p.end()
        if unit is None:
            phrase = []
            for t in tokens:
                if t in ("(", "$", "%") or t.lower() in _STOP:
                    break
                phrase.append(t)
                if len(phrase) == 3 or (value != 1 and lemma(t) != t.lower() and t.islower()):
                    break  # a plural ends the noun phrase: "battalions heading" -> battalion
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
                and counts not in {"troop", "soldier", "people", "civilian", "person"}:
            continue  # a year, not a count ("in 2001 the US ...")
        if is_word and unit == "count" and counts in {"side", "thing", "way", "time"}:
            continue
        qualifier = quals.get(" ".join(qual.lower().split())) if qual else None
        if is_word and raw.lower().endswith("s"):
            qualifier = "approx"  # "thousands of soldiers"
        before = sentence[max(0, m_start - 20):m_start].lower().split()[-2:]
        if cur is None and sentence[max(0, n_start - 1):n_start] in "$€£" and n_start > 0:
            continue
        marked = marked or next((w for w in before if w in _MARKS), None)
        out.append(Quantity(start=start, end=end, value=value, unit=unit, counts=counts,
                            qualifier=qualifier,
                            high=high, total=total,
                            alt_value=alt[0] if alt and alt[1] == unit else None,
                            marked=marked, text=sentence[m_start:end - offset]))
    return out
