"""What the cleaner refuses, and the promise that it never fails any other way."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.errors import CleanError, DatelineError
from etl.model import CleanStory
from etl.transform.clean import clean_document

PUBLISHED = datetime.fromisoformat("2026-11-19T09:00:00+00:00")


def _tass_page(first_paragraph: str) -> str:
    return (
        '<html lang="en"><head><meta property="og:site_name" content="TASS"></head><body>'
        '<h1 class="news-header__title">Grain exports rise</h1><div class="text-block">'
        f"<p>{first_paragraph}</p><p>Shipments picked up after the storms, analysts said.</p>"
        "</div></body></html>"
    )


@pytest.mark.parametrize("data", [b"", b"   \n\t ", "", "\n\n", "\ufeff"])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(CleanError, match="empty"):
        clean_document(data)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + b"\x00\xff" * 200,
        b"\x1f\x8b\x08\x00" + bytes(range(7, 250, 3)) * 20,
    ],
)
def test_binary_garbage(data: bytes) -> None:
    with pytest.raises(CleanError):
        clean_document(data, content_type="application/octet-stream")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a>Home</a> <a>World</a></nav><footer>© 2026 TASS</footer></body></html>",
        "<html><head><title>TASS</title></head><body>"
        "<div class='cookie-warning'>We use cookies</div></body></html>",
        "<!DOCTYPE html><html><body><h1>Page not found</h1>"
        "<p>The page has moved.</p></body></html>",
        "<html><body><article><h1>A headline and nothing else</h1></article></body></html>",
        "<html><body><article><p>A paragraph without any headline at all.</p>"
        "</article></body></html>",
    ],
)
def test_html_without_an_article(html: str) -> None:
    with pytest.raises(CleanError):
        clean_document(html.encode(), content_type="text/html; charset=utf-8")


def test_text_with_a_headline_only() -> None:
    with pytest.raises(CleanError, match="no body"):
        clean_document("All news\n\nJust a headline\n")


def test_text_that_opens_with_its_dateline_has_no_headline() -> None:
    with pytest.raises(CleanError, match="no headline"):
        clean_document("MOSCOW, November 19. /TASS/. Exports rose.\n\nMore text here.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "MOSCOW, Blahtober 99. /TASS/. Exports rose in November, analysts said.",
        "MOSCOW, 19 19 19. /TASS/. Exports rose in November, analysts said.",
        "12345, November 19. /TASS/. Exports rose in November, analysts said.",
        "MOSCOW, February 30. /TASS/. Exports rose in November, analysts said.",
    ],
)
def test_tass_marker_with_a_garbage_date_is_a_dateline_error(paragraph: str) -> None:
    with pytest.raises(DatelineError) as raised:
        clean_document(_tass_page(paragraph), agency_hint="TASS", published_at=PUBLISHED)
    assert raised.value.stage == "dateline"
    assert isinstance(raised.value, CleanError), "a dateline error is quarantined like any other"


def test_tass_marker_with_a_garbage_date_in_a_text_dump() -> None:
    text = "Grain exports rise\n\nMOSCOW, Blahtober 99. /TASS/. Exports rose.\n\nMore text."
    with pytest.raises(DatelineError):
        clean_document(text, published_at=PUBLISHED)


def test_story_without_a_dateline_is_fine() -> None:
    story = clean_document(_tass_page("Exports rose in November, analysts said."))
    assert story.dateline is None
    assert story.agency == "TASS"
    assert story.blocks[0].text == "Exports rose in November, analysts said."


def test_agency_named_in_prose_is_not_a_marker() -> None:
    story = clean_document(_tass_page("The Associated Press (AP) reported the figures first."))
    assert story.dateline is None


# --- nothing but a story or a CleanError, whatever comes in ------------------------------

HTML_PIECES = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<head>",
        "<body>",
        "<article>",
        "</article>",
        "<h1>",
        "</h1>",
        "<h2>",
        "<p>",
        "</p>",
        "<p><strong>",
        "</strong>",
        "<figure><img alt='x' src='y'>",
        "<figcaption>",
        "</figcaption>",
        "</figure>",
        "<div class='text-block'>",
        "</div>",
        "<meta property='og:site_name' content='TASS'>",
        "<meta charset='koi8-r'>",
        '<script type=\'application/ld+json\'>{"datePublished": "2026-13-45"}</script>',
        "<link rel='canonical' href='http://[::1'>",
        "<time datetime='yesterday'>",
        "MOSCOW, November 19. /TASS/. ",
        "UNITED NATIONS, Blah 77. /TASS/. ",
        "(Reuters) - ",
        "KYIV, Ukraine (AP) — ",
        "EPA/JOHN DOE",
        "All news",
        "\n",
        "\n\n",
        " ",
        "Ã©",
        "\x00",
        "\u00ad",
        "Some words here. ",
        "A headline",
        "<br>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&amp;",
    ]
)
DOCUMENTS = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=3000),
    st.lists(HTML_PIECES | st.text(max_size=20), max_size=80).map("".join),
    st.lists(HTML_PIECES | st.text(max_size=20), max_size=80).map(lambda xs: "".join(xs).encode()),
)


@settings(max_examples=200, deadline=None)
@given(
    data=DOCUMENTS,
    content_type=st.sampled_from(
        [None, "text/html", "text/plain; charset=cp1251", "text/html; charset=nope"]
    ),
    agency_hint=st.sampled_from([None, "TASS", "Reuters", "AP", "ITAR-TASS", "Nobody"]),
    published_at=st.one_of(st.none(), st.datetimes()),
)
def test_clean_document_returns_a_story_or_raises_clean_error(
    data: bytes | str,
    content_type: str | None,
    agency_hint: str | None,
    published_at: datetime | None,
) -> None:
    try:
        story = clean_document(
            data, content_type=content_type, agency_hint=agency_hint, published_at=published_at
        )
    except CleanError as error:
        assert error.reason
        return
    assert isinstance(story, CleanStory)
    assert story.headline
    assert any(block.kind == "paragraph" and block.text for block in story.blocks)
    assert story.published_at is None or story.published_at.utcoffset() is not None
