"""Boilerplate rules as named data: what a wire page carries that is not the story.

Each rule is a module constant with a comment saying what it removes and an
example it matches. Code elsewhere only asks "is this line boilerplate?" or
"does this caption end in a credit?"; adding a rule is adding a line here.
Line rules are matched against one normalised line (or one HTML block's text).
"""

from __future__ import annotations

import logging
import re
from typing import Final

from etl.transform.agencies import canonical_agency

LOGGER = logging.getLogger(__name__)

# --- Whole-line labels (compared case-insensitively, punctuation-trimmed) ---

# Navigation labels that stand alone on a line, anywhere on the page.
# Example: ``All news`` (TASS), ``Top stories``, ``Latest``.
NAVIGATION_LABELS: Final = frozenset(
    {
        "all news",
        "top stories",
        "top news",
        "latest",
        "latest news",
        "latest stories",
        "most read",
        "most popular",
        "sections",
        "menu",
        "search",
        "skip to main content",
        "skip to content",
        "back to top",
        "more news",
        "trending",
        "most viewed",
        "most liked",
        "most saved",
        # French, Spanish, Italian, German: "Latest news" headers of AFP, EFE, ANSA, dpa pages.
        "toutes les actualités",
        "dernières actualités",
        "últimas noticias",
        "lo último",
        "ultima ora",
        "ultim'ora",
        "alle meldungen",
        "neueste meldungen",
        # Russian-language TASS (tass.ru): ``Все новости`` is its ``All news``.
        "все новости",
    }
)

# Navigation labels that head a list of other stories' headlines (the list is
# dropped with its label in text dumps).
# Example: ``Most Viewed`` (Yonhap), ``Most read``, ``Latest news``.
STORY_LIST_LABELS: Final = frozenset(
    {
        "top stories",
        "top news",
        "latest",
        "latest news",
        "latest stories",
        "most read",
        "most popular",
        "most viewed",
        "most liked",
        "most saved",
        "more news",
        "trending",
    }
)

# Section labels: navigation too, but only above the headline (inside the body
# a one-word line such as ``Economy`` may be a crosshead).
# Example: ``World``, ``Russian Politics & Diplomacy``, ``Europe``.
SECTION_LABELS: Final = frozenset(
    {
        "home",
        "news",
        "world",
        "world news",
        "business",
        "economy",
        "politics",
        "russia",
        "russian politics & diplomacy",
        "international",
        "europe",
        "middle east",
        "asia",
        "americas",
        "africa",
        "science & space",
        "sports",
        "north korea",
        "national",
        "nation",
        "china",
        "japan",
        # French, Spanish, Italian, German section names (AFP, EFE, ANSA, dpa).
        "accueil",
        "actualités",
        "monde",
        "économie",
        "politique",
        "inicio",
        "portada",
        "américa",
        "mundo",
        "internacional",
        "economía",
        "política",
        "sociedad",
        "mondo",
        "economia",
        "politica",
        "cronaca",
        "esteri",
        "startseite",
        "politik",
        "wirtschaft",
        "welt",
        "ausland",
        "panorama",
    }
)

# Share bars: a line made only of share targets.
# Example: ``Share``, ``Share this article``, ``Facebook Twitter Telegram Email``.
SHARE_WORDS: Final = frozenset(
    {
        "share",
        "share this",
        "share this article",
        "share this story",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "telegram",
        "vk",
        "whatsapp",
        "linkedin",
        "reddit",
        "bluesky",
        "mastodon",
        "threads",
        "pinterest",
        "odnoklassniki",
        "link",
        "email",
        "e-mail",
        "print",
        "copy link",
        "link copied",
        "copy",
        "save",
        "comments",
        "weibo",
        "wechat",
        "kakaotalk",
        "line",
        # "Share" in French, Spanish, Italian, German.
        "partager",
        "compartir",
        "condividi",
        "teilen",
    }
)

