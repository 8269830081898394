"""The dateline parser against the house styles of the major wires and real-copy noise."""

from __future__ import annotations

import datetime
from typing import NamedTuple

import pytest

from etl.transform.dateline import normalise_place, parse_dateline, resolve_year

REF = datetime.date(2026, 1, 2)  # a publication date just after a year boundary


class Case(NamedTuple):
    text: str
    raw: str
    place: str | None
    region: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None
    body: str


# Bodies are invented filler; only the dateline shapes come from the agencies' styles.
FORMS = [
    Case(
        "UNITED NATIONS, December 21. /TASS/. The secretary-general said on Wednesday.",
        "UNITED NATIONS, December 21. /TASS/.",
        "United Nations", None, 12, 21, 2025, "TASS",
        "The secretary-general said",
    ),
    Case(
        "МОСКВА, 21 декабря. /ТАСС/. Текст сообщения.",
        "МОСКВА, 21 декабря. /ТАСС/.",
        "Москва", None, 12, 21, 2025, "TASS",
        "Текст сообщения.",
    ),
    Case(
        "MOSCOW, Dec 21 (Reuters) - Markets opened lower.",
        "MOSCOW, Dec 21 (Reuters) -",
        "Moscow", None, 12, 21, 2025, "Reuters",
        "Markets opened lower.",
    ),
    Case(
        "BEIRUT (Reuters) - A ceasefire held overnight.",
        "BEIRUT (Reuters) -",
        "Beirut", None, None, None, None, "Reuters",
        "A ceasefire held",
    ),
    Case(
        "WASHINGTON (AP) — Lawmakers returned on Monday.",
        "WASHINGTON (AP) —",
        "Washington", None, None, None, None, "AP",
        "Lawmakers returned",
    ),
    Case(
        "CHATHAM, Mass. (AP) _ Fishermen came back early.",
        "CHATHAM, Mass. (AP) _",
        "Chatham", "Mass.", None, None, None, "AP",
        "Fishermen came back",
    ),
    Case(
        "NAIROBI, Oct 3, 2019 (AFP) - Rains arrived late.",
        "NAIROBI, Oct 3, 2019 (AFP) -",
        "Nairobi", None, 10, 3, 2019, "AFP",
        "Rains arrived late.",
    ),
    Case(
        "Bruxelles, 5 févr 2025 (AFP) - Les ministres se réunissent.",
        "Bruxelles, 5 févr 2025 (AFP) -",
        "Bruxelles", None, 2, 5, 2025, "AFP",
        "Les ministres",
    ),
    Case(
        "BEIJING, Dec. 21 (Xinhua) -- Officials announced a plan.",
        "BEIJING, Dec. 21 (Xinhua) --",
        "Beijing", None, 12, 21, 2025, "Xinhua",
        "Officials announced",
    ),
    Case(
        "LISBOA, 18 jun (Xinhua) -- O governo anunciou.",
        "LISBOA, 18 jun (Xinhua) --",
        "Lisboa", None, 6, 18, 2026, "Xinhua",
        "O governo anunciou.",
    ),
    Case(
        "Hamburg (dpa) - Der Hafen meldet Rekorde.",
        "Hamburg (dpa) -",
        "Hamburg", None, None, None, None, "dpa",
        "Der Hafen",
    ),
    Case(
        "Quito, Jan 2 (EFE).- El Gobierno informó.",
        "Quito, Jan 2 (EFE).-",
        "Quito", None, 1, 2, 2026, "EFE",
        "El Gobierno",
    ),
    Case(
        "(ANSA) - MILANO, 12 GEN - La Borsa apre in rialzo.",
        "(ANSA) - MILANO, 12 GEN -",
        "Milano", None, 1, 12, 2026, "ANSA",
        "La Borsa apre",
    ),
    Case(
        "TOKYO (Kyodo) -- The government said.",
        "TOKYO (Kyodo) --",
        "Tokyo", None, None, None, None, "Kyodo",
        "The government said.",
    ),
    Case(
        "SEOUL, Nov. 3 (Yonhap) -- Exports rose.",
        "SEOUL, Nov. 3 (Yonhap) --",
        "Seoul", None, 11, 3, 2025, "Yonhap",
        "Exports rose.",
    ),
    Case(
        "MOSCOW. April 2 (Interfax) - The ministry said.",
        "MOSCOW. April 2 (Interfax) -",
        "Moscow", None, 4, 2, 2026, "Interfax",
        "The ministry said.",
    ),
    Case(
        "NEW YORK, Feb 26 - Stocks rallied.",
        "NEW YORK, Feb 26 -",
        "New York", None, 2, 26, 2026, None,
        "Stocks rallied.",
    ),
    Case(
        "LONDON, Tuesday (Reuters) - Sterling slipped.",
        "LONDON, Tuesday (Reuters) -",
        "London", None, None, None, None, "Reuters",
        "Sterling slipped.",
    ),
]  # fmt: skip

