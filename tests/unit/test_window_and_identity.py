"""Which instants a day means, and when two URLs are the same story."""

from datetime import UTC, date, datetime

import pytest

from etl.transform.identity import canonical_url, identity_key
from etl.window import day_window, window_from_interval


def test_moscow_day_is_21h_utc_to_21h_utc() -> None:
    window = day_window(date(2026, 11, 19), "Europe/Moscow")
    assert window.start == datetime(2026, 11, 18, 21, tzinfo=UTC)
    assert window.end == datetime(2026, 11, 19, 21, tzinfo=UTC)
    assert window.contains(datetime(2026, 11, 18, 21, tzinfo=UTC))
    assert not window.contains(window.end)


def test_airflow_interval_start_maps_back_to_the_day() -> None:
    start = datetime(2026, 11, 18, 21, tzinfo=UTC)
    assert window_from_interval(start, "Europe/Moscow").day == date(2026, 11, 19)


def test_dst_day_is_25_hours_long() -> None:
    window = day_window(date(2026, 10, 25), "Europe/Berlin")
    assert (window.end - window.start).total_seconds() == 25 * 3600


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Tass.com/world/1?utm_source=rss&utm_medium=feed", "https://tass.com/world/1"),
        ("https://tass.com/world/1/", "https://tass.com/world/1"),
        ("https://tass.com/world/1#comments", "https://tass.com/world/1"),
        ("https://amp.example.com/amp/world/1", "https://example.com/world/1"),
        ("https://example.com/world/1/amp", "https://example.com/world/1"),
        ("https://example.com/a?b=2&a=1&fbclid=x", "https://example.com/a?a=1&b=2"),
    ],
)
def test_canonical_url_removes_what_only_says_how_a_reader_arrived(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_identity_prefers_the_agency_guid() -> None:
    assert identity_key("urn:publicid:ap.org:abc", "https://x/y") == "urn:publicid:ap.org:abc"
    assert identity_key(None, "https://x/y/?utm_source=a") == "https://x/y"
    assert identity_key("https://tass.com/world/1/", None) == "https://tass.com/world/1"
    with pytest.raises(ValueError, match="guid or a URL"):
        identity_key(None, "  ")
