"""Clean benchmark: ``clean_document`` against ``trafilatura.extract``, same pages, one run.

Real news pages are 100-400 KB: the story is a few KB inside header mega-menus,
inline SVG, CSS, analytics scripts, a JSON state blob, JSON-LD, related-story
rails, comments and footers. The fixture and sample-wire pages carry the
stories in each agency's real layout but little of that weight, so every page
is *inflated* here by a deterministic generator (seeded by the page's name)
to a full-size page around the untouched story markup. The bench checks that
an inflated page still cleans to the same story as its original, then times
both extractors on the same bytes, alternating, over several repetitions, and
prints the median pages/s of each and their ratio:

* **agency pages**: fixture and sample-wire pages with the pipeline's inputs
  (agency hint, URL, content type). Target: ours >= 10 x trafilatura.
* **unknown sites**: the generic-site corpus (``tests/fixtures/generic``) plus
  every agency story re-skinned into generic CMS templates, cleaned with no
  hint (the generic fallback). Target: ours no slower than trafilatura.

``NEWSWIRE_BENCH_REPS`` (default 5) sets the repetitions, ``NEWSWIRE_BENCH_VARIANTS``
(default 2) how many inflated variants each page gets.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import statistics
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.errors import CleanError
from etl.model import CleanStory
from etl.transform.clean import clean_document

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_SITE = ROOT / "etl" / "samplewire" / "site"
SAMPLE_BASE_URL = "https://sample-wire.test"
SAMPLE_AGENCY_DIRS = {"tass": "TASS", "reuters": "Reuters", "ap": "AP"}

REPS = int(os.environ.get("NEWSWIRE_BENCH_REPS", "5"))
VARIANTS = int(os.environ.get("NEWSWIRE_BENCH_VARIANTS", "2"))
AGENCY_TARGET = 10.0
UNKNOWN_TARGET = 1.0
PAGE_BYTES = (100_000, 400_000)

# Neutral words for the generated clutter (teasers, comments, menus): never story text.
WORDS = (
    "council", "budget", "harbour", "festival", "weather", "transit", "museum", "league",
    "market", "school", "bridge", "housing", "energy", "review", "season", "podcast",
    "garden", "election", "science", "health", "travel", "opinion", "letters", "video",
    "photos", "recipes", "climate", "startup", "airport", "library", "river", "coast",
    "village", "tower", "island", "factory", "concert", "theatre", "stadium", "forecast",
    "report", "survey", "guide", "update", "minute", "weekend", "morning", "evening",
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    """One page to clean, with the inputs the pipeline would give the cleaner."""

    name: str
    data: bytes
    url: str | None = None
    content_type: str | None = "text/html"
    agency_hint: str | None = None


# --- the generator -------------------------------------------------------------------------


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _sentence(rng: random.Random, low: int = 6, high: int = 18) -> str:
    return _words(rng, rng.randint(low, high)).capitalize() + "."


def _sentences(rng: random.Random, count: int) -> str:
    return " ".join(_sentence(rng) for _ in range(count))


def _hex(rng: random.Random, length: int = 12) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def _path_data(rng: random.Random, points: int) -> str:
    steps = " ".join(f"L{rng.randint(0, 999)}.{rng.randint(0, 99)} {rng.randint(0, 999)}"
                     for _ in range(points))  # fmt: skip
    return f"M{rng.randint(0, 99)} {rng.randint(0, 99)} {steps} Z"


def head_assets(rng: random.Random, scale: float) -> str:
    """Preloads, social meta tags, a stylesheet, analytics scripts, extra JSON-LD."""
    parts = [f'<link rel="preload" as="script" href="/_next/static/chunks/{_hex(rng)}.js">'
             for _ in range(int(25 * scale) + 5)]  # fmt: skip
    parts += [f'<meta name="twitter:{w}" content="{_words(rng, 5)}">'
              for w in ("card", "site", "creator", "title", "description", "image")]  # fmt: skip
    rules = "".join(
        f".c-{_hex(rng, 6)}{{display:flex;margin:0 {rng.randint(0, 40)}px;"
        f"color:#{_hex(rng, 6)};font:{rng.randint(10, 30)}px/1.4 sans-serif}}"
        for _ in range(int(400 * scale) + 50)
    )
    parts.append(f"<style>{rules}</style>")
    for _ in range(int(8 * scale) + 2):
        body = ";".join(
            f"window.{_hex(rng, 6)}=function(e){{return e&&e.{rng.choice(WORDS)}||"
            f"'{_hex(rng, 20)}'}}"
            for _ in range(rng.randint(20, 60))
        )
        parts.append(f"<script>{body}</script>")
    organisation = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": rng.choice(WORDS),
             "item": f"https://www.example-news.test/{rng.choice(WORDS)}"}
            for i in range(1, 5)
        ],
    }  # fmt: skip
    parts.append(f'<script type="application/ld+json">{json.dumps(organisation)}</script>')
    return "\n".join(parts)


def svg_sprite(rng: random.Random, scale: float) -> str:
    """The inline icon sprite many sites put at the top of ``<body>``."""
    symbols = "".join(
        f'<symbol id="icon-{rng.choice(WORDS)}-{i}" viewBox="0 0 24 24">'
        f'<path d="{_path_data(rng, rng.randint(10, 40))}"/></symbol>'
        for i in range(int(40 * scale) + 10)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{symbols}</svg>'


def site_header(rng: random.Random, scale: float) -> str:
    """Top bar, logo, mega-menu with featured teasers, breaking-news ticker."""
    panels = []
    for _ in range(int(12 * scale) + 3):
        columns = "".join(
            "<ul class='mega-menu__col'>"
            + "".join(
                f"<li><a href='/{_hex(rng, 6)}'>{_words(rng, 2).title()}</a></li>" for _ in range(8)
            )
            + "</ul>"
            for _ in range(3)
        )
        teaser = (
            f"<div class='mega-menu__featured'><img src='/img/{_hex(rng)}.jpg' alt=''>"
            f"<p>{_sentence(rng)}</p></div>"
        )
        panels.append(
            f"<li class='mega-menu__item'><a href='/{_hex(rng, 4)}'>"
            f"{rng.choice(WORDS).title()}</a>"
            f"<div class='mega-menu__panel'>{columns}{teaser}</div></li>"
        )
    ticker = "".join(f"<a href='/live/{_hex(rng, 6)}'>{_sentence(rng, 5, 9)}</a>" for _ in range(6))
    return (
        "<div class='top-bar'><span class='top-bar__date'>Thursday</span>"
        f"<a href='/account'>Sign in</a><a href='/subscribe'>Subscribe</a></div>"
        "<header class='site-header' role='banner'>"
        "<a class='site-header__logo' href='/'><svg viewBox='0 0 200 40'>"
        f"<path d='{_path_data(rng, 60)}'/></svg></a>"
        f"<nav class='mega-menu' aria-label='Sections'><ul>{''.join(panels)}</ul></nav>"
        "</header>"
        f"<div class='breaking-ticker'><span>Breaking</span>{ticker}</div>"
    )  # fmt: skip


def ad_slot(rng: random.Random) -> str:
    """A display-ad slot: an empty container and the script that fills it."""
    slot = _hex(rng, 8)
    return (
        f"<div class='ad-slot' id='div-gpt-ad-{slot}' data-ad-unit='/1234/{rng.choice(WORDS)}'>"
        f"<script>googletag.cmd.push(function(){{googletag.display('div-gpt-ad-{slot}')}})"
        "</script></div>"
    )


def related_rail(rng: random.Random, scale: float) -> str:
    """Related-story cards: image, headline, summary, time stamp."""
    cards = "".join(
        f"<div class='card'><a href='/{rng.choice(WORDS)}/{_hex(rng, 8)}'>"
        f"<img src='/img/{_hex(rng)}.jpg' alt='{_words(rng, 6)}' loading='lazy'></a>"
        f"<h3 class='card__title'><a href='/{_hex(rng, 8)}'>{_sentence(rng, 6, 12)}</a></h3>"
        f"<p class='card__summary'>{_sentence(rng, 14, 28)}</p>"
        f"<span class='card__time'>{rng.randint(1, 23)} hours ago</span></div>"
        for _ in range(int(24 * scale) + 6)
    )
    return f"<section class='rail rail--related'><h2>More stories</h2>{cards}</section>"


def most_read(rng: random.Random) -> str:
    items = "".join(f"<li><a href='/{_hex(rng, 8)}'>{_sentence(rng, 6, 12)}</a></li>"
                    for _ in range(10))  # fmt: skip
    return f"<aside class='most-read'><h2>Most read</h2><ol>{items}</ol></aside>"


def comments(rng: random.Random, scale: float) -> str:
    """A reader comment thread under the story."""
    thread = "".join(
        f"<div class='comment' id='c{_hex(rng, 6)}'><div class='comment__meta'>"
        f"<span class='comment__author'>{_words(rng, 2).title()}</span>"
        f"<span class='comment__time'>{rng.randint(1, 59)} minutes ago</span></div>"
        f"<div class='comment__body'><p>{_sentences(rng, rng.randint(1, 4))}</p></div>"
        "<div class='comment__actions'><a href='#'>Reply</a> <a href='#'>Report</a>"
        "</div></div>"
        for _ in range(int(40 * scale) + 5)
    )  # fmt: skip
    return f"<section class='comments' id='comments'><h2>Comments</h2>{thread}</section>"


def site_footer(rng: random.Random) -> str:
    columns = "".join(
        "<div class='footer__col'><h4>" + rng.choice(WORDS).title() + "</h4><ul>"
        + "".join(f"<li><a href='/{_hex(rng, 6)}'>{_words(rng, 2).title()}</a></li>"
                  for _ in range(10))
        + "</ul></div>"
        for _ in range(5)
    )  # fmt: skip
    return (
        f"<footer class='site-footer'>{columns}"
        "<form class='newsletter'><label>Get the morning briefing</label><input type='email'>"
        "<button>Sign up</button></form><p>© 2026 Example Media Group. All rights reserved.</p>"
        "</footer>"
        "<div id='consent' role='dialog'><p>We use cookies to personalise content and ads."
        "</p><button>Accept</button></div>"
        + "".join(f"<img src='https://px.example.test/{_hex(rng)}.gif' width='1' height='1' alt=''>"
                  for _ in range(4))
    )  # fmt: skip


def state_blob(rng: random.Random, size: int) -> str:
    """A framework's JSON page state (``__NEXT_DATA__``): often the bulk of a page."""
    items = []
    total = 0
    while total < size:
        item = json.dumps(
            {"id": _hex(rng, 16), "headline": _sentence(rng), "summary": _sentence(rng, 20, 40),
             "section": rng.choice(WORDS), "image": {"url": f"/img/{_hex(rng)}.jpg",
             "width": 1200, "height": 800}, "tags": [rng.choice(WORDS) for _ in range(5)]}
        )  # fmt: skip
        items.append(item)
        total += len(item) + 1
    return (
        '<script id="__NEXT_DATA__" type="application/json">'
        f'{{"props":{{"pageProps":{{"feed":[{",".join(items)}]}}}}}}</script>'
    )


