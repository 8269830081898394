"""IPTC 7901 and ANPA 1312 transmissions (the wire's serial-line formats) -> stories.

Both frame one message with control characters (IPTC 7901 and ANPA 1312
specifications):

    [SYN SYN] SOH  header line(s)  STX  text  ETX  [trailer: DDHHMM Mon YY]  EOT

* IPTC 7901 header: source and message number, priority digit, category,
  word count, optional info (``bdt0534 3 vm 144  dpa 2777``), then a keyword
  (slug) line (``Vorschau/Tagesvorschau/dpa/Wissen/``).
* ANPA 1312 header: service level and message number, selector, priority
  letter (f flash, b bulletin, u urgent, r regular, d deferred), category
  letter, then the slug line (``BC-Summit-Talks,0534``) with version words
  (``1st Ld-Writethru``, take numbers ``2nd Take``, ``1st Add``).
* In the text, ANPA format codes survive in 7901 copy too: ``^`` opens a
  headline or byline line and ``<`` or ``=`` closes it (``^By ANNA PETROVA=``);
  an indented line starts a paragraph; AP separates the dateline with ``_``.
* Telex framing (``ZCZC`` ... ``NNNN``) carries the header as marked lines;
  AAP's markers are named data in ``ZCZC_MARKERS``.

Bytes are decoded by the project's text hygiene (declared or detected legacy
charsets, mojibake repair); control characters other than line breaks go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from etl.errors import WireFormatError
from etl.model import CleanStory, Subject
from etl.transform.text_hygiene import decode_payload
from etl.transform.wire.story import WireDraft, clean_text, finish

SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"
# Control characters dropped from every part (line feed and tab kept).
CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# IPTC 7901 message header. Sample: "bdt0534 3 vm 144  dpa 2777", "v2557 4 txx 613 1tvks".
IPTC_HEADER_RE: Final = re.compile(
    r"^(?P<source>[A-Za-z]{1,4})(?P<number>\d{2,6})\s+(?P<priority>\d)\s+"
    r"(?P<category>[A-Za-z]{1,3})\s+(?P<words>\d{1,5})\b\s*(?P<rest>.*)$"
)
# ANPA 1312 message header. Sample: "a0376 r a BC-Budget-Deficit 1stLd-Writethru 12-21 0712".
ANPA_HEADER_RE: Final = re.compile(
    r"^(?P<level>[a-z])(?P<number>\d{3,5})\s+(?P<priority>[fbudrws])\s+(?P<category>[a-z])\b\s*"
    r"(?P<rest>.*)$"
)
# ANPA priority letters -> IPTC urgency (1 flash .. 8).
ANPA_PRIORITY: Final[dict[str, int]] = {"f": 1, "b": 2, "u": 3, "r": 5, "s": 6, "d": 7, "w": 8}
# A slug word in a header. Sample: "BC-Summit-Talks", "AP-APTN-1330:BosniaMineR".
SLUG_RE: Final = re.compile(r"\b(?:BC|[A-Z]{2,5})-[\w-]+(?::[\w-]+)?")
# The month-day of an ANPA header. Sample: "11-19" in "BC-Harbor-Bridge 2ndLd-Writethru 11-19 0412".
HEADER_DATE_RE: Final = re.compile(r"\b(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
# A lead / write-through number: "1st Ld", "2ndLd-Writethru" -> the version after it.
LEAD_RE: Final = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s*Ld\b", re.IGNORECASE)
# Take and add numbers of a story sent in parts. Sample: "2nd Take", "Take 3", "1st Add".
TAKE_RE: Final = re.compile(
    r"\b(?:(\d+)(?:st|nd|rd|th)\s*(Take|Add)|(Take|Add)\s*(\d+))\b", re.IGNORECASE
)
# The trailer's time: day, hour, minute, month, year, zone.
# Sample: "051330 Sep 14", "211205 dec 26GMT".
TRAILER_TIME_RE: Final = re.compile(
    r"\b(\d{2})(\d{2})(\d{2})\s*([A-Za-z]{3})\s*(\d{2})\s*(GMT|UTC|Z)?", re.IGNORECASE
)
# ANPA/AP end-of-message line. Sample: "AP-NY-12-21-26 0534EST".
AP_END_LINE_RE: Final = re.compile(
    r"^[A-Z]{2,4}(?:-[A-Z]{2,4})?-\d{2}-\d{2}-\d{2}\s+\d{4}[A-Z]{3}$"
)
# A byline line in the text: "^By ANNA PETROVA=", "By Anna Petrova", "^Por ANA PÉREZ=".
BYLINE_LINE_RE: Final = re.compile(
    r"^\^?\s*(?:By|BY|Von|VON|Por|POR|Par|PAR)\s+(?P<names>[^=<]{2,80}?)\s*[=<]?$"
)
# An agency's closing line of a message. Sample: "AAP RTV", "dpa xy yy", "AP".
CLOSING_LINE_RE: Final = re.compile(r"^(?:AAP|dpa|AP|AFP|APTN|ANP|NTB)(?:\s+[A-Za-z]{1,4}){0,5}$")
# A byline's title line. Sample: "Associated Press Writer", "AP Business Correspondent".
BYLINE_TITLE_RE: Final = re.compile(
    r"^(?:[A-Z][\w.&-]*\s+){0,4}(?:Writer|Correspondent|Editor|Reporter|Staff|Photographer)$"
)
# A take's "more follows" mark. Sample: "MORE", "-more-", "(MORE)".
MORE_LINE_RE: Final = re.compile(r"^[(\-]?\s*more\s*[)\-]?$", re.IGNORECASE)
# An editors' note line in the text. Sample: "Eds: UPDATES with mayor's comment."
EDS_LINE_RE: Final = re.compile(r"^(?:Eds|EDS|Editors|EDITORS|ATTN|Attn)\b\s*:")
# Telex end of message.
TELEX_END: Final = "NNNN"

# AAP's telex header markers (first character of a header line) -> field.
# Sample: "$GPS device to come off Vic teen" (headline), ":(MELBOURNE)" (dateline),
# "#Legal: Causevic_BC6" (slug), "*02000000" (IPTC subject code), "@Vic" (region).
ZCZC_MARKERS: Final[dict[str, str]] = {
    "$": "headline",
    ":": "dateline",
    "#": "slug",
    "*": "subject",
    "@": "region",
    "%": "category",
    "&": "author",
    "~": "service",
}
# Keyed telex header lines (News Bites style). Sample: "TI#UGL continues ...", "TX#".
KEYED_LINE_RE: Final = re.compile(r"^(?P<key>[A-Z]{2})#(?P<value>.*)$")
KEYED_FIELDS: Final[dict[str, str]] = {
    "TI": "headline",
    "AB": "deck",
    "BY": "byline",
    "PD": "date",
    "KY": "keywords",
    "AN": "id",
    "SO": "source",
}
# A telex dateline field: a place in brackets. Sample: "(MELBOURNE)".
PLACE_FIELD_RE: Final = re.compile(r"^\(([^()\d]{2,40})\)$")
# A marked headline field shorter than this is a class code ("$K"), not a headline.
MIN_HEADLINE_CHARS: Final = 3
# Teletype copy wraps its lines at about 69 characters; a line longer than this
# is a whole paragraph on its own line (release copy), not a wrapped one.
WRAP_WIDTH: Final = 90
MONTHS: Final = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass
class Message:
    """A transmission split into its parts, control characters removed."""

    header: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    trailer: str = ""
    fields: dict[str, str] = field(default_factory=dict)


def _clean(part: str) -> str:
    return CONTROL_RE.sub("", part.replace("\r\n", "\n").replace("\r", "\n"))


def _split_control_frame(text: str) -> Message:
    """SOH header STX text ETX trailer EOT."""
    start = text.find(SOH)
    body_start = text.find(STX, start + 1)
    if body_start < 0:
        raise WireFormatError("transmission has a header (SOH) but no text (STX)")
    end = text.find(ETX, body_start)
    if end < 0:
        end = text.find(EOT, body_start)
    end = len(text) if end < 0 else end
    header = [line.strip() for line in _clean(text[start + 1 : body_start]).split("\n")]
    return Message(
        header=[line for line in header if line],
        text=_clean(text[body_start + 1 : end]).split("\n"),
        trailer=_clean(text[end + 1 :]).strip(),
    )


def _split_telex_frame(text: str) -> Message:
    """ZCZC header lines (marked) then text, up to NNNN."""
    lines = _clean(text).split("\n")
    start = next(
        (i for i, line in enumerate(lines) if line.strip().upper().startswith("ZCZC")), None
    )
    if start is None:
        raise WireFormatError("telex framing: no line opens with ZCZC")
    message = Message(header=[lines[start].strip()])
    position = start + 1
    while position < len(lines):
        line = lines[position].strip()
        keyed = KEYED_LINE_RE.match(line)
        if keyed and keyed["key"] == "TX":
            message.text.append(keyed["value"])
            position += 1
            break
        if keyed:
            if keyed["key"] in KEYED_FIELDS:
                message.fields[KEYED_FIELDS[keyed["key"]]] = keyed["value"].strip()
        elif line[:1] in ZCZC_MARKERS:
            if line[1:].strip():
                message.fields.setdefault(ZCZC_MARKERS[line[:1]], line[1:].strip())
        elif line:
            break
        position += 1
    for line in lines[position:]:
        if line.strip() == TELEX_END:
            break
        message.text.append(line)
    return message


def decode_transmission(data: bytes) -> str:
    """Text of a transmission: UTF-8 when it is, else the hygiene's detection, else cp1252.

    Serial-line copy is mostly Latin-1/cp1252 (dpa's ``f\xfcr``); control
    characters can defeat charset detection, so a decode with replacement
    characters is retried as cp1252, then Latin-1 (which decodes any byte).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = decode_payload(data, None)
    if "\ufffd" not in text:
        return text
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def split_message(data: bytes) -> Message:
    """Decode and frame a transmission; WireFormatError when it is not one."""
    text = decode_transmission(data)
    head = text[:64]
    if SOH in head:
        return _split_control_frame(text)
    if "ZCZC" in head.upper():
        return _split_telex_frame(text)
    raise WireFormatError("no transmission framing (SOH/STX or ZCZC) at the start")


def _strip_codes(line: str) -> str:
    """A text line without ANPA format codes: ``^`` openers, ``<``/``=`` closers."""
    return line.strip().lstrip("^").rstrip("<=").strip()


def _paragraphs(lines: list[str]) -> list[str]:
    """Wrapped lines joined into paragraphs: blank line, indent or ``=``/``<`` end one."""
    paragraphs: list[str] = []
    current: list[str] = []
    previous = ""
    for raw in lines:
        line = raw.rstrip()
        indented = raw[:1] in {" ", "\t"} and bool(line.strip())
        unwrapped = len(previous) > WRAP_WIDTH
        previous = line
        if not line.strip() or (current and (indented or unwrapped)):
            if current:
                paragraphs.append(" ".join(current))
            current = []
            if not line.strip():
                continue
        current.append(_strip_codes(line))
        if line.endswith(("=", "<")):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in (clean_text(p) for p in paragraphs) if p]


