"""The page reader's tree helpers, and the CSS every layout hands to Lexbor.

Layouts are data written against CSS; the reader evaluates them with Lexbor
(selectolax). A selector Lexbor cannot parse would make every page of that
agency fail, so each one is compiled here. Lexbor frees a node when it is
removed, so the removal helpers are checked on nested matches.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from etl.errors import CleanError
from etl.transform.web import embedded_article, generic_page, html_page
from etl.transform.web.site_layouts import (
    COMMON_DROP,
    GENERIC_LAYOUT,
    LAYOUTS,
    SiteLayout,
    layout_for_agency,
)

SELECTOR_FIELDS = [
    f.name for f in fields(SiteLayout) if f.name not in {"name", "agency", "hosts", "drawn_after"}
]


def _selectors(layout: SiteLayout) -> list[str]:
    found: list[str] = []
    for name in SELECTOR_FIELDS:
        value = getattr(layout, name)
        found.extend([value] if isinstance(value, str) else value)
    return found + [selector for selector, _ in layout.drawn_after]


@pytest.mark.parametrize(
    "layout", [*LAYOUTS.values(), GENERIC_LAYOUT], ids=lambda layout: layout.name
)
def test_every_layout_selector_compiles_in_lexbor(layout: SiteLayout) -> None:
    tree = LexborHTMLParser("<html><body><p>x</p></body></html>")
    for selector in _selectors(layout):
        tree.css(selector)  # raises SelectolaxError when Lexbor cannot parse it


def test_the_furniture_query_of_each_layout_compiles() -> None:
    tree = LexborHTMLParser("<html><body><p>x</p></body></html>")
    for layout in [*LAYOUTS.values(), GENERIC_LAYOUT]:
        tree.css(", ".join((*COMMON_DROP, *layout.drop)))


def test_generic_reader_selectors_compile() -> None:
    tree = LexborHTMLParser("<html><body><p>x</p></body></html>")
    for selector in (
        generic_page.STORY_MARKERS_SELECTOR,
        generic_page.SCREEN_READER_SELECTOR,
        generic_page.HIDDEN_SELECTOR,
        embedded_article.CAPTION_PARTS_SELECTOR,
        generic_page.METADATA_SELECTOR,
        generic_page.CAPTION_SELECTOR,
        *generic_page.BYLINE_SELECTORS,
        *generic_page.DECK_SELECTORS,
        ", ".join(generic_page.FURNITURE_TAGS),
    ):
        tree.css(selector)


def test_select_leaves_out_the_scope_itself() -> None:
    tree = html_page.parse_html("<div class='a'><div class='a'><p>x</p></div></div>")
    outer = tree.css_first("div.a")
    assert outer is not None
    inner = html_page.select(outer, "div.a")
    assert len(inner) == 1
    assert inner[0].mem_id != outer.mem_id


def test_top_level_drops_matches_inside_other_matches() -> None:
    tree = html_page.parse_html(
        "<div id='a'><div id='b'><p id='c'>x</p></div></div><p id='d'>y</p><div id='e'></div>"
    )
    kept = html_page.top_level(tree.css("div, p"))
    assert [n.attributes.get("id") for n in kept] == ["a", "d", "e"]


def test_remove_nodes_survives_nested_and_repeated_matches() -> None:
    tree = html_page.parse_html(
        "<nav><nav><nav><p>deep</p></nav></nav></nav><p>story text</p><aside><nav></nav></aside>"
    )
    matches = tree.css("nav, aside, nav")  # nested, and Lexbor may repeat a node
    html_page.remove_nodes(matches)
    assert tree.body is not None
    assert html_page.element_text(tree.body) == "story text"


def test_line_breaks_read_as_spaces_and_mark_paragraph_breaks() -> None:
    tree = html_page.parse_html("<p>one<br>two<BR/>three</br>four</p>")
    node = tree.css_first("p")
    assert node is not None
    assert node.text() == "one\u2028two\u2028three\u2028four"
    assert html_page.element_text(node) == "one two three four"


@pytest.mark.parametrize(
    "html",
    [
        "<p>one<br>two<BR/>three</br>four<bR class='x'>five</p>",
        "<p>a<brx>b<br_y>c<br9>d</p>",  # not line breaks: the tag name goes on
        "<p>a<br\u00e9>b<br\u00a0>c<br\u0416 x>d</p>",  # non-ASCII after br: the text path
        "<p>caf\u00e9 \u041c\u043e\u0441\u043a\u0432\u0430<br>\u6771\u4eac<br",  # no closing >
    ],
)
def test_page_bytes_parse_as_the_decoded_text_does(html: str) -> None:
    from_text = html_page.parse_html(html)
    from_bytes = html_page.parse_html(html, html.encode("utf-8"))
    assert from_bytes.html == from_text.html


# --- the generic reader's judgements, one at a time ------------------------------------------


def _generic(html: str) -> tuple[str, list[str], list[tuple[str | None, str | None]]]:
    story = generic_page.story_from_generic_page(html)
    return (
        story.headline,
        [b.text for b in story.blocks],
        [(m.caption, m.credit) for m in story.media],
    )


PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story, with enough words and commas, to count as text.</p>"
    for n in range(1, 4)
)


def test_a_container_named_like_furniture_is_kept_when_it_holds_the_headline() -> None:
    html = (
        "<html><body><article class='post category-comment'><h1>Why the bridge matters</h1>"
        f"{PARAGRAPHS}</article><div class='comments'><p>A reader comment, long enough "
        "to count as a paragraph of text.</p></div></body></html>"
    )
    headline, blocks, _ = _generic(html)
    assert headline == "Why the bridge matters"
    assert len(blocks) == 3
    assert not any("reader comment" in b for b in blocks)


def test_a_wrapper_named_by_a_short_token_is_kept_when_it_holds_most_of_the_page() -> None:
    html = (
        "<html><head><title>Blog: Race day in the hills</title></head><body><h1>Blog</h1>"
        f"<div class='widget Blog'><h3>Race day in the hills</h3><div>{PARAGRAPHS}</div></div>"
        "<div class='widget Profile'><p>About me: teacher and runner, writing since 2009.</p>"
        "</div></body></html>"
    )
    headline, blocks, _ = _generic(html)
    assert headline == "Race day in the hills", "the longest heading the title repeats"
    assert len(blocks) == 3


def test_a_story_split_by_a_page_builder_is_read_whole() -> None:
    html = (
        "<html><body><h1>Bakery reopens after the flood</h1><div class='layout'>"
        "<div class='block'><div class='content'><p>Seven months after the river came in, "
        "the bakery opened again, and the queue went past the post office.</p><p>The owner "
        "said the flood had ruined two ovens, the flour store and most of the floor.</p></div>"
        "</div><div class='block'><figure><img src='q.jpg'><figcaption>The queue. "
        "Photo by Dee Morrow</figcaption></figure></div><div class='block'><div "
        "class='content'><p>The bakery has raised its floor and moved its electrics up the "
        "walls, on the advice of the council.</p><p>People kept stopping the owner in the "
        "street, she said, to ask when the sourdough was coming back.</p></div></div></div>"
        "</body></html>"
    )
    _, blocks, media = _generic(html)
    assert len(blocks) == 4
    assert media == [("The queue.", "Photo by Dee Morrow")]


def test_a_strong_comment_thread_is_not_merged_into_the_story() -> None:
    # The thread scores close to the story (a merge candidate), but the only
    # element holding both also holds the headline: that is the page, not the story.
    comments = "".join(
        f"<div class='post'><p>Reader view {n}: fair result, good turnout, and a memorial "
        "still to come.</p></div>"
        for n in range(4)
    )
    html = (
        f"<html><body><main><div><h1>Town keeps its name</h1><div>{PARAGRAPHS}</div></div>"
        f"<section class='discussion'>{comments}</section></main></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert len(blocks) == 3
    assert not any("Reader view" in b for b in blocks)


def test_captions_outside_figures_go_to_media() -> None:
    html = (
        "<html><body><div class='story'><h1>Ferry timetable cut</h1><table><tr><td>"
        "<img src='p.jpg'></td></tr><tr><td class='caption'>The pier on Tuesday. "
        f"Picture: Morag Lennox</td></tr></table>{PARAGRAPHS}</div></body></html>"
    )
    _, blocks, media = _generic(html)
    assert media == [("The pier on Tuesday.", "Morag Lennox")]
    assert not any("pier on Tuesday" in b for b in blocks)


def test_a_caption_class_in_camel_case_is_a_caption_inside_the_body_too() -> None:
    # Daily Mail: ``<p class="imageCaption">`` between the story's paragraphs.
    html = (
        f"<html><body><div id='article-text'><h1>Rare dollar bills sought</h1>{PARAGRAPHS}"
        "<div class='artSplitter'><img src='b.jpg'><p class='imageCaption'>Collectors pay up "
        f"to $150,000 for a bill with a printing error</p></div>{PARAGRAPHS}</div></body></html>"
    )
    _, blocks, media = _generic(html)
    assert media == [("Collectors pay up to $150,000 for a bill with a printing error", None)]
    assert not any("Collectors" in b for b in blocks)
    assert len(blocks) == 6


def test_link_lists_labels_and_counters_are_not_body_text() -> None:
    html = (
        "<html><body><article><h1>Copper hits a six-month high</h1>"
        f"{PARAGRAPHS}<p><b>Read more:</b> <a href='/x'>Gold steady as dollar eases</a></p>"
        "<p>38</p><p>Download the Ledgerline app for alerts and live prices.</p>"
        "<h2>More on this story</h2><ul><li><a href='/y'>Oil slips on stockpiles</a></li></ul>"
        "</article></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert len(blocks) == 3, blocks


def test_a_layout_named_after_its_sidebar_keeps_the_story_it_holds() -> None:
    # Real layout (politico.eu): the story's column sits in a grid named "sidebar-grid";
    # the story-named class keeps it, the real sidebar beside it still goes.
    html = (
        "<html><body><article><h1>Harbour vote goes to a second round</h1>"
        "<div class='sidebar-grid'><div class='sidebar-grid__content article__content'>"
        f"{PARAGRAPHS}</div><div class='sidebar-grid__sidebar sidebar'><p>Most read today: "
        "a list of other stories, long enough to be a paragraph.</p></div></div>"
        "</article></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert len(blocks) == 3, blocks
    assert not any("Most read" in b for b in blocks)


def test_hidden_offers_and_fact_boxes_stay_out_of_the_body() -> None:
    # Subscription offers shipped hidden (shown to some readers by script), an
    # inline display:none, and a fact box beside the story's text.
    html = (
        "<html><body><article><h1>Council approves the new ferry timetable</h1>"
        "<div class='intro-body__premium hidden'><p>THIS CONTENT IS RESERVED FOR "
        "SUBSCRIBERS ONLY</p><ul><li>Unlimited online access to 15 news sites.</li></ul></div>"
        "<div style='display: none'><p>Sign in to keep reading, it only takes a minute.</p>"
        f"</div>{PARAGRAPHS}<div class='infobox'><h3>Weitere Informationen</h3><p>Background "
        "figures on the ferry service, in a box beside the story.</p></div></article>"
        "</body></html>"
    )
    _, blocks, _ = _generic(html)
    assert len(blocks) == 3, blocks
    assert all(b.startswith("Paragraph") for b in blocks)


@pytest.mark.parametrize(
    "line",
    [
        # consent notices standing in for an embedded post or video
        "Empfohlener redaktioneller Inhalt",
        "An dieser Stelle finden Sie externen Inhalt, der den Artikel ergänzt. Sie können "
        "sich hier alle externen Inhalte mit einem Klick anzeigen lassen.",
        "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können "
        "personenbezogene Daten an Drittplattformen übermittelt werden. Mehr Informationen "
        "dazu finden Sie in unserer Datenschutzerklärung.",
        "YouTube-Inhalte erlauben",
        "To view this video please enable JavaScript, and consider upgrading to a web browser",
        "We apologize, but this video has failed to load.",
        "'Ends recession debate': economists weigh in on the latest jobs report Back to video",
        # live-blog and page stamps
        "21:00Antony Clements-Thrower",
        "5 hours ago07:06 Jon King",
        "23. 12. 2024 13:31",
        "2025年1月14日 01時28分 (1月14日 01時40分更新)",
        "Aktualisiert am 07.01.2026 - 18:50 UhrLesedauer: 4 Min.",
        # prompts, ads, paywall teasers, photo credits, read-also lines
        "Follow Metro.co.uk on Twitter and Facebook for the latest news updates.",
        "Folgst du schon 20 Minuten auf Whatsapp?",
        "Follow TechRadar on Google News and add us as a preferred source to get our news.",
        "Don't want to see this? Remove ads",
        "Check out more of our latest travel stories by signing up to our free newsletter",
        "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",
        "Image: Fouzia Van Der Fort",
        "Les også: Tone Damli ofret musikkarrieren for barna",
        "Czytaj więcej",
    ],
)
def test_furniture_lines_of_real_sites_are_not_body_text(line: str) -> None:
    html = (
        f"<html><body><article><h1>Copper hits a six-month high</h1>{PARAGRAPHS}"
        f"<p>{line}</p></article></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert len(blocks) == 3, blocks


@pytest.mark.parametrize(
    "line",
    [
        "At 10:30 the police arrived and closed the road to the harbour for two hours.",
        "Follow the money, the prosecutor told the court on Tuesday.",
        "The advertisement ran for weeks on the state broadcaster, officials said.",
        "The image of the burning library was shared thousands of times on Sunday.",
    ],
)
def test_story_sentences_like_those_lines_stay(line: str) -> None:
    html = (
        f"<html><body><article><h1>Copper hits a six-month high</h1>{PARAGRAPHS}"
        f"<p>{line}</p></article></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert blocks[-1] == line


def test_the_any_marker_query_finds_each_layouts_markers() -> None:
    # clean.py asks every layout's markers in one query first: it must compile and
    # match wherever one layout's marker would.
    from etl.transform.clean import ANY_MARKER_SELECTOR

    tree = LexborHTMLParser(
        "<html><head><meta property='og:site_name' content='TASS'></head><body></body></html>"
    )
    assert tree.css_first(ANY_MARKER_SELECTOR) is not None
    assert (
        LexborHTMLParser("<html><body><p>x</p></body></html>").css_first(ANY_MARKER_SELECTOR)
        is None
    )


def test_a_standfirst_printed_atop_the_story_container_is_the_deck() -> None:
    html = (
        "<html><body><article><header><h1>Harbour vote goes to a second round</h1>"
        "<p class='preface'>Neither plan won a majority; the council votes again in March."
        f"</p></header>{PARAGRAPHS}</article></body></html>"
    )
    story = generic_page.story_from_generic_page(html)
    assert story.deck == "Neither plan won a majority; the council votes again in March."
    assert [b.text for b in story.blocks] == [b for b in _generic(html)[1]]
    assert len(story.blocks) == 3


def test_a_lead_paragraph_that_opens_with_a_dateline_stays_in_the_body() -> None:
    lead = "LISBON, Nov 19 (Reuters) - Portugal's rail unions called off a strike on Thursday."
    html = (
        "<html><body><article><h1>Rail unions call off strike</h1>"
        f"<p class='intro'>{lead}</p>{PARAGRAPHS}</article></body></html>"
    )
    story = generic_page.story_from_generic_page(html)
    assert story.deck is None
    assert story.dateline is not None and story.blocks[0].text.startswith("Portugal's rail")
    assert len(story.blocks) == 4


def test_a_kicker_above_the_standfirst_is_a_label() -> None:
    html = (
        "<html><body><article class='articlepage'><h1>Trams ready for the next heatwave</h1>"
        "<p class='preface'>Heat</p><p class='preface'>Rails bend and concrete swells: the "
        f"city has a plan for the summer.</p>{PARAGRAPHS}</article></body></html>"
    )
    story = generic_page.story_from_generic_page(html)
    assert story.deck == "Rails bend and concrete swells: the city has a plan for the summer."
    assert [b.text for b in story.blocks] == [
        f"Paragraph {n} of the story, with enough words and commas, to count as text."
        for n in range(1, 4)
    ]


def test_twin_blocks_of_a_split_story_are_read_with_it() -> None:
    # A builder cuts the story into blocks of one class, an ad and a shop box between;
    # the short last block scores too low to be merged, but it is the same story.
    html = (
        "<html><body><h1>Lego celebrates Star Wars day</h1><div class='articleContent'>"
        f"<div class='textBlock'>{PARAGRAPHS}{PARAGRAPHS}</div><div class='adSlot'>Ad</div>"
        "<div class='textBlock shopBox'><p>Lego 75346 Snubfighter: 34,99 Euro, today only "
        "in the shop.</p></div><div class='textBlock'><p>The sets go on sale on 1 May, the "
        "company said.</p></div></div></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert blocks[-1] == "The sets go on sale on 1 May, the company said."
    assert not any("Snubfighter" in b for b in blocks), "a block of another class stays out"
    assert len(blocks) == 7


LONG = "".join(
    f"<p>Continued paragraph {n} of the story, after the advertisement, long enough to be "
    "story text and not a teaser.</p>"
    for n in range(1, 3)
)


def test_twin_blocks_one_level_up_are_read_with_the_story() -> None:
    # Postmedia's pages: the body sits inside a story block; after an ad, the story
    # goes on in a second block of the same class. An offer box of that class, with
    # one short paragraph, and a block holding a headline of its own stay out.
    html = (
        "<html><body><article><div class='storyHead'><h1>Ferry timetable approved</h1></div>"
        f"<div class='storyBlock'><div class='storyBody'>{PARAGRAPHS}{PARAGRAPHS}</div></div>"
        "<div class='adSlot'>Advertisement</div>"
        f"<div class='storyBlock'>{LONG}</div>"
        "<div class='storyBlock'><p>Get the morning briefing in your inbox.</p></div>"
        f"<div class='storyBlock'><h1>Another story on the page</h1>{LONG}</div>"
        "</article></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert blocks[-2:] == [
        f"Continued paragraph {n} of the story, after the advertisement, long enough to be "
        "story text and not a teaser."
        for n in (1, 2)
    ]
    assert len(blocks) == 8, blocks


def test_stories_of_one_kind_on_an_endless_page_are_not_joined() -> None:
    # The next story of an endless page is a twin of the story's block, but the
    # headline is inside that block: it is one story among several, not a split one.
    html = (
        "<html><body><main><div class='story'><h1>Ferry timetable approved</h1>"
        f"<div class='storyBody'>{PARAGRAPHS}{PARAGRAPHS}</div></div>"
        f"<div class='story'><h2>Next: the bridge</h2>{LONG}</div></main></body></html>"
    )
    _, blocks, _ = _generic(html)
    assert not any(b.startswith("Continued") for b in blocks), blocks


def _layout_selectors() -> tuple[str, ...]:
    """Every headline, deck, byline, body and figure selector of every layout."""
    fields_read = ("headline", "deck", "byline", "body", "figures")
    return tuple(
        dict.fromkeys(
            selector
            for layout in (*LAYOUTS.values(), GENERIC_LAYOUT)
            for name in fields_read
            for selector in getattr(layout, name)
        )
    )


SKIP_CHECK_PAGES: list[Path | str] = [
    *sorted((Path(__file__).parents[1] / "fixtures" / "pages").glob("*.html")),
    # quirks mode (no doctype): class and id names match whatever their case
    "<html><body><div CLASS='richtextstorybody'><H1 class='PAGE-HEADLINE'>T</H1>"
    "<figure id='ARTICLEIMAGE'></figure><p data-testid='SUMMARY'>x</p></div></body></html>",
    "<!DOCTYPE html><html><body><article itemprop='articleBody'><h1>T</h1>"
    "<figure class='news-media'><img></figure><span class='Byline-byline-1 x'>By A</span>"
    "<div data-key='article' class='Article other'>y</div></article></body></html>",
]


@pytest.mark.parametrize("page", SKIP_CHECK_PAGES, ids=lambda page: getattr(page, "name", "inline"))
def test_a_query_is_skipped_only_when_its_selector_matches_nothing(page: Path | str) -> None:
    """The layout reader skips a selector's query when one query for a group of
    selectors finds no element its subject could be; the skip must never hide a match."""
    html = page.read_text(encoding="utf-8") if isinstance(page, Path) else page
    tree = html_page.parse_html(html)
    selectors = _layout_selectors()
    maybe = html_page._may_match(tree.css(", ".join(selectors)), selectors)
    matching = [selector for selector in selectors if tree.css(selector)]
    assert matching, "the page should exercise some selector"
    assert [selector for selector in matching if selector not in maybe] == []
    assert len(maybe) < len(selectors)  # and queries are skipped at all


SAMPLE_WIRE_SITE = Path(__file__).parents[2] / "etl" / "samplewire" / "site"
AGENCY_PAGES = sorted(
    [
        *(Path(__file__).parents[1] / "fixtures" / "pages").glob("*.html"),
        *SAMPLE_WIRE_SITE.glob("edition-1/*/**/*.html"),
    ]
)


def _agency_layout(page: Path) -> SiteLayout | None:
    """The layout a fixture page is written for: named by its file or its site folder."""
    for name in (page.name.split("_")[0], *page.parts):
        if (layout := layout_for_agency(name)) is not None:
            return layout
    return None


def _story_or_error(html: str, layout: SiteLayout) -> object:
    try:
        return html_page.story_from_html(html, layout)
    except CleanError as exc:
        return str(exc)


@pytest.mark.parametrize("page", AGENCY_PAGES, ids=lambda page: page.name)
def test_reading_inside_the_story_scope_gives_the_whole_pages_story(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Furniture is looked for, and the story read, only inside the scope that
    holds headline and body; the story must be the one the whole page gives."""
    layout = _agency_layout(page)
    assert layout is not None, f"no layout named by {page}"
    html = page.read_text(encoding="utf-8")
    scoped = _story_or_error(html, layout)
    real_scope = html_page.story_scope

    def whole_page(tree: html_page.HtmlTree, layout: SiteLayout) -> html_page.HtmlTree:
        real_scope(tree, layout)  # its check that the layout fits at all stays
        return tree

    monkeypatch.setattr(html_page, "story_scope", whole_page)
    whole = _story_or_error(html, layout)
    assert scoped == whole


