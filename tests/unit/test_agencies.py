"""The agency registry: aliases resolve to one code, every profile is usable."""

from __future__ import annotations

import zoneinfo

import pytest

from etl.transform.agencies import AGENCIES, AgencyProfile, agency_of_marker, canonical_agency

CODES = [
    "TASS", "Reuters", "AP", "AFP", "Xinhua", "UPI",
    "Interfax", "dpa", "EFE", "ANSA", "Kyodo", "Yonhap",
    # national agencies in the same "(AGENCY) -" form
    "AAP", "ANP", "Keystone-SDA", "STT", "NTB", "TT", "Ritzau", "Belga", "APA",
    "Anadolu", "PTI", "IANS", "ANI", "CTK", "PAP", "MTI", "Lusa", "Europa Press",
    "ANA-MPA", "Jiji", "Bernama", "Antara", "PNA", "CP", "PA",
    # post-Soviet national agencies whose sites we read
    "RIA Novosti", "Ukrinform", "Kazinform",
]  # fmt: skip


def test_registry_holds_exactly_the_agreed_codes() -> None:
    assert sorted(AGENCIES) == sorted(CODES)
    for code, profile in AGENCIES.items():
        assert isinstance(profile, AgencyProfile)
        assert profile.code == code


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("ITAR-TASS", "TASS"),
        ("Reuter", "Reuters"),  # how Reuters signed until the 1990s
        ("Canadian Press", "CP"),
        ("La Presse Canadienne", "CP"),
        ("/TASS/", "TASS"),
        ("ТАСС", "TASS"),
        ("TASS", "TASS"),
        ("tass", "TASS"),
        ("Associated Press", "AP"),
        ("AP", "AP"),
        ("(AP)", "AP"),
        ("Agence France-Presse", "AFP"),
        ("AFP", "AFP"),
        ("Xinhua", "Xinhua"),
        ("Xinhua News Agency", "Xinhua"),
        ("新华社", "Xinhua"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("dpa", "dpa"),
        ("DPA", "dpa"),
        ("Agencia EFE", "EFE"),
        ("EFE", "EFE"),
        ("ANSA", "ANSA"),
        ("Kyodo", "Kyodo"),
        ("Kyodo News", "Kyodo"),
        ("Yonhap", "Yonhap"),
        ("Yonhap News Agency", "Yonhap"),
        ("Interfax", "Interfax"),
        ("Интерфакс", "Interfax"),
        ("United Press International", "UPI"),
        ("UPI", "UPI"),
        ("Reuters", "Reuters"),
        ("Thomson Reuters", "Reuters"),
        ("  ( Reuters ).  ", "Reuters"),
        ("A.P.", "AP"),
        ("ANP", "ANP"),
        ("Australian Associated Press", "AAP"),
        ("sda", "Keystone-SDA"),
        ("ats", "Keystone-SDA"),
        ("STT-Lehtikuva", "STT"),
        ("Norsk Telegrambyrå", "NTB"),
        ("Ritzau", "Ritzau"),
        ("Belga", "Belga"),
        ("APA", "APA"),
        ("AA", "Anadolu"),
        ("Anadolu Ajansı", "Anadolu"),
        ("PTI", "PTI"),
        ("IANS", "IANS"),
        ("ČTK", "CTK"),
        ("Europa Press", "Europa Press"),
        ("ANA-MPA", "ANA-MPA"),
        ("Jiji Press", "Jiji"),
        ("BERNAMA", "Bernama"),
        ("ANTARA", "Antara"),
        ("PNA", "PNA"),
    ],
)
def test_aliases_resolve(alias: str, code: str) -> None:
    assert canonical_agency(alias) == code


@pytest.mark.parametrize("name", ["", "   ", "//", "CNN", "Bloomberg", "TASS News Wire", "Reuterz"])
def test_unknown_names_give_none(name: str) -> None:
    assert canonical_agency(name) is None


@pytest.mark.parametrize("code", CODES)
def test_every_code_and_name_resolves_to_itself(code: str) -> None:
    profile = AGENCIES[code]
    assert canonical_agency(code) == code
    assert canonical_agency(profile.name) == code
    for alias in profile.aliases:
        assert canonical_agency(alias) == code


@pytest.mark.parametrize("code", CODES)
def test_every_profile_has_a_language_a_timezone_and_a_sample(code: str) -> None:
    profile = AGENCIES[code]
    assert profile.languages
    assert all(lang and lang == lang.strip() for lang in profile.languages)
    zoneinfo.ZoneInfo(profile.home_timezone)  # raises when the zone does not exist
    assert profile.dateline_form
    assert len(profile.home_country) == 2 and profile.home_country.isupper()


def test_an_alias_claimed_by_two_agencies_is_refused_at_import() -> None:
    from etl.transform.agencies import _PROFILES, _build_alias_index

    clash = AgencyProfile(
        code="XYZ",
        name="Some Wire",
        aliases=("Agence France Presse",),
        languages=("en",),
        home_timezone="UTC",
        home_country="FR",
        dateline_form="PARIS (XYZ) -",
    )
    with pytest.raises(ValueError, match="claimed by AFP and XYZ"):
        _build_alias_index((*_PROFILES, clash))


@pytest.mark.parametrize("code", CODES)
def test_sample_dateline_parses_to_its_own_agency(code: str) -> None:
    from etl.transform.dateline import parse_dateline

    profile = AGENCIES[code]
    d = parse_dateline(profile.dateline_form + " Body.")
    assert d is not None
    assert d.agency == code


@pytest.mark.parametrize(
    ("marker", "code"),
    [
        ("dpa/lby", "dpa"),  # a regional service
        ("dpa-AFX", "dpa"),
        ("Interfax-Ukraine", "Interfax"),
        ("Reuters Health", "Reuters"),  # a desk
        ("Thomson Reuters Foundation", "Reuters"),
        ("ANSA-AFP", "ANSA"),  # a joint credit: the first agency filed
        ("sda/dpa", "Keystone-SDA"),
        ("AP/Reuters", "AP"),
        ("ITAR-TASS", "TASS"),
        ("Reuters is big", None),  # prose in brackets
        ("Sports Network", None),
        ("left", None),
        ("a/b/c/d/Reuters", None),
    ],
)
def test_agency_of_a_compound_marker(marker: str, code: str | None) -> None:
    assert agency_of_marker(marker) == code


@pytest.mark.parametrize(
    ("marker", "code"),
    [("Корр. ТАСС Иван Иванов", "TASS"), ("Спец. корр. ТАСС", "TASS"), ("Корр. Foo", None)],
)
def test_a_correspondent_inside_the_marker(marker: str, code: str | None) -> None:
    assert agency_of_marker(marker) == code
