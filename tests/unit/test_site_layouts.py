"""The agency layout registry: layouts belong to known agencies, found by name, host and page."""

from __future__ import annotations

import pytest

from etl.errors import CleanError
from etl.transform.agencies import AGENCIES
from etl.transform.clean import clean_document
from etl.transform.web.html_page import first_text, has_match, parse_html
from etl.transform.web.site_layouts import (
    AGENCY_LAYOUTS,
    GENERIC_LAYOUT,
    LAYOUTS,
    choose_layout,
    layout_for_agency,
    layout_for_url,
)


def test_every_page_layout_belongs_to_a_profiled_agency() -> None:
    # National agencies known by their datelines (ANP, AAP, ...) need no page layout
    # until we read their sites; the sixteen whose pages we read (Anadolu from
    # aa.com.tr, RIA Novosti, Ukrinform, Kazinform) all have one.
    assert set(LAYOUTS) <= set(AGENCIES)
    assert len(LAYOUTS) == 16
    assert len(AGENCY_LAYOUTS) == len(LAYOUTS), "one layout per agency"


@pytest.mark.parametrize("layout", AGENCY_LAYOUTS, ids=lambda layout: layout.name)
def test_layout_is_complete(layout: object) -> None:
    assert layout in LAYOUTS.values()
    for field in ("hosts", "markers", "headline", "body", "blocks", "drop"):
        assert getattr(layout, field), f"{field} is empty"


@pytest.mark.parametrize(
    ("url", "agency"),
    [
        ("https://tass.com/world/2031457", "TASS"),
        ("https://www.reuters.com/world/europe/some-story-2026-11-19/", "Reuters"),
        ("https://apnews.com/article/some-story-0b8d3f6a", "AP"),
        ("https://www.afp.com/fr/actus/afp_actualite/some-story", "AFP"),
        ("https://english.news.cn/20261119/4f1c2a7e/c.html", "Xinhua"),
        ("http://www.xinhuanet.com/english/2019-10/03/c_138444242.htm", "Xinhua"),
        ("https://www.upi.com/Top_News/US/2026/11/19/some-story/4821763556824/", "UPI"),
        ("https://interfax.com/newsroom/top-stories/118842/", "Interfax"),
        ("https://www.interfax.ru/russia/1012345", "Interfax"),
        ("https://www.dpa-international.com/topic/some-story", "dpa"),
        ("https://efe.com/america/2026-01-02/some-story/", "EFE"),
        ("https://www.ansa.it/sito/notizie/economia/2026/01/12/some-story.html", "ANSA"),
        ("https://english.kyodonews.net/news/2026/11/7c2e9d41a5b3-some-story.html", "Kyodo"),
        ("https://en.yna.co.kr/view/AEN20261119007351320", "Yonhap"),
    ],
)
def test_layout_is_found_by_the_agency_host(url: str, agency: str) -> None:
    layout = layout_for_url(url)
    assert layout is not None
    assert layout.agency == agency


@pytest.mark.parametrize(
    "url",
    [
        "https://notreuters.com/story",
        "https://example.com/ansa.it/story",
        "https://news.cn.example/",
    ],
)
def test_lookalike_hosts_get_no_agency_layout(url: str) -> None:
    assert layout_for_url(url) is None


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("Agence France-Presse", "AFP"),
        ("新华社", "Xinhua"),
        ("Интерфакс", "Interfax"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("Agencia EFE", "EFE"),
        ("共同通信", "Kyodo"),
        ("연합뉴스", "Yonhap"),
        ("United Press International", "UPI"),
        ("ANSA.it", "ANSA"),
    ],
)
def test_layout_is_found_by_any_agency_name(name: str, agency: str) -> None:
    layout = layout_for_agency(name)
    assert layout is not None
    assert layout.agency == agency


@pytest.mark.parametrize(
    ("site_name", "agency"),
    [
        ("AFP.com", "AFP"),
        ("UPI", "UPI"),
        ("Interfax", "Interfax"),
        ("dpa", "dpa"),
        ("Agencia EFE", "EFE"),
        ("Agenzia ANSA", "ANSA"),
        ("Kyodo News+", "Kyodo"),
        ("Yonhap News Agency", "Yonhap"),
    ],
)
def test_layout_is_found_by_the_page_site_name(site_name: str, agency: str) -> None:
    page = parse_html(
        f'<html><head><meta property="og:site_name" content="{site_name}"></head>'
        "<body><h1>Title</h1><p>Text.</p></body></html>"
    )
    layout = choose_layout(lambda selector: has_match(page, selector), agency_hint=None, url=None)
    assert layout.agency == agency


def test_a_page_without_markers_gets_the_generic_layout() -> None:
    page = parse_html("<html><body><article><h1>Title</h1><p>Text.</p></article></body></html>")
    layout = choose_layout(lambda selector: has_match(page, selector), agency_hint=None, url=None)
    assert layout is GENERIC_LAYOUT


