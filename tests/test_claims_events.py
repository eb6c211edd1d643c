"""Event patterns: the voices and clause shapes news uses for "who did what to which place".

Sentences here are not in the gold file; each shape is one test.
"""

from __future__ import annotations

from filter.claims import extract_claims
from filter.gazetteer import Gazetteer


def events(text: str, gaz: Gazetteer) -> list[tuple[str | None, str, str]]:
    return [(c.slots["agent"], c.slots["action"], c.slots["target"])
            for c in extract_claims(text, None, None, gaz) if c.kind == "event"]


def test_a_passive_split_by_an_aside_keeps_its_agent(gaz: Gazetteer) -> None:
    text = "Sirte, on the Mediterranean coast, was seized by the Islamic State in 2015."
    assert events(text, gaz) == [("islamic_state", "capture", "Sirte")]


def test_an_epithet_aside_does_not_hide_who_took_the_city(gaz: Gazetteer) -> None:
    text = "Herat, Afghanistan's third-largest city, fell to the Taliban."
    assert events(text, gaz) == [("taliban", "capture", "Herat")]


def test_a_passive_with_no_agent_is_an_event_with_no_agent(gaz: Gazetteer) -> None:
    assert events("Aleppo has been shelled for weeks.", gaz) == [(None, "attack", "Aleppo")]
    assert events("Mariupol was completely overrun.", gaz) == [(None, "capture", "Mariupol")]


def test_a_perfect_tense_is_not_mistaken_for_a_passive(gaz: Gazetteer) -> None:
    text = "Fighters in eastern Congo have captured Goma."
    assert events(text, gaz) == [("insurgents", "capture", "Goma")]


def test_passives_that_name_no_conflict_make_no_event(gaz: Gazetteer) -> None:
    assert events("Antakya was struck by an earthquake.", gaz) == []
    assert events("A meeting in Doha was held on Monday.", gaz) == []


def test_a_group_linked_to_another_is_still_the_agent(gaz: Gazetteer) -> None:
    text = "Gunmen linked to al-Shabaab attacked Mogadishu."
    assert events(text, gaz) == [("insurgents", "attack", "Mogadishu")]


def test_the_first_of_coordinated_agents_is_the_agent(gaz: Gazetteer) -> None:
    text = "Rwandan troops and Congolese soldiers retook Goma."
    assert events(text, gaz) == [("forces:RW", "capture", "Goma")]


def test_a_participle_clause_shares_the_sentence_agent(gaz: Gazetteer) -> None:
    text = "M23 rebels seized Bukavu on Sunday, weeks after taking Goma."
    assert events(text, gaz) == [("m23", "capture", "Bukavu"), ("m23", "capture", "Goma")]


def test_a_possessive_pronoun_names_the_agent_of_an_event_noun(gaz: Gazetteer) -> None:
    text = "The Taliban said their capture of Kunduz was a turning point."
    assert events(text, gaz) == [("taliban", "capture", "Kunduz")]


def test_an_expletive_it_is_not_a_pronoun_agent(gaz: Gazetteer) -> None:
    text = "The Taliban fought on. It is often said that whoever controls Kandahar controls it all."
    assert events(text, gaz) == []


def test_a_sentence_opening_gerund_is_an_event_with_no_agent(gaz: Gazetteer) -> None:
    assert events("Capturing Bakhmut cost thousands of lives.", gaz) == [
        (None, "capture", "Bakhmut")]


def test_names_inside_single_quotes_are_found(gaz: Gazetteer) -> None:
    assert events("'Rebels captured Goma,' the statement said.", gaz) == [
        ("insurgents", "capture", "Goma")]


def test_epithet_prefilter_cues_cover_every_epithet_word() -> None:
    """`has_epithet_word` turns a sentence away when it holds none of the cues, so every epithet
    word must hold one; a word added without one would never be seen."""
    from filter.claims.relations import _EPITHET_CUES, _EPITHET_WORDS, has_epithet_word

    for word in _EPITHET_WORDS:
        assert any(cue in word for cue in _EPITHET_CUES), word
        assert has_epithet_word(f"the {word} city in the region")
    assert not has_epithet_word("the city in the region")