# Ad slots and their labels.
# Example: ``Advertisement``, ``Sponsored content``, ``Story continues below``.
AD_SLOT_LABELS: Final = frozenset(
    {
        "advertisement",
        "advert",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "scroll to continue",
        "scroll to continue with content",
        "story continues below",
        "story continues below advertisement",
        "continue reading",
        "purchase licensing rights",
    }
)

# --- Line patterns ---

# Separators between labels that page chrome puts on one line.
# Example: ``Advertisement · Scroll to continue``.
LABEL_SEPARATOR_RE: Final = re.compile(r"\s*[·•|]\s*")

# Breadcrumbs: short labels joined by ``>``, ``»``, ``›``, ``|`` or a spaced ``/``
# (UPI); an unspaced slash is prose (``yes/no``), and a label never ends in a full stop.
# Example: ``Home > World > Europe``, ``News » Politics``, ``News / Top News / U.S. News``.
_CRUMB: Final = r"\w(?:[\w&' -]|\.(?= ?\w)){0,30}"
BREADCRUMB_RE: Final = re.compile(rf"^{_CRUMB}(?:(?:\s*[>»›|]\s*|\s+/\s+){_CRUMB}){{1,5}}$")

# Tag lists: a ``Tags:``/``Topics:`` label, optionally with the tags after it; the
# French, Spanish, Italian and German labels only with a colon or alone.
# Example: ``Tags: United Nations, Syria``, ``Topics``, ``Mots-clés : UE, PAC``,
# ``Etiquetas: Ecuador``, ``Argomenti``, ``Schlagwörter: Hafen``.
TAG_LIST_RE: Final = re.compile(
    r"^(?:tags|topics|keywords|filed under)\b\s*:?"
    r"|^(?:mots[- ]clés|etiquetas|temas|argomenti|schlagw(?:ö|oe)rter|themen)\s*(?::|$)",
    re.IGNORECASE,
)

# Hashtag rows under a story (Yonhap's keywords).
# Example: ``#North Korea #satellite``, ``#BOK``.
HASHTAG_LINE_RE: Final = re.compile(r"^#\w[\w .'-]{0,40}(?:\s+#\w[\w .'-]{0,40}){0,10}$")

# Related-story blocks: a label that introduces links to other stories, in the
# languages of the wires (AFP ``Lire aussi``, EFE ``Lea también``, ANSA ``Leggi
# anche``, dpa ``Mehr zum Thema``). ``More`` needs a colon so that ``More than
# 300 people ...`` is not matched.
# Example: ``Read also: Kremlin comments on ...``, ``See also``, ``More: ...``,
# ``Related coverage``, ``Read more``, ``À lire aussi : ...``, ``Leggi anche``.
RELATED_BLOCK_RE: Final = re.compile(
    r"^(?:read also|see also|also read|read more|related(?: coverage| stories| content"
    r"| articles| news)?|recommended(?: for you)?|more on this|more stories"
    r"|(?:à |a )?lire aussi|voir aussi|lea también|lee también|le puede interesar"
    r"|ver también|noticias relacionadas|leggi anche|vedi anche|potrebbe interessarti"
    r"|lesen sie auch|mehr zum thema|auch interessant)\b\s*(?:[:\-—]|$)"
    r"|^more\s*:",
    re.IGNORECASE,
)

# Newsletter and subscription prompts.
# Example: ``Sign up for our daily World newsletter``, ``Subscribe to ...``.
# Example: ``Abonnez-vous à notre newsletter``, ``Iscriviti alla newsletter``.
NEWSLETTER_PROMPT_RE: Final = re.compile(
    r"^(?:sign up|subscribe)\b|^(?:get (?:the|our)\b.*newsletter|join our\b.*newsletter)"
    r"|\bnewsletter\b.*\b(?:sign up|subscribe|inbox)\b"
    r"|^(?:abonnez-vous|inscrivez-vous|suscríbete|suscríbase|iscriviti|jetzt abonnieren)\b"
    r"|\bnewsletter\b.*\b(?:abonnieren|abonner|suscribirse|suscríbete|iscriviti)\b",
    re.IGNORECASE,
)

