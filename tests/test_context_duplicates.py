"""Near duplicates and one-voice groups, measured on reprints generated from real-event reports."""

from __future__ import annotations

from filter.context import classify, compute_signature, default_config, shared_passages
from filter.context.duplicates import Groups
from tests.context_data import edited, event_pairs, paragraphs

CFG = default_config()


def test_reprints_with_small_edits_are_near_duplicates() -> None:
    for original, _ in event_pairs():
        a = compute_signature("a", original["text"])
        b = compute_signature("b", edited(original["text"], 0.03))
        dup = classify(b, a, CFG)
        assert dup is not None and dup.kind == "near", original["id"]


def test_a_trimmed_reprint_is_a_near_duplicate() -> None:
    for original, _ in event_pairs():
        paras = paragraphs(original["text"])
        trimmed = "\n\n".join(paras[: max(2, len(paras) * 2 // 3)])
        dup = classify(
            compute_signature("b", trimmed), compute_signature("a", original["text"]), CFG
        )
        assert dup is not None and dup.kind == "near", original["id"]


def test_independent_reports_of_one_event_are_not_duplicates() -> None:
    for one, other in event_pairs():
        assert (
            classify(
                compute_signature("a", one["text"]), compute_signature("b", other["text"]), CFG
            )
            is None
        )


def test_typographic_variants_are_exact_duplicates() -> None:
    one, _ = event_pairs()[0]
    variant = one["text"].replace("'", "’").upper().replace("\n\n", "\n  \n")
    dup = classify(compute_signature("b", variant), compute_signature("a", one["text"]), CFG)
    assert dup is not None and dup.kind == "exact"


def test_an_article_mostly_made_of_wire_copy_is_one_voice_but_not_a_near_duplicate() -> None:
    for wire, own in event_pairs():
        copied = paragraphs(wire["text"])[: max(1, round(len(paragraphs(wire["text"])) * 0.6))]
        budget = sum(len(p.split()) for p in copied)
        added: list[str] = []
        for p in paragraphs(own["text"]):
            if sum(len(a.split()) for a in added) >= budget:
                break
            added.append(p)
        article = "\n\n".join([*copied, *added])
        dup = classify(compute_signature("b", article), compute_signature("a", wire["text"]), CFG)
        if sum(len(p.split()) for p in added) >= budget * 0.8:  # truly half its own reporting
            assert dup is not None and dup.kind == "voice", wire["id"]


def test_an_article_quoting_one_wire_paragraph_stays_an_independent_voice() -> None:
    for wire, own in event_pairs():
        quoted = max(paragraphs(wire["text"]), key=len)
        article = own["text"] + "\n\n" + quoted
        assert (
            classify(compute_signature("b", article), compute_signature("a", wire["text"]), CFG)
            is None
        )
        passages = shared_passages(article, wire["text"], CFG.passage_min_words)
        assert any(quoted[:40] in article[p.start : p.end] for p in passages), wire["id"]


def test_seeds_001_and_003_are_two_voices_that_share_wire_passages(
    seed_texts: dict[str, str],
) -> None:
    a, b = seed_texts["001"], seed_texts["003"]
    assert classify(compute_signature("001", a), compute_signature("003", b), CFG) is None
    passages = shared_passages(a, b, min_words=8)
    assert any("crucial highway linking the Afghan capital" in a[p.start : p.end] for p in passages)


def test_duplicate_groups_are_named_by_their_smallest_id_whatever_the_order() -> None:
    forward, backward = Groups(), Groups()
    forward.union(["c", "b"])
    forward.union(["b", "a"])
    backward.union(["a", "b"])
    backward.union(["c", "b"])
    assert {forward.find(x) for x in "abc"} == {backward.find(x) for x in "abc"} == {"a"}


def test_minhash_gives_datasketchs_numbers_stored_signatures_depend_on_them() -> None:
    import random

    import numpy as np
    from datasketch import MinHash

    from filter.context import signature as sig

    rng = random.Random(7)
    vocabulary = ["wire", "Kabul", "Pétion-Ville", "quake", "’s", "", "x" * 40, "日本"]
    sets = [set(), {"one"}] + [
        {" ".join(rng.choices(vocabulary, k=5)) for _ in range(rng.randrange(1, 300))}
        for _ in range(20)
    ]
    for items in sets:
        ref = MinHash(num_perm=CFG.num_perm, seed=CFG.seed, scheme="affine32")
        ref.update_batch([s.encode("utf-8") for s in items])
        assert sig.minhash(items, CFG) == ref.hashvalues.astype("<u4").tobytes()
        assert sig.minhash(list(items), CFG) == sig.minhash(items, CFG)
    assert np.frombuffer(sig.minhash(set(), CFG), dtype="<u4").max() == 2**32 - 1


def test_classify_many_classifies_each_as_classify_does() -> None:
    from filter.context.duplicates import classify_many

    pairs = event_pairs()
    doc = compute_signature("a", pairs[0][0]["text"])
    others = [
        compute_signature("b", edited(pairs[0][0]["text"], 0.03, seed=1)),
        compute_signature("c", pairs[0][0]["text"]),
        compute_signature("d", pairs[0][1]["text"]),
        compute_signature("e", "\n\n".join(paragraphs(pairs[0][0]["text"])[:3])),
    ]
    assert classify_many(doc, others, CFG) == [classify(doc, o, CFG) for o in others]
    assert classify_many(doc, [], CFG) == []
