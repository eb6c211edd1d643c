"""A synthetic crawl made of real report paragraphs, for speed benchmarks of the whole gate.

Articles of a 40-word vocabulary share every word and name with every other, which turns context
lookup into its worst case and says nothing about a real crawl. Here each synthetic event is a
real event of `training/data/events` or `tests/data/clusters`, moved to a random day of one year,
with some of its names renamed (so two synthetic events made from the same real one are told
apart the way two earthquakes in one week are), and each of its reports recombines that event's
paragraphs with light word substitutions. Some reports are wire reprints of another report of the
event, and a few are undated, as in a real crawl.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from training.events import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("training/data/events/*.jsonl", "tests/data/clusters/*.jsonl")
YEAR_START = date(2024, 1, 1)

_CAP = re.compile(r"\b[A-Z][a-z]{3,}\b")
_KEEP_NAMES = frozenset(
    ["The", "This", "That", "They", "There", "These", "Those", "When", "While", "After"]
    + ["Before", "During", "With", "From", "January", "February", "March", "April", "June"]
    + ["July", "August", "September", "October", "November", "December"]
    + ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)
# Light edits a copy desk makes: same meaning, other words.
_SYNONYMS = {
    "said": "stated",
    "says": "states",
    "killed": "left dead",
    "people": "residents",
    "officials": "authorities",
    "announced": "declared",
    "large": "big",
    "about": "around",
    "more than": "over",
    "however": "but",
    "began": "started",
    "reported": "said",
    "help": "aid",
    "damaged": "hit",
}
_SYNONYM = re.compile(r"\b(" + "|".join(map(re.escape, _SYNONYMS)) + r")\b")
_SYLLABLES = ("ka", "lo", "ran", "mi", "to", "vel", "sa", "dor", "ne", "bu", "ria", "zan", "go")


def load_events(root: Path = ROOT) -> dict[str, list[dict]]:
    """Reports by real event (cluster), in file order."""
    events: dict[str, list[dict]] = {}
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            for report in read_jsonl(path):
                events.setdefault(report.get("cluster") or path.stem, []).append(report)
    return events


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _edit(text: str, renames: dict[str, str], rng: random.Random, synonym_rate: float) -> str:
    text = _CAP.sub(lambda m: renames.get(m.group(), m.group()), text)
    return _SYNONYM.sub(
        lambda m: _SYNONYMS[m.group()] if rng.random() < synonym_rate else m.group(), text
    )


def _event_size(rng: random.Random) -> int:
    """Reports per event: many stories have one or two, a few big ones have many."""
    return min(12, 1 + int(rng.expovariate(1 / 2.5)))


def articles(n: int, seed: int = 0, days: int = 365) -> Iterator[dict]:
    """`n` JSONL records (`id`, `url`, `date`, `title`, `text`), one event's reports together."""
    rng = random.Random(seed)
    events = load_events()
    names = sorted(events)
    made = 0
    while made < n:
        reports = events[rng.choice(names)]
        pool = [p for r in reports for p in _paragraphs(r["text"])]
        renames = {
            w: _name(rng)
            for w in sorted({m.group() for r in reports for m in _CAP.finditer(r["text"])})
            if w not in _KEEP_NAMES and rng.random() < 0.3
        }
        day = YEAR_START + timedelta(days=rng.randrange(days))
        written: list[tuple[str, str]] = []
        for _ in range(min(_event_size(rng), n - made)):
            lead = rng.choice(reports)
            if written and rng.random() < 0.1:  # a wire reprint, with a paragraph dropped
                title, body = rng.choice(written)
                paras = _paragraphs(body)
                if len(paras) > 3:
                    paras.pop(rng.randrange(1, len(paras)))
                text = "\n\n".join(paras)
            else:
                rest = [p for p in pool if p not in _paragraphs(lead["text"])[:1]]
                paras = _paragraphs(lead["text"])[:1] + rng.sample(
                    rest, min(len(rest), rng.randint(3, 8))
                )
                title = _edit(lead.get("title") or "", renames, rng, 0.3)
                text = _edit("\n\n".join(paras), renames, rng, 0.3)
            written.append((title, text))
            record = {
                "id": f"bench-{made}",
                "url": f"https://outlet{rng.randrange(40)}.example/{made}",
                "title": title,
                "text": text,
            }
            if rng.random() >= 0.03:
                record["date"] = (day + timedelta(days=rng.randint(0, 2))).isoformat()
            yield record
            made += 1


def write_crawl(path: Path, n: int, seed: int = 0) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in articles(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