def _trailer_time(trailer: str, reference_year: int | None = None) -> str | None:
    """The trailer's ``DDHHMM Mon YY`` as an ISO time (UTC when it says GMT)."""
    match = TRAILER_TIME_RE.search(trailer)
    if match is None or match[4].lower() not in MONTHS:
        return None
    day, hour, minute, month, year, zone = match.groups()
    moment = f"20{year}-{MONTHS.index(month.lower()) + 1:02d}-{day}T{hour}:{minute}:00"
    return moment + ("Z" if zone else "")


def _read_header(message: Message, draft: WireDraft) -> None:
    """Message number, priority, slug, versions and takes from the header lines."""
    first = message.header[0] if message.header else ""
    iptc = IPTC_HEADER_RE.match(first)
    anpa = ANPA_HEADER_RE.match(first)
    if iptc:
        draft.agency_id = iptc["source"] + iptc["number"]
        draft.urgency = int(iptc["priority"])
        draft.providers.extend(iptc["rest"].split())
    elif anpa:
        draft.agency_id = anpa["number"]
        draft.urgency = ANPA_PRIORITY.get(anpa["priority"])
    header_text = " ".join(message.header)
    slug = SLUG_RE.search(header_text)
    slug_line = message.header[1] if len(message.header) > 1 else None
    draft.slug = slug.group(0) if slug else slug_line
    if anpa and slug and slug.group(0).startswith("BC-"):
        # A BC- keyword names one story for its day across leads and write-throughs:
        # it, with the header's date, is the story's id (the message number is not).
        day = HEADER_DATE_RE.search(anpa["rest"])
        draft.agency_id = f"{slug.group(0)}:{day.group(0)}" if day else slug.group(0)
    if draft.slug:
        draft.providers.extend(re.split(r"[-/:\s]+", draft.slug)[:3])
    draft.providers.extend(first.split()[1:2] if first.upper().startswith("ZCZC") else [])
    lead = LEAD_RE.search(header_text)
    if lead:
        draft.version = int(lead.group(1)) + 1
    take = TAKE_RE.search(header_text)
    if take:
        number = take.group(1) or take.group(4)
        kind = (take.group(2) or take.group(3)).lower()
        draft.edit_notes.append(f"{kind} {number}")
    if "writethru" in header_text.lower():
        draft.signals.append("sig:update")


