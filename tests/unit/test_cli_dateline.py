"""`newswire dateline`: JSON lines in, one parse per line out, the keys of `clean`'s dateline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NEWSWIRE = Path(sys.executable).parent / "newswire"
KEYS = {"raw", "place", "region", "month", "day", "year", "agency", "body_offset"}


def _run(lines: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSWIRE), "dateline"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_each_line_gets_its_parse_and_bad_lines_are_reported_not_fatal() -> None:
    text = "CHATHAM, Mass. (AP) _ The ferry ran late."
    done = _run(
        [
            json.dumps({"text": text, "reference_date": "2026-11-19"}),
            json.dumps({"text": "Dec 31 story", "reference_date": "2027-01-02"}),
            "not json",
            json.dumps(
                {"text": "MOSCOW, December 31. /TASS/. Fireworks.", "reference_date": "2027-01-02"}
            ),
        ]
    )
    assert done.returncode == 0
    parsed = [json.loads(line) for line in done.stdout.splitlines()]
    assert [set(p) for p in parsed] == [KEYS, KEYS, KEYS]
    chatham, nothing, moscow = parsed
    assert (chatham["place"], chatham["region"], chatham["agency"]) == ("Chatham", "Mass.", "AP")
    assert text[chatham["body_offset"] :] == "The ferry ran late."
    assert nothing == dict.fromkeys(KEYS)
    assert (moscow["month"], moscow["day"], moscow["year"]) == (12, 31, 2026)
    assert '"line": 3' in done.stderr
