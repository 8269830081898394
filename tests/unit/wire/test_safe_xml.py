"""Hostile XML is refused, and nothing is fetched while reading an agency file.

The attacks are the classic ones (as in defusedxml's documentation): billion
laughs and quadratic blow-up (entity expansion), external entities reading a
local file or calling a URL (XXE), an external DTD, a parameter entity, and
nesting or size past the bounds. A local HTTP server records any request the
parser might make: there must be none.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from etl.errors import WireFormatError
from etl.transform.wire import read_wire
from etl.transform.wire.safe_xml import MAX_XML_BYTES, MAX_XML_DEPTH, parse_xml

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<nitf><body><body.head><hedline><hl1>&lol9;</hl1></hedline></body.head>
<body.content><p>&lol9;</p></body.content></body></nitf>
"""

QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]><nitf><body><body.content><p>'
    + b"&a;" * 5_000
    + b"</p></body.content></body></nitf>"
)


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY leak "LEAKED">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def recorder() -> Iterator[str]:
    """A local HTTP server that records every request; yields its base URL."""
    _Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_billion_laughs_is_refused_fast() -> None:
    with pytest.raises(WireFormatError, match="entities"):
        read_wire(BILLION_LAUGHS, fmt="nitf")


def test_quadratic_blowup_is_refused() -> None:
    with pytest.raises(WireFormatError, match="entities"):
        read_wire(QUADRATIC_BLOWUP, fmt="nitf")


def test_external_entity_to_a_local_file_is_refused(tmp_path: object) -> None:
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<nitf><body><body.head><hedline><hl1>x</hl1></hedline></body.head>
<body.content><p>&xxe;</p></body.content></body></nitf>"""
    with pytest.raises(WireFormatError, match="entities"):
        read_wire(xxe, fmt="nitf")


def test_external_entity_over_http_is_refused_and_never_fetched(recorder: str) -> None:
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "{recorder}/secret">]>
<nitf><body><body.head><hedline><hl1>x</hl1></hedline></body.head>
<body.content><p>&xxe;</p></body.content></body></nitf>""".encode()
    with pytest.raises(WireFormatError):
        read_wire(xxe, fmt="nitf")
    assert _Recorder.requests == []


def test_parameter_entity_and_external_dtd_are_never_fetched(recorder: str) -> None:
    parameter = f"""<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY % remote SYSTEM "{recorder}/evil.dtd"> %remote;]>
<nitf><body><body.head><hedline><hl1>Headline</hl1></hedline></body.head>
<body.content><p>&leak;</p></body.content></body></nitf>""".encode()
    with pytest.raises(WireFormatError):
        read_wire(parameter, fmt="nitf")
    external_dtd = f"""<?xml version="1.0"?>
<!DOCTYPE nitf SYSTEM "{recorder}/nitf-3-4.dtd">
<nitf><body><body.head><hedline><hl1>Headline</hl1></hedline></body.head>
<body.content><p>Text of the story.</p></body.content></body></nitf>""".encode()
    story = read_wire(external_dtd, fmt="nitf")[0]
    assert story.headline == "Headline"
    assert story.body == "Text of the story."
    assert _Recorder.requests == []


def test_deep_nesting_is_refused() -> None:
    for depth in (MAX_XML_DEPTH + 5, 10_000):
        deep = b"<nitf>" + b"<block>" * depth + b"</block>" * depth + b"</nitf>"
        with pytest.raises(WireFormatError):
            parse_xml(deep)


def test_oversized_file_is_refused_before_parsing() -> None:
    huge = (
        b"<nitf><body><body.content><p>"
        + b"a" * MAX_XML_BYTES
        + b"</p></body.content></body></nitf>"
    )
    with pytest.raises(WireFormatError, match="larger than"):
        read_wire(huge, fmt="nitf")


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"<nitf>", b"not xml at all", b"\xff\xfe\x00<", b"<a><b></a>"]
)
def test_garbage_gives_a_wire_format_error(data: bytes) -> None:
    with pytest.raises(WireFormatError):
        read_wire(data, fmt="nitf")


@pytest.mark.parametrize("doctype", [b"", b'<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">'])
def test_html_named_references_read_as_their_characters(doctype: bytes) -> None:
    """NITF copy uses the entities its (never loaded) DTD defines: &nbsp; &eacute; &mdash;."""
    nitf = doctype + (
        b"<nitf><body><body.head><hedline><hl1>Caf&eacute; owners&nbsp;protest</hl1>"
        b"</hedline></body.head><body.content><p>PARIS (AP) &mdash; Caf&eacute; owners "
        b"marched on Monday &amp; Tuesday.</p></body.content></body></nitf>"
    )
    story = read_wire(nitf, fmt="nitf")[0]
    assert story.headline == "Café owners protest"
    assert story.body == "Café owners marched on Monday & Tuesday."
    assert story.dateline is not None and story.dateline.place == "Paris"


def test_an_unknown_named_reference_is_still_malformed() -> None:
    with pytest.raises(WireFormatError, match="not defined"):
        read_wire(b"<nitf><body><body.content><p>a &bogus; b</p></body.content></body></nitf>")
