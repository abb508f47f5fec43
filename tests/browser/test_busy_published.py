"""Through the publisher: a request that keeps conflicting gets the 503 page."""

from luanthanh.policy.testing.http import browser_for
from Products.Five import BrowserView
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from ZPublisher.HTTPRequest import HTTPRequest

import pytest


ATTEMPTS = []


class AlwaysConflicts(BrowserView):
    """Conflicts on every attempt."""

    def __call__(self):
        ATTEMPTS.append(self.request.retry_count)
        raise ConflictError("always")


@pytest.fixture
def conflicting_view(functional_portal, monkeypatch):
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 3)
    ATTEMPTS.clear()
    registry = getGlobalSiteManager()
    required = (Interface, IDefaultBrowserLayer)
    registry.registerAdapter(AlwaysConflicts, required, Interface, "always-conflicts")
    yield functional_portal.absolute_url() + "/@@always-conflicts"
    registry.unregisterAdapter(AlwaysConflicts, required, Interface, "always-conflicts")


def test_conflicts_retried_then_503(functional_app, conflicting_view):
    browser = browser_for(functional_app)
    browser.raiseHttpErrors = False
    browser.open(conflicting_view)
    assert ATTEMPTS == [0, 1, 2, 3]  # the first attempt and three retries
    assert browser.headers["status"].startswith("503")
    assert browser.headers["Retry-After"] == "5"
    assert "chưa có thông tin nào được lưu" in browser.contents
