"""Parse the dateline that opens a wire story: ``PLACE, Month DD (AGENCY) -``.

Every agency has its own house style (see ``etl.transform.agencies``), and real
copy adds noise: odd capitals, lost or doubled spaces, stray punctuation, em
dashes, underscores, non-breaking spaces.  The parser reads the dateline as a
short sequence of parts, each recognised by a small anchored regex:

    [(AGENCY) -]  PLACE  [, REGION]  [, DATE | , WEEKDAY]  [(AGENCY) | /AGENCY/]  SEPARATOR

and accepts only the combinations that a dateline really has (an agency marker
and a separator, or a date and a dash).  Anything else is not a dateline and
gives ``None``: this module never guesses.

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
import datetime
import re
from typing import Final

from etl.model import Dateline
from etl.transform.agencies import canonical_agency

MAX_DATELINE_CHARS: Final = 200
"""How far into the text (after leading whitespace) a dateline may reach."""

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

# Leading whitespace (and a stray byte-order mark) before the dateline.
# Sample: "\ufeff\n  \u00a0"
_LEADING_WS_RE: Final = re.compile(r"[\s\ufeff]*")

# One word of a place or region: letters, with inner apostrophes, hyphens and dots.
# Samples: "MOSCOW", "PORT-AU-PRINCE", "N'DJAMENA", "N.Y", "Москва", "Bruxelles"
_WORD_RE: Final = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_])){0,39}")

# Space between two words of a place.  Sample: " ", "  ", "\u00a0"
_WORD_GAP_RE: Final = re.compile(_HS + r"{1,3}")

# Punctuation between parts, with optional spaces.  Samples: ", ", ". ", ",. ", ","
_GLUE_RE: Final = re.compile(_HS + r"{0,3}(?P<punct>[,.]{0,2})" + _HS + r"{0,3}")

# Month, then day.  Samples: "December 21", "Dec. 21", "MArch 3", "Sept 5", "Dec.21"
_MONTH_DAY_RE: Final = re.compile(
    r"(?P<month>[^\W\d_]{3,10})(?![^\W\d_])\.?" + _HS + r"{0,3}(?P<day>[0-9]{1,2})(?![0-9])"
)

# Day, then month.  Samples: "21 декабря", "5 févr", "12 GEN", "21. Dez.", "18 jun"
_DAY_MONTH_RE: Final = re.compile(
    r"(?P<day>[0-9]{1,2})\.?" + _HS + r"{0,3}(?P<month>[^\W\d_]{3,10})(?![^\W\d_])\.?"
)

# An explicit year after the day or month.  Samples: ", 2019", " 2025"
_YEAR_RE: Final = re.compile(_HS + r"{0,3},?" + _HS + r"{0,3}(?P<year>(?:19|20)[0-9]{2})(?![0-9])")

# A weekday in place of a date.  Sample: "Tuesday"
_WEEKDAY_RE: Final = re.compile(r"[^\W\d_]{6,9}(?![^\W\d_])")

# The agency marker, in brackets or slashes.  Samples: "(Reuters)", "/TASS/", "( AP )"
_MARK_RE: Final = re.compile(
    _HS + r"{0,3}(?:\((?P<paren>[^()\r\n]{1,40})\)|/(?P<slash>[^/\r\n]{1,30})/)"
)

# What looks like an agency's name when the agency is not one we know.
# Samples: "CNN", "PRNewswire", "Bernama", "Jiji Press"
_UNKNOWN_AGENCY_RE: Final = re.compile(r"[^\W\d_][\w&.' -]{0,29}")

# The separator after an agency marker: a dash (maybe after a full stop) or a stop.
# Samples: " -", " —", " _", " --", ".-", "-", "."
_MARK_SEPARATOR_RE: Final = re.compile(
    _HS + r"{0,3}(?:\.?" + _HS + r"{0,3}" + _DASH + r"{1,3}|\.(?=\s|$))"
)

# The separator of a dateline without an agency: a dash only.  Samples: " -", "-", " —"
_DASH_SEPARATOR_RE: Final = re.compile(_HS + r"{0,3}" + _DASH + r"{1,3}")

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
    """True for an all-capitals word ("MOSCOW", "N.Y", "PORT-AU-PRINCE")."""
    return word.isupper()


def _starts_upper(word: str) -> bool:
    """True for a word with a capital first letter ("Bruxelles", "Mass")."""
    return word[:1].isupper()


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
        return f"{head}{quote}{tail.capitalize()}"
    return lower.capitalize()


def normalise_place(place: str) -> str:
    """Reading case for an upper-case place; a place already in mixed case stays.

    "UNITED NATIONS" -> "United Nations", "RIO DE JANEIRO" -> "Rio de Janeiro",
    "PORT-AU-PRINCE" -> "Port-au-Prince", "МОСКВА" -> "Москва".  Dotted codes
    ("U.S.", "N.Y") keep their capitals; only whitespace is tidied in mixed case.
    """
    words = place.split()
    if not place.isupper():
        return " ".join(words)
    out: list[str] = []
    for w_index, word in enumerate(words):
        if "." in word.rstrip("."):
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


def _scan_place(text: str, pos: int, end: int) -> tuple[str, int, bool] | None:
    """Read a place: up to six words, all capitals or all capitalised.

    Returns (place as written, end position, is-all-capitals).  A full stop after
    a word is taken into the place only for abbreviations ("ST. LOUIS"); after
    any other word it ends the place ("MOSCOW. April 2").
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
        gap = _WORD_GAP_RE.match(text, cursor, end)
        if gap is None:
            break
        nxt = _word_at(text, gap.end(), end)
        if nxt is None:
            break
        word, word_end = nxt
        lowered = word.lower()
        small = lowered in _PLACE_SMALL_WORDS
        if upper:
            if not _is_upper_word(word):
                break
        elif not (_starts_upper(word) or small) or lowered in _WEEKDAYS:
            break
        count += 1
        cursor = word_end
        last_word = word
        if upper or not small:
            good_end = cursor
    place = text[pos:good_end]
    if place.rstrip(".").casefold() in _NOT_PLACES:
        return None  # "Tuesday, Dec 21 (Reuters) -" has a date but no place
    return place, good_end, upper


