"""Who delivered a wire file: provider ids, domains and qcodes -> one agency name.

Agency files name their provider in many ways: a NewsML-G2 ``provider``
qcode (``nprov:REUTERS``), a NewsML 1.2 ``ProviderId`` (``afp.com``), a
domain inside a guid (``urn:newsml:dpa.com:20170629:...``,
``tag:reuters.com,2017:newsml_...``), a NITF ``doc-id@regsrc`` (``AP``), a
ninjs ``copyrightholder`` (``The Associated Press``). ``agency_from_provider``
reduces each to a key and looks it up here; agencies with a profile in
``etl.transform.agencies`` come back as its canonical code, the others as the
name below (helper 10b owns the profiles; these names are what the files say).
"""

from __future__ import annotations

import re
from typing import Final

from etl.transform.agencies import canonical_agency

# Provider key (first label of the provider's domain, or its id, lower case) -> name.
# Example: "reuters.com" -> key "reuters" -> "Reuters".
PROVIDER_NAMES: Final[dict[str, str]] = {
    "reuters": "Reuters",
    "thomsonreuters": "Reuters",
    "ap": "AP",
    "apnews": "AP",
    "associatedpress": "AP",
    "theassociatedpress": "AP",
    "afp": "AFP",
    "agencefrancepresse": "AFP",
    "dpa": "dpa",
    "dpanewsroom": "dpa",
    "efe": "EFE",
    "agenciaefe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "kyodonews": "Kyodo",
    "tass": "TASS",
    "xinhua": "Xinhua",
    "xinhuanet": "Xinhua",
    "yonhap": "Yonhap",
    "upi": "UPI",
    "interfax": "Interfax",
    "aap": "AAP",
    "australianassociatedpress": "AAP",
    "pa": "PA",
    "pamedia": "PA",
    "pressassociation": "PA",
    "paapi": "PA",
    "ntb": "NTB",
    "norsktelegrambyra": "NTB",
    "stt": "STT",
    "sttinfo": "STT",
    "tt": "TT",
    "ttnyhetsbyran": "TT",
    "ritzau": "Ritzau",
    "anp": "ANP",
    "belga": "Belga",
    "apa": "APA",
    "sda": "Keystone-SDA",
    "ats": "Keystone-SDA",
    "keystonesda": "Keystone-SDA",
    "anampa": "ANA-MPA",
    "aa": "Anadolu",
    "anadolu": "Anadolu",
    "ctk": "CTK",
    "pap": "PAP",
    "mti": "MTI",
    "lusa": "Lusa",
    "europapress": "Europa Press",
    "jiji": "Jiji",
    "bernama": "Bernama",
    "antara": "Antara",
    "antaranews": "Antara",
    "pna": "PNA",
    "pti": "PTI",
    "ians": "IANS",
    "businesswire": "Business Wire",
    "globenewswire": "GlobeNewswire",
    "prnewswire": "PR Newswire",
    "nordicir": "Cision",
    "cision": "Cision",
    "vg": "VG",
    "verdensgang": "VG",
}

# Qcode scheme prefix of a provider: "nprov:REUTERS" -> "REUTERS".
QCODE_PREFIX_RE: Final = re.compile(r"^[a-z][\w-]*:(?!//)", re.IGNORECASE)
# A domain inside an id: "urn:newsml:dpa.com:2017..." or "tag:reuters.com,2017:..."
# or "http://www.afp.com/...". Sample match: "dpa.com".
ID_DOMAIN_RE: Final = re.compile(
    r"(?:urn:newsml:|tag:|https?://|^)(?:www\.)?([a-z0-9-]+)\.(?:[a-z]{2,}\.)*[a-z]{2,}\b",
    re.IGNORECASE,
)
# Characters dropped before lookup: "Agence France-Presse" -> "agencefrancepresse".
NON_ALNUM_RE: Final = re.compile(r"[^a-z0-9]+")


def provider_keys(provider: str) -> list[str]:
    """Lookup keys of a provider string: its domain's labels, or its bare name.

    ``texto.efeservicios.com`` -> ``["texto", "efeservicios"]``;
    ``nprov:REUTERS`` -> ``["reuters"]``.
    """
    text = provider.strip()
    domain = ID_DOMAIN_RE.search(text)
    if domain and "." in text:
        labels = text[domain.start(1) : domain.end()].lower().split(".")[:-1]
        return [NON_ALNUM_RE.sub("", label) for label in labels if label]
    text = QCODE_PREFIX_RE.sub("", text)
    return [NON_ALNUM_RE.sub("", text.lower())]


def _label_name(label: str) -> str | None:
    """A provider name for one domain label: exact, or an agency key it starts with."""
    if label in PROVIDER_NAMES:
        return PROVIDER_NAMES[label]
    # "efeservicios" -> "efe", "dpanews" -> "dpa": an agency key opening the label.
    return next(
        (name for key, name in PROVIDER_NAMES.items() if len(key) >= 3 and label.startswith(key)),
        None,
    )


def agency_from_provider(*providers: str | None) -> str | None:
    """The agency the first recognisable provider string names, else None.

    Known agencies come back as their canonical code (``Reuters``, ``AP``,
    ``dpa``); others as the name in ``PROVIDER_NAMES``.
    """
    for provider in providers:
        if not provider or not provider.strip():
            continue
        known = canonical_agency(provider.strip())
        if known:
            return known
        keys = provider_keys(provider)
        name = next((found for key in keys if (found := _label_name(key))), None)
        if name:
            return canonical_agency(name) or name
    return None
