"""Marker rules: generic wording, kept in a data file, each removal naming its rule."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from filter.data import read_toml
from filter.strip import strip_text
from filter.strip.markers import (
    _last_sentence_starts,
    block_marker,
    markers,
    tail_cut,
    whole_block_marker,
)
from filter.strip.rules import apply_rules

BODY = (
    "The council approved the new budget on Tuesday after a long debate about road repairs "
    "and school funding in the district."
)


def _reasons(text: str) -> dict[str, str | None]:
    return {b.text: b.reason for b in strip_text(text)[1]}


@pytest.mark.parametrize(
    "line", ["(With Reuters inputs)", "(With inputs from agencies)", "(with PTI inputs)"]
)
def test_agency_trailer_is_generic_over_the_agency_name(line: str) -> None:
    assert block_marker(line).name == "agency_trailer"


@pytest.mark.parametrize(
    "line, rule",
    [
        ("You may also like", "you_may_also_like"),
        ("DON'T MISS", "you_may_also_like"),
        ("Você pode gostar...", "you_may_also_like_intl"),
        ("Das könnte Sie auch interessieren", "you_may_also_like_intl"),
        ("Artículos relacionados:", "you_may_also_like_intl"),
        ("Vous aimerez aussi", "you_may_also_like_intl"),
        ("Articoli correlati", "you_may_also_like_intl"),
        ("Related: Ten ways to save on heating", "related_link"),
        ("CLICK HERE TO GET THE FOX NEWS APP", "app_promo"),
        ("Thanks for signing up!", "newsletter"),
        ("© 2019 The Daily Ledger. All rights reserved.", "copyright"),
        ("Filed under:", "tag_list_header"),
        ("5 min read", "reading_time"),
        ("Advertisement", "advertisement"),
        ("We use cookies to improve your experience on our site.", "cookie_banner"),
        ("Skip to main content", "page_chrome"),
        ("Next article", "page_chrome"),
        ("Loading...", "page_chrome"),
        ("A A A", "page_chrome"),
        ("Listen to this article (4 min)", "page_chrome"),
        ("Media playback is unsupported on your device", "media_notice"),
        ("Please enable JavaScript to view the comments", "media_notice"),
        ("Was this article helpful?", "feedback_prompt"),
        ("Report an error", "feedback_prompt"),
        ("Sponsored by Acme Bank", "sponsor_line"),
        ("Updated 3 hours ago", "relative_time"),
        ("Home > News > World", "breadcrumb"),
        ("About Us | Careers | Sitemap", "footer_links"),
        ("Terms of Use", "footer_links"),
        ("Image copyright Reuters", "photo_caption"),
        ("Featured Stories", "you_may_also_like"),
        ("Follow @cityherald", "follow_prompt"),
    ],
)
def test_known_junk_lines_match_their_marker(line: str, rule: str) -> None:
    assert block_marker(line).name == rule


def test_a_long_paragraph_mentioning_a_newsletter_is_not_a_marker() -> None:
    text = (
        "The mayor said the council newsletter, which is delivered to every household, would in "
        "future print the minutes of each meeting so that residents can follow decisions. " * 3
    )
    assert block_marker(text) is None


def test_trailing_junk_sentence_is_cut_and_reported() -> None:
    text = BODY + " Click here for more politics news."
    blocks = strip_text(text)[1]
    assert [b.text for b in blocks if b.keep] == [BODY]
    assert [(b.text, b.reason) for b in blocks if not b.keep] == [
        ("Click here for more politics news.", "marker:read_more_tail")
    ]


def test_tail_cut_never_removes_the_first_sentence() -> None:
    assert tail_cut("Read more about it at the library, officials said.") is None


def test_removed_block_offsets_point_into_the_input() -> None:
    text = BODY + "\n\nAdvertisement\n"
    ad = next(b for b in strip_text(text)[1] if not b.keep)
    assert text[ad.start : ad.end] == "Advertisement"


def test_generic_section_labels_go_but_topical_sub_headings_stay() -> None:
    text = "\n\n".join(
        [
            "Road repairs delayed by budget row",
            BODY,
            "Details",
            "Council delays road repairs until spring",
            "Road repairs across the district will now wait until spring, the council's budget "
            "committee said on Wednesday, because the school funding debate took priority.",
        ]
    )
    reasons = _reasons(text)
    assert reasons["Details"] == "marker:section_label"
    assert reasons["Council delays road repairs until spring"] is None
    assert reasons["Road repairs delayed by budget row"] is None


def test_marker_file_has_no_article_specific_literals() -> None:
    patterns = " ".join(m["pattern"] for m in read_toml("strip/markers.toml")["marker"]).lower()
    for literal in ("herat", "afghan", "kandahar", "taliban", "ani inputs", "(ani", "gulabuddin"):
        assert literal not in patterns


def test_every_marker_has_a_known_scope() -> None:
    assert {m.scope for m in markers()} <= {"block", "header", "tail"}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Articles you might have missed", "you_may_also_like"),
        ("Keep reading", "you_may_also_like"),
        ("Tags for this story", "tag_list_header"),
        ("The morning digest, sent to your inbox", "newsletter"),
        ("Photo via wire services", "photo_caption"),
        ("Why winter tyres matter more than you think »", "link_arrow"),
    ],
)
def test_new_phrase_families_match(line: str, rule: str) -> None:
    assert block_marker(line).name == rule


def _reference_marker(text: str):
    """block_marker without the literal prefilter: every rule's regex, in file order."""
    stripped = text.strip()
    for m in markers():
        if m.scope == "tail":
            continue
        if m.anywhere:
            if (m.max_chars is None or len(stripped) <= m.max_chars) and m.pattern.search(stripped):
                return m
        elif m.pattern.match(stripped):
            return m
    return None


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our NEWSLETTER",
        "SIGN UP FOR OUR NEWſLETTER",  # U+017F matches "s" case-insensitively: no prefilter
        "İN YOUR INBOX every morning",
        "© 2020 무단전재 및 재배포 금지",
        "All Rights Reserved.",
        "We use cookies to improve your experience.",
        "A quiet street in the old town [Jane Doe/Agency]",
        BODY,
        "Council approves new budget",
        # The prefix prefilter: case, and non-ASCII folds to ASCII letters at the start.
        "KEEP READING",
        "\u212aeep reading",  # Kelvin sign, "k" case-insensitively
        "\u017fhare this article",  # long s
        "\u0130n case you missed it",
        "-- Advertisement --",
        "2 min read",
        "“Related: the full story",
        # Rules that match only at a block's end (photo credits, link arrows).
        "Smoke rises over the harbour on Monday. (Getty Images)",
        "Smoke rises over the harbour (FILE PHOTO).",
        "Rescue workers search the rubble [Jane Doe/Agency] ",
        "Officials said sources were checked (Photo: Jane Doe)",
        "The photo was taken by a source close to the family.",
        "More on this story »",
        "Read more →",
    ],
)
def test_literal_prefilter_never_changes_a_verdict(line: str) -> None:
    assert block_marker(line) == _reference_marker(line)


