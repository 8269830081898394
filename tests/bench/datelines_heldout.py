"""Recipe: a held-out collection of real wire ledes, labelled by rule, outside the repo.

Run ``python -m tests.bench.datelines_heldout [--ag-news CSV] [--out DIR]``.  It
writes ``heldout.jsonl`` to ``/work/realdata/datelines_heldout/``: one lede per
line, ``{"kind", "agency", "text", "source"}``.

Where the ledes come from (third-party text: never committed here): the test
split of the AG News corpus (7,600 news items of 2004 from more than 2,000
sources: Reuters, AP, AFP, Canadian Press, Xinhua, dpa, sports and market
wires, newspapers, blogs), the copy pinned in ``AG_NEWS``.  Bring it with the
search tool's ``fetch`` of that repository (a mirror under ``/work/.mirror``);
the recipe reads the file at the pinned commit from the mirror, or the CSV
given with ``--ag-news``, and checks its SHA-256.  This collection was not used
to tune the parser before it was measured (see the README for before/after).

Labels come from the rules below, written for this recipe and independent of
``etl.transform.dateline`` (no parser code is used), so the benchmark measures
the parser against them:

* ``agency``: a known agency's marker (``(Reuters) -``, ``(AP) --``, ``(CP) -``)
  within the first 150 characters, with only a dateline's shape before it
  (a place, a region, a date; a ``By NAME`` byline or a ``Canadian Press -``
  label first allowed), or the agency bare at the start (``AP - ``,
  ``Reuters - ``).  The expected agency is ``MARKERS``'s.
* ``source``: a dateline's shape, then a bracketed source that is no agency
  (``(Sports Network) -``, ``(CBS.MW) --``): a dateline without an agency.
* ``unsigned``: a dateline's shape with a date or an upper-case place, then a
  spaced dash (``NEW DELHI, Aug. 25. -``, ``WASHINGTON -``): a dateline whose
  agency the feed cut off.
* ``none``: every other lede; the text opens with no dateline (a sentence, a
  headline, a source label such as ``NewsFactor -`` or ``USATODAY.com -``, a
  summary before a dateline).  The parser must give nothing.
* ``unsure``: Title-case words and a spaced dash with no date (``Berlin -``,
  ``Caracas, Venezuela -``, ``PC World -``): a place or a source label, not
  told apart by rule; counted, not scored.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final

DEFAULT_OUT: Final = Path("/work/realdata/datelines_heldout")

AG_NEWS: Final = {
    "repo": "madhubandru/Text-Classification-on-News-Articles-using-BERT-Framework",
    "commit": "082f2db7c08a8fa3e19c46df0b4b5b0a5f81d1cd",
    "path": "ag_news_csv/test.csv",
    "sha256": "72b844642f92fb74fe397f0d1dd8a46d4cfd6fff60bc5c1a214fe40c44708fd7",
}
"""The pinned copy of AG News' test split (a header line, then label,title,description)."""

MIRRORS: Final = Path("/work/.mirror")

MARKERS: Final[dict[str, str]] = {
    "Reuters": "Reuters", "AP": "AP", "AFP": "AFP", "CP": "CP", "dpa": "dpa",
    "Xinhua": "Xinhua", "Xinhuanet": "Xinhua", "PTI": "PTI", "IANS": "IANS",
    "UPI": "UPI", "Kyodo": "Kyodo", "Yonhap": "Yonhap", "AAP": "AAP", "ANSA": "ANSA",
    "EFE": "EFE", "Bernama": "Bernama", "TASS": "TASS", "ITAR-TASS": "TASS",
    "Interfax": "Interfax", "ANI": "ANI", "Antara": "Antara", "Anadolu": "Anadolu",
}  # fmt: skip
"""Bracketed names that are agencies, and the code expected for each (any case)."""

_MARKER_CODES: Final = {name.casefold(): code for name, code in MARKERS.items()}

# --- the labelling rules (independent of the parser) ----------------------------

