"""Dateline places on the map: names in other languages, regions, ambiguity, never a guess."""

from __future__ import annotations

import pytest

from etl.model import Dateline
from etl.transform.agencies import AGENCIES
from etl.transform.normalise import StoryContext, normalise_story
from etl.transform.places import country_name, is_known_place, is_known_region, resolve_place


@pytest.mark.parametrize(
    ("place", "region", "agency", "name", "country", "geonames_id"),
    [
        # local-language names
        ("Milano", None, "ANSA", "Milan", "IT", 3173435),
        ("Москва", None, "TASS", "Moscow", "RU", 524901),
        ("Bruxelles", None, "AFP", "Brussels", "BE", 2800866),
        ("Kiew", None, "dpa", "Kyiv", "UA", 703448),
        ("Den Haag", None, "dpa", "The Hague", "NL", 2747373),
        ("Moscú", None, "EFE", "Moscow", "RU", 524901),
        ("Nueva Delhi", None, "EFE", "New Delhi", "IN", 1261481),
        # regions: US states in AP style, countries
        ("Springfield", "Ill.", "AP", "Springfield", "US", 4250542),
        ("Los Angeles", "Calif.", "AP", "Los Angeles", "US", 5368361),
        ("Buffalo", "N.Y.", "AP", "Buffalo", "US", 5110629),
        ("Birmingham", "England", "AP", "Birmingham", "GB", 2655603),
        ("Kyiv", "Ukraine", "AP", "Kyiv", "UA", 703448),
        # the agency's home country settles a tie
        ("Birmingham", None, "AP", "Birmingham", "US", 4049979),
        ("Frankfurt/Main", None, "dpa", "Frankfurt am Main", "DE", 2925533),
        # ... unless the city abroad is a world city and the home one a town
        ("Paris", None, "AP", "Paris", "FR", 2988507),
        ("Boston", None, "Reuters", "Boston", "US", 4930956),
        # population, when one candidate dwarfs the rest
        ("Paris", None, None, "Paris", "FR", 2988507),
    ],
)
def test_places_resolve(
    place: str, region: str | None, agency: str | None, name: str, country: str, geonames_id: int
) -> None:
    found = resolve_place(place, region, agency)
    assert found is not None
    assert (found.name, found.country_code, found.geonames_id) == (name, country, geonames_id)
    assert -90 <= found.latitude <= 90 and -180 <= found.longitude <= 180


def test_a_us_region_is_named() -> None:
    found = resolve_place("San Francisco", "Calif.", "AP")
    assert found is not None
    assert found.region == "California"


@pytest.mark.parametrize(
    ("place", "region", "agency"),
    [
        ("Springfield", None, "AP"),  # a dozen US Springfields, none dominant
        ("Springfield", "England", "AP"),  # the region says elsewhere
        ("Gondor", None, None),  # unknown
        ("United Nations", None, "TASS"),  # not a city
        (None, None, "AP"),
        ("", None, None),
    ],
)
def test_unknown_or_ambiguous_places_stay_unresolved(
    place: str | None, region: str | None, agency: str | None
) -> None:
    assert resolve_place(place, region, agency) is None


def test_every_agency_home_country_is_a_country() -> None:
    for profile in AGENCIES.values():
        assert country_name(profile.home_country), profile.code


def test_normalise_puts_the_dateline_place_on_the_map() -> None:
    from etl.model import BodyBlock, CleanStory

    story = CleanStory(
        headline="Rain in the north",
        deck=None,
        blocks=(BodyBlock("paragraph", "Rain fell."),),
        dateline=Dateline("MILANO, 12 GEN -", "Milano", None, 1, 12, 2026, None, 17),
        agency="ANSA",
    )
    final = normalise_story(story, StoryContext(agency="ANSA"))
    assert final.place is not None
    assert (final.place.name, final.place.country_code) == ("Milan", "IT")
    assert final.to_json()["place"]["geonames_id"] == 3173435
    assert final.content_hash() == story.content_hash()  # placing is not a new version


@pytest.mark.parametrize(
    ("place", "region", "known"),
    [
        ("Washington", None, True),
        ("United Nations", None, True),
        ("Manhattan", "Kan.", True),  # the region is known
        ("Foxborough", None, False),  # a town the gazetteer lacks
        ("Us", None, False),  # a code: fewer than four letters
        ("Iraq", None, False),  # a country alone may be a section
        ("Update", None, False),
        ("Seoul/Washington", None, True),  # the first place counts
    ],
)
def test_is_known_place(place: str, region: str | None, known: bool) -> None:
    assert is_known_place(place, region) is known


def test_is_known_region() -> None:
    assert is_known_region("Mich.") and is_known_region("Venezuela") and is_known_region("GA")
    assert not is_known_region("Europe")
