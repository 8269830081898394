"""The story a page declares in its structured data: a check on the reader, and a last resort.

A page's JSON-LD ``articleBody`` is the publisher's own statement of the
story's text. When it is about as long as the body read, the reader's
paragraphs it does not hold (a poll, an app promotion, an embed's consent
notice) stay out; when it is much longer than anything read from the HTML,
the reader took one part of a split story and the declared body is used.
"""

from __future__ import annotations

import json

import pytest

from etl.errors import CleanError
from etl.transform.clean import clean_document
from etl.transform.web.embedded_article import DeclaredBody, declared_body
from etl.transform.web.html_page import parse_html

HEADLINE = "Harbour wall repairs to start in spring after storm damage"
STORY = [
    "Work on the damaged harbour wall will start in March, the council said on Tuesday, "
    "after January's storms tore a twelve-metre gap in the outer section.",
    "The council's engineer said the repair would take eleven weeks and cost 2.4 million, "
    "paid from the harbour reserve, and that the fishing fleet would be told in writing.",
    "Fishing boats will use the inner basin while the outer section is closed, and the "
    "ferry to the islands will sail from the north quay until the work is done.",
    "Harbour users asked for a second meeting before the work starts; the council said it "
    "would hold one in February at the sailing club, open to anyone who uses the port.",
]
PROMO = "The Gazette shop sells framed prints of the harbour: order yours before Christmas."
POLL = "Should the council have repaired the wall before the storms? Yes. No. Not sure."


def _page(paragraphs: list[str], article_body: str, *, crosshead: str = "") -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "articleBody": article_body})
    head = f"<h2>{crosshead}</h2>" if crosshead else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2]) + head
    body += "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return (
        f"<html><head><title>{HEADLINE}</title><script type='application/ld+json'>{ld}"
        f"</script></head><body><article><h1>{HEADLINE}</h1>{body}</article></body></html>"
    ).encode()


def _clean(page: bytes) -> list[str]:
    story = clean_document(page, content_type="text/html", url="https://harbourside.example/a")
    return [b.text for b in story.blocks]


def test_paragraphs_the_declared_body_does_not_hold_stay_out() -> None:
    page = _page([STORY[0], PROMO, *STORY[1:], POLL], " ".join(STORY), crosshead="What next")
    assert _clean(page) == [STORY[0], "What next", *STORY[1:]], "crossheads stay"


def test_a_declared_teaser_does_not_judge_the_body() -> None:
    page = _page([*STORY, PROMO], STORY[0])
    assert _clean(page) == [*STORY, PROMO]


def test_a_story_read_in_part_is_taken_from_the_declared_body() -> None:
    # The HTML holds the first paragraph; the rest comes from the page's script.
    page = _page(STORY[:1], "\n".join(STORY))
    assert _clean(page) == STORY


def test_a_declared_body_sent_twice_and_escaped_twice_is_read_once() -> None:
    text = "Il sindaco ha parlato all&amp;ugrave; assemblea. " + " ".join(STORY)
    ld = json.dumps({"@type": "NewsArticle", "articleBody": f"{text} {text}"})
    tree = parse_html(f"<html><head><script type='application/ld+json'>{ld}</script></head></html>")
    declared = declared_body(tree)
    assert declared is not None
    assert declared.text.startswith("Il sindaco ha parlato allù assemblea.")
    assert declared.text.count(STORY[0]) == 1


def test_a_paragraph_is_held_when_most_of_its_words_run_in_order() -> None:
    declared = DeclaredBody.of(" ".join(STORY))
    assert declared.holds(STORY[1])
    assert declared.holds(STORY[1].replace("2.4 million", "2,4 million"))  # a detail differs
    assert not declared.holds(PROMO)
    assert not declared.holds("harbour reserve council engineer the wall")  # words, not in order


def test_hostile_script_data_is_read_safely() -> None:
    # JSON nested past any recursion limit, a broken state assignment and a stream
    # row claiming more bytes than it has: the page is refused with its reason.
    deep = "[" * 100_000 + "]" * 100_000
    html = (
        f"<html><head><title>{HEADLINE}</title>"
        f"<script type='application/ld+json'>{deep}</script>"
        "<script type='application/ld+json'>{\"articleBody\": [" + deep + "]}</script>"
        f"<script id='__NEXT_DATA__' type='application/json'>{deep}</script>"
        '<script>window.__INITIAL_STATE__ = {"body": "unterminated</script>'
        '<script>self.__next_f.push([1,"24:Tfffffff,<p>short</p>"])</script>'
        "</head><body><div id='root'></div></body></html>"
    ).encode()
    with pytest.raises(CleanError, match="no article on this page"):
        clean_document(html, content_type="text/html", url="https://harbourside.example/a")
