"""Corpus persistence for stage 4: signatures, the entity and LSH indexes, duplicate groups and
claims, in the tables of corpus migration 2.

Writers take a sqlite3 connection already inside the gate's batch transaction (`Corpus.record`),
so a batch's documents, decisions, signatures and claims commit together or not at all. Readers
only use indexed lookups bounded by LIMIT, so a lookup costs the same in a corpus of 1k or 100k
articles (measured in benchmarks/context_bench.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any, TypeVar

from filter.context.config import ContextConfig
from filter.context.duplicates import band_keys
from filter.context.signature import Signature
from filter.types import Claim

_T = TypeVar("_T")
UNDATED = 0  # `day` of a document without a publication date
_ENTITIES_PER_QUERY = 200  # two SELECTs each; SQLite allows 500 in one compound statement


# What `json.dumps` with these options builds on every call, built once.
_slots_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode
_ids_json = json.JSONEncoder(sort_keys=True).encode
_terms_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(terms, ensure_ascii=False)


def _in_lists(items: Sequence[_T]) -> Iterator[tuple[Sequence[_T], str]]:
    """`items` in slices of 500, each with its "?,?,..." placeholders: one `IN (...)` query per
    slice keeps every statement well under SQLite's limit on host parameters."""
    for i in range(0, len(items), 500):
        part = items[i : i + 500]
        yield part, ",".join("?" * len(part))


def _reader(db: sqlite3.Connection | object) -> Callable[..., sqlite3.Cursor]:
    """How to query `db`: a Corpus's `execute_plain` (rows as tuples), else `execute` (a
    sqlite3.Connection, or anything else that has one)."""
    return getattr(db, "execute_plain", None) or db.execute  # type: ignore[attr-defined]


def day_of(published: date | None) -> int:
    return published.toordinal() if published else UNDATED


@dataclass(frozen=True, slots=True)
class Stored:
    """A signature read back from the corpus, with its compact key and duplicate group."""

    key: int
    signature: Signature
    group: str


def write_signatures(
    db: sqlite3.Connection,
    signatures: Sequence[Signature],
    links: dict[str, Sequence[str]],
    config: ContextConfig,
) -> None:
    """Store signatures (and their index rows) inside the caller's transaction.

    `links[doc_id]` lists the documents each one repeats (one voice). Group names are resolved
    here, inside the transaction, from the groups as stored now, so two gates writing at once
    still merge groups correctly. Already stored documents are left as they are. Term
    frequencies and the entity postings are written once for the batch, after its signatures.
    """
    written: list[tuple[Signature, int, int]] = []  # (signature, key, day)
    seen = _stored_ids(db, [sig.document_id for sig in signatures])
    for sig in signatures:
        if sig.document_id in seen:
            continue
        seen.add(sig.document_id)
        groups = {sig.document_id}
        for other in links.get(sig.document_id, ()):
            row = db.execute(
                "SELECT dup_group FROM context_signatures WHERE document_id = ?", (other,)
            ).fetchone()
            groups.add(row[0] if row else other)
        group = min(groups)
        for old in groups - {group}:
            db.execute(
                "UPDATE context_signatures SET dup_group = ? WHERE dup_group = ?", (group, old)
            )
        day = day_of(sig.published)
        cur = db.execute(
            "INSERT INTO context_signatures (document_id, day, minhash, shingles, entities,"
            " keywords, content_hash, dup_group, params) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                sig.document_id,
                day,
                sig.minhash,
                sig.shingles,
                _terms_json(sig.entities),
                _terms_json(sig.keywords),
                sig.content_hash,
                group,
                sig.params,
            ),
        )
        written.append((sig, int(cur.lastrowid or 0), day))
    # Index rows in key order: SQLite then fills each B-tree page once instead of seeking a
    # random page per row (the rows, and so the tables, are the same in any order).
    db.executemany(
        "INSERT OR IGNORE INTO context_bands (band, bucket, doc) VALUES (?,?,?)",
        sorted(
            (band, bucket, key)
            for sig, key, _ in written
            for band, bucket in band_keys(sig, config.bands, config.rows)
        ),
    )
    terms = _count_terms(db, [dict.fromkeys(sig.entities + sig.keywords) for sig, _, _ in written])
    db.executemany(
        "INSERT OR IGNORE INTO context_entities (term, day, doc) VALUES (?,?,?)",
        sorted((terms[e], day, key) for sig, key, day in written for e in sig.entities),
    )


def _stored_ids(db: sqlite3.Connection, document_ids: Sequence[str]) -> set[str]:
    """Which of `document_ids` already have a stored signature (one query per 500)."""
    found: set[str] = set()
    for part, marks in _in_lists(document_ids):
        rows = db.execute(
            f"SELECT document_id FROM context_signatures WHERE document_id IN ({marks})", part
        )
        found.update(str(r[0]) for r in rows)
    return found


