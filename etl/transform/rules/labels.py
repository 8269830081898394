"""Labels and stamps: lines of page chrome, matched whole.

Navigation, section, share and ad labels (compared as words), breadcrumbs,
separators, update and publication stamps, copyright footers and source meta
lines. Each rule is a module constant with an example it matches.
"""

from __future__ import annotations

import re
from typing import Final

from etl.transform.agencies import canonical_agency, source_lines

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
        # Labels of boxes and lists beside a story on real sites (the dev set's pages).
        # Example: ``Recommended Videos``, ``Latest Videos From``, ``Passend zum Artikel``,
        # ``Schlagwörter zu diesem Artikel``, ``【関連記事】``, ``[PR]``.
        "recommended videos",
        "recommended from editorial",
        "latest videos from",
        "about the author",
        "passend zum artikel",
        "schlagwörter zu diesem artikel",
        "weitere informationen",
        "ende der weiteren informationen",
        "【関連記事】",
        "[pr]",
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
# ``19.11.2026, 10:32 Uhr``, ``2026-11-19 14:32 KST``, ``Updated: 2026-11-19 16:05:12``.
_LOCAL_STAMP_LABEL: Final = (
    r"(?:publié|mis à jour|actualisé|publicado|actualizado|pubblicato|aggiornato"
    r"|veröffentlicht|aktualisiert|stand|(?:last )?updated|published|posted)"
    r"(?: (?:le|el|il|am|on))?:? "
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

# Reading-time labels, in English and the wires' other languages, alone on a line.
# Example: ``3 min read``, ``4-minute read``, ``Reading time: 5 minutes``,
# ``Lesezeit: 3 Minuten``, ``Temps de lecture : 2 min``, ``Tiempo de lectura: 3 min``,
# ``Tempo di lettura: 4 minuti``, ``Время чтения: 3 минуты``.
READING_TIME_RE: Final = re.compile(
    r"^(?:(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|lectura"
    r"|tempo di lettura|время чтения)\s*:?\s*)?(?:about |ca\. |~)?\d{1,3}\s*(?:-\s*)?"
    r"(?:min(?:ute)?s?|minuten|minutos|minuti|мин(?:ут[аы]?)?)\.?"
    r"(?:\s+(?:read|de lecture|de lectura|di lettura|lesezeit|чтения))?$",
    re.IGNORECASE,
)

# A site's or agency's name on a line of its own above the headline, as a saved
# page keeps its masthead: a domain, or a name with "News (Agency)" after it.
# (Agency names themselves are recognised through their profiles.)
# Example: ``english.news.cn``, ``tass.com``, ``Yonhap News Agency``, ``KYODO NEWS``, ``AP News``.
SITE_NAME_RE: Final = re.compile(
    r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|ru|net|org|co\.kr|co\.jp|de|fr|it|es|tr)$"
    r"|^[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2} news(?: agency)?$",
    re.IGNORECASE,
)

# Site names are short; a longer line is a headline.
SITE_NAME_MAX_CHARS: Final = 60

# Page meta lines that name the agency as the source, with a time or editor:
# any ``Source: NAME | ...`` line, and each agency's own (its profile's
# ``source_lines``: Xinhua's bare source line, Kyodo's masthead line). A
# ``Source:`` line without the bars is only dropped when an agency prints it
# (a chart's source line stays).
# Example: ``Source: Xinhua | 2026-11-19 09:47:03 | Editor: huaxia``,
# ``Source: Xinhua``, ``KYODO NEWS - Nov 19, 2026 - 15:42 | Japan, All``.
SOURCE_META_RE: Final = re.compile(
    "|".join(
        f"^(?:{line})$" for line in (r"source\s*:\s*[\w .-]{2,40}\s*\|.{0,80}", *source_lines())
    ),
    re.IGNORECASE,
)

# The words of the share phrases and ad-slot labels: a line holding any other
# word is neither (checked before the phrases are matched, which is costly).
SHARE_VOCABULARY: Final = frozenset(word for phrase in SHARE_WORDS for word in phrase.split())
SHARE_PHRASES_LONGEST_FIRST: Final = tuple(sorted(SHARE_WORDS, key=len, reverse=True))
LABEL_SEPARATOR_SPACES: Final = str.maketrans("·•|", "   ")
AD_SLOT_VOCABULARY: Final = frozenset(
    word for label in AD_SLOT_LABELS for word in LABEL_SEPARATOR_RE.sub(" ", label).split()
)

# Horizontal rules typed as text.
# Example: ``___``, ``* * *``, ``----``.
SEPARATOR_RE: Final = re.compile(r"^[\s_*\-=~·•]{3,}$")

