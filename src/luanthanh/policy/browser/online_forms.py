"""The button of the procedures control panel that generates the missing
online forms of the whole catalogue (POST only, with plone.protect's token).

Calls :func:`luanthanh.policy.api.procedure.generate_forms`, lists the forms
created in a status message and goes back to the control panel.
"""

from luanthanh.policy import api as lt_api
from luanthanh.policy.browser.errors import show_error
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.i18n import _
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from zope.i18n import translate


class OnlineFormsView(BrowserView):
    """``@@online-forms`` of the site root."""

    def __call__(self):
        target = f"{api.portal.get().absolute_url()}/@@procedure-import"
        if self.request.get("REQUEST_METHOD") != "POST":
            return self.request.response.redirect(target)
        CheckAuthenticator(self.request)
        try:
            results = lt_api.procedure.generate_forms()
        except LuanThanhError as error:
            show_error(error, self.request)
            return self.request.response.redirect(target)
        if results:
            message = _(
                "online_forms_created",
                default="Đã tạo ${count} biểu mẫu trực tuyến: ${titles}.",
                mapping={
                    "count": len(results),
                    "titles": "; ".join(r.form.Title() for r in results),
                },
            )
        else:
            message = _(
                "online_forms_none",
                default="Mọi thủ tục nhận hồ sơ trực tuyến đã có biểu mẫu; không "
                "tạo thêm biểu mẫu nào.",
            )
        api.portal.show_message(translate(message, context=self.request), self.request)
        return self.request.response.redirect(target)
