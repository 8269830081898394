"""Related links, tags and prompts: what points away from the story.

Related-story blocks, tag and hashtag lists, newsletter, cookie and
"follow our coverage" prompts, in the languages of the wires.
"""

from __future__ import annotations

import re
from typing import Final

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
# ``Related coverage``, ``Read more``, ``À lire aussi : ...``, ``Leggi anche``,
# ``Les også: ...`` (Norwegian), ``Czytaj więcej`` (Polish), ``Читайте также``.
RELATED_BLOCK_RE: Final = re.compile(
    r"^(?:read also|see also|also read|read more|related(?: coverage| stories| content"
    r"| articles| news)?|recommended(?: for you)?|more on this|more stories"
    r"|(?:à |a )?lire aussi|voir aussi|lea también|lee también|le puede interesar"
    r"|ver también|noticias relacionadas|leggi anche|vedi anche|potrebbe interessarti"
    r"|lesen sie auch|lesen sie mehr(?: zum thema)?|mehr zum thema|auch interessant"
    r"|noticia relacionada|leia (?:também|mais)|veja também|lees (?:ook|meer)"
    r"|les også|les mer|læs også|læs mere|läs också|läs mer|lue myös"
    r"|czytaj (?:też|także|więcej)|(?:přečtěte si|čtěte) (?:také|též)|читайте также)"
    r"\b\s*(?:[:\-—]|$)"
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

# AP's pointer to a topic hub at the foot of a story.
# Example: ``Follow AP's coverage of the war at https://apnews.com/hub/...``.
FOLLOW_COVERAGE_RE: Final = re.compile(
    r"^(?:follow|find more of) (?:ap['’]?s|our) (?:coverage|reporting)\b.*(?:https?://\S+)?$",
    re.IGNORECASE,
)

# Consent notices standing in for an embedded post or video (shown until the
# reader allows the third party), and the player's own placeholders.
# Example: ``Empfohlener redaktioneller Inhalt``, ``Externen Inhalt anzeigen``,
# ``An dieser Stelle finden Sie externen Inhalt, der den Artikel ergänzt. ...``,
# ``Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. ...``,
# ``YouTube-Inhalte erlauben``, ``Ein Klick für den Datenschutz``, ``Player wird geladen``,
# ``To view this video please enable JavaScript, and consider upgrading ...``,
# ``This content is hosted by a third party. ...``,
# ``We apologize, but this video has failed to load.``, ``<video title> Back to video``.
EMBED_CONSENT_RE: Final = re.compile(
    r"^empfohlener redaktioneller inhalt$"
    r"|\bexterne[nr]? inhalte? (?:anzeigen|erlauben|aktivieren|laden|zulassen)\b"
    r"|^an dieser stelle finde(?:n sie|st du) (?:einen )?externen inhalt"
    r"|\beinverstanden, dass mir\b.{0,40}\binhalte\b"
    r"|\bpersonenbezogene daten können an drittplattformen\b"
    r"|^[\w.-]{1,20}-inhalte (?:erlauben|anzeigen|aktivieren)$"
    r"|^ein klick für den datenschutz|^player wird geladen"
    r"|^to view this (?:video|content),? please enable javascript"
    r"|^this (?:content|video|embed) is (?:hosted|provided) by a third party"
    r"|^we apologi[sz]e, but this video has failed to load\b|\bback to video$",
    re.IGNORECASE,
)
