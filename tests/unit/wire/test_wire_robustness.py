"""Whatever bytes arrive, a reader gives stories or a QuarantineError, never a crash.

Agency files come cut off mid-transfer, with flipped bytes, or in the wrong
format. Every fixture is truncated at random points and corrupted at random
bytes (hypothesis), then read both with its own format named and sniffed:
the only way out is a list of stories or a ``QuarantineError`` with a stage
that the reader raised itself (not ``read_wire``'s last-resort wrapper of bugs).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import QuarantineError
from etl.transform.wire import FORMATS, read_wire

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "wire"
INPUTS = sorted(p for p in FIXTURES.glob("*/*") if not p.name.endswith(".expected.json"))
STAGES = {"parse_wire", "not_a_story"}


def _read_safely(data: bytes, fmt: str) -> None:
    try:
        stories = read_wire(data, fmt=fmt)
    except QuarantineError as error:
        assert error.stage in STAGES
        # The last-resort wrapper in read_wire catches reader bugs; none may reach it.
        assert not str(error).startswith("unexpected"), str(error)
        return
    assert stories
    for story in stories:
        assert story.headline
        assert story.text_source in {"wire", "feed_summary"}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.integers(0, 10**6), max_size=4),
)
def test_damaged_fixtures_never_crash(path: Path, cut: float, flips: list[int]) -> None:
    data = bytearray(path.read_bytes())
    for position in flips:
        if data:
            data[position % len(data)] ^= 0x5A
    damaged = bytes(data[: int(len(data) * cut)] if cut < 1.0 else data)
    _read_safely(damaged, "auto")
    _read_safely(damaged, path.parent.name)


@given(data=st.binary(max_size=2000), fmt=st.sampled_from(("auto", *FORMATS)))
@settings(max_examples=200, deadline=None)
def test_random_bytes_never_crash(data: bytes, fmt: str) -> None:
    _read_safely(data, fmt)


# Two closing lines in a row, or a closing line after the AP end line: the
# text reader once popped only the first and then looped for ever on the
# second, stopping the whole source. Read in a child process with a bound.
CLOSING_CHILD = """
import sys
from etl.transform.wire import read_wire
stories = read_wire(sys.stdin.buffer.read(), fmt="anpa1312")
print(stories[0].signoff)
print(" | ".join(block.text for block in stories[0].blocks))
"""
CLOSING_LINES = {
    "AP end line, then a closing line": (
        b"AP-NY-11-19-99 1654EST\r\n\tAP\r\n",
        "AP-NY-11-19-99 1654EST",
    ),
    "two closing lines": (b"\tAP\r\n\tAPTN\r\n", "APTN"),
}


@pytest.mark.parametrize("name", sorted(CLOSING_LINES))
def test_closing_lines_end_the_story_in_bounded_time(name: str) -> None:
    tail, signoff = CLOSING_LINES[name]
    data = (
        b"\x16\x16\x01a0377 u f BC-Markets-Close 1st Take 11-19 0250\r\n\x02\x13"
        b"Stocks end higher<\r\n\tNEW YORK (AP) _ Stocks closed higher on Thursday.\r\n"
        b"\tThe index rose.\r\n" + tail + b"\x03\x04"
    )
    result = subprocess.run(
        [sys.executable, "-c", CLOSING_CHILD],
        input=data,
        capture_output=True,
        timeout=20,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    lines = result.stdout.decode().splitlines()
    assert lines[0] == signoff
    assert lines[1] == "Stocks closed higher on Thursday. | The index rose."