# Cookie and consent prompts.
# Example: ``We use cookies to improve your experience. Accept``.
# Also in French, Spanish, Italian and German: ``Nous utilisons des cookies``,
# ``Utilizamos cookies propias``, ``Questo sito utilizza cookie``, ``Wir verwenden Cookies``.
COOKIE_PROMPT_RE: Final = re.compile(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|cookie (?:policy|settings)"
    r"|accept (?:all )?cookies|by continuing to (?:use|browse) (?:this|our) (?:site|website)"
    r"|nous utilisons des cookies|utilizamos cookies|este sitio (?:web )?utiliza cookies"
    r"|questo sito utilizza (?:i )?cookie|utilizziamo (?:i )?cookie"
    r"|wir verwenden cookies|diese website verwendet cookies)",
    re.IGNORECASE,
)

# Copyright footers and house notices, with the French, Spanish, Italian and
# German "all rights reserved" (ANSA closes every story with its own).
# Example: ``Copyright 2026 The Associated Press. All rights reserved.``,
# ``© 2026 TASS``, ``Our Standards: The Thomson Reuters Trust Principles.``,
# ``RIPRODUZIONE RISERVATA © Copyright ANSA``, ``Todos los derechos reservados``.
COPYRIGHT_FOOTER_RE: Final = re.compile(
    r"^(?:©|\(c\)|copyright\b)(?=.{0,40}\b(?:19|20)\d{2}\b)"
    r"|\ball rights reserved\.?$"
    r"|^riproduzione riservata\b|\btutti i diritti riservati\.?$"
    r"|\btous droits réservés\.?$|\btodos los derechos reservados\.?$"
    r"|\balle rechte vorbehalten\.?$"
    r"|^our standards:.*trust principles"
    r"|^when citing,? (?:a )?(?:reference|hyperlink) to\b",
    re.IGNORECASE,
)

# Update and publication stamps shown next to the headline.
# Example: ``Updated 14:20 GMT``, ``Updated 2 hours ago``,
# ``November 19, 2026 10:42 AM UTC``, ``19 NOV, 09:14``, ``Published Nov. 19, 2026``,
# ``Updated 4:30 PM UTC, November 19, 2026``.
_STAMP_DATE: Final = r"(?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.?,?(?: \d{4})?)"
_STAMP_TIME: Final = r"(?:\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?)"
# UPI puts a slash between date and time: ``Nov. 19, 2026 / 9:47 AM``.
_STAMP_JOIN: Final = r"(?:,| /| \|| -)? (?:at )?"
UPDATED_STAMP_RE: Final = re.compile(
    r"^(?:(?:last )?updated|published|posted)\b:? ?(?:on |at )?"
    rf"(?:{_STAMP_DATE}(?:{_STAMP_JOIN}{_STAMP_TIME})?|{_STAMP_TIME}(?:,? {_STAMP_DATE})?"
    r"|\d+ \w+ ago|just now)$"
    rf"|^{_STAMP_DATE}(?:{_STAMP_JOIN}{_STAMP_TIME})?(?: ?[|·-]? ?updated .{{0,40}})?$"
    rf"|^{_STAMP_TIME}$",
    re.IGNORECASE,
)

