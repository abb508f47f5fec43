"""The target of a button: POST only, with the CSRF token, then a redirect.

The dossier page's transitions and the dashboard's buttons post to views
that change data and go back to a page.  A GET (a link followed, a
prefetch) changes nothing and lands on the context; a POST without the
token is refused by plone.protect.
"""

from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class PostedAction(BrowserView):
    """Base for a view that acts on a POST only: subclasses define :meth:`act`."""

    def __call__(self):
        request = self.request
        if request.get("REQUEST_METHOD", "GET") != "POST":
            request.response.redirect(self.context.absolute_url())
            return ""
        CheckAuthenticator(request)
        request.response.redirect(self.act())
        return ""

    def act(self) -> str:
        """Do the work, show a status message, and give the URL to go back to."""
        raise NotImplementedError