TRIM_CHARS: Final = " \t.:;!?|·•—–-"
"""What is trimmed off a line before it is compared with a label set."""


def label_key(line: str) -> str:
    """A line reduced to its words for comparison with the label sets."""
    return line.strip(TRIM_CHARS).lower()


def is_share_bar(key: str) -> bool:
    """Whether a line consists only of share-bar words."""
    if key in SHARE_WORDS:
        return True
    first_word = key.split(None, 1)[0] if key.strip() else ""
    if first_word not in SHARE_VOCABULARY:
        return False  # a word no share phrase holds: story text, decided at once
    words = key.split()
    if len(words) < 2 or not SHARE_VOCABULARY.issuperset(words):
        return False
    rest = f" {key} "
    for phrase in SHARE_PHRASES_LONGEST_FIRST:
        rest = rest.replace(f" {phrase} ", "  ")
    return not rest.strip()


def is_ad_slot(key: str) -> bool:
    """Whether a line is only ad-slot labels (``Advertisement · Scroll to continue``)."""
    first_word = key.split(None, 1)[0] if key.strip() else ""
    if first_word not in AD_SLOT_VOCABULARY and not AD_SLOT_VOCABULARY.issuperset(
        first_word.translate(LABEL_SEPARATOR_SPACES).split()
    ):
        return False  # it opens with a word no ad-slot label holds
    parts = [part.strip() for part in LABEL_SEPARATOR_RE.split(key)]
    return all(part in AD_SLOT_LABELS for part in parts if part) and any(parts)


def is_site_name(line: str) -> bool:
    """Whether a line is only a site's or an agency's name (``Xinhua``, ``tass.com``)."""
    stripped = line.strip()
    if len(stripped) > SITE_NAME_MAX_CHARS:
        return False
    return canonical_agency(stripped) is not None or bool(SITE_NAME_RE.match(stripped))


# --- stamps told by their words ------------------------------------------------------------

# The words a date, time, publication or reading-time stamp is made of, in the
# languages of the dev set's pages and the wires: labels, prepositions, weekdays,
# months, clock and zone words. A short line holding a digit and no other word is
# a stamp, however its parts are arranged (the patterns above need one order).
# Example: ``Published: 19.11.2026 | Updated: 19.11.2026 12:47``,
# ``Thursday, November 19, 2026``, ``November 19, 2026 10:42 AM GMT+1``,
# ``19.11.2026 - Güncelleme : 19.11.2026``, ``⏱ 3 min read``, ``Lesedauer: 2 Min.``,
# ``Czas czytania: 3 min``, ``Okuma süresi: 3 dk``, ``Time to read: 3 min``.
_STAMP_WORDS_TEXT: Final = """
    updated update last published posted modified created on at by the of a am pm m
    utc gmt et est edt ct cst cdt pt pst pdt cet cest bst eet eest jst kst msk ist hkt sgt
    aest aedt wib
    min mins minute minutes read reading time to h hr hrs
    aktualisiert veröffentlicht publiziert erstellt geändert stand um uhr lesezeit lesedauer
    minuten ca
    publié mis à jour le modifié temps de lecture
    publicado actualizado modificado el las hs tiempo lectura minutos
    pubblicato aggiornato il alle ore tempo lettura minuti
    atualizado em às
    gepubliceerd bijgewerkt om leestijd
    güncelleme güncellenme yayınlanma yayınlama tarihi okuma süresi dk dakika
    czas czytania zaktualizowano opublikowano
    обновлено опубликовано время чтения мин
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    januar februar märz mai juni juli oktober dezember
    lundi mardi mercredi jeudi vendredi samedi dimanche
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    lunes martes miércoles jueves viernes sábado domingo
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
"""
STAMP_WORDS: Final = frozenset(_STAMP_WORDS_TEXT.split())
# Stamps are short; a longer line is a sentence.
STAMP_MAX_CHARS: Final = 80
STAMP_WORD_RE: Final = re.compile(r"[^\W\d_]+")
# A stamp shows a year, a clock time or a number of minutes; a weekday and a day
# alone (``Donnerstag, 18. 7.``) head a live blog's day and stay.
STAMP_FIGURE_RE: Final = re.compile(r"\d{4}|\d[:h.]\d\d|\d\s*(?:min|dk|мин)", re.IGNORECASE)


def is_stamp_line(line: str) -> bool:
    """Whether a short line shows a year, time or minutes and holds only stamp words."""
    if len(line) > STAMP_MAX_CHARS or not STAMP_FIGURE_RE.search(line):
        return False
    words = STAMP_WORD_RE.findall(line.lower())
    return bool(words) and all(word in STAMP_WORDS for word in words)