def _count_terms(db: sqlite3.Connection, per_document: Sequence[Iterable[str]]) -> dict[str, int]:
    """Term -> id, counting each document once per distinct term (document frequency, for
    IDF). New terms are inserted in order of first appearance, so ids come out as they would
    one document at a time."""
    df = Counter(chain.from_iterable(per_document))  # counted in C, in order of first appearance
    db.executemany(
        "INSERT INTO context_terms (term, df) VALUES (?, ?)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        list(df.items()),
    )
    ids: dict[str, int] = {}
    for part, marks in _in_lists(list(df)):
        rows = db.execute(f"SELECT term, id FROM context_terms WHERE term IN ({marks})", part)
        ids.update((str(r[0]), int(r[1])) for r in rows)
    return ids


_COLUMNS = (
    "doc, document_id, day, minhash, shingles, entities, keywords, content_hash, dup_group, params"
)


def _stored(row: Sequence[object], entities: list[str], keywords: list[str]) -> Stored:
    """The stored signature of `row`, whose JSON columns the caller decoded (`_stored_rows`)."""
    day = int(row[2])  # type: ignore[call-overload]
    sig = Signature(
        document_id=str(row[1]),
        published=date.fromordinal(day) if day != UNDATED else None,
        entities=tuple(entities),
        keywords=tuple(keywords),
        minhash=bytes(row[3]),  # type: ignore[arg-type]
        shingles=int(row[4]),  # type: ignore[call-overload]
        content_hash=str(row[7]),
        params=str(row[9]),
    )
    return Stored(int(row[0]), sig, str(row[8]))  # type: ignore[call-overload]


def _stored_rows(rows: Sequence[Sequence[object]]) -> list[Stored]:
    """`_stored` of each row, the entity and keyword lists of all of them decoded as one JSON
    array (see `_json_many`)."""
    terms = _json_many([str(r[c]) for r in rows for c in (5, 6)])
    return [_stored(r, terms[2 * i], terms[2 * i + 1]) for i, r in enumerate(rows)]


class SignatureStore:
    """Read-only, indexed lookups over a corpus's stage-4 tables."""

    def __init__(self, db: sqlite3.Connection | object, config: ContextConfig) -> None:
        self._execute = _reader(db)
        self.config = config

    def available(self) -> bool:
        """Whether the corpus has the stage-4 tables (schema 2 or later)."""
        return bool(
            self._execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'context_signatures'"
            ).fetchone()
        )

    def count(self) -> int:
        """Stored signatures (the largest key: an index seek, where COUNT(*) scans)."""
        return int(self._execute("SELECT MAX(doc) FROM context_signatures").fetchone()[0] or 0)

    def by_keys(self, keys: Iterable[int]) -> list[Stored]:
        keys, params = list(keys), self.config.params
        out: list[Stored] = []
        for part, marks in _in_lists(keys):
            rows = self._execute(
                f"SELECT {_COLUMNS} FROM context_signatures WHERE doc IN ({marks})", part
            )
            out.extend(_stored_rows([r for r in rows if r[9] == params]))
        return out

    def by_id(self, document_id: str) -> Stored | None:
        row = self._execute(
            f"SELECT {_COLUMNS} FROM context_signatures WHERE document_id = ?", (document_id,)
        ).fetchone()
        return _stored_rows([row])[0] if row and row[9] == self.config.params else None

    def by_hash(self, content_hash: str) -> list[int]:
        rows = self._execute(
            "SELECT doc FROM context_signatures WHERE content_hash = ? LIMIT 50", (content_hash,)
        )
        return [int(r[0]) for r in rows]

    def by_bands(self, sig: Signature, keys: list[tuple[int, int]] | None = None) -> list[int]:
        """Documents sharing an LSH bucket with `sig` (its `keys`, when the caller has them), at
        most 50 per bucket (one query)."""
        if keys is None:
            keys = band_keys(sig, self.config.bands, self.config.rows)
        bucket = (
            "SELECT doc FROM (SELECT doc FROM context_bands WHERE band = ? AND bucket = ? LIMIT 50)"
        )
        rows = self._execute(
            " UNION ALL ".join([bucket] * len(keys)), [v for key in keys for v in key]
        )
        return list(dict.fromkeys(int(r[0]) for r in rows))

    def by_entities(self, entities: Sequence[str], published: date | None) -> dict[str, list[int]]:
        """For each of `entities` (distinct), the documents naming it inside the date window (any
        date when undated, and undated documents always), newest first, at most `max_postings`
        of each kind. One query per 200 entities: each entity's postings stay a bounded index
        seek, the statement overhead is paid once."""
        out: dict[str, list[int]] = {e: [] for e in entities}
        for i in range(0, len(entities), _ENTITIES_PER_QUERY):
            part = entities[i : i + _ENTITIES_PER_QUERY]
            sql, params = self._postings_query(part, published)
            for row in self._execute(sql, params):
                out[part[row[0]]].append(int(row[1]))
        return out

    def _postings_query(
        self, entities: Sequence[str], published: date | None
    ) -> tuple[str, list[object]]:
        """The query for `by_entities` and its parameters."""
        limit = self.config.max_postings
        params: list[object] = []
        if published is None:
            for entity in entities:
                params += (entity, limit)
        else:
            day, w = published.toordinal(), self.config.window_days
            for entity in entities:
                params += (entity, day - w, day + w, limit, entity, UNDATED, limit)
        return _postings_sql(len(entities), published is not None), params

    def document_frequency(self, terms: Iterable[str]) -> dict[str, int]:
        terms = list(dict.fromkeys(terms))
        found: dict[str, int] = {}
        for part, marks in _in_lists(terms):
            rows = self._execute(
                f"SELECT term, df FROM context_terms WHERE term IN ({marks})", part
            )
            found.update((str(r[0]), int(r[1])) for r in rows)
        return found


