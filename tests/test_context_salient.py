"""Salient entities and keywords: one scan of the text gives both, with sentence starts and
runs of capitalised words as a sentence-by-sentence reading finds them."""

from __future__ import annotations

from filter.context.salient import entities_and_keywords, keywords, salient_entities

TEXT = (
    "Seizing Ghazni, the Taliban advanced on Kabul. Ghazni fell to the Taliban: Kabul waited.\n"
    'Officials in Kabul said the Bank of  England and the Bank of England differ. "Rebels took '
    'Herat." Herat fell.  The U.S. Army left; Pétion-Ville stayed calm.'
)
TITLE = "Taliban take Ghazni"


def test_entities_respect_sentence_starts_runs_and_connectors() -> None:
    assert salient_entities(TEXT, TITLE) == (
        "ghazni",
        "taliban",
        "kabul",
        "bank of england",
        "herat",
        "u.s",
    )


def test_keywords_leave_out_entity_words_and_rank_ties_by_first_use() -> None:
    assert keywords(TEXT, salient_entities(TEXT, TITLE)) == (
        "fell",
        "seizing",
        "advanced",
        "waited",
        "officials",
        "differ",
        "rebels",
        "army",
        "stayed",
        "calm",
    )


def test_one_scan_gives_what_the_two_functions_give() -> None:
    entities = salient_entities(TEXT, TITLE, 3, ["geonames:1138958"])
    assert entities_and_keywords(TEXT, TITLE, ["geonames:1138958"], (3, 5, 4)) == (
        entities,
        keywords(TEXT, entities, 5, 4),
    )
    assert entities_and_keywords("", None, None, (20, 25, 4)) == ((), ())
