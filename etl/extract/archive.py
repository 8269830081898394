"""Finding a past day's items in an agency's archive: sitemaps and dated listing pages.

Feeds list only the latest items, so a backfill of last week finds nothing
there. Agencies keep the past in two places this module reads:

* **sitemaps**: an index whose children carry a ``lastmod`` (a child last
  changed before the day began cannot hold the day's items, so it is not
  fetched; nor is one whose URL names another day or month, as
  ``sitemap-2026-11-05.xml`` or ``news-2026-10.xml`` do), down to urlsets
  whose items carry ``news:publication_date`` or ``lastmod``; the items of
  the day are kept.
* **dated listing pages**: a URL template such as
  ``https://agency.example/archive/{day:%Y/%m/%d}`` names the page of one day;
  its article links (a CSS selector says which) are the day's items, a
  ``<time datetime>`` beside a link dates it, ``rel="next"`` pages on.

The walk is pure apart from ``read``, the caller's fetch (which lands every
document raw, like a feed). Every bound is explicit: documents per day,
index depth, listing pages per template.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from etl.errors import QuarantineError
from etl.extract.sitemaps import SitemapError, W3CMoment, parse_sitemap, parse_w3c_datetime
from etl.model import FeedEntry
from etl.sources import ArchiveConfig
from etl.window import Window

LOGGER = logging.getLogger(__name__)

# A child sitemap named for a period: sitemap-2026-11-05.xml, /2026/11/05/, news-2026-11.xml.
PERIOD_IN_URL = re.compile(
    r"(?<!\d)(?P<year>20\d\d)[-/_](?P<month>[01]\d)(?:[-/_](?P<day>[0-3]\d))?(?!\d)"
)
# ``{day:%Y/%m/%d}`` in a listing-page template -> 2026/11/05; plain ``{day}`` -> 2026-11-05.
DAY_PLACEHOLDER = re.compile(r"\{day(?::(?P<format>[^}]*))?\}")
MAX_INDEX_DEPTH = 3  # index -> index -> index -> urlset is the deepest real archives go
# How many ancestors of a listing link are searched for its <time datetime>
# (a link inside <h3> inside <li> or <article> is two levels down).
TIME_SEARCH_LEVELS = 3

# ``read(url)`` fetches (and lands) one archive document: (HTTP status, body);
# status 0 when it could not be reached at all.
Reader = Callable[[str], tuple[int, bytes]]


class ArchiveError(QuarantineError):
    """An archive document that could not be used (HTTP error, not a listing)."""

    stage = "fetch_archive"


@dataclass
class Discovery:
    """What the archive holds for one day: entries to fetch, and what was passed over."""

    entries: list[FeedEntry] = field(default_factory=list)
    documents: int = 0  # sitemaps and listing pages read
    skipped: int = 0  # items dated outside the day
    undated: int = 0  # sitemap items with no date at all (cannot be placed in a day)
    problems: list[tuple[str, QuarantineError]] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def add(self, url: str, moment: W3CMoment | None, title: str | None = None) -> None:
        if url in self._seen:
            return
        self._seen.add(url)
        published = moment.moment if moment is not None and not moment.date_only else None
        self.entries.append(FeedEntry(None, url, title, None, published))


def expand_day(template: str, day: date) -> str:
    """Fill a listing-page template's ``{day}`` / ``{day:%Y/%m/%d}`` in."""
    return DAY_PLACEHOLDER.sub(lambda m: day.strftime(m["format"] or "%Y-%m-%d"), template)


def in_day(moment: W3CMoment, window: Window) -> bool:
    """Whether a dated item belongs to the window's day (a bare date: that calendar day)."""
    return moment.day == window.day if moment.date_only else window.contains(moment.moment)


def names_other_period(url: str, day: date) -> bool:
    """Whether a child sitemap's URL names a day or month that is not ``day``'s."""
    match = PERIOD_IN_URL.search(urlsplit(url).path)
    if match is None:
        return False
    if (int(match["year"]), int(match["month"])) != (day.year, day.month):
        return True
    return match["day"] is not None and int(match["day"]) != day.day


def may_hold_day(lastmod: W3CMoment | None, window: Window) -> bool:
    """Whether a child sitemap can list the day: unknown, or changed since the day began."""
    if lastmod is None:
        return True
    if lastmod.date_only:
        return lastmod.day >= window.start.date()
    return lastmod.moment >= window.start


