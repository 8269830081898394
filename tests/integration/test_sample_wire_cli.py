"""``newswire sample-wire --drop-dir``: the sample wire for a scheduler, drop folder included."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from etl.samplewire.drops import BUNDLED_DROPS

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_sample_wire_command_delivers_the_drop_folder_files_then_serves(
    tmp_path: Path,
) -> None:
    port = _free_port()
    drop = tmp_path / "drop"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "etl.cli",
            "sample-wire",
            "--port",
            str(port),
            "--drop-dir",
            str(drop),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        first, second = server.stdout.readline(), server.stdout.readline()
        assert f"drop-folder files delivered to {drop}" in first, first + second
        assert f"at http://127.0.0.1:{port}" in second, second
        bundled = sorted(p.name for p in (BUNDLED_DROPS / "dpa").iterdir())
        assert sorted(p.name for p in (drop / "dpa").iterdir()) == bundled
        url = f"http://127.0.0.1:{port}/ap/world-news.atom"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
