"""The vocabularies of fees and payments (issue #18), registered in this package.

``luanthanh.policy.fee_statuses`` and ``luanthanh.policy.payment_methods``
are fixed by the domain; ``luanthanh.policy.fee_reasons`` is the editable
list of the control panel "Thanh toán" (one ``token|Title`` per line).
"""

from luanthanh.policy.i18n import _
from luanthanh.policy.payments.interfaces import DEFAULT_FEE_REASONS
from luanthanh.policy.payments.interfaces import FEE_REASONS_RECORD
from luanthanh.policy.vocabularies.terms import fixed_vocabulary
from luanthanh.policy.vocabularies.terms import parse_field_lines
from luanthanh.policy.vocabularies.terms import simple_vocabulary
from plone import api
from zope.i18nmessageid import Message
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleVocabulary


FEE_STATUSES: tuple[tuple[str, Message], ...] = (
    ("unpaid", _("fee_status_unpaid", default="Chưa nộp phí, lệ phí")),
    ("paid", _("fee_status_paid", default="Đã nộp phí, lệ phí")),
    ("exempt", _("fee_status_exempt", default="Miễn phí, lệ phí")),
    ("refunded", _("fee_status_refunded", default="Đã hoàn trả phí, lệ phí")),
)

PAYMENT_METHODS: tuple[tuple[str, Message], ...] = (
    ("vietqr", _("payment_method_vietqr", default="Chuyển khoản VietQR")),
    ("card", _("payment_method_card", default="Thẻ ngân hàng")),
    ("cash", _("payment_method_cash", default="Tiền mặt")),
    ("portal", _("payment_method_portal", default="Cổng Dịch vụ công")),
)
#: The methods that are not cash: the "không dùng tiền mặt" share.
NON_CASH_METHODS = ("vietqr", "card", "portal")

#: The reason of a dossier whose procedure has no fee.
NO_FEE = "no_fee"
NO_FEE_TITLE = _("fee_reason_no_fee", default="Không thu phí, lệ phí")


def fee_reason_pairs() -> list[tuple[str, str]]:
    """The reasons of exemptions and corrections, from the registry, in order."""
    lines = api.portal.get_registry_record(FEE_REASONS_RECORD, default=None)
    return parse_field_lines(DEFAULT_FEE_REASONS if lines is None else lines)


def fee_reason_title(token: str | None):
    """The title of a reason token; the token itself when it is unknown."""
    if token == NO_FEE:
        return NO_FEE_TITLE
    return dict(fee_reason_pairs()).get(token or "", token or "")


@provider(IVocabularyFactory)
def fee_reasons_vocabulary(context=None) -> SimpleVocabulary:
    return simple_vocabulary(fee_reason_pairs())


fee_statuses_vocabulary = fixed_vocabulary(FEE_STATUSES)
payment_methods_vocabulary = fixed_vocabulary(PAYMENT_METHODS)