def _scan_region(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """Read a region after a place: "Mass.", "N.Y", "Russia", "South Korea".

    A full stop closes the region word when it is an AP state abbreviation, a
    dotted code ("D.C.") or a single letter.
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
        month = _MONTHS.get(m.group("month").casefold())
        if month is None:
            continue
        day = int(m.group("day"))
        year_match = _YEAR_RE.match(text, m.end(), end)
        if year_match is not None:
            return month, day, int(year_match.group("year")), year_match.end()
        return month, day, None, m.end()
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
    place ("NEW YORK (CNN) -"): after a Title-case word a bracket is too often
    ordinary prose.
    """
    name = mark.group("paren") or mark.group("slash") or ""
    code = canonical_agency(name)
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


def _parse_place_form(
    text: str, pos: int, end: int, *, prefix_agency: str | None, has_prefix: bool
) -> tuple[int, str, str | None, tuple[int, int, int | None] | None, str | None] | None:
    """Parse ``PLACE[, REGION][, DATE][ (AGENCY)] SEP`` starting at ``pos``.

    Returns (separator end, place, region, date, agency) or None.  After an
    agency prefix ("(ANSA) - MILANO, 12 GEN -") a dash alone is enough.
    """
    scanned = _scan_place(text, pos, end)
    if scanned is None:
        return None
    place, cursor, place_upper = scanned
    region: str | None = None
    date: tuple[int, int, int | None] | None = None
    weekday = False

    glue = _GLUE_RE.match(text, cursor, end)
    if glue is not None and glue.group("punct"):
        after = glue.end()
        found = _scan_date(text, after, end)
        if found is not None:
            date, cursor = found[:3], found[3]
        elif (wd_end := _scan_weekday(text, after, end)) is not None:
            weekday, cursor = True, wd_end
        elif "," in glue.group("punct"):
            reg = _scan_region(text, after, end)
            if reg is not None:
                region, cursor = reg
                glue2 = _GLUE_RE.match(text, cursor, end)
                if glue2 is not None and glue2.group("punct"):
                    found = _scan_date(text, glue2.end(), end)
                    if found is not None:
                        date, cursor = found[:3], found[3]
                    elif (wd_end := _scan_weekday(text, glue2.end(), end)) is not None:
                        weekday, cursor = True, wd_end
        if weekday and date is None:
            # "LONDON, Tuesday, Dec 21 (Reuters) -": a date may follow the weekday.
            glue3 = _GLUE_RE.match(text, cursor, end)
            if glue3 is not None and glue3.group("punct") == ",":
                found = _scan_date(text, glue3.end(), end)
                if found is not None:
                    date, cursor = found[:3], found[3]

    # The agency marker, possibly after a full stop ("December 21. /TASS/.").
    before_mark = _GLUE_RE.match(text, cursor, end)
    mark_pos = before_mark.end() if before_mark is not None else cursor
    mark = _MARK_RE.match(text, mark_pos, end)
    if mark is not None and not has_prefix:
        is_agency, agency = _agency_of_mark(mark, place_upper)
        if is_agency:
            sep = _MARK_SEPARATOR_RE.match(text, mark.end(), end)
            if sep is None or _dash_runs_into_digit(text, sep.end()):
                return None
            return sep.end(), place, region, date, agency

    # No agency marker: a dash must follow a date (or the agency prefix).
    if date is None and not has_prefix:
        return None
    if weekday and date is None:
        return None
    sep = _DASH_SEPARATOR_RE.match(text, cursor, end)
    if sep is None or _dash_runs_into_digit(text, sep.end()):
        return None
    if not has_prefix and _starts_with_date(text, sep.end(), end):
        return None  # "Sales, May 5 - June 3 ...": a date range, not a dateline.
    return sep.end(), place, region, date, prefix_agency


def _starts_with_date(text: str, pos: int, end: int) -> bool:
    """True when a date follows the spaces at ``pos`` (the far end of a range)."""
    gap = _WORD_GAP_RE.match(text, pos, end)
    return _scan_date(text, gap.end() if gap is not None else pos, end) is not None


def _dash_runs_into_digit(text: str, pos: int) -> bool:
    """True when a "dash" is really a range ("Feb 26-27") or a minus sign."""
    return pos < len(text) and text[pos].isdigit()


def parse_dateline(text: str, reference_date: datetime.date | None = None) -> Dateline | None:
    """The dateline at the start of ``text``, or None when the text opens without one.

    ``reference_date`` (usually the publication date) supplies the year when the
    dateline has none; without it the year stays None rather than being guessed.
    ``text[result.body_offset:]`` is the body, starting at its first word.
    """
    lead = _LEADING_WS_RE.match(text)
    start = lead.end() if lead is not None else 0
    end = min(len(text), start + MAX_DATELINE_CHARS)
    if start >= end:
        return None

    if text[start] == "(":
        prefix = _PREFIX_RE.match(text, start, end)
        if prefix is None or _dash_runs_into_digit(text, prefix.end()):
            return None
        agency = canonical_agency(prefix.group("agency"))
        if agency is None:
            return None
        gap = _PREFIX_GAP_RE.match(text, prefix.end(), end)
        place_pos = gap.end() if gap is not None else prefix.end()
        parsed = _parse_place_form(text, place_pos, end, prefix_agency=agency, has_prefix=True)
        if parsed is None:
            # "(Reuters) - Apple said ...": the agency alone, no place.
            return _finish(
                text,
                start,
                prefix.end(),
                place=None,
                region=None,
                date=None,
                agency=agency,
                reference_date=reference_date,
            )
    else:
        parsed = _parse_place_form(text, start, end, prefix_agency=None, has_prefix=False)
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
