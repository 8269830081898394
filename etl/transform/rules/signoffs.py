"""Bylines and sign-offs: who wrote and edited a story, kept as metadata, not body.

Byline lines above the story, house bylines, reporting/editing sign-offs, the
agencies' end marks, editors' initials and a reporter's contact address.
"""

from __future__ import annotations

import re
from typing import Final

from etl.transform.agencies import byline_agency_names, names_pattern, signoff_marks

# Agency sign-offs that close a story and carry nothing for the reader, built
# from the profiles' signoff_marks (etl/transform/agencies.py).
# Example: ``(END)`` (Yonhap), ``==Kyodo``, ``Enditem`` (Xinhua), ``/dpa/``,
# ``EFE jco/cbm (foto) (vídeo)``, ``EFE mm/xx``.
AGENCY_SIGNOFF_RE: Final = re.compile("^(?:" + "|".join(signoff_marks()) + ")$")

# An agency's end mark run into the story's last paragraph, after a space, as
# ansa.it prints ``... designato per Torino-Roma. (ANSA).``, or right after a
# Chinese or Japanese full stop or closing quote, as afpbb.com prints
# ``...と述べた。(c)AFP/Jane DOE``.
RUN_IN_SIGNOFF_RE: Final = re.compile(
    r"(?:\s+|(?<=[。」』）]))(?P<mark>" + "|".join(signoff_marks()) + ")$"
)

# An editor's sign-off closing a story, as Xinhua, CGTN and many sites print it,
# bracketed or not; in English, French, Spanish, Italian, German and Russian.
# Example: ``Editor: Zhang Wei``, ``[Editor: huaxia]``, ``Edited by Jane Smith``,
# ``Web editor: Li Yan``, ``Redakteur: Max Muster``, ``Редактор: Анна Петрова``,
# ``Editors: Zhang Wei, Li Ming``, ``Redacción: María López``, ``Editor：Zhang Wei``
# (a full-width colon, as Chinese sites print it), ``(责编：牛镛、岳弘彬)``.
EDITOR_SIGNOFF_RE: Final = re.compile(
    r"^[\[(（]?(?:(?:(?:web |chief |responsible |duty )?editors?|redakteur(?:in)?|redaktion"
    r"|rédacteur|rédaction|redactor|redacción|redattore|redazione|редактор)\s*[:：]"
    r"|edited by)\s*[\w.'’, -]{2,60}[\])）]?$"
    r"|^[(（]?(?:责编|责任编辑|编辑)[:：]\s*[\w、，, ]{1,40}[)）]?$",
    re.IGNORECASE,
)

# Lines crediting other reporters or sources with a share of the story.
# Example: ``Associated Press writer Hanna Arhirova contributed to this report.``,
# ``—Associated Press writer John Leicester in Paris contributed to this report.``,
# ``With files from The Associated Press and Mohamed El Saife``,
# ``With reporting by Associated Press writer Sheikh Saaliq``,
# ``Additional reporting from PA``, ``With reports from Reforma and El Economista``,
# ``McDermott reported from Providence, Rhode Island. AP writer Will Weissert
# contributed reporting.`` (AP's closing line: where a writer was, then the help).
# The names after ``with files from`` are names: capitalised words, joined by
# ``and``, commas or a reporter's title (``... the museum rebuilt ...`` is prose).
# (One split of a line into words: a separator is needed between two, no backtracking.)
_CONTRIBUTOR_WORD: Final = (
    r"(?:[A-Z][\w.'’&-]*|the|and|of|in|&|writers?|reporters?|correspondents?)"
)
_CONTRIBUTOR_NAMES: Final = rf"{_CONTRIBUTOR_WORD}(?:,? {_CONTRIBUTOR_WORD}){{0,11}}"
_REPORTED_FROM: Final = (
    r"[A-Z][\w'’-]+(?:(?:,| and) [A-Z][\w'’-]+){0,3} reported from [\w.,'’ -]{2,60}?\. "
)
CONTRIBUTION_SIGNOFF_RE: Final = re.compile(
    # AP's credit of a member paper: ``Information from: Knoxville News Sentinel, http://...``
    r"^Information from: [A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|of|and|the|&)){0,8}"
    r"(?:, https?://\S+)?$|"
    rf"^[—–-]?\s*(?:{_REPORTED_FROM})?(?:[\w.'’ -]{{2,60}}? )?"
    r"(?i:writers?|reporters?|correspondents?|staff)\b"
    r".{2,160}\bcontributed(?: reporting)?(?: to this (?:report|story))?\.?$"
    r"|^[—–-]?\s*(?i:with (?:files|reporting|reports|additional reporting)"
    rf"|additional reporting) (?i:from|by) {_CONTRIBUTOR_NAMES}\.?$"
)

# Editors' initials after a story: AFP's ``ach/gd``, ``kf-mad/ib``; dpa-AFX's ``/ck/he``.
# At least one slash; lower case only; ``and/or``, the one prose line of that shape, is not.
INITIALS_SIGNOFF_RE: Final = re.compile(
    r"^(?!(?:and|or)/(?:and|or)$)(?=\S*/)/?[a-z]{2,4}(?:[-/][a-z]{2,4}){1,5}/?$"
)

# A reporter's e-mail address alone on a line (Yonhap closes with one).
# Example: ``kimsy@yna.co.kr``.
CONTACT_EMAIL_RE: Final = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")

# The same address run into the agency's end mark on one line, as en.yna.co.kr prints it.
# Example: ``kokobj@yna.co.kr(END)``, ``kimsy@yna.co.kr (END)``.
CONTACT_SIGNOFF_RE: Final = re.compile(
    r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*(?:" + "|".join(signoff_marks()) + ")$"
)