# Publication stamps of the French, Spanish, Italian and German services, and
# numeric stamps (Xinhua, Yonhap, dpa), with an optional label; the date must
# follow the label at once, so a sentence that opens with ``Publicado`` stays.
# Example: ``Publié le 05/02/2026 à 11h42``, ``Mis à jour le 5 février 2026 à 13h05``,
# ``19 de noviembre de 2026 | 12:47``, ``Aggiornato il 12 gennaio 2026, 15:32``,
# ``19.11.2026, 10:32 Uhr``, ``2026-11-19 14:32 KST``.
_LOCAL_STAMP_LABEL: Final = (
    r"(?:publié|mis à jour|actualisé|publicado|actualizado|pubblicato|aggiornato"
    r"|veröffentlicht|aktualisiert|stand)(?: (?:le|el|il|am|on))?:? "
)
_LOCAL_STAMP_DATE: Final = (
    r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}[-./]\d{2}[-./]\d{2}"
    r"|\d{1,2}\.? (?:de )?[^\W\d_]{3,10}\.?(?: de)?,? \d{4})"
)
_LOCAL_STAMP_TIME: Final = (
    r"(?:,| \||,? à|,? a las|,? alle|,? um| -)? ?\d{1,2}[:h.]\d{2}(?::\d{2})?"
    r"(?: ?(?:uhr|h|[a-z]{2,4}))?"
)
LOCALISED_STAMP_RE: Final = re.compile(
    rf"^(?:{_LOCAL_STAMP_LABEL})?{_LOCAL_STAMP_DATE}(?:{_LOCAL_STAMP_TIME})?$",
    re.IGNORECASE,
)

# Page meta lines that name the agency as the source, with a time or editor:
# Xinhua's source line and Kyodo's masthead line. A ``Source:`` line without
# the bars is only dropped when it names Xinhua (a chart's source line stays).
# Example: ``Source: Xinhua | 2026-11-19 09:47:03 | Editor: huaxia``,
# ``Source: Xinhua``, ``KYODO NEWS - Nov 19, 2026 - 15:42 | Japan, All``.
SOURCE_META_RE: Final = re.compile(
    r"^source\s*:\s*[\w .-]{2,40}\s*\|.{0,80}$|^source\s*:\s*xinhua(?:net)?$"
    r"|^kyodo news\s*-\s*[a-z]{3}\.? \d{1,2},? \d{4}\b.{0,80}$",
    re.IGNORECASE,
)

# AP's pointer to a topic hub at the foot of a story.
# Example: ``Follow AP's coverage of the war at https://apnews.com/hub/...``.
FOLLOW_COVERAGE_RE: Final = re.compile(
    r"^(?:follow|find more of) (?:ap['’]?s|our) (?:coverage|reporting)\b.*(?:https?://\S+)?$",
    re.IGNORECASE,
)

# Agency sign-offs that close a story and carry nothing for the reader.
# Example: ``(END)`` (Yonhap), ``==Kyodo``, ``Enditem`` (Xinhua), ``/dpa/``,
# ``EFE jco/cbm (foto) (vídeo)``, ``EFE mm/xx``.
AGENCY_SIGNOFF_RE: Final = re.compile(
    r"^\(END\)$|^={1,2} ?Kyodo$|^Enditem\.?$|^/dpa(?:-AFX)?/$"
    r"|^EFE(?: [a-z]{1,4}(?:[-/][a-z]{1,4})*)?(?: ?\((?:foto|fotos|vídeo|video|audio)\))*$",
)

# Editors' initials after a story: AFP's ``ach/gd``, ``kf-mad/ib``; dpa-AFX's ``/ck/he``.
# At least one slash; lower case only; ``and/or``, the one prose line of that shape, is not.
INITIALS_SIGNOFF_RE: Final = re.compile(
    r"^(?!(?:and|or)/(?:and|or)$)(?=\S*/)/?[a-z]{2,4}(?:[-/][a-z]{2,4}){1,5}/?$"
)

# A reporter's e-mail address alone on a line (Yonhap closes with one).
# Example: ``kimsy@yna.co.kr``.
CONTACT_EMAIL_RE: Final = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")

# Horizontal rules typed as text.
# Example: ``___``, ``* * *``, ``----``.
SEPARATOR_RE: Final = re.compile(r"^[\s_*\-=~·•]{3,}$")

