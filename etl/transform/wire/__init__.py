"""Agencies' own delivery formats -> CleanStory: one reader per format, one way to finish.

``read_wire(data, fmt="auto")`` sniffs the format (``sniff_format``) unless
told, hands the bytes to that format's reader and returns every text story the
file holds (a NewsML news message can hold several). Readers only map their
format onto a ``WireDraft``; ``story.finish`` parses the dateline, names the
agency and sets times and status the same way for all (see ``story``).

Errors: ``WireFormatError`` (stage ``parse_wire``) for a malformed or hostile
file, ``NotAStoryError`` (stage ``not_a_story``) for a file with no text
story (a picture item, a package without text, an empty envelope). Nothing
else escapes: a reader bug quarantines one file, it does not stop a run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final

from etl.errors import NotAStoryError, WireFormatError
from etl.model import CleanStory
from etl.transform.wire.digitalwires import read_digitalwires
from etl.transform.wire.newsml_1 import read_newsml_1
from etl.transform.wire.newsml_g2 import read_newsml_g2
from etl.transform.wire.ninjs import read_ninjs
from etl.transform.wire.nitf import read_nitf
from etl.transform.wire.sniff import sniff_format
from etl.transform.wire.transmission import read_anpa1312, read_iptc7901

__all__ = ["FORMATS", "NotAStoryError", "WireFormatError", "read_wire", "sniff_format"]

LOGGER = logging.getLogger(__name__)

# Largest wire file accepted, any format (XML has its own, equal bound in safe_xml).
MAX_WIRE_BYTES: Final = 20 * 1024 * 1024

Reader = Callable[[bytes], list[CleanStory]]

READERS: Final[dict[str, Reader]] = {
    "nitf": read_nitf,
    "newsml-g2": read_newsml_g2,
    "newsml-1.2": read_newsml_1,
    "ninjs": read_ninjs,
    "iptc7901": read_iptc7901,
    "anpa1312": read_anpa1312,
    "digitalwires": read_digitalwires,
}

# Every format name ``read_wire`` and ``newswire clean --format`` accept.
FORMATS: Final = (
    "nitf",
    "newsml-g2",
    "newsml-1.2",
    "iptc7901",
    "anpa1312",
    "ninjs",
    "digitalwires",
)


def read_wire(data: bytes, *, fmt: str = "auto", name: str | None = None) -> list[CleanStory]:
    """The text stories of one agency file, in file order.

    ``fmt`` is one of ``FORMATS`` or ``auto`` (sniffed from the bytes, ``name``
    breaking ties). Raises WireFormatError or NotAStoryError, nothing else.
    """
    if len(data) > MAX_WIRE_BYTES:
        raise WireFormatError(f"wire file larger than {MAX_WIRE_BYTES} bytes")
    chosen = sniff_format(data, name) if fmt == "auto" else fmt
    if chosen is None:
        raise WireFormatError(f"not a known wire format: {name or 'input'}")
    reader = READERS.get(chosen)
    if reader is None:
        raise WireFormatError(f"no reader for wire format {chosen!r}")
    try:
        stories = reader(data)
    except (WireFormatError, NotAStoryError):
        raise
    except Exception as exc:
        # Last line of defence: a reader bug quarantines one file, not the run.
        LOGGER.exception("unexpected failure reading %s as %s", name, chosen)
        raise WireFormatError(f"unexpected {type(exc).__name__} reading {chosen}: {exc}") from exc
    if not stories:
        raise NotAStoryError(f"{chosen} file holds no text story", kinds=("empty",))
    return stories
