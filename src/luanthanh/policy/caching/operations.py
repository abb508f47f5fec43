"""The caching operation of the private ruleset: no cache keeps the answer.

plone.app.caching's own "No caching" answers ``max-age=0, must-revalidate,
private``, which would replace the ``no-store`` our private pages set.  This
one sets the same header as ``security/headers.py`` and drops any validator,
so a private page never gets an ETag, a Last-Modified or a 304.
"""

from luanthanh.policy.i18n import _
from luanthanh.policy.security.headers import NO_STORE
from plone.caching.interfaces import ICachingOperation
from plone.caching.interfaces import ICachingOperationType
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import provider
from zope.publisher.interfaces.http import IHTTPRequest


@implementer(ICachingOperation)
@provider(ICachingOperationType)
@adapter(Interface, IHTTPRequest)
class NoStore:
    """``Cache-Control: no-store, private``, no validators."""

    title = _("caching_no_store_title", default="Không lưu (dữ liệu cá nhân)")
    description = _(
        "caching_no_store_description",
        default="Không trình duyệt hay máy chủ đệm nào được lưu trang: "
        "biểu mẫu trực tuyến, tra cứu hồ sơ, sổ theo dõi hồ sơ.",
    )
    prefix = "luanthanh.policy.noStore"
    sort = 6
    options = ()

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def interceptResponse(self, rulename, response):
        return None

    def modifyResponse(self, rulename, response):
        for name in ("etag", "last-modified", "expires"):
            response.headers.pop(name, None)
        response.setHeader("Cache-Control", NO_STORE)
