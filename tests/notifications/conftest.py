"""A MockMailHost in place of the site's MailHost, and helpers to read mail."""

from Acquisition import aq_base
from email import message_from_bytes
from email import policy
from plone import api
from plone.app.testing.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from tests.dossiers.conftest import dossier  # noqa: F401
from tests.dossiers.conftest import officials  # noqa: F401
from tests.dossiers.conftest import procedure  # noqa: F401
from zope.component import getSiteManager

import pytest


FROM_ADDRESS = "motcua@luanthanh.example.org"
FROM_NAME = "Trung tâm Phục vụ hành chính công xã Luận Thành"


def configure_sender() -> None:
    api.portal.set_registry_record("plone.email_from_address", FROM_ADDRESS)
    api.portal.set_registry_record("plone.email_from_name", FROM_NAME)


def parse(raw):
    """A received message, its headers and parts decoded."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return message_from_bytes(raw, policy=policy.default)


def plain(message) -> str:
    """The text/plain part, decoded; CRLF line ends (as sent) read as LF."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return text.replace("\r\n", "\n")


def html(message) -> str:
    text = message.get_body(preferencelist=("html",)).get_content()
    return text.replace("\r\n", "\n")


@pytest.fixture
def mailhost(portal):
    """The site's MailHost replaced by plone.app.testing's MockMailHost."""
    configure_sender()
    original = aq_base(portal.MailHost)
    own_attribute = "MailHost" in portal.__dict__
    mock = MockMailHost("MailHost")
    portal.MailHost = mock
    site_manager = getSiteManager(portal)
    site_manager.unregisterUtility(provided=IMailHost)
    site_manager.registerUtility(mock, provided=IMailHost)
    yield mock
    if own_attribute:
        portal.MailHost = original
    else:
        del portal.MailHost
    site_manager.unregisterUtility(provided=IMailHost)
    site_manager.registerUtility(original, provided=IMailHost)


@pytest.fixture
def sent(mailhost):
    """The messages sent so far, parsed: ``sent()``."""

    def messages():
        return [parse(raw) for raw in mailhost.messages]

    return messages
