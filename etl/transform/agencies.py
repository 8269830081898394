"""News agencies as named data: who they are, what they call themselves, how they date.

Wire copy names its agency in many spellings (``ITAR-TASS``, ``/TASS/``, ``ТАСС``,
``Agence France-Presse``); downstream code wants one code per agency.  The profiles
live here as data so that adding an agency or an alias is a one-line change and no
parser carries its own private list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final


@dataclass(frozen=True)
class AgencyProfile:
    """One news agency: its canonical ``code`` and the facts parsers rely on.

    ``aliases`` are the spellings met in copy (the code and name are aliases too);
    ``languages`` are BCP-47 codes of its services, main service first;
    ``home_timezone`` is the IANA zone of its head office (a fallback when a
    dateline carries no place we can place); ``dateline_form`` is a sample of how
    its datelines look.
    """

    code: str
    name: str
    aliases: tuple[str, ...]
    languages: tuple[str, ...]
    home_timezone: str
    dateline_form: str
    notes: str = ""


_PROFILES: Final[tuple[AgencyProfile, ...]] = (
    AgencyProfile(
        code="TASS",
        name="TASS Russian News Agency",
        aliases=("ITAR-TASS", "ТАСС", "ИТАР-ТАСС", "TASS Russian News Agency"),
        languages=("ru", "en"),
        home_timezone="Europe/Moscow",
        dateline_form="UNITED NATIONS, December 21. /TASS/.",
        notes="Agency in slashes after the date, then a full stop; "
        "Russian service: МОСКВА, 21 декабря. /ТАСС/.",
    ),
    AgencyProfile(
        code="Reuters",
        name="Reuters",
        aliases=("Thomson Reuters", "Reuters News"),
        languages=("en", "fr", "de", "es", "ja", "zh"),
        home_timezone="Europe/London",
        dateline_form="MOSCOW, Dec 21 (Reuters) -",
        notes="Date often omitted (BEIRUT (Reuters) -) or a weekday (LONDON, Tuesday (Reuters) -).",
    ),
    AgencyProfile(
        code="AP",
        name="The Associated Press",
        aliases=("Associated Press", "The Associated Press", "AP News"),
        languages=("en", "es"),
        home_timezone="America/New_York",
        dateline_form="WASHINGTON (AP) —",
        notes="US places carry an AP state abbreviation (CHATHAM, Mass.); old copy uses _ as dash.",
    ),
    AgencyProfile(
        code="AFP",
        name="Agence France-Presse",
        aliases=("Agence France Presse", "AFP News"),
        languages=("fr", "en", "es", "de", "pt", "ar"),
        home_timezone="Europe/Paris",
        dateline_form="NAIROBI, Oct 3, 2019 (AFP) -",
        notes="French service writes day-month: Bruxelles, 5 févr 2025 (AFP) -.",
    ),
    AgencyProfile(
        code="Xinhua",
        name="Xinhua News Agency",
        aliases=("Xinhua News Agency", "Xinhuanet", "新华社", "新華社"),
        languages=("zh", "en", "fr", "es", "pt", "ru", "ar"),
        home_timezone="Asia/Shanghai",
        dateline_form="BEIJING, Dec. 21 (Xinhua) --",
        notes="Double hyphen separator; foreign-language services use local month names.",
    ),
    AgencyProfile(
        code="UPI",
        name="United Press International",
        aliases=("United Press International",),
        languages=("en",),
        home_timezone="America/New_York",
        dateline_form="WASHINGTON, Dec. 21 (UPI) --",
        notes="Head office in Washington, D.C.",
    ),
    AgencyProfile(
        code="Interfax",
        name="Interfax",
        aliases=("Интерфакс", "Interfax News Agency"),
        languages=("ru", "en"),
        home_timezone="Europe/Moscow",
        dateline_form="MOSCOW. April 2 (Interfax) -",
        notes="Place is followed by a full stop, not a comma.",
    ),
    AgencyProfile(
        code="dpa",
        name="Deutsche Presse-Agentur",
        aliases=("Deutsche Presse Agentur", "dpa-AFX"),
        languages=("de", "en", "es", "ar"),
        home_timezone="Europe/Berlin",
        dateline_form="Hamburg (dpa) -",
        notes="Code is lower-case by the agency's own style; places in Title case.",
    ),
    AgencyProfile(
        code="EFE",
        name="Agencia EFE",
        aliases=("Agencia EFE", "Agencia Efe"),
        languages=("es", "en", "pt"),
        home_timezone="Europe/Madrid",
        dateline_form="Quito, Jan 2 (EFE).-",
        notes="Separator is a full stop and a hyphen after the agency: (EFE).-",
    ),
    AgencyProfile(
        code="ANSA",
        name="Agenzia Nazionale Stampa Associata",
        aliases=("Agenzia Nazionale Stampa Associata", "ANSA.it"),
        languages=("it", "en"),
        home_timezone="Europe/Rome",
        dateline_form="(ANSA) - MILANO, 12 GEN -",
        notes="Agency comes first, then place and an Italian upper-case month abbreviation.",
    ),
    AgencyProfile(
        code="Kyodo",
        name="Kyodo News",
        aliases=("Kyodo News", "共同通信", "共同通信社"),
        languages=("ja", "en", "zh"),
        home_timezone="Asia/Tokyo",
        dateline_form="TOKYO (Kyodo) --",
        notes="",
    ),
    AgencyProfile(
        code="Yonhap",
        name="Yonhap News Agency",
        aliases=("Yonhap News Agency", "Yonhap News", "연합뉴스"),
        languages=("ko", "en", "zh", "ja"),
        home_timezone="Asia/Seoul",
        dateline_form="SEOUL, Nov. 3 (Yonhap) --",
        notes="",
    ),
)

AGENCIES: Final[dict[str, AgencyProfile]] = {p.code: p for p in _PROFILES}
"""Every known agency, by canonical code."""

# Characters that decorate an agency name in copy but never distinguish one:
# the slashes of "/TASS/", the brackets of "(Reuters)", the dots of "A.P.".
# Sample: " /ITAR-TASS/. " -> "itar tass"
_DECORATION_RE: Final = re.compile(r"[/()\[\].,]")

# Hyphens and dashes inside a name ("ITAR-TASS", "France-Presse") compare as spaces.
# Sample: "France‐Presse" -> "France Presse"
_HYPHEN_RE: Final = re.compile(r"[-‐‑‒–—]")


def _alias_key(name: str) -> str:
    """The comparison form of a name: case-folded, undecorated, single-spaced."""
    bare = _HYPHEN_RE.sub(" ", _DECORATION_RE.sub("", name))
    return " ".join(bare.casefold().split())


def _build_alias_index(profiles: tuple[AgencyProfile, ...]) -> dict[str, str]:
    """Map every alias key to its code; refuse an alias claimed by two agencies."""
    index: dict[str, str] = {}
    for profile in profiles:
        for alias in (profile.code, profile.name, *profile.aliases):
            key = _alias_key(alias)
            owner = index.setdefault(key, profile.code)
            if owner != profile.code:
                raise ValueError(f"alias {alias!r} claimed by {owner} and {profile.code}")
    return index


_ALIAS_INDEX: Final = MappingProxyType(_build_alias_index(_PROFILES))


def canonical_agency(name: str) -> str | None:
    """The canonical code for an agency name as it appears in copy, or None if unknown.

    Slashes, brackets, dots, hyphens, case and surrounding whitespace are ignored,
    so ``/TASS/``, ``ITAR-TASS`` and ``ТАСС`` all give ``"TASS"``.
    """
    return _ALIAS_INDEX.get(_alias_key(name))
