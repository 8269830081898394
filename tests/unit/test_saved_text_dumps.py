"""Text dumps as people save them: mastheads and stamps above the headline, reading-time
labels, a photo between headline and lead, an editor's sign-off at the end.

The dumps in ``tests/fixtures/saved_text`` are written here in the agencies' real
page order (their sentences are ours). Each must give the headline, the
dateline, the photo in ``media`` and the sign-off as metadata, and a body of the
story's paragraphs only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.model import CleanStory
from etl.transform import rules
from etl.transform.clean import clean_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "saved_text"

# name -> (headline, dateline, (caption, credit), sign-off, first words of the body,
#          paragraphs and crossheads, what must not reach the body)
CASES = {
    "xinhua_container_terminal": (
        "China's southern port city opens new container terminal",
        "GUANGZHOU, Nov. 19 (Xinhua) --",
        (
            "Cranes stand at the new container terminal in Nansha, Guangzhou, south China's"
            " Guangdong Province, Nov. 19, 2026.",
            "Xinhua/Liu Dawei",
        ),
        "Editor: Zhang Wei",
        "A new automated container terminal opened on Thursday",
        3,
        ["Xinhua\n", "Updated", "min read", "Editor", "Liu Dawei"],
    ),
    "reuters_rail_strike": (
        "Rail unions in Portugal call off Friday strike after pay deal",
        "LISBON, Nov 19 (Reuters) -",
        (
            "Commuters wait on a platform at Oriente station in Lisbon, Portugal,"
            " November 18, 2026.",
            "REUTERS/Pedro Nunes",
        ),
        "Reporting by Ana Ferreira; Editing by Tomasz Janowski",
        "Portugal's two largest rail unions called off a strike",
        4,
        ["Updated", "4 min read", "Purchase Licensing Rights", "Editing by", "Europe"],
    ),
    "tass_icebreaker": (
        "Nuclear icebreaker completes first winter run on Northern Sea Route",
        "MURMANSK, November 19. /TASS/.",
        ("The nuclear icebreaker Yakutia in the Gulf of Ob", "© Lev Fedoseyev/TASS"),
        "Editor: Olga Smirnova",
        "The nuclear icebreaker Yakutia has completed its first winter escort run",
        2,
        ["tass.com", "Updated", "Reading time", "Gulf of Ob", "Editor"],
    ),
    "afp_port_marseille": (
        "Le port de Marseille rouvre après deux jours de grève des dockers",
        "Marseille, 19 nov 2026 (AFP) -",
        (
            "Des porte-conteneurs à quai dans le port de Marseille, le 18 novembre 2026.",
            "Nicolas TUCAT / AFP",
        ),
        "Rédaction : Claire Martin",
        "Le port de Marseille-Fos a rouvert jeudi matin",
        3,
        ["Mis à jour", "Temps de lecture", "TUCAT", "Rédaction"],
    ),
    # AP: section label, byline and a clock-first stamp above; the photo's alt text
    # repeats its caption; a contributor's line closes the story.
    "ap_kyiv_drones": (
        "Ukraine says it shot down 30 drones over Kyiv overnight",
        "KYIV, Ukraine (AP) —",
        (
            "Emergency workers clear debris after a drone attack in Kyiv, Ukraine,"
            " Wednesday, Nov. 19, 2026.",
            "AP Photo/Efrem Lukatsky",
        ),
        "Associated Press writer Hanna Arhirova contributed to this report.",
        "Ukraine's air force said Wednesday it shot down 30 of 34 drones",
        3,
        ["AP News", "World News", "Updated", "min read", "Lukatsky", "contributed"],
    ),
    # dpa on a partner site: two stamps on one line, "Lesedauer", dpa's item id at the end.
    "dpa_hafen_terminal": (
        "Hafen Hamburg eröffnet neues Containerterminal",
        "Hamburg (dpa) -",
        ("Containerschiffe liegen am Terminal Altenwerder.", "Christian Charisius/dpa"),
        "© dpa-infocom, dpa:261119-99-123456/2",
        "Der Hamburger Hafen hat am Donnerstag ein neues Containerterminal eröffnet",
        3,
        ["Veröffentlicht", "Aktualisiert", "Lesedauer", "Foto:", "dpa-infocom"],
    ),
    # EFE: a weekday-first stamp, the Spanish reading time, a desk sign-off.
    "efe_plan_vivienda": (
        "El Gobierno aprueba el plan de vivienda para jóvenes",
        "Madrid, 19 nov (EFE).-",
        (
            "Vista de un edificio en construcción en Madrid, el 18 de noviembre de 2026.",
            "EFE/Juan Pérez",
        ),
        "Redacción: María López",
        "El Consejo de Ministros aprobó este martes un plan de vivienda",
        3,
        ["Agencia EFE", "Jueves", "Tiempo de lectura", "Juan Pérez", "Redacción"],
    ),
    # Yonhap: weekday, date, clock and zone on one line; a clock icon before the
    # reading time; two editors sign off.
    "yonhap_missile_launch": (
        "N. Korea fires ballistic missile into East Sea: JCS",
        "SEOUL, Nov. 19 (Yonhap) --",
        (
            "A TV screen at Seoul Station shows a news report on North Korea's missile"
            " launch on Nov. 19, 2026.",
            "Yonhap",
        ),
        "Editors: Kim Soo-yeon, Lee Ji-hoon",
        "North Korea fired a short-range ballistic missile into the East Sea",
        3,
        ["Yonhap News Agency", "KST", "min read", "Editors"],
    ),
}


def _clean(name: str) -> CleanStory:
    data = (FIXTURES / f"{name}.txt").read_bytes()
    return clean_document(
        data, content_type="text/plain; charset=utf-8", agency_hint=name.split("_")[0]
    )


def test_every_saved_dump_has_its_case() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_saved_dump_splits_into_story_and_metadata(name: str) -> None:
    headline, dateline, photo, signoff, lead, blocks, unwanted = CASES[name]
    story = _clean(name)
    assert story.headline == headline
    assert story.deck is None, "masthead, stamps and reading time are not a deck"
    assert story.dateline is not None and story.dateline.raw == dateline
    assert [(m.caption, m.credit) for m in story.media] == [photo]
    assert story.signoff == signoff
    assert story.body.startswith(lead)
    assert len(story.blocks) == blocks
    for text in unwanted:
        assert text not in story.body, text


@pytest.mark.parametrize(
    ("line", "signoff"),
    [
        ("Editor: Zhang Wei", "Editor: Zhang Wei"),
        ("[Editor: huaxia]", "Editor: huaxia"),
        ("Edited by Jane Smith", "Edited by Jane Smith"),
        ("Редактор: Анна Петрова", "Редактор: Анна Петрова"),
        (
            "Reporting by Ana Ferreira; Additional reporting by Tom Hale in Porto,"
            " Rui Costa in Faro and Ines Lopes in Braga; Editing by Mark Doyle",
            "Reporting by Ana Ferreira; Additional reporting by Tom Hale in Porto,"
            " Rui Costa in Faro and Ines Lopes in Braga; Editing by Mark Doyle",
        ),
        ("Editorial board members met on Tuesday", None),
        ("Editors said the vote was close.", None),
        ("Editors: Kim Soo-yeon, Lee Ji-hoon", "Editors: Kim Soo-yeon, Lee Ji-hoon"),
        ("Editor：Zhang Wei", "Editor：Zhang Wei"),
        ("(责编：牛镛、岳弘彬)", "责编：牛镛、岳弘彬"),
        ("Redacción: María López", "Redacción: María López"),
        (
            "Associated Press writer Hanna Arhirova contributed to this report.",
            "Associated Press writer Hanna Arhirova contributed to this report.",
        ),
        (
            "—Associated Press writer John Leicester in Paris contributed to this report.",
            "Associated Press writer John Leicester in Paris contributed to this report.",
        ),
        (
            "With files from The Associated Press and Mohamed El Saife",
            "With files from The Associated Press and Mohamed El Saife",
        ),
        ("© dpa-infocom, dpa:261119-99-123456/2", "© dpa-infocom, dpa:261119-99-123456/2"),
        ("With files from the archive, the museum rebuilt the hall in 1950.", None),
        ("Several writers contributed essays to the collection.", None),
        # AP's closing line: where the writer was, then who helped
        (
            "Lee reported from Providence, Rhode Island. AP writer Ann Cole contributed reporting.",
            "Lee reported from Providence, Rhode Island. AP writer Ann Cole contributed reporting.",
        ),
        ("Lee reported from the scene that the staff had left.", None),
        # AP's credit of a member paper whose story it carries
        (
            "Information from: Knoxville News Sentinel, http://www.knoxnews.com",
            "Information from: Knoxville News Sentinel, http://www.knoxnews.com",
        ),
        ("Information from: the police said the road was closed.", None),
    ],
)
def test_editor_signoffs(line: str, signoff: str | None) -> None:
    assert rules.signoff_of(line) == signoff


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("3 min read", True),
        ("Reading time: 4 minutes", True),
        ("Lesezeit: 3 Minuten", True),
        ("Updated: 2026-11-19 16:05:12", True),
        ("Published: 19.11.2026 | Updated: 19.11.2026 12:47", True),
        ("Thursday, November 19, 2026 | 10:32 KST", True),
        ("19.11.2026 - Güncelleme : 19.11.2026", True),
        ("⏱ 3 min read", True),
        ("Lesedauer: 2 Min.", True),
        ("Okuma süresi: 3 dk", True),
        ("The trip takes 3 minutes by bus.", False),
        ("Donnerstag, 18. 7.", False),  # a live blog's day heading: no year, clock or minutes
        ("In March 2026 the port reopened.", False),
    ],
)
def test_reading_time_and_stamps_are_furniture(line: str, furniture: bool) -> None:
    assert rules.is_boilerplate(line) is furniture


@pytest.mark.parametrize(
    ("line", "site"),
    [("Xinhua", True), ("tass.com", True), ("Yonhap News Agency", True), ("Port reopens", False)],
)
def test_site_names_only_above_the_headline(line: str, site: bool) -> None:
    assert rules.is_boilerplate(line, above_headline=True) is site
    if site and line != "tass.com":
        assert not rules.is_boilerplate(line), "inside the body a name stays"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our daily World newsletter",
        "Abonnez-vous à notre newsletter",
        "We use cookies to improve your experience. Accept",
        "By continuing to use this site you agree",
        "Copyright 2026 The Associated Press. All rights reserved.",
        "RIPRODUZIONE RISERVATA © Copyright ANSA",
        "TOUS DROITS RÉSERVÉS",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Empfohlener redaktioneller Inhalt",
        "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden.",
        "YouTube-Inhalte erlauben",
        "To view this video please enable JavaScript, and consider upgrading your browser",
    ],
)
def test_patterns_skipped_by_their_words_still_match_their_examples(line: str) -> None:
    # PATTERN_WORDS lets a long paragraph skip the costly patterns: never a real match.
    name = rules.boilerplate_reason(line)
    assert name in rules.PATTERN_WORDS
    assert any(word in line.lower() for word in rules.PATTERN_WORDS[name])


@pytest.mark.parametrize(
    "caption",
    [
        "Rescuers at the site. EPA/JUSTIN LANE",
        "Rescuers at the site. (AP Photo/Efrem Lukatsky)",
        "Rescuers at the site. Ludovic MARIN / AFP",
        "Rescuers at the site. © Mikhail Metzel/TASS",
        "Rescuers at the site. Photo: Valery Sharifulin",
        "Rescuers at the site. Photo by Jane Doe.",
        "Rescuers at the site. Pool Photo via AP",
    ],
)
def test_credits_are_found_past_the_quick_check(caption: str) -> None:
    assert rules.split_caption_credit(caption)[1] is not None