# Error pages served with HTTP 200: their title or heading says so.
# Example: ``Page not found``, ``404``, ``Sorry, this page is unavailable``.
ERROR_PAGE_RE: Final = re.compile(
    r"^(?:(?:error\s*)?404\b.*|page (?:was )?not found\b.*|not found"
    r"|sorry\b.{0,60}\b(?:not (?:be )?found|unavailable)\b.*"
    r"|this page (?:is|has been) (?:unavailable|removed)\b.*|oops\W.{0,80})$",
    re.IGNORECASE,
)

# --- Bylines and sign-offs (kept as metadata, not body) ---

# A byline line above the story, in English or in the French, Spanish, Italian
# and German services' form, where the agency may follow the names (dpa).
# ``Di``/``Da`` openings are left out: ``Di Maio`` and ``Da Nang`` are names.
# Example: ``By Anna Petrova``, ``By JOHN LEICESTER and SAMYA KULLAB``,
# ``Von Anna Schmidt, dpa``, ``Por José Pérez y Ana Ruiz``.
_BYLINE_NAME: Final = r"[A-ZÀ-ÖØ-Þ][\w.'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.'-]*){0,3}"
_BYLINE_AGENCY: Final = r"(?:dpa|AFP|EFE|ANSA)"
BYLINE_RE: Final = re.compile(
    rf"^(?:[Bb][Yy]|Von|VON|Por|POR|Par|PAR)\s+(?P<names>{_BYLINE_NAME}"
    rf"(?:(?:,\s*(?!{_BYLINE_AGENCY}$)|\s+(?:and|und|y|et)\s+){_BYLINE_NAME}){{0,4}})"
    rf"(?:,\s*{_BYLINE_AGENCY})?$",
)

# Reuters' closing sign-off naming reporters and editors.
# Example: ``Reporting by Olga Sokolova; Editing by Mark Trevelyan``.
_SIGNOFF_CLAUSE: Final = (
    r"(?i:(?:additional )?(?:reporting|writing|editing|compiled|research|graphics)"
    r"(?: and (?:reporting|writing|editing))? by) [A-Z][\w.'’-]*"
    r"(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*)*(?:\s+in\s+[A-Z][\w .'’-]*)?"
)
SIGNOFF_RE: Final = re.compile(
    rf"^\(?{_SIGNOFF_CLAUSE}(?:\s*[;,]\s*{_SIGNOFF_CLAUSE})*\.?\)?$",
)

# A desk or house byline, kept as the byline like a reporter's name.
# Example: ``Redazione ANSA``, ``Redacción EFE``, ``Rédaction AFP``.
HOUSE_BYLINE_RE: Final = re.compile(
    r"^(?P<names>(?:Redazione|Redacción|Rédaction|Redaktion) (?:ANSA|EFE|AFP|dpa))$"
)

# Bylines and sign-offs are short; longer lines are story text (and are not
# worth running the name patterns over).
METADATA_LINE_MAX_CHARS: Final = 300

# --- Photo credits: the end of a caption, or a credit element on its own ---

# One capitalised word of a name: ``Justin``, ``Al-Rubaye``, ``O'Neil`` or an
# initial ``J.`` (a word ending in a full stop is a sentence end, not a name).
_WORD: Final = r"[A-Z](?:\.|[\w'’-]*)"
_NAME: Final = rf"{_WORD}(?: {_WORD}){{0,3}}"
_SHORT_NAME: Final = rf"{_WORD}(?: {_WORD})?"
_UPPER_NAME: Final = r"[A-Z][A-Z.'’-]*(?:[ -][A-Z][A-Z.'’-]*){0,3}"
_AGENCIES: Final = (
    r"(?:TASS|AFP|EPA(?:-EFE)?|Reuters|REUTERS|AP|Getty Images|Sputnik|Xinhua|XINHUA|ANP|dpa"
    r"|Anadolu|Bloomberg|NurPhoto|SIPA|ZUMA|Pool|POOL|UPI|EFE|ANSA|Kyodo|Yonhap|Interfax)"
)
# Wires whose credits put the agency first or alone in brackets.
_AGENCY_FIRST: Final = r"(?:EFE|ANSA|Xinhua|XINHUA|UPI|Yonhap|Kyodo|AFP|dpa|Interfax)"

