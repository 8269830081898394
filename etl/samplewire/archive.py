"""The sample wire's archive: two weeks of past stories, their sitemaps and listing pages.

Generated on request from the templates in ``templates/`` (article pages in
each agency's layout, sitemaps, a listing page) and the stories in
``templates/archive_stories.toml``, so a backfill has a past to find:

* TASS: a sitemap index (``/tass/sitemap.xml``) naming one Google News sitemap
  per day (``lastmod`` = the day's last story), each item with
  ``news:publication_date``;
* Reuters: a sitemap index naming one monthly urlset whose items carry only
  ``lastmod``;
* AP: a dated listing page per day (``/ap/archive/2026-11-05``) whose second
  story is on ``rel="next"`` page 2.

Two stories per agency and day, 2026-11-05 .. 2026-11-18 (``ARCHIVE_DAYS``);
TASS's 17 November sitemap also lists the static story of that day. The
sample day itself (2026-11-19) has no archive entry, so ``make run`` finds
nothing more there than in the feeds.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from pathlib import Path
from string import Template

TEMPLATES = Path(__file__).resolve().parent / "templates"
FIRST_DAY = date(2026, 11, 5)
ARCHIVE_DAYS = tuple(FIRST_DAY + timedelta(days=n) for n in range(14))
MOSCOW = timezone(timedelta(hours=3))
# Publication times of a day's two stories, per agency (TASS in Moscow time).
STORY_TIMES = {
    "tass": ((time(10, 15), MOSCOW), (time(16, 40), MOSCOW)),
    "reuters": ((time(8, 30), UTC), (time(14, 50), UTC)),
    "ap": ((time(9, 20), UTC), (time(17, 45), UTC)),
}
# The static TASS story of 17 November (edition-1/tass/world/2030911.html), in that day's sitemap.
STATIC_TASS_STORY = (date(2026, 11, 17), "/tass/world/2030911.html", "2026-11-17T14:00:00+03:00")
SLUG_JUNK = re.compile(r"[^a-z0-9]+")  # "Oil prices edge up 3%" -> "oil-prices-edge-up-3-"
DAY_IN_PATH = re.compile(r"(\d{4}-\d{2}-\d{2})")
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class ArchiveStory:
    agency: str
    day: date
    number: int  # 0 or 1 within the day
    path: str
    published: datetime
    headline: str
    deck: str | None
    paragraphs: tuple[str, ...]
    author: str


def render(url_path: str) -> tuple[bytes, str] | None:
    """The archive document at ``url_path`` (with ``{{BASE_URL}}`` left in), or None."""
    path = url_path.split("?", 1)[0]
    story = _stories_by_path().get(path)
    if story is not None:
        return _article(story).encode(), HTML
    if path == "/tass/sitemap.xml":
        return _tass_index().encode(), XML
    if path == "/reuters/sitemap.xml":
        return _reuters_index().encode(), XML
    if path == "/reuters/sitemap-2026-11.xml":
        return _reuters_urlset().encode(), XML
    day = _day_in(path)
    if day is None:
        return None
    if path == f"/tass/sitemap-news-{day}.xml":
        return _tass_urlset(day).encode(), XML
    if path == f"/ap/archive/{day}":
        return _ap_listing(day, page=1).encode(), HTML
    if path == f"/ap/archive/{day}/page-2":
        return _ap_listing(day, page=2).encode(), HTML
    return None


def archive_stories() -> list[ArchiveStory]:
    """Every generated story, day by day (tests count what a backfill must load)."""
    return list(_stories_by_path().values())


def _day_in(path: str) -> date | None:
    match = DAY_IN_PATH.search(path)
    if match is None:
        return None
    day = date.fromisoformat(match[1])
    return day if day in ARCHIVE_DAYS else None


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


@cache
def _stories_by_path() -> dict[str, ArchiveStory]:
    topics = tomllib.loads((TEMPLATES / "archive_stories.toml").read_text(encoding="utf-8"))
    stories = {}
    for index, day in enumerate(ARCHIVE_DAYS):
        for agency in ("tass", "reuters", "ap"):
            for number in (0, 1):
                story = _story(agency, day, index, number, topics[agency])
                stories[story.path] = story
    return stories


def _story(
    agency: str, day: date, index: int, number: int, topics: list[dict[str, object]]
) -> ArchiveStory:
    topic = topics[(index * 2 + number) % len(topics)]
    clock, zone = STORY_TIMES[agency][number]
    published = datetime.combine(day, clock, tzinfo=zone)
    values = {
        "figure": str(3 + (index * 7 + number * 5) % 40),
        "weekday": day.strftime("%A"),
        "dateline": _dateline(agency, str(topic["place"]), day),
    }
    headline = Template(str(topic["headline"])).substitute(values)
    paragraphs = tuple(Template(str(p)).substitute(values) for p in topic["paragraphs"])  # type: ignore[attr-defined]
    slug = SLUG_JUNK.sub("-", headline.lower()).strip("-")
    path = {
        "tass": f"/tass/world/{2020000 + index * 10 + number}.html",
        "reuters": f"/reuters/world/{slug}-{day}.html",
        "ap": f"/ap/article/{slug}-{hashlib.sha256(slug.encode()).hexdigest()[:32]}.html",
    }[agency]
    deck = str(topic["deck"]) if "deck" in topic else None
    author = ("Anna Korolyova", "Mark Ellison", "Julia Brandt")[(index + number) % 3]
    return ArchiveStory(agency, day, number, path, published, headline, deck, paragraphs, author)


def _dateline(agency: str, place: str, day: date) -> str:
    if agency == "tass":
        return f"{place}, {day:%B} {day.day}. /TASS/."
    if agency == "reuters":
        return f"{place}, {day:%b} {day.day} (Reuters) -"
    return f"{place} (AP) —"


def _article(story: ArchiveStory) -> str:
    if story.agency == "reuters":
        paragraphs = "\n".join(
            f'        <div data-testid="paragraph-{n}" class="text__text__1FZLe '
            f'article-body__paragraph__2-BtD">{text}</div>'
            for n, text in enumerate(story.paragraphs)
        )
    else:
        paragraphs = "\n".join(f"      <p>{text}</p>" for text in story.paragraphs)
    return _template(f"{story.agency}_article.html").substitute(
        headline=story.headline,
        deck=story.deck or "",
        path=story.path,
        story_id=Path(story.path).stem,
        published=story.published.isoformat(),
        short_date=story.published.strftime("%d %b, %H:%M").upper(),
        long_date=story.published.strftime("%B %-d, %Y"),
        paragraphs=paragraphs,
        author=story.author,
        author_upper=story.author.upper(),
        author_slug=story.author.lower().replace(" ", "-"),
    )


def _day_stories(agency: str, day: date) -> list[ArchiveStory]:
    return [s for s in _stories_by_path().values() if s.agency == agency and s.day == day]


def _tass_index() -> str:
    children = "\n".join(
        _template("sitemap_index_child.xml").substitute(
            path=f"/tass/sitemap-news-{day}.xml",
            lastmod=max(s.published for s in _day_stories("tass", day)).isoformat(),
        )
        for day in ARCHIVE_DAYS
    )
    return _template("sitemap_index.xml").substitute(children=children)


def _tass_urlset(day: date) -> str:
    items = [(s.path, s.published.isoformat(), s.headline) for s in _day_stories("tass", day)]
    if day == STATIC_TASS_STORY[0]:
        title = "Arctic Council experts to meet in Tromso to discuss search-and-rescue cooperation"
        items.append((STATIC_TASS_STORY[1], STATIC_TASS_STORY[2], title))
    urls = "\n".join(
        _template("tass_news_sitemap_url.xml").substitute(path=p, published=d, headline=h)
        for p, d, h in items
    )
    return _template("tass_news_sitemap.xml").substitute(urls=urls)


def _reuters_index() -> str:
    stories = [s for s in _stories_by_path().values() if s.agency == "reuters"]
    child = _template("sitemap_index_child.xml").substitute(
        path="/reuters/sitemap-2026-11.xml",
        lastmod=max(s.published for s in stories).isoformat(),
    )
    return _template("sitemap_index.xml").substitute(children=child)


def _reuters_urlset() -> str:
    urls = "\n".join(
        _template("reuters_sitemap_url.xml").substitute(
            path=s.path, published=s.published.isoformat()
        )
        for s in _stories_by_path().values()
        if s.agency == "reuters"
    )
    return _template("reuters_sitemap.xml").substitute(urls=urls)


def _ap_listing(day: date, page: int) -> str:
    story = _day_stories("ap", day)[page - 1]
    item = _template("ap_archive_item.html").substitute(
        path=story.path,
        headline=story.headline,
        published=story.published.isoformat(),
        clock=story.published.strftime("%H:%M UTC"),
    )
    next_path = f"/ap/archive/{day}/page-2"
    return _template("ap_archive_day.html").substitute(
        long_date=f"{day:%B} {day.day}, {day.year}",
        items=item,
        next_link=f'  <link rel="next" href="{{{{BASE_URL}}}}{next_path}">' if page == 1 else "",
        pager=f'<a rel="next" href="{{{{BASE_URL}}}}{next_path}">Older</a>' if page == 1 else "",
    )
