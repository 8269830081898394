"""The sample wire's drop-folder deliveries: bundled agency files copied in as an FTP upload would.

``etl/samplewire/drop/<agency>/`` holds the files; each start of the sample
wire delivers them into a drop folder under the state directory (``var/``),
so ingesting them moves copies, never tracked files. Each file is written
under a ``.part`` name and renamed when complete, as FTP/SFTP clients do,
and stamped a second apart in name order: the order the agency sent them.
Delivering the same files again is harmless: the drop folder knows their
bytes and moves them aside unread.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Final

BUNDLED_DROPS: Final = Path(__file__).resolve().parent / "drop"


def deliver_sample_drops(target: Path, bundled: Path = BUNDLED_DROPS) -> Path:
    """Copy every bundled agency folder into ``target``; return ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for agency in sorted(p for p in bundled.iterdir() if p.is_dir()):
        folder = target / agency.name
        folder.mkdir(exist_ok=True)
        files = sorted(p for p in agency.iterdir() if p.is_file())
        first_second = int(time.time()) - len(files)
        for offset, source in enumerate(files):
            partial = folder / f"{source.name}.part"
            partial.write_bytes(source.read_bytes())
            stamp = (first_second + offset) * 1_000_000_000
            os.utime(partial, ns=(stamp, stamp))
            partial.replace(folder / source.name)
    return target
