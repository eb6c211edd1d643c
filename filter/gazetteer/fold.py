"""Length-preserving folding of text for name matching.

Place names are matched on a folded copy of the text (lower case, diacritics dropped, curly
apostrophes straightened) so that "Herāt", "HERAT" and "Herat" meet the same key, while every
offset in the folded copy is still an offset in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_EXTRA = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
          "\u2013": "-", "\u2014": "-", "\u0131": "i", "\u00df": "s", "\u00f8": "o", "\u00d8": "o",
          "\u0142": "l", "\u0141": "l", "\u0111": "d", "\u0110": "d", "\u00e6": "a", "\u00c6": "a",
          "\u0153": "o", "\u0152": "o", "\u00fe": "t", "\u00f0": "d"}


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20, 0x250):
        ch = chr(code)
        if ch in _EXTRA:
            table[code] = _EXTRA[ch]
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    for ch, rep in _EXTRA.items():
        table[ord(ch)] = rep
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional: ḏ, ṣ, ...
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if len(base) == 1:
            table[code] = base
    return table


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, straighten quotes; `len(fold(t)) == len(t)` always."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ")
        return text.translate(_table())
    low = low.replace("`", "'")
    if low.isascii():
        return low
    table = _table()
    for ch in set(_NON_ASCII.findall(low)):  # a handful of distinct letters per text
        rep = table.get(ord(ch))
        if rep is not None:
            low = low.replace(ch, rep)
    return low


_OUTSIDE_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


def is_latin(name: str) -> bool:
    """True when every letter of `name` is Latin script (an alternate name we can match)."""
    return not any(c.isalpha() for c in _OUTSIDE_LATIN.findall(name))


def as_key(folded: str) -> str:
    """An automaton key for a folded name: " rostov on don" meets "Rostov-on-Don"."""
    return spaced(folded)


# Everything but letters, digits, apostrophes, dots and ampersands separates words. A plain
# space is left out of the class: it already is what a separator becomes, and skipping it
# halves the substitutions on news text.
_SEPARATORS = re.compile(
    r"[^ 0-9a-z'.&\x80-\U0010ffff]|[\u00a0“”„«»…•·‹›¡¿\u200b\u2002\u2003\u2009]")

# The same substitution for ASCII text as a translation table: a sixth of the time of the regex.
_ASCII_SEPARATORS = {c: " " for c in range(0x80) if _SEPARATORS.match(chr(c))}

# An apostrophe opening a word is a quotation mark ("'Taliban took control of Kandahar'"),
# not part of a name the way it is inside one ("Cote d'Ivoire").
_OPENING_QUOTE = re.compile(r" '+")

_LAST: list[tuple[str, str]] = [("", " ")]  # last (folded, spaced): places and actors share it


def spaced(folded: str) -> str:
    """`folded` with word separators turned into spaces and one leading space, so keys
    written as " name" match only at the start of a word (offset +1 against `folded`)."""
    last = _LAST[0]
    if last[0] is folded:
        return last[1]
    out = " " + (
        folded.translate(_ASCII_SEPARATORS) if folded.isascii() else _SEPARATORS.sub(" ", folded)
    )
    if " '" in out:
        out = _OPENING_QUOTE.sub(lambda m: " " * len(m.group()), out)
    _LAST[0] = (folded, out)
    return out