def test_the_scope_holds_headline_and_body_and_leaves_the_page_around_them() -> None:
    page = next(p for p in AGENCY_PAGES if p.name == "ap_greece_ferry_strike.html")
    tree = html_page.parse_html(page.read_text(encoding="utf-8"))
    scope = html_page.story_scope(tree, LAYOUTS["AP"])
    assert scope is not tree
    assert html_page.select_one(scope, "h1.Page-headline") is not None
    assert html_page.select_one(scope, ".RichTextStoryBody") is not None
    assert html_page.select(scope, "nav, footer") == []
    assert tree.css_first("nav, footer") is not None  # the page's own chrome lies outside


def test_a_page_whose_headline_is_only_metadata_is_read_whole() -> None:
    html = (
        "<html><head><meta property='og:title' content='Quake hits Peru'></head><body>"
        "<nav>Home</nav><div class='RichTextStoryBody'><p>LIMA (AP) — A quake.</p></div>"
        "</body></html>"
    )
    tree = html_page.parse_html(html)
    assert html_page.story_scope(tree, LAYOUTS["AP"]) is tree
    story = html_page.story_from_html(html, LAYOUTS["AP"])
    assert story.headline == "Quake hits Peru"


@pytest.mark.parametrize(
    "lead",
    [
        "<span class='articleLocation'>MEXICO CITY</span> A consortium won the block.",
        # an earlier template printed the mark itself: it is not drawn twice
        "<span class='articleLocation'>MEXICO CITY</span> (Reuters) - A consortium won the block.",
    ],
)
def test_text_a_style_sheet_draws_after_an_element_is_read(lead: str) -> None:
    html = (
        "<html><body><h1 class='article-headline'>Consortium wins oil block</h1>"
        f"<span id='article-text'><p>{lead}</p><p>Bids closed on Monday.</p></span>"
        "</body></html>"
    )
    story = html_page.story_from_html(html, LAYOUTS["Reuters"])
    assert story.dateline is not None
    assert story.dateline.raw == "MEXICO CITY (Reuters) -"
    assert story.dateline.agency == "Reuters"
    assert story.blocks[0].text == "A consortium won the block."


