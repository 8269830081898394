"""Parse the dateline that opens a wire story: ``PLACE, Month DD (AGENCY) -``.

Every agency has its own house style (see ``etl.transform.agencies``), and real
copy adds noise: odd capitals, lost or doubled spaces, stray punctuation, em
dashes, underscores, non-breaking spaces.  The parser reads the dateline as a
short sequence of parts, each recognised by a small anchored regex:

    [(AGENCY) -] PLACE[/PLACE] [, REGION] [, DATE | , WEEKDAY] [(AGENCY) | /AGENCY/ | AGENCY] SEP

and accepts only the combinations that a dateline really has (an agency marker
and a separator, or a date and a dash).  A market report's ``June 5 (Reuters) -``
has a date and a known agency but no place.  ``parse_dateline(text, alone=True)``
reads a dateline given alone, as an XML ``dateline`` element holds it
(``Rom (dpa) -``, ``KANSAS CITY, Mo.``): no separator and no lead needed, but
the whole text must be the dateline.  Anything else is not a dateline and gives
``None``: this module never guesses.

Forms accepted, one sample each (the constants below carry theirs):

* ``MOSCOW, Dec 21 (Reuters) -``, ``UNITED NATIONS, December 21. /TASS/.``
* ``Frankfurt/Main (dpa) -``, ``SEOUL/WASHINGTON (Reuters) -`` (places joined by a slash)
* ``NEW YORK, Jan 21\n(Reuters) -`` (one line break inside the dateline)
* ``Jan. 10 (Xinhua) --`` (a date and a known agency, no place)
* ``MELBOURNE, Feb 09 AAP -`` (a known agency without brackets before the dash)
* ``** BEIJING, Decmber 21 (Xinhua) --``, ``SEOUL, Nov 3 (YONHAP) --`` (leading asterisks,
  a misspelt or cut-short month, any case)
* ``SPRINGFIELD, Ill. Dec. 21 (UPI) --`` (a region with no comma before the date)

Decisions worth knowing:

* Only the first ``MAX_DATELINE_CHARS`` characters after leading whitespace are
  inspected, and every regex is flat (no nested quantifiers), so the cost per
  call is bounded whatever the input.
* An impossible date (``Feb 30``) still gives a dateline (the structure is
  there) but with ``month``, ``day`` and ``year`` all None.
* A weekday dateline (``LONDON, Tuesday (Reuters) -``) gives ``month``/``day``
  None.  Resolving it against the publication date is not reliable: the
  dateline uses the local day and a UTC timestamp can be a day earlier, which
  would move the story back by six days.
* A bracketed marker that is not a known agency (``(CNN)``, ``/PRNewswire/``)
  is accepted only after an upper-case place, and gives ``agency=None``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from collections.abc import Callable
from typing import Final

from etl.model import Dateline
from etl.transform.agencies import agency_of_marker, canonical_agency
from etl.transform.places import is_known_place, is_known_region

MAX_DATELINE_CHARS: Final = 200
"""How far into the text (after leading whitespace) a dateline may reach."""

MAX_EDITORS_NOTE_CHARS: Final = 400
"""How long an editor's note in brackets before the dateline may be."""

_MAX_PLACE_WORDS: Final = 6
_MAX_REGION_WORDS: Final = 3

# --- month and weekday names, as data --------------------------------------------

_MONTH_NAMES: Final[dict[int, tuple[str, ...]]] = {
    # English (full, 3-letter, "Sept"), French, Spanish, Portuguese, Italian,
    # German and Russian (genitive, as in "21 декабря") names and abbreviations.
    # Lower case; accents kept, unaccented spellings added where copy drops them.
    1: ("january", "jan", "janvier", "janv", "enero", "ene", "janeiro",
        "gennaio", "gen", "januar", "jänner", "jänn", "января", "янв"),
    2: ("february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev",
        "febrero", "fevereiro", "febbraio", "februar", "февраля", "фев"),
    3: ("march", "mar", "mars", "marzo", "março", "marco", "märz", "maerz", "mär",
        "mrz", "марта", "мар"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апр"),
    5: ("may", "mai", "mayo", "maio", "maggio", "mag", "мая"),
    6: ("june", "jun", "juin", "junio", "junho", "giugno", "giu", "juni", "июня", "июн"),
    7: ("july", "jul", "juillet", "juil", "julio", "julho", "luglio", "lug", "juli",
        "июля", "июл"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "августа", "авг"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "set",
        "setembro", "settembre", "сентября", "сен", "сент"),
    10: ("october", "oct", "octobre", "octubre", "outubro", "out", "ottobre", "ott",
         "oktober", "okt", "октября", "окт"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноя"),
    12: ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dic",
         "dezembro", "dez", "dicembre", "dezember", "декабря", "дек"),
}  # fmt: skip

_MONTH_NAMES_EN: Final[frozenset[str]] = frozenset(
    (
        "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may",
        "june", "jun", "july", "jul", "august", "aug", "september", "sep", "sept",
        "october", "oct", "november", "nov", "december", "dec",
    )
)  # fmt: skip

_MONTHS: Final[dict[str, int]] = {
    name: number for number, names in _MONTH_NAMES.items() for name in names
}
"""Month number by lower-case name or abbreviation (without a trailing dot)."""

_FULL_MONTHS_EN: Final[tuple[str, ...]] = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
"""English month names, for months cut short ("Septem") or misspelt ("Decmber")."""

_EDITABLE_MONTHS: Final[tuple[tuple[int, str], ...]] = (
    *((number, name) for number, name in enumerate(_FULL_MONTHS_EN, start=1) if len(name) >= 4),
    (9, "sept"),
)
"""The month names a misspelt month word is compared with (four letters or more)."""

_WEEKDAYS: Final[frozenset[str]] = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)

# Single words that open a line like a place but never are one: English weekdays
# and month names ("Tuesday, Dec 21 ...", "Dec. 21 ...").
_NOT_PLACES: Final[frozenset[str]] = _WEEKDAYS | _MONTH_NAMES_EN

# Words that stay lower case inside a place name ("Rio de Janeiro",
# "Port-au-Prince", "Stratford-upon-Avon"), except as the first word.
_PLACE_SMALL_WORDS: Final[frozenset[str]] = frozenset(
    (
        "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le",
        "les", "el", "al", "au", "aux", "sur", "en", "et", "y", "e", "of", "the",
        "and", "upon", "on", "am", "an", "im", "bei", "der", "den", "von", "van",
        "op", "ter", "zu", "sous", "lès",
    )
)  # fmt: skip

