"""The stylesheet with our accessibility fixes over Plone's theme."""

from plone.app.layout.viewlets.common import ViewletBase


class AccessibilityCSSViewlet(ViewletBase):
    """``<link>`` to ``++resource++luanthanh.policy/a11y.css`` (and
    ``brand.css``, the header with the center's logo and name, and
    ``public.css``, the public pages and the footer's contact block, and
    ``online.css``, the online forms and their thank-you page) in the head,
    once per page."""

    def update(self):
        super().update()
        self.portal_url = self.portal_state.portal_url()