def _keyed_date(text: str) -> str | None:
    """A keyed ``PD#`` date (``06 June 2016 14:00:00``) as ISO, or None."""
    try:
        return datetime.strptime(text.strip(), "%d %B %Y %H:%M:%S").isoformat()
    except ValueError:
        return None


def _read_marked_fields(message: Message, draft: WireDraft) -> None:
    """Telex header fields (AAP's markers and keyed lines)."""
    fields = message.fields
    headline = fields.get("headline") or ""
    if len(headline) > MIN_HEADLINE_CHARS:  # "$K", "$J": a Medianet class letter, no headline
        draft.headline = headline
    draft.deck = fields.get("deck") or draft.deck
    draft.byline = fields.get("byline") or draft.byline
    draft.slug = fields.get("slug") or draft.slug
    dateline = PLACE_FIELD_RE.match(fields.get("dateline") or "")
    if dateline:  # ":(MELBOURNE)"; ":Master Builders Australia" names a release's issuer
        draft.dateline_text = dateline.group(1)
    if fields.get("subject", "").isdigit():
        draft.subjects.append(Subject(name=None, code=f"subj:{fields['subject']}", scheme="subj"))
    if fields.get("region"):
        draft.subjects.append(Subject(name=fields["region"], scheme="region"))
    for keyword in (fields.get("keywords") or "").split():
        draft.subjects.append(Subject(name=keyword, scheme="keyword"))
    draft.agency_id = draft.agency_id or fields.get("id")
    if fields.get("date"):
        draft.first_created = _keyed_date(fields["date"])