# Place-word abbreviations whose full stop belongs to the word ("ST. LOUIS"),
# not to the dateline ("MOSCOW. April 2").
_PLACE_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    ("st", "ste", "sta", "sto", "ft", "mt", "pt", "pto", "gen", "gral", "cd", "sv")
)

# AP style state abbreviations, the regions of US datelines ("CHATHAM, Mass.").
_REGION_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    (
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill",
        "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo",
        "mont", "neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt",
        "wash", "wis", "wyo", "co", "prov", "rep", "st",
    )
)  # fmt: skip

# --- regexes: each matches one part of a dateline, anchored at a position ----------

# Horizontal whitespace: a dateline never spans lines.  Includes NBSP and thin spaces.
_HS: Final = r"[^\S\r\n]"

# Dashes agencies use as separators: hyphen, hyphen/figure/en/em dash, bar, minus, "_".
_DASH: Final = r"[-‐‑‒–—―−_]"

# Leading whitespace, a stray byte-order mark and flash asterisks before the dateline.
# Sample: "\ufeff\n  \u00a0", "** "
_LEADING_WS_RE: Final = re.compile(r"[\s\ufeff*]*")

# Spaces with at most one line break: the gap between the parts of a dateline
# that a wire wrapped.  Samples: " ", "\n", "  \r\n "
_SP: Final = r"[^\S\r\n]{0,6}(?:\r?\n[^\S\r\n]{0,6})?"

# The Dutch article some place names open with ("des": of the), before a capital.
# Samples: "'s-" of "'s-Hertogenbosch", "'S-" of "'S-GRAVENHAGE", "’s-" of "’s-Gravendeel"
_DUTCH_ARTICLE_RE: Final = re.compile(r"['’][sS]-(?=[^\W\d_])")

# One word of a place or region: letters, with inner apostrophes, hyphens and dots.
# Samples: "MOSCOW", "PORT-AU-PRINCE", "N'DJAMENA", "N.Y", "Москва", "Bruxelles",
# "'S-HERTOGENBOSCH"
_WORD_RE: Final = re.compile(
    rf"(?:{_DUTCH_ARTICLE_RE.pattern})?" r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_])){0,39}"
)

# Space between two words of a place.  Sample: " ", "  ", "\u00a0"
_WORD_GAP_RE: Final = re.compile(_HS + r"{1,6}")

# Punctuation between parts, with optional spaces.  Samples: ", ", ". ", ",. ", ","
_GLUE_RE: Final = re.compile(_SP + r"(?P<punct>[,.]{0,2})" + _SP)

# Month, then day (an ordinal suffix allowed).
# Samples: "December 21", "Dec. 21", "MArch 3", "Sept 5", "Dec.21", "March 3rd"
_MONTH_DAY_RE: Final = re.compile(
    r"(?P<month>[^\W\d_]{3,10})(?![^\W\d_])\.?"
    + _SP
    + r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])"
)

# The second day of a date written across midnight, read past.
# Samples: "/1" (in "March 31/1"), "/April 1", "/Apr. 1"
_SECOND_DAY_RE: Final = re.compile(r"/(?:[^\W\d_]{3,10}\.?" + _HS + r"{0,2})?[0-9]{1,2}(?![0-9])")

# Day, then month.  Samples: "21 декабря", "5 févr", "12 GEN", "21. Dez.", "18 jun",
# "3rd September"
_DAY_MONTH_RE: Final = re.compile(
    r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\.?"
    + _HS
    + r"{0,3}(?P<month>[^\W\d_]{3,10})(?![^\W\d_])\.?"
)

# An explicit year after the day or month.  Samples: ", 2019", " 2025"
_YEAR_RE: Final = re.compile(_HS + r"{0,3},?" + _HS + r"{0,3}(?P<year>(?:19|20)[0-9]{2})(?![0-9])")

# A date in figures, day and month in either order, perhaps a year.
# Samples: "03/12", "3.12.", "25/12/2025", "12.25.25"
_NUMERIC_DATE_RE: Final = re.compile(
    r"(?P<a>[0-9]{1,2})[/.](?P<b>[0-9]{1,2})(?:[/.](?P<year>(?:19|20)?[0-9]{2}))?\.?(?![0-9])"
)

# A weekday in place of a date.  Sample: "Tuesday"
_WEEKDAY_RE: Final = re.compile(r"[^\W\d_]{6,9}(?![^\W\d_])")

# The agency marker, in brackets or slashes.  Samples: "(Reuters)", "/TASS/", "( AP )"
_MARK_RE: Final = re.compile(
    _SP + r"(?:\((?P<paren>[^()\r\n]{1,40})\)|/(?P<slash>[^/\r\n]{1,30})/)"
)

# What looks like an agency's name when the agency is not one we know.
# Samples: "CNN", "PRNewswire", "Bernama", "Jiji Press", "CNN/Money", "Sports Network"
_UNKNOWN_AGENCY_RE: Final = re.compile(r"[^\W\d_][\w&./' -]{0,29}")

# The separator after an agency marker: a dash (maybe after a full stop), a stop,
# a colon (ANI) or an equals sign (old wire).  Samples: " -", " —", " _", " --",
# ".-", "-", ".", ":", " ="
_MARK_SEPARATOR_RE: Final = re.compile(
    _SP + r"(?:\.?" + _HS + r"{0,3}" + _DASH + r"{1,3}|[.:=](?=\s|$))"
)

# A region in square brackets right after the place (ANI).  Sample: " [India]"
_BRACKET_REGION_RE: Final = re.compile(_HS + r"{0,3}\[(?P<region>[^\W\d_][^\]\r\n]{0,29})\]")

# A day with no month before the agency (Europa Press).  Sample: "5"
_DAY_ONLY_RE: Final = re.compile(r"[0-9]{1,2}(?![0-9])(?=" + _HS + r"{0,3}\()")

# The separator of a dateline without an agency: a dash, maybe after a stray comma
# or full stop.  Samples: " -", "-", " —", ", -"
_DASH_SEPARATOR_RE: Final = re.compile(_SP + r"[,.]?" + _SP + _DASH + r"{1,3}")

# The separator of a dateline with a place only (an agency's dateline with the
# agency cut off by a feed): a spaced dash before a capital.  Samples: " - ", " -- ", " — "
_SPACED_DASH_RE: Final = re.compile(_HS + r"{1,3}" + _DASH + r"{1,2}(?=" + _HS + r"{1,3}[^\W\d_])")