def _insert_ads(markup: str, rng: random.Random) -> str:
    """An ad slot after every third paragraph: inside the story, as real pages have them."""
    count = 0

    def add(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(0) + (ad_slot(rng) if count % 3 == 0 else "")

    return re.sub(r"</p>", add, markup)


def inflate(markup: str, seed: str) -> str:
    """The page at full size: the story markup as it was, surrounded by a real page's weight."""
    rng = random.Random(zlib.crc32(seed.encode()))
    target = rng.randint(*PAGE_BYTES)
    scale = target / 250_000
    head_end = markup.find("</head>")
    body_open = re.search(r"<body[^>]*>", markup)
    body_end = markup.rfind("</body>")
    if head_end < 0 or body_open is None or body_end < 0:
        markup = f"<html><head></head><body>{markup}</body></html>"
        return inflate(markup, seed)
    head = markup[:head_end] + head_assets(rng, scale) + "\n"
    top = markup[head_end : body_open.end()] + svg_sprite(rng, scale) + site_header(rng, scale)
    story = _insert_ads(markup[body_open.end() : body_end], rng)
    bottom = related_rail(rng, scale) + most_read(rng) + comments(rng, scale) + site_footer(rng)
    page = head + top + story + bottom
    padding = max(0, target - len(page) - len(markup[body_end:]))
    return page + state_blob(rng, padding) + markup[body_end:]


# --- unknown sites: the same stories in generic CMS templates --------------------------------

GENERIC_TEMPLATES: dict[str, str] = {
    # A WordPress theme: entry-title / entry-content, a sidebar, Jetpack related posts.
    "wordpress": (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} – The Valley"
        " Courier</title></head><body class='single-post'><div id='page'>"
        "<main id='main' class='site-main'><article class='post type-post'>"
        "<header class='entry-header'><h1 class='entry-title'>{title}</h1>"
        "<div class='entry-meta'><span class='posted-on'>Posted on November 19, 2026</span></div>"
        "</header><div class='entry-content'>{deck_p}{figure}{paragraphs}</div>"
        "<div class='sharedaddy'><h3>Share this:</h3><a href='#'>Facebook</a> <a href='#'>X</a>"
        "</div>"
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3>Related</h3>"
        "<p><a href='#'>{related}</a></p></div></article></main>"
        "<aside id='secondary' class='widget-area'><section class='widget'><h2>Recent Posts</h2>"
        "<ul><li><a href='#'>{related}</a></li></ul></section></aside></div></body></html>"
    ),
    # A news CMS without article/main elements: div columns, story-body paragraphs.
    "divsoup": (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
        "<title>{title}</title></head><body><div id='wrapper'><div id='left'>"
        "<div class='story'><div class='story-headline'><h1>{title}</h1></div>"
        "<div class='story-intro'>{deck}</div>{figure}<div class='story-body'>{paragraphs}</div>"
        "</div></div><div id='right'><div class='box'><h3>Most popular</h3>"
        "<p><a href='#'>{related}</a></p></div></div></div></body></html>"
    ),
    # An article-element page with schema.org markup.
    "schema": (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        "<meta property='og:title' content='{title}'></head><body><main>"
        "<article itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>"
        "{title}</h1><p class='standfirst'>{deck}</p>{figure}<div itemprop='articleBody'>"
        "{paragraphs}</div></article></main></body></html>"
    ),
}


