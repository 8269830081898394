"""How the wire readers do on the real files of ``../shared/devset/formats``.

For each file of ``formats/index.tsv``: sniff and read it, then count per
format how many *text items* gave a headline and a body, and how many the
right agency. A text item is a row whose ``kind`` says text (a news message of
text counts; racing results, pictures, events, fragments and the spec
examples that carry metadata only or a placeholder body do not). The right
agency is checked where the index names a real agency (not "IPTC example",
"unknown", or a newspaper). Used by the gate test and ``make bench``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import QuarantineError
from etl.transform.wire import read_wire

DEVSET = Path(__file__).resolve().parents[2] / ".." / "shared" / "devset" / "formats"
# Index agencies with no wire agency to check against.
NO_AGENCY_MARKS = ("IPTC", "unknown", "newspaper")


@dataclass
class FormatScore:
    """Counts for one format folder."""

    files: int = 0
    text_items: int = 0
    headline_and_body: int = 0
    agency_checked: int = 0
    right_agency: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0


def is_text_item(kind: str) -> bool:
    """Whether an index row is a text story (see the module doc)."""
    kind = kind.lower()
    return kind.startswith(("text", "news message")) and not any(
        mark in kind for mark in ("metadata only", "placeholder", "no body")
    )


def agency_matches(found: str | None, expected: str) -> bool:
    """The index's agency (``AP (APTN)``, ``NTB/TT``) names the agency found."""
    if not found:
        return False
    words = expected.replace("(", " ").replace(")", " ").replace("/", " ").lower()
    return found.lower() in words.split() or found.lower() in expected.lower()


def measure(devset: Path = DEVSET) -> dict[str, FormatScore]:
    """Per-format scores over the whole index."""
    scores: dict[str, FormatScore] = defaultdict(FormatScore)
    with (devset / "index.tsv").open(encoding="utf-8") as index:
        for row in csv.DictReader(index, delimiter="\t"):
            score = scores[row["format"]]
            score.files += 1
            if not is_text_item(row["kind"]):
                continue
            score.text_items += 1
            path = devset / row["file"]
            try:
                stories = read_wire(path.read_bytes(), name=path.name)
            except QuarantineError as exc:
                score.misses.append(f"{row['file']}: {exc.stage}: {str(exc)[:100]}")
                continue
            if all(story.headline and story.body for story in stories):
                score.headline_and_body += 1
            else:
                score.misses.append(f"{row['file']}: no headline or body")
            if not any(mark in row["agency"] for mark in NO_AGENCY_MARKS):
                score.agency_checked += 1
                if agency_matches(stories[0].agency, row["agency"]):
                    score.right_agency += 1
                else:
                    score.misses.append(f"{row['file']}: agency {stories[0].agency!r}")
    return dict(scores)


def format_table(scores: dict[str, FormatScore]) -> str:
    """One line per format: text items, share with headline+body, share with the right agency."""
    lines = [f"{'format':<12} {'files':>5} {'text':>5} {'head+body':>10} {'agency':>10}"]
    for name in sorted(scores):
        s = scores[name]
        lines.append(
            f"{name:<12} {s.files:>5} {s.text_items:>5} "
            f"{s.share(s.headline_and_body, s.text_items):>10.0%} "
            f"{s.share(s.right_agency, s.agency_checked):>6.0%} "
            f"({s.right_agency}/{s.agency_checked})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    results = measure()
    print(format_table(results))
    for fmt, score in sorted(results.items()):
        for miss in score.misses:
            print(f"  {fmt}: {miss}")
