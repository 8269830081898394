"""Photo credits and captions: the end of a caption, or a credit element on its own.

Agencies sign pictures in their own forms (``EPA/JUSTIN LANE``, ``(AP Photo/...)``,
``Name / AFP``, ``(Xinhua/Li Ming)``); the patterns find the credit at the end of a
caption so that the caption and the credit go to ``media``, never to the body.
"""

from __future__ import annotations

import re
from typing import Final

from etl.transform.agencies import credit_names, names_pattern
from etl.transform.rules.labels import TRIM_CHARS

# One capitalised word of a name: ``Justin``, ``Al-Rubaye``, ``O'Neil`` or an
# initial ``J.`` (a word ending in a full stop is a sentence end, not a name).
_WORD: Final = r"[A-Z](?:\.|[\w'’-]*)"
_NAME: Final = rf"{_WORD}(?: {_WORD}){{0,3}}"
_SHORT_NAME: Final = rf"{_WORD}(?: {_WORD})?"
_UPPER_NAME: Final = r"[A-Z][A-Z.'’-]*(?:[ -][A-Z][A-Z.'’-]*){0,3}"
# Picture sources that are not news agencies with a profile: photo agencies, pools.
_PHOTO_SOURCES: Final = (
    r"EPA(?:-EFE)?", "Getty Images", "Sputnik", "Bloomberg", "NurPhoto", "SIPA", "ZUMA",
    "Pool", "POOL",
)  # fmt: skip
# Every credit name: the agencies' own (their profiles' credit_names) and the
# picture sources. Sample: "TASS", "REUTERS", "EPA-EFE", "Getty Images"
_AGENCIES: Final = names_pattern(credit_names(), *_PHOTO_SOURCES)
# Wires whose credits put the agency first or alone in brackets (credit_bracketed).
# Sample: "EFE", "Xinhua", "dpa"
_AGENCY_FIRST: Final = names_pattern(credit_names(bracketed=True))
# Wires whose credits may put the agency first before a name (credit_first).
# Sample: "EFE", "ANSA", "Yonhap"
_CREDIT_FIRST: Final = names_pattern(credit_names(first=True))

