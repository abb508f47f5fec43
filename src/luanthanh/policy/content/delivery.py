"""How the applicant asked to receive the result (mẫu 01, item 6), on a dossier.

The tokens, the rules and the texts are in
:mod:`luanthanh.policy.dossiers.delivery`; the counter form asks these two
fields, the online forms ask the same question in their own fields.
"""

from luanthanh.policy.fields import optional_text
from luanthanh.policy.i18n import _
from plone.autoform import directives
from plone.supermodel import model
from z3c.form.browser.radio import RadioFieldWidget
from zope import schema


class IResultDelivery(model.Schema):
    """Đăng ký nhận kết quả: at the center, by post to an address, online."""

    model.fieldset(
        "delivery",
        label=_("fieldset_result_delivery", default="Nhận kết quả"),
        fields=["result_delivery", "result_address"],
    )
    directives.widget("result_delivery", RadioFieldWidget)
    result_delivery = schema.Choice(
        title=_("label_result_delivery", default="Đăng ký nhận kết quả tại"),
        vocabulary="luanthanh.policy.result_delivery",
        required=True,
        default="center",
    )
    result_address = optional_text(
        _("label_result_address", default="Địa chỉ nhận kết quả qua bưu chính"),
        description=_(
            "help_result_address",
            default="Bắt buộc khi nhận kết quả qua dịch vụ bưu chính công ích.",
        ),
    )
