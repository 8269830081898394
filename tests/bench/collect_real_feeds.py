"""Rebuild the held-out real feed collection from ``tests/bench/real_feeds.toml``.

Each file is taken at a pinned commit of a public repository that keeps it as
test data, and written OUTSIDE the repository (third-party text is never
committed): ``NEWSWIRE_REAL_FEEDS``, else ``/work/realdata/feeds``.

    python -m tests.bench.collect_real_feeds                 # from raw.githubusercontent.com
    python -m tests.bench.collect_real_feeds --mirrors DIR   # from local git mirrors,
                                                             # DIR/<owner>+<name>/repo
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path
from typing import Any

MANIFEST = Path(__file__).resolve().parent / "real_feeds.toml"
DEFAULT_DIR = Path("/work/realdata/feeds")


def collection_dir() -> Path:
    return Path(os.environ.get("NEWSWIRE_REAL_FEEDS", str(DEFAULT_DIR)))


def manifest() -> list[dict[str, Any]]:
    return list(tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["feed"])


def _fetch(entry: dict[str, Any], mirrors: Path | None) -> bytes:
    if mirrors is not None:
        git_dir = mirrors / entry["repo"].replace("/", "+") / "repo"
        return subprocess.run(
            ["git", "-C", str(git_dir), "show", f"{entry['commit']}:{entry['path']}"],
            check=True,
            capture_output=True,
        ).stdout
    url = f"https://raw.githubusercontent.com/{entry['repo']}/{entry['commit']}/{entry['path']}"
    with urllib.request.urlopen(url, timeout=30) as response:  # a fixed https URL
        return bytes(response.read())


def _extract(data: bytes, how: str | None) -> bytes:
    """The feed inside a JavaScript test module: its template literal, leading space off."""
    if how != "js-template":
        return data
    start, end = data.index(b"`") + 1, data.rindex(b"`")
    return data[start:end].lstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, help="read from local git mirrors instead")
    args = parser.parse_args(argv)
    target = collection_dir()
    target.mkdir(parents=True, exist_ok=True)
    for entry in manifest():
        data = _extract(_fetch(entry, args.mirrors), entry.get("extract"))
        (target / entry["file"]).write_bytes(data)
        print(f"{entry['file']:32} {len(data):8,} bytes  {entry['repo']}:{entry['path']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