# ``EPA/JUSTIN LANE``, ``EPA-EFE/MAXIM SHIPENKOV``.
CREDIT_EPA_RE: Final = re.compile(rf"\bEPA(?:-EFE)?/{_UPPER_NAME}$")
# ``REUTERS/Maxim Shemetov``, ``REUTERS/Stringer/File Photo``; ``Reuters/Adrees Latif``
# (widerimage.reuters.com) only with a full name, as ``a Reuters/Ipsos`` poll is prose.
CREDIT_REUTERS_RE: Final = re.compile(
    rf"\b(?:REUTERS/{_NAME}|Reuters/{_WORD}(?: {_WORD}){{1,3}})(?:/(?:File )?Photo)?$"
)
# ``(AP Photo/Efrem Lukatsky)``, ``(AP Photo/Efrem Lukatsky, File)``, ``AP Photo/Jane Doe``.
CREDIT_AP_RE: Final = re.compile(rf"\([^()]*\bAP Photo\b[^()]*\)$|\bAP Photo/{_NAME}(?:, File)?$")
# ``Belaid/AFP/Getty Images``, ``Mikhail Tereshchenko/TASS``, ``Sergei Bobylev/POOL/TASS``.
# The name is one or two words so that the caption keeps its own last words.
CREDIT_NAME_AGENCY_RE: Final = re.compile(rf"\b{_SHORT_NAME}(?:/{_AGENCIES})+$")
# AFP: ``Firstname SURNAME / AFP``, ``STR / AFP``, ``Ludovic MARIN / POOL / AFP``,
# ``AFP/Archives``. One first name at most, so the caption keeps its last words.
CREDIT_AFP_RE: Final = re.compile(
    rf"\b(?:{_WORD} )?[A-Z][A-Z'’-]+(?: ?/ ?(?:POOL|HO))? ?/ ?AFP(?:/Archives)?$|\bAFP/Archives$"
)
# Agency first: ``EFE/José Jácome``, ``EFE/ José Jácome``, ``ANSA/CIRO FUSCO``,
# ``Xinhua/Li Ming``, ``UPI/Jane Doe``.
CREDIT_AGENCY_FIRST_RE: Final = re.compile(rf"\b{_CREDIT_FIRST}/ ?(?:{_NAME}|{_UPPER_NAME})$")
# In brackets at the end of a caption: ``(Yonhap)``, ``(Kyodo)``, ``(Xinhua/Li Ming)``,
# ``(Photo by Li Ming/Xinhua)``.
CREDIT_BRACKETED_AGENCY_RE: Final = re.compile(
    rf"\((?:{_AGENCY_FIRST}(?: ?/ ?{_NAME})?|(?:[Pp]hoto by )?{_NAME} ?/ ?{_AGENCY_FIRST})\)$"
)
# UPI and others: ``Photo by Bonnie Cash/UPI``, ``File Photo by Jim Ruymen/UPI``,
# ``Photo courtesy of NASA``.
# Blogs and magazines, as a sentence of its own: ``Photo by Lars Brandt on Unsplash``,
# ``Photograph by Dee Morrow.`` (not ``... a photo by Jane Smith.`` inside a sentence).
CREDIT_PHOTO_BY_RE: Final = re.compile(
    rf"\b(?:File )?[Pp]hoto by {_NAME}(?: ?/ ?{_AGENCIES})+$"
    r"|\b(?:File )?[Pp]hoto courtesy (?:of )?[^/()]{2,60}$"
    rf"|(?:^|(?<=[.!?] ))(?:Photo|Photograph|Picture|Image) by {_NAME}"
    r"(?: (?:on|via) (?:Unsplash|Pexels|Pixabay|Flickr))?(?=\.?$)"
)
# ``Credit: EPA``, ``Photo: Valery Sharifulin/TASS``, ``Image credit: Reuters``,
# ``Foto: Christian Charisius/dpa``, ``Фото: Интерфакс``, ``Image: Fouzia Van Der Fort``.
CREDIT_LABEL_RE: Final = re.compile(
    r"\b(?:photo credit|image credit|credit|photo|picture|image|foto|bild|фото)\s*:\s*[^:]{2,80}$",
    re.IGNORECASE,
)
# Chinese services' form: the agency, its reporter and the photographer's name(s)
# before 摄 ("photographed by"), or the agency alone with 发 ("released by").
# Example: ``新华社记者 才扬 摄``, ``（新华社记者李明、王强摄）``, ``新华社发（张三摄）``.
_CJK_AGENCIES: Final = names_pattern(
    tuple(name for name in credit_names() if re.search(r"[\u4e00-\u9fff]", name))
)
_CJK_NAME: Final = r"[\u4e00-\u9fff·]{2,5}"
CREDIT_CJK_RE: Final = re.compile(
    rf"[（(]?{_CJK_AGENCIES}(?:(?:特约)?(?:记者|通讯员)\s*{_CJK_NAME}(?:\s*[、\s]\s*{_CJK_NAME})*\s*摄"
    rf"|发(?:\s*[（(]{_CJK_NAME}(?:\s*[、\s]\s*{_CJK_NAME})*\s*摄[）)])?)[）)]?$"
)
# ``(Ukrainian Presidential Press Office via AP)``, ``Pool Photo via AP``.
CREDIT_VIA_RE: Final = re.compile(
    r"\([^()]{2,80}\bvia (?:AP|Reuters|AFP|Getty Images)\)$"
    rf"|\b{_WORD}(?: {_WORD}){{0,5}} via (?:AP|Reuters|AFP|Getty Images)$"
)
# ``© TASS``, ``© Mikhail Metzel/TASS``, ``© AP Photo``.
CREDIT_COPYRIGHT_RE: Final = re.compile(r"©\s*[\w.'’ -]*(?:/[\w.'’ -]+)*$")

# Labels written before a credit, removed from the stored credit.
# Example: ``Credit: EPA`` -> ``EPA``.
CREDIT_LABEL_PREFIX_RE: Final = re.compile(
    r"^(?:photo credit|image credit|credit|photo|picture|image|foto|bild|фото)\s*:\s*",
    re.IGNORECASE,
)

# Tried in this order; the earliest-starting match wins, so a caption keeps
# as little of the credit as possible.
CREDIT_PATTERNS: Final = (
    CREDIT_EPA_RE,
    CREDIT_REUTERS_RE,
    CREDIT_AP_RE,
    CREDIT_VIA_RE,
    CREDIT_AFP_RE,
    CREDIT_AGENCY_FIRST_RE,
    CREDIT_BRACKETED_AGENCY_RE,
    CREDIT_PHOTO_BY_RE,
    CREDIT_NAME_AGENCY_RE,
    CREDIT_LABEL_RE,
    CREDIT_COPYRIGHT_RE,
    CREDIT_CJK_RE,
)

# What every credit pattern needs somewhere in the text: a slash (``EPA/NAME``,
# ``Name / AFP``), a bracket (``(AP Photo ...)``, ``(Yonhap)``), ``©``, a label's
# colon (``Photo: ...``), ``by``/``courtesy``/``via`` (``Photo by ...``,
# ``... via AP``), or 摄/发 (``新华社记者 才扬 摄``). A paragraph with none of them is
# not searched for a credit.
CREDIT_MARKS: Final = ("/", "(", "©", ":", " by ", "courtesy", " via ", "摄", "发")

# Page chrome glued to the end of a caption in text dumps, with the bar or dash
# before it.
# Example: ``... REUTERS/Olga Petrova Purchase Licensing Rights``,
# ``... Photo by Bonnie Cash/UPI | License Photo``, ``... - RIPRODUZIONE RISERVATA`` (ANSA).
CAPTION_TRAILER_RE: Final = re.compile(
    r"\s*[|–—-]?\s*(?:purchase licensing rights|license photo|open new window"
    r"|enlarge(?: this image)?|expand|riproduzione riservata)\s*$",
    re.IGNORECASE,
)

