"""Recipe: gather real wire datelines into ``/work/realdata/datelines/`` (outside the repo).

Run ``python -m tests.bench.datelines_corpus [--devset ../shared/devset] [--out DIR]``.
It writes ``datelines.jsonl``: one real dateline per line, as
``{"agency": code, "kind": "element"|"opening", "text": ..., "source": ...}``.

Where the datelines come from (third-party text: never committed here):

* ``devset/formats`` (NewsML-G2, NewsML 1.2, NITF, ninjs, IPTC 7901): every
  ``dateline`` / ``DateLine`` element (kind ``element``, parsed as a dateline
  given alone) and every paragraph or wire line that opens with its agency's
  marker within its first 120 characters (kind ``opening``).
* ``public_openings.tsv`` in the output folder: openings of real agency copy
  found in public repositories with the code search's exact-string look-up
  (``find_string``, one look-up per agency marker such as ``(Yonhap) --`` or
  ``/TASS/.``), one line per opening: ``agency<TAB>file id<TAB>text``.  The
  file ids let ``read_file`` bring each file back; the look-ups used are the
  ``PUBLIC_LOOKUPS`` below.  Openings from test code that invents its story
  (``Sample story A``) were left out by hand.

The selection is the agency's marker near the start of a paragraph, a test
independent of ``etl.transform.dateline``, so the benchmark measures the
parser on what real copy holds, not on what it already accepts.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

DEFAULT_DEVSET: Final = Path(__file__).resolve().parents[2] / ".." / "shared" / "devset"
DEFAULT_OUT: Final = Path("/work/realdata/datelines")

PUBLIC_LOOKUPS: Final = (
    "(Xinhua) --", "(Yonhap) --", "(Bernama) --", "/TASS/.", "(Kyodo) --",
    "(ANSA) -", "(ANTARA) -", "(PTI) -", "(IANS) -",
)  # fmt: skip
"""The exact strings looked up in public code to find real agency openings."""

# index.tsv agency column -> the code the parser should return (None: not a wire agency).
AGENCY_OF_SOURCE: Final[dict[str, str]] = {
    "dpa": "dpa",
    "AAP": "AAP",
    "AP": "AP",
    "AP (APTN)": "AP",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "EFE": "EFE",
    "TT": "TT",
    "STT": "STT",
    "NTB": "NTB",
    "NTB/TT": "NTB",
    "Ritzau": "Ritzau",
    "PA Media": "PA",
}

# The markers an agency signs its datelines with, loosely: its name in brackets or
# slashes, or bare before a dash ("MELBOURNE, March 3 AAP -").  Sample: "(dpa)", "/TASS/"
_MARKERS: Final[dict[str, str]] = {
    "dpa": r"\(dpa(?:-AFX)?\)",
    "AAP": r"\(AAP\)|\bAAP\s+[-–—]\s",
    "AP": r"\(AP\)|\bAP\s+[-–—]\s",
    "Reuters": r"\(Reuters\)",
    "AFP": r"\(AFP\)",
    "EFE": r"\(EFE\)",
    "TT": r"\(TT\)|\bTT\s*[-–—]",
    "STT": r"\(STT(?:-Lehtikuva)?\)|\bSTT\s*[-–—]",
    "NTB": r"\(NTB\)|\bNTB\s*[-–—]",
    "Ritzau": r"\(Ritzau\)|\bRitzau\s*[-–—]",
    "PA": r"\(PA\)|\bPA\s*[-–—]",
}

# Tags stripped from XML and HTML to leave paragraph text.  Sample: "<p class='x'>"
_TAG_RE: Final = re.compile(r"<[^>]{0,400}>")
# A dateline element of NewsML-G2 / NITF / NewsML 1.2.  Sample: "<dateline>Rom (dpa) - <"
_DATELINE_ELEMENT_RE: Final = re.compile(
    r"<(?:\w+:)?dateline\b[^>]*>(?P<text>[^<]{1,200})<", re.IGNORECASE
)
# A paragraph of XML or HTML.  Sample: "<p>Berlin (dpa) - Die ...</p>"
_PARAGRAPH_RE: Final = re.compile(r"<p\b[^>]*>(?P<text>.*?)</p>", re.IGNORECASE | re.DOTALL)
# A timestamp some feeds put in their DateLine (not a dateline).  Sample: "2.4.2019 16:02:09 CEST"
_TIMESTAMP_RE: Final = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _plain(fragment: str) -> str:
    """Paragraph markup to text: tags dropped, entities decoded, spaces kept."""
    return html.unescape(_TAG_RE.sub("", fragment)).strip()


def _paragraphs(raw: str, path: Path) -> Iterator[str]:
    """The paragraphs of one format file: <p> elements, ninjs bodies or wire lines."""
    if path.suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            return
        stack: list[object] = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "body_html" and isinstance(value, str):
                        yield from _paragraphs(value, Path("body.html"))
                    elif key in ("body_text", "bodytext", "text") and isinstance(value, str):
                        yield from (line.strip() for line in value.splitlines())
                    else:
                        stack.append(value)
            elif isinstance(node, list):
                stack.extend(node)
        return
    found = False
    for match in _PARAGRAPH_RE.finditer(raw):
        found = True
        yield _plain(match.group("text"))
    if not found:
        for line in raw.splitlines():
            yield line.strip()


def _opening_of(paragraph: str, marker: re.Pattern[str]) -> str | None:
    """The paragraph's first 200 characters when its agency marker is near the start."""
    head = paragraph[:120]
    m = marker.search(head)
    if m is None:
        return None
    start = head.find("ZCZC")
    if start >= 0:  # AAP's one-line ZCZC header: the dateline follows the last field.
        return None
    return paragraph[:200]


def from_devset(devset: Path) -> Iterator[dict[str, str]]:
    """Dateline elements and agency-marked openings of the dev set's wire formats."""
    formats = devset / "formats"
    with (formats / "index.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        agency = AGENCY_OF_SOURCE.get(row["agency"])
        if agency is None:
            continue
        path = formats / row["file"]
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        raw = data.decode("utf-8", errors="replace")
        seen: set[str] = set()
        for m in _DATELINE_ELEMENT_RE.finditer(raw):
            text = html.unescape(m.group("text")).strip()
            if text and not _TIMESTAMP_RE.match(text) and text not in seen:
                seen.add(text)
                yield {"agency": agency, "kind": "element", "text": text, "source": row["file"]}
        marker = re.compile(_MARKERS[agency])
        for paragraph in _paragraphs(raw, path):
            opening = _opening_of(paragraph, marker)
            if opening is not None and opening not in seen:
                seen.add(opening)
                yield {"agency": agency, "kind": "opening", "text": opening, "source": row["file"]}


def from_public(out: Path) -> Iterator[dict[str, str]]:
    """Openings saved from public repositories (``public_openings.tsv``), if present."""
    path = out / "public_openings.tsv"
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        agency, file_id, text = line.split("\t", 2)
        yield {"agency": agency, "kind": "opening", "text": text, "source": f"public:{file_id}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.devset / "formats").is_dir():
        print(f"no dev set at {args.devset}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    items = [*from_devset(args.devset), *from_public(args.out)]
    with (args.out / "datelines.jsonl").open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(items)} datelines -> {args.out / 'datelines.jsonl'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
