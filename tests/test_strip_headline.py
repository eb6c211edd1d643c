"""The headline is metadata: a first block repeating the document's title goes, a lede stays."""

from __future__ import annotations

from filter.strip import strip_document
from filter.strip.headline import drop_headline, repeats_title
from filter.types import Block, Document, Stripped
from tests.test_strip_cli import PAGE

BODY = (
    "Harbour workers unloaded the first cargo at the new container terminal on Monday, months "
    "after construction delays pushed back the opening of the facility on the east quay.\n\n"
    "The terminal can handle two large ships at once, the port authority said in a statement, "
    "and it expects traffic to double within five years as shipping lines move their routes."
)


def test_the_pages_h1_becomes_metadata_not_body() -> None:
    stripped = strip_document(Document(id="p", source="page.html", text="", html=PAGE))
    assert stripped.document.title == "Terminal opens after delays"
    assert not stripped.text.startswith("Terminal opens")
    assert stripped.text.startswith("Harbour workers unloaded the first cargo")
    [headline] = [b for b in stripped.removed if b.reason == "title"]
    assert headline.text == "Terminal opens after delays"


def test_a_title_with_the_sites_name_still_matches_its_headline() -> None:
    page = PAGE.replace(
        "<title>Terminal opens after delays</title>",
        "<title>Terminal opens after delays | Harbour Gazette</title>",
    ).replace('<meta property="og:title" content="Terminal opens after delays">', "")
    stripped = strip_document(Document(id="p", source="page.html", text="", html=page))
    assert "Terminal opens after delays" in (stripped.document.title or "")
    assert [b.text for b in stripped.removed if b.reason == "title"] == [
        "Terminal opens after delays"
    ]


def test_a_text_record_whose_first_line_is_its_title_loses_that_line() -> None:
    text = "Terminal Opens After Delays\n\n" + BODY
    doc = Document(id="t", source="t", text=text, title="Terminal opens after delays")
    stripped = strip_document(doc)
    assert stripped.text == BODY
    assert [b.reason for b in stripped.removed] == ["title"]


def test_without_a_title_the_first_line_is_left_to_the_usual_rules() -> None:
    text = "Terminal Opens After Delays\n\n" + BODY
    stripped = strip_document(Document(id="t", source="t", text=text))
    assert stripped.text.startswith("Terminal Opens After Delays")
    assert not [b for b in stripped.removed if b.reason == "title"]


def test_a_lede_that_opens_with_the_headline_words_stays() -> None:
    lede = "Terminal opens after delays, the port authority said, as workers unloaded cargo."
    assert not repeats_title(lede, "Terminal opens after delays")
    title = "Terminal opens after delays"
    doc = Document(id="t", source="t", text=lede + "\n\n" + BODY, title=title)
    assert strip_document(doc).text.startswith(lede)


def test_a_block_must_be_most_of_the_title_it_is_inside() -> None:
    assert repeats_title("Terminal opens after delays", "Terminal opens after delays | Gazette")
    assert not repeats_title("Terminal opens", "Terminal opens | The Harbour Gazette Online")
    assert not repeats_title("Terminal", "Terminal opens after delays at the east quay")
    assert not repeats_title("", "Terminal opens") and not repeats_title("Terminal", "")
    # containment is of whole words: "union plan" is not inside "reunion plans"
    assert not repeats_title("union plan", "reunion plan")
    assert repeats_title("union plan", "Union plan")


def test_the_only_kept_block_is_never_taken() -> None:
    only = [Block(0, 27, "Terminal opens after delays")]
    assert drop_headline(only, "Terminal opens after delays") is None
    removed_first = [
        Block(0, 4, "Menu", keep=False, reason="classifier p=0.99"),
        Block(5, 32, "Terminal opens after delays"),
        Block(33, 40, "Body text."),
    ]
    out = drop_headline(removed_first, "Terminal opens after delays")
    assert out is not None and [b.keep for b in out] == [False, False, True]
    assert out[1].reason == "title" and out[0].reason == "classifier p=0.99"


def test_title_and_dateline_lines_are_neither_junk_nor_body() -> None:
    doc = Document(id="t", source="t", text="")
    blocks = (
        Block(0, 10, "Headline A", keep=False, reason="title"),
        Block(11, 20, "12 May", keep=False, reason="dateline"),
        Block(21, 41, "Body text goes here.", keep=True),
        Block(42, 62, "Subscribe right now!", keep=False, reason="marker:newsletter"),
    )
    stripped = Stripped(document=doc, text="Body text goes here.", blocks=blocks)
    assert [b.reason for b in stripped.junk] == ["marker:newsletter"]
    assert len(stripped.removed) == 3
    assert stripped.junk_share == 20 / 40