def _generic_figure(story: CleanStory) -> str:
    if not story.media:
        return ""
    item = story.media[0]
    caption = html.escape(" ".join(x for x in (item.caption, item.credit) if x))
    return f"<figure><img src='/img/story.jpg' alt=''><figcaption>{caption}</figcaption></figure>"


def reskin(story: CleanStory, template: str) -> str:
    """The story (dateline included) in a generic site's template."""
    paragraphs = [b.text for b in story.blocks]
    if story.dateline and paragraphs:
        paragraphs[0] = f"{story.dateline.raw} {paragraphs[0]}"
    return GENERIC_TEMPLATES[template].format(
        title=html.escape(story.headline, quote=True),
        deck=html.escape(story.deck or ""),
        deck_p=f"<p><em>{html.escape(story.deck)}</em></p>" if story.deck else "",
        figure=_generic_figure(story),
        paragraphs="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        related="Harbour festival returns after a two-year break",
    )


# --- the corpus ------------------------------------------------------------------------------


def _clean(page: Page) -> CleanStory:
    return clean_document(
        page.data, content_type=page.content_type, url=page.url, agency_hint=page.agency_hint
    )


def _fixture_pages(folder: Path, suffix: str = ".expected.json") -> list[Page]:
    """Fixture pages with the inputs their expectation file gives (error cases left out)."""
    pages = []
    for expected in sorted(folder.glob(f"*{suffix}")):
        case = json.loads(expected.read_text(encoding="utf-8"))
        if "error" in case.get("expect", {}):
            continue
        stem = expected.name.removesuffix(suffix)
        options = case.get("input", {})
        pages.append(
            Page(
                stem,
                (folder / f"{stem}.html").read_bytes(),
                options.get("url"),
                options.get("content_type", "text/html"),
                options.get("agency_hint"),
            )
        )
    return pages