# A known agency named bare at the very start, then a spaced dash (a feed's credit
# for a story whose place it cut off, or a source label before the dateline).
# Samples: "AP - ", "Reuters - ", "AFP -- ", "Canadian Press - ", "Reuters - (A writer ..."
_LEADING_AGENCY_RE: Final = re.compile(
    r"(?P<name>[^\W\d_][\w.-]{1,20}(?:"
    + _HS
    + r"[^\W\d_][\w.-]{1,20}){0,3})"
    + _HS
    + r"{1,3}"
    + _DASH
    + r"{1,2}(?="
    + _HS
    + r"{1,3}(?:[^\W\d_]|[(\"'“‘]))"
)

# A word of an agency's name after its code.  Samples: "Deutsche", "Presse-Agentur"
_NAME_WORD_RE: Final = re.compile(r"[^\W\d_][\w.-]*")

# A byline on the dateline's line (AP feeds): "By" and a few names, then a run of
# spaces or a line break.  Samples: "By MICHAEL LIEDTKE     ", "By Jane Doe\n"
_BYLINE_RE: Final = re.compile(
    r"By"
    + _HS
    + r"(?:[^\W\d_][\w.'’-]{0,30},?"
    + _HS
    + r"(?!\s)){0,5}[^\W\d_][\w.'’-]{0,30}(?:"
    + _HS
    + r"{2,}|"
    + _HS
    + r"*\r?\n\s*)"
)

# An upper-case word with a mixed-case name prefix ("McLEAN", "DeKALB", "LaGRANGE").
# Sample: "McMURRAY"
_PREFIXED_UPPER_RE: Final = re.compile(
    r"(?P<head>Mc|Mac|De|Di|Du|La|Le|Van)(?P<rest>[^\W\d_a-z]{2,})"
)

# A known agency named without brackets before the dash: three letters or more,
# so a two-letter code ("PA", "AA", "TT") is never taken for a state or a word.
# Samples: "AAP", "dpa", "AFP", "Reuters"
_BARE_AGENCY_RE: Final = re.compile(r"(?P<name>[^\W\d_][\w.-]{2,14})(?![\w.-])")

# A known agency's marker with no separator, then the body (PTI, IANS, TT copy):
# spaces before a capital or a quote (checked in code).  Sample: " " in "(PTI) The"
_NO_SEPARATOR_GAP_RE: Final = re.compile(_HS + r"{1,3}")

# Datelines of the agencies' Chinese, Korean and Japanese services, each read whole.
# Xinhua and the agencies' Chinese services: "新华社北京12月3日电（记者张三）",
# "韩联社首尔12月3日电"
_XINHUA_ZH_RE: Final = re.compile(
    r"(?P<agency>[\u4e00-\u9fff]{1,4}社)(?P<place>[\u4e00-\u9fff]{2,10}?)"
    r"(?P<month>[0-9０-９]{1,2})月(?P<day>[0-9０-９]{1,2})日电"
    r"(?:[^\S\r\n]{0,2}[（(][^）)\r\n]{1,30}[）)])?"
)
# Yonhap: "(서울=연합뉴스) 홍길동 기자 ="
_YONHAP_KO_RE: Final = re.compile(
    r"[(（](?P<place>[가-힣]{1,10})[^\S\r\n]?=[^\S\r\n]?(?P<agency>연합뉴스)[)）]"
    r"(?:[^\S\r\n]{0,3}[가-힣]{2,5}(?:[^\S\r\n][가-힣]{2,5}){0,3}[^\S\r\n]?(?:기자|특파원)"
    r"[^\S\r\n]?=)?"
)
# Kyodo, Jiji and Yonhap's Japanese service: "【ワシントン共同】", "【北京時事】",
# "【ソウル聯合ニュース】"
_JA_BRACKET_RE: Final = re.compile(
    r"【(?P<place>[^】\s]{1,12}?)(?P<agency>共同|時事|聯合ニュース)】"
)
# AFP's Japanese site (AFPBB News): the date and the agency, no place: "【12月3日 AFP】"
_AFPBB_JA_RE: Final = re.compile(
    r"【(?P<month>[0-9０-９]{1,2})月(?P<day>[0-9０-９]{1,2})日[\s　]{0,2}(?P<agency>AFP)】"
)
# Reuters' Japanese service: "［東京　３日　ロイター］ -"
_REUTERS_JA_RE: Final = re.compile(
    r"[［\[](?P<place>[^］\]\s　0-9０-９]{1,12})[\s　]{0,2}(?:(?P<day>[0-9０-９]{1,2})日)?"
    r"[\s　]{0,2}(?P<agency>ロイター)[］\]](?:[\s　]{0,2}[-‐‑–—―－])?"
)

# An editor's note in brackets on its own line before the dateline (Reuters).
# Samples: "(Adds quotes, details)\n", "(This Dec. 3 story corrects the headline)\n\n"
_EDITORS_NOTE_RE: Final = re.compile(r"\([^()\r\n]{3,398}\)[^\S\r\n]*\r?\n\s*")

# Reuters' mark on a dateline it could not verify, read past before the place or date.
# Sample: "SAID TO BE DECEMBER 31, 2015", "ALEPPO, Syria, SAID TO BE"
_UNVERIFIED_RE: Final = re.compile(r"SAID" + _HS + r"{1,3}TO" + _HS + r"{1,3}BE" + _HS + r"{1,3}")

# A slash joining two places ("Frankfurt/Main", "SEOUL/WASHINGTON", "LONDON / TOKYO").
# Samples: "/", " / "
_PLACE_SLASH_RE: Final = re.compile(_HS + r"{0,2}/" + _HS + r"{0,2}(?=[^\W\d_])")

# What may close a dateline given alone: spaces, a stop, a dash.  Samples: " - ", ".", ""
_ALONE_END_RE: Final = re.compile(r"[\s.,:;\-‐‑‒–—―−_]*\Z")

# The agency-first prefix.  Sample: "(ANSA) -"
_PREFIX_RE: Final = re.compile(
    r"\((?P<agency>[^()\r\n]{1,40})\)" + _HS + r"{0,3}" + _DASH + r"{1,3}"
)

# Spaces after the prefix, before the place.  Sample: " "
_PREFIX_GAP_RE: Final = re.compile(_HS + r"{0,3}")

# Whitespace between the dateline and the body (may span lines).  Sample: " \n"
_BODY_GAP_RE: Final = re.compile(r"\s*")


# --- small helpers --------------------------------------------------------------


def _is_upper_word(word: str) -> bool:
    """True for an all-capitals word ("MOSCOW", "N.Y", "PORT-AU-PRINCE", "McLEAN")."""
    word = _DUTCH_ARTICLE_RE.sub("", word, count=1)  # "'s-" reads the same either way
    return word.isupper() or _PREFIXED_UPPER_RE.fullmatch(word) is not None


