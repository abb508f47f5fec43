"""A MockMailHost in place of the site's MailHost (integration layer).

The readers of messages are in ``luanthanh.policy.testing.mails``.
"""

from Acquisition import aq_base
from luanthanh.policy.testing.mails import configure_sender
from luanthanh.policy.testing.mails import parse
from plone.app.testing.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from zope.component import getSiteManager

import pytest


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
