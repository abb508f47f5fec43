"""A ConflictError Zope no longer retries: 503, nothing saved, send again."""

from luanthanh.policy.browser.busy import BusyView
from plone.rest.interfaces import IAPIRequest
from ZODB.POSException import ConflictError
from zope.component import queryMultiAdapter
from zope.interface import alsoProvides

import json


def test_conflict_error_view_registered(portal, http_request):
    view = queryMultiAdapter((ConflictError(), http_request), name="index.html")
    assert isinstance(view, BusyView)


def test_busy_page(portal, http_request):
    body = BusyView(ConflictError(), http_request)()
    response = http_request.response
    assert response.getStatus() == 503
    assert response.getHeader("Retry-After") == "5"
    assert "chưa có thông tin nào được lưu" in body
    assert "Vui lòng gửi lại" in body


def test_busy_json_for_the_api(portal, http_request):
    alsoProvides(http_request, IAPIRequest)
    body = json.loads(BusyView(ConflictError(), http_request)())
    assert http_request.response.getStatus() == 503
    assert body["error"]["type"] == "ServiceUnavailable"
    assert "Vui lòng gửi lại" in body["error"]["message"]