VARIANTS = [
    Case(  # missing spaces everywhere
        "MOSCOW,Dec 21(Reuters)-Markets opened lower.",
        "MOSCOW,Dec 21(Reuters)-",
        "Moscow", None, 12, 21, 2025, "Reuters",
        "Markets opened",
    ),
    Case(  # doubled spaces
        "MOSCOW,  Dec  21  (Reuters)  -  Markets opened lower.",
        "MOSCOW,  Dec  21  (Reuters)  -",
        "Moscow", None, 12, 21, 2025, "Reuters",
        "Markets opened",
    ),
    Case(  # odd capitals in the month
        "WASHINGTON, MArch 3 (AP) - Text.",
        "WASHINGTON, MArch 3 (AP) -",
        "Washington", None, 3, 3, 2026, "AP",
        "Text.",
    ),
    Case(  # month in capitals
        "UNITED NATIONS, DECEMBER 21. /TASS/. Text.",
        "UNITED NATIONS, DECEMBER 21. /TASS/.",
        "United Nations", None, 12, 21, 2025, "TASS",
        "Text.",
    ),
    Case(  # dash glued to the day
        "NEW YORK, Feb 26- Stocks rallied.",
        "NEW YORK, Feb 26-",
        "New York", None, 2, 26, 2026, None,
        "Stocks rallied.",
    ),
    Case(  # stray punctuation after the region
        "NEW YORK, N.Y,. Feb 26 (AP) - Text.",
        "NEW YORK, N.Y,. Feb 26 (AP) -",
        "New York", "N.Y", 2, 26, 2026, "AP",
        "Text.",
    ),
    Case(  # en dash
        "PARIS, Feb 26 (AFP) – Text.",
        "PARIS, Feb 26 (AFP) –",
        "Paris", None, 2, 26, 2026, "AFP",
        "Text.",
    ),
    Case(  # em dash, agency-less
        "NEW YORK, Feb 26 — Text.",
        "NEW YORK, Feb 26 —",
        "New York", None, 2, 26, 2026, None,
        "Text.",
    ),
    Case(  # non-breaking spaces inside the place and around the date
        "NEW\u00a0YORK,\u00a0Feb\u00a026\u00a0(AP)\u00a0-\u00a0Text.",
        "NEW\u00a0YORK,\u00a0Feb\u00a026\u00a0(AP)\u00a0-",
        "New York", None, 2, 26, 2026, "AP",
        "Text.",
    ),
    Case(  # leading whitespace and a line break before the body
        "\n  \tUNITED NATIONS, December 21. /TASS/.\nText.",
        "UNITED NATIONS, December 21. /TASS/.",
        "United Nations", None, 12, 21, 2025, "TASS",
        "Text.",
    ),
    Case(  # "Sept" and an explicit year
        "GENEVA, Sept. 5, 2024 (Reuters) - Text.",
        "GENEVA, Sept. 5, 2024 (Reuters) -",
        "Geneva", None, 9, 5, 2024, "Reuters",
        "Text.",
    ),
    Case(  # abbreviation inside the place
        "ST. LOUIS (AP) — Text.",
        "ST. LOUIS (AP) —",
        "St. Louis", None, None, None, None, "AP",
        "Text.",
    ),
    Case(  # small words
        "RIO DE JANEIRO, 3 mar (EFE).- Texto.",
        "RIO DE JANEIRO, 3 mar (EFE).-",
        "Rio de Janeiro", None, 3, 3, 2026, "EFE",
        "Texto.",
    ),
    Case(  # hyphenated place with small words
        "PORT-AU-PRINCE, Haiti (AP) — Text.",
        "PORT-AU-PRINCE, Haiti (AP) —",
        "Port-au-Prince", "Haiti", None, None, None, "AP",
        "Text.",
    ),
    Case(  # region before a date
        "SOCHI, Russia, December 21. /TASS/. Text.",
        "SOCHI, Russia, December 21. /TASS/.",
        "Sochi", "Russia", 12, 21, 2025, "TASS",
        "Text.",
    ),
    Case(  # dotted region code
        "WASHINGTON, D.C. (UPI) -- Text.",
        "WASHINGTON, D.C. (UPI) --",
        "Washington", "D.C.", None, None, None, "UPI",
        "Text.",
    ),
    Case(  # German day with a full stop, abbreviated month
        "Berlin, 21. Dez. (dpa) - Text.",
        "Berlin, 21. Dez. (dpa) -",
        "Berlin", None, 12, 21, 2025, "dpa",
        "Text.",
    ),
    Case(  # German umlaut month
        "Berlin, 3. März 2025 (dpa) - Text.",
        "Berlin, 3. März 2025 (dpa) -",
        "Berlin", None, 3, 3, 2025, "dpa",
        "Text.",
    ),
    Case(  # French full month name with accent
        "PARIS, 21 décembre (AFP) - Texte.",
        "PARIS, 21 décembre (AFP) -",
        "Paris", None, 12, 21, 2025, "AFP",
        "Texte.",
    ),
    Case(  # French "août"
        "Marseille, 14 août 2024 (AFP) - Texte.",
        "Marseille, 14 août 2024 (AFP) -",
        "Marseille", None, 8, 14, 2024, "AFP",
        "Texte.",
    ),
    Case(  # Portuguese month abbreviations
        "BRASÍLIA, 7 set (Xinhua) -- Texto.",
        "BRASÍLIA, 7 set (Xinhua) --",
        "Brasília", None, 9, 7, 2025, "Xinhua",
        "Texto.",
    ),
    Case(  # Italian full month name, agency first
        "(ANSA) - ROMA, 25 DICEMBRE - Testo.",
        "(ANSA) - ROMA, 25 DICEMBRE -",
        "Roma", None, 12, 25, 2025, "ANSA",
        "Testo.",
    ),
    Case(  # Spanish "dic"
        "MADRID, 30 dic (EFE).- Texto.",
        "MADRID, 30 dic (EFE).-",
        "Madrid", None, 12, 30, 2025, "EFE",
        "Texto.",
    ),
    Case(  # agency first without a place
        "(Reuters) - Apple said on Tuesday.",
        "(Reuters) -",
        None, None, None, None, None, "Reuters",
        "Apple said",
    ),
    Case(  # agency alias in the marker
        "MOSCOW, Dec 21 (ITAR-TASS) - Text.",
        "MOSCOW, Dec 21 (ITAR-TASS) -",
        "Moscow", None, 12, 21, 2025, "TASS",
        "Text.",
    ),
    Case(  # unknown marker after an upper-case place: a dateline with no known agency
        "NEW YORK, Feb. 26, 2025 /PRNewswire/ -- Text.",
        "NEW YORK, Feb. 26, 2025 /PRNewswire/ --",
        "New York", None, 2, 26, 2025, None,
        "Text.",
    ),
    Case(  # weekday followed by a date
        "LONDON, Tuesday, Dec 30 (Reuters) - Text.",
        "LONDON, Tuesday, Dec 30 (Reuters) -",
        "London", None, 12, 30, 2025, "Reuters",
        "Text.",
    ),
    Case(  # title-case place with small words
        "Rio de Janeiro (Reuters) - Text.",
        "Rio de Janeiro (Reuters) -",
        "Rio de Janeiro", None, None, None, None, "Reuters",
        "Text.",
    ),
]  # fmt: skip


