"""Delivery kinds beyond feeds: drop folders, content APIs with a cursor, file listings.

A ``[[source]]`` says ``kind = "feed"`` (the default: RSS/Atom feeds and the
pages they link), ``"drop_folder"`` (a directory an agency's FTP/SFTP
delivery writes into), ``"api"`` (an HTTP endpoint returning items and a
next-page link or cursor, like AP's and Reuters' content APIs) or
``"listing"`` (an index page or directory listing of files over HTTP). Each
non-feed kind has its own table of keys, ``[source.drop_folder]``,
``[source.api]`` or ``[source.listing]``; the agency's delivery format is
``format`` (``auto`` sniffs each file). API keys are never in the TOML: the
source names an environment variable or an Airflow connection that holds it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Final, Literal

SourceKind = Literal["feed", "drop_folder", "api", "listing"]
KINDS: Final[tuple[str, ...]] = ("feed", "drop_folder", "api", "listing")
WIRE_FORMATS: Final[tuple[str, ...]] = (
    "auto",
    "nitf",
    "newsml-g2",
    "newsml-1.2",
    "iptc7901",
    "anpa1312",
    "ninjs",
    "digitalwires",
)
# The drop folder of the bundled sample wire: filled in at run time (a copy of
# etl/samplewire/drop under var/, so a fresh clone's tracked files never move).
SAMPLE_DROP_PLACEHOLDER: Final = "{sample_drop}"
# Suffixes agencies' FTP/SFTP clients give a file while it is being written:
# "story.xml.part" (curl, lftp), ".filepart" (WinSCP), ".tmp", ".partial", ".crdownload".
DEFAULT_TEMPORARY_SUFFIXES: Final[tuple[str, ...]] = (
    ".tmp",
    ".part",
    ".filepart",
    ".partial",
    ".crdownload",
    ".lock",
)


class SourceSettingsError(ValueError):
    """A kind's table is missing a key or has one it does not know."""


@dataclass(frozen=True)
class DropFolderSettings:
    """Where an agency's files land and how to tell a finished file from one being written.

    ``path`` is absolute or relative to the sources file; ``{sample_drop}``
    is the sample wire's drop folder. A file is read when its name has none
    of ``temporary_suffixes``, does not start with a dot, and its size and
    modification time are the same at two looks ``settle_seconds`` apart.
    Read files move to ``processed/``, unreadable ones to ``quarantine/``
    (both inside ``path``).
    """

    path: str
    format: str = "auto"
    pattern: str = "*"  # glob of the file names to take: "*.xml"
    temporary_suffixes: tuple[str, ...] = DEFAULT_TEMPORARY_SUFFIXES
    settle_seconds: float = 2.0
    max_files_per_run: int = 500


@dataclass(frozen=True)
class ApiSettings:
    """A content API: pages of items, each page naming the next (a link or a cursor).

    Paths are dotted keys into the JSON page (``data.items``, ``data.next_page``).
    An item is either the story itself (``format = "ninjs"``, read from
    ``item_path`` within each item, the whole item when empty) or a link
    (``link_path``, e.g. ``renditions.nitf.href``) to a document fetched
    and read in ``format``. The next page is ``next_path`` (a URL, relative
    to the page) or ``cursor_path`` sent back as the ``cursor_param`` query
    parameter. The key: ``api_key_env`` (an environment variable) or
    ``api_key_connection`` (an Airflow connection id; its password), sent
    as the ``api_key_header`` header.
    """

    url: str
    format: str = "auto"
    items_path: str = "items"
    item_path: str = ""
    link_path: str = ""
    next_path: str = ""
    cursor_path: str = ""
    cursor_param: str = "cursor"
    api_key_env: str = ""
    api_key_connection: str = ""
    api_key_header: str = "x-api-key"
    max_pages_per_run: int = 20


@dataclass(frozen=True)
class ListingSettings:
    """An index page (an HTML directory listing) whose links are the agency's files."""

    url: str
    format: str = "auto"
    pattern: str = "*"  # glob on the linked file's name: "*.xml"
    max_files_per_run: int = 200


ChannelSettings = DropFolderSettings | ApiSettings | ListingSettings
SETTINGS_BY_KIND: Final[dict[str, type[DropFolderSettings | ApiSettings | ListingSettings]]] = {
    "drop_folder": DropFolderSettings,
    "api": ApiSettings,
    "listing": ListingSettings,
}


def parse_channel_settings(kind: str, raw: dict[str, Any], config_dir: Path) -> ChannelSettings:
    """The kind's table as typed settings; unknown keys are refused (a typo would be silent)."""
    settings_type = SETTINGS_BY_KIND[kind]
    known = {f.name for f in fields(settings_type)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SourceSettingsError(f"[source.{kind}] has unknown keys: {', '.join(unknown)}")
    if "api_key" in raw or "password" in raw:
        raise SourceSettingsError("API keys do not belong in the sources file")
    values = dict(raw)
    if "temporary_suffixes" in values:
        values["temporary_suffixes"] = tuple(str(s) for s in values["temporary_suffixes"])
    try:
        settings = settings_type(**values)
    except TypeError as exc:
        raise SourceSettingsError(f"[source.{kind}] lacks a key: {exc}") from exc
    if settings.format not in WIRE_FORMATS:
        raise SourceSettingsError(
            f"[source.{kind}] format {settings.format!r} is not one of {', '.join(WIRE_FORMATS)}"
        )
    if isinstance(settings, DropFolderSettings):
        return _resolved_drop_folder(settings, config_dir)
    return settings


def _resolved_drop_folder(settings: DropFolderSettings, config_dir: Path) -> DropFolderSettings:
    """A relative path is relative to the sources file, like an include would be."""
    if settings.path.startswith(SAMPLE_DROP_PLACEHOLDER):
        return settings
    path = Path(settings.path).expanduser()
    if not path.is_absolute():
        path = (config_dir / path).resolve()
    return dataclasses.replace(settings, path=str(path))