# A byline line above the story, in English or in the French, Spanish, Italian
# and German services' form, where the agency may follow the names (dpa).
# ``Di``/``Da`` openings are left out: ``Di Maio`` and ``Da Nang`` are names.
# Example: ``By Anna Petrova``, ``By JOHN LEICESTER and SAMYA KULLAB``,
# ``Von Anna Schmidt, dpa``, ``Por José Pérez y Ana Ruiz``, ``Автор: Олеся Жуковень``
# (Kazinform's Russian service).
_BYLINE_NAME: Final = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'-]*(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'-]*){0,3}"
# The agencies that sign after a byline or a desk (profiles' byline_names).
# Sample: "dpa", "AFP", "EFE", "ANSA"
_BYLINE_AGENCY: Final = names_pattern(byline_agency_names())
BYLINE_RE: Final = re.compile(
    rf"^(?:[Bb][Yy]|Von|VON|Por|POR|Par|PAR|Автор:)\s+(?P<names>{_BYLINE_NAME}"
    rf"(?:(?:,\s*(?!{_BYLINE_AGENCY}$)|\s+(?:and|und|y|et)\s+){_BYLINE_NAME}){{0,4}})"
    rf"(?:,\s*{_BYLINE_AGENCY})?$",
)

# Reuters' closing sign-off naming reporters and editors.
# Example: ``Reporting by Olga Sokolova; Editing by Mark Trevelyan``.
# Commas only between name groups (one way to read a line: no backtracking blow-up).
# Names may each be followed by where they reported from: ``Additional reporting by
# Lindsay Dunsmuir in Washington, Ann Saphir in San Francisco and Karen Brettell in New York``,
# two places joined by a slash (``in JAKARTA/SURABAYA``) included.
_SIGNOFF_NAMES: Final = (
    r"[A-Z][\w.'’-]*(?:(?:\s+|\s+and\s+)[A-Z][\w.'’-]*)*(?:\s+in\s+[A-Z][\w .'’/-]*)?"
)
_SIGNOFF_CLAUSE: Final = (
    r"(?i:(?:additional )?(?:reporting|writing|editing|compiled|research|graphics)"
    rf"(?: and (?:reporting|writing|editing))? by) {_SIGNOFF_NAMES}(?:,\s*{_SIGNOFF_NAMES})*"
)
# Clauses are parted by a semicolon or a comma, or by a full stop (reuters.com 2017:
# ``(Reporting by James Macharia. Editing by Jane Merriman)``).
SIGNOFF_RE: Final = re.compile(
    rf"^\(?{_SIGNOFF_CLAUSE}(?:(?:\s*[;,]\s*|\.\s+){_SIGNOFF_CLAUSE})*\.?\)?$",
)

# A desk or house byline, kept as the byline like a reporter's name.
# Example: ``Redazione ANSA``, ``Redacción EFE``, ``Rédaction AFP``.
HOUSE_BYLINE_RE: Final = re.compile(
    rf"^(?P<names>(?:Redazione|Redacción|Rédaction|Redaktion) {_BYLINE_AGENCY})$"
)

# Bylines and sign-offs are short; longer lines are story text (and are not
# worth running the name patterns over).
METADATA_LINE_MAX_CHARS: Final = 300
# Except a big story's reporting sign-off, which names a dozen reporters and their
# cities (600 characters on a 2014 reuters.com page); its pattern is anchored on
# ``(Reporting by``-like words, so a story line fails it at once.
REPORTING_SIGNOFF_MAX_CHARS: Final = 1000


def byline_names(line: str) -> str | None:
    """The names in a ``By ...`` byline line (or a desk: ``Redazione ANSA``), else None."""
    if len(line) > METADATA_LINE_MAX_CHARS:
        return None
    match = BYLINE_RE.match(line.strip()) or HOUSE_BYLINE_RE.match(line.strip())
    return match.group("names") if match else None


def is_signoff(line: str) -> bool:
    """Whether a line is a reporting/editing sign-off (``Reporting by ...; Editing by ...``)."""
    return len(line) <= REPORTING_SIGNOFF_MAX_CHARS and bool(SIGNOFF_RE.match(line.strip()))


def signoff_of(line: str) -> str | None:
    """The sign-off a closing line carries, kept as the story's ``signoff`` field.

    Reuters' ``(Reporting by ...; Editing by ...)`` loses its brackets; the
    agencies' end marks (``(END)``, ``==Kyodo``, ``Enditem``, ``/dpa/``,
    ``EFE jco/cbm``) and editors' initials (``ach/gd``) are kept as written.
    """
    text = line.strip()
    if len(text) > REPORTING_SIGNOFF_MAX_CHARS:
        return None
    if SIGNOFF_RE.match(text):
        return text.strip("()")
    if len(text) > METADATA_LINE_MAX_CHARS:
        return None
    if (
        AGENCY_SIGNOFF_RE.match(text)
        or INITIALS_SIGNOFF_RE.match(text)
        or CONTACT_SIGNOFF_RE.match(text)
    ):
        return text
    if EDITOR_SIGNOFF_RE.match(text):
        return text.strip("[]()（）")
    if CONTRIBUTION_SIGNOFF_RE.match(text):
        return text.lstrip("—–- ")
    return None


def split_run_in_signoff(line: str) -> tuple[str, str] | None:
    """(text, mark) when a paragraph ends with an agency's end mark after a space.

    Example: ``... per Torino-Roma. (ANSA).`` -> (``... per Torino-Roma.``, ``(ANSA).``).
    """
    match = RUN_IN_SIGNOFF_RE.search(line[-METADATA_LINE_MAX_CHARS:])
    if match is None:
        return None
    return line[: len(line) - len(match.group(0))], match.group("mark")