def _check(case: Case, reference: datetime.date | None = REF) -> None:
    d = parse_dateline(case.text, reference)
    assert d is not None, case.text
    assert d.raw == case.raw
    assert (d.place, d.region) == (case.place, case.region)
    assert (d.month, d.day, d.year) == (case.month, case.day, case.year)
    assert d.agency == case.agency
    assert case.text[d.body_offset :].startswith(case.body)


@pytest.mark.parametrize("case", FORMS, ids=[c.raw for c in FORMS])
def test_agency_forms(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", VARIANTS, ids=[c.raw for c in VARIANTS])
def test_real_copy_variants(case: Case) -> None:
    _check(case)


def test_raw_is_the_text_before_the_body() -> None:
    text = "  BEIJING, Dec. 21 (Xinhua) --   Officials announced a plan."
    d = parse_dateline(text)
    assert d is not None
    assert text[d.body_offset :] == "Officials announced a plan."
    assert text.index(d.raw) == 2


@pytest.mark.parametrize(
    ("text", "reference", "year"),
    [
        ("MOSCOW, December 31. /TASS/. Text.", datetime.date(2026, 1, 2), 2025),
        ("MOSCOW, January 2. /TASS/. Text.", datetime.date(2025, 12, 31), 2026),
        ("MOSCOW, June 15. /TASS/. Text.", datetime.date(2025, 6, 16), 2025),
        ("MOSCOW, December 31. /TASS/. Text.", datetime.date(2025, 12, 31), 2025),
        ("MOSCOW, June 15, 2019. /TASS/. Text.", datetime.date(2025, 6, 16), 2019),
    ],
)
def test_year_from_reference_date(text: str, reference: datetime.date, year: int) -> None:
    d = parse_dateline(text, reference)
    assert d is not None
    assert d.year == year


def test_no_reference_date_means_no_year() -> None:
    d = parse_dateline("MOSCOW, December 31. /TASS/. Text.")
    assert d is not None
    assert (d.month, d.day, d.year) == (12, 31, None)


def test_resolve_year_across_the_boundary() -> None:
    assert resolve_year(12, 31, datetime.date(2026, 1, 2)) == 2025
    assert resolve_year(1, 2, datetime.date(2025, 12, 31)) == 2026
    assert resolve_year(2, 29, datetime.date(2025, 1, 10)) == 2024
    assert resolve_year(2, 29, datetime.date(2026, 6, 1)) is None
    assert resolve_year(1, 1, datetime.date.max) == 9999
    assert resolve_year(12, 31, datetime.date.min) == 1


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("NEW YORK, Feb 30 - Text.", REF),
        ("NEW YORK, Feb 30 - Text.", None),
        ("MOSCOW, April 31 (Interfax) - Text.", REF),
        ("MOSCOW, Feb 29, 2025 (Interfax) - Text.", None),
        ("MOSCOW, Feb 29 (Interfax) - Text.", datetime.date(2026, 6, 1)),
        ("MOSCOW, Dec 0 (Reuters) - Text.", REF),
    ],
)
def test_impossible_date_keeps_the_dateline_without_a_date(
    text: str, reference: datetime.date | None
) -> None:
    d = parse_dateline(text, reference)
    assert d is not None
    assert d.place is not None
    assert (d.month, d.day, d.year) == (None, None, None)


