"""Text the warehouse can store: NUL removed (and counted), lone surrogates replaced.

PostgreSQL's ``text`` cannot hold U+0000 and ``jsonb`` refuses ``\\u0000``:
one ``&#0;`` in a feed item used to fail the whole feed. A lone UTF-16
surrogate (``&#xD800;`` decoded by a lenient parser) cannot be encoded as
UTF-8 at all. Everything that enters the warehouse as text passes here; the
count of removed NULs is kept on the run (``ingest_run.nul_removed``).
"""

from __future__ import annotations

import json
import re
from typing import Any

NUL = "\x00"
# A surrogate code point on its own, e.g. "\ud800" from "&#xD800;".
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable_text(value: str) -> tuple[str, int]:
    """``value`` without NUL (and with U+FFFD for lone surrogates); how many NULs went."""
    removed = value.count(NUL)
    if removed:
        value = value.replace(NUL, "")
    if LONE_SURROGATE.search(value):
        value = LONE_SURROGATE.sub(REPLACEMENT, value)
    return value, removed


def storable(value: Any) -> tuple[Any, int]:
    """The same structure (str, list, tuple, dict keys and values) made storable."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, list | tuple):
        cleaned = [storable(item) for item in value]
        items = [item for item, _ in cleaned]
        return (items if isinstance(value, list) else tuple(items)), sum(n for _, n in cleaned)
    if isinstance(value, dict):
        total = 0
        out: dict[Any, Any] = {}
        for key, item in value.items():
            clean_key, n_key = storable(key)
            clean_item, n_item = storable(item)
            out[clean_key] = clean_item
            total += n_key + n_item
        return out, total
    return value, 0


def storable_json(value: Any) -> tuple[str, int]:
    """JSON text for a ``jsonb`` column, NULs removed first (jsonb refuses ``\\u0000``)."""
    cleaned, removed = storable(value)
    return json.dumps(cleaned), removed
