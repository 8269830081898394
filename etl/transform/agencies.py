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
    dateline carries no place we can place); ``home_country`` is its ISO 3166
    code (``etl.transform.places`` prefers that country for an ambiguous place);
    ``dateline_form`` is a sample of how its datelines look.

    What the boilerplate rules (``etl.transform.rules``) are built from, so that
    adding an agency means its profile, its layout and its fixtures:
    ``signoff_marks`` are regex fragments of the end marks it closes a story with
    (``==Kyodo``, ``/dpa/``); ``credit_names`` the spellings of its name in photo
    credits (``Name/TASS``, ``Photo by Name/UPI``); ``credit_first`` when its
    credits may put the agency first (``EFE/José Jácome``); ``credit_bracketed``
    when a caption may end with it in brackets (``(Yonhap)``, ``(Xinhua/Li Ming)``);
    ``byline_names`` how it signs after a byline or a desk (``Von Anna Schmidt, dpa``,
    ``Redazione ANSA``); ``source_lines`` regex fragments (matched whole, any case)
    of the lines its pages print beside a story to name it as the source
    (``Source: Xinhua``, ``KYODO NEWS - Nov 19, 2026 - 15:42 | Japan, All``).
    """

    code: str
    name: str
    aliases: tuple[str, ...]
    languages: tuple[str, ...]
    home_timezone: str
    home_country: str
    dateline_form: str
    notes: str = ""
    signoff_marks: tuple[str, ...] = ()
    credit_names: tuple[str, ...] = ()
    credit_first: bool = False
    credit_bracketed: bool = False
    byline_names: tuple[str, ...] = ()
    source_lines: tuple[str, ...] = ()


_PROFILES: Final[tuple[AgencyProfile, ...]] = (
    AgencyProfile(
        code="TASS",
        name="TASS Russian News Agency",
        aliases=("ITAR-TASS", "ТАСС", "ИТАР-ТАСС", "TASS Russian News Agency", "塔斯社"),
        languages=("ru", "en"),
        home_timezone="Europe/Moscow",
        home_country="RU",
        dateline_form="UNITED NATIONS, December 21. /TASS/.",
        notes="Agency in slashes after the date, then a full stop; "
        "Russian service: МОСКВА, 21 декабря. /ТАСС/.",
        credit_names=("TASS",),
    ),
    AgencyProfile(
        code="Reuters",
        name="Reuters",
        aliases=("Thomson Reuters", "Reuters News", "Reuter", "ロイター", "路透社", "رويترز"),
        languages=("en", "fr", "de", "es", "ja", "zh"),
        home_timezone="Europe/London",
        home_country="GB",
        dateline_form="MOSCOW, Dec 21 (Reuters) -",
        notes="Date often omitted (BEIRUT (Reuters) -) or a weekday (LONDON, Tuesday (Reuters) -); "
        "until the 1990s it signed Reuter.",
        credit_names=("Reuters", "REUTERS"),
    ),
    AgencyProfile(
        code="AP",
        name="The Associated Press",
        aliases=("Associated Press", "The Associated Press", "AP News", "美联社"),
        languages=("en", "es"),
        home_timezone="America/New_York",
        home_country="US",
        dateline_form="WASHINGTON (AP) —",
        notes="US places carry an AP state abbreviation (CHATHAM, Mass.); old copy uses _ as dash.",
        credit_names=("AP",),
    ),
    AgencyProfile(
        code="AFP",
        name="Agence France-Presse",
        aliases=("Agence France Presse", "AFP News", "أ ف ب", "法新社"),
        languages=("fr", "en", "es", "de", "pt", "ar"),
        home_timezone="Europe/Paris",
        home_country="FR",
        dateline_form="NAIROBI, Oct 3, 2019 (AFP) -",
        notes="French service writes day-month: Bruxelles, 5 févr 2025 (AFP) -.",
        credit_names=("AFP",),
        credit_bracketed=True,
        byline_names=("AFP",),
        # AFPBB News (the Japanese site) closes its copy with ``(c)AFP/Reporter NAME``
        signoff_marks=(r"\([cC]\)AFP(?:/[^\W\d_][\w .'’-]{1,40})?",),
    ),
    AgencyProfile(
        code="Xinhua",
        name="Xinhua News Agency",
        aliases=("Xinhua News Agency", "Xinhuanet", "新华社", "新華社", "Синьхуа", "شينخوا"),
        languages=("zh", "en", "fr", "es", "pt", "ru", "ar"),
        home_timezone="Asia/Shanghai",
        home_country="CN",
        dateline_form="BEIJING, Dec. 21 (Xinhua) --",
        notes="Double hyphen separator; foreign-language services use local month names.",
        signoff_marks=(r"Enditem\.?",),
        source_lines=(r"source\s*:\s*xinhua(?:net)?",),
        credit_names=("Xinhua", "XINHUA", "新华社"),
        credit_first=True,
        credit_bracketed=True,
    ),
    AgencyProfile(
        code="UPI",
        name="United Press International",
        aliases=("United Press International", "合众国际社"),
        languages=("en",),
        home_timezone="America/New_York",
        home_country="US",
        dateline_form="WASHINGTON, Dec. 21 (UPI) --",
        notes="Head office in Washington, D.C.",
        credit_names=("UPI",),
        credit_first=True,
        credit_bracketed=True,
    ),
    AgencyProfile(
        code="Interfax",
        name="Interfax",
        aliases=("Интерфакс", "Interfax News Agency", "Interfax.ru", "国际文传电讯社"),
        languages=("ru", "en"),
        home_timezone="Europe/Moscow",
        home_country="RU",
        dateline_form="MOSCOW. April 2 (Interfax) -",
        notes="Place is followed by a full stop, not a comma.",
        credit_names=("Interfax",),
        credit_bracketed=True,
    ),
    AgencyProfile(
        code="dpa",
        name="Deutsche Presse-Agentur",
        aliases=("Deutsche Presse Agentur", "dpa-AFX", "د ب أ", "德新社"),
        languages=("de", "en", "es", "ar"),
        home_timezone="Europe/Berlin",
        home_country="DE",
        dateline_form="Hamburg (dpa) -",
        notes="Code is lower-case by the agency's own style; places in Title case.",
        # ``/dpa/``; the item id closing dpa copy on partner sites:
        # ``dpa-infocom, dpa:261119-99-123456/2`` (with ``©`` before it on some).
        signoff_marks=(r"/dpa(?:-AFX)?/", r"(?:© )?dpa-infocom, dpa:\d{6}-\d{2}-\d{5,7}/\d+"),
        credit_names=("dpa",),
        credit_bracketed=True,
        byline_names=("dpa",),
    ),
    AgencyProfile(
        code="EFE",
        name="Agencia EFE",
        aliases=("Agencia EFE", "Agencia Efe", "埃菲社"),
        languages=("es", "en", "pt"),
        home_timezone="Europe/Madrid",
        home_country="ES",
        dateline_form="Quito, Jan 2 (EFE).-",
        notes="Separator is a full stop and a hyphen after the agency: (EFE).-",
        signoff_marks=(
            r"EFE(?: [a-z]{1,4}(?:[-/][a-z]{1,4})*)?(?: ?\((?:foto|fotos|vídeo|video|audio)\))*",
        ),
        credit_names=("EFE",),
        credit_first=True,
        credit_bracketed=True,
        byline_names=("EFE",),
    ),
    AgencyProfile(
        code="ANSA",
        name="Agenzia Nazionale Stampa Associata",
        aliases=("Agenzia Nazionale Stampa Associata", "ANSA.it", "安莎社"),
        languages=("it", "en"),
        home_timezone="Europe/Rome",
        home_country="IT",
        dateline_form="(ANSA) - MILANO, 12 GEN -",
        notes="Agency comes first, then place and an Italian upper-case month abbreviation.",
        signoff_marks=(r"\(ANSA\)\.",),
        credit_names=("ANSA",),
        credit_first=True,
        credit_bracketed=True,
        byline_names=("ANSA",),
    ),
    AgencyProfile(
        code="Kyodo",
        name="Kyodo News",
        aliases=("Kyodo News", "共同通信", "共同通信社", "共同", "共同社"),
        languages=("ja", "en", "zh"),
        home_timezone="Asia/Tokyo",
        home_country="JP",
        dateline_form="TOKYO (Kyodo) --",
        notes="",
        signoff_marks=(r"={1,2} ?Kyodo",),
        source_lines=(r"kyodo news\s*-\s*[a-z]{3}\.? \d{1,2},? \d{4}\b.{0,80}",),
        credit_names=("Kyodo",),
        credit_first=True,
        credit_bracketed=True,
    ),
    AgencyProfile(
        code="Yonhap",
        name="Yonhap News Agency",
        aliases=("Yonhap News Agency", "Yonhap News", "연합뉴스", "聯合ニュース", "韩联社"),
        languages=("ko", "en", "zh", "ja"),
        home_timezone="Asia/Seoul",
        home_country="KR",
        dateline_form="SEOUL, Nov. 3 (Yonhap) --",
        notes="",
        signoff_marks=(r"\(END\)",),
        credit_names=("Yonhap",),
        credit_first=True,
        credit_bracketed=True,
    ),
    # National agencies beyond the twelve: the same "(AGENCY) -" house style.
    AgencyProfile(
        code="AAP",
        name="Australian Associated Press",
        aliases=("Australian Associated Press",),
        languages=("en",),
        home_timezone="Australia/Sydney",
        home_country="AU",
        dateline_form="MELBOURNE, Feb 09 AAP -",
        notes="Wire copy names the agency bare before the dash; pages write (AAP).",
    ),
    AgencyProfile(
        code="ANP",
        name="Algemeen Nederlands Persbureau",
        aliases=("Algemeen Nederlands Persbureau",),
        languages=("nl",),
        home_timezone="Europe/Amsterdam",
        home_country="NL",
        dateline_form="DEN HAAG (ANP) -",
        credit_names=("ANP",),
    ),
    AgencyProfile(
        code="Keystone-SDA",
        name="Keystone-SDA-ATS",
        aliases=(
            "Keystone-SDA-ATS",
            "Keystone-ATS",
            "SDA",
            "ATS",
            "SDA-ATS",
            "Schweizerische Depeschenagentur",
            "Agence Télégraphique Suisse",
        ),
        languages=("de", "fr", "it"),
        home_timezone="Europe/Zurich",
        home_country="CH",
        dateline_form="Bern (sda) -",
        notes="German service signs (sda), French (ats).",
    ),
    AgencyProfile(
        code="STT",
        name="Suomen Tietotoimisto",
        aliases=("STT-Lehtikuva", "STT-Info"),
        languages=("fi", "sv", "en"),
        home_timezone="Europe/Helsinki",
        home_country="FI",
        dateline_form="HELSINKI (STT) -",
    ),
    AgencyProfile(
        code="NTB",
        name="Norsk Telegrambyrå",
        aliases=("Norsk Telegrambyraa", "NTB Scanpix"),
        languages=("nb", "nn", "en"),
        home_timezone="Europe/Oslo",
        home_country="NO",
        dateline_form="OSLO (NTB) -",
    ),
    AgencyProfile(
        code="TT",
        name="Tidningarnas Telegrambyrå",
        aliases=("TT Nyhetsbyrån", "Tidningarnas Telegrambyra"),
        languages=("sv",),
        home_timezone="Europe/Stockholm",
        home_country="SE",
        dateline_form="STOCKHOLM (TT) -",
    ),
    AgencyProfile(
        code="Ritzau",
        name="Ritzaus Bureau",
        aliases=("Ritzau Scanpix", "Ritzaus"),
        languages=("da",),
        home_timezone="Europe/Copenhagen",
        home_country="DK",
        dateline_form="KØBENHAVN (Ritzau) -",
    ),
    AgencyProfile(
        code="Belga",
        name="Agence Belga",
        aliases=("Belga News Agency", "Agentschap Belga"),
        languages=("nl", "fr", "en"),
        home_timezone="Europe/Brussels",
        home_country="BE",
        dateline_form="BRUSSEL (Belga) -",
    ),
    AgencyProfile(
        code="APA",
        name="Austria Presse Agentur",
        aliases=("Austria Presse Agentur", "APA-Austria Presse Agentur"),
        languages=("de",),
        home_timezone="Europe/Vienna",
        home_country="AT",
        dateline_form="Wien (APA) -",
    ),
    AgencyProfile(
        code="Anadolu",
        name="Anadolu Agency",
        aliases=(
            "AA",
            "Anadolu Ajansı",
            "Anadolu Ajansi",
            "Anadolu Agency",
            "AA English",
            "الأناضول",
        ),
        languages=("tr", "en", "ar", "fr", "ru"),
        home_timezone="Europe/Istanbul",
        home_country="TR",
        dateline_form="ANKARA (AA) -",
        credit_names=("Anadolu",),
    ),
    # Post-Soviet national agencies (real pages of their sites read by their layouts).
    AgencyProfile(
        code="RIA Novosti",
        name="RIA Novosti",
        aliases=("РИА Новости", "RIA-Novosti", "RIAN", "РИА «Новости»"),
        languages=("ru", "en", "es", "ar", "zh"),
        home_timezone="Europe/Moscow",
        home_country="RU",
        dateline_form="MOSCOW, April 10 (RIA Novosti)",
        notes="English copy of 2011 closes with this line on its own (no separator); "
        "Russian copy opens МОСКВА, 10 апр - РИА Новости.",
        signoff_marks=(r"[A-Z][A-Z .'-]+, [A-Z][a-z]+\.? \d{1,2} \(RIA Novosti\)",),
        credit_names=("RIA Novosti", "РИА Новости"),
    ),
    AgencyProfile(
        code="Ukrinform",
        name="Ukrinform",
        aliases=("Укрінформ", "Укринформ", "Ukrainian National News Agency"),
        languages=("uk", "ru", "en", "de", "fr", "es", "pl", "ja"),
        home_timezone="Europe/Kyiv",
        home_country="UA",
        dateline_form="KYIV (Ukrinform) -",
        credit_names=("Ukrinform", "Укринформ", "Укрінформ"),
        notes="Web copy has no dateline: the first sentence names the agency "
        "(Как передает Укринформ, ...; Ukrinform reports).",
    ),
    AgencyProfile(
        code="Kazinform",
        name="Kazinform",
        aliases=(
            "Казинформ",
            "Qazinform",
            "МИА «Казинформ»",
            "Kazinform International News Agency",
        ),
        languages=("kk", "ru", "en"),
        home_timezone="Asia/Almaty",
        home_country="KZ",
        dateline_form="ПЕТРОПАВЛОВСК. КАЗИНФОРМ –",
        notes="Place and agency in capitals, each closed by a full stop, then a dash; "
        "English: ASTANA. KAZINFORM -.",
    ),
    AgencyProfile(
        code="PTI",
        name="Press Trust of India",
        aliases=("Press Trust of India",),
        languages=("en", "hi"),
        home_timezone="Asia/Kolkata",
        home_country="IN",
        dateline_form="NEW DELHI, Aug 23 (PTI) -",
    ),
    AgencyProfile(
        code="IANS",
        name="Indo-Asian News Service",
        aliases=("Indo-Asian News Service", "Indo Asian News Service"),
        languages=("en", "hi"),
        home_timezone="Asia/Kolkata",
        home_country="IN",
        dateline_form="New Delhi, Aug 23 (IANS) -",
    ),
    AgencyProfile(
        code="ANI",
        name="Asian News International",
        aliases=("Asian News International",),
        languages=("en", "hi"),
        home_timezone="Asia/Kolkata",
        home_country="IN",
        dateline_form="New Delhi [India], Aug 23 (ANI):",
    ),
    AgencyProfile(
        code="CTK",
        name="Česká tisková kancelář",
        aliases=("ČTK", "Czech News Agency", "Ceska tiskova kancelar"),
        languages=("cs", "en"),
        home_timezone="Europe/Prague",
        home_country="CZ",
        dateline_form="Praha (ČTK) -",
    ),
    AgencyProfile(
        code="PAP",
        name="Polska Agencja Prasowa",
        aliases=("Polish Press Agency",),
        languages=("pl", "en"),
        home_timezone="Europe/Warsaw",
        home_country="PL",
        dateline_form="WARSZAWA (PAP) -",
    ),
    AgencyProfile(
        code="MTI",
        name="Magyar Távirati Iroda",
        aliases=("Magyar Taviirati Iroda", "Hungarian News Agency"),
        languages=("hu", "en"),
        home_timezone="Europe/Budapest",
        home_country="HU",
        dateline_form="Budapest (MTI) -",
    ),
    AgencyProfile(
        code="Lusa",
        name="Agência Lusa",
        aliases=("Agência Lusa", "Agencia Lusa"),
        languages=("pt",),
        home_timezone="Europe/Lisbon",
        home_country="PT",
        dateline_form="Lisboa, 12 jul (Lusa) -",
    ),
    AgencyProfile(
        code="Europa Press",
        name="Europa Press",
        aliases=("EP",),
        languages=("es", "ca", "en"),
        home_timezone="Europe/Madrid",
        home_country="ES",
        dateline_form="MADRID, 5 (EUROPA PRESS) -",
        notes="Date is often the day alone, no month.",
    ),
    AgencyProfile(
        code="ANA-MPA",
        name="Athens-Macedonian News Agency",
        aliases=("AMNA", "ANA", "ΑΠΕ-ΜΠΕ", "ΑΠΕ", "Athens News Agency"),
        languages=("el", "en"),
        home_timezone="Europe/Athens",
        home_country="GR",
        dateline_form="ATHENS (ANA-MPA) -",
    ),
    AgencyProfile(
        code="Jiji",
        name="Jiji Press",
        aliases=("Jiji Press", "時事通信", "時事通信社", "時事"),
        languages=("ja", "en"),
        home_timezone="Asia/Tokyo",
        home_country="JP",
        dateline_form="Tokyo, Feb. 3 (Jiji Press)--",
    ),
    AgencyProfile(
        code="Bernama",
        name="Malaysian National News Agency",
        aliases=("Pertubuhan Berita Nasional Malaysia", "NNN-BERNAMA", "Bernama News"),
        languages=("ms", "en"),
        home_timezone="Asia/Kuala_Lumpur",
        home_country="MY",
        dateline_form="KUALA LUMPUR, Sept 29 (Bernama) --",
    ),
    AgencyProfile(
        code="Antara",
        name="Antara News Agency",
        aliases=("LKBN ANTARA", "Antara News", "ANTARA News Agency"),
        languages=("id", "en"),
        home_timezone="Asia/Jakarta",
        home_country="ID",
        dateline_form="Jakarta (ANTARA) -",
    ),
    AgencyProfile(
        code="PNA",
        name="Philippine News Agency",
        aliases=("Philippine News Agency",),
        languages=("en", "fil"),
        home_timezone="Asia/Manila",
        home_country="PH",
        dateline_form="MANILA, Jan. 10 (PNA) --",
    ),
    AgencyProfile(
        code="CP",
        name="The Canadian Press",
        aliases=("Canadian Press", "La Presse Canadienne", "Presse Canadienne"),
        languages=("en", "fr"),
        home_timezone="America/Toronto",
        home_country="CA",
        dateline_form="LANGLEY, B.C. (CP) -",
        notes="Feeds put its name first as a source label: Canadian Press - OTTAWA (CP) -.",
    ),
    AgencyProfile(
        code="PA",
        name="PA Media",
        aliases=("Press Association", "PA Media", "PA Wire"),
        languages=("en",),
        home_timezone="Europe/London",
        home_country="GB",
        dateline_form="LONDON (PA) -",
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


def signoff_marks() -> tuple[str, ...]:
    """Every agency's end-mark regex fragments, in profile order."""
    return tuple(mark for p in _PROFILES for mark in p.signoff_marks)


