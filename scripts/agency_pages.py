"""Rebuild the collection of real agency-site pages (kept outside the repository).

The pages are real saved article pages of the agencies' own sites, taken from
public test corpora of news extractors at pinned commits (``agency_pages.tsv``
beside this script: repository, commit, path, file name, agency, the page's
URL). Third-party text is not committed here; this recipe fetches it again:

    python scripts/agency_pages.py [TARGET]      # default /work/realdata/agency-pages

It writes each page and an ``index.tsv`` (file, agency, url) that
``tests/unit/test_agency_real_pages.py`` and ``make bench``
(``tests/bench/bench_devset.py``) read; both skip, saying so, when it is absent.
Not used: the Article Extraction Benchmark and the pages the dev set holds out.
"""

from __future__ import annotations

import csv
import sys
import urllib.request
from pathlib import Path

MANIFEST = Path(__file__).resolve().with_name("agency_pages.tsv")
DEFAULT_TARGET = Path("/work/realdata/agency-pages")
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
TIMEOUT_SECONDS = 30


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else DEFAULT_TARGET
    target.mkdir(parents=True, exist_ok=True)
    with MANIFEST.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        url = RAW_URL.format(**row)
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            (target / row["file"]).write_bytes(response.read())
        print(f"{row['agency']:8} {row['file']}")
    lines = ["file\tagency\turl"] + [f"{r['file']}\t{r['agency']}\t{r['url']}" for r in rows]
    (target / "index.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} pages in {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