@pytest.mark.parametrize(
    ("markup", "agency"),
    [
        ('<div id="detailContent"><p>Text.</p></div>', "Xinhua"),
        ('<div id="js-article"><div class="article-body"><p>Text.</p></div></div>', "Kyodo"),
    ],
)
def test_class_names_name_an_agency_only_on_a_page_of_unknown_address(
    markup: str, agency: str
) -> None:
    """A newspaper's ``#detailContent`` is not Xinhua's; a saved page without its URL may be."""
    page = parse_html(f"<html><body><h1>Title</h1>{markup}</body></html>")

    def matches(selector: str) -> bool:
        return has_match(page, selector)

    saved = choose_layout(matches, agency_hint=None, url=None)
    elsewhere = choose_layout(matches, agency_hint=None, url="https://www.cbc.ca/news/world/1.7")
    assert saved.agency == agency
    assert elsewhere is GENERIC_LAYOUT


def test_the_cleaner_reads_a_class_marker_only_on_a_page_of_unknown_address() -> None:
    """End to end: ``clean_document`` asks for the markers with the page's address.

    Xinhua's classes (``.h-title``, ``#detailContent``) on a page saved without
    its URL pick Xinhua's layout; on a newspaper's page they pick none, and the
    generic reader, which sees no headline element, refuses the page.
    """
    html = (
        "<html><body><div class='h-title'>Storm hits the coast</div><div id='detailContent'>"
        "<p>BEIJING, May 3 (Xinhua) -- A storm hit the coast on Friday.</p>"
        "<p>Roads were closed.</p></div></body></html>"
    )
    saved = clean_document(html, content_type="text/html")
    assert saved.headline == "Storm hits the coast"
    assert saved.agency == "Xinhua"
    with pytest.raises(CleanError, match="unknown layout"):
        clean_document(html, content_type="text/html", url="https://www.cbc.ca/news/world/1.7")


def test_a_paper_carrying_an_agency_story_declares_it_in_its_metadata() -> None:
    page = parse_html(
        '<html><head><meta name="author" content="dpa"></head>'
        "<body><h1>Title</h1><p>Text.</p></body></html>"
    )
    layout = choose_layout(
        lambda selector: has_match(page, selector), agency_hint=None, url="https://www.mz.de/x"
    )
    assert layout.agency == "dpa"


def test_first_text_prefers_selectors_in_order_not_document_order() -> None:
    # one query walks the page for all the selectors; preference stays the tuple's
    tree = parse_html(
        "<html><head><meta property='og:title' content='From the meta'></head><body>"
        "<h2 class='kicker'>Kicker</h2><div class='x'><h1 class='t'> </h1></div>"
        "<h1 class='t'>The headline</h1></body></html>"
    )
    found = first_text(tree, ("h1.t", "h2.kicker", 'meta[property="og:title"]'))
    assert found is not None and found[1] == "The headline"
    found = first_text(tree, ("h3", 'meta[property="og:title"]', "h2.kicker"))
    assert found is not None and found[1] == "From the meta"
    assert first_text(tree, ("h3", "h4")) is None


STORY_PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story, long enough and with commas, to be story text.</p>"
    for n in range(1, 5)
)


def _upi_page(head: str) -> bytes:
    return (
        f"<html><head><title>Contract awarded | UPI.com</title>{head}</head><body>"
        "<h1 class='headline'>Contract awarded for five aircraft</h1>"
        f"<article itemprop='articleBody'>{STORY_PARAGRAPHS}</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("head", "agency"),
    [
        # a page saved without its URL still declares it: the agency's layout reads it
        ("<link rel='canonical' href='https://www.upi.com/Defense-News/2026/11/19/x/1/'>", "UPI"),
        ("<meta property='og:url' content='https://www.upi.com/Defense-News/2026/11/19/x/1/'>",
         "UPI"),
        # a relative canonical names no site; nor does a page that declares nothing
        ("<link rel='canonical' href='/Defense-News/2026/11/19/x/1/'>", None),
        ("", None),
        # another site's address: the generic reader, as before
        ("<link rel='canonical' href='https://news.example.com/x/1/'>", None),
    ],
)  # fmt: skip
def test_a_page_without_its_url_is_read_by_the_layout_of_the_address_it_declares(
    head: str, agency: str | None
) -> None:
    story = clean_document(_upi_page(head), content_type="text/html")
    assert story.agency == agency
    assert story.blocks[0].text.startswith("Paragraph 1")


def test_the_url_given_outranks_the_address_a_page_declares() -> None:
    head = "<link rel='canonical' href='https://www.upi.com/Defense-News/2026/11/19/x/1/'>"
    story = clean_document(
        _upi_page(head), content_type="text/html", url="https://news.example.com/x/1/"
    )
    assert story.agency is None


def test_a_page_without_its_url_that_declares_another_site_trusts_no_class_marker() -> None:
    # CBC's pages hold a #detailContent, one of Xinhua's class markers: a page of
    # unknown address would be taken for Xinhua's, one that declares cbc.ca is not.
    def page(head: str) -> bytes:
        return (
            f"<html><head><title>Ferry cut | CBC News</title>{head}</head><body>"
            "<h1>Ferry service cut for the winter</h1>"
            f"<div id='detailContent'>{STORY_PARAGRAPHS}</div></body></html>"
        ).encode()

    declared = page("<link rel='canonical' href='https://www.cbc.ca/news/ferry-1.7000000'>")
    assert clean_document(declared, content_type="text/html").agency is None
    assert clean_document(page(""), content_type="text/html").agency == "Xinhua"
