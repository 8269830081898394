"""HTTP listing: an index page (a web server's directory listing) whose links are files.

Each run reads the index, takes the links whose file name matches the
source's pattern and that lie under the index's own address (a listing
cannot send us elsewhere), skips files already read to the end, and
fetches, stores raw and reads the rest, oldest link order first. A file is
known by its bytes as in a drop folder: the same file under a new name is
recorded and not read again.
"""

from __future__ import annotations

import fnmatch
from posixpath import basename
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from etl.channels.context import ChannelRun, fetch_or_quarantine, raw_fetched
from etl.channels.wire_items import merge_in_order, wire_rows
from etl.load.clusters import assign_clusters
from etl.load.deliveries import file_state, locations_done, record_file
from etl.load.raw_landing import content_hash, land_raw
from etl.load.run_records import save_run_counts
from etl.sources import ListingSettings, resolve_sample_wire


def ingest_listing(run: ChannelRun, feed_id: int) -> None:
    """Fetch the index, then every listed file not read before."""
    settings = run.source.listing
    index_url = resolve_sample_wire(settings.url)
    index = fetch_or_quarantine(run, index_url, "fetch_listing")
    if index is None:
        return
    raw_id = land_raw(run.conn, raw_fetched("feed", run, index), run.run_id)
    run.counts.feeds_read += 1
    if not index.ok:
        run.quarantine(index_url, "fetch_listing", f"HTTP {index.status}", raw_id)
        return
    links = listed_files(index.body, index_url, settings.pattern)
    done = locations_done(run.conn, run.source.name, links)
    todo = [link for link in links if link not in done]
    run.counts.skipped += len(links) - len(todo)
    for url in todo[: settings.max_files_per_run]:
        _take_file(run, settings, url, feed_id)
    assign_clusters(run.conn)
    run.conn.commit()


def listed_files(body: bytes, index_url: str, pattern: str) -> list[str]:
    """Absolute URLs of the linked files under the index's address whose name matches."""
    base = urlsplit(index_url)
    folder = base.path if base.path.endswith("/") else base.path.rsplit("/", 1)[0] + "/"
    found: list[str] = []
    for anchor in LexborHTMLParser(body).css("a[href]"):
        href = anchor.attributes.get("href") or ""
        url = urljoin(index_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        name = unquote(basename(parts.path))
        if (
            (parts.scheme, parts.netloc) != (base.scheme, base.netloc)
            or not parts.path.startswith(folder)
            or parts.query
            or not name
            or not fnmatch.fnmatch(name, pattern)
            or url in found
        ):
            continue  # sort links, parent folder, other hosts, subfolders' own listings
        found.append(url)
    return found


def _take_file(run: ChannelRun, settings: ListingSettings, url: str, feed_id: int) -> None:
    fetch = fetch_or_quarantine(run, url, "fetch_file")
    if fetch is None:
        return
    raw_id = land_raw(run.conn, raw_fetched("file", run, fetch), run.run_id)
    run.counts.fetched += 1
    if not fetch.ok:
        run.quarantine(url, "fetch_file", f"HTTP {fetch.status}", raw_id)
        return
    digest = content_hash(fetch.body)
    if file_state(run.conn, run.source.name, digest) in ("processed", "quarantined"):
        run.counts.skipped += 1  # the same bytes under another name: recorded, not read again
        record_file(
            run.conn,
            source=run.source.name,
            content_hash=digest,
            location=url,
            raw_id=raw_id,
            state="processed",
        )
        run.conn.commit()
        return
    rows = wire_rows(
        run,
        fetch.body,
        location=url,
        raw_id=raw_id,
        seen_at=fetch.fetched_at,
        fmt=settings.format,
        name=unquote(basename(urlsplit(url).path)),
    )
    if rows is not None:
        merged = merge_in_order(run.conn, rows, feed_id)
        run.counts.new += merged.new
        run.counts.updated += merged.updated
        run.counts.unchanged += merged.unchanged
    record_file(
        run.conn,
        source=run.source.name,
        content_hash=digest,
        location=url,
        raw_id=raw_id,
        state="processed" if rows is not None else "quarantined",
    )
    save_run_counts(run.conn, run.run_id, run.counts)
    run.conn.commit()
