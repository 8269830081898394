"""Dateline forms real wire copy has beyond ``PLACE, Month DD (AGENCY) -`` (issue 10).

Each case is a form met in real copy, written here with our own sentences.
"""

from __future__ import annotations

import datetime

import pytest

from etl.transform.dateline import month_number, parse_dateline

REF = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("dateline", "place", "region", "month", "day", "agency"),
    [
        # two places joined by a slash
        ("Frankfurt/Main (dpa) - ", "Frankfurt/Main", None, None, None, "dpa"),
        ("SEOUL/WASHINGTON (Reuters) - ", "Seoul/Washington", None, None, None, "Reuters"),
        ("München/Den Haag (dpa) - ", "München/Den Haag", None, None, None, "dpa"),
        # ... the second after the first one's region
        ("SURABAYA, Indonesia/JAKARTA (Reuters) - ", "Surabaya/Jakarta", "Indonesia", None, None,
         "Reuters"),
        ("Seoul, South Korea/Tokyo, Dec. 3 (AP) - ", "Seoul/Tokyo", "South Korea", 12, 3, "AP"),
        # a line break inside the dateline
        ("NEW YORK, Jan 21\n(Reuters) - ", "New York", None, 1, 21, "Reuters"),
        ("BEIJING, Dec. 21 (Xinhua)\n-- ", "Beijing", None, 12, 21, "Xinhua"),
        # a date and an agency, no place (market reports)
        ("June 5 (Reuters) - ", None, None, 6, 5, "Reuters"),
        ("Jan. 10 (Xinhua) -- ", None, None, 1, 10, "Xinhua"),
        # national agencies in the same form
        ("DEN HAAG (ANP) - ", "Den Haag", None, None, None, "ANP"),
        # ... and Dutch places opening with the article 's- (in capitals or not)
        ("'S-HERTOGENBOSCH (ANP) - ", "'s-Hertogenbosch", None, None, None, "ANP"),
        ("’s-Gravenhage (ANP) - ", "’s-Gravenhage", None, None, None, "ANP"),
        ("Bern (sda) - ", "Bern", None, None, None, "Keystone-SDA"),
        ("HELSINKI (STT) - ", "Helsinki", None, None, None, "STT"),
        ("KØBENHAVN (Ritzau) - ", "København", None, None, None, "Ritzau"),
        ("Wien (APA) - ", "Wien", None, None, None, "APA"),
        ("ANKARA (AA) - ", "Ankara", None, None, None, "Anadolu"),
        ("NEW DELHI, Aug 23 (PTI) - ", "New Delhi", None, 8, 23, "PTI"),
        ("New Delhi [India], Aug 23 (ANI): ", "New Delhi", "India", 8, 23, "ANI"),
        ("MADRID, 5 (EUROPA PRESS) - ", "Madrid", None, None, None, "Europa Press"),
        ("Jakarta (ANTARA) - ", "Jakarta", None, None, None, "Antara"),
        # the agency without brackets before the dash
        ("MELBOURNE, Feb 09 AAP - ", "Melbourne", None, 2, 9, "AAP"),
        ("SYDNEY AAP - ", "Sydney", None, None, None, "AAP"),
        # misspelt or cut-short months, any case, leading asterisks
        ("BEIJING, Decmber 21 (Xinhua) -- ", "Beijing", None, 12, 21, "Xinhua"),
        ("SEOUL, Febuary 3 (YONHAP) -- ", "Seoul", None, 2, 3, "Yonhap"),
        ("TOKYO, Septem. 9 (Kyodo) -- ", "Tokyo", None, 9, 9, "Kyodo"),
        ("LONDON, MArch 3 (Reuters) - ", "London", None, 3, 3, "Reuters"),
        ("** WASHINGTON (AP) — ", "Washington", None, None, None, "AP"),
        # a region with no comma before the month; a place with no comma before the date
        ("SPRINGFIELD, Ill. Dec. 21 (UPI) -- ", "Springfield", "Ill.", 12, 21, "UPI"),
        ("KUALA LUMPUR Sept 29 (Bernama) -- ", "Kuala Lumpur", None, 9, 29, "Bernama"),
    ],
)  # fmt: skip
def test_real_forms_parse(
    dateline: str,
    place: str | None,
    region: str | None,
    month: int | None,
    day: int | None,
    agency: str,
) -> None:
    body = "Snow fell on the hills."
    text = dateline + body
    d = parse_dateline(text, REF)
    assert d is not None, text
    assert (d.place, d.region, d.month, d.day, d.agency) == (place, region, month, day, agency)
    assert text[d.body_offset :] == body


