"""The shared extraction benchmarks, read by path: pages, ground truth, splits and block labels.

WCXB-dev is split once, by a hash of the file id, into a training part (70 %) and an evaluation
part (30 %) that training never reads; benchmarks report WCXB figures on the evaluation part as
the honest number. ScrapingHub is never used for training at all.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    id: str
    html: str
    truth: str
    url: str | None
    page_type: str | None = None


def wcxb_split(file_id: str) -> str:
    """'train' or 'eval', fixed by the file id alone."""
    return "train" if int(hashlib.sha256(file_id.encode()).hexdigest(), 16) % 10 < 7 else "eval"


def iter_wcxb(
    bench: Path, split: str | None = None, page_type: str | None = None, limit: int | None = None
) -> Iterator[Page]:
    """WCXB-dev pages with a main_content, optionally one split and one page type."""
    root = Path(bench) / "wcxb-dev"
    n = 0
    for gt_path in sorted((root / "ground-truth").glob("*.json")):
        file_id = gt_path.stem
        if split is not None and wcxb_split(file_id) != split:
            continue
        record = json.loads(gt_path.read_text("utf-8"))
        truth = record.get("ground_truth", {}).get("main_content")
        kind = record.get("_internal", {}).get("page_type", {}).get("primary")
        if not truth or (page_type is not None and kind != page_type):
            continue
        html = gzip.decompress((root / "html" / f"{file_id}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        yield Page(file_id, html, truth, record.get("url"), kind)
        n += 1
        if limit is not None and n >= limit:
            return


def iter_scrapinghub(bench: Path, limit: int | None = None) -> Iterator[Page]:
    root = Path(bench) / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for n, (page_id, rec) in enumerate(sorted(truth.items())):
        if limit is not None and n >= limit:
            return
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        yield Page(page_id, html, rec["articleBody"], rec.get("url"), "article")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str) -> Counter:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + 4]) for i in range(max(0, len(toks) - 3)))


class TruthIndex:
    """Answers "is this block part of the main content?" by shingle overlap."""

    def __init__(self, truth: str) -> None:
        self.shingles = set(shingles(truth))
        self.joined = " " + " ".join(tokens(truth)) + " "

    def body_share(self, block: str) -> float:
        toks = tokens(block)
        if not toks:
            return 0.0
        if len(toks) < 4:
            return 1.0 if " " + " ".join(toks) + " " in self.joined else 0.0
        grams = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
        return sum(g in self.shingles for g in grams) / len(grams)
