"""Agency files for the channel tests, written here: NITF 3.6 as dpa's English service sends it.

``nitf()`` builds one file from what a test varies (id, version, text, status,
embargo, editors' note); the stories are invented for these tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from etl.sources import DropFolderSettings, FetchPolicy, Source, SourcesConfig

DAY = date(2026, 11, 19)
HARBOUR_ID = "dpa:20261119:eng-harbour-strike"
HARBOUR_PARAGRAPHS = (
    "Hamburg (dpa) - Dock workers at Germany's largest port walked out on Thursday "
    "morning, halting container traffic at four terminals.",
    "The union said 2,400 members joined the strike, which is due to last 24 hours.",
)


def nitf(
    doc_id: str,
    version: int,
    headline: str,
    paragraphs: Sequence[str],
    *,
    issued: str = "20261119T080000Z",
    release: str | None = None,
    status: str = "usable",
    ed_msg: str | None = None,
    keywords: Sequence[str] = ("Hamburg", "strikes"),
) -> bytes:
    """One NITF 3.6 file of dpa's English service."""
    release_line = f'\n      <date.release norm="{release}"/>' if release else ""
    ed_msg_line = f'\n      <ed-msg info="{ed_msg}"/>' if ed_msg else ""
    keyword_lines = "".join(f'<keyword key="{k}"/>' for k in keywords)
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="en">
  <head>
    <title>{headline}</title>
    <tobject tobject.type="news">
      <tobject.subject tobject.subject.refnum="09000000" tobject.subject.matter="labour"/>
    </tobject>
    <docdata management-status="{status}">
      <doc-id regsrc="dpa" id-string="{doc_id}"/>
      <urgency ed-urg="4"/>
      <date.issue norm="{issued}"/>{release_line}
      <du-key key="harbour-strike" version="{version}"/>{ed_msg_line}
      <key-list>{keyword_lines}</key-list>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>{headline}</hl1></hedline>
      <byline>By Jana Becker</byline>
    </body.head>
    <body.content>
{body}
    </body.content>
    <body.end><tagline>dpa jb xx</tagline></body.end>
  </body>
</nitf>
""".encode()


def harbour(version: int, extra: Sequence[str] = (), **kwargs: str) -> bytes:
    """The harbour strike story, version ``version``, with ``extra`` paragraphs."""
    headline = kwargs.pop("headline", "Dock workers strike at Hamburg port")
    return nitf(HARBOUR_ID, version, headline, (*HARBOUR_PARAGRAPHS, *extra), **kwargs)


BROKEN_NITF = b"""<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><docdata><doc-id id-string="dpa:broken"/></docdata></head>
<body><body.content><p>The file ends in the middle of"""


def drop_config(folder: Path, *, settle_seconds: float = 0.0, agency: str = "dpa") -> SourcesConfig:
    """A sources config with one drop folder source named ``dpa``."""
    source = Source(
        name="dpa",
        agency=agency,
        feeds=(),
        kind="drop_folder",
        channel=DropFolderSettings(path=str(folder), settle_seconds=settle_seconds),
    )
    return SourcesConfig(timezone="UTC", sources=(source,), fetch=FetchPolicy(retries=0))