def source_lines() -> tuple[str, ...]:
    """Every agency's source-line regex fragments, in profile order."""
    return tuple(line for p in _PROFILES for line in p.source_lines)


def credit_names(*, first: bool = False, bracketed: bool = False) -> tuple[str, ...]:
    """Agency names as photo credits print them; only the agencies that credit
    first (``first``) or in brackets (``bracketed``) when asked."""
    return tuple(
        name
        for p in _PROFILES
        if (not first or p.credit_first) and (not bracketed or p.credit_bracketed)
        for name in p.credit_names
    )


def byline_agency_names() -> tuple[str, ...]:
    """Agency names as they sign after a byline or a desk (``, dpa``, ``Redazione ANSA``)."""
    return tuple(name for p in _PROFILES for name in p.byline_names)


def names_pattern(names: tuple[str, ...], *extra: str) -> str:
    """A non-capturing alternation of literal names (longest first) and regex ``extra``."""
    literal = sorted({re.escape(n) for n in names}, key=lambda n: (-len(n), n))
    return "(?:" + "|".join([*literal, *extra]) + ")"


def canonical_agency(name: str) -> str | None:
    """The canonical code for an agency name as it appears in copy, or None if unknown.

    Slashes, brackets, dots, hyphens, case and surrounding whitespace are ignored,
    so ``/TASS/``, ``ITAR-TASS`` and ``ТАСС`` all give ``"TASS"``.
    """
    return _ALIAS_INDEX.get(_alias_key(name))


