"""Sources config: which agencies, which feeds, how politely to fetch them.

A TOML file (``sample.toml`` is the offline default, ``live.toml`` the
agencies' public feeds). ``NEWSWIRE_SOURCES`` names another file. Feed URLs
may contain ``{sample_wire}``, replaced by ``NEWSWIRE_SAMPLE_WIRE_URL`` (the
local sample wire server's address, which is only known when it starts).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, cast, get_args
from zoneinfo import ZoneInfo

from etl.errors import NewswireError
from etl.sources.kinds import (
    KINDS,
    SAMPLE_DROP_PLACEHOLDER,
    ApiSettings,
    ChannelSettings,
    DropFolderSettings,
    ListingSettings,
    SourceSettingsError,
    parse_channel_settings,
)

__all__ = [
    "LIVE_CONFIG",
    "SAMPLE_CONFIG",
    "ApiSettings",
    "ConfigError",
    "DropFolderSettings",
    "FetchPolicy",
    "ListingSettings",
    "Source",
    "SourcesConfig",
    "load_config",
    "resolve_feed_url",
    "resolve_sample_wire",
]

SOURCES_DIR = Path(__file__).resolve().parent
SAMPLE_CONFIG = SOURCES_DIR / "sample.toml"
LIVE_CONFIG = SOURCES_DIR / "live.toml"
SAMPLE_WIRE_PLACEHOLDER = "{sample_wire}"


class ConfigError(NewswireError):
    """The sources config is missing, malformed or names something unknown."""


@dataclass(frozen=True)
class FetchPolicy:
    """Bounds on what one run may fetch, and how politely."""

    user_agent: str = "newswire/0.1 (wire ingestion; contact: newsroom data team)"
    timeout_seconds: float = 20.0
    max_bytes: int = 5_000_000
    max_pages_per_feed: int = 200
    delay_seconds: float = 0.0  # pause between page requests to one host
    retries: int = 3
    backoff_seconds: float = 0.5  # doubled on each retry, capped at 8 s
    respect_robots_txt: bool = True  # article pages a site's robots.txt disallows are skipped
    # A request's total time, however slowly the server sends (timeout_seconds is per read).
    request_deadline_seconds: float = 60.0
    # One source's whole run; what does not fit is deferred to the next run, not failed.
    source_budget_seconds: float = 1800.0
    max_redirects: int = 5  # hops followed (each checked against the host policy)


# When a feed item's article page is fetched: ``auto`` only when the item
# carries no full text of its own, ``always`` even then (the page is richer),
# ``never`` (the feed's full text or summary is the story: paywalled sites).
PagesMode = Literal["auto", "always", "never"]
PAGES_MODES: tuple[str, ...] = get_args(PagesMode)


@dataclass(frozen=True)
class ArchiveConfig:
    """Where a source keeps its past (``[source.archive]``): how a backfill finds a day.

    ``sitemaps``: sitemap or sitemap-index URLs, filtered by ``lastmod`` and
    ``news:publication_date``; ``pages``: dated listing-page templates such as
    ``https://agency.example/archive/{day:%Y/%m/%d}``, whose links matching
    ``link_selector`` are the day's items (etl/extract/archive.py).
    """

    sitemaps: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    link_selector: str = "main a[href]"
    max_documents: int = 100  # sitemaps + listing pages read for one day
    max_listing_pages: int = 20  # rel="next" pages followed per template


@dataclass(frozen=True)
class Source:
    """One agency's feeds (or drop folder, API, listing), ingested as one task of the daily DAG.

    ``kind`` says how the agency delivers (``etl.sources.kinds``); ``channel``
    holds that kind's settings, ``None`` for feeds.
    """

    name: str
    agency: str
    feeds: tuple[str, ...]
    language: str = "en"
    pages: PagesMode = "auto"
    # Hosts (names or addresses) this source may reach besides its feeds' hosts; a
    # private, loopback or link-local address only when listed here.
    allow_hosts: tuple[str, ...] = ()
    archive: ArchiveConfig | None = None
    kind: str = "feed"
    channel: ChannelSettings | None = None

    @property
    def drop_folder(self) -> DropFolderSettings:
        assert isinstance(self.channel, DropFolderSettings), self.kind
        return self.channel

    @property
    def api(self) -> ApiSettings:
        assert isinstance(self.channel, ApiSettings), self.kind
        return self.channel

    @property
    def listing(self) -> ListingSettings:
        assert isinstance(self.channel, ListingSettings), self.kind
        return self.channel

    @property
    def channel_place(self) -> str | None:
        """A non-feed source's one place: its drop folder path, API URL or listing URL."""
        if isinstance(self.channel, DropFolderSettings):
            return self.channel.path
        if isinstance(self.channel, ApiSettings | ListingSettings):
            return self.channel.url
        return None

    @property
    def urls(self) -> tuple[str, ...]:
        """Every configured address: feeds (or the channel's place), sitemaps, page templates."""
        place = self.channel_place
        addresses = self.feeds if place is None else (place,)
        if self.archive is None:
            return addresses
        return addresses + self.archive.sitemaps + self.archive.pages


