"""Mails cannot be turned into phishing (issue #14, finding 9).

Through a real SMTP server: the links in a mail come from the site address
set in the control panel, not from the ``Host`` header of the request that
fired the transition, and the applicant's name is mailed without the URLs a
stranger put in it.
"""

from luanthanh.policy.config import DEFAULT_PUBLIC_URL
from luanthanh.policy.formatting import without_links
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.mails import configure_sender
from luanthanh.policy.testing.mails import html
from luanthanh.policy.testing.mails import plain
from luanthanh.policy.testing.mails import received
from luanthanh.policy.testing.mails import smtp_server
from plone import api

import logging
import pytest
import requests
import transaction


PUBLIC = "https://motcua.luanthanh.example.vn"
FORGED = "evil.example"
NAME = "Nguyễn Văn An https://evil.example/x www.evil.example/y evil.example/z"


@pytest.fixture
def site(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        configure_sender()
        create_officials()
        dossier = make_dossier(portal, make_procedure(portal), applicant_name=NAME)
    transaction.commit()
    return portal, dossier


def accept_with_forged_host(portal, dossier):
    """``accept`` over HTTP, as the desk, with a forged ``Host`` header."""
    response = requests.post(
        f"{portal.absolute_url()}/++api++/ho-so/{dossier.getId()}/@workflow/accept",
        json={"comment": ""},
        auth=("motcua", PASSWORD),
        headers={"Host": FORGED, "Accept": "application/json"},
    )
    assert response.status_code == 200, response.text


def test_links_come_from_the_configured_address(site):
    portal, dossier = site
    api.portal.set_registry_record("luanthanh.policy.site.public_url", PUBLIC + "/")
    with smtp_server() as collector:
        accept_with_forged_host(portal, dossier)
        messages = received(collector, 2)
    assert len(messages) == 2
    by_to = {m["To"]: m for m in messages}
    citizen = plain(by_to["an@example.org"])
    official = plain(by_to["chuyenvien@luanthanh.example.org"])
    for text in (citizen, official, html(by_to["an@example.org"])):
        assert FORGED not in text
        assert "localhost" not in text
    assert f"{PUBLIC}/tra-cuu-ho-so/@@tra-cuu-ho-so?code={dossier.code}" in citizen
    assert f"{PUBLIC}/ho-so/{dossier.getId()}" in official


def test_names_are_mailed_without_urls(site):
    portal, dossier = site
    api.portal.set_registry_record("luanthanh.policy.site.public_url", PUBLIC)
    with smtp_server() as collector:
        accept_with_forged_host(portal, dossier)
        messages = received(collector, 2)
    for message in messages:
        body = plain(message)
        assert "evil" not in body and "www." not in body
    citizen = next(m for m in messages if m["To"] == "an@example.org")
    assert "Kính gửi ông/bà Nguyễn Văn An," in plain(citizen)


def test_without_an_address_a_safe_default_and_a_warning(site, caplog):
    portal, dossier = site
    api.portal.set_registry_record("luanthanh.policy.site.public_url", "")
    with caplog.at_level(logging.WARNING), smtp_server() as collector:
        accept_with_forged_host(portal, dossier)
        messages = received(collector, 2)
    text = "".join(plain(m) for m in messages)
    assert FORGED not in text
    assert f"{DEFAULT_PUBLIC_URL}/tra-cuu-ho-so/" in text
    assert any("mail links use" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "typed,kept",
    [
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("An http://a.example/x", "An"),
        ("An HTTPS://A.EXAMPLE", "An"),
        ("An www.evil.com", "An"),
        ("An evil.com/x ơi", "An ơi"),
        ("An evil.co.uk", "An"),
        ("Trần Thị B. Hoa", "Trần Thị B. Hoa"),
        (None, ""),
    ],
)
def test_without_links(typed, kept):
    assert without_links(typed) == kept