def discover_day(archive: ArchiveConfig, window: Window, read: Reader) -> Discovery:
    """Every item the archive lists for the window's day, within the configured bounds."""
    found = Discovery()
    budget = _Budget(archive.max_documents)
    for url in archive.sitemaps:
        _walk_sitemap(url, 0, window, read, found, budget)
    for template in archive.pages:
        _walk_listing(expand_day(template, window.day), archive, window, read, found, budget)
    LOGGER.info(
        "archive of %s: %d items in %d documents, %d outside the day, %d undated",
        window.day,
        len(found.entries),
        found.documents,
        found.skipped,
        found.undated,
    )
    return found


@dataclass
class _Budget:
    left: int

    def take(self, url: str) -> bool:
        if self.left <= 0:
            LOGGER.warning("archive document bound reached; not reading %s", url)
            return False
        self.left -= 1
        return True


def _walk_sitemap(
    url: str, depth: int, window: Window, read: Reader, found: Discovery, budget: _Budget
) -> None:
    if not budget.take(url):
        return
    status, body = read(url)
    found.documents += 1
    if not 200 <= status < 300:
        found.problems.append((url, ArchiveError(_status_reason(status))))
        return
    try:
        sitemap = parse_sitemap(body)
    except SitemapError as exc:
        found.problems.append((url, exc))
        return
    for child in sitemap.children:
        if depth + 1 > MAX_INDEX_DEPTH:
            found.problems.append((child.loc, SitemapError("sitemap indexes nested too deep")))
        elif may_hold_day(child.lastmod, window) and not names_other_period(child.loc, window.day):
            _walk_sitemap(urljoin(url, child.loc), depth + 1, window, read, found, budget)
    for item in sitemap.urls:
        dated = item.dated
        if dated is None:
            found.undated += 1
        elif in_day(dated, window):
            found.add(urljoin(url, item.loc), dated, item.title)
        else:
            found.skipped += 1


def _walk_listing(
    url: str | None,
    archive: ArchiveConfig,
    window: Window,
    read: Reader,
    found: Discovery,
    budget: _Budget,
) -> None:
    first = True
    for _ in range(archive.max_listing_pages):
        if url is None or not budget.take(url):
            return
        status, body = read(url)
        found.documents += 1
        if status == 404 and first:
            LOGGER.info("no archive page for %s at %s", window.day, url)
            return
        if not 200 <= status < 300:
            found.problems.append((url, ArchiveError(_status_reason(status))))
            return
        links, url = parse_listing(body, url, archive.link_selector)
        for link, moment in links:
            if moment is not None and not in_day(moment, window):
                found.skipped += 1
            else:
                found.add(link, moment)
        first = False


def _status_reason(status: int) -> str:
    return "unreachable (see the run's error)" if status == 0 else f"HTTP {status}"


def parse_listing(
    html: bytes, page_url: str, link_selector: str
) -> tuple[list[tuple[str, W3CMoment | None]], str | None]:
    """A listing page's article links (absolute, same host, in order) and its next page."""
    tree = LexborHTMLParser(html)
    host = urlsplit(page_url).netloc
    links: list[tuple[str, W3CMoment | None]] = []
    seen = {page_url}
    for anchor in tree.css(link_selector):
        href = (anchor.attributes.get("href") or "").strip()
        target = urljoin(page_url, href).split("#", 1)[0]
        parts = urlsplit(target)
        if parts.scheme not in {"http", "https"} or parts.netloc != host or target in seen:
            continue
        seen.add(target)
        links.append((target, _time_near(anchor)))
    return links, _next_page(tree, page_url)


def _time_near(anchor: LexborNode) -> W3CMoment | None:
    """The ``<time datetime>`` in the link or the item around it (its ``<li>``), if any."""
    node: LexborNode | None = anchor
    for _ in range(TIME_SEARCH_LEVELS):
        if node is None or len(node.css("a[href]")) > 1:
            return None  # past the item: a container of several links dates none of them
        stamp = node.css_first("time[datetime]")
        if stamp is not None:
            return parse_w3c_datetime(stamp.attributes.get("datetime"))
        node = node.parent
    return None


def _next_page(tree: LexborHTMLParser, page_url: str) -> str | None:
    """``<a rel="next">`` or ``<link rel="next">``: the listing's following page."""
    node = tree.css_first('a[rel~="next"], link[rel~="next"]')
    href = node.attributes.get("href") if node is not None else None
    return urljoin(page_url, href) if href else None
