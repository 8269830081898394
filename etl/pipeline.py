"""The daily ingestion, one function per DAG task (the CLI calls the same ones).

IO lives here: fetch, land raw, clean (pure), merge, record. Each source of a
window is one ``ingest_source`` call; it is idempotent, so Airflow may retry
it or a user may rerun it: stories are keyed on their identity and merged by
content hash, raw documents on URL + hash, quarantine rows on input + stage.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg2.extensions

from etl.errors import DeferredError, FeedError, FetchRefusedError, QuarantineError, TransientError
from etl.extract.archive import discover_day
from etl.extract.feed_guard import check_feed_bytes
from etl.extract.feeds import parse_feed
from etl.extract.fetch import Fetcher, FetchResult, HostPolicy
from etl.load import backlog
from etl.load.clusters import assign_clusters
from etl.load.database import connect
from etl.load.identities import with_known_identities
from etl.load.maintenance import prepare_warehouse
from etl.load.migrations import apply_migrations
from etl.load.raw_landing import (
    RawDocument,
    content_hash,
    entry_from_json,
    land_raw,
    latest_raw_feed,
    stored_feeds,
    stored_pages,
)
from etl.load.run_records import (
    FeedCursor,
    RunCounts,
    close_failed_run,
    feed_failed,
    feed_succeeded,
    finish_run,
    quarantine,
    register_feed,
    resolve_quarantine,
    save_run_counts,
    set_feed_cadence,
    start_run,
)
from etl.load.search_index import refresh_search_index
from etl.load.source_lock import DEFAULT_WAIT as DEFAULT_LOCK_WAIT
from etl.load.source_lock import source_lock
from etl.load.sql_files import load_sql
from etl.load.story_merge import MergeCounts, StoryRow, merge_stories
from etl.model import CleanStory, FeedEntry
from etl.sources import ArchiveConfig, Source, SourcesConfig, load_config, resolve_feed_url
from etl.summary import stories_total_line
from etl.transform.feed_story import (
    full_text_story,
    has_full_text,
    summary_story,
    with_feed_metadata,
)
from etl.transform.identity import identity_key
from etl.transform.normalise import StoryContext, normalise_story
from etl.window import Window, day_window, days_between

LOGGER = logging.getLogger(__name__)


def migrate_database(db_url: str | None = None) -> list[str]:
    """Apply pending migrations, then settings and partitions; return the names applied."""
    conn = connect(db_url)
    try:
        applied = [f"{m.version:03d}_{m.name}" for m in apply_migrations(conn)]
        prepare_warehouse(conn, timezone=load_config().timezone)
        return applied
    finally:
        conn.close()


def list_source_names(config: SourcesConfig | None = None, *, backfill: bool = False) -> list[str]:
    """The sources a daily run covers (one Airflow task each).

    A backfill covers the feed sources only: it finds past days through feeds
    and archives, while drop folders and content APIs have no past to ask
    for (they deliver what is new, whichever day a run is for).
    """
    sources = (config or load_config()).sources
    return [s.name for s in sources if not backfill or s.kind == "feed"]


@dataclass
class _SourceRun:
    """State of one source's ingestion within a run."""

    conn: psycopg2.extensions.connection
    run_id: int
    source: Source
    window: Window
    fetcher: Fetcher
    counts: RunCounts = field(default_factory=RunCounts)
    pages: dict[str, StoryRow | None] = field(default_factory=dict)
    merged_urls: set[str] = field(default_factory=set)
    transient_failures: list[str] = field(default_factory=list)
    quarantined: set[tuple[str, str]] = field(default_factory=set)  # (input, stage) this run
    notes: list[str] = field(default_factory=list)  # said on the run record: truncated feeds

    def quarantine(self, url: str, stage: str, reason: str, raw_id: int | None) -> None:
        """Keep a failed input with its stage and reason (what etl/channels call)."""
        _quarantine(self, url, stage, reason, raw_id)

    def result(self) -> dict[str, Any]:
        """What a task returns (Airflow keeps it as XCom): who, which day, the counts."""
        return {
            "source": self.source.name,
            "agency": self.source.agency,
            "day": self.window.day.isoformat(),
            **self.counts.as_dict(),
        }


