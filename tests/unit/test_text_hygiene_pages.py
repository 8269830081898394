"""Text hygiene end to end: bytes of a page or dump in, clean Unicode story out.

``test_text_hygiene.py`` checks the decoding and normalising functions one by
one; here the same promises are checked through ``clean_document``, where they
matter: which charset wins (BOM, valid UTF-8, HTTP header, ``<meta>``,
detection), pages that lie or mix encodings, mojibake, NFC, invisible
characters, and whitespace folded while paragraphs stay paragraphs.
"""

from __future__ import annotations

import codecs

import pytest

from etl.model import CleanStory
from etl.transform.clean import clean_document
from etl.transform.text_hygiene import decode_payload

HEADLINE_RU = "Экспорт пшеницы из России вырос в ноябре"
BODY_RU = (
    "МОСКВА, 19 ноября. /ТАСС/. Экспорт российской пшеницы в ноябре может составить "
    "4,6 млн тонн, сообщили аналитики. Отгрузки из черноморских портов восстановились "
    "после штормов, которые задержали погрузку в первой декаде месяца."
)
BODY_RU_AFTER_DATELINE = BODY_RU.split("/ТАСС/. ", 1)[1]
SECOND_RU = "Цены на пшеницу на мировом рынке при этом остались почти без изменений."


def _ru_page(meta: str = "") -> str:
    return (
        f"<html><head>{meta}<title>{HEADLINE_RU}</title></head><body><article>"
        f"<h1>{HEADLINE_RU}</h1><p>{BODY_RU}</p><p>{SECOND_RU}</p></article></body></html>"
    )


def _article(body_html: str, headline: str = "Harbour festival returns after two years") -> str:
    return (
        f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
        f"{body_html}</article></body></html>"
    )


def _clean_ru(data: bytes, content_type: str | None) -> CleanStory:
    story = clean_document(data, content_type=content_type)
    assert story.headline == HEADLINE_RU
    assert story.blocks[0].text == BODY_RU_AFTER_DATELINE
    assert story.dateline is not None and story.dateline.agency == "TASS"
    return story


# --- which charset wins ------------------------------------------------------------------


def test_cp1251_page_with_nothing_declared_is_detected() -> None:
    _clean_ru(_ru_page().encode("cp1251"), "text/html")


def test_header_lies_meta_tells_the_truth() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    _clean_ru(_ru_page(meta).encode("cp1251"), "text/html; charset=utf-8")


def test_meta_lies_header_tells_the_truth() -> None:
    _clean_ru(_ru_page('<meta charset="utf-8">').encode("cp1251"), "text/html; charset=cp1251")


def test_valid_utf8_is_utf8_whatever_is_declared() -> None:
    data = _ru_page('<meta charset="koi8-r">').encode("utf-8")
    _clean_ru(data, "text/html; charset=windows-1251")


def test_byte_order_mark_outranks_every_declaration() -> None:
    _clean_ru(codecs.BOM_UTF8 + _ru_page().encode("utf-8"), "text/html; charset=cp1251")
    utf16 = _ru_page('<meta charset="utf-8">').encode("utf-16")  # BOM first
    _clean_ru(utf16, "text/html; charset=utf-8")


def test_latin1_declared_means_windows_1252() -> None:
    # Bytes 0x93/0x94 are C1 controls in ISO-8859-1 but curly quotes in
    # Windows-1252, which is what every browser reads "latin-1" as.
    data = _article("<p>“Nobody expected the crowds,” the mayor said on Tuesday.</p>")
    encoded = data.encode("cp1252")
    assert b"\x93Nobody" in encoded
    story = clean_document(encoded, content_type="text/html; charset=iso-8859-1")
    assert story.blocks[0].text == "“Nobody expected the crowds,” the mayor said on Tuesday."


def test_a_page_mixing_encodings_keeps_both_parts() -> None:
    # A Windows-1252 story inside a template whose footer was saved as UTF-8:
    # not valid UTF-8, so the declared charset is right for the story, and
    # the footer's UTF-8 bytes are repaired rather than the page lost to U+FFFD.
    story_html = _article(
        "<p>The café on the pier reopened on Saturday after a long winter closure.</p>"
        "<p>Its owner said the new terrace would stay open until late September.</p>",
        headline="Pier café reopens after long winter closure",
    )
    data = story_html.encode("cp1252").replace(
        b"</article>", b"</article><footer>" + "© 2026 Pier News".encode() + b"</footer>"
    )
    data = data.replace(b"<head>", b'<head><meta charset="windows-1252">')
    story = clean_document(data, content_type="text/html")
    assert story.headline == "Pier café reopens after long winter closure"
    assert "café on the pier" in story.body
    assert "\ufffd" not in story.body
    assert decode_payload(data, "text/html").count("©") == 1, "the UTF-8 footer is repaired"


