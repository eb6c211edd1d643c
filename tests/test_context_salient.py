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


def test_ascii_texts_scan_and_split_into_words_as_on_unicode_tables() -> None:
    """The ASCII twins of the scan and word patterns find the same matches in any ASCII text,
    the separators \\x1c-\\x1f (whitespace to Unicode, not to ASCII mode) included."""
    import random

    from filter.context.salient import _SCAN, _SCAN_ASCII
    from filter.context.text import _WORD, _WORD_ASCII

    rng = random.Random(0)
    common = list("aZ9 .!?'\":;\n-_") + ["\x1c", "\x1f", "\t", "\x0b"]
    texts = [TEXT.replace("é", "e"), "Kabul.\x1cThe Army\x1dleft:\x1eHerat\x1f; Ghazni"]
    for _ in range(5000):
        texts.append(
            "".join(
                chr(rng.randrange(128)) if rng.random() < 0.3 else rng.choice(common)
                for _ in range(rng.randint(1, 30))
            )
        )
    for text in texts:
        assert text.isascii()
        assert _SCAN_ASCII.findall(text) == _SCAN.findall(text), repr(text)
        assert _WORD_ASCII.findall(text.lower()) == _WORD.findall(text.lower()), repr(text)