@pytest.mark.parametrize(
    ("text", "place", "region", "agency"),
    [
        ("Rom (dpa) - ", "Rom", None, "dpa"),
        ("KANSAS CITY, Mo.", "Kansas City", "Mo.", None),
        ("Hämeenlinna", "Hämeenlinna", None, None),
        ("Ouagadougou, Dec 20, 2017 (AFP) -", "Ouagadougou", None, "AFP"),
        ("(ANSA) - ROMA, 16 APR", "Roma", None, "ANSA"),
        ("SAID TO BE DECEMBER 31, 2015", None, None, None),
        # an element that ends at its agency marker
        ("WASHINGTON (AP)", "Washington", None, "AP"),
        ("BEIJING, Dec. 3 (Xinhua)", "Beijing", None, "Xinhua"),
        ("MOSCOW, December 3 /TASS/", "Moscow", None, "TASS"),
        ("March 3 (Reuters)", None, None, "Reuters"),
        # a television dateline (APTN): place, dash, date
        ("Zenica - 5 Sept 2014", "Zenica", None, None),
        ("Hollywood, California, USA - 3rd September 2014", "Hollywood", "California", None),
        # a bare agency that ends the element
        ("SYDNEY, Dec 3 AAP", "Sydney", None, "AAP"),
        ("MELBOURNE AAP", "Melbourne", None, "AAP"),
        ("BRUSSEL 03/12 (BELGA)", "Brussel", None, "Belga"),
        # wide spacing
        ("    NEW  YORK,     March 3 - ", "New York", None, None),
    ],
)
def test_a_dateline_given_alone(
    text: str, place: str | None, region: str | None, agency: str | None
) -> None:
    d = parse_dateline(text, REF, alone=True)
    assert d is not None, text
    assert (d.place, d.region, d.agency) == (place, region, agency)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that talks would go on.",
        "Paris is lovely in the spring.",
        "June 5 (Foo) - An unknown bracket after a date is prose.",
        "Harrisburg PA - a two-letter code is never taken bare.",
        "Berlin is big - and so is Rome.",
        "Sales ran May 5 - June 3 this year.",
        "'s Morgens - de trein reed niet.",  # the article without its hyphen is prose
        "",
        "   ",
    ],
)
def test_text_that_opens_with_no_dateline_gives_none(text: str) -> None:
    assert parse_dateline(text, REF) is None


@pytest.mark.parametrize(
    "text",
    ["The minister", "Paris is lovely", "Sales, May 5 - June 3", "By John Smith", "Moscow (left)",
     "June 5 (Foo)", "WASHINGTON (AP) and more"],
)  # fmt: skip
def test_alone_needs_the_whole_text_to_be_a_dateline(text: str) -> None:
    assert parse_dateline(text, REF, alone=True) is None


