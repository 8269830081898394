"""Feeds of every shape read into entries that keep what the feed carries.

Fixtures in tests/fixtures/feeds/ are written for these tests in the real
formats (a Yandex.News full-text feed, a 2018 Reuters FeedBurner RSS, Media RSS
with per-photo credits, WordPress content:encoded, Atom content, JSON Feed 1.1,
a cp1251 feed that says UTF-8); each opens with what it is and what to expect.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from etl.errors import FeedError
from etl.extract.feed_charset import feed_as_utf8, repair_double_encoding
from etl.extract.feeds import parse_feed
from etl.model import FeedEntry, MediaItem, Subject
from etl.transform.feed_story import (
    full_text_story,
    has_full_text,
    summary_paragraphs,
    summary_story,
)

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _feed(name: str, content_type: str | None = None) -> list[FeedEntry]:
    return parse_feed((FEEDS / name).read_bytes(), url=f"http://127.0.0.1/{name}",
                      content_type=content_type).entries  # fmt: skip


def test_yandex_full_text_is_kept_with_categories_and_enclosures() -> None:
    result = parse_feed((FEEDS / "full_text_yandex.rss").read_bytes())
    assert result.kind == "rss"
    assert result.expected_interval == timedelta(minutes=10), "the feed's ttl"
    first = result.entries[0]
    assert first.content_type == "text/plain"
    assert first.content is not None and first.content.startswith("KYIV, November 19. /Kyiv Wire/.")
    assert "twelve hours a day in some regions" in first.content
    assert first.subjects == (Subject("Economy", scheme="category"),)
    assert first.media == (
        MediaItem(None, None, "https://kyivwire.example/img/3981201.jpg", "image/jpeg"),
    )
    assert all(has_full_text(entry) for entry in result.entries)


def test_media_rss_keeps_each_photo_with_its_own_credit_and_caption() -> None:
    result = parse_feed((FEEDS / "media_rss.xml").read_bytes())
    assert result.expected_interval == timedelta(minutes=30), "hourly, twice"
    avalanche, bus, festival = result.entries
    assert avalanche.media == (
        MediaItem(
            "Snow piles up along the road to Galtuer on Wednesday evening.",
            "APA/EXPA/JOHANN GRODER",
            "https://apa-wire.example/img/avalanche-1.jpg",
            "image/jpeg",
        ),
    ), "the thumbnail of the same photo is not a second photo"
    assert [(m.credit, m.caption) for m in bus.media] == [
        ("APA/HELMUT FOHRINGER", "A hydrogen bus at the Leopoldau depot before its first trip."),
        ("APA/ROLAND SCHLAGER", "The mayor speaks at the opening of the line."),
    ], "a group's credit for the first photo, the second photo's own"
    assert festival.media[0].url == "https://apa-wire.example/img/festival.jpg"
    assert avalanche.authors == ("Lena Gruber",)
    assert [s.name for s in avalanche.subjects] == ["Environment", "Tyrol", "Weather"]
    assert avalanche.subjects[0].scheme == "https://apa-wire.example/en/section"
    assert avalanche.summary is not None and avalanche.summary.startswith("INNSBRUCK, Nov 19")
    assert not any(has_full_text(entry) for entry in result.entries)


def test_media_description_does_not_replace_the_item_description() -> None:
    """feedparser puts a media:description that comes first into the summary; we do not."""
    data = (
        b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>'
        b"<item><title>A</title><link>http://x.example/1</link>"
        b'<media:content url="http://x.example/1.jpg"><media:description>Caption.'
        b"</media:description></media:content><description>The lead.</description></item>"
        b"</channel></rss>"
    )
    (entry,) = parse_feed(data).entries
    assert entry.summary == "The lead."
    assert entry.content is None
    assert entry.media[0].caption == "Caption."


def test_content_encoded_and_atom_content_are_full_text_as_html() -> None:
    (wordpress,) = _feed("content_encoded.rss")
    assert wordpress.content_type == "text/html"
    assert wordpress.authors == ("Tom Reilly",)
    assert has_full_text(wordpress)
    (atom,) = _feed("atom_content.atom")
    assert atom.content_type == "text/html"
    assert atom.content is not None and atom.content.startswith("<p>HELSINKI, Nov 19 (NNS)")
    assert atom.summary == "Trains run again across Finland."
    assert atom.authors == ("Mikko Laine",)
    assert [s.name for s in atom.subjects] == ["Labour", "Transport"]


def test_json_feed_1_1_is_a_feed_kind() -> None:
    result = parse_feed((FEEDS / "json_feed.json").read_bytes())
    assert result.kind == "json"
    bridge, market = result.entries  # the item with neither id nor url is dropped
    assert bridge.published_at == datetime(2026, 11, 19, 7, 20, tzinfo=UTC)
    assert bridge.updated_at == datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    assert bridge.content_type == "text/html" and has_full_text(bridge)
    assert bridge.authors == ("Claire Dubois",)
    assert [s.name for s in bridge.subjects] == ["Transport", "Geneva"]
    assert [(m.url, m.media_type) for m in bridge.media] == [
        ("https://lakeside.example/img/bridge.jpg", "image"),
        ("https://lakeside.example/audio/bridge.mp3", "audio/mpeg"),
    ], "the PDF attachment is no media"
    assert market.guid == "2"
    assert market.authors == ("Lakeside Daily newsroom",), "the feed's author stands in"
    assert not has_full_text(market)


def test_json_that_is_no_json_feed_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="not a JSON Feed"):
        parse_feed(b'{"items": []}', content_type="application/json")
    with pytest.raises(FeedError, match="unreadable"):
        parse_feed(b"{not json", content_type="application/feed+json")


def test_cp1251_feed_declared_utf8_is_read_as_cyrillic_not_mojibake() -> None:
    data = (FEEDS / "wrong_charset_cp1251.rss").read_bytes()
    result = parse_feed(data, content_type="application/rss+xml; charset=utf-8")
    assert result.title == "Москва: новости дня"
    assert result.entries[0].title == "В Подмосковье открыли новую станцию электричек"
    assert result.charset_note is not None and "cp1251" in result.charset_note
    assert "Ìîñêâà" not in (result.entries[0].summary or "")


def test_text_stored_as_mojibake_by_the_feed_itself_is_repaired() -> None:
    mojibake = "Москва: новости дня".encode("cp1251").decode("cp1252")
    assert mojibake.startswith("Ìîñêâà")
    assert repair_double_encoding(mojibake) == "Москва: новости дня"
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss><channel><title>{mojibake}</title>'
    assert "Москва" in feed_as_utf8(feed.encode("utf-8"), None).data.decode("utf-8")
    assert repair_double_encoding("Zürich, café, Ærø") == "Zürich, café, Ærø"


def test_a_feed_declaring_a_single_byte_charset_truthfully_has_no_note() -> None:
    text = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Новости</title>'
    converted = feed_as_utf8(text.encode("cp1251"), None)
    assert converted.note is None
    assert converted.data.decode("utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>')


def test_summary_story_parses_the_dateline_and_drops_feedburner_furniture() -> None:
    norway, chile, explainer = _feed("summary_only_reuters.rss")
    story = summary_story(norway, agency="Reuters")
    assert story.text_source == "feed_summary"
    assert story.headline.startswith("Norway's wealth fund drops three Arctic")
    assert story.dateline is not None and story.dateline.place == "Oslo"
    assert story.body.startswith("Norway's $1.9 trillion sovereign wealth fund said on Thursday")
    assert story.body.endswith("a review of their safety record.")
    assert "feedflare" not in story.body and "feedburner" not in story.body
    assert story.canonical_url == norway.link
    assert story.published_at == datetime(2026, 11, 19, 13, 12, 44, tzinfo=UTC)
    dated = summary_story(chile, agency="Reuters").dateline
    assert dated is not None and (dated.place, dated.month, dated.day, dated.year) == (
        "Santiago", 11, 19, 2026)  # fmt: skip
    undated = summary_story(explainer, agency="Reuters")
    assert undated.dateline is None and undated.body.startswith("Negotiators from nearly 200")


def test_summary_story_carries_the_feed_media_categories_and_author() -> None:
    avalanche = _feed("media_rss.xml")[0]
    story = summary_story(avalanche, agency="APA")
    assert story.byline == "Lena Gruber"
    assert [(m.caption, m.credit) for m in story.media] == [
        ("Snow piles up along the road to Galtuer on Wednesday evening.", "APA/EXPA/JOHANN GRODER")
    ]
    assert [s.name for s in story.subjects] == ["Environment", "Tyrol", "Weather"]
    assert story.dateline is not None and story.dateline.place == "Innsbruck"


def test_item_with_nothing_to_tell_is_a_clean_error() -> None:
    from etl.errors import CleanError

    empty = FeedEntry(guid="g", link="http://x.example/1", title=None, summary=" ",
                      published_at=None)  # fmt: skip
    with pytest.raises(CleanError):
        summary_story(empty, agency=None)


def test_full_text_from_the_feed_is_cleaned_like_a_page() -> None:
    (wordpress,) = _feed("content_encoded.rss")
    story = full_text_story(wordpress, agency_hint=None)
    assert story.text_source == "feed_full_text"
    assert story.headline == "Ferry operator adds winter sailings to the islands"
    assert story.byline == "Tom Reilly"
    assert ("subheading", "Fares unchanged") in [(b.kind, b.text) for b in story.blocks]
    assert "Photo: Gazette/Anne Byrne" not in story.body
    assert "Share this" not in story.body
    assert ("The morning ferry leaves the pier.", "Gazette/Anne Byrne") in [
        (m.caption, m.credit) for m in story.media
    ]
    cabinet = _feed("full_text_yandex.rss")[0]
    plain = full_text_story(cabinet, agency_hint="Kyiv Wire")
    assert plain.dateline is not None and plain.dateline.place == "Kyiv"
    assert plain.body.startswith("The Cabinet of Ministers on Thursday approved")
    assert len(plain.blocks) == 5


def test_summary_paragraphs_drop_read_more_links() -> None:
    teaser = 'The ferry will run two extra crossings &#8230; <a href="/x">Read more</a>'
    assert summary_paragraphs(teaser) == ["The ferry will run two extra crossings …"]
    assert summary_paragraphs("Line one.\n\nLine two.") == ["Line one.", "Line two."]
    assert summary_paragraphs(None) == []


def test_renditions_of_one_photo_are_one_media_item() -> None:
    data = (
        b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>'
        b"<item><title>A</title><link>http://x.example/1</link>"
        b'<media:content url="http://i.example/p.jpg?width=140&amp;s=a" width="140">'
        b"<media:credit>Photograph: A B/Reuters</media:credit></media:content>"
        b'<media:content url="http://i.example/p.jpg?width=460&amp;s=b" width="460">'
        b"<media:credit>Photograph: A B/Reuters</media:credit></media:content>"
        b'<media:content url="http://i.example/q.jpg?width=460">'
        b"<media:credit>Photograph: C D/AP</media:credit></media:content>"
        b"</item></channel></rss>"
    )
    (entry,) = parse_feed(data).entries
    assert [(m.url, m.credit) for m in entry.media] == [
        ("http://i.example/p.jpg?width=140&s=a", "Photograph: A B/Reuters"),
        ("http://i.example/q.jpg?width=460", "Photograph: C D/AP"),
    ]