# ``EPA/JUSTIN LANE``, ``EPA-EFE/MAXIM SHIPENKOV``.
CREDIT_EPA_RE: Final = re.compile(rf"\bEPA(?:-EFE)?/{_UPPER_NAME}$")
# ``REUTERS/Maxim Shemetov``, ``REUTERS/Stringer/File Photo``.
CREDIT_REUTERS_RE: Final = re.compile(rf"\bREUTERS/{_NAME}(?:/(?:File )?Photo)?$")
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
CREDIT_AGENCY_FIRST_RE: Final = re.compile(
    rf"\b(?:EFE|ANSA|Xinhua|XINHUA|UPI|Yonhap|Kyodo)/ ?(?:{_NAME}|{_UPPER_NAME})$"
)
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
# ``Foto: Christian Charisius/dpa``, ``Фото: Интерфакс``.
CREDIT_LABEL_RE: Final = re.compile(
    r"\b(?:photo credit|image credit|credit|photo|picture|foto|bild|фото)\s*:\s*[^:]{2,80}$",
    re.IGNORECASE,
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
    r"^(?:photo credit|image credit|credit|photo|picture|foto|bild|фото)\s*:\s*", re.IGNORECASE
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
)

# Page chrome glued to the end of a caption in text dumps, with the bar or dash
# before it.
# Example: ``... REUTERS/Olga Petrova Purchase Licensing Rights``,
# ``... Photo by Bonnie Cash/UPI | License Photo``, ``... - RIPRODUZIONE RISERVATA`` (ANSA).
CAPTION_TRAILER_RE: Final = re.compile(
    r"\s*[|–—-]?\s*(?:purchase licensing rights|license photo|open new window"
    r"|enlarge(?: this image)?|expand|riproduzione riservata)\s*$",
    re.IGNORECASE,
)

# What may stand between a caption and its credit: spaces, a dash, a bar.
CAPTION_CREDIT_SEPARATOR_RE: Final = re.compile(r"[\s|·•—–-]+$")
# Captions are short: a longer line ending in something credit-like is a paragraph.
MAX_CAPTION_CHARS: Final = 400

# Lines longer than this are story text, never furniture: the line patterns
# are not run on them (a 100,000-character paragraph costs no more than this).
LINE_PATTERN_MAX_CHARS: Final = 1000

LINE_PATTERNS: Final = (
    ("breadcrumb", BREADCRUMB_RE),
    ("tag list", TAG_LIST_RE),
    ("related block", RELATED_BLOCK_RE),
    ("newsletter prompt", NEWSLETTER_PROMPT_RE),
    ("cookie prompt", COOKIE_PROMPT_RE),
    ("copyright footer", COPYRIGHT_FOOTER_RE),
    ("updated stamp", UPDATED_STAMP_RE),
    ("localised stamp", LOCALISED_STAMP_RE),
    ("source meta line", SOURCE_META_RE),
    ("hashtag line", HASHTAG_LINE_RE),
    ("agency sign-off", AGENCY_SIGNOFF_RE),
    ("editors' initials", INITIALS_SIGNOFF_RE),
    ("contact e-mail", CONTACT_EMAIL_RE),
    ("follow coverage", FOLLOW_COVERAGE_RE),
    ("separator", SEPARATOR_RE),
)

# --- Datelines and crossheads ---

