"""Stage 9, corpus: every input, its clean text and every decision, in one SQLite file.

WAL mode lets readers work while a gate writes; each batch is one `BEGIN IMMEDIATE` transaction
with `INSERT OR IGNORE` on natural keys, so a run killed at any moment and started again ends
with exactly one decision per (document, model version), and two writers never double a row.
The schema is versioned with `PRAGMA user_version`; MIGRATIONS only ever grows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filter.types import VERDICTS, Decision, Document, InputError, Stripped

if TYPE_CHECKING:
    from filter.context.signature import Signature
    from filter.types import Claim

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, decisions, runs, labels.
    """
    CREATE TABLE documents (
        id            TEXT PRIMARY KEY,
        source        TEXT NOT NULL,
        host          TEXT,
        published     TEXT,            -- ISO date or NULL
        title         TEXT,
        raw           TEXT,            -- the input as received (NULL when not decodable)
        raw_format    TEXT,            -- 'html' | 'text' | NULL for inputs that failed to read
        clean_text    TEXT,            -- after stripping; NULL for error inputs
        removed       TEXT,            -- JSON list of removed blocks with their reasons
        first_seen    TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_host ON documents(host);
    CREATE TABLE decisions (
        document_id   TEXT NOT NULL REFERENCES documents(id),
        model_version TEXT NOT NULL,
        verdict       TEXT NOT NULL CHECK (verdict IN ('admit', 'review', 'reject', 'error')),
        inconsistency REAL,            -- calibrated probability, NULL when no model scored it
        spam          REAL,
        reasons       TEXT NOT NULL,   -- JSON list of {kind, message, evidence}
        features      TEXT,            -- JSON feature vector, so re-gating needs no re-scoring
        decided_at    TEXT NOT NULL,
        run_id        TEXT,
        PRIMARY KEY (document_id, model_version)
    );
    CREATE INDEX decisions_verdict ON decisions(verdict);
    CREATE TABLE runs (
        id            TEXT PRIMARY KEY,
        command       TEXT NOT NULL,
        model_version TEXT,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        counts        TEXT             -- JSON summary written when the run ends
    );
    CREATE TABLE labels (
        document_id   TEXT NOT NULL REFERENCES documents(id),
        verdict       TEXT NOT NULL CHECK (verdict IN ('admit', 'review', 'reject')),
        note          TEXT,
        labelled_at   TEXT NOT NULL,
        PRIMARY KEY (document_id)
    );
    """,
    # 2: stage 4 (context): signatures, entity and LSH indexes, duplicate groups; claims.
    """
    CREATE TABLE context_signatures (
        doc           INTEGER PRIMARY KEY,  -- compact key for the index tables below
        document_id   TEXT NOT NULL UNIQUE REFERENCES documents(id),
        day           INTEGER NOT NULL,     -- published as a date ordinal; 0 when undated
        minhash       BLOB NOT NULL,        -- uint32 little-endian x num_perm, word shingles
        shingles      INTEGER NOT NULL,     -- distinct shingles (for containment estimates)
        entities      TEXT NOT NULL,        -- JSON list of salient entity keys
        keywords      TEXT NOT NULL,        -- JSON list of keywords
        content_hash  TEXT NOT NULL,        -- SHA-256 of the normalised words
        dup_group     TEXT NOT NULL,        -- smallest document id of its one-voice group
        params        TEXT NOT NULL         -- signature parameters; others are not compared
    );
    CREATE INDEX context_signatures_hash ON context_signatures(content_hash);
    CREATE INDEX context_signatures_group ON context_signatures(dup_group);
    CREATE TABLE context_terms (
        id            INTEGER PRIMARY KEY,
        term          TEXT NOT NULL UNIQUE, -- entity key or keyword
        df            INTEGER NOT NULL      -- documents carrying it (IDF for ranking)
    );
    CREATE TABLE context_entities (         -- inverted index: entity -> documents, by date
        term          INTEGER NOT NULL,
        day           INTEGER NOT NULL,
        doc           INTEGER NOT NULL,
        PRIMARY KEY (term, day, doc)
    ) WITHOUT ROWID;
    CREATE TABLE context_bands (            -- MinHash LSH buckets: (band, bucket) -> documents
        band          INTEGER NOT NULL,
        bucket        INTEGER NOT NULL,
        doc           INTEGER NOT NULL,
        PRIMARY KEY (band, bucket, doc)
    ) WITHOUT ROWID;
    CREATE TABLE claims (
        document_id   TEXT NOT NULL REFERENCES documents(id),
        seq           INTEGER NOT NULL,     -- order within the document
        kind          TEXT NOT NULL,
        slots         TEXT NOT NULL,        -- JSON object
        sentence      TEXT NOT NULL,
        span_start    INTEGER NOT NULL,
        span_end      INTEGER NOT NULL,
        negated       INTEGER NOT NULL,
        attributed    INTEGER NOT NULL,
        place_ids     TEXT NOT NULL,        -- JSON object: slot -> GeoNames id
        PRIMARY KEY (document_id, seq)
    );
    CREATE INDEX claims_kind ON claims(kind);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's journey: what was read, what stripping left, and the decision."""

    item: Document | InputError
    stripped: Stripped | None
    decision: Decision
    features: dict[str, float] | None = None
    signature: Signature | None = None  # stage 4, stored for later batches' context
    repeats: tuple[str, ...] = ()  # earlier documents it is one voice with (duplicate groups)
    claims: tuple[Claim, ...] | None = None  # stage 3; None leaves stored claims as they are


def _busy(exc: sqlite3.DatabaseError) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED (with or without an extended code)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


class CorpusError(Exception):
    """The corpus file is unusable (newer schema, not a database)."""


class Corpus:
    """A SQLite corpus; safe for several processes at once."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 120.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly:
            uri = f"file:{self.path}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        else:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        deadline, pause = time.monotonic() + timeout, 0.005
        while True:
            try:
                if not readonly:
                    self._set_up()
                else:
                    self._check_version()
                return
            except sqlite3.DatabaseError as exc:
                # SQLite answers "locked" at once, without its busy handler, where waiting could
                # deadlock: switching a new file to WAL while another opener holds a write lock
                # on it. Both openers are fine a moment later, so wait here instead.
                if _busy(exc) and time.monotonic() < deadline:
                    time.sleep(pause)
                    pause = min(2 * pause, 0.25)
                    continue
                self._db.close()
                raise CorpusError(f"{self.path} is not a usable corpus: {exc}") from exc

    def _set_up(self) -> None:
        """WAL, durability and foreign keys for this connection, then the schema (idempotent)."""
        if self._db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- schema ---------------------------------------------------------------------------
    def _check_version(self) -> int:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise CorpusError(
                f"{self.path} has schema version {version}; this content-filter knows up to "
                f"{SCHEMA_VERSION}: upgrade content-filter"
            )
        return version

    def _migrate(self) -> None:
        """Apply missing migrations, one transaction each; concurrent openers wait their turn."""
        while True:
            if self._check_version() >= SCHEMA_VERSION:
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                version = self._check_version()
                if version < SCHEMA_VERSION:
                    for statement in _statements(MIGRATIONS[version]):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {version + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing --------------------------------------------------------------------------
    def decided(self, ids: Iterable[str], model_version: str) -> set[str]:
        """Which of `ids` already have a decision from `model_version`."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                "SELECT document_id FROM decisions"
                f" WHERE model_version = ? AND document_id IN ({marks})",
                [model_version, *part],
            )
            found.update(r[0] for r in rows)
        return found

    def record(self, outcomes: Sequence[Outcome], run_id: str | None = None) -> int:
        """Write a batch in one transaction; returns how many decisions were new."""
        if not outcomes:
            return 0
        now = _now()
        docs = [_document_row(o, now) for o in outcomes]
        decisions = [_decision_row(o, now, run_id) for o in outcomes]
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO documents"
                " (id, source, host, published, title, raw, raw_format,"
                " clean_text, removed, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?)",
                docs,
            )
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO decisions"
                " (document_id, model_version, verdict, inconsistency,"
                " spam, reasons, features, decided_at, run_id) VALUES (?,?,?,?,?,?,?,?,?)",
                decisions,
            )
            new = self._db.total_changes - before
            _record_context(self._db, outcomes)
            return new

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def start_run(self, command: str, model_version: str) -> str:
        run_id = f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}-{time.monotonic_ns() % 10**9:09d}"
        with self._transaction():
            self._db.execute(
                "INSERT INTO runs (id, command, model_version, started_at) VALUES (?,?,?,?)",
                (run_id, command, model_version, _now()),
            )
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, Any]) -> None:
        with self._transaction():
            self._db.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (_now(), json.dumps(counts), run_id),
            )

    def label(self, document_id: str, verdict: str, note: str | None = None) -> str:
        """Record a person's verdict on a document (kept for retraining); returns the full id."""
        if verdict not in ("admit", "review", "reject"):
            raise ValueError(f"a label is admit, review or reject, not {verdict!r}")
        full_id = self.resolve_id(document_id)
        with self._transaction():
            self._db.execute(
                "INSERT INTO labels (document_id, verdict, note, labelled_at) VALUES (?,?,?,?)"
                " ON CONFLICT(document_id) DO UPDATE SET verdict = excluded.verdict,"
                " note = excluded.note, labelled_at = excluded.labelled_at",
                (full_id, verdict, note, _now()),
            )
        return full_id

    # -- reading --------------------------------------------------------------------------
    def resolve_id(self, prefix: str) -> str:
        """A full document id from an id or a unique prefix of one (as git does for commits)."""
        exact = self._db.execute("SELECT id FROM documents WHERE id = ?", (prefix,)).fetchone()
        if exact:
            return str(exact[0])
        rows = self._db.execute(
            "SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "\uffff")
        ).fetchall()
        if not rows:
            raise KeyError(f"no document with id {prefix!r}")
        if len(rows) > 1:
            raise KeyError(f"id prefix {prefix!r} is ambiguous")
        return str(rows[0][0])

    def show(self, document_id: str) -> dict[str, Any]:
        full_id = self.resolve_id(document_id)
        doc = dict(self._db.execute("SELECT * FROM documents WHERE id = ?", (full_id,)).fetchone())
        doc["removed"] = json.loads(doc["removed"]) if doc["removed"] else []
        doc["decisions"] = [
            {
                **dict(r),
                "reasons": json.loads(r["reasons"]),
                "features": json.loads(r["features"] or "null"),
            }
            for r in self._db.execute(
                "SELECT * FROM decisions WHERE document_id = ? ORDER BY decided_at", (full_id,)
            )
        ]
        label = self._db.execute(
            "SELECT * FROM labels WHERE document_id = ?", (full_id,)
        ).fetchone()
        doc["label"] = dict(label) if label else None
        return doc

    def stats(self) -> dict[str, Any]:
        """Counts by verdict and model version, and the most frequent reasons."""
        by_verdict = {v: 0 for v in VERDICTS}
        for row in self._db.execute("SELECT verdict, COUNT(*) FROM decisions GROUP BY verdict"):
            by_verdict[row[0]] = row[1]
        versions = {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT model_version, COUNT(*) FROM decisions"
                " GROUP BY model_version ORDER BY 2 DESC"
            )
        }
        reasons = {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT json_extract(j.value, '$.kind') AS kind, COUNT(*) FROM decisions,"
                " json_each(decisions.reasons) AS j GROUP BY kind ORDER BY 2 DESC LIMIT 10"
            )
        }
        return {
            "path": str(self.path),
            "schema_version": self.schema_version,
            "documents": self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "decisions": sum(by_verdict.values()),
            "by_verdict": by_verdict,
            "by_model_version": versions,
            "top_reasons": reasons,
            "labels": self._db.execute("SELECT COUNT(*) FROM labels").fetchone()[0],
        }

    def latest_decisions(self, verdict: str | None = None) -> Iterator[dict[str, Any]]:
        """Each document with its most recent decision, optionally only one verdict."""
        query = (
            "SELECT d.id, d.source, d.host, d.published, d.title, d.clean_text AS text,"
            " x.verdict, x.inconsistency, x.spam, x.model_version, x.reasons, x.decided_at"
            " FROM documents d JOIN decisions x ON x.document_id = d.id"
            " WHERE x.rowid = (SELECT y.rowid FROM decisions y WHERE y.document_id = d.id"
            "                  ORDER BY y.decided_at DESC LIMIT 1)"
        )
        params: list[Any] = []
        if verdict:
            query += " AND x.verdict = ?"
            params.append(verdict)
        query += " ORDER BY d.first_seen, d.id"
        for row in self._db.execute(query, params):
            record = dict(row)
            record["reasons"] = json.loads(record["reasons"])
            yield record

    def labelled(self) -> Iterator[dict[str, Any]]:
        """Documents a person labelled, with their text, for retraining."""
        for row in self._db.execute(
            "SELECT d.id, d.source, d.host, d.published, d.title, d.raw, d.raw_format,"
            " d.clean_text,"
            " l.verdict AS label, l.note FROM labels l JOIN documents d ON d.id = l.document_id"
            " ORDER BY l.labelled_at"
        ):
            yield dict(row)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Raw read access for stages that keep their own tables (context, claims)."""
        return self._db.execute(sql, params)

    def execute_plain(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """`execute` with rows as plain tuples: cheaper to build and to index than
        `sqlite3.Row`, for readers that take many rows by position (the context index)."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (including KeyboardInterrupt)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, exc_type: object, *_: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