def ingest_source(
    source_name: str,
    day: date,
    *,
    config: SourcesConfig | None = None,
    db_url: str | None = None,
    lock_wait: timedelta = DEFAULT_LOCK_WAIT,
) -> dict[str, Any]:
    """Ingest one source for one day; return the run's counts.

    Bad inputs are quarantined and the run goes on. Network failures that
    outlast the retries fail the run *after* everything else is loaded, so a
    retry of the task only has the failed part left to do. While another task
    ingests the same source this one waits (``lock_wait`` at most, then
    ``SourceBusyError``, which Airflow retries).
    """
    with _source_run(source_name, day, config, db_url, lock_wait) as run:
        if run.source.kind == "feed":
            for feed_url in run.source.feeds:
                _ingest_feed(run, resolve_feed_url(feed_url))
        else:  # drop folder, content API, file listing: etl/channels
            from etl.channels import ingest_channel

            ingest_channel(run)
        if run.source.archive is not None:
            _ingest_archive(run, run.source.archive)
    if run.transient_failures:
        raise TransientError(f"{run.source.name}: {'; '.join(run.transient_failures)}")
    return run.result()


@contextmanager
def _source_run(
    source_name: str,
    day: date,
    config: SourcesConfig | None,
    db_url: str | None,
    lock_wait: timedelta = DEFAULT_LOCK_WAIT,
) -> Iterator[_SourceRun]:
    """Open a run record for one source and day; close it with its counts, or its error."""
    config = config or load_config()
    source = config.source(source_name)
    window = day_window(day, config.timezone)
    # Feeds, sitemaps and listing pages: their hosts are the source's own.
    hosts = HostPolicy.for_source(source, [resolve_feed_url(url) for url in source.urls])
    conn = connect(db_url)
    try:
        with source_lock(conn, source.name, wait=lock_wait):  # one task per source at a time
            run = _SourceRun(
                conn,
                start_run(conn, source.name, window),
                source,
                window,
                Fetcher(config.fetch, hosts=hosts),
            )
            try:
                yield run
                refresh_search_index(conn)  # once per run, off the per-feed merges
                error = "; ".join(run.transient_failures) or None
                finish_run(conn, run.run_id, run.counts, error=error, notes=run.notes)
            except BaseException as exc:
                # The real error, on a fresh connection when this one is gone.
                error = f"{type(exc).__name__}: {exc}".strip()
                close_failed_run(
                    conn, lambda: connect(db_url), run.run_id, run.counts, error, run.notes
                )
                raise
    finally:
        conn.close()
    LOGGER.info("source %s, %s: %s", source.name, day, run.counts.as_dict())


def _ingest_feed(run: _SourceRun, url: str) -> None:
    cursor = register_feed(run.conn, run.source.name, run.source.agency, url)
    feed_bytes, raw_id, fetch = _fetch_feed(run, cursor, url)
    if feed_bytes is None:
        return
    try:
        check_feed_bytes(feed_bytes)
        feed = parse_feed(feed_bytes, url=url, content_type=fetch.content_type)
    except FeedError as exc:
        _quarantine(run, url, exc.stage, exc.reason, raw_id)
        feed_failed(run.conn, cursor.feed_id, fetch.fetched_at)
        return
    run.counts.feeds_read += 1
    if fetch.truncated:
        run.notes.append(
            f"feed {url} truncated at {run.fetcher.policy.max_bytes} bytes: its readable items used"
        )
    if feed.expected_interval is not None:
        set_feed_cadence(run.conn, cursor.feed_id, feed.expected_interval)
    feed_raw = _FeedRaw(raw_id, fetch.fetched_at)
    loaded = _take_items(run, cursor.feed_id, _entries_in_window(run, feed.entries), feed_raw)
    rows = [row for _, row in loaded]
    merged = merge_stories(run.conn, rows, cursor.feed_id)
    # A summary story leaves its page's quarantine open: the page is still missing.
    went_through = [item for item, row in loaded if row.story.text_source != "feed_summary"]
    resolve_quarantine(run.conn, run.source.name, [url, *went_through])
    assign_clusters(run.conn)
    # A story already merged from another feed in this run is only linked here:
    # counts are per story, not per feed listing.
    seen_before = sum(1 for url in {r.url for r in rows} if url in run.merged_urls)
    merged = dataclasses.replace(merged, unchanged=merged.unchanged - seen_before)
    run.merged_urls.update(r.url for r in rows if r.url)
    _add_merge_counts(run.counts, merged)
    save_run_counts(run.conn, run.run_id, run.counts)
    feed_succeeded(
        run.conn,
        cursor,
        etag=fetch.headers.get("etag"),
        last_modified=fetch.headers.get("last-modified"),
        body_hash=content_hash(feed_bytes),
        fetched_at=fetch.fetched_at,
        found_new=merged.new > 0,
    )
    run.conn.commit()