@pytest.mark.parametrize(
    ("word", "month"),
    [("Dec", 12), ("DECEMBER", 12), ("Decmber", 12), ("Febuary", 2), ("Agust", 8),
     ("Septem", 9), ("Janu", 1), ("Ma", None), ("Marc", 3), ("Ju", None), ("Jun", 6),
     ("Monday", None), ("Marsch", 3), ("Summer", None)],
)  # fmt: skip
def test_month_words(word: str, month: int | None) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize(
    ("text", "place", "region", "month", "day", "agency", "body"),
    [
        # a feed's credit: the agency bare at the start, its place cut off
        ("AP - Snow fell on the hills.", None, None, None, None, "AP", "Snow fell on the hills."),
        ("Reuters - Snow fell.", None, None, None, None, "Reuters",
         "Snow fell."),
        ("AFP -- Snow fell.", None, None, None, None, "AFP",
         "Snow fell."),
        # a source label before the dateline
        ("Canadian Press - OTTAWA (CP) - Snow fell.", "Ottawa", None, None, None, "CP",
         "Snow fell."),
        ("Canadian Press - KINSHASA, Congo (AP) - Snow fell.", "Kinshasa", "Congo", None, None,
         "AP", "Snow fell."),
        # a byline on the dateline's line
        ("By JANE ROE     SAN FRANCISCO (AP) -- Snow fell.", "San Francisco", None, None, None,
         "AP", "Snow fell."),
        ("By Jane Roe\n CHICAGO (Reuters) - Snow fell.", "Chicago", None, None, None, "Reuters",
         "Snow fell."),
        # a place in capitals (and a region) with the agency cut off by a feed
        ("WASHINGTON - Snow fell.", "Washington", None, None, None, None,
         "Snow fell."),
        ("SEOUL, South Korea -- Snow fell.", "Seoul", "South Korea", None, None, None,
         "Snow fell."),
        ("MANHATTAN, Kan. - Snow fell.", "Manhattan", "Kan.", None, None, None,
         "Snow fell."),
        ("UNITED NATIONS - Snow fell.", "United Nations", None, None, None, None,
         "Snow fell."),
        ("Caracas, Venezuela - Snow fell.", "Caracas", "Venezuela", None, None, None,
         "Snow fell."),
        ("Phoenix, AZ -- Snow fell.", "Phoenix", "AZ", None, None, None, "Snow fell."),
        # a date in capitals with its year: an unknown source or a spaced dash
        ("SEPTEMBER 13, 2004 (COMPUTERWORLD) - Snow fell.", None, None, 9, 13, None,
         "Snow fell."),
        ("AUGUST 25, 2004 -- Snow fell.", None, None, 8, 25, None, "Snow fell."),
        # an unknown source after a place and a region
        ("Athens, Greece (Sports Network) - Snow fell.", "Athens", "Greece", None, None, None,
         "Snow fell."),
        ("NEW YORK (CNN/Money) - Snow fell.", "New York", None, None, None, None,
         "Snow fell."),
        # Reuters of 1987: date and dash, no agency; "Reuter" in brackets
        ("LONDON/NEW YORK, March 3 - Snow fell.", "London/New York", None, 3, 3, None,
         "Snow fell."),
        ("LONDON / TOKYO, March 4 - Snow fell.", "London/Tokyo", None, 3, 4, None,
         "Snow fell."),
        ("RIO de JANEIRO, March 3 - Snow fell.", "Rio de Janeiro", None, 3, 3, None,
         "Snow fell."),
        ("Reuters - (Jane Roe writes for Reuters.)", None, None, None, None, "Reuters",
         "(Jane Roe writes for Reuters.)"),
        ("FORT McMURRAY, Alberta, June 2 - Snow fell.", "Fort McMurray", "Alberta", 6, 2, None,
         "Snow fell."),
        ("McLEAN, Va., March 9 - Snow fell.", "McLean", "Va.", 3, 9, None,
         "Snow fell."),
        ("PORT OF SPAIN, Trinidad and Tobago, March 3 - Snow fell.", "Port of Spain",
         "Trinidad and Tobago", 3, 3, None, "Snow fell."),
        ("ST. JOHN'S, Newfoundland, March 3 - Snow fell.", "St. John's", "Newfoundland", 3, 3,
         None, "Snow fell."),
        ("NEW YORK, Juen 3 - Snow fell.", "New York", None, 6, 3, None,
         "Snow fell."),
        ("NEW YORK, Spet 3 - Snow fell.", "New York", None, 9, 3, None,
         "Snow fell."),
        ("NEW YORK, March 3, - Snow fell.", "New York", None, 3, 3, None,
         "Snow fell."),
        ("NEW DELHI, Aug. 25. - Snow fell.", "New Delhi", None, 8, 25, None,
         "Snow fell."),
        ("WASHINGTON, March 31/April 1 - Snow fell.", "Washington", None, 3, 31, None,
         "Snow fell."),
        ("CHICAGO, March 3rd - Snow fell.", "Chicago", None, 3, 3, None,
         "Snow fell."),
        ("CHICAGO, March 3 - March 12 deliveries fell.", "Chicago", None, 3, 3, None,
         "March 12 deliveries fell."),
        # a known agency's marker with no separator (PTI, IANS, TT)
        ("New Delhi, Jan 5 (PTI) Snow fell.", "New Delhi", None, 1, 5, "PTI", "Snow fell."),
        ("STOCKHOLM (TT) Snow fell.", "Stockholm", None, None, None, "TT", "Snow fell."),
        # Arabic services: a script without case reads like capitals
        ("باريس (أ ف ب) - تساقط الثلج.", "باريس", None, None, None, "AFP", "تساقط الثلج."),
        ("القاهرة (رويترز) - تساقط الثلج.", "القاهرة", None, None, None, "Reuters",
         "تساقط الثلج."),
        ("برلين (د ب أ) - تساقط الثلج.", "برلين", None, None, None, "dpa", "تساقط الثلج."),
        ("Пекин, 3 декабря /Синьхуа/ -- Снег.", "Пекин", None, 12, 3, "Xinhua", "Снег."),
        ("韩联社首尔12月3日电 下雪了。", "首尔", None, 12, 3, "Yonhap", "下雪了。"),
        ("【ソウル聯合ニュース】雪が降った。", "ソウル", None, None, None, "Yonhap",
         "雪が降った。"),
        # Interfax's Russian service; a TASS correspondent in the marker
        ("Москва. 3 декабря. INTERFAX.RU - Снег.", "Москва", None, 12, 3, "Interfax", "Снег."),
        ("ВАШИНГТОН, 3 декабря. /Корр. ТАСС Иван Иванов/. Снег.", "Вашингтон", None, 12, 3,
         "TASS", "Снег."),
        # the Chinese, Korean and Japanese services
        ("新华社北京12月3日电（记者张三）下雪了。", "北京", None, 12, 3, "Xinhua", "下雪了。"),
        ("新华社华盛顿12月3日电 下雪了。", "华盛顿", None, 12, 3, "Xinhua", "下雪了。"),
        ("(서울=연합뉴스) 홍길동 기자 = 눈이 왔다.", "서울", None, None, None, "Yonhap",
         "눈이 왔다."),
        ("【ワシントン共同】雪が降った。", "ワシントン", None, None, None, "Kyodo", "雪が降った。"),
        ("【北京時事】雪が降った。", "北京", None, None, None, "Jiji", "雪が降った。"),
        ("［東京　３日　ロイター］ - 雪が降った。", "東京", None, None, None, "Reuters",
         "雪が降った。"),
        ("【12月3日 AFP】雪が降った。", None, None, 12, 3, "AFP", "雪が降った。"),
        # an editor's note in brackets on the line before the dateline (Reuters)
        ("(Corrects spelling of name)\nLONDON, Dec 3 (Reuters) - Snow fell.", "London", None, 12,
         3, "Reuters", "Snow fell."),
        ("(Adds quotes)\n\nBy Jane Roe\n\nLONDON, Dec 3 (Reuters) - Snow fell.", "London", None,
         12, 3, "Reuters", "Snow fell."),
        # old wire: an equals sign, a date in figures, the agency first with no separator
        ("BRUSSEL (BELGA) = Snow fell.", "Brussel", None, None, None, "Belga", "Snow fell."),
        ("BRUSSEL 03/12 (BELGA) = Snow fell.", "Brussel", None, None, None, "Belga",
         "Snow fell."),  # 3 December or 12 March: no date, never a guess
        ("BRUSSEL 25/12 (BELGA) - Snow fell.", "Brussel", None, 12, 25, "Belga", "Snow fell."),
        ("HELSINKI 3.12. (STT) - Snow fell.", "Helsinki", None, None, None, "STT", "Snow fell."),
        ("(Belga) Snow fell.", None, None, None, None, "Belga", "Snow fell."),
        # compound markers: a regional service, a desk, a joint credit
        ("München (dpa/lby) - Snow fell.", "München", None, None, None, "dpa", "Snow fell."),
        ("NEW YORK (Reuters Health) - Snow fell.", "New York", None, None, None, "Reuters",
         "Snow fell."),
        ("Roma (ANSA-AFP) - Snow fell.", "Roma", None, None, None, "ANSA", "Snow fell."),
        ("KIEV (Interfax-Ukraine) - Snow fell.", "Kiev", None, None, None, "Interfax",
         "Snow fell."),
        ("LONDON, March 3 (Reuter) - Snow fell.", "London", None, 3, 3, "Reuters",
         "Snow fell."),
        ("LONDON, Tuesday March 3 (Reuters) - Snow fell.", "London", None, 3, 3, "Reuters",
         "Snow fell."),
    ],
)  # fmt: skip
def test_forms_of_feeds_and_of_1987(
    text: str,
    place: str | None,
    region: str | None,
    month: int | None,
    day: int | None,
    agency: str | None,
    body: str,
) -> None:
    d = parse_dateline(text, REF)
    assert d is not None, text
    assert (d.place, d.region, d.month, d.day, d.agency) == (place, region, month, day, agency)
    assert text[d.body_offset :] == body


