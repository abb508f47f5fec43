"""The button "Tạo biểu mẫu trực tuyến" of a procedure page (POST only).

Calls :func:`luanthanh.policy.api.procedure.generate_form` and tells, in a
status message, whether the form was created or what changed; then goes
back to the procedure.  For users who may edit the procedure; the post
carries plone.protect's token.
"""

from luanthanh.policy import api as lt_api
from luanthanh.policy.browser.errors import show_error
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.i18n import _
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from zope.i18n import translate


CHANGE_WORDS = {
    "added": _("online_form_change_added", default="thêm"),
    "relabelled": _("online_form_change_relabelled", default="đổi tên"),
    "updated": _("online_form_change_updated", default="sửa ghi chú hoặc bắt buộc"),
    "removed": _("online_form_change_removed", default="bỏ"),
}


def describe(result, request) -> str:
    """The sentence of the status message for a generation's ``result``."""
    title = result.form.Title()
    if result.created:
        count = len(result.changes.added)
        return translate(
            _(
                "online_form_created",
                default="Đã tạo biểu mẫu trực tuyến “${title}” với ${count} mục "
                "tải giấy tờ lên.",
                mapping={"title": title, "count": count},
            ),
            context=request,
        )
    parts = [
        f"{translate(CHANGE_WORDS[kind], context=request)} {', '.join(ids)}"
        for kind, ids in result.changes.as_dict().items()
        if ids
    ]
    if not parts:
        return translate(
            _(
                "online_form_unchanged",
                default="Biểu mẫu trực tuyến “${title}” đã khớp với thủ tục; "
                "không có gì thay đổi.",
                mapping={"title": title},
            ),
            context=request,
        )
    return translate(
        _(
            "online_form_updated",
            default="Đã cập nhật biểu mẫu trực tuyến “${title}”: ${changes}.",
            mapping={"title": title, "changes": "; ".join(parts)},
        ),
        context=request,
    )


class OnlineFormView(BrowserView):
    """``@@online-form`` of a procedure: generate or update its form."""

    def __call__(self):
        target = self.context.absolute_url()
        if self.request.get("REQUEST_METHOD") != "POST":
            return self.request.response.redirect(target)
        CheckAuthenticator(self.request)
        try:
            result = lt_api.procedure.generate_form(self.context)
        except LuanThanhError as error:
            show_error(error, self.request)
            return self.request.response.redirect(target)
        api.portal.show_message(describe(result, self.request), self.request)
        return self.request.response.redirect(target)