def _sample_wire_pages() -> list[Page]:
    pages = []
    for path in sorted(SAMPLE_SITE.glob("edition-*/*/*/*.html")):
        relative = path.relative_to(SAMPLE_SITE)
        agency_dir = relative.parts[1]
        url = f"{SAMPLE_BASE_URL}/{'/'.join(relative.parts[1:])}"
        text = path.read_text(encoding="utf-8").replace("{{BASE_URL}}", SAMPLE_BASE_URL)
        page = Page(
            f"{relative.parts[0]}/{path.stem[:40]}",
            text.encode(),
            url,
            "text/html; charset=utf-8",
            SAMPLE_AGENCY_DIRS.get(agency_dir),
        )
        try:
            _clean(page)
        except CleanError:
            continue  # the sample wire's deliberate "Page not found"
        pages.append(page)
    return pages


def _inflated(page: Page, variant: int) -> Page:
    # surrogateescape: a Latin-1 page keeps its bytes; the added clutter is ASCII.
    text = page.data.decode("utf-8", errors="surrogateescape")
    data = inflate(text, f"{page.name}#{variant}").encode("utf-8", errors="surrogateescape")
    return Page(f"{page.name}#{variant}", data, page.url, page.content_type, page.agency_hint)


def _same_story(a: CleanStory, b: CleanStory) -> bool:
    media = [(m.caption, m.credit) for m in a.media] == [(m.caption, m.credit) for m in b.media]
    return (a.headline, a.deck, a.blocks, a.dateline, a.agency) == (
        b.headline,
        b.deck,
        b.blocks,
        b.dateline,
        b.agency,
    ) and media


