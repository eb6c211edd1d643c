"""Quality rules and the gate's verdict: documented rules, scores never invented."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from filter.gate import Thresholds, verdict_of
from filter.pipeline import Pipeline
from filter.quality import Rule, check, load_rules, measure_all
from filter.read import iter_inputs
from filter.types import Reason

PROSE = (
    "The council met on Tuesday to discuss the new budget for the coming year. "
    "Members agreed that the library and the parks should receive more money. "
    "The mayor said the plan would be published next week, after a final review. "
) * 3


def kinds(text: str) -> set[str]:
    return {r.kind for r in check(text)}


def test_prose_passes_every_rule() -> None:
    assert kinds(PROSE) == set()


def test_short_text_is_too_short() -> None:
    assert "quality.too_short" in kinds("A short note. Nothing more. The end.")


def test_single_sentence_is_too_few_sentences() -> None:
    assert "quality.too_few_sentences" in kinds("word " * 80)


def test_numbers_and_symbols_are_mostly_non_prose() -> None:
    table = " ".join(f"{i} | {i * 3} | {i * 7}." for i in range(60))
    assert "quality.mostly_non_prose" in kinds(table)


def test_a_bullet_list_is_not_prose() -> None:
    bullets = "\n".join(f"• item number {i} with the words of a list." for i in range(30))
    assert "quality.mostly_bullets" in kinds(bullets)


def test_measures_are_all_reported() -> None:
    values = measure_all(PROSE)
    assert values["word_count"] > 50 and values["sentence_count"] == 9


def test_rules_file_with_unknown_measure_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "r.toml"
    f.write_text('[[rule]]\nname="x"\nmeasure="nope"\nverdict="reject"\nmessage="m"\n')
    with pytest.raises(ValueError, match="unknown measure"):
        load_rules(f)


def test_scores_above_thresholds_set_the_verdict() -> None:
    t = Thresholds(0.5, 0.8, 0.5, 0.8)
    assert verdict_of([], 0.1, 0.1, t) == "admit"
    assert verdict_of([], 0.6, 0.1, t) == "review"
    assert verdict_of([], 0.1, 0.9, t) == "reject"


def test_most_severe_rule_wins() -> None:
    reasons = [
        Reason("a", "m", ({"verdict": "review"},)),
        Reason("b", "m", ({"verdict": "reject"},)),
    ]
    assert verdict_of(reasons) == "reject"


def test_inconsistent_thresholds_are_refused() -> None:
    with pytest.raises(ValueError):
        Thresholds(inconsistency_review=0.9, inconsistency_reject=0.5)


def test_without_models_scores_are_null_not_constants(seeds_dir: Path) -> None:
    outcomes = Pipeline().process(list(iter_inputs([str(seeds_dir)])))
    assert len(outcomes) == 5
    assert all(o.decision.inconsistency is None and o.decision.spam is None for o in outcomes)
    assert {o.decision.verdict for o in outcomes} == {"admit"}


def test_a_crash_inside_one_document_becomes_its_error_decision() -> None:
    # A rule whose message template names an unknown field raises KeyError when it fires:
    # a real failure inside processing, for the short document only.
    broken = Rule(name="broken", measure="word_count", verdict="reject", message="{nope}", min=5)
    docs = list(
        iter_inputs(
            ["-"], stdin=io.BytesIO(b'{"text": "boom"}\n{"text": "' + PROSE.encode() + b'"}\n')
        )
    )
    first, second = Pipeline(rules=(broken,)).process(docs)
    assert first.decision.verdict == "error"
    assert first.decision.reasons[0].kind == "processing.failed"
    assert "KeyError" in first.decision.reasons[0].message
    assert second.decision.verdict == "admit"


def test_alpha_word_ratio_counts_words_holding_a_letter() -> None:
    from filter.quality import alpha_word_ratio

    # `[^\W\d_]`: a letter, or a numeral that is not a decimal digit ("½", "²")
    assert alpha_word_ratio("abc 123 ½ x9 -- ,a, 2²") == 5 / 7


def test_word_measures_match_their_regex_definitions() -> None:
    import re

    from filter import quality

    texts = [
        "A 12 -- b3 ... 2024, “quoted” (x) \x1cZ 42%\u2003tail",
        "plain ascii: 1,000 words? 3.5 -- yes!\x0bnext",
        "",
        "Überall ½ ² …",
    ]
    for text in texts:
        views = quality.Views(text)
        assert views.words == re.findall(r"\S+", text)
        assert quality._alpha_word_count(text) == len(quality._ALPHA_WORD.findall(text))
        for line in [*text.splitlines(), "end. \t", "end.x", "“quote”  ", ""]:
            terminal = re.search(r"[.!?\"'”’:)]\s*$", line) is not None
            assert quality.has_terminal_punctuation(line) == terminal


def test_stopword_count_matches_its_lower_cased_definition() -> None:
    from filter import quality

    texts = ["THE the. (the) 'The' tHe, wİth with WITH\u212a ſ That's", "Σ THE", "", "of,of;OF"]
    for text in texts:
        expected = sum(
            1 for w in text.lower().split() if w.strip(".,;:!?\"'") in quality._STOPWORDS
        )
        assert quality._stopword_count(quality.Views(text)) == expected
