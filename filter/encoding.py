"""Bytes to text without mojibake: a UTF-8/BOM fast path, then charset detection, else an error.

Scraped pages arrive as UTF-8, UTF-16, Latin-1 or Windows-1252. A wrong guess silently corrupts
every later stage, so anything that does not decode cleanly with confidence is refused with a
reason instead of being forced through.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """The bytes are binary or in no encoding we can identify with confidence."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM mean a binary file (image, archive, executable)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in data[:8192]


def decode(data: bytes) -> tuple[str, str]:
    """Return `(text, encoding)`, or raise DecodeError with a kind and a readable message."""
    if not data.strip():
        raise DecodeError("input.empty", "input is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    "input.undecodable", f"invalid {name} after its BOM: {exc}"
                ) from exc
    if looks_binary(data):
        raise DecodeError("input.binary", "input is binary (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return _checked(data.decode(declared)), declared
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("input.undecodable", "no text encoding fits these bytes")
    encoding = _arbitrate_latin(data, best.encoding)
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise DecodeError("input.undecodable", f"bytes do not decode as {encoding}") from exc
    return _checked(text), encoding


# Single-byte code pages for Latin-script languages, which detectors confuse with each other
# (cp1250 for cp1252 turns "naïve" into "naďve"). Among them the WHATWG default, windows-1252,
# wins unless another gives visibly fewer symbols inside words.
_LATIN_SINGLE_BYTE = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_9",
    "iso8859_13",
    "iso8859_15",
    "iso8859_16",
    "mac_roman",
    "mac_latin2",
    "cp850",
    "cp437",
}
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[^\w\s.,;:!?'\"()\-–—’“”‘/]+(?=[^\W\d_])")


def _arbitrate_latin(data: bytes, guess: str) -> str:
    try:
        name = codecs.lookup(guess).name.replace("-", "_")
    except LookupError:
        return guess
    if name not in _LATIN_SINGLE_BYTE and name != "iso8859_1":
        return guess
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    other = data.decode(guess, "replace")
    if len(_SYMBOL_IN_WORD.findall(other)) < len(_SYMBOL_IN_WORD.findall(western)):
        return guess
    return "cp1252"


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _checked(text: str) -> str:
    """Refuse decodes that are mostly control characters: binary data in a text encoding."""
    sample = text[:20_000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.01:
        raise DecodeError("input.binary", "input is binary (control characters), not text")
    return text