def _text_lines(message: Message, draft: WireDraft) -> list[str]:
    """Text lines without the repeated slug line and "MORE" marks; editors' notes taken out."""
    kept: list[str] = []
    for raw in message.text:
        line = _strip_codes(raw)
        if (
            line.startswith("BC-")
            or (draft.slug and line == draft.slug)
            or MORE_LINE_RE.match(line)
        ):
            continue
        if AP_END_LINE_RE.match(line):
            if not draft.signoffs:  # the first end line is the signoff
                draft.signoffs.append(line)
            draft.providers.append(line.partition("-")[0])  # "AP-NY-..." names its agency
            continue
        if EDS_LINE_RE.match(line):
            draft.edit_notes.append(line)
            continue
        kept.append(raw)
    return kept


def _read_text(message: Message, draft: WireDraft) -> None:
    """Headline (first line, unless the header gave one), byline, paragraphs, closing lines."""
    paragraphs = _paragraphs(_text_lines(message, draft))
    while paragraphs and (
        AP_END_LINE_RE.match(paragraphs[-1]) or CLOSING_LINE_RE.match(paragraphs[-1])
    ):
        closing = paragraphs.pop()  # every closing line goes; the first met signs off
        if not draft.signoffs:
            draft.signoffs.append(closing)
    if draft.headline is None and paragraphs:
        draft.headline = paragraphs.pop(0)
    for index, paragraph in enumerate(paragraphs[:3]):
        byline = BYLINE_LINE_RE.match(paragraph)
        if byline and draft.byline is None:
            draft.byline = byline["names"]
            del paragraphs[index]
            if index < len(paragraphs) and BYLINE_TITLE_RE.match(paragraphs[index]):
                del paragraphs[index]  # "Associated Press Writer" under the name
            break
    for paragraph in paragraphs:
        draft.add_paragraph(paragraph)


def _read(data: bytes, fmt: str) -> list[CleanStory]:
    message = split_message(data)
    draft = WireDraft(format=fmt)
    _read_header(message, draft)
    _read_marked_fields(message, draft)
    draft.version_created = _trailer_time(message.trailer)
    _read_text(message, draft)
    return [finish(draft)]


def read_iptc7901(data: bytes) -> list[CleanStory]:
    """One IPTC 7901 message (SOH/STX/ETX or ZCZC framed) -> its story."""
    return _read(data, "iptc7901")


def read_anpa1312(data: bytes) -> list[CleanStory]:
    """One ANPA 1312 message -> its story."""
    return _read(data, "anpa1312")