# An agency marker where a dateline ends: ``/TASS/.``, ``(Reuters) -``, ``(AP) —``.
# Its presence at the start of a first paragraph means a dateline was meant to
# be there, so a dateline that then fails to parse is an error, not prose.
DATELINE_MARKER_RE: Final = re.compile(
    r"/(?P<slash>[^/\n]{2,30})/\.?|\((?P<paren>[^()\n]{2,40})\)\s*\.?[-‐‑‒–—―−_]{1,3}"
)
# How far into the first paragraph the marker may stand.
# Example: ``ST. PETERSBURG, November 19. /TASS/.`` ends at character 36.
DATELINE_MARKER_WINDOW: Final = 120

# Crossheads are short and do not end like a sentence.
# Example: ``"Collective failure" in Syria and the fight against IS``.
CROSSHEAD_MAX_CHARS: Final = 120
CROSSHEAD_MAX_WORDS: Final = 16
# A sentence end, allowing closing quotes and brackets after the stop.
# Example: ``... he said."``, ``... (in Syria).``
SENTENCE_END_RE: Final = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
# Like SENTENCE_END_RE, but a question or exclamation may end a marked-up
# (bold or heading) crosshead. Example: ``What comes next?``
STATEMENT_END_RE: Final = re.compile(r"[.…:;,][\"'”’»)\]]*$")

_TRIM_CHARS: Final = " \t.:;!?|·•—–-"


def _label_key(line: str) -> str:
    """A line reduced to its words for comparison with the label sets."""
    return line.strip(_TRIM_CHARS).lower()


def _is_share_bar(key: str) -> bool:
    """Whether a line consists only of share-bar words."""
    if key in SHARE_WORDS:
        return True
    rest = f" {key} "
    for phrase in sorted(SHARE_WORDS, key=len, reverse=True):
        rest = rest.replace(f" {phrase} ", "  ")
    return len(key.split()) > 1 and not rest.strip()


def _is_ad_slot(key: str) -> bool:
    """Whether a line is only ad-slot labels (``Advertisement · Scroll to continue``)."""
    parts = [part.strip() for part in LABEL_SEPARATOR_RE.split(key)]
    return all(part in AD_SLOT_LABELS for part in parts if part) and any(parts)


def boilerplate_reason(line: str, *, above_headline: bool = False) -> str | None:
    """Which rule marks this line as boilerplate, or None if it may be story text."""
    key = _label_key(line)
    if not key:
        return "empty"
    if above_headline and key in SECTION_LABELS:
        return "section label"
    if key in NAVIGATION_LABELS:
        return "navigation label"
    if _is_ad_slot(key):
        return "ad slot"
    if _is_share_bar(key):
        return "share bar"
    stripped = line.strip()
    if len(stripped) > LINE_PATTERN_MAX_CHARS:
        return None  # furniture is short; and the patterns' cost stays bounded
    for name, pattern in LINE_PATTERNS:
        if pattern.search(stripped):
            return name
    return None


def is_boilerplate(line: str, *, above_headline: bool = False) -> bool:
    """Whether a line is page furniture rather than story text."""
    reason = boilerplate_reason(line, above_headline=above_headline)
    if reason is not None:
        LOGGER.debug("dropping %s: %.60s", reason, line)
    return reason is not None


def is_link_list_label(line: str) -> bool:
    """Whether a line is only the label of a related-stories, tag or story list.

    Example: ``Related coverage:``, ``Read More``, ``Topics``, ``Most Viewed``. In a
    text dump the linked headlines or tags follow such a label on lines of their own.
    """
    if _label_key(line) in STORY_LIST_LABELS:
        return True
    stripped = line.strip()
    for pattern in (RELATED_BLOCK_RE, TAG_LIST_RE):
        match = pattern.match(stripped)
        if match is not None and not stripped[match.end() :].strip(_TRIM_CHARS):
            return True
    return False


def is_error_page_title(text: str) -> bool:
    """Whether a heading or title says the page is an error page (404 served as 200)."""
    return bool(ERROR_PAGE_RE.search(text.strip()))


