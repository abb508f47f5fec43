"""The rules of a dossier's fee and payment (issue #18).

A dossier's fee is *assessed* from its procedure when it is created and again
when it is accepted (:func:`assess`): the procedure's fee becomes
``fee_due``, and a procedure without fee makes the dossier ``exempt`` with
the reason "Không thu phí, lệ phí".  The desk then records one payment
(:func:`check_payment`, then :func:`mark_paid` with a receipt number), may
correct the fee or exempt it with a reason of the control panel's list
(:func:`correct`), and may refund a paid fee (:func:`refund`).  Each change
appends one record to ``payment_history``.

Every function checks everything before it writes anything: an error leaves
the dossier as it was.  Nothing here knows the workflow or the catalog's
layout; :mod:`luanthanh.policy.api.payment` passes in the procedure's fee,
the actor and the time, and reindexes.
"""

from datetime import datetime
from datetime import timedelta
from luanthanh.policy.config import local_date
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import stored
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.payments.vocabularies import fee_reason_pairs
from luanthanh.policy.payments.vocabularies import NO_FEE
from luanthanh.policy.payments.vocabularies import PAYMENT_METHODS


UNPAID = "unpaid"
PAID = "paid"
EXEMPT = "exempt"
REFUNDED = "refunded"
METHODS = tuple(token for token, _title in PAYMENT_METHODS)
#: No fee of a commune procedure comes near: a larger amount is a typing error.
MAX_FEE = 100_000_000
MAX_REFERENCE = 100
MAX_COMMENT = 1000
#: A payment "in the future" by less than this is a clock difference.
CLOCK_SKEW = timedelta(minutes=5)

# -- reading -------------------------------------------------------------------


def may_deliver(dossier) -> bool:
    """False while the fee is due and unpaid, or was paid and given back
    ("nghĩa vụ tài chính" not fulfilled)."""
    return getattr(dossier, "fee_status", None) not in (UNPAID, REFUNDED)


def amount_text(amount: int | None) -> str:
    """``15.000`` (Vietnamese thousands separator)."""
    return f"{amount or 0:,}".replace(",", ".")


def unpaid_message(dossier):
    """Why ``deliver`` is refused while the fee is unpaid or refunded."""
    if getattr(dossier, "fee_status", None) == REFUNDED:
        return _(
            "error_fee_refunded_deliver",
            default="Hồ sơ chưa hoàn thành nghĩa vụ tài chính: phí, lệ phí đã được "
            "hoàn trả. Hãy ghi nhận lại mức phí (thu lại hoặc miễn) trước khi trả "
            "kết quả.",
        )
    return _(
        "error_fee_unpaid",
        default="Hồ sơ chưa hoàn thành nghĩa vụ tài chính: chưa nộp phí, lệ phí "
        "${amount} đồng.",
        mapping={"amount": amount_text(getattr(dossier, "fee_due", 0))},
    )


# -- checking input ----------------------------------------------------------------


def clean_amount(value, field: str = "fee_due") -> int:
    """A whole number of đồng in ``[0, MAX_FEE]``; InvalidInput otherwise."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(",", "").replace(" ", "")
        value = int(text) if text.lstrip("-").isdigit() else None
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise InvalidInput(
            _(
                "error_amount_not_number",
                default="Số tiền phải là một số nguyên (đồng), ví dụ 15000.",
            ),
            field=field,
        )
    if value < 0:
        raise InvalidInput(
            _("error_amount_negative", default="Số tiền không được âm."), field=field
        )
    if value > MAX_FEE:
        raise InvalidInput(
            _(
                "error_amount_too_large",
                default="Số tiền ${amount} đồng vượt quá mức tối đa ${max} đồng: "
                "hãy kiểm tra lại.",
                mapping={"amount": amount_text(value), "max": amount_text(MAX_FEE)},
            ),
            field=field,
        )
    return value


def clean_paid_at(value, when: datetime, earliest: datetime | None) -> datetime:
    """The moment of a payment: an aware datetime (a naive one, or an ISO
    text without offset, is local time); ``when`` when empty.  Neither in the
    future nor before the local day of ``earliest`` (the submission)."""
    if value in (None, ""):
        return stored(when)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            value = None
    if not isinstance(value, datetime):
        raise InvalidInput(
            _(
                "error_paid_at_invalid",
                default="Thời điểm nộp không hợp lệ: dùng dạng "
                "2026-12-08T09:30:00+07:00.",
            ),
            field="paid_at",
        )
    value = local_datetime(value)
    if value > when + CLOCK_SKEW:
        raise InvalidInput(
            _(
                "error_paid_at_future",
                default="Thời điểm nộp không được ở tương lai.",
            ),
            field="paid_at",
        )
    if earliest is not None and value.date() < local_date(earliest):
        raise InvalidInput(
            _(
                "error_paid_at_before_submission",
                default="Thời điểm nộp không được trước ngày nộp hồ sơ.",
            ),
            field="paid_at",
        )
    return stored(value)


def clean_method(method) -> str:
    if method not in METHODS:
        raise InvalidInput(
            _(
                "error_payment_method",
                default="Hình thức nộp phải là một trong: chuyển khoản VietQR, thẻ "
                "ngân hàng, tiền mặt, Cổng Dịch vụ công.",
            ),
            field="method",
            details={"allowed": list(METHODS)},
        )
    return method


def clean_text(value, field: str, limit: int) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if len(value) > limit:
        raise InvalidInput(
            _(
                "error_text_too_long",
                default="Nội dung dài quá ${count} ký tự.",
                mapping={"count": limit},
            ),
            field=field,
        )
    return value


def clean_reason(reason, required: bool) -> str:
    """A token of the control panel's list of reasons (or empty if allowed)."""
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason and not required:
        return ""
    if reason not in dict(fee_reason_pairs()):
        raise InvalidInput(
            _(
                "error_fee_reason",
                default="Hãy chọn lý do miễn, giảm hoặc điều chỉnh phí, lệ phí trong "
                "danh sách.",
            ),
            field="reason",
            details={"allowed": [token for token, _title in fee_reason_pairs()]},
        )
    return reason