_WORD = r"[A-Z][A-Za-z.'’&/-]*"
_PLACE = _WORD + r"(?: (?:" + _WORD + r"|of|de|del|la|el|upon)){0,5}"
_REGION = r", " + _WORD + r"(?: " + _WORD + r"){0,2}"
_DATE = (
    r",?\s\(?(?:[A-Z][A-Za-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?)\)?\.?"
)
# A dateline's shape: place, optional region, optional date.  Sample: "KIRKUK, Iraq, Nov 2"
_SHAPE: Final = re.compile(
    r"\s*(?:(?P<place>" + _PLACE + r")(?P<region>" + _REGION + r")?(?P<date>" + _DATE + r")?"
    r"|(?P<alone>[A-Z][A-Za-z]{2,8}\.? \d{1,2}(?:, \d{4})?)),?\s*"
)
# A dateline's shape, then a spaced dash.  Sample: "NEW DELHI, Aug. 25. - "
_SHAPE_DASH: Final = re.compile(
    _SHAPE.pattern + r"(?:(?<=\s)(?:-|--|—|_)|(?<=\d)-)(?:\s|(?=[A-Z]))"
)
# A name in brackets or slashes, then a dash.  Samples: "(Reuters) -", "(Zenit.org).-",
# "/PRNewswire-FirstCall/ --", "(Agencies):"
_MARK: Final = re.compile(
    r"(?:\((?P<name>[^()]{1,30})\)|/(?P<slashed>[A-Za-z][^/]{1,30})/)\s*\.?(?:-|--|—|_|:)"
)
# A byline or a source label before the dateline.  Samples: "By JOHN DOE    ", "Canadian Press - "
_BEFORE: Final = re.compile(r"\s*(?:By [A-Za-z.' ,-]{3,60}?(?: {2,}|\n+)\s*|Canadian Press - )")
# The agency bare at the start.  Sample: "AP - "
_LEADING: Final = re.compile(r"\s*(?P<name>AP|AFP|Reuters) (?:-|--) ")
# HTML left in the feed's text.  Samples: "<p>", "</p>", "<br>"
_TAG: Final = re.compile(r"<[^>]{0,200}>")
_BREAK: Final = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)


def clean(description: str) -> str:
    """An AG News description as a lede: entities decoded, breaks kept, tags dropped.

    AG News writes line breaks as a backslash and some characters as ``#36;``.
    """
    text = description.replace("\\$", "$").replace("\\", "\n")
    text = re.sub(r" ?#(\d{2,4});", lambda m: chr(int(m.group(1))), text)
    text = html.unescape(html.unescape(text))
    text = _BREAK.sub("\n", text)
    return _TAG.sub("", text).strip()


HAND_LABELS: Final[dict[str, tuple[str, str | None]]] = {
    # Sports transaction lists: "BASEBALL Atlanta (NL): Recalled P ...".
    "ag_news_test:1409": ("none", None),
    "ag_news_test:2412": ("none", None),
    "ag_news_test:3338": ("none", None),
}
"""Ledes whose rule label was wrong, checked by hand: source -> (kind, agency)."""


def label(text: str) -> tuple[str, str | None]:
    """(kind, expected agency) of one lede, by the rules in the module docstring."""
    head = text[:150]
    lead = _LEADING.match(head)
    if lead is not None:
        return "agency", MARKERS[lead.group("name")]
    before = _BEFORE.match(head)
    offset = before.end() if before is not None else 0
    mark = _MARK.search(head, offset)
    if mark is not None:
        prefix = head[offset : mark.start()]
        shape = _SHAPE.fullmatch(prefix)
        name = (mark.group("name") or mark.group("slashed")).strip()
        if shape is not None or not prefix.strip():
            code = _MARKER_CODES.get(name.casefold())
            if code is not None:
                return "agency", code
            if shape is not None:
                return "source", None
    shape = _SHAPE_DASH.match(head)
    if shape is not None:
        place = shape.group("place") or ""
        if shape.group("date") or shape.group("alone") or (place.isupper() and len(place) >= 3):
            return "unsigned", None
        return "unsure", None
    return "none", None


# --- the source ------------------------------------------------------------------


def _ag_news_bytes(csv_path: Path | None) -> bytes:
    """The pinned AG News test split, from ``csv_path`` or the fetched mirror."""
    if csv_path is not None:
        return csv_path.read_bytes()
    mirror = MIRRORS / AG_NEWS["repo"].replace("/", "+") / "repo"
    return subprocess.run(
        ["git", "-C", str(mirror), "show", f"{AG_NEWS['commit']}:{AG_NEWS['path']}"],
        check=True,
        capture_output=True,
    ).stdout


def from_ag_news(data: bytes) -> Iterator[dict[str, str | None]]:
    """Every AG News test item as a labelled lede."""
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    for number, row in enumerate(reader):
        if len(row) != 3 or not row[0].isdigit():
            continue  # the header line of this copy
        text = clean(row[2])
        if not text:
            continue
        source = f"ag_news_test:{number}"
        kind, agency = HAND_LABELS.get(source) or label(text)
        yield {"kind": kind, "agency": agency, "text": text, "source": source}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ag-news", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        data = _ag_news_bytes(args.ag_news)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"no AG News copy ({exc}); fetch {AG_NEWS['repo']} first", file=sys.stderr)
        return 1
    digest = hashlib.sha256(data).hexdigest()
    if AG_NEWS["sha256"] and digest != AG_NEWS["sha256"]:
        print(f"AG News copy differs from the pinned one (sha256 {digest})", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    items = list(from_ag_news(data))
    with (args.out / "heldout.jsonl").open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    kinds = Counter(str(item["kind"]) for item in items)
    print(f"{len(items)} ledes -> {args.out / 'heldout.jsonl'}: {dict(sorted(kinds.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