def _ingest_archive(run: _SourceRun, archive: ArchiveConfig) -> None:
    """The day's items as the agency's archive lists them: how a past day is found.

    Feeds list only the latest items; sitemaps and dated listing pages reach
    back (etl/extract/archive.py). Every archive document is landed raw like
    a feed; items already loaded from a feed keep their identity.
    """
    archive = dataclasses.replace(
        archive,
        sitemaps=tuple(resolve_feed_url(url) for url in archive.sitemaps),
        pages=tuple(resolve_feed_url(url) for url in archive.pages),
    )
    raw_ids: dict[str, int] = {}
    unreachable: dict[str, str] = {}

    def read(url: str) -> tuple[int, bytes]:
        try:
            fetch = run.fetcher.get(url)
        except TransientError as exc:
            run.transient_failures.append(str(exc))
            unreachable[url] = str(exc)
            return 0, b""
        except (FetchRefusedError, DeferredError) as exc:  # refused, or left for the next run
            unreachable[url] = exc.reason
            return 0, b""
        raw_ids[url] = land_raw(run.conn, _raw("feed", run, fetch), run.run_id)
        return fetch.status, fetch.body

    found = discover_day(archive, run.window, read)
    for url, problem in found.problems:
        reason = unreachable.get(url, problem.reason)
        _quarantine(run, url, problem.stage, reason, raw_ids.get(url))
    run.counts.skipped += found.skipped + found.undated
    entries = with_known_identities(run.conn, run.source.agency, found.entries)
    rows = []
    for entry in _entries_in_window(run, entries):
        try:
            row = _story_from_entry(run, entry)
        except DeferredError as exc:  # the archive lists it again on the next run of the day
            run.counts.deferred += 1
            run.notes.append(f"archive item {_item_url(entry)} deferred: {exc.reason}")
            continue
        if row is not None:
            rows.append(row)
    fresh = [row for row in rows if row.url not in run.merged_urls]  # the feeds had the rest
    _add_merge_counts(run.counts, merge_stories(run.conn, fresh))
    assign_clusters(run.conn)
    run.merged_urls.update(row.url for row in fresh if row.url)
    save_run_counts(run.conn, run.run_id, run.counts)
    run.conn.commit()


def _fetch_feed(
    run: _SourceRun, cursor: FeedCursor, url: str
) -> tuple[bytes | None, int | None, FetchResult]:
    """Conditional GET; on 304 the last stored body stands in for the feed."""
    now = datetime.now(UTC)
    try:
        fetch = run.fetcher.get(url, etag=cursor.etag, last_modified=cursor.last_modified)
    except TransientError as exc:
        run.transient_failures.append(str(exc))
        feed_failed(run.conn, cursor.feed_id, now)
        _quarantine(run, url, "fetch_feed", str(exc), None)
        return None, None, FetchResult(url, 0, {}, b"", now)
    except FetchRefusedError as exc:
        feed_failed(run.conn, cursor.feed_id, now)
        _quarantine(run, url, exc.stage, exc.reason, None)
        return None, None, FetchResult(url, 0, {}, b"", now)
    except DeferredError as exc:
        run.notes.append(f"feed {url} deferred to the next run: {exc.reason}")
        return None, None, FetchResult(url, 0, {}, b"", now)
    if fetch.not_modified:
        stored = latest_raw_feed(run.conn, url)
        if stored is not None:
            LOGGER.info("feed %s not modified; reading its stored copy", url)
            return stored[1], stored[0], fetch
        fetch = run.fetcher.get(url)  # we have no copy: ask again without a validator
    raw_id = land_raw(run.conn, _raw("feed", run, fetch), run.run_id)
    if not fetch.ok:
        _quarantine(run, url, "fetch_feed", f"HTTP {fetch.status}", raw_id)
        feed_failed(run.conn, cursor.feed_id, fetch.fetched_at)
        return None, raw_id, fetch
    return fetch.body, raw_id, fetch


def _entries_in_window(run: _SourceRun, entries: list[FeedEntry]) -> list[FeedEntry]:
    """Items published in the run's day; undated items count as today's."""
    chosen = []
    for entry in entries:
        moment = entry.published_at or entry.updated_at
        if moment is not None and not run.window.contains(moment):
            run.counts.skipped += 1
            continue
        chosen.append(entry)
    return chosen


