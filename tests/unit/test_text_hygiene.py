"""Decoding fetched bytes (declared charsets are only candidates) and normalising text."""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.transform.text_hygiene import (
    decode_payload,
    fold_whitespace,
    looks_like_mojibake,
    normalise_text,
    repair_mojibake,
)

# Russian copy long enough for detection to have something to go on.
RUSSIAN = (
    "Президент России провёл в четверг совещание с членами правительства. "
    "Обсуждались вопросы экспорта зерна, работы морских портов и подготовки к зиме. "
    "Министр сельского хозяйства сообщил, что урожай пшеницы в этом году оказался выше "
    "прошлогоднего, а отгрузки через южные порты восстановились после штормов."
)
FRENCH = (
    "Le café de la gare à Genève a fermé ses portes l'été dernier, après quarante ans. "
    "Les habitués regrettent déjà les croissants du matin et la terrasse ensoleillée."
)


def _page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


def test_cp1251_page_with_correct_header() -> None:
    data = _page(RUSSIAN).encode("cp1251")
    assert RUSSIAN in decode_payload(data, "text/html; charset=windows-1251")


def test_cp1251_page_without_any_declaration_is_detected() -> None:
    data = _page(RUSSIAN).encode("cp1251")
    assert RUSSIAN in decode_payload(data, "text/html")
    assert RUSSIAN in decode_payload(data, None)


def test_cp1251_page_whose_header_says_utf8() -> None:
    data = _page(RUSSIAN).encode("cp1251")
    assert RUSSIAN in decode_payload(data, "text/html; charset=utf-8")


def test_cp1251_page_whose_header_says_latin1() -> None:
    # Every byte decodes in Windows-1252, but into words like "Ïðåçèäåíò".
    data = _page(RUSSIAN).encode("cp1251")
    assert RUSSIAN in decode_payload(data, "text/html; charset=iso-8859-1")


def test_cp1251_page_with_meta_charset_only() -> None:
    data = _page(
        RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    )
    assert RUSSIAN in decode_payload(data.encode("cp1251"), None)


def test_latin1_page() -> None:
    data = _page(FRENCH).encode("latin-1")
    assert FRENCH in decode_payload(data, "text/html; charset=ISO-8859-1")
    assert FRENCH in decode_payload(data, None)


def test_meta_charset_that_lies_about_utf8() -> None:
    # Says UTF-8, is Windows-1252: the UTF-8 decode fails and detection takes over.
    data = _page(FRENCH, '<meta charset="utf-8">').encode("cp1252")
    assert FRENCH in decode_payload(data, None)


def test_meta_charset_that_lies_about_latin1() -> None:
    # Says Latin-1, is UTF-8: decoding as declared would give "cafÃ©".
    text = FRENCH + " “Quotes” — and dashes."
    data = _page(text, '<meta charset="iso-8859-1">').encode("utf-8")
    assert text in decode_payload(data, None)


def test_header_wins_over_meta_when_both_decode() -> None:
    data = _page(RUSSIAN, '<meta charset="koi8-r">').encode("cp1251")
    assert RUSSIAN in decode_payload(data, "text/html; charset=cp1251")


def test_byte_order_marks() -> None:
    assert (
        decode_payload(codecs.BOM_UTF8 + "Привет".encode(), "text/html; charset=cp1252") == "Привет"
    )
    assert decode_payload("Grüße aus Köln".encode("utf-16"), None) == "Grüße aus Köln"


def test_unknown_charset_name_is_ignored() -> None:
    assert decode_payload(b"plain ascii", "text/plain; charset=x-no-such-thing") == "plain ascii"


def test_mojibake_is_repaired() -> None:
    assert normalise_text("CafÃ© â€œquotedâ€\x9d Ã‰lysÃ©e") == "Café “quoted” Élysée"
    assert repair_mojibake("SÃ£o Paulo") == "São Paulo"


def test_text_that_only_resembles_mojibake_is_left_alone() -> None:
    text = "Café’s menu — déjà vu, NÃO"
    assert repair_mojibake(text) == text
    assert not looks_like_mojibake(text)


def test_nfc() -> None:
    assert normalise_text("Cafe\u0301") == "Café"
    assert normalise_text("Й") == "\u0419"


