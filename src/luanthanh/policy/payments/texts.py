"""What the applicant is told about the fee (the acceptance and result mails).

:func:`mail_values` gives the mails' ``${fee}`` line: the amount still to pay
and how to pay it without cash, or the receipt of a payment already made.
An exempt dossier, and one whose fee was never recorded, get no line (the
mail leaves out a line whose value is empty).
"""

from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from luanthanh.policy.payments.record import amount_text
from luanthanh.policy.payments.record import PAID
from luanthanh.policy.payments.record import UNPAID


def fee_line(dossier):
    """The sentence on the dossier's fee, or None (nothing to say)."""
    status = getattr(dossier, "fee_status", None)
    if status == UNPAID:
        return _(
            "mail_fee_unpaid",
            default="Phí, lệ phí phải nộp: ${amount} đồng. Ông/bà có thể nộp không "
            "dùng tiền mặt bằng mã VietQR trên trang tra cứu hồ sơ; kết quả được trả "
            "sau khi hoàn thành nghĩa vụ tài chính.",
            mapping={"amount": amount_text(dossier.fee_due)},
        )
    if status == PAID:
        return _(
            "mail_fee_paid",
            default="Phí, lệ phí ${amount} đồng: đã nộp (biên lai số ${number}).",
            mapping={
                "amount": amount_text(dossier.fee_due),
                "number": dossier.receipt_number or "—",
            },
        )
    return None


def mail_values(dossier) -> dict[str, str]:
    """``{"fee": ...}`` for the mail templates (empty: the line is left out)."""
    line = fee_line(dossier)
    return {"fee": translated(line, request=False) if line is not None else ""}
