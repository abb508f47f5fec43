"""One and the same "not found" for every path under the tracking book.

Issue #14, finding 3: an existing dossier URL answered 401 (``++api++``) or
a redirect to the login (Classic) and a missing one 404, so anyone could
count the day's dossiers (the codes are sequential) and find live codes to
try against the lookup.

**The rule.**  For any request that goes through the tracking book
(``ho-so``, a :class:`~luanthanh.policy.content.dossier.DossierFolder`),
whatever the rest of the path (a dossier, an attachment's
``@@download/file``, ``@@display-file``, ``@@images``, ``@@view``,
``edit``, ``++api++``...), a refusal (``Unauthorized``) and a miss
(``NotFound``) are answered alike: **404**, with a body that depends on
nothing but the channel (a short Vietnamese HTML page in Classic UI,
``{"type": "NotFound", "message": ...}`` through ``++api++``), and the
private headers of a dossier (``Cache-Control: private, no-store``,
``X-Robots-Tag: noindex``, set by :mod:`.headers`).

**Why a 404 and not the login redirect.**  Dossier URLs are not public:
citizens follow their dossier on the lookup page (code + phone or CCCD),
never by its URL, so a 404 costs them nothing.  A login redirect for both
would carry the path in ``came_from`` and send every scanner to the login
form, the one place where guessing is rewarded.  The price is paid by an
official whose session has expired and who follows a link to a dossier:
they get the 404 page, which tells them to log in and open the link again
(a fixed link to the login that comes back to their dashboard, the same for
every path, so that the page stays identical).  Their usual entry,
``/ban-lam-viec`` on the site root, still sends them to the login first.

**Who gets it.**
* Anonymous: everything under the book, including the book itself.
* An authenticated user without access (a Member, an Editor, a citizen's
  account; anyone without "View" on the book): the same 404, for the same
  paths.
* An official who may open the book but not this dossier (a processor not
  assigned to it), or a page of it they may not use: the same 404 as for a
  missing dossier.  Officials with access get their pages as before.

**How.**  The book's ``__before_publishing_traverse__`` notifies
``BeforeTraverseEvent``; :func:`mark_request` then marks the request with
:class:`IInsideDossierBook`.  Zope looks the exception view up for
``(exception, request)``; :class:`NotFoundAnswer` is registered for
``NotFound`` and ``Unauthorized`` on that marker, so it wins over Plone's
and plone.rest's views (they are registered for ``Exception``).  For
``Unauthorized`` the publisher would then challenge (the login redirect or
a 401 with ``WWW-Authenticate``): the view locks the status at 404 and
replaces the response's challenge hook for this request only.
"""

from luanthanh.policy.config import LOOKUP_PATH
from luanthanh.policy.i18n import _
from luanthanh.policy.urls import site_url
from plone.rest.interfaces import IAPIRequest
from plone.transformchain.interfaces import DISABLE_TRANSFORM_REQUEST_KEY
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Interface

import html
import json


class IInsideDossierBook(Interface):
    """Marker of a request whose path goes through the tracking book."""


def mark_request(folder, event) -> None:
    """(IDossierFolder, IBeforeTraverseEvent): mark the request."""
    request = event.request
    if not IInsideDossierBook.providedBy(request):
        alsoProvides(request, IInsideDossierBook)


def inside_book(request) -> bool:
    return IInsideDossierBook.providedBy(request)


TITLE = _("not_found_title", default="Không tìm thấy trang")
MESSAGE = _(
    "not_found_book",
    default="Không có trang nào ở địa chỉ này. Người nộp hồ sơ theo dõi hồ sơ "
    "tại trang Tra cứu hồ sơ, bằng mã hồ sơ và số điện thoại hoặc số định danh "
    "cá nhân.",
)
LOOKUP_LINK = _("not_found_lookup_link", default="Tra cứu hồ sơ")
OFFICIALS = _(
    "not_found_officials",
    default="Cán bộ của Trung tâm: hãy đăng nhập rồi mở lại liên kết.",
)
LOGIN_LINK = _("not_found_login_link", default="Đăng nhập")

HOME_LINK = _("not_found_home_link", default="Về trang chủ")

#: A page of its own, not the site's layout: the layout would show the
#: path (breadcrumbs, <base>, the user's menu) and so tell one path from
#: another.  Inline style only, in the site's colours.
PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<base href="{base}/">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font: 1rem/1.6 system-ui, "Segoe UI", Roboto, sans-serif;
  color: #212529; background: #f8f9fa; }}
header {{ background: #007bb1; color: #fff; padding: .9rem 1.5rem; }}
header a {{ color: #fff; font-weight: 600; text-decoration: none; }}
main {{ max-width: 40rem; margin: 2.5rem auto; padding: 2rem; background: #fff;
  border: 1px solid #dee2e6; border-radius: .5rem; }}
h1 {{ margin-top: 0; font-size: 1.6rem; }}
a {{ color: #00598a; }}
.primary {{ display: inline-block; padding: .5rem 1rem; border-radius: .3rem;
  background: #007bb1; color: #fff; text-decoration: none; }}
</style>
</head>
<body>
<header><a href="{base}">{home}</a></header>
<main>
<h1>{title}</h1>
<p>{message}</p>
<p><a class="primary" href="{lookup_url}">{lookup}</a></p>
<p>{officials} <a href="{login_url}">{login}</a></p>
</main>
</body>
</html>
"""


def _no_challenge() -> None:
    """The response's ``_unauthorized`` hook for this request: no challenge."""


class NotFoundAnswer(BrowserView):
    """Exception view (``index.html``) for NotFound and Unauthorized inside the book."""

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def __call__(self):
        response = self.request.response
        # The publisher challenges after this view for Unauthorized (PAS: a
        # redirect to the login, or 401 and WWW-Authenticate): not here.
        response._unauthorized = _no_challenge
        response.setStatus(404, lock=True)
        # No output transform (plone.protect adds a script with the user's
        # token to HTML when the user was authenticated, i.e. when traversal
        # got past the dossier): the page must not depend on how far it got.
        self.request.environ[DISABLE_TRANSFORM_REQUEST_KEY] = True
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            body = {"type": "NotFound", "message": self._t(MESSAGE)}
            return json.dumps(body, ensure_ascii=False)
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        base = site_url()
        # Our own <base>: Zope would otherwise insert the dossier's URL (a
        # CMF default view sets one), and the page would differ by path.
        response.setBase(None)
        return PAGE.format(
            lang=html.escape(str(self.request.get("LANGUAGE") or "vi")),
            home=html.escape(self._t(HOME_LINK)),
            base=html.escape(base),
            title=html.escape(self._t(TITLE)),
            message=html.escape(self._t(MESSAGE)),
            lookup=html.escape(self._t(LOOKUP_LINK)),
            lookup_url=html.escape(f"{base}/{LOOKUP_PATH}"),
            officials=html.escape(self._t(OFFICIALS)),
            login=html.escape(self._t(LOGIN_LINK)),
            login_url=html.escape(
                f"{base}/login?{urlencode({'came_from': base + '/ban-lam-viec'})}"
            ),
        )