@pytest.mark.parametrize(
    "text",
    [
        "PC World - A new printer is out.",  # a source label, no agency
        "NewsFactor - A new printer is out.",
        "USATODAY.com - A new printer is out.",
        "UPDATE 2 - A new printer is out.",
        "BREAKING - A new printer is out.",
        "ANALYSIS - A new printer is out.",
        "By the way, SAN FRANCISCO (AP) -- is not a byline.",
        "By Jane Roe     The dateline is missing here.",
        "By JANE ROE     SAN FRANCISCO -- no agency after a byline.",
        "Foo Bar - A new printer is out.",
        "Market summary. NEW YORK (Reuters) - A summary comes first.",
        "Jane Roe (left) - a caption, not a dateline.",
        "Paris (left) - a caption, not a dateline.",
        "Mary 5 (Reuters) - not a month.",
        "新华社发表声明说下雪了。",  # the agency's name in a sentence
        "据法新社12月3日报道，下雪了。",  # "according to AFP": a report, not a dateline
        "باريس هي عاصمة فرنسا.",  # prose in a script without case
        "北京是中国的首都。",
        "【速報】雪が降った。",  # a bracketed label, no agency
        "(서울=한국일보) 눈이 왔다.",  # not a known agency
        "WASHINGTON (AP) the body must open with a capital.",
        "Sports News, New Delhi, Oct 12 (IANS) A label, no place, and no dash.",
        "KYODO NEWS - Nov 19, 2026 - 09:12 | Japan, All",  # a site's stamp
        "dpa - Deutsche Presse Agentur GmbH, Handelsregister Hamburg",  # a legal line
        "NEW YORK 3/4 - a date in figures needs an agency.",
        "(left) The photo shows them.",  # a bracket that is no agency
        "(left to right) Jane Roe, John Doe\nThe photo shows them.",  # a caption
        "(Adds quotes)\nLONDON - a note needs a known agency after it.",
        "(Adds)\n(Reuters) - one note only.",
        "(a)\n" * 5000 + "LONDON (Reuters) - a chain of brackets.",
        "US - China talks resume.",  # a code, not a place
        "UN - The assembly met.",
        "IRAQ - A country alone may be a section.",
        "May 5, 2004 - June 3, 2004 was the run.",  # a range
        "August 25, 2004 -- a date in Title case needs an agency.",
        "London - a Title-case place alone may be a label.",
        "Growth, Germany - a region after no place.",
        "Mobile - a section label.",
    ],
)
def test_feed_labels_and_prose_give_none(text: str) -> None:
    assert parse_dateline(text, REF) is None