def _take_items(
    run: _SourceRun, feed_id: int, entries: list[FeedEntry], feed: _FeedRaw
) -> list[tuple[str, StoryRow]]:
    """This run's share of a feed: its backlog first, then new items, up to the page cap.

    New items over the cap, and items the time budget or a deadline leaves
    over, go to the feed's backlog for the next run (``deferred``), so a feed
    of 10,000 items is taken 200 a run, not the same 200 every run.
    """
    by_url = {_item_url(e): e for e in entries}
    planned = backlog.plan(
        run.conn,
        run.source.name,
        feed_id,
        [(url, _entry_json(e)) for url, e in by_url.items()],
        run.fetcher.policy.max_pages_per_feed,
    )
    for position, (url, data) in enumerate(planned.over_cap):
        backlog.defer(
            run.conn,
            feed_id=feed_id,
            run_id=run.run_id,
            item_url=url,
            entry=data,
            reason="over_cap",
            position=position,
        )
    if planned.over_cap:
        LOGGER.warning("%s: %d items deferred (page cap)", run.source.name, len(planned.over_cap))
    run.counts.deferred += len(planned.over_cap)
    loaded: list[tuple[str, StoryRow]] = []
    taken: list[str] = []
    for position, (url, data) in enumerate(planned.take):
        entry = by_url.get(url) or entry_from_json(data, url)
        try:
            row = _story_from_entry(run, entry, feed)
        except DeferredError as exc:
            backlog.defer(
                run.conn,
                feed_id=feed_id,
                run_id=run.run_id,
                item_url=url,
                entry=data,
                reason=exc.kind,
                position=position,
            )
            run.counts.deferred += 1
            if exc.kind == "deadline":  # a slow server is worth seeing, not only waiting for
                _quarantine(run, url, "fetch_page", exc.reason, None)
            continue
        taken.append(url)
        if row is not None:
            loaded.append((url, row))
    backlog.done(run.conn, feed_id, taken)
    return loaded


def _item_url(entry: FeedEntry) -> str:
    """What an item is fetched and quarantined under: its link, else its guid."""
    return entry.link or entry.guid or ""


@dataclass(frozen=True)
class _FeedRaw:
    """The stored feed an item came from: the raw document of a story made from the feed."""

    raw_id: int | None
    fetched_at: datetime


def _story_from_entry(
    run: _SourceRun, entry: FeedEntry, feed: _FeedRaw | None = None
) -> StoryRow | None:
    """One item's story: from its page, or from what the feed carries.

    The page is fetched unless the source says ``pages = "never"`` or (``auto``)
    the item carries its full text. A page out of reach (refused, HTTP error,
    cut short, unreachable) is quarantined with its reason and the item becomes
    a story from the feed (full text, else a summary) without failing the run;
    a later run that gets the page upgrades it to a new version. An item found
    in an archive (``feed`` None) has only its page. ``DeferredError`` (budget,
    deadline) goes to the caller, which defers the item.
    """
    url = _item_url(entry)
    if url in run.pages:
        return run.pages[url]
    run.pages[url] = None
    full_text = has_full_text(entry)
    mode = run.source.pages
    if feed is not None and (mode == "never" or (mode == "auto" and full_text)):
        row = _feed_row(run, entry, url, feed, full_text)
    else:
        row, missing = _page_row(run, entry, url)
        if missing is not None:
            row = _feed_row(run, entry, url, feed, full_text) if feed is not None else None
            if row is not None and _would_downgrade(run, row):
                row = None  # the story loaded from its page stays as it is
            if row is None and missing.transient:
                run.transient_failures.append(missing.reason)
    run.pages[url] = row
    return row


LOADED_TEXT_SOURCE_SQL = load_sql("story_text_source")


def _would_downgrade(run: _SourceRun, row: StoryRow) -> bool:
    """Whether a summary would replace a story already made from a page or a full text."""
    if row.story.text_source != "feed_summary":
        return False
    with run.conn.cursor() as cur:
        cur.execute(
            LOADED_TEXT_SOURCE_SQL, {"agency": row.agency, "identity_key": row.identity_key}
        )
        loaded = cur.fetchone()
    return loaded is not None and loaded[0] != "feed_summary"


@dataclass(frozen=True)
class _MissingPage:
    """Why an item's page could not be had; transient ones fail the run if nothing else is."""

    reason: str
    transient: bool = False


