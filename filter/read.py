"""Stage 1, read: files, directories, JSONL and stdin become Documents or InputErrors.

Nothing is dropped here. Whatever cannot become a Document (empty, binary, undecodable, too big,
a broken JSONL line, a record without content) becomes an InputError that the gate records as an
`error` decision, so every input leaves a trace and a rerun can tell what it already saw.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlparse

from filter.dateline import find_dateline
from filter.encoding import DecodeError, decode
from filter.types import Document, InputError

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}

Item = Document | InputError


class UsageError(Exception):
    """A problem with how the tool was called (missing path); the CLI exits 2."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES


def stable_id(source: str, content: str | bytes) -> str:
    """SHA-256 of source and content: the same input always gets the same id."""
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(
        content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    )
    return digest.hexdigest()


def check_paths(paths: Iterable[str]) -> list[str]:
    """Fail fast, before any work, on paths that do not exist."""
    checked = list(paths)
    for p in checked:
        if p != "-" and not Path(p).exists():
            raise UsageError(f"no such file or directory: {p}")
    return checked


def iter_inputs(
    paths: Iterable[str], options: ReadOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every input under `paths`, in the order given; directories recursively, sorted."""
    options = options or ReadOptions()
    for p in paths:
        if p == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream("<stdin>", stream, options)
            continue
        path = Path(p)
        if path.is_dir():
            for child in _walk(path):
                yield from read_file(child, options)
        else:
            yield from read_file(path, options)


def _walk(root: Path) -> list[Path]:
    """Files below root in a stable order, hidden files and folders left out."""
    found = []
    for child in root.rglob("*"):
        rel = child.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not child.is_file():
            continue
        found.append(child)
    return sorted(found, key=lambda c: c.relative_to(root).as_posix())


def _kind_of(path: Path) -> tuple[str | None, bool]:
    """(format by suffix or None to sniff, gzipped?)"""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    inner = (
        suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes and not gz else "")
    )
    if inner in JSON_SUFFIXES:
        return "json", gz
    if inner in HTML_SUFFIXES:
        return "html", gz
    if inner in TEXT_SUFFIXES:
        return "text", gz
    return None, gz


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Item]:
    """One file: JSONL streams record by record; anything else is one document."""
    options = options or ReadOptions()
    source = str(path)
    fmt, gz = _kind_of(path)
    try:
        if fmt == "json":
            opener = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115
            with opener as fh:
                yield from _read_json_stream(source, fh, options)
            return
        data = _read_limited(path, gz, options.max_bytes)
    except _TooBig as exc:
        yield _error(source, b"", "input.too_large", str(exc))
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield _error(source, b"", "input.unreadable", f"cannot read {source}: {exc}")
        return
    yield from _read_bytes(source, data, fmt, options)


def _read_stream(source: str, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    head = stream.read(1)
    while head and head.isspace():
        head = stream.read(1)
    if head in (b"{", b"["):
        yield from _read_json_stream(source, _Prepend(head, stream), options)
        return
    data = head + _read_up_to(stream, options.max_bytes)
    if len(data) > options.max_bytes:
        yield _error(source, b"", "input.too_large", _too_big_message(source, options.max_bytes))
        return
    yield from _read_bytes(source, data, None, options)


class _Prepend(io.RawIOBase):
    """A stream with a byte we already consumed put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _read_up_to(stream: BinaryIO, n: int) -> bytes:
    """Read until `n` bytes or end of stream (raw streams may return less per call)."""
    parts, size = [], 0
    while size < n:
        chunk = stream.read(n - size)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


class _TooBig(Exception):
    pass


def _too_big_message(source: str, limit: int) -> str:
    return f"{source} is larger than the {limit:,}-byte limit (raise it with --max-bytes)"


def _read_limited(path: Path, gz: bool, limit: int) -> bytes:
    """Read at most `limit` bytes, decompressing lazily so a gzip bomb cannot fill memory."""
    if not gz and path.stat().st_size > limit:
        raise _TooBig(_too_big_message(str(path), limit))
    with gzip.open(path, "rb") if gz else open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _TooBig(_too_big_message(str(path), limit))
    return data


def _read_bytes(source: str, data: bytes, fmt: str | None, options: ReadOptions) -> Iterator[Item]:
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        yield _error(source, data, exc.kind, f"{source}: {exc}")
        return
    fmt = fmt or _sniff(text)
    if fmt == "json":
        yield from _read_json_stream(source, io.BytesIO(text.encode("utf-8")), options)
    elif fmt == "html":
        yield _document(source, html=text, text=None, record={})
    else:
        yield _document(source, html=None, text=text, record={})


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head:
        return "html"
    return "text"


def _read_json_stream(source: str, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    """JSONL line by line; a file holding one JSON object (or an array) is accepted too."""
    data = _read_up_to(stream, options.max_bytes + 1)
    if len(data) <= options.max_bytes:
        whole = _whole_json(data)
        if whole is not None:
            records = whole if isinstance(whole, list) else [whole]
            for n, rec in enumerate(records, 1):
                yield _from_value(f"{source}:{n}", rec, json.dumps(rec, ensure_ascii=False))
            return
    rest = io.BufferedReader(_Prepend(data, stream)) if len(data) > options.max_bytes else None
    lines: Iterable[bytes] = rest if rest is not None else io.BytesIO(data)
    for n, line in enumerate(lines, 1):
        where = f"{source}:{n}"
        if not line.strip():
            continue
        if len(line) > options.max_bytes:
            yield _error(
                where, line[:1000], "input.too_large", _too_big_message(where, options.max_bytes)
            )
            continue
        try:
            text = line.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield _error(
                where, line, "input.undecodable", f"line {n} of {source} is not UTF-8: {exc}"
            )
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield _error(
                where, line, "input.bad_json", f"line {n} of {source} is not valid JSON: {exc.msg}"
            )
            continue
        yield _from_value(where, value, text)


def _whole_json(data: bytes) -> Any:
    """The document as one JSON value if it is one (pretty-printed object or array), else None."""
    stripped = data.strip()
    if not stripped.startswith((b"{", b"[")) or b"\n" not in stripped:
        return None
    try:
        value = json.loads(stripped.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict | list) else None


def _from_value(where: str, value: Any, raw: str) -> Item:
    if not isinstance(value, dict):
        kind = type(value).__name__
        return _error(where, raw, "input.not_an_object", f"{where}: a JSON {kind}, not an object")
    return document_from_record(value, where, raw)


def document_from_record(record: Mapping[str, Any], where: str, raw: str | None = None) -> Item:
    """A JSON record (our schema or trafilatura's JSON output) as a Document, or why not."""
    raw = raw if raw is not None else json.dumps(record, ensure_ascii=False)
    html, text = record.get("html"), record.get("text")
    if text is None:
        text = record.get("raw_text")
    for name, value in (("html", html), ("text", text)):
        if value is not None and not isinstance(value, str):
            return _error(where, raw, "input.bad_field", f"{where}: field '{name}' is not a string")
    if not (html or "").strip() and not (text or "").strip():
        return _error(
            where, raw, "input.no_content", f"{where}: record has neither 'text' nor 'html'"
        )
    return _document(where, html=html or None, text=text, record=record)


def _document(where: str, html: str | None, text: str | None, record: Mapping[str, Any]) -> Item:
    url = _string(record.get("url")) or _url_or_none(record.get("source"))
    source = url or _string(record.get("source")) or where
    body = text or ""
    content = html if html is not None else body
    doc_id = _string(record.get("id")) or stable_id(source, content)
    published = _parse_date(record.get("date"))
    if published is None and body:
        line = find_dateline(body)
        published = line.published if line else None
    host = (
        (urlparse(url).hostname if url else None)
        or _string(record.get("hostname"))
        or _string(record.get("source-hostname"))
    )
    return Document(
        id=doc_id,
        source=source,
        text=body,
        html=html,
        host=host,
        published=published,
        title=_string(record.get("title")),
    )


def _error(source: str, content: str | bytes, kind: str, message: str) -> InputError:
    raw = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    printable = raw if raw and "\x00" not in raw else None
    return InputError(
        id=stable_id(source, content), source=source, kind=kind, message=message, raw=printable
    )


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _url_or_none(value: Any) -> str | None:
    text = _string(value)
    return text if text and text.startswith(("http://", "https://")) else None


def _parse_date(value: Any) -> date | None:
    """ISO dates and datetimes (trafilatura writes `YYYY-MM-DD`); anything else is None."""
    text = _string(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None