def _starts_upper(word: str) -> bool:
    """True for a word with a capital first letter ("Bruxelles", "Mass"), or a
    letter of a script without case ("باريس"), which is read like a capital."""
    article = _DUTCH_ARTICLE_RE.match(word)
    first = word[article.end() : article.end() + 1] if article else word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def _capitalise_part(part: str, *, first: bool) -> str:
    """One hyphen-free piece of an upper-case place word, in reading case."""
    lower = part.lower()
    if not first and lower in _PLACE_SMALL_WORDS:
        return lower
    if "'" in lower or "’" in lower:
        # "N'DJAMENA" -> "N'Djamena", "CÔTE D'IVOIRE" -> "d'Ivoire" (not first).
        quote = "'" if "'" in lower else "’"
        head, _, tail = lower.partition(quote)
        head = head if (not first and head in ("d", "l")) else head.capitalize()
        tail = tail if len(tail) == 1 else tail.capitalize()  # "JOHN'S" -> "John's"
        return f"{head}{quote}{tail}"
    return lower.capitalize()


def normalise_place(place: str) -> str:
    """Reading case for an upper-case place; a place already in mixed case stays.

    "UNITED NATIONS" -> "United Nations", "RIO DE JANEIRO" -> "Rio de Janeiro",
    "PORT-AU-PRINCE" -> "Port-au-Prince", "МОСКВА" -> "Москва".  Dotted codes
    ("U.S.", "N.Y") keep their capitals; only whitespace is tidied in mixed case.
    """
    if "/" in place:  # "SEOUL/WASHINGTON" -> "Seoul/Washington"
        return "/".join(normalise_place(part) for part in place.split("/"))
    words = place.split()
    if not all(_is_upper_word(word) or word.casefold() in _PLACE_SMALL_WORDS for word in words):
        return " ".join(words)
    out: list[str] = []
    for w_index, word in enumerate(words):
        article = _DUTCH_ARTICLE_RE.match(word)
        if article is not None:  # "'S-HERTOGENBOSCH" -> "'s-Hertogenbosch"
            out.append(article.group().lower() + normalise_place(word[article.end() :]))
            continue
        if "." in word.rstrip(".") or not word.isupper():
            prefixed = _PREFIXED_UPPER_RE.fullmatch(word)
            if prefixed is not None:  # "McMURRAY" -> "McMurray"
                word = prefixed.group("head") + prefixed.group("rest").capitalize()
            out.append(word)
            continue
        parts = word.split("-")
        out.append(
            "-".join(
                _capitalise_part(part, first=(w_index == 0 and p_index == 0))
                for p_index, part in enumerate(parts)
            )
        )
    return " ".join(out)


def _normalise_region(region: str) -> str:
    """Reading case for an upper-case region word of four letters or more.

    "MASS." -> "Mass.", "RUSSIA" -> "Russia"; short codes ("UK", "N.Y.", "USA") stay.
    """
    words = []
    for word in region.split():
        letters = word.rstrip(".")
        if word.isupper() and len(letters) >= 4 and "." not in letters:
            word = word.capitalize()
        words.append(word)
    return " ".join(words)


def _owns_full_stop(word: str, abbreviations: frozenset[str]) -> bool:
    """Whether a full stop right after ``word`` is part of it ("ST.", "Mass.", "D.C.").

    True for a known abbreviation, a dotted code or a single letter; after any
    other word the full stop is punctuation of the dateline ("MOSCOW. April 2").
    """
    return word.lower() in abbreviations or "." in word or len(word) == 1


