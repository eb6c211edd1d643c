"""Corruptions change the fact they name; label-preserving edits keep every fact."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import pytest

from training.corruptions import (
    CONSISTENT,
    CORRUPTIONS,
    INCONSISTENT,
    PRESERVING,
    Report,
    variants,
)

TEXT = (
    "Insurgents seized control of Mosul, Iraq's second-largest city, on Tuesday after "
    "government troops abandoned their positions, officials said.\n\n"
    "The fighters overran the airport and police stations in the city, which is about "
    "350 kilometres (220 miles) north of Baghdad. Provincial Governor Atheel al-Nujaifi fled.\n\n"
    "At least 1,250 people were killed in the fighting, and as many as 500,000 residents have "
    "fled, the International Organization for Migration said on Wednesday.\n\n"
    "Prime Minister Nouri al-Maliki asked parliament on June 10 to declare a state of emergency."
    "\n\nOn Tuesday night, 1,250 bodies had been counted, a health official said."
)
PUBLISHED = date(2014, 6, 11)


@pytest.fixture(scope="module")
def report() -> Report:
    return Report.of(TEXT, PUBLISHED)


def _numbers(text: str) -> list[float]:
    return sorted(float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text))


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_each_corruption_applies_and_is_labelled_inconsistent(name: str, report: Report) -> None:
    edit = CORRUPTIONS[name](report, random.Random(1))
    assert edit is not None, f"{name} found nothing to change"
    assert edit.text != TEXT
    assert edit.label == INCONSISTENT and edit.operator == name and "->" in edit.description


def test_place_moved_replaces_every_mention_with_a_real_other_place(report: Report) -> None:
    edit = CORRUPTIONS["place_moved"](report, random.Random(1))
    old, new = (s.strip() for s in edit.description.split("->"))
    assert old not in edit.text and edit.text.count(new) >= TEXT.count(old)


def test_weekday_shifted_leaves_no_mention_of_the_old_day(report: Report) -> None:
    edit = CORRUPTIONS["weekday_shifted"](report, random.Random(1))
    old, new = (s.strip() for s in edit.description.split("->"))
    assert old == "Tuesday" and "Tuesday" not in edit.text and new in edit.text


def test_number_out_of_tolerance_moves_a_count_by_a_large_factor(report: Report) -> None:
    edit = CORRUPTIONS["number_out_of_tolerance"](report, random.Random(1))
    before, after = set(_numbers(TEXT)), set(_numbers(edit.text))
    [old], [new] = before - after, after - before
    assert new / old >= 2.0 or new / old <= 0.5


def test_negation_adds_a_not(report: Report) -> None:
    edit = CORRUPTIONS["negated"](report, random.Random(1))
    assert edit.text.count(" not") == TEXT.count(" not") + 1


def test_internal_contradiction_changes_only_the_second_mention(report: Report) -> None:
    edit = CORRUPTIONS["internal_contradiction"](report, random.Random(1))
    old = edit.description.split()[2]
    assert edit.text.count(old) == TEXT.count(old) - 1
    assert edit.text.find(old) == TEXT.find(old)  # the first statement is untouched


def test_role_swapped_gives_the_person_another_office(report: Report) -> None:
    edit = CORRUPTIONS["role_swapped"](report, random.Random(1))
    old, new = (s.strip() for s in edit.description.split("->"))
    assert new in edit.text and edit.text.count(old) < TEXT.count(old)


@pytest.mark.parametrize("name", sorted(PRESERVING))
def test_each_preserving_edit_applies_and_is_labelled_consistent(name: str, report: Report) -> None:
    edit = PRESERVING[name](report, random.Random(1))
    assert edit is not None, f"{name} found nothing to change"
    assert edit.text != TEXT and edit.label == CONSISTENT


def test_reordering_keeps_every_paragraph_and_the_lede(report: Report) -> None:
    edit = PRESERVING["reordered"](report, random.Random(1))
    assert sorted(edit.text.split("\n\n")) == sorted(TEXT.split("\n\n"))
    assert edit.text.split("\n\n")[0] == TEXT.split("\n\n")[0]


def test_rounding_stays_within_a_few_percent(report: Report) -> None:
    edit = PRESERVING["rounded"](report, random.Random(1))
    before, after = Counter(_numbers(TEXT)), Counter(_numbers(edit.text))
    [old], [new] = list(before - after), list(after - before)
    assert abs(new - old) / old < 0.05


def test_unit_conversion_is_correct(report: Report) -> None:
    edit = PRESERVING["unit_converted"](report, random.Random(1))
    assert "217 miles" in edit.text and "350 kilometres" not in edit.text


def test_a_grown_count_comes_with_a_later_publication_date(report: Report) -> None:
    edit = PRESERVING["count_grown"](report, random.Random(1))
    assert edit.published is not None and edit.published > PUBLISHED
    assert max(_numbers(edit.text)) >= max(_numbers(TEXT))


def test_synonym_spinning_keeps_names_numbers_and_days(report: Report) -> None:
    edit = PRESERVING["synonym_spun"](report, random.Random(1))
    facts = re.compile(r"\b(?:[A-Z][\w-]+|\d[\d,]*)\b")
    assert facts.findall(edit.text) == facts.findall(TEXT)


def test_same_seed_gives_the_same_variants() -> None:
    assert variants(TEXT, PUBLISHED, 7) == variants(TEXT, PUBLISHED, 7)
