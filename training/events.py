"""The training corpus: multi-outlet reports of real events, and spun content-farm rewrites.

`training/data/events/<cluster>.jsonl` holds 3-4 independent reports per event;
`training/data/spam/<cluster>.jsonl` accurate but junk-laden rewrites (`"spam": true`). A record
becomes a plain `Document`, the same type `score` reads, so training sees what scoring sees.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from filter.types import Document

DATA = Path(__file__).parent / "data"
EVENTS_DIR = DATA / "events"
SPAM_DIR = DATA / "spam"


@dataclass(frozen=True)
class Report:
    """One report of one event, with the cluster it belongs to."""

    document: Document
    cluster: str
    outlet: str
    spam: bool = False

    @property
    def id(self) -> str:
        return self.document.id


def report_of(record: dict, spam: bool = False) -> Report:
    """One JSONL record (events, spam or test-cluster format) as a Report."""
    url = record.get("url") or record["id"]
    doc = Document(
        id=record["id"],
        source=url,
        text=record["text"],
        host=urlparse(url).hostname,
        published=date.fromisoformat(record["date"]) if record.get("date") else None,
        title=record.get("title"),
    )
    return Report(doc, record["cluster"], record.get("outlet", ""), spam)


def _files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl")) if directory.is_dir() else []


def read_jsonl(path: Path) -> list[dict]:
    """The records of one JSONL file, in file order; blank lines are skipped."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def read_jsonl_dir(directory: Path) -> list[dict]:
    """The records of every `*.jsonl` file in `directory`, files in name order."""
    return [record for path in _files(directory) for record in read_jsonl(path)]


def load_reports(events_dir: Path = EVENTS_DIR, spam_dir: Path = SPAM_DIR,
                 clusters: Iterable[str] | None = None) -> list[Report]:
    """Every report (clean, then spam), in file order; only `clusters` when given."""
    wanted = set(clusters) if clusters is not None else None
    out = []
    for directory, spam in ((events_dir, False), (spam_dir, True)):
        for record in read_jsonl_dir(directory):
            report = report_of(record, spam or bool(record.get("spam")))
            if wanted is None or report.cluster in wanted:
                out.append(report)
    return out


def cluster_names(events_dir: Path = EVENTS_DIR) -> list[str]:
    return [p.stem for p in _files(events_dir)]


def data_hash(paths: Sequence[Path], extra: Iterable[str] = ()) -> str:
    """SHA-256 over the training files' names and bytes plus anything else that shapes the data."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()
