"""``newswire clean --format``: wire files sniffed or named, one JSON line per story.

A user points the command at a mix of files: agency files are read by their
format, pages and text dumps are cleaned as before, a file that holds no
story says so on stderr and the others still come out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NITF = FIXTURES / "wire" / "nitf" / "ap_style_versioned.xml"
PAGE = FIXTURES / "pages" / "tass_un_humanitarian.html"
DUMP = FIXTURES / "text" / "tass_un_humanitarian.txt"


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_auto_reads_wire_files_and_cleans_pages_as_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["clean", str(NITF), str(PAGE), str(DUMP)]) == 0
    out = _lines(capsys.readouterr().out)
    assert [o["text_source"] for o in out] == ["wire", "page", "page"]
    assert out[0]["headline"] == "Council approves repairs to century-old harbor bridge"
    assert out[0]["wire"]["format"] == "nitf"  # type: ignore[index]
    assert out[1]["agency"] == out[2]["agency"] == "TASS"


def test_a_named_format_is_used_and_a_wrong_one_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["clean", "--format", "nitf", str(NITF)]) == 0
    assert _lines(capsys.readouterr().out)[0]["agency"] == "AP"
    assert main(["clean", "--format", "nitf", str(DUMP)]) == 1
    captured = capsys.readouterr()
    error = _lines(captured.err)[0]
    assert error["stage"] == "parse_wire"
    assert error["path"] == str(DUMP)
    assert captured.out == ""


def test_a_file_without_a_story_is_said_on_stderr_and_the_rest_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"<nitf><head><docdata/></head><body><body.content/></body></nitf>")
    assert main(["clean", str(empty), str(NITF)]) == 0
    captured = capsys.readouterr()
    assert _lines(captured.err) == [
        {
            "path": str(empty),
            "skipped": "not_a_story",
            "reason": "nitf item has no body text",
            "kinds": ["empty"],
        }
    ]
    assert len(_lines(captured.out)) == 1


def test_html_and_text_force_the_page_cleaners(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--format", "text", str(DUMP)]) == 0
    assert _lines(capsys.readouterr().out)[0]["text_source"] == "page"