def test_spaces_and_invisible_characters() -> None:
    raw = "10\u00a0000 people\u202fin Kreml\u00adin\u200b and\u2060 beyond\ufeff"
    assert normalise_text(raw) == "10 000 people in Kremlin and beyond"


def test_whitespace_folded_but_lines_and_paragraphs_kept() -> None:
    raw = (
        "  Headline \t here  \r\nCaption  EPA/JOHN DOE\r\n\r\n\r\n\r\n"
        "First   paragraph.  \n\n\nSecond.\n"
    )
    assert (
        normalise_text(raw) == "Headline here\nCaption EPA/JOHN DOE\n\nFirst paragraph.\n\nSecond."
    )
    assert fold_whitespace(" a\n b \u00a0 c ") == "a b c"


def test_control_characters_removed() -> None:
    assert normalise_text("a\x00b\x07c\x85d") == "abc\nd"


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=2000),
    st.sampled_from(
        [
            None,
            "text/html",
            "text/html; charset=utf-8",
            "text/plain; charset=windows-1251",
            "text/html; charset=bogus",
        ]
    ),
)
def test_decode_payload_always_returns_text(data: bytes, content_type: str | None) -> None:
    assert isinstance(decode_payload(data, content_type), str)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8-r"])
def test_round_trip_of_declared_encodings(encoding: str) -> None:
    assert RUSSIAN in decode_payload(
        _page(RUSSIAN).encode(encoding), f"text/html; charset={encoding}"
    )


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII  text\twith\r\ntabs\x0band\x0cfeeds\x00and\x1fcontrols\x7f ",
        "  \n\n  ",
        "caf\u00c3\u00a9 \u00e2\u20ac\u201c mojibake\r\nline\u2028sep\u2029para\x85next",
        "Kreml\u00adin\u200b zero\u00a0width \u3000ideographic\u2009thin\x9fC1",
        "e\u0301 decomposed \t\x1c\x1d\x1e file separators",
        "“Quoted” — dash … ellipsis\x0b\x0c",
        "",
    ],
)
def test_fold_whitespace_is_normalise_text_folded(text: str) -> None:
    # fold_whitespace skips the steps that only keep lines; the result must not change
    folded = re.sub(r"\s+", " ", normalise_text(text)).strip()
    assert fold_whitespace(text) == folded


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
@settings(max_examples=300, deadline=None)
def test_fold_whitespace_is_normalise_text_folded_for_any_text(text: str) -> None:
    assert fold_whitespace(text) == re.sub(r"\s+", " ", normalise_text(text)).strip()


@given(
    st.text(
        alphabet=" a\t\n\r\x0b\x0c\x00\x1c\x7f\x85\x9f\u00a0\u00ad\u200b\u2028\u2029\u3000"
        "\u00c3\u00a9\u00e2\u20ac\u201c\u0301e",
        max_size=40,
    )
)
@settings(max_examples=500, deadline=None)
def test_fold_whitespace_agrees_on_whitespace_controls_and_mojibake(text: str) -> None:
    assert fold_whitespace(text) == re.sub(r"\s+", " ", normalise_text(text)).strip()


def test_the_odd_character_scan_covers_exactly_what_folding_replaces_or_removes() -> None:
    """fold_whitespace skips its two substitutions when this one scan finds nothing."""
    from etl.transform import text_hygiene

    for code in range(0x3100):
        char = chr(code)
        replaced = text_hygiene.SPACE_LIKE_RE.match(char) is not None
        removed = text_hygiene.INVISIBLE_OR_CONTROL_RE.match(char) is not None
        assert (text_hygiene.ODD_CHARACTER_RE.match(char) is not None) == (replaced or removed)


def test_mojibake_needs_its_lead_character() -> None:
    from etl.transform import text_hygiene

    for lead in map(chr, range(0x80, 0x100)):
        for continuation in ("\u00a9", "\u00a0", "\u0080", "\u20ac"):
            run = lead + continuation
            if text_hygiene.MOJIBAKE_RE.search(run + continuation * 2):
                assert text_hygiene.MOJIBAKE_LEAD_RE.match(lead)
    assert text_hygiene.repair_mojibake("caf\u00c3\u00a9 \u2014 ok") == "caf\u00e9 \u2014 ok"