@pytest.mark.parametrize("line", ["FAQ", "Help", "Contact", "2 days ago", "Live music returns"])
def test_one_word_headings_and_bare_times_are_left_to_the_classifier(line: str) -> None:
    assert block_marker(line) is None


# ----------------------------------------------------------------- glued trailers (trailer_cut)
def _rules(text: str) -> list[tuple[str, bool, str | None]]:
    ruled = apply_rules(text)
    return [(b.text, d, b.reason) for b, d in zip(ruled.blocks, ruled.decided, strict=True)]


@pytest.mark.parametrize(
    "trailer, rule",
    [
        ("Copyright 2015 Example Images. All rights reserved.", "copyright"),
        ("The Example Wire contributed to this report.", "agency_trailer"),
        ("Sign up for our free daily newsletter.", "newsletter"),
    ],
)
def test_a_trailer_glued_to_a_paragraph_takes_only_itself(trailer: str, rule: str) -> None:
    head = "Officials warned residents not to drink the water. Test kits are free at both centers."
    blocks = _rules(f"{head} {trailer}")
    assert blocks[0] == (head, False, None)  # left to the classifier
    assert blocks[1][0] == trailer and blocks[1][1] is True
    assert blocks[1][2].startswith("marker:")
    assert strip_text(f"{head} {trailer}")[0] == head


@pytest.mark.parametrize(
    "trailer, rule",
    [
        ("(With agency inputs)", "agency_trailer"),
        ("(With inputs from Example News Agency)", "agency_trailer"),
        ("— AFP", "agency_trailer"),
        ("– XNA", "agency_trailer"),
        ("— With files from The Example Press", "agency_trailer"),
        ("Reporting by Jane Roe; Editing by John Doe", "agency_trailer"),
        ("Additional reporting by Jane Roe in Lagos; editing by John Doe.", "agency_trailer"),
        ("Compiled by Jane Roe for The Example Herald.", "agency_trailer"),
        (
            "(This story has not been edited by Example Daily staff and is published from a "
            "syndicated news agency feed.)",
            "agency_trailer",
        ),
        ("More to follow.", "developing_story"),
        ("More details soon.", "developing_story"),
        ("This story will be updated.", "developing_story"),
        ("Full story in Thursday's print edition.", "developing_story"),
        ("Sponsored by Example Farm Credit.", "sponsor_line"),
    ],
)
def test_a_credit_or_sign_off_closing_a_paragraph_is_cut(trailer: str, rule: str) -> None:
    """`trailing` block rules and tail rules cut a credit glued to a paragraph's last sentence,
    as a standalone line of the same wording is removed whole."""
    head = "Officials warned residents not to drink the water. Test kits are free at both centers."
    assert _rules(f"{head} {trailer}") == [(head, False, None), (trailer, True, f"marker:{rule}")]
    assert whole_block_marker(trailer).name == rule  # the same wording standing alone