def _word_at(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """The word at ``pos`` and where it ends, or None when no word starts there."""
    m = _WORD_RE.match(text, pos, end)
    if m is None:
        return None
    return m.group(), m.end()


def _starts_date_or_agency(text: str, pos: int, end: int, *, alone: bool = False) -> bool:
    """True when a date ("Dec 21") or a bare known agency and a dash ("AAP -") starts at ``pos``.

    Such a word closes a place written without a comma ("KUALA LUMPUR Sept 29",
    "MELBOURNE AAP -") instead of joining it.
    """
    if _scan_date(text, pos, end) is not None:
        return True
    return _bare_agency(text, pos, end, alone=alone) is not None


def _bare_agency(text: str, pos: int, end: int, *, alone: bool = False) -> tuple[str, int] | None:
    """A known agency named bare at ``pos`` and followed by a dash: (code, end of the dash).

    Only a known agency counts: "SYDNEY AAP -" is a dateline, "SYDNEY FOO -" is not.
    """
    m = _BARE_AGENCY_RE.match(text, pos, end)
    if m is None:
        return None
    code = canonical_agency(m.group("name"))
    if code is None:
        return None
    if alone and end == len(text) and _ALONE_END_RE.match(text, m.end(), end) is not None:
        return code, len(text.rstrip())  # "SYDNEY, Dec 3 AAP" given alone
    sep = _DASH_SEPARATOR_RE.match(text, m.end(), end)
    if sep is None or _dash_runs_into_digit(text, sep.end()):
        return None
    return code, sep.end()


def _scan_place(
    text: str, pos: int, end: int, *, alone: bool = False
) -> tuple[str, int, bool] | None:
    """Read a place: up to six words, all capitals or all capitalised.

    Returns (place as written, end position, is-all-capitals).  A full stop after
    a word is taken into the place only for abbreviations ("ST. LOUIS"); after
    any other word it ends the place ("MOSCOW. April 2").  Two places may be
    joined by a slash ("Frankfurt/Main", "München/Den Haag"); a date or a bare
    known agency ends the place ("KUALA LUMPUR Sept 29", "SYDNEY AAP -").
    """
    first = _word_at(text, pos, end)
    if first is None or not _starts_upper(first[0]):
        return None
    last_word, cursor = first
    upper = _is_upper_word(last_word)
    good_end = cursor  # end of the last word that may close a place
    count = 1
    while True:
        if (
            cursor < end
            and text[cursor] == "."
            and _owns_full_stop(last_word, _PLACE_ABBREVIATIONS)
        ):
            cursor += 1
            good_end = cursor
        if count >= _MAX_PLACE_WORDS:
            break
        slash = _PLACE_SLASH_RE.match(text, cursor, end)
        gap = slash or _WORD_GAP_RE.match(text, cursor, end)
        if gap is None:
            break
        nxt = _word_at(text, gap.end(), end)
        if nxt is None:
            break
        if slash is not None:
            if not _starts_upper(nxt[0]) or text.startswith("/", nxt[1]):
                break  # "MOSCOW/TASS/" is an agency marker, not a second place
        elif _starts_date_or_agency(text, gap.end(), end, alone=alone):
            break
        word, word_end = nxt
        lowered = word.lower()
        small = lowered in _PLACE_SMALL_WORDS
        if upper:
            if not (_is_upper_word(word) or (small and word.islower())):
                break  # "RIO de JANEIRO" keeps its small word; "MOSCOW Tuesday" ends
        elif not (_starts_upper(word) or small) or lowered in _WEEKDAYS:
            break
        count += 1
        cursor = word_end
        last_word = word
        if not small or _is_upper_word(word):
            good_end = cursor
    place = text[pos:good_end]
    if place.rstrip(".").casefold() in _NOT_PLACES:
        return None  # "Tuesday, Dec 21 (Reuters) -" has a date but no place
    if first[0].casefold() == "by" and count > 1:
        return None  # "By Jane Roe": a byline, not a place
    return place, good_end, upper


def _scan_region(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """Read a region after a place: "Mass.", "N.Y", "Russia", "South Korea".

    A full stop closes the region word when it is an AP state abbreviation, a
    dotted code ("D.C.") or a single letter.  Small words may join capitalised
    ones ("Antigua and Barbuda", "Isle of Man") but never end the region.
    """
    cursor = pos
    count = 0
    region_end = pos
    while count < _MAX_REGION_WORDS:
        if count:
            gap = _WORD_GAP_RE.match(text, cursor, end)
            if gap is None:
                break
            cursor = gap.end()
        nxt = _word_at(text, cursor, end)
        if nxt is not None and count and nxt[0].lower() in _PLACE_SMALL_WORDS:
            cursor = nxt[1]  # "and" in "Trinidad and Tobago": kept only if a name follows
            continue
        if nxt is None or not _starts_upper(nxt[0]):
            break
        word, cursor = nxt
        lowered = word.lower()
        if lowered in _MONTHS or lowered in _WEEKDAYS:
            break
        if cursor < end and text[cursor] == "." and _owns_full_stop(word, _REGION_ABBREVIATIONS):
            cursor += 1
        region_end = cursor
        count += 1
    if count == 0:
        return None
    return text[pos:region_end], region_end


def _one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one letter dropped, added, changed or swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def month_number(word: str) -> int | None:
    """The month a dateline's month word names, or None.

    Known names and abbreviations first ("Dec", "févr", "декабря"); then an
    English name cut short ("Septem", four letters or more) or misspelt by one
    letter ("Decmber", "Febuary", "Agust", "Juen", "Spet", four letters or more,
    against names of four letters or more, so "Mary" is no "May").  A word that
    could be two months is no month: this never guesses.
    """
    lower = word.casefold().rstrip(".")
    known = _MONTHS.get(lower)
    if known is not None:
        return known
    if len(lower) < 4:
        return None
    candidates = {
        number
        for number, name in _EDITABLE_MONTHS
        if name.startswith(lower) or _one_edit_apart(lower, name)
    }
    return candidates.pop() if len(candidates) == 1 else None


def _days_in(month: int, year: int | None) -> int:
    """Length of a month; February has 29 days when the year is not known."""
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def _scan_date(text: str, pos: int, end: int) -> tuple[int, int, int | None, int] | None:
    """Read a date at ``pos``: (month, day, explicit year or None, end position).

    The day may be out of range here; the caller decides what to do with it.
    """
    for regex in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        m = regex.match(text, pos, end)
        if m is None:
            continue
        month = month_number(m.group("month"))
        if month is None:
            continue
        day = int(m.group("day"))
        date_end = m.end()
        second = _SECOND_DAY_RE.match(text, date_end, end)
        if second is not None:  # "March 31/April 1": the first day is the dateline's
            date_end = second.end()
        year_match = _YEAR_RE.match(text, date_end, end)
        if year_match is not None:
            return month, day, int(year_match.group("year")), year_match.end()
        return month, day, None, date_end
    return None


def _scan_weekday(text: str, pos: int, end: int) -> int | None:
    """End of an English weekday name at ``pos`` ("Tuesday"), or None."""
    m = _WEEKDAY_RE.match(text, pos, end)
    if m is None or m.group().casefold() not in _WEEKDAYS:
        return None
    return m.end()


def resolve_year(month: int, day: int, reference_date: datetime.date) -> int | None:
    """The year that puts ``month``/``day`` closest to ``reference_date``.

    Looks at the reference year and the years either side, so a ``December 31``
    dateline on a story published on 2 January belongs to the previous year.
    A tie goes to the earlier year (stories are filed before they are published).
    Returns None when the day exists in none of them (Feb 29 far from a leap year).
    """
    best: tuple[int, int] | None = None
    for year in (reference_date.year - 1, reference_date.year, reference_date.year + 1):
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR or day > _days_in(month, year):
            continue
        distance = abs((datetime.date(year, month, day) - reference_date).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return None if best is None else best[1]


def _agency_of_mark(mark: re.Match[str], place_is_upper: bool) -> tuple[bool, str | None]:
    """Whether a bracketed marker is an agency marker, and the agency's code.

    A known agency always counts.  An unknown name counts only after an upper-case
    place ("NEW YORK (CNN) -") or after a place and a region or a date
    ("Athens, Greece (Sports Network) -"): after a lone Title-case word a
    bracket is too often ordinary prose.
    """
    name = mark.group("paren") or mark.group("slash") or ""
    code = agency_of_marker(name)
    if code is not None:
        return True, code
    stripped = name.strip()
    if place_is_upper and stripped[:1].isupper() and _UNKNOWN_AGENCY_RE.fullmatch(stripped):
        return True, None
    return False, None


def _finish(
    text: str,
    start: int,
    sep_end: int,
    *,
    place: str | None,
    region: str | None,
    date: tuple[int, int, int | None] | None,
    agency: str | None,
    reference_date: datetime.date | None,
) -> Dateline:
    """Build the Dateline: validate the date, resolve its year, find the body."""
    month: int | None = None
    day: int | None = None
    year: int | None = None
    if date is not None:
        d_month, d_day, d_year = date
        if 1 <= d_day <= _days_in(d_month, d_year):
            month, day, year = d_month, d_day, d_year
            if year is None and reference_date is not None:
                year = resolve_year(d_month, d_day, reference_date)
                if year is None:  # Feb 29 with no leap year in reach: impossible.
                    month = day = None
    gap = _BODY_GAP_RE.match(text, sep_end)
    body_offset = gap.end() if gap is not None else sep_end
    return Dateline(
        raw=text[start:sep_end],
        place=normalise_place(place) if place else None,
        region=_normalise_region(region) if region else None,
        month=month,
        day=day,
        year=year,
        agency=agency,
        body_offset=body_offset,
    )


# --- the parser -----------------------------------------------------------------


_Parsed = tuple[int, str | None, str | None, tuple[int, int, int | None] | None, str | None]
"""(separator end, place, region, date, agency) of a dateline read by a form."""


def _scan_date_or_weekday(
    text: str, pos: int, end: int
) -> tuple[tuple[int, int, int | None] | None, bool, int] | None:
    """A date or a weekday at ``pos``: (date or None, is-weekday, end), or None.

    A date in figures (``03/12``, ``3.12.``) counts like a weekday, needing an
    agency after it, and gives its date only when it reads one way: ``25/12``
    or ``12/25`` is 25 December, ``03/12`` (3 December or 12 March) is no date.
    """
    found = _scan_date(text, pos, end)
    if found is not None:
        return found[:3], False, found[3]
    wd_end = _scan_weekday(text, pos, end)
    if wd_end is not None:
        return None, True, wd_end
    numeric = _NUMERIC_DATE_RE.match(text, pos, end)
    if numeric is not None:
        first, second = int(numeric.group("a")), int(numeric.group("b"))
        year = numeric.group("year")
        full_year = int(year) if year is not None and len(year) == 4 else None
        if first == second or (second <= 12 < first):
            return (second, first, full_year), False, numeric.end()
        if first <= 12 < second:
            return (first, second, full_year), False, numeric.end()
        return None, True, numeric.end()
    return None


def _scan_after_place(
    text: str, cursor: int, end: int
) -> tuple[str | None, tuple[int, int, int | None] | None, bool, int]:
    """Read ``[, REGION][, DATE | , WEEKDAY]`` after a place: (region, date, weekday, end).

    The comma may be missing before a date ("KUALA LUMPUR Sept 29",
    "SPRINGFIELD, Ill. Dec. 21"): a month name and a day are plain enough.
    """
    region: str | None = None
    date: tuple[int, int, int | None] | None = None
    weekday = False
    bracket = _BRACKET_REGION_RE.match(text, cursor, end)
    if bracket is not None:  # "New Delhi [India], Aug 23 (ANI):"
        region, cursor = bracket.group("region"), bracket.end()
    glue = _GLUE_RE.match(text, cursor, end)
    if glue is None:
        return region, date, weekday, cursor
    punct = glue.group("punct")
    day_only = _DAY_ONLY_RE.match(text, glue.end(), end) if "," in punct else None
    if day_only is not None:  # "MADRID, 5 (EUROPA PRESS) -": the month is not said
        return region, date, weekday, day_only.end()
    after = glue.end()
    if punct or after > cursor:
        found = _scan_date_or_weekday(text, after, end)
        if found is not None and (punct or found[0] is not None or found[1]):
            date, weekday, cursor = found
        elif "," in punct and region is None:
            reg = _scan_region(text, after, end)
            if reg is not None:
                region, cursor = reg
                outer = _GLUE_RE.match(text, cursor, end)
                if outer is not None and outer.group("punct") == ",":
                    # "Hollywood, California, USA": the second region is read past;
                    # the first, nearer the place, is the dateline's region.
                    reg2 = _scan_region(text, outer.end(), end)
                    if reg2 is not None and _scan_date(text, outer.end(), end) is None:
                        cursor = reg2[1]
                glue2 = _GLUE_RE.match(text, cursor, end)
                if glue2 is not None and (glue2.group("punct") or glue2.end() > cursor):
                    found = _scan_date_or_weekday(text, glue2.end(), end)
                    if found is not None and (glue2.group("punct") or found[0] is not None):
                        date, weekday, cursor = found
    if weekday and date is None:
        # "LONDON, Tuesday, Dec 21 (Reuters) -": a date may follow the weekday.
        glue3 = _GLUE_RE.match(text, cursor, end)
        if glue3 is not None and glue3.group("punct") in (",", "") and glue3.end() > cursor:
            found_date = _scan_date(text, glue3.end(), end)
            if found_date is not None:
                date, cursor = found_date[:3], found_date[3]
    return region, date, weekday, cursor


def _scan_agency_marker(
    text: str,
    cursor: int,
    end: int,
    *,
    place_is_upper: bool,
    alone: bool = False,
    place_known: Callable[[], bool] = lambda: True,
) -> tuple[str | None, int] | None:
    """The agency marker after a dateline's place or date, and its separator.

    Bracketed or slashed (``(Reuters) -``, ``/TASS/.``), possibly after a full
    stop, or a known agency without brackets (``AAP -``).  Returns (agency code or
    None for an unknown bracketed name, end of the separator), or None.  A
    dateline given alone may end at its marker (``BEIJING, Dec. 3 (Xinhua)``);
    a known agency's marker with no separator needs a body opening with a
    capital and a place the gazetteer knows (``place_known``): ``Sports News,
    New Delhi, Oct 12 (IANS) The ...`` opens with a label, not a place.
    """
    before_mark = _GLUE_RE.match(text, cursor, end)
    mark_pos = before_mark.end() if before_mark is not None else cursor
    mark = _MARK_RE.match(text, mark_pos, end)
    if mark is not None:
        is_agency, agency = _agency_of_mark(mark, place_is_upper)
        if is_agency:
            if alone and end == len(text) and _ALONE_END_RE.match(text, mark.end(), end):
                return agency, len(text.rstrip())
            sep = _MARK_SEPARATOR_RE.match(text, mark.end(), end)
            if (
                sep is None
                and agency is not None
                and _body_follows(text, mark.end())
                and place_known()
            ):
                return agency, mark.end()  # "New Delhi, Jan 5 (PTI) The court ..."
            if sep is None or _dash_runs_into_digit(text, sep.end()):
                return None
            return agency, sep.end()
    gap = _WORD_GAP_RE.match(text, cursor, end)
    if gap is None and before_mark is not None and before_mark.group("punct"):
        gap = before_mark  # "Москва. 3 декабря. INTERFAX.RU -"
    if gap is not None:
        bare = _bare_agency(text, gap.end(), end, alone=alone)
        if bare is not None:
            return bare
    return None


def _parse_place_form(
    text: str, pos: int, end: int, *, prefix_agency: str | None, has_prefix: bool, alone: bool
) -> _Parsed | None:
    """Parse ``PLACE[, REGION][, DATE][ (AGENCY)] SEP`` starting at ``pos``.

    Returns (separator end, place, region, date, agency) or None.  After an
    agency prefix ("(ANSA) - MILANO, 12 GEN -") a dash alone is enough; a
    dateline given alone needs no separator at all.
    """
    scanned = _scan_place(text, pos, end, alone=alone)
    if scanned is None:
        return None
    place, cursor, place_upper = scanned
    region, date, weekday, cursor = _scan_after_place(text, cursor, end)
    joined = _place_after_region(text, cursor, end, region, date, upper=place_upper)
    if joined is not None:  # "SURABAYA, Indonesia/JAKARTA (Reuters) -"
        second, cursor = joined
        place = f"{place}/{second}"
        _, date, weekday, cursor = _scan_after_place(text, cursor, end)

    if not has_prefix:
        structured = place_upper or region is not None or date is not None
        marked = _scan_agency_marker(
            text,
            cursor,
            end,
            place_is_upper=structured,
            alone=alone,
            place_known=lambda: is_known_place(normalise_place(place), region),
        )
        if marked is not None:
            agency, sep_end = marked
            return sep_end, place, region, date, agency

    if alone and _ALONE_END_RE.match(text, cursor, end) is not None and end == len(text):
        return len(text.rstrip()), place, region, date, prefix_agency
    if alone and date is None and end == len(text):
        # A television dateline given alone: "Zenica - 5 Sept 2014" (APTN).
        dash = _DASH_SEPARATOR_RE.match(text, cursor, end)
        gap = _WORD_GAP_RE.match(text, dash.end(), end) if dash is not None else None
        found = _scan_date(text, gap.end(), end) if gap is not None else None
        if found is not None and _ALONE_END_RE.match(text, found[3], end) is not None:
            return len(text.rstrip()), place, region, found[:3], prefix_agency
    # No agency marker: a dash must follow a date (or the agency prefix), or a
    # place only that is surely one (see ``_is_place_only_dateline``).
    if date is None and not has_prefix:
        if weekday or not (place_upper or region is not None):
            return None
        spaced = _SPACED_DASH_RE.match(text, cursor, end)
        if spaced is None or not _is_place_only_dateline(place, region, upper=place_upper):
            return None
        return spaced.end(), place, region, None, None
    if weekday and date is None:
        return None
    sep = _DASH_SEPARATOR_RE.match(text, cursor, end)
    if sep is None or _dash_runs_into_digit(text, sep.end()):
        return None
    if not has_prefix and not place_upper and _starts_with_date(text, sep.end(), end):
        return None  # "Sales, May 5 - June 3 ...": a date range, not a dateline.
    return sep.end(), place, region, date, prefix_agency


def _place_after_region(
    text: str, cursor: int, end: int, region: str | None, date: object, *, upper: bool
) -> tuple[str, int] | None:
    """A second place joined by a slash after the first place's region, before any date.

    ``SURABAYA, Indonesia/JAKARTA (Reuters) -``: the story was reported from
    both; the second place is written like the first (capitals after capitals)
    and is not a slashed agency marker (``/TASS/``).
    """
    if region is None or date is not None:
        return None
    slash = _PLACE_SLASH_RE.match(text, cursor, end)
    if slash is None:
        return None
    scanned = _scan_place(text, slash.end(), end)
    if scanned is None or scanned[2] != upper or text.startswith("/", scanned[1]):
        return None
    return scanned[0], scanned[1]


def _is_place_only_dateline(place: str, region: str | None, *, upper: bool) -> bool:
    """Whether a place with no date and no agency is surely a dateline's.

    Feeds cut the agency off (``WASHINGTON -``, ``SEOUL, South Korea -``,
    ``MANHATTAN, Kan. --``, ``Caracas, Venezuela -``); a headline tag in
    capitals (``UPDATE -``) or a source label (``PC World -``) has the same
    shape.  An upper-case place counts when the gazetteer knows it or the
    region after it; a Title-case place only when the gazetteer knows both the
    place and the region after it (``Mobile -`` or ``Orange -`` alone may be a
    section or a company, ``Growth, Germany -`` is no place).
    """
    if not upper:
        return region is not None and is_known_region(region) and is_known_place(place)
    return is_known_place(normalise_place(place), region)


def _parse_date_form(text: str, pos: int, end: int, *, alone: bool) -> _Parsed | None:
    """Parse ``DATE (AGENCY) SEP``, a market report's dateline with no place.

    Only a known agency counts ("June 5 (Reuters) -", "Jan. 10 (Xinhua) --"):
    a date and a bracket in prose are not a dateline.  A date in capitals
    with its year is plain enough for an unknown source or a spaced dash alone
    ("SEPTEMBER 13, 2004 (COMPUTERWORLD) -", "AUGUST 25, 2004 --"), unless a
    second date follows (a range).  Given alone, the date may stand by itself
    ("DECEMBER 31, 2015").
    """
    found = _scan_date(text, pos, end)
    if found is None:
        return None
    if alone and end == len(text) and _ALONE_END_RE.match(text, found[3], end) is not None:
        return len(text.rstrip()), None, None, found[:3], None
    month_word = _WORD_RE.match(text, pos, end)
    capital_dated = found[2] is not None and month_word is not None and month_word.group().isupper()
    marked = _scan_agency_marker(text, found[3], end, place_is_upper=capital_dated, alone=alone)
    if marked is not None and (marked[0] is not None or capital_dated):
        agency, sep_end = marked
        return sep_end, None, None, found[:3], agency
    if capital_dated:
        spaced = _SPACED_DASH_RE.match(text, found[3], end)
        if spaced is not None and not _starts_with_date(text, spaced.end(), end):
            return spaced.end(), None, None, found[:3], None
    return None


def _parse_leading_agency(text: str, pos: int, end: int) -> _Parsed | None:
    """Parse a known agency named bare at the start, then a spaced dash.

    ``AP - A company said ...`` and ``Reuters - Shares rose ...`` (a feed's
    credit for a story whose place it cut off) give the agency alone;
    ``Canadian Press - OTTAWA (CP) - ...`` (a source label before the dateline)
    gives the dateline that follows.  A two-letter code counts only in capitals.
    """
    m = _LEADING_AGENCY_RE.match(text, pos, end)
    if m is None:
        return None
    name = m.group("name")
    code = canonical_agency(name)
    if code is None or (len(name) < 3 and not name.isupper()):
        return None
    gap = _BODY_GAP_RE.match(text, m.end(), end)
    after = gap.end() if gap is not None else m.end()
    inner = _parse_place_form(text, after, end, prefix_agency=None, has_prefix=False, alone=False)
    if inner is not None and inner[4] is not None:
        return inner
    if _scan_date(text, after, end) is not None:
        return None  # "KYODO NEWS - Nov 19, 2026 - 09:12": a site's stamp, not a credit
    if _names_agency(text, after, end, code):
        return None  # "dpa - Deutsche Presse Agentur GmbH": a legal line, not a credit
    return m.end(), None, None, None, code


def _names_agency(text: str, pos: int, end: int, code: str) -> bool:
    """True when the words at ``pos`` (up to four) name the agency ``code`` again."""
    words = [w.group() for w in _NAME_WORD_RE.finditer(text, pos, min(end, pos + 60))][:4]
    return any(canonical_agency(" ".join(words[:n])) == code for n in range(1, len(words) + 1))


def _body_follows(text: str, pos: int) -> bool:
    """True when spaces and a capital or an opening quote follow ``pos`` (a body's start)."""
    gap = _NO_SEPARATOR_GAP_RE.match(text, pos)
    if gap is None or gap.end() >= len(text):
        return False
    first = text[gap.end()]
    return first.isupper() or first in "\"'“‘«„"


def _parse_cjk_form(text: str, pos: int, end: int) -> _Parsed | None:
    """Parse a dateline of the Chinese, Korean or Japanese services, read whole.

    ``新华社北京12月3日电（记者张三）``, ``(서울=연합뉴스) 홍길동 기자 =``,
    ``【ワシントン共同】``, ``【12月3日 AFP】``, ``［東京　３日　ロイター］ -``: the agency
    must be known.
    """
    for regex in (_XINHUA_ZH_RE, _YONHAP_KO_RE, _JA_BRACKET_RE, _AFPBB_JA_RE, _REUTERS_JA_RE):
        m = regex.match(text, pos, end)
        if m is None:
            continue
        agency = canonical_agency(m.group("agency"))
        if agency is None:
            return None
        groups = m.groupdict()
        date: tuple[int, int, int | None] | None = None
        if groups.get("month") and groups.get("day"):
            month = int(groups["month"])
            if 1 <= month <= 12:
                date = (month, int(groups["day"]), None)
        return m.end(), groups.get("place"), None, date, agency
    return None


def _starts_with_date(text: str, pos: int, end: int) -> bool:
    """True when a date follows the spaces at ``pos`` (the far end of a range)."""
    gap = _WORD_GAP_RE.match(text, pos, end)
    return _scan_date(text, gap.end() if gap is not None else pos, end) is not None


def _dash_runs_into_digit(text: str, pos: int) -> bool:
    """True when a "dash" is really a range ("Feb 26-27") or a minus sign."""
    return pos < len(text) and text[pos].isdigit()


def _after_editors_note(
    text: str, start: int, reference_date: datetime.date | None
) -> Dateline | None:
    """The dateline on the line after an editor's note in brackets, or None.

    ``(Corrects spelling of name in paragraph 3)⏎LONDON, Dec 3 (Reuters) -``:
    the note is no dateline, the line after it is, when it names a known agency
    (a byline may come between).  The dateline's raw text starts after the note.
    """
    note = _EDITORS_NOTE_RE.match(text, start, start + MAX_EDITORS_NOTE_CHARS)
    if note is None or text.startswith("(", note.end()):
        return None  # one note only: never a chain of brackets
    parsed = parse_dateline(text[note.end() :], reference_date)
    if parsed is None or parsed.agency is None:
        return None
    return dataclasses.replace(parsed, body_offset=parsed.body_offset + note.end())


def parse_dateline(
    text: str, reference_date: datetime.date | None = None, *, alone: bool = False
) -> Dateline | None:
    """The dateline at the start of ``text``, or None when the text opens without one.

    ``reference_date`` (usually the publication date) supplies the year when the
    dateline has none; without it the year stays None rather than being guessed.
    ``text[result.body_offset:]`` is the body, starting at its first word.
    ``alone=True`` reads a dateline given alone (an XML ``dateline`` element):
    the whole text is the dateline, so no separator or lead is needed.
    """
    lead = _LEADING_WS_RE.match(text)
    start = lead.end() if lead is not None else 0
    end = min(len(text), start + MAX_DATELINE_CHARS)
    if start >= end:
        return None

    parsed: _Parsed | None
    unverified = _UNVERIFIED_RE.match(text, start, end)
    body_start = unverified.end() if unverified is not None else start
    cjk = (
        _parse_cjk_form(text, start, end)
        if text[start] in "(（【［[" or text[start] >= "一"
        else None
    )
    if cjk is not None:
        parsed = cjk
    elif text[start] == "(":
        prefix = _PREFIX_RE.match(text, start, end)
        bare_prefix = _MARK_RE.match(text, start, end) if prefix is None else None
        if bare_prefix is not None and _body_follows(text, bare_prefix.end()):
            # "(Belga) De regering ...": a known agency first, no separator.
            code = agency_of_marker(bare_prefix.group("paren") or "")
            if code is not None:
                return _finish(
                    text,
                    start,
                    bare_prefix.end(),
                    place=None,
                    region=None,
                    date=None,
                    agency=code,
                    reference_date=reference_date,
                )
        if prefix is None and not alone:
            return _after_editors_note(text, start, reference_date)
        if prefix is None or _dash_runs_into_digit(text, prefix.end()):
            return None
        agency = agency_of_marker(prefix.group("agency"))
        if agency is None:
            return None
        gap = _PREFIX_GAP_RE.match(text, prefix.end(), end)
        place_pos = gap.end() if gap is not None else prefix.end()
        parsed = _parse_place_form(
            text, place_pos, end, prefix_agency=agency, has_prefix=True, alone=alone
        )
        if parsed is None:
            # "(Reuters) - Apple said ...": the agency alone, no place.
            parsed = (prefix.end(), None, None, None, agency)
    else:
        leading = None if alone else _parse_leading_agency(text, start, end)
        byline = None if alone or leading is not None else _BYLINE_RE.match(text, start, end)
        if leading is not None:
            parsed = leading
        elif byline is not None:
            # "By JANE DOE     SAN FRANCISCO (AP) --": the dateline after the byline,
            # only with a known agency's marker.
            parsed = _parse_place_form(
                text, byline.end(), end, prefix_agency=None, has_prefix=False, alone=False
            )
            if parsed is None or parsed[4] is None:
                return None
            start = byline.end()
        else:
            parsed = _parse_place_form(
                text, body_start, end, prefix_agency=None, has_prefix=False, alone=alone
            ) or _parse_date_form(text, body_start, end, alone=alone)
        if parsed is None:
            return None

    sep_end, place, region, date, agency = parsed
    return _finish(
        text,
        start,
        sep_end,
        place=place,
        region=region,
        date=date,
        agency=agency,
        reference_date=reference_date,
    )