def test_leap_day_is_kept_when_possible() -> None:
    d = parse_dateline("MOSCOW, Feb 29 (Interfax) - Text.", datetime.date(2024, 3, 1))
    assert d is not None
    assert (d.month, d.day, d.year) == (2, 29, 2024)
    d = parse_dateline("MOSCOW, Feb 29 (Interfax) - Text.")
    assert d is not None
    assert (d.month, d.day, d.year) == (2, 29, None)


def test_weekday_is_not_turned_into_a_date() -> None:
    d = parse_dateline("LONDON, Tuesday (Reuters) - Text.", datetime.date(2025, 12, 31))
    assert d is not None
    assert (d.month, d.day, d.year) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "Russia said on Tuesday that it would respond.",
        "The UN, in December, adopted a resolution.",
        "UN chief says Lavrov and Kerry prove Russian-US relationship can be effective",
        "BREAKING: markets fall",
        "UPDATE — Lawmakers returned.",  # capitals and a dash, but no place
        "EXCLUSIVE - Lawmakers returned.",
        "Washington — Lawmakers returned.",  # a place only, not in capitals
        "WASHINGTON —Lawmakers returned.",  # a place only needs a spaced dash
        "LONDON, Tuesday - Sterling slipped.",  # weekday is not enough without an agency
        "NEW YORK, Feb 26-27 talks were held.",  # a range, not a separator
        "Sales, May 5 - June 3 were weak.",  # a range, not a dateline
        "Moscow (left) - a photo caption.",  # a bracket that is not an agency
        "(Unknown Agency) - Text.",  # an agency-first form needs a known agency
        "WASHINGTON (AP) the dash is missing before lower case.",
        "WASHINGTON (CNN) An unknown bracket needs its dash.",
        "He arrived in MOSCOW, Dec 21 (Reuters) - late.",  # not at the start
        "2025-12-21 MOSCOW (Reuters) - Text.",
        "moscow, dec 21 (reuters) - lower-case place.",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert parse_dateline(text, REF) is None


