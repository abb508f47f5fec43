"""The fee and the payment of a dossier (issue #18), on a dossier.

Every field is written by :mod:`luanthanh.policy.payments.record` through
:mod:`luanthanh.policy.api.payment`, never by a form or a REST PATCH of the
dossier: they are read-only and omitted from the edit forms, and plone.restapi
serializes them with the dossier.
"""

from luanthanh.policy.fields import read_only
from luanthanh.policy.fields import read_only_records
from luanthanh.policy.i18n import _
from plone.autoform import directives
from plone.supermodel import model
from zope import schema


#: The payment fields, in the order of the "Phí, lệ phí" fieldset.
PAYMENT_FIELDS = (
    "fee_due",
    "fee_standard",
    "fee_status",
    "fee_reason",
    "payment_method",
    "paid_at",
    "payment_reference",
    "receipt_number",
    "paid_recorded_by",
    "fee_settled_at",
    "payment_history",
)


class IPayment(model.Schema):
    """Phí, lệ phí của hồ sơ: the amount due, its status and its payment."""

    model.fieldset(
        "payment",
        label=_("fieldset_payment", default="Phí, lệ phí"),
        fields=list(PAYMENT_FIELDS),
    )
    directives.omitted(*PAYMENT_FIELDS)
    fee_due = read_only(schema.Int, _("label_fee_due", default="Phí, lệ phí phải nộp"))
    fee_standard = read_only(
        schema.Int,
        _("label_fee_standard", default="Mức phí, lệ phí của thủ tục"),
        _(
            "help_fee_standard",
            default="Mức của thủ tục khi hồ sơ được tính phí; phần chênh lệch với số "
            "phải nộp là phần được miễn, giảm.",
        ),
    )
    fee_status = read_only(
        schema.Choice,
        _("label_fee_status", default="Tình trạng nộp phí, lệ phí"),
        vocabulary="luanthanh.policy.fee_statuses",
    )
    fee_reason = read_only(
        schema.TextLine, _("label_fee_reason", default="Lý do miễn, giảm, điều chỉnh")
    )
    payment_method = read_only(
        schema.Choice,
        _("label_payment_method", default="Hình thức nộp"),
        vocabulary="luanthanh.policy.payment_methods",
    )
    paid_at = read_only(schema.Datetime, _("label_paid_at", default="Thời điểm nộp"))
    payment_reference = read_only(
        schema.TextLine,
        _("label_payment_reference", default="Mã giao dịch"),
    )
    receipt_number = read_only(
        schema.TextLine, _("label_receipt_number", default="Số biên lai")
    )
    paid_recorded_by = read_only(
        schema.TextLine, _("label_paid_recorded_by", default="Người ghi nhận")
    )
    fee_settled_at = read_only(
        schema.Datetime,
        _("label_fee_settled_at", default="Thời điểm hoàn thành nghĩa vụ tài chính"),
    )
    payment_history = read_only_records(
        _("label_payment_history", default="Lịch sử phí, lệ phí")
    )