# What each credit pattern cannot match without (in the lower-cased text): a
# paragraph is searched only with the patterns whose marks it holds, since a
# pattern scanned over a long paragraph costs tens of microseconds.
# Example: no ``ap photo`` in the text, no ``(AP Photo/...)`` credit.
CREDIT_PATTERN_NEEDLES: Final[dict[re.Pattern[str], tuple[str, ...]]] = {
    CREDIT_EPA_RE: ("epa",),
    CREDIT_REUTERS_RE: ("reuters/",),
    CREDIT_AP_RE: ("ap photo",),
    CREDIT_VIA_RE: ("via ",),
    CREDIT_AFP_RE: ("afp",),
    CREDIT_AGENCY_FIRST_RE: ("/",),
    CREDIT_BRACKETED_AGENCY_RE: (")",),
    CREDIT_PHOTO_BY_RE: ("photo", "picture", "image"),
    CREDIT_NAME_AGENCY_RE: ("/",),
    CREDIT_LABEL_RE: ("credit", "photo", "picture", "image", "foto", "bild", "фото"),
    CREDIT_COPYRIGHT_RE: ("©",),
    CREDIT_CJK_RE: ("摄", "发"),
}
# CREDIT_PATTERNS in their order, each with its needles.
CREDIT_PATTERNS_WITH_NEEDLES: Final = tuple(
    (pattern, CREDIT_PATTERN_NEEDLES[pattern]) for pattern in CREDIT_PATTERNS
)
# The words of the caption trailers, one of which CAPTION_TRAILER_RE needs.
CAPTION_TRAILER_WORDS: Final = (
    "licensing rights", "license photo", "new window", "enlarge", "expand", "riservata",
)  # fmt: skip

# What may stand between a caption and its credit: spaces, a dash, a bar.
CAPTION_CREDIT_SEPARATOR_RE: Final = re.compile(r"[\s|·•—–-]+$")
# Captions are short: a longer line ending in something credit-like is a paragraph.
MAX_CAPTION_CHARS: Final = 400


def _holds_credit_mark(text: str) -> bool:
    """Whether ``text`` holds one of CREDIT_MARKS, without which no credit pattern matches."""
    for mark in CREDIT_MARKS:  # a loop of substring tests: no generator per test
        if mark in text:
            break
    else:
        return False
    return True


def find_credit(text: str) -> re.Match[str] | None:
    """The photo credit at the end of ``text`` (earliest-starting pattern wins)."""
    stripped = text.rstrip()
    if not _holds_credit_mark(stripped):
        return None
    lowered = stripped.lower()
    earliest: re.Match[str] | None = None
    for pattern, needles in CREDIT_PATTERNS_WITH_NEEDLES:
        for needle in needles:
            if needle in lowered:
                break
        else:
            continue
        match = pattern.search(stripped)
        if match is not None and (earliest is None or match.start() < earliest.start()):
            earliest = match  # the first of the patterns to start earliest
    return earliest


def clean_credit(credit: str) -> str:
    """A credit without its wrapping parentheses or label punctuation."""
    credit = credit.strip()
    if credit[:1] in {"(", "（"} and credit[-1:] in {")", "）"}:
        credit = credit[1:-1]
    return CREDIT_LABEL_PREFIX_RE.sub("", credit).strip()


def is_credit(text: str) -> bool:
    """Whether ``text`` is a photo credit and nothing else."""
    match = find_credit(text)
    return match is not None and not text[: match.start()].strip(TRIM_CHARS + "()")


def split_caption_credit(text: str) -> tuple[str, str | None]:
    """Split ``caption + credit`` into (caption, credit); credit None when absent.

    Example: ``United Nations Secretary-General  EPA/JUSTIN LANE`` ->
    (``United Nations Secretary-General``, ``EPA/JUSTIN LANE``).
    """
    stripped = text.strip()
    lowered = stripped.lower()
    if any(word in lowered for word in CAPTION_TRAILER_WORDS):
        stripped = CAPTION_TRAILER_RE.sub("", stripped)
    match = find_credit(stripped)
    if match is None:
        return stripped, None
    caption = CAPTION_CREDIT_SEPARATOR_RE.sub("", stripped[: match.start()]).strip()
    return caption, clean_credit(match.group(0))


def caption_line(text: str) -> tuple[str | None, str] | None:
    """(caption, credit) of a short line that ends in a photo credit, else None.

    Wires such as Xinhua print captions as ordinary paragraphs under the image
    (``Photo taken on ... (Xinhua/Li Ming)``); the credit is what tells them apart.
    """
    if len(text) > MAX_CAPTION_CHARS:
        return None
    if not _holds_credit_mark(text):
        return None  # most paragraphs hold none; taking a trailer off cannot make one appear
    caption, credit = split_caption_credit(text)
    if credit is None:
        return None
    return caption or None, credit