@lru_cache(maxsize=64)
def _postings_sql(n: int, dated: bool) -> str:
    """A UNION ALL of bounded posting scans for `n` entities, each row tagged with its entity's
    position (dated postings of an entity before its undated ones)."""
    base = (
        "SELECT {i}, doc FROM (SELECT e.doc FROM context_terms t JOIN context_entities e"
        " ON e.term = t.id WHERE t.term = ?"
    )
    terms: list[str] = []
    for i in range(n):
        if dated:
            terms.append(
                base.format(i=i) + " AND e.day BETWEEN ? AND ? ORDER BY e.day DESC LIMIT ?)"
            )
            terms.append(base.format(i=i) + " AND e.day = ? LIMIT ?)")
        else:
            terms.append(base.format(i=i) + " ORDER BY e.day DESC LIMIT ?)")
    return " UNION ALL ".join(terms)


def save_claims(db: sqlite3.Connection, document_id: str, claims: Sequence[Claim]) -> None:
    """Replace a document's stored claims (inside the caller's transaction)."""
    save_claims_many(db, {document_id: claims})


def save_claims_many(db: sqlite3.Connection, claims: Mapping[str, Sequence[Claim]]) -> None:
    """Replace the stored claims of each document in `claims` (inside the caller's transaction):
    one DELETE per 500 documents and one INSERT for all rows, in key order (see
    `write_signatures`), instead of two statements per document."""
    ids = list(claims)
    for part, marks in _in_lists(ids):
        db.execute(f"DELETE FROM claims WHERE document_id IN ({marks})", part)
    db.executemany(
        "INSERT INTO claims (document_id, seq, kind, slots, sentence, span_start, span_end,"
        " negated, attributed, place_ids) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            _claim_row(doc_id, seq, c)
            for doc_id in sorted(ids)
            for seq, c in enumerate(claims[doc_id])
        ],
    )


def _claim_row(document_id: str, seq: int, c: Claim) -> tuple[object, ...]:
    return (
        document_id,
        seq,
        c.kind,
        _slots_json(_as_dict(c.slots)),
        c.sentence,
        c.span[0],
        c.span[1],
        int(c.negated),
        int(c.attributed),
        _ids_json(_as_dict(c.place_ids)) if c.place_ids else "{}",
    )


def _as_dict(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """`mapping` as the dict the JSON encoder takes: itself when it is one (claims' usually are;
    the encoder only reads it), else a copy."""
    return mapping if type(mapping) is dict else dict(mapping)


def load_claims(db: sqlite3.Connection | object, document_ids: Iterable[str]) -> list[Claim]:
    """Stored claims of the given documents, in document order then claim order (one query
    per 500 documents)."""
    execute = _reader(db)
    rows: dict[str, list[Sequence[Any]]] = {d: [] for d in document_ids}
    for part, marks in _in_lists(list(rows)):
        for r in execute(
            "SELECT document_id, kind, slots, sentence, span_start, span_end, negated, attributed,"
            f" place_ids FROM claims WHERE document_id IN ({marks})"
            " ORDER BY document_id, seq",
            part,
        ):
            rows[r[0]].append(r)
    found = [(doc_id, r) for doc_id, doc_rows in rows.items() for r in doc_rows]
    slots = _json_many([r[2] for _, r in found])
    place_ids = _json_many([r[8] for _, r in found])
    return [
        _claim(doc_id, r, s, p) for (doc_id, r), s, p in zip(found, slots, place_ids, strict=True)
    ]


def _json_many(texts: list[str]) -> list[Any]:
    """`json.loads` of each of `texts`, as one JSON array: the decoder's per-call overhead is
    paid once instead of per claim."""
    return json.loads(f"[{','.join(texts)}]") if texts else []


def _claim(document_id: str, r: Sequence[Any], slots: Any, place_ids: dict[str, Any]) -> Claim:
    return Claim(
        kind=r[1],
        slots=slots,
        sentence=r[3],
        span=(int(r[4]), int(r[5])),
        negated=bool(r[6]),
        attributed=bool(r[7]),
        place_ids={k: int(v) for k, v in place_ids.items()} if place_ids else place_ids,
        document_id=document_id,
    )
