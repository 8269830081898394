"""The cleaner against fixture pages and text dumps that carry their own expectation.

Every ``tests/fixtures/{pages,text}/<name>.expected.json`` names its input
(the sibling ``<name>.html`` / ``<name>.txt``), how it is cleaned, and what must
come out; one parametrised test collects them all, so a new agency is a
fixture plus its expectation. The seed-like TASS page also gets explicit
assertions, and each page must split exactly like its text dump.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from etl.errors import CleanError
from etl.model import CleanStory
from etl.transform import rules
from etl.transform.clean import clean_document
from etl.transform.web.site_layouts import LAYOUTS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECTED_SUFFIX = ".expected.json"
CASES = sorted(FIXTURES.glob(f"*/*{EXPECTED_SUFFIX}"))
SEED_LIKE = "tass_un_humanitarian"


def _case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix(EXPECTED_SUFFIX)}"


def _document_for(expected_path: Path) -> Path:
    stem = expected_path.name.removesuffix(EXPECTED_SUFFIX)
    siblings = [
        p for p in expected_path.parent.glob(f"{stem}.*") if not p.name.endswith(EXPECTED_SUFFIX)
    ]
    assert len(siblings) == 1, f"{expected_path.name} needs exactly one input file"
    return siblings[0]


def _clean_case(expected_path: Path) -> tuple[CleanStory, dict[str, Any]]:
    case = json.loads(expected_path.read_text(encoding="utf-8"))
    options = dict(case["input"])
    if "published_at" in options:
        options["published_at"] = datetime.fromisoformat(options["published_at"])
    story = clean_document(_document_for(expected_path).read_bytes(), **options)
    return story, case["expect"]


def _clean_fixture(folder: str, name: str) -> CleanStory:
    return _clean_case(FIXTURES / folder / f"{name}{EXPECTED_SUFFIX}")[0]


def test_there_is_a_page_and_a_text_dump_per_agency() -> None:
    agencies: dict[str, set[str]] = {"pages": set(), "text": set()}
    for path in CASES:
        expect = json.loads(path.read_text(encoding="utf-8"))["expect"]
        if "agency" in expect:
            agencies[path.parent.name].add(expect["agency"])
    assert agencies == {"pages": set(LAYOUTS), "text": set(LAYOUTS)}


@pytest.mark.parametrize("expected_path", CASES, ids=_case_id)
def test_fixture_cleans_as_expected(expected_path: Path) -> None:
    expect = json.loads(expected_path.read_text(encoding="utf-8"))["expect"]
    if "error" in expect:
        with pytest.raises(CleanError) as raised:
            _clean_case(expected_path)
        assert type(raised.value).__name__ == expect["error"]
        assert expect["reason_contains"] in raised.value.reason
        return
    story, expect = _clean_case(expected_path)
    assert story.headline == expect["headline"]
    assert story.deck == expect["deck"]
    assert story.agency == expect["agency"]
    assert story.byline == expect["byline"]
    assert story.signoff == expect["signoff"]
    if story.signoff:
        assert story.signoff not in story.body, "a sign-off is kept apart from the body"
    published = story.published_at.isoformat() if story.published_at else None
    assert published == expect["published_at"]
    assert story.canonical_url == expect["canonical_url"]
    if expect["dateline"] is None:  # copy that prints no dateline (aa.com.tr)
        assert story.dateline is None
    else:
        assert story.dateline is not None
        dateline = story.dateline.to_json()
        dateline.pop("body_offset")
        assert dateline == expect["dateline"]
    media = [{"caption": m.caption, "credit": m.credit} for m in story.media]
    assert media == expect["media"]
    assert [b.text for b in story.blocks if b.kind == "subheading"] == expect["subheadings"]
    assert sum(b.kind == "paragraph" for b in story.blocks) == expect["paragraph_count"]
    assert story.body.startswith(expect["body_startswith"])
    for text in expect["body_contains"]:
        assert text in story.body
    for text in expect["body_not_contains"]:
        assert text not in story.body


PAIRS = sorted(
    path.name.removesuffix(EXPECTED_SUFFIX)
    for path in FIXTURES.glob(f"text/*{EXPECTED_SUFFIX}")
    if (FIXTURES / "pages" / path.name).exists()
)


@pytest.mark.parametrize("name", PAIRS)
def test_text_dump_splits_like_its_page(name: str) -> None:
    page = _clean_fixture("pages", name)
    dump = _clean_fixture("text", name)
    assert dump.headline == page.headline
    assert dump.deck == page.deck
    assert dump.blocks == page.blocks
    assert dump.dateline == page.dateline
    assert dump.agency == page.agency
    assert dump.byline == page.byline
    assert [(m.caption, m.credit) for m in dump.media] == [
        (m.caption, m.credit) for m in page.media
    ]


# --- the seed-like TASS page, spelled out ------------------------------------------------

SEED_CAPTION = "UN Under-Secretary-General for Humanitarian Affairs Maria Lindqvist"
SEED_CREDIT = "EPA/DANIEL WARREN"
SEED_CROSSHEAD = '"A shared responsibility" for hunger in conflict zones'


@pytest.fixture(scope="module")
def seed_page() -> CleanStory:
    return _clean_fixture("pages", SEED_LIKE)


def test_seed_like_body_starts_at_first_sentence_after_the_dateline(seed_page: CleanStory) -> None:
    first = seed_page.blocks[0]
    assert first.kind == "paragraph"
    assert first.text.startswith("Technical contacts between Russian and US experts")
    assert "UNITED NATIONS" not in seed_page.body
    assert "/TASS/" not in seed_page.body


def test_seed_like_body_has_no_navigation_caption_or_credit(seed_page: CleanStory) -> None:
    assert "All news" not in seed_page.body
    assert SEED_CAPTION not in seed_page.body
    assert SEED_CREDIT not in seed_page.body
    assert "EPA/" not in seed_page.body


def test_seed_like_crosshead_is_a_subheading_inside_the_body(seed_page: CleanStory) -> None:
    kinds = {b.text: b.kind for b in seed_page.blocks}
    assert kinds[SEED_CROSSHEAD] == "subheading"
    position = [b.text for b in seed_page.blocks].index(SEED_CROSSHEAD)
    assert 0 < position < len(seed_page.blocks) - 1
    assert SEED_CROSSHEAD in seed_page.body


def test_seed_like_media_is_the_caption_and_credit(seed_page: CleanStory) -> None:
    assert [(m.caption, m.credit) for m in seed_page.media] == [(SEED_CAPTION, SEED_CREDIT)]
    assert seed_page.media[0].url == "https://sample-wire.test/tass/img/2031457-lindqvist.jpg"


def test_seed_like_dateline_fields(seed_page: CleanStory) -> None:
    dateline = seed_page.dateline
    assert dateline is not None
    assert dateline.raw == "UNITED NATIONS, November 19. /TASS/."
    assert dateline.place == "United Nations"
    assert (dateline.month, dateline.day) == (11, 19)
    assert dateline.year == 2026, "resolved from the page's publication date"
    assert dateline.agency == "TASS"
    assert seed_page.agency == "TASS"


def test_seed_like_headline_and_deck(seed_page: CleanStory) -> None:
    assert seed_page.headline.startswith("UN humanitarian chief says Russian-US talks")
    assert seed_page.deck is not None
    assert seed_page.deck.startswith("Speaking about food security, Maria Lindqvist said")


def test_seed_like_text_dump_gives_the_same_story(seed_page: CleanStory) -> None:
    dump = _clean_fixture("text", SEED_LIKE)
    assert (dump.headline, dump.deck, dump.blocks, dump.dateline) == (
        seed_page.headline,
        seed_page.deck,
        seed_page.blocks,
        seed_page.dateline,
    )
    assert [(m.caption, m.credit) for m in dump.media] == [(SEED_CAPTION, SEED_CREDIT)]


def test_dateline_year_comes_from_the_publication_date_given() -> None:
    data = (FIXTURES / "text" / f"{SEED_LIKE}.txt").read_bytes()
    story = clean_document(data, published_at=datetime.fromisoformat("2031-11-20T08:00:00+00:00"))
    assert story.dateline is not None
    assert story.dateline.year == 2031
    undated = clean_document(data)
    assert undated.dateline is not None
    assert undated.dateline.year is None, "no publication date: the year is not guessed"


# --- the rules the split relies on ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "United Nations Secretary-General  EPA/JUSTIN LANE",
            "United Nations Secretary-General",
            "EPA/JUSTIN LANE",
        ),
        (
            "Traders at the exchange REUTERS/Anna Petrova",
            "Traders at the exchange",
            "REUTERS/Anna Petrova",
        ),
        (
            "Rescuers in Kyiv. (AP Photo/Efrem Lukatsky)",
            "Rescuers in Kyiv.",
            "AP Photo/Efrem Lukatsky",
        ),
        (
            "Protesters in Paris. Belaid/AFP/Getty Images",
            "Protesters in Paris.",
            "Belaid/AFP/Getty Images",
        ),
        ("The Kremlin at dusk. Credit: EPA", "The Kremlin at dusk.", "EPA"),
        (
            "Zelenskyy in Kyiv. (Ukrainian Presidential Press Office via AP)",
            "Zelenskyy in Kyiv.",
            "Ukrainian Presidential Press Office via AP",
        ),
        ("The Spasskaya Tower © TASS", "The Spasskaya Tower", "© TASS"),
        (
            "Russian President Vladimir Putin Mikhail Tereshchenko/TASS",
            "Russian President Vladimir Putin",
            "Mikhail Tereshchenko/TASS",
        ),
        (
            "A port. REUTERS/Anders Lund/File Photo Purchase Licensing Rights",
            "A port.",
            "REUTERS/Anders Lund/File Photo",
        ),
        (
            "Des tracteurs à Bruxelles, le 5 février 2026. Kenzo TRIBOUILLARD / AFP",
            "Des tracteurs à Bruxelles, le 5 février 2026.",
            "Kenzo TRIBOUILLARD / AFP",
        ),
        (
            "Le président Emmanuel Macron Ludovic MARIN / AFP",
            "Le président Emmanuel Macron",
            "Ludovic MARIN / AFP",
        ),
        ("Une archive. AFP/Archives", "Une archive.", "AFP/Archives"),
        ("A port in Tianjin. (Xinhua/Li Ming)", "A port in Tianjin.", "Xinhua/Li Ming"),
        (
            "A rocket lifts off. (Photo by Wang Jiangbo/Xinhua)",
            "A rocket lifts off.",
            "Photo by Wang Jiangbo/Xinhua",
        ),
        (
            "Officials in Washington. Photo by Bonnie Cash/UPI | License Photo",
            "Officials in Washington.",
            "Photo by Bonnie Cash/UPI",
        ),
        ("Senators at the Capitol. UPI/Jane Doe", "Senators at the Capitol.", "UPI/Jane Doe"),
        (
            "A rocket on the pad. Photo courtesy of NASA",
            "A rocket on the pad.",
            "Photo courtesy of NASA",
        ),
        (
            "Der Hafen am Morgen. Foto: Christian Charisius/dpa",
            "Der Hafen am Morgen.",
            "Christian Charisius/dpa",
        ),
        ("El presidente en Quito. EFE/José Jácome", "El presidente en Quito.", "EFE/José Jácome"),
        ("Piazza Affari a Milano. ANSA/CIRO FUSCO", "Piazza Affari a Milano.", "ANSA/CIRO FUSCO"),
        ("Operatori a Piazza Affari © ANSA", "Operatori a Piazza Affari", "© ANSA"),
        (
            "The minister speaks in Seoul on Nov. 19. (Yonhap)",
            "The minister speaks in Seoul on Nov. 19.",
            "Yonhap",
        ),
        ("The prime minister in Tokyo. (Kyodo)", "The prime minister in Tokyo.", "Kyodo"),
        ("Совещание в Кремле. Фото: Интерфакс", "Совещание в Кремле.", "Интерфакс"),
        # Xinhua's Chinese service: reporter and photographer before 摄, or 发 ("released")
        ("市民在公园赏花。新华社记者 李明 摄", "市民在公园赏花。", "新华社记者 李明 摄"),
        (
            "市民在公园赏花。（新华社记者李明、王强摄）",
            "市民在公园赏花。",
            "新华社记者李明、王强摄",
        ),
        ("市民在公园赏花。新华社发（张三摄）", "市民在公园赏花。", "新华社发（张三摄）"),
        ("新华社记者说，这是好事。", "新华社记者说，这是好事。", None),
        ("他们拍摄了一部纪录片。", "他们拍摄了一部纪录片。", None),
        ("A caption without any credit", "A caption without any credit", None),
    ],
)
def test_caption_and_credit_are_split(line: str, caption: str, credit: str | None) -> None:
    assert rules.split_caption_credit(line) == (caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "All news",
        "Top stories",
        "Latest",
        "Home > World > Europe",
        "Share",
        "Telegram VK X Copy link",
        "Tags: United Nations, Syria",
        "Read also: Kremlin comments on talks",
        "See also",
        "More: the full list of measures",
        "Sign up for our daily briefing",
        "We use cookies to improve your experience.",
        "Copyright 2026 The Associated Press. All rights reserved.",
        "© 1999-2026 TASS. All rights reserved.",
        "Updated 14:20 GMT",
        "Updated 2 hours ago",
        "Advertisement",
        # Stamps, meta lines and sign-offs of the other wires.
        "Nov. 19, 2026 / 9:47 AM",
        "News / Top News / U.S. News",
        "Newsroom › Top stories",
        "Publié le 05/02/2026 à 11h42",
        "Mis à jour le 5 février 2026 à 13h05",
        "19 de noviembre de 2026 | 12:47",
        "Aggiornato il 12 gennaio 2026, 15:32",
        "19.11.2026, 10:32 Uhr",
        "2026-11-19 14:32 KST",
        "Source: Xinhua | 2026-11-19 09:47:03 | Editor: huaxia",
        "Source: Xinhua",
        "KYODO NEWS - Nov 19, 2026 - 15:42 | Japan, All",
        "(END)",
        "==Kyodo",
        "Enditem",
        "/dpa/",
        "EFE jco/cbm (foto) (vídeo)",
        "ach/gd",
        "/ck/he",
        "kimsy@yna.co.kr",
        "#North Korea #satellite",
        # Related blocks, tags, prompts and footers in French, Spanish, Italian, German.
        "À lire aussi : Les prix du blé au plus bas",
        "Lea también: El Gobierno anuncia medidas",
        "Leggi anche",
        "Mehr zum Thema",
        "Mots-clés : UE, PAC",
        "Etiquetas: Ecuador, energía",
        "Schlagwörter: Hafen",
        "Nous utilisons des cookies pour mesurer l'audience.",
        "Questo sito utilizza cookie tecnici e di profilazione.",
        "Iscriviti alla newsletter",
        "RIPRODUZIONE RISERVATA © Copyright ANSA",
        "Partager",
        "Condividi",
    ],
)
def test_page_furniture_is_boilerplate(line: str) -> None:
    assert rules.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "More than 300 people were evacuated.",
        "Copyright holders say the law goes too far.",
        "Published in 1998, the report is still cited.",
        "He said yes/no questions were not enough.",
        "Subscribers to the service will pay more from January.",
        "Publicado el informe, el ministerio dijo que 20 personas resultaron heridas.",
        "Temas como la inflación dominaron la reunión.",
        "Stand der Dinge ist, dass die Gespräche weitergehen.",
        "Source: officials familiar with the talks said the deal was close.",
        "Source: Statistics Korea",
        "The vote was 52 / 48 in the end.",
        "He said yes/no",
    ],
)
def test_story_sentences_are_not_boilerplate(line: str) -> None:
    assert not rules.is_boilerplate(line)


def test_bold_only_paragraph_is_a_crosshead() -> None:
    html = (
        "<html><body><article><h1>Wheat exports rise</h1>"
        "<p>MOSCOW, November 19. /TASS/. Exports rose in November, analysts said.</p>"
        "<p><strong>Prices and logistics</strong></p>"
        "<p><b>Prices</b> held steady, they added.</p></article></body></html>"
    )
    story = clean_document(html, published_at=datetime.fromisoformat("2026-11-19T12:00:00+00:00"))
    assert [b.kind for b in story.blocks] == ["paragraph", "subheading", "paragraph"]
    assert story.blocks[1].text == "Prices and logistics"
    assert story.agency == "TASS"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Redazione ANSA", "Redazione ANSA"),
        ("Redacción EFE", "Redacción EFE"),
        ("By Kim Soo-yeon", "Kim Soo-yeon"),
        ("Von Anna Schmidt, dpa", "Anna Schmidt"),
        ("Por José Pérez y Ana Ruiz", "José Pérez y Ana Ruiz"),
        ("Par Élodie Martin, AFP", "Élodie Martin"),
        ("Von der Leyen", None),
        ("Por favor", None),
        ("Redazione centrale del giornale", None),
    ],
)
def test_house_bylines_are_bylines(line: str, expected: str | None) -> None:
    assert rules.byline_names(line) == expected


def test_caption_printed_as_a_paragraph_goes_to_media() -> None:
    html = (
        "<html><body><article><h1>Satellite launched</h1><div id='detailContent'>"
        "<p>BEIJING, Nov. 19 (Xinhua) -- China launched a satellite on Thursday.</p>"
        "<p><img src='launch.jpg' alt=''></p>"
        "<p>The rocket lifts off in Jiuquan, Nov. 19, 2026. (Xinhua/Wang Jiangbo)</p>"
        "<p>It was the 612th flight of the series.</p></div></article></body></html>"
    )
    story = clean_document(html, published_at=datetime.fromisoformat("2026-11-19T08:00:00+00:00"))
    assert [(m.caption, m.credit) for m in story.media] == [
        ("The rocket lifts off in Jiuquan, Nov. 19, 2026.", "Xinhua/Wang Jiangbo")
    ]
    assert "Wang Jiangbo" not in story.body
    assert story.body.endswith("It was the 612th flight of the series.")


def test_text_dump_drops_the_headlines_under_a_related_label() -> None:
    text = (
        "Satellite launched\n\n"
        "BEIJING, Nov. 19 (Xinhua) -- China launched a satellite on Thursday.\n\n"
        "It was the 612th flight of the series.\n\n"
        "Related News\n"
        "China sends new satellite group into orbit\n"
        "Scientists release crop monitoring data\n\n"
        "Launch schedule\n\n"
        "More launches are planned before the end of the year, officials said.\n"
    )
    story = clean_document(text, content_type="text/plain")
    assert "satellite group" not in story.body
    assert "crop monitoring" not in story.body
    assert [b.text for b in story.blocks if b.kind == "subheading"] == ["Launch schedule"]
    assert story.body.endswith("officials said.")


def test_text_dump_footer_with_copyright_sign_is_not_a_photo() -> None:
    text = (
        "Satellite launched\n\n"
        "BEIJING, Nov. 19 (Xinhua) -- China launched a satellite on Thursday.\n\n"
        "It was the 612th flight of the series.\n\n"
        "© AFP 2026\n"
    )
    story = clean_document(text, content_type="text/plain")
    assert story.media == ()
    assert "AFP 2026" not in story.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Related coverage:", True),
        ("Read More", True),
        ("Topics", True),
        ("See also", True),
        ("Most Viewed", True),
        ("Leggi anche", True),
        ("Related coverage: Japan eyes new budget", False),
        ("Tags: agriculture, grain", False),
        ("Topics discussed included trade.", False),
    ],
)
def test_link_list_labels(line: str, expected: bool) -> None:
    assert rules.is_link_list_label(line) is expected


@pytest.mark.parametrize(
    ("line", "signoff"),
    [
        (
            "(Reporting by Anna Lee; Editing by Tom Hart)",
            "Reporting by Anna Lee; Editing by Tom Hart",
        ),
        ("(END)", "(END)"),
        ("==Kyodo", "==Kyodo"),
        ("Enditem", "Enditem"),
        ("/dpa/", "/dpa/"),
        ("EFE jco/cbm (foto)", "EFE jco/cbm (foto)"),
        ("ach/gd", "ach/gd"),
        ("The talks end on Friday.", None),
        ("and/or", None),
    ],
)
def test_signoff_lines_are_recognised(line: str, signoff: str | None) -> None:
    assert rules.signoff_of(line) == signoff