@pytest.mark.parametrize(
    "last",
    [
        "Writing by hand is slower.",  # "writing by" opens a body sentence
        "Reporting by the Example Times showed the cost had doubled.",  # no "; Editing by"
        "Sponsored by the council, the fair runs all week.",  # the sentence goes on
        "She said — Not now.",  # a dash inside a sentence is no break
        "More residents are expected to follow.",
        "This article will be updated with the full results.",  # says what the update adds
    ],
)
def test_a_body_sentence_worded_like_a_credit_is_not_cut(last: str) -> None:
    text = f"The fair opens on Monday at the showground. {last}"
    assert _rules(text) == [(text, False, None)]


def test_trailing_is_set_only_on_block_rules() -> None:
    for rule in read_toml("strip/markers.toml")["marker"]:
        if rule.get("trailing"):
            assert rule["scope"] == "block" and not rule.get("anywhere"), rule["name"]


def test_a_parenthesised_trailer_goes_whole() -> None:
    head = "The port will study a rail connection to the inland yard."
    trailer = "(Copyright 2024 St. Example Bulletin. All rights reserved.)"
    blocks = _rules(f"{head} {trailer}")
    assert [(t, d) for t, d, _ in blocks] == [(head, False), (trailer, True)]


@pytest.mark.parametrize(
    "block",
    [
        # junk from the first sentence: the whole block, as before
        "Copyright 2015 Example Images. All rights reserved. Reproduction is prohibited.",
        "All rights reserved. The council approved the budget on Tuesday.",
        # one sentence only: nothing to keep
        "Readers can sign up for our newsletter at the front desk.",
        # a caption's credit marks its description too (`whole` in markers.toml)
        "Parishioners carry candles during the evening procession. [Photo: Example News Service]",
        "Crowds gather outside the stadium before the match. (Getty Images)",
    ],
)
def test_blocks_junk_from_their_start_or_marked_whole_go_whole(block: str) -> None:
    blocks = _rules(block)
    assert len(blocks) == 1 and blocks[0][1] is True, blocks


def test_whole_is_set_only_on_anywhere_block_rules() -> None:
    for rule in read_toml("strip/markers.toml")["marker"]:
        if rule.get("whole"):
            assert rule.get("anywhere") and rule["scope"] == "block", rule["name"]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def _fill(template: str, slots: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: slots.get(m[1], "Example 12"), template)


def _training_lines() -> list[str]:
    """Junk lines rendered from the training templates (each slot filled with its first value),
    the same glued to a body sentence, and the training articles' body lines."""
    root = Path(__file__).resolve().parents[1] / "training" / "data" / "blocks"
    lines: list[str] = []
    for path in sorted(root.glob("junk_*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        first = {k: v[0] for k, v in data.get("slots", {}).items() if v}
        for name, category in data.items():
            if name == "slots":
                continue
            lines += [_fill(t, first) for t in _strings(category) if len(t) > 1]
    lines += [f"{BODY} {line}" for line in lines]
    articles = (root / "articles_train.txt").read_text("utf-8").splitlines()
    return lines + [a for a in articles if a.strip() and not a.startswith(("#", "==="))][:400]


def _reference_whole(text: str):
    """whole_block_marker without prefilters: the block rules, else a tail rule at the start."""
    found = _reference_marker(text)
    if found is not None:
        return found
    stripped = text.strip()
    return next((m for m in markers() if m.scope == "tail" and m.pattern.match(stripped)), None)


def _reference_tail_cut(text: str):
    """tail_cut without prefilters: at each of the last sentence starts, every `trailing` block
    rule, then every tail rule, each in file order."""
    rules = [m for m in markers() if m.trailing] + [m for m in markers() if m.scope == "tail"]
    for start in _last_sentence_starts(text):
        for m in rules:
            if m.pattern.match(text[start:]):
                return start, m
    return None


def test_prefilters_never_change_a_verdict_on_the_training_lines() -> None:
    """The start table, the literal scans and the tail gate only skip rules that cannot match:
    on a few thousand junk and body lines the verdicts equal those of trying every rule."""
    lines = _training_lines()
    assert len(lines) > 1000
    matched = 0
    for line in lines:
        expected = _reference_whole(line)
        assert whole_block_marker(line) == expected, line
        assert tail_cut(line) == _reference_tail_cut(line), line
        matched += expected is not None
    assert matched > 100  # the junk lines do exercise the rules
