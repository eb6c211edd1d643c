"""The feature vector: fixed names and order, evidence by basis, relation and kind; spam."""

from __future__ import annotations

import pytest

from filter import spam
from filter.features import (
    EVIDENCE_FEATURES,
    FEATURE_GROUPS,
    FEATURE_NAMES,
    STYLE_FEATURES,
    FeatureInput,
    feature_evidence,
    features,
    vector,
)
from filter.reasons import reasons_for
from filter.spam import measure_spam
from filter.textcase import has_case_alias, lower_if_exact
from filter.types import Claim, Document, Evidence, Stripped

TEXT = (
    "Rebels seized the provincial capital on Tuesday after government troops withdrew, "
    "officials said.\n\nAbout 2,000 residents fled the city, according to the United Nations."
)


def _input(evidence: tuple[Evidence, ...] = (), title: str = "Rebels seize provincial capital",
           text: str = TEXT) -> FeatureInput:
    doc = Document(id="d", source="s", text=text, title=title)
    claim = Claim(kind="quantity", slots={"value": 2000}, sentence="About 2,000 residents fled",
                  span=(0, 10))
    return FeatureInput(Stripped(doc, text), claims=(claim,), evidence=evidence,
                        independent_sources=3)


def _conflict(kind: str = "quantity", basis: str = "cross_source") -> Evidence:
    claim = Claim(kind=kind, slots={}, sentence="About 2,000 residents fled", span=(0, 10))
    return Evidence(claim, basis, "conflicts", 0.9, "2,000 here, 6,000 in three other reports",
                    other_sentence="Some 6,000 residents fled", sources_for=0, sources_against=3)


def test_vector_has_every_name_in_fixed_order() -> None:
    assert list(features(_input())) == list(FEATURE_NAMES)


def test_every_feature_is_either_evidence_or_style() -> None:
    assert set(EVIDENCE_FEATURES).isdisjoint(STYLE_FEATURES)
    assert set(FEATURE_GROUPS) == set(FEATURE_NAMES)


def test_a_conflict_counts_under_its_basis_relation_and_kind() -> None:
    values = features(_input((_conflict(),)))
    assert values["ev_cross_source_conflicts_quantity"] == 1.0
    assert values["ev_cross_source_conflict_rate"] == 1.0
    assert values["ev_cross_source_against_weighted"] == pytest.approx(0.9)
    assert values["ev_gazetteer_conflicts_quantity"] == 0.0


def test_without_evidence_every_evidence_count_is_zero() -> None:
    values = features(_input())
    assert all(values[n] == 0.0 for n in EVIDENCE_FEATURES if n.startswith("ev_"))


def test_feature_evidence_returns_the_evidence_a_feature_counted() -> None:
    conflict = _conflict()
    inp = _input((conflict, _conflict(kind="time")))
    assert feature_evidence("ev_cross_source_conflicts_quantity", inp) == [conflict]
    assert feature_evidence("q_word_count", inp) == []


def test_reasons_quote_the_evidence_behind_the_top_contribution() -> None:
    inp = _input((_conflict(),))
    values = features(inp)
    contributions = {n: 0.0 for n in FEATURE_NAMES}
    contributions["ev_cross_source_conflicts_quantity"] = 2.0
    [reason] = reasons_for("inconsistency", contributions, values, inp)
    assert "6,000 in three other reports" in reason.message
    assert reason.evidence[1]["other_sentence"] == "Some 6,000 residents fled"


def test_vector_refuses_a_missing_feature() -> None:
    with pytest.raises(KeyError):
        vector({"q_word_count": 1.0})


def test_spam_signals_fire_on_clickbait_and_teasers_not_on_reporting() -> None:
    spam = (
        "You won't believe what happened next! The terror organization seized the metropolitan "
        "hub. Stay tuned for more updates!!\n\nRead more about this and let us know what you "
        "think.\n\nYou May Also Like:\n- 7 Signs Your Car Battery Is About To Die…\n"
        "- This Village Has No Roads And The Reason Is…"
    )
    s, clean = measure_spam(spam, "SHOCKING: You Won't Believe This!"), measure_spam(TEXT, "x")
    for name in ("spam_clickbait_per100w", "spam_cta_per100w", "spam_spin_per100w",
                 "spam_teaser_lines", "spam_exclamations_per_sentence", "spam_title_clickbait"):
        assert s[name] > clean[name], name


def test_spam_phrases_count_the_same_on_the_fast_and_case_insensitive_paths() -> None:
    lex = spam.lexicon()
    texts = [
        "SHOCKING!  You Won't   Believe what happened next. Stay\ttuned, click here.",
        "More from our site: mega deals, seized and captured, more fromage.",
        "Epic epicentre; the terror group said and stated. ſtay tuned, \u212aeep checking back",
        "İnsane but ınsane: nothing here matches the word insanely.",
    ]
    for text in texts:
        for phrases in (lex.clickbait, lex.call_to_action, lex.spin):
            assert phrases.count(spam.scan(text)) == len(phrases.folded.findall(text))
    assert lower_if_exact(texts[2]) is None and lower_if_exact(texts[0]) is not None
    assert [has_case_alias(t) for t in texts] == [False, False, True, True]
    assert not has_case_alias("Zürich, São Paulo, Kraków")  # non-ASCII, but lower-cases exactly


def test_spam_words_and_runs_match_the_word_pattern_on_every_path() -> None:
    texts = [
        "Stay-tuned fans: you won't believe it, co_op 3d 'tis x-mega-y.",
        "ΟΔΟΣ.Β and ΟΔΟΣ: final sigma depends on what follows the word",  # noqa: RUF001
        "Zürich’s “shocking” news; Ǆemal said mega—mega.",
        "ſtay \u212aeep İnsane",  # case aliases: words lower-cased one by one
    ]
    for text in texts:
        scanned = spam.scan(text)
        assert scanned.words == [w.lower() for w in spam._WORD.findall(text)]
        low = text.lower()
        # the ASCII ones, as phrases on the lower-cased path are ASCII (sigma aside)
        needed = {r for r in spam._RUN.findall(low) if spam._LETTER_LED.match(r) and r.isascii()}
        assert scanned.lowered is None or needed <= scanned.runs


def test_phrase_pattern_tests_the_word_boundary_after_the_first_character() -> None:
    import re

    phrases = ("said and stated", "stated and said", "more from", "breaking:", "mega", " x")
    plain = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    reference = re.compile(rf"(?<![\w])(?:{plain})(?![\w])")
    texts = [
        "mega said and stated more from mega",
        "xmega megas said  and\nstated and said, breaking: more fromage",
        "_mega -mega 1mega mega_ mega-breaking:mega",
        "stated and said and stated, more from more from",
        "  x y\n x",
    ]
    for text in texts:
        assert spam._pattern(phrases, 0).findall(text) == reference.findall(text)
