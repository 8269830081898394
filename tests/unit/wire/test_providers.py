"""Provider strings as agencies' files write them -> the agency code the profiles use."""

from __future__ import annotations

import pytest

from etl.transform.wire.providers import agency_from_provider


@pytest.mark.parametrize(
    ("providers", "agency"),
    [
        (("nprov:REUTERS",), "Reuters"),
        (("tag:reuters.com,2026:newsml_L8N3CB0X1",), "Reuters"),
        (("urn:newsml:dpa.com:20090101:261119-99-445566",), "dpa"),
        (("texto.efeservicios.com",), "EFE"),  # a label that opens with the agency's key
        (("afp.com",), "AFP"),
        (("Agence France-Presse",), "AFP"),
        (("The Associated Press",), "AP"),
        (("http://www.ap.org/item/1",), "AP"),
        (("urn:newsml:stt.fi:20261119:1",), "STT"),
        (("ats.ch",), "Keystone-SDA"),
        (("pap.pl",), "PAP"),
        (("Verdens Gang",), "VG"),  # no profile: the provider's own short name
        (("", None, "Cypress Test publisher", "nordicir.com"), "Cision"),  # first known wins
        (("iptc.org", "Foobar"), None),
    ],
)
def test_provider_strings_name_the_agency(
    providers: tuple[str | None, ...], agency: str | None
) -> None:
    assert agency_from_provider(*providers) == agency