def test_a_photo_given_only_by_srcset_keeps_its_widest_address() -> None:
    html = (
        "<html><body><div class='RichTextStoryBody'><h1 class='Page-headline'>Quake</h1>"
        "<figure><picture><source srcset='/a-320.webp 320w, /a-1200.webp 1200w'>"
        "<img srcset='/b-640.jpg 640w, /b-1600.jpg 1600w, /b-800.jpg 800w' alt=''></picture>"
        "<figcaption class='CaptionText'>Rubble in Arequipa. (AP Photo/Ana Ruiz)</figcaption>"
        "</figure><p>LIMA, Peru (AP) — A quake struck.</p></div></body></html>"
    )
    story = html_page.story_from_html(html, LAYOUTS["AP"], url="https://apnews.com/article/x")
    assert [item.url for item in story.media] == ["https://apnews.com/b-1600.jpg"]
    assert story.media[0].caption == "Rubble in Arequipa."


def test_an_agency_page_in_a_template_its_layout_does_not_know_is_read_from_one_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No body selector of AP's layout matches: the generic reader reads the same,
    untouched tree (no second parse), and the story keeps the agency."""
    from etl.transform import clean

    parses: list[str] = []
    real_parse = html_page.parse_html

    def counting_parse(html: str, utf8: bytes | None = None) -> html_page.HtmlTree:
        parses.append(html[:20])
        return real_parse(html, utf8)

    monkeypatch.setattr("etl.transform.clean.parse_html", counting_parse)
    paragraphs = "".join(
        f"<p>LIMA, Peru (AP) — Paragraph {i} of a story told at length for the reader.</p>"
        if i == 0
        else f"<p>Paragraph {i} of the story goes on with more words about the quake.</p>"
        for i in range(8)
    )
    page = (
        "<html><head><title>Quake shakes Peru</title></head><body><nav>Home</nav>"
        f"<main><h1>Quake shakes Peru</h1><div class='story-2031'>{paragraphs}</div></main>"
        "</body></html>"
    )
    story = clean.clean_document(
        page, content_type="text/html", url="https://apnews.com/article/quake-peru"
    )
    assert len(parses) == 1
    assert story.headline == "Quake shakes Peru"
    assert story.agency == "AP"
    assert story.dateline is not None and story.dateline.place == "Lima"


def test_a_layout_that_misses_inside_the_scope_reads_the_whole_page_before_giving_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hidden teaser with the body's class beside the headline makes a scope
    that lacks the story; the layout then reads the whole page, not the generic reader."""
    from etl.transform import clean

    def no_generic(*args: object, **kwargs: object) -> object:
        raise AssertionError("the generic reader was asked")

    monkeypatch.setattr("etl.transform.clean.story_from_unknown_page", no_generic)
    page = (
        "<html><body><div class='wrap'><header class='hero'>"
        "<h1 class='Page-headline'>Quake shakes Peru</h1>"
        "<div class='RichTextStoryBody' hidden><p>Teaser of the story.</p></div></header>"
        "<div class='Page-authors'>By ANA RUIZ</div>"
        "<div class='RichTextStoryBody'><p>LIMA, Peru (AP) — A strong quake shook Peru.</p>"
        "<p>Nobody was hurt.</p></div></div></body></html>"
    )
    story = clean.clean_document(
        page, content_type="text/html", url="https://apnews.com/article/quake"
    )
    assert [block.text for block in story.blocks] == [
        "A strong quake shook Peru.",
        "Nobody was hurt.",
    ]
    assert story.byline == "ANA RUIZ"