def inflated_variants(originals: Sequence[Page]) -> tuple[list[Page], list[str]]:
    """Every page inflated ``VARIANTS`` times, and the names of any that no longer
    clean to the same story as their original."""
    pages, drifted = [], []
    for original in originals:
        expected = _clean(original)
        for variant in range(VARIANTS):
            page = _inflated(original, variant)
            try:
                same = _same_story(_clean(page), expected)
            except CleanError:
                same = False
            if not same:
                drifted.append(page.name)
            pages.append(page)
    return pages, drifted


def agency_pages() -> tuple[list[Page], list[str]]:
    """Inflated agency pages (fixtures and sample wire, with the pipeline's inputs)."""
    return inflated_variants(_fixture_pages(FIXTURES / "pages") + _sample_wire_pages())


def unknown_site_pages() -> tuple[list[Page], list[str]]:
    """Inflated generic-site pages: the generic corpus, and the agency stories re-skinned
    into generic templates; cleaned with no hint or URL, as an unknown site is."""
    sources = [
        Page(p.name, p.data, p.url, p.content_type, None)
        for p in _fixture_pages(FIXTURES / "generic", suffix=".quality.json")
    ]
    for original in _fixture_pages(FIXTURES / "pages") + _sample_wire_pages():
        story = _clean(original)
        for template in GENERIC_TEMPLATES:
            markup = reskin(story, template)
            sources.append(Page(f"{template}/{original.name}", markup.encode(), None, "text/html"))
    return inflated_variants(sources)


# --- timing ------------------------------------------------------------------------------------


def ours(page: Page) -> object:
    try:
        return _clean(page)
    except CleanError:
        return None


def trafilatura_default(page: Page) -> object:
    import trafilatura

    return trafilatura.extract(page.data, url=page.url)


def trafilatura_fast(page: Page) -> object:
    import trafilatura

    return trafilatura.extract(page.data, url=page.url, fast=True)


Extractor = Callable[[Page], object]


def pages_per_second(extract: Extractor, pages: Sequence[Page]) -> float:
    started = time.perf_counter()
    for page in pages:
        extract(page)
    return len(pages) / (time.perf_counter() - started)


def measure(extractors: dict[str, Extractor], pages: Sequence[Page]) -> dict[str, float]:
    """Median pages/s of each extractor; every repetition runs them all, order rotating."""
    for extract in extractors.values():  # warm-up: imports, caches, compiled patterns
        for page in pages[:3]:
            extract(page)
    rates: dict[str, list[float]] = {name: [] for name in extractors}
    names = list(extractors)
    for rep in range(REPS):
        order = names[rep % len(names) :] + names[: rep % len(names)]
        for name in order:
            rates[name].append(pages_per_second(extractors[name], pages))
    return {name: statistics.median(values) for name, values in rates.items()}


def report(title: str, pages: Sequence[Page], rates: dict[str, float], target: float) -> bool:
    sizes = [len(page.data) for page in pages]
    ratio = rates["ours"] / rates["trafilatura"]
    fast_ratio = rates["ours"] / rates["trafilatura fast"]
    met = ratio >= target
    low, mean, high = min(sizes) / 1000, statistics.mean(sizes) / 1000, max(sizes) / 1000
    print(f"{title}: {len(pages)} pages, {mean:.0f} KB on average ({low:.0f}-{high:.0f} KB), "
          f"median of {REPS} runs")  # fmt: skip
    print(f"  clean_document                      {rates['ours']:8.1f} pages/s")
    print(f"  trafilatura.extract                 {rates['trafilatura']:8.1f} pages/s")
    print(f"  ratio ours / trafilatura            {ratio:8.1f} x   "
          f"({'meets' if met else 'MISSES'} the {target:g} x target)")  # fmt: skip
    print(f"  trafilatura.extract(fast=True)      {rates['trafilatura fast']:8.1f} pages/s"
          f"   (ours {fast_ratio:.1f} x)")  # fmt: skip
    return met


def main() -> int:
    extractors: dict[str, Extractor] = {
        "ours": ours,
        "trafilatura": trafilatura_default,
        "trafilatura fast": trafilatura_fast,
    }
    agency, agency_drift = agency_pages()
    unknown, unknown_drift = unknown_site_pages()
    report("agency pages", agency, measure(extractors, agency), AGENCY_TARGET)
    report("unknown sites", unknown, measure(extractors, unknown), UNKNOWN_TARGET)
    drifted = agency_drift + unknown_drift
    if drifted:
        print(f"FAILED: {len(drifted)} inflated pages clean differently from their original: "
              + ", ".join(drifted))  # fmt: skip
        return 1
    print(f"  (all {len(agency) + len(unknown)} inflated pages clean to the same story "
          "as their original)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