# Where a compound dateline marker splits: a slash, a hyphen, spaces.
# Sample: "dpa/lby" -> "dpa" | "lby"; "Reuters Health" -> "Reuters" | "Health"
_MARKER_SPLIT_RE: Final = re.compile(r"\s*[/\-‐‑–]\s*|\s+")

# A correspondent's title before the agency inside a marker.
# Samples: "Корр. ", "Спец. корр. ", "Спецкорр. ", "Corr. "
_CORRESPONDENT_RE: Final = re.compile(
    r"^(?:(?:Спец\.?\s?|Соб\.?\s?)?[Кк]орр\.?|Спецкорр\.?|Corr\.|Correspondent)\s+"
)

_MAX_MARKER_PARTS: Final = 4
"""A compound marker has at most this many parts ("Thomson Reuters Foundation")."""


def agency_of_marker(name: str) -> str | None:
    """The agency a dateline's bracketed or slashed marker names, or None.

    The whole name first (``ITAR-TASS``, ``dpa-AFX``); then the longest known
    leading part of a compound marker: a regional service (``dpa/lby``,
    ``Interfax-Ukraine``), a desk (``Reuters Health``, ``Thomson Reuters
    Foundation``) or a joint credit, whose first agency filed (``ANSA-AFP``,
    ``sda/dpa``, ``AP/Reuters``).
    """
    whole = canonical_agency(name)
    if whole is not None:
        return whole
    stripped = _CORRESPONDENT_RE.sub("", name.strip(), count=1)
    if stripped != name.strip():  # "/Корр. ТАСС Иван Иванов/": the agency's correspondent
        first = stripped.split(maxsplit=1)[0] if stripped.split() else ""
        return canonical_agency(first)
    cuts = [m.start() for m in _MARKER_SPLIT_RE.finditer(stripped) if m.start() > 0]
    if not cuts or len(cuts) >= _MAX_MARKER_PARTS:
        return None
    for cut in reversed(cuts):
        code = canonical_agency(stripped[:cut])
        if code is None:
            continue
        rest = stripped[cut:]
        if rest[:1].isspace() and not all(word[:1].isupper() for word in rest.split()):
            return None  # "Reuters is big": prose, not a desk ("Reuters Health")
        return code
    return None