# -- writing -------------------------------------------------------------------


def _log(dossier, action: str, actor: str, when: datetime, **values) -> None:
    """Append one record to the dossier's payment history."""
    entry = {
        "time": stored(when),
        "actor": actor or "",
        "action": action,
        "fee_before": values.pop("fee_before", dossier.fee_due),
        "status_before": values.pop("status_before", dossier.fee_status),
    }
    entry.update(values)
    entry["fee_after"] = dossier.fee_due
    entry["status_after"] = dossier.fee_status
    dossier.payment_history = (*tuple(dossier.payment_history or ()), entry)


def corrected_by_desk(dossier) -> bool:
    """True once the desk corrected or exempted the fee (assessing keeps it)."""
    return any(
        entry.get("action") in ("correct", "exempt")
        for entry in dossier.payment_history or ()
    )


def assess(dossier, standard_fee: int | None, actor: str, when: datetime) -> bool:
    """Set the fee due from the procedure's fee ``standard_fee``.

    Done when a dossier is created and again when it is accepted (the
    procedure's fee may have changed in between).  A fee already paid,
    refunded, or corrected by the desk stays as it is.  Returns True if
    something changed.
    """
    status = dossier.fee_status
    if status in (PAID, REFUNDED) or corrected_by_desk(dossier):
        return False
    fee = max(0, int(standard_fee or 0))
    if status is not None and fee == dossier.fee_standard:
        return False
    before = {"fee_before": dossier.fee_due, "status_before": status}
    dossier.fee_standard = fee
    dossier.fee_due = fee
    dossier.fee_status = UNPAID if fee else EXEMPT
    dossier.fee_reason = "" if fee else NO_FEE
    dossier.fee_settled_at = None if fee else stored(when)
    _log(dossier, "assess", actor, when, reason=dossier.fee_reason, **before)
    return True


def check_payment(
    dossier,
    method,
    paid_at,
    reference,
    when: datetime,
    amount=None,
) -> dict:
    """Check a payment before anything is written; the cleaned values.

    :class:`Conflict` (409) unless the fee is unpaid; :class:`InvalidInput`
    for a method outside the list, a moment in the future or before the
    submission, a reference too long, or an ``amount`` (optional) that is
    not the fee due.
    """
    if dossier.fee_status != UNPAID:
        raise Conflict(_not_unpaid(dossier), field="fee_status")
    values = {
        "method": clean_method(method),
        "paid_at": clean_paid_at(paid_at, when, dossier.submitted_at),
        "reference": clean_text(reference, "reference", MAX_REFERENCE),
    }
    if amount not in (None, ""):
        amount = clean_amount(amount, "amount")
        if amount != dossier.fee_due:
            raise InvalidInput(
                _(
                    "error_amount_not_fee",
                    default="Số tiền ${amount} đồng không khớp với phí, lệ phí phải "
                    "nộp của hồ sơ (${fee} đồng).",
                    mapping={
                        "amount": amount_text(amount),
                        "fee": amount_text(dossier.fee_due),
                    },
                ),
                field="amount",
            )
    return values