def _page_row(
    run: _SourceRun, entry: FeedEntry, url: str
) -> tuple[StoryRow | None, _MissingPage | None]:
    """Fetch, land and clean one item's page; say why when there is no page to clean."""
    if not run.fetcher.allowed(url):
        missing = _MissingPage("disallowed by the site's robots.txt")
        _quarantine(run, url, "fetch_page", missing.reason, None)
        return None, missing
    try:
        fetch = run.fetcher.get(url)
    except TransientError as exc:
        _quarantine(run, url, "fetch_page", str(exc), None)
        return None, _MissingPage(str(exc), transient=True)
    except FetchRefusedError as exc:
        _quarantine(run, url, exc.stage, exc.reason, None)
        return None, _MissingPage(exc.reason)
    run.counts.fetched += 1
    raw_id = land_raw(run.conn, _raw("page", run, fetch, entry), run.run_id)
    if not fetch.ok:
        _quarantine(run, url, "fetch_page", f"HTTP {fetch.status}", raw_id)
        return None, _MissingPage(f"HTTP {fetch.status}")
    if fetch.truncated:  # a page cut short is not the story: never cleaned and versioned
        reason = f"page truncated at {run.fetcher.policy.max_bytes} bytes (max_bytes)"
        _quarantine(run, url, "fetch_page", reason, raw_id)
        return None, _MissingPage(reason)
    # The story is where the page came from: the final URL after redirects.
    row = _story_row(
        run, entry, fetch.url, fetch.body, fetch.content_type, raw_id, fetch.fetched_at
    )
    return row, None


def _feed_row(
    run: _SourceRun, entry: FeedEntry, url: str, feed: _FeedRaw, full_text: bool
) -> StoryRow | None:
    """The story the feed item tells by itself: its full text, else its summary."""
    try:
        if full_text:
            story = full_text_story(entry, agency_hint=run.source.agency)
        else:
            story = summary_story(entry, agency=run.source.agency)
    except QuarantineError as exc:
        _quarantine(run, url, exc.stage, exc.reason, feed.raw_id)
        return None
    return _loadable(run, entry, url, story, feed.raw_id, feed.fetched_at)


def _story_row(
    run: _SourceRun,
    entry: FeedEntry,
    url: str,
    body: bytes,
    content_type: str | None,
    raw_id: int,
    seen_at: datetime,
) -> StoryRow | None:
    """Clean a stored page into a loadable row (the transform step shared with reprocess)."""
    from etl.transform.clean import clean_document  # pure, but heavy: only when needed

    try:
        story = clean_document(
            body,
            content_type=content_type,
            url=url,
            published_at=entry.published_at,
            agency_hint=run.source.agency,
        )
    except QuarantineError as exc:
        _quarantine(run, url, exc.stage, exc.reason, raw_id)
        return None
    return _loadable(run, entry, url, with_feed_metadata(story, entry), raw_id, seen_at)


def _loadable(
    run: _SourceRun,
    entry: FeedEntry,
    url: str,
    story: CleanStory,
    raw_id: int | None,
    seen_at: datetime,
) -> StoryRow:
    """A cleaned story with its feed item's time, the source's language, its status."""
    context = StoryContext.from_entry(entry, agency=run.source.agency, language=run.source.language)
    story = normalise_story(story, context)
    return StoryRow(
        agency=run.source.agency,
        identity_key=_identity(run, entry, story, url),
        guid=entry.guid,
        url=url,
        story=story,
        raw_id=raw_id,
        seen_at=seen_at,
    )


def _identity(run: _SourceRun, entry: FeedEntry, story: CleanStory, url: str) -> str:
    """The item's guid, else its page's canonical URL, else its link.

    An item without a guid that was loaded before its page could be had (a
    summary story) is known by its link; when the page then names another
    canonical URL (a redirecting feed link, a tracking path), the story
    keeps the key it was loaded under, so the page upgrades it rather than
    loading beside it.
    """
    key = identity_key(entry.guid, story.canonical_url or url)
    if entry.guid or not story.canonical_url:
        return key
    link_key = identity_key(None, _item_url(entry) or url)
    if link_key == key:
        return key
    with run.conn.cursor() as cur:
        cur.execute(LOADED_TEXT_SOURCE_SQL, {"agency": run.source.agency, "identity_key": link_key})
        return link_key if cur.fetchone() is not None else key


