"""Hostile HTML: never a crash, never a hang; a runaway extraction becomes an `error` decision."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from filter.pipeline import Pipeline
from filter.strip import strip_document
from filter.strip.budget import StripTimeout, time_budget
from filter.types import Document
from tests.conftest import run_cli

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]><html><body><p>&lol9;</p>"
    + "<p>Real text of the page that follows the entities.</p></body></html>"
)


def _doc(html: str) -> Document:
    return Document(id="h", source="hostile.html", text="", html=html)


def test_200000_nested_divs_do_not_crash() -> None:
    html = (
        "<html><body>"
        + "<div>" * 200_000
        + "<p>Deep text.</p>"
        + "</div>" * 200_000
        + "</body></html>"
    )
    started = time.perf_counter()
    stripped = strip_document(_doc(html))
    assert isinstance(stripped.text, str) and time.perf_counter() - started < 10


def test_entity_expansion_is_not_expanded() -> None:
    stripped = strip_document(_doc(BILLION_LAUGHS))
    assert "lollollol" not in stripped.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Broken \ud800 surrogate, \x00 NUL and \x0b controls.</p></body></html>",
        "<html><body><p>" + "Ã©Ã¨Ã  mojibake " * 500 + "</p></body></html>",
        "<html><body><p>unclosed <b><i><table><tr><td>cell" * 1000,
        "",
    ],
)
def test_broken_markup_and_encodings_strip_without_error(html: str) -> None:
    assert isinstance(strip_document(_doc(html)).text, str)


def test_runaway_extraction_raises_strip_timeout_with_its_kind() -> None:
    wide = "<html><body>" + "<div>x</div>" * 300_000 + "</body></html>"
    started = time.perf_counter()
    with pytest.raises(StripTimeout) as caught:
        strip_document(_doc(wide), budget=0.5)
    assert caught.value.kind == "strip.timeout"
    assert time.perf_counter() - started < 6


def test_timeout_becomes_an_error_decision_in_the_pipeline() -> None:
    wide = "<html><body>" + "<div>x</div>" * 300_000 + "</body></html>"
    outcome = Pipeline(strip_budget=0.3).process([_doc(wide)])[0]
    assert outcome.decision.verdict == "error"
    assert outcome.decision.reasons[0].kind == "strip.timeout"


def test_budget_is_restored_after_the_block() -> None:
    import signal

    with time_budget(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_20_mb_page_is_stripped_through_the_cli_with_a_raised_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    para = "<p>" + "The harbour committee met again to discuss the terminal. " * 6 + "</p>\n"
    path.write_text(
        "<html><body><article>" + para * (20_000_000 // len(para)) + "</article></body></html>"
    )
    assert path.stat().st_size > 19_000_000
    out = run_cli("strip", "--jsonl", "--max-bytes", "30000000", str(path), timeout=120)
    assert out.returncode == 0
    record = json.loads(out.stdout)
    assert record["source"] == str(path) and (
        "harbour committee" in (record["text"] or "") or "error" in record
    )


def test_an_alarm_during_clean_up_never_escapes_the_budget() -> None:
    """Many short budgets expiring in a busy loop: each ends as StripTimeout, none as a stray
    alarm, and no timer is left running (a late alarm used to kill the process)."""
    import signal

    timeouts = 0
    for _ in range(100):
        try:
            with time_budget(0.002):
                while True:
                    pass
        except StripTimeout:
            timeouts += 1
    assert timeouts == 100
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_first_use_loading_is_not_charged_to_the_first_documents_budget() -> None:
    """In a fresh process the rule tables, automata, lexicon and block model load on first use
    (most of a second here); a budget shorter than that must still strip ordinary documents,
    not time every one of them out."""
    code = (
        "from filter.strip import strip_documents\n"
        "from filter.types import Document\n"
        "text = 'Officials said on Thursday that the road was open again.\\n\\nYou may also like'\n"
        "docs = [Document(id=str(i), source=f'd{i}', text=text) for i in range(3)]\n"
        "out = strip_documents(docs, budget=0.2)\n"
        "print([type(o).__name__ for o in out])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.stdout.split() == ["['Stripped',", "'Stripped',", "'Stripped']"]