def _not_unpaid(dossier):
    if dossier.fee_status == PAID:
        return _(
            "error_fee_already_paid",
            default="Hồ sơ đã nộp phí, lệ phí (biên lai số ${number}).",
            mapping={"number": dossier.receipt_number or "—"},
        )
    if dossier.fee_status == EXEMPT:
        return _("error_fee_exempt", default="Hồ sơ được miễn phí, lệ phí.")
    if dossier.fee_status == REFUNDED:
        return _(
            "error_fee_refunded", default="Phí, lệ phí của hồ sơ đã được hoàn trả."
        )
    return _("error_fee_not_assessed", default="Hồ sơ chưa được tính phí, lệ phí.")


def mark_paid(
    dossier, values: dict, receipt_number: str, actor: str, when: datetime
) -> None:
    """Record the payment checked by :func:`check_payment` as ``receipt_number``."""
    before = {"fee_before": dossier.fee_due, "status_before": dossier.fee_status}
    dossier.fee_status = PAID
    dossier.payment_method = values["method"]
    dossier.paid_at = values["paid_at"]
    dossier.payment_reference = values["reference"]
    dossier.receipt_number = receipt_number
    dossier.paid_recorded_by = actor or ""
    dossier.fee_settled_at = values["paid_at"]
    _log(
        dossier,
        "pay",
        actor,
        when,
        method=values["method"],
        reference=values["reference"],
        receipt_number=receipt_number,
        paid_at=values["paid_at"],
        **before,
    )


def correct(dossier, fee_due, reason, comment, actor: str, when: datetime) -> None:
    """Set the fee due to ``fee_due`` (0: exempt) for ``reason``.

    Only while the fee is unpaid, exempt or refunded (:class:`Conflict` for a
    paid fee: it is refunded first).  ``reason`` is a token of the list of
    the control panel; it may be left out only to bring back the procedure's
    own fee.  After a refund, the fee is due again (or exempt): the refunded
    payment stays in the history, and a new payment takes a new receipt.
    """
    status = dossier.fee_status
    if status not in (UNPAID, EXEMPT, REFUNDED):
        raise Conflict(_not_correctable(dossier), field="fee_status")
    fee = clean_amount(fee_due)
    reason = clean_reason(reason, required=fee != dossier.fee_standard)
    comment = clean_text(comment, "comment", MAX_COMMENT)
    unchanged = fee == dossier.fee_due and (reason or dossier.fee_reason) == (
        dossier.fee_reason
    )
    if unchanged and status != REFUNDED:
        raise InvalidInput(
            _(
                "error_fee_unchanged",
                default="Mức phí, lệ phí mới giống mức hiện tại: không có gì để "
                "thay đổi.",
            ),
            field="fee_due",
        )
    before = {"fee_before": dossier.fee_due, "status_before": status}
    if status == REFUNDED:
        for name in ("payment_method", "paid_at"):
            setattr(dossier, name, None)
        for name in ("payment_reference", "receipt_number", "paid_recorded_by"):
            setattr(dossier, name, "")
    dossier.fee_due = fee
    dossier.fee_status = UNPAID if fee else EXEMPT
    dossier.fee_reason = reason
    dossier.fee_settled_at = None if fee else stored(when)
    _log(
        dossier,
        "correct" if fee else "exempt",
        actor,
        when,
        reason=reason,
        comment=comment,
        **before,
    )


def _not_correctable(dossier):
    if dossier.fee_status == PAID:
        return _(
            "error_fee_paid_correct",
            default="Hồ sơ đã nộp phí, lệ phí (biên lai số ${number}): muốn sửa "
            "mức phí, hãy hoàn trả trước.",
            mapping={"number": dossier.receipt_number or "—"},
        )
    return _not_unpaid(dossier)


def refund(dossier, comment, actor: str, when: datetime) -> None:
    """A paid fee is given back (e.g. the dossier was refused or withdrawn)."""
    if dossier.fee_status != PAID:
        raise Conflict(
            _("error_refund_not_paid", default="Chỉ hoàn trả được phí, lệ phí đã nộp."),
            field="fee_status",
        )
    comment = clean_text(comment, "comment", MAX_COMMENT)
    if not comment:
        raise InvalidInput(
            _("error_refund_reason", default="Cần ghi rõ lý do hoàn trả phí, lệ phí."),
            field="comment",
        )
    before = {"fee_before": dossier.fee_due, "status_before": dossier.fee_status}
    dossier.fee_status = REFUNDED
    dossier.fee_settled_at = stored(when)
    _log(
        dossier,
        "refund",
        actor,
        when,
        comment=comment,
        receipt_number=dossier.receipt_number,
        **before,
    )