def reprocess_source(
    source_name: str,
    day: date,
    *,
    config: SourcesConfig | None = None,
    db_url: str | None = None,
) -> dict[str, Any]:
    """Re-clean and re-merge a day's stored pages of one source, without fetching anything.

    This is how a transform fix or a new boilerplate rule reaches stories
    already loaded: stories whose cleaned content changes get a new version,
    the rest are counted unchanged. Items of the day with no stored page
    (full text from the feed, summaries) are made again from the stored feeds.
    """
    with _source_run(source_name, day, config, db_url) as run:
        if run.source.kind != "feed":  # stored files and API pages: etl/channels
            from etl.channels.reprocess import reprocess_channel

            reprocess_channel(run)
            return run.result()
        rows = []
        page_urls: set[str] = set()
        for stored in stored_pages(run.conn, run.source.name, run.window):
            page_urls.update(url for url in (stored.url, stored.entry.link) if url)
            run.counts.fetched += 1
            row = _story_row(
                run,
                stored.entry,
                stored.url,
                stored.body,
                stored.content_type,
                stored.raw_id,
                stored.fetched_at,
            )
            if row is not None:
                rows.append(row)
        rows.extend(_stored_feed_rows(run, page_urls))
        _add_merge_counts(run.counts, merge_stories(run.conn, rows))
        assign_clusters(run.conn)
    return run.result()


def _stored_feed_rows(run: _SourceRun, page_urls: set[str]) -> list[StoryRow]:
    """Stories of the day's items that have no stored page, made again from the stored feeds."""
    done = set(page_urls)
    rows = []
    for stored in stored_feeds(run.conn, run.source.name):
        try:
            feed = parse_feed(stored.body, url=stored.url, content_type=stored.content_type)
        except FeedError:
            continue  # quarantined when it was fetched
        for entry in feed.entries:
            url = entry.link or entry.guid or ""
            moment = entry.published_at or entry.updated_at
            if url in done or (moment is not None and not run.window.contains(moment)):
                continue
            done.add(url)
            raw = _FeedRaw(stored.raw_id, stored.fetched_at)
            if row := _feed_row(run, entry, url, raw, has_full_text(entry)):
                rows.append(row)
    return rows


def _quarantine(run: _SourceRun, url: str, stage: str, reason: str, raw_id: int | None) -> None:
    LOGGER.warning("quarantined %s at %s: %s", url, stage, reason)
    run.quarantined.add((url, stage))
    run.counts.quarantined = len(run.quarantined)  # inputs, each once per run and stage
    quarantine(
        run.conn,
        run_id=run.run_id,
        source=run.source.name,
        url=url,
        stage=stage,
        reason=reason,
        raw_id=raw_id,
    )
    run.conn.commit()


def _raw(
    kind: str, run: _SourceRun, fetch: FetchResult, entry: FeedEntry | None = None
) -> RawDocument:
    """The record of a fetch, its text made storable (removed NULs counted on the run)."""
    doc, removed = RawDocument(
        kind=kind,
        source=run.source.name,
        url=fetch.url,
        http_status=fetch.status,
        headers=fetch.headers,
        fetched_at=fetch.fetched_at,
        body=fetch.body,
        feed_entry=_entry_json(entry) if entry else None,
        requested_url=fetch.requested_url,
    ).storable()
    run.counts.nul_removed += removed
    return doc


def _entry_json(entry: FeedEntry) -> dict[str, Any]:
    """The feed item as JSON: beside its page, and in the backlog (with its full text)."""
    data = dataclasses.asdict(entry)
    for key in ("published_at", "updated_at"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    return data


def _add_merge_counts(counts: RunCounts, merged: MergeCounts) -> None:
    counts.new += merged.new
    counts.updated += merged.updated
    counts.unchanged += merged.unchanged
    counts.nul_removed += merged.nul_removed


def summarize_results(results: list[dict[str, Any]]) -> str:
    """One line per source and the total, for the DAG's last task log."""
    lines = [
        f"{r['agency']}: {r['new']} new, {r['updated']} updated, {r['unchanged']} unchanged, "
        f"{r['quarantined']} quarantined"
        for r in results
    ]
    totals = {
        k: sum(int(r[k]) for r in results) for k in ("new", "updated", "unchanged", "quarantined")
    }
    lines.append(stories_total_line(**totals))
    summary = "\n".join(lines)
    LOGGER.info("%s", summary)
    return summary


def reprocess_work_items(first: str, last: str, sources: list[str]) -> list[dict[str, str]]:
    """One (source, day) item per mapped reprocess task."""
    days = days_between(date.fromisoformat(first), date.fromisoformat(last))
    names = sources or list_source_names()
    return [{"source": name, "day": day.isoformat()} for day in days for name in names]


def reprocess_item(item: dict[str, str], db_url: str | None = None) -> dict[str, Any]:
    return reprocess_source(item["source"], date.fromisoformat(item["day"]), db_url=db_url)