def test_iso_2022_jp_is_decoded_with_its_declared_charset() -> None:
    # A 7-bit charset that uses ESC sequences: ASCII-looking bytes, not ASCII.
    text = "東京で新しい図書館が開館した"
    data = f"<p>{text}</p>".encode("iso2022_jp")
    assert data.isascii()
    assert text in decode_payload(data, "text/html; charset=iso-2022-jp")


def test_text_dump_in_cp1251_without_any_declaration() -> None:
    dump = f"Все новости\n\n{HEADLINE_RU}\n\n{BODY_RU}\n\n{SECOND_RU}\n"
    story = clean_document(dump.encode("cp1251"))
    assert story.headline == HEADLINE_RU
    assert story.blocks[0].text == BODY_RU_AFTER_DATELINE
    assert "Все новости" not in story.body


# --- characters ----------------------------------------------------------------------------


def test_mojibake_in_a_utf8_page_is_repaired() -> None:
    # Text that went through UTF-8 -> Windows-1252 once, stored as UTF-8 again.
    broken = "The cafÃ© at the gare in GenÃ¨ve has reopened, its owner said."
    story = clean_document(
        _article(f"<p>{broken}</p>", headline="GenÃ¨ve cafÃ© reopens").encode("utf-8"),
        content_type="text/html; charset=utf-8",
    )
    assert story.headline == "Genève café reopens"
    assert story.blocks[0].text == "The café at the gare in Genève has reopened, its owner said."


def test_decomposed_accents_become_nfc() -> None:
    decomposed = "Cafe\u0301 owners in Zu\u0308rich welcomed the decision on Monday."
    story = clean_document(_article(f"<p>{decomposed}</p>").encode(), content_type="text/html")
    assert story.blocks[0].text == "Café owners in Zürich welcomed the decision on Monday."
    assert "\u0301" not in story.body


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("10&nbsp;000 people came to the festival over the weekend.", "10 000 people"),
        ("The Kreml&shy;in said the talks would go on next week.", "The Kremlin said"),
        ("Officials&#8203; said the road would reopen on Friday.", "Officials said"),
        ("Tickets&#x2060; sold out within an hour of going on sale.", "Tickets sold out"),
        ("A narrow&#8239;no-break space between these words, officials said.", "A narrow no-break"),
        ("Stray\x07 controls\x1b never reach the story, officials said.", "Stray controls"),
    ],
)
def test_invisible_and_special_spaces(markup: str, expected: str) -> None:
    story = clean_document(_article(f"<p>{markup}</p>").encode(), content_type="text/html")
    assert story.blocks[0].text.startswith(expected)


def test_whitespace_folded_and_paragraphs_kept() -> None:
    body = (
        "<p>  The first   paragraph\n\truns over\r\n  several source lines. </p>\n\n"
        "<p>The second<br>paragraph has a line break that reads as a space.</p>"
    )
    story = clean_document(_article(body).encode(), content_type="text/html")
    assert [b.text for b in story.blocks] == [
        "The first paragraph runs over several source lines.",
        "The second paragraph has a line break that reads as a space.",
    ]
    assert story.body == "\n\n".join(b.text for b in story.blocks)


def test_double_line_breaks_separate_paragraphs_on_unknown_sites() -> None:
    body = (
        "<div class='post-body'>The forecast said showers, and the forecast was wrong."
        "<br><br>By noon the rain came across the valley in grey sheets, they said."
        "<br>\n<br>\nThe marshals gave up on their clipboards before the first climb.</div>"
    )
    story = clean_document(_article(body).encode(), content_type="text/html")
    assert [b.text for b in story.blocks] == [
        "The forecast said showers, and the forecast was wrong.",
        "By noon the rain came across the valley in grey sheets, they said.",
        "The marshals gave up on their clipboards before the first climb.",
    ]