@dataclass(frozen=True)
class SourcesConfig:
    timezone: str
    sources: tuple[Source, ...]
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    path: Path | None = None

    @property
    def uses_sample_wire(self) -> bool:
        return any(
            SAMPLE_WIRE_PLACEHOLDER in place or SAMPLE_DROP_PLACEHOLDER in place
            for s in self.sources
            for place in s.urls
        )

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources)
        raise ConfigError(f"unknown source {name!r}; this config has: {known}")


def config_path() -> Path:
    return Path(os.environ.get("NEWSWIRE_SOURCES", str(SAMPLE_CONFIG)))


def load_config(path: Path | None = None) -> SourcesConfig:
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"sources config not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"sources config {path} is not valid TOML: {exc}") from exc
    return _parse_config(data, path)


def _parse_config(data: dict[str, Any], path: Path) -> SourcesConfig:
    timezone = str(data.get("timezone", "UTC"))
    try:
        ZoneInfo(timezone)
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"{path}: unknown timezone {timezone!r}") from exc
    fetch = FetchPolicy(**data.get("fetch", {}))
    sources = tuple(_parse_source(raw, path) for raw in data.get("source", []))
    if not sources:
        raise ConfigError(f"{path}: no [[source]] entries")
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: duplicate source names")
    return SourcesConfig(timezone=timezone, sources=sources, fetch=fetch, path=path)


def _parse_source(raw: dict[str, Any], path: Path) -> Source:
    pages = str(raw.get("pages", "auto"))
    if pages not in PAGES_MODES:
        raise ConfigError(
            f"{path}: source {raw.get('name')!r}: pages = {pages!r}, "
            f"expected one of {', '.join(PAGES_MODES)}"
        )
    kind = str(raw.get("kind", "feed"))
    if kind not in KINDS:
        raise ConfigError(f"{path}: source kind {kind!r} is not one of {', '.join(KINDS)}")
    try:
        name = str(raw["name"])
        channel = None
        if kind != "feed":
            channel = parse_channel_settings(kind, dict(raw[kind]), path.parent)
        return Source(
            name=name,
            agency=str(raw["agency"]),
            feeds=tuple(str(url) for url in raw["feeds"]) if kind == "feed" else (),
            language=str(raw.get("language", "en")),
            pages=cast(PagesMode, pages),  # checked against PAGES_MODES above
            archive=_parse_archive(raw.get("archive"), path),
            allow_hosts=_host_list(raw.get("allow_hosts", []), path),
            kind=kind,
            channel=channel,
        )
    except KeyError as exc:
        raise ConfigError(f"{path}: a [[source]] lacks {exc.args[0]!r}") from exc
    except SourceSettingsError as exc:
        raise ConfigError(f"{path}: source {raw.get('name')!r}: {exc}") from exc


def resolve_sample_wire(place: str) -> str:
    """A feed URL, API URL or drop folder path with the sample wire's placeholders filled in."""
    if SAMPLE_DROP_PLACEHOLDER in place:
        folder = os.environ.get("NEWSWIRE_SAMPLE_DROP_DIR")
        if not folder:
            raise ConfigError(
                f"{place} needs NEWSWIRE_SAMPLE_DROP_DIR (the sample wire sets it when it starts)"
            )
        place = place.replace(SAMPLE_DROP_PLACEHOLDER, folder.rstrip("/"))
    return resolve_feed_url(place)


def _parse_archive(raw: Any, path: Path) -> ArchiveConfig | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: [source.archive] must be a table")
    unknown = set(raw) - {f.name for f in fields(ArchiveConfig)}
    if unknown:
        raise ConfigError(f"{path}: [source.archive] has unknown keys {sorted(unknown)}")
    defaults = ArchiveConfig()
    archive = ArchiveConfig(
        sitemaps=tuple(str(url) for url in raw.get("sitemaps", ())),
        pages=tuple(str(url) for url in raw.get("pages", ())),
        link_selector=str(raw.get("link_selector", defaults.link_selector)),
        max_documents=int(raw.get("max_documents", defaults.max_documents)),
        max_listing_pages=int(raw.get("max_listing_pages", defaults.max_listing_pages)),
    )
    if not archive.sitemaps and not archive.pages:
        raise ConfigError(f"{path}: [source.archive] names no sitemaps and no pages")
    return archive


def _host_list(value: Any, path: Path) -> tuple[str, ...]:
    """``allow_hosts``: a TOML list of host names or addresses."""
    if not isinstance(value, list) or not all(isinstance(h, str) and h for h in value):
        raise ConfigError(f"{path}: allow_hosts must be a list of host names or addresses")
    return tuple(h.strip().lower() for h in value)


def resolve_feed_url(url: str) -> str:
    """Fill in the sample wire address; refuse to guess it when unset."""
    if SAMPLE_WIRE_PLACEHOLDER not in url:
        return url
    base = os.environ.get("NEWSWIRE_SAMPLE_WIRE_URL")
    if not base:
        raise ConfigError(
            f"{url} needs NEWSWIRE_SAMPLE_WIRE_URL (start the sample wire: newswire sample-wire)"
        )
    return url.replace(SAMPLE_WIRE_PLACEHOLDER, base.rstrip("/"))