@pytest.mark.parametrize(
    ("upper", "reading"),
    [
        ("UNITED NATIONS", "United Nations"),
        ("ST. LOUIS", "St. Louis"),
        ("MOSCOW", "Moscow"),
        ("NEW YORK", "New York"),
        ("МОСКВА", "Москва"),
        ("MILANO", "Milano"),
        ("Bruxelles", "Bruxelles"),
        ("RIO DE JANEIRO", "Rio de Janeiro"),
        ("PORT-AU-PRINCE", "Port-au-Prince"),
        ("N'DJAMENA", "N'Djamena"),
        ("LA PAZ", "La Paz"),
        ("NEW\u00a0YORK", "New York"),
    ],
)
def test_normalise_place(upper: str, reading: str) -> None:
    assert normalise_place(upper) == reading


def test_only_the_opening_characters_are_inspected() -> None:
    # A dateline that would need more than 200 characters to reach its separator.
    text = "MOSCOW, Dec 21 (" + "Reuters" * 40 + ") - Text."
    assert parse_dateline(text) is None


def test_a_weekday_is_not_a_place() -> None:
    assert parse_dateline("Tuesday, Dec 21 (Reuters) - Text.", REF) is None


@pytest.mark.parametrize(
    ("text", "agency"),
    [("Dec. 21 (Reuters) - Text.", "Reuters"), ("DECEMBER 21 /TASS/. Text.", "TASS")],
)
def test_a_date_is_not_a_place_but_a_market_report_dateline(text: str, agency: str) -> None:
    d = parse_dateline(text, REF)
    assert d is not None
    assert (d.place, d.month, d.day, d.agency) == (None, 12, 21, agency)
    assert text[d.body_offset :] == "Text."


def test_dotted_codes_keep_their_capitals() -> None:
    d = parse_dateline("U.S. (Reuters) - Text.")
    assert d is not None
    assert d.place == "U.S."