def byline_names(line: str) -> str | None:
    """The names in a ``By ...`` byline line (or a desk: ``Redazione ANSA``), else None."""
    if len(line) > METADATA_LINE_MAX_CHARS:
        return None
    match = BYLINE_RE.match(line.strip()) or HOUSE_BYLINE_RE.match(line.strip())
    return match.group("names") if match else None


def is_signoff(line: str) -> bool:
    """Whether a line is a reporting/editing sign-off (``Reporting by ...; Editing by ...``)."""
    return len(line) <= METADATA_LINE_MAX_CHARS and bool(SIGNOFF_RE.match(line.strip()))


def signoff_of(line: str) -> str | None:
    """The sign-off a closing line carries, kept as the story's ``signoff`` field.

    Reuters' ``(Reporting by ...; Editing by ...)`` loses its brackets; the
    agencies' end marks (``(END)``, ``==Kyodo``, ``Enditem``, ``/dpa/``,
    ``EFE jco/cbm``) and editors' initials (``ach/gd``) are kept as written.
    """
    text = line.strip()
    if len(text) > METADATA_LINE_MAX_CHARS:
        return None
    if SIGNOFF_RE.match(text):
        return text.strip("()")
    if AGENCY_SIGNOFF_RE.match(text) or INITIALS_SIGNOFF_RE.match(text):
        return text
    return None


def find_credit(text: str) -> re.Match[str] | None:
    """The photo credit at the end of ``text`` (earliest-starting pattern wins)."""
    stripped = text.rstrip()
    matches = [m for pattern in CREDIT_PATTERNS if (m := pattern.search(stripped))]
    return min(matches, key=lambda m: m.start()) if matches else None


def clean_credit(credit: str) -> str:
    """A credit without its wrapping parentheses or label punctuation."""
    credit = credit.strip()
    if credit.startswith("(") and credit.endswith(")"):
        credit = credit[1:-1]
    return CREDIT_LABEL_PREFIX_RE.sub("", credit).strip()


def is_credit(text: str) -> bool:
    """Whether ``text`` is a photo credit and nothing else."""
    match = find_credit(text)
    return match is not None and not text[: match.start()].strip(_TRIM_CHARS + "()")


def split_caption_credit(text: str) -> tuple[str, str | None]:
    """Split ``caption + credit`` into (caption, credit); credit None when absent.

    Example: ``United Nations Secretary-General  EPA/JUSTIN LANE`` ->
    (``United Nations Secretary-General``, ``EPA/JUSTIN LANE``).
    """
    stripped = CAPTION_TRAILER_RE.sub("", text.strip())
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
    caption, credit = split_caption_credit(text)
    if credit is None:
        return None
    return caption or None, credit


def dateline_marker_agency(paragraph: str) -> str | None:
    """The agency whose dateline marker opens ``paragraph`` (``/TASS/.`` -> TASS), if any."""
    for match in DATELINE_MARKER_RE.finditer(paragraph[:DATELINE_MARKER_WINDOW]):
        code = canonical_agency(match.group("slash") or match.group("paren") or "")
        if code is not None:
            return code
    return None


def looks_like_crosshead(text: str, *, marked_up: bool = False) -> bool:
    """Whether a line is a crosshead: short, starts with a capital, no sentence end.

    ``marked_up`` is for headings and bold-only paragraphs, which the page
    itself marks as crossheads: those may end in ``?`` or ``!``.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > CROSSHEAD_MAX_CHARS:
        return False
    if len(stripped.split()) > CROSSHEAD_MAX_WORDS:
        return False
    first_letter = next((c for c in stripped if c.isalnum()), "")
    if not first_letter or first_letter.islower():
        return False
    end_re = STATEMENT_END_RE if marked_up else SENTENCE_END_RE
    return not end_re.search(stripped)
