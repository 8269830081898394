"""Story identity: agency + the agency's own id, else its canonical URL.

The same story reached through a tracking link, an AMP page or with a
trailing slash must get the same identity, or it would be loaded twice.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived: utm_source=rss, fbclid=...
TRACKING_PARAMETER = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ocid|taid|cmpid|ref)$", re.I)
# AMP variants of an article URL: /amp/..., .../amp, ?amp=1, amp.example.com
AMP_PATH_SEGMENT = re.compile(r"(^|/)amp(/|$)")
AMP_QUERY_PARAMETER = re.compile(r"^(amp|outputType)$", re.I)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no tracking parameters, fragment, AMP marks or trailing slash."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "https").lower()
    if scheme == "http":
        scheme = "https"
    host = parts.netloc.lower()
    if host.startswith("amp."):
        host = host[4:]
    path = AMP_PATH_SEGMENT.sub(r"\1", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETER.match(key) and not AMP_QUERY_PARAMETER.match(key)
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def identity_key(guid: str | None, url: str | None) -> str:
    """The agency's id when the feed gives one, else the canonical URL."""
    if guid and guid.strip():
        guid = guid.strip()
        # RSS permalink guids are URLs: normalise them like any URL.
        return canonical_url(guid) if guid.lower().startswith(("http://", "https://")) else guid
    if url and url.strip():
        return canonical_url(url)
    raise ValueError("a story needs a guid or a URL to be identified")
