"""A MockMailHost in place of the site's MailHost (integration layer).

The readers of messages are in ``luanthanh.policy.testing.mails``.
"""

from luanthanh.policy.testing.mails import parse

import pytest


@pytest.fixture
def mailhost(mock_mailhost):
    """The site's MailHost replaced by plone.app.testing's MockMailHost."""
    return mock_mailhost


@pytest.fixture
def sent(mailhost):
    """The messages sent so far, parsed: ``sent()``."""

    def messages():
        return [parse(raw) for raw in mailhost.messages]

    return messages