def _statements(script: str) -> list[str]:
    parts, current = [], []
    for line in script.splitlines():
        current.append(line.split("--", 1)[0])
        if line.split("--", 1)[0].rstrip().endswith(";"):
            parts.append("\n".join(current).strip())
            current = []
    rest = "\n".join(current).strip()
    if rest:
        parts.append(rest)
    return [p for p in parts if p.strip(" ;\n")]


def _document_row(o: Outcome, now: str) -> tuple[Any, ...]:
    item = o.item
    if isinstance(item, InputError):
        return (item.id, item.source, None, None, None, item.raw, None, None, None, now)
    doc = o.stripped.document if o.stripped else item
    removed = (
        json.dumps([b.to_dict() for b in o.stripped.removed], ensure_ascii=False)
        if o.stripped
        else None
    )
    return (
        doc.id,
        doc.source,
        doc.host,
        doc.published.isoformat() if doc.published else None,
        doc.title,
        doc.raw,
        "html" if doc.html is not None else "text",
        o.stripped.text if o.stripped else None,
        removed,
        now,
    )


def _decision_row(o: Outcome, now: str, run_id: str | None) -> tuple[Any, ...]:
    d = o.decision
    return (
        d.document_id,
        d.model_version,
        d.verdict,
        d.inconsistency,
        d.spam,
        json.dumps([r.to_dict() for r in d.reasons], ensure_ascii=False, default=str),
        json.dumps(o.features) if o.features is not None else None,
        now,
        run_id,
    )


def _record_context(db: sqlite3.Connection, outcomes: Sequence[Outcome]) -> None:
    """Stage 4's signatures and stage 3's claims, in the batch's transaction."""
    signatures = [o.signature for o in outcomes if o.signature is not None]
    with_claims = [o for o in outcomes if o.claims is not None]
    if not signatures and not with_claims:
        return
    from filter.context.config import default_config
    from filter.context.store import save_claims_many, write_signatures

    links = {o.signature.document_id: o.repeats for o in outcomes if o.signature is not None}
    write_signatures(db, signatures, links, default_config())
    # A document given twice keeps its last claims, as when each replaced the one before.
    save_claims_many(db, {o.decision.document_id: o.claims or () for o in with_claims})
