"""Rebuild the collection of real agency-site pages (kept outside the repository).

The pages are real saved article pages of the agencies' own sites, taken from
public test corpora of news extractors and date finders at pinned commits
(``agency_pages.tsv`` beside this script: repository, commit, path, file name,
agency, the page's URL). Third-party text is not committed here; this recipe
takes it again from git mirrors of those repositories:

    python scripts/agency_pages.py [TARGET]      # default /work/realdata/agency-pages

Each repository is read from ``$NEWSWIRE_MIRRORS/<owner>+<name>/repo``
(default ``/work/.mirror``, where this workplace's ``fetch`` puts them; a
plain ``git clone`` there works as well). A repository with no mirror is read
from raw.githubusercontent.com at the same commit when the network allows.
``.gz`` files (fundus stores its pages gzipped) are unpacked.

It writes each page and an ``index.tsv`` (file, agency, url) that
``tests/unit/test_agency_real_pages.py`` and ``make bench``
(``tests/bench/bench_devset.py``) read; both skip, saying so, when it is absent.
Not used: the Article Extraction Benchmark, the pages the dev set holds out
(fundus' APNews_2023_04_28, APNews_2024_09_03, Reuters_2023_05_16 and its
earlier copy ``Reuters.html.gz``, Reuters_2024_03_07, AnadoluAjansi_2025_04_05,
AnadoluAjansi_2026_04_20, AFPFaktencheck_2026_05_24), nor pages of
repositories kept by the makers of that benchmark (a Zyte engineer's news
spider, kujtimZyte/booksbot_v2, holds AP and Reuters pages: left out, as they
may come from it).
"""

from __future__ import annotations

import csv
import gzip
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

MANIFEST = Path(__file__).resolve().with_name("agency_pages.tsv")
DEFAULT_TARGET = Path("/work/realdata/agency-pages")
MIRRORS = Path(os.environ.get("NEWSWIRE_MIRRORS", "/work/.mirror"))
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
TIMEOUT_SECONDS = 30


def _git_dir(repo: str) -> Path | None:
    """The mirror's git directory (bare, or a clone's ``.git``), if there is one."""
    base = MIRRORS / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


def _read(row: dict[str, str]) -> bytes:
    """The file's bytes at the pinned commit: from the mirror, else from GitHub."""
    git_dir = _git_dir(row["repo"])
    if git_dir is not None:
        spec = f"{row['commit']}:{row['path']}"
        done = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", spec],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"{row['repo']} {spec}: {done.stderr.decode(errors='replace')}")
        return done.stdout
    url = RAW_URL.format(**row)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return bytes(response.read())
    except OSError as exc:
        raise SystemExit(
            f"no mirror of {row['repo']} under {MIRRORS} and {url} unreachable ({exc});"
            f" mirror it first (git clone https://github.com/{row['repo']}"
            f" {MIRRORS / row['repo'].replace('/', '+') / 'repo'})"
        ) from exc


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else DEFAULT_TARGET
    target.mkdir(parents=True, exist_ok=True)
    with MANIFEST.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        data = _read(row)
        if row["path"].endswith(".gz"):
            data = gzip.decompress(data)
        (target / row["file"]).write_bytes(data)
        print(f"{row['agency']:8} {row['file']}")
    lines = ["file\tagency\turl"] + [f"{r['file']}\t{r['agency']}\t{r['url']}" for r in rows]
    (target / "index.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} pages in {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
