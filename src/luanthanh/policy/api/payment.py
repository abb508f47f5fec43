"""Fees and payments of dossiers (issue #18), in the style of plone.api.

    from luanthanh.policy import api

    api.payment.get(dossier)["fee_status"]            # "unpaid"
    number = api.payment.record(dossier, "vietqr", reference="FT2634…")
    api.payment.exempt(dossier, "nguoi-co-cong")
    api.payment.correct(dossier, 7500, "nop-truc-tuyen", "Giảm 50%")
    api.payment.refund(dossier, "Hồ sơ bị từ chối giải quyết")

A dossier's fee is set from its procedure when it is created and when it is
accepted; ``deliver`` is refused while it is unpaid.  Recording a payment,
correcting the fee and refunding need the permission
``luanthanh.policy: Collect fees`` on the dossier (the desk, Bộ phận Một
cửa): :class:`~luanthanh.policy.errors.Forbidden` otherwise.  Every function
checks all its input before it writes: an error
(:class:`~luanthanh.policy.errors.InvalidInput`, ``Conflict``) leaves the
dossier as it was.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import now
from luanthanh.policy.dossiers.history import current_actor
from luanthanh.policy.dossiers.relations import procedure_fee
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.i18n import _
from luanthanh.policy.payments import payload as _payload
from luanthanh.policy.payments import receipts
from luanthanh.policy.payments import record as _record
from plone import api


COLLECT_FEES = "luanthanh.policy: Collect fees"
#: The fee statuses and methods (tokens of their vocabularies).
UNPAID = _record.UNPAID
PAID = _record.PAID
EXEMPT = _record.EXEMPT
REFUNDED = _record.REFUNDED
METHODS = _record.METHODS
MAX_FEE = _record.MAX_FEE
#: The dossier catalog's indexes a payment changes (the statistics of fees:
#: the settlement day in ``statistics_days``, and the FieldIndexes of
#: :mod:`luanthanh.policy.indexers.dossier`).
INDEXES = (
    "statistics_days",
    "fee_status",
    "payment_method",
    "fee_collected",
    "fee_waived",
)


def _check_permission(dossier) -> None:
    if not api.user.has_permission(COLLECT_FEES, obj=dossier):
        raise Forbidden(
            _(
                "error_collect_fees_forbidden",
                default="Tài khoản này không được ghi nhận phí, lệ phí của hồ sơ.",
            )
        )


def _changed(dossier) -> None:
    dossier.reindexObject(idxs=list(INDEXES))


def _iso(value) -> str | None:
    return local_datetime(value).isoformat() if value is not None else None


def get(dossier) -> dict:
    """The dossier's fee and payment, JSON-ready.

    ``{fee_due, fee_standard, fee_status, fee_reason, payment_method,
    paid_at, payment_reference, receipt_number, paid_recorded_by,
    qr_payload}``; ``fee_status`` is None for a dossier made before fees
    were recorded; ``qr_payload`` is None unless the fee is unpaid
    (:func:`qr_payload`).
    """
    return {
        "fee_due": dossier.fee_due,
        "fee_standard": dossier.fee_standard,
        "fee_status": dossier.fee_status,
        "fee_reason": dossier.fee_reason or None,
        "payment_method": dossier.payment_method,
        "paid_at": _iso(dossier.paid_at),
        "payment_reference": dossier.payment_reference or None,
        "receipt_number": dossier.receipt_number or None,
        "paid_recorded_by": dossier.paid_recorded_by or None,
        "qr_payload": qr_payload(dossier),
    }


def qr_payload(dossier) -> str | None:
    """The VietQR payload that pays the dossier's fee, or None.

    Only while ``fee_status`` is ``unpaid`` with a fee above 0 and the
    control panel "Thanh toán" has a collecting account: the NAPAS 247
    EMVCo payload (dynamic, the amount in tag 54, the transfer description
    with the dossier code in tag 62.08, CRC in tag 63) of
    :func:`luanthanh.policy.payments.vietqr.build`.
    """
    return _payload.qr_payload(dossier)


def account() -> dict[str, str] | None:
    """The account that collects fees: ``{bin, bank, number, name}`` (the
    bank by name when its BIN is known), or None when none is set."""
    return _payload.account()


def public(dossier) -> dict:
    """What anyone who found the dossier may see of its fee (the public
    lookup): ``{fee_due, fee_status, qr_payload}``, nothing personal."""
    return {
        "fee_due": dossier.fee_due,
        "fee_status": dossier.fee_status,
        "qr_payload": qr_payload(dossier),
    }


def history(dossier) -> list[dict]:
    """The changes of the dossier's fee, oldest first (copies)."""
    return [dict(entry) for entry in dossier.payment_history or ()]


def assess(dossier) -> bool:
    """Set the fee due from the procedure's fee, unless paid or corrected.

    Creation and ``accept`` do it; call it after the procedure changed.
    Returns True if something changed.
    """
    changed = _record.assess(dossier, procedure_fee(dossier), current_actor(), now())
    if changed:
        _changed(dossier)
    return changed


def may_deliver(dossier) -> bool:
    """False while the fee is unpaid: ``deliver`` is refused then."""
    return _record.may_deliver(dossier)


def record(
    dossier,
    method: str,
    paid_at=None,
    reference: str = "",
    amount: int | None = None,
) -> str:
    """Record the one payment of the dossier's fee; return the receipt number.

    ``method``: ``vietqr``, ``card``, ``cash`` or ``portal``; ``paid_at``:
    an aware datetime or an ISO text (default: now; a naive one is local
    time), neither in the future nor before the submission; ``reference``:
    the bank's transaction id; ``amount``, when given, must be the fee due.
    The receipt number is the next of the year (``BL-2026-000001``), taken
    in this transaction, so that numbers have no gap.  Raises ``Conflict``
    unless the fee is unpaid.
    """
    _check_permission(dossier)
    if dossier.fee_status is None:
        _record.assess(dossier, procedure_fee(dossier), current_actor(), now())
    when = now()
    values = _record.check_payment(dossier, method, paid_at, reference, when, amount)
    book = aq_parent(aq_inner(dossier))
    number = receipts.next_number(book, local_datetime(when).year)
    _record.mark_paid(dossier, values, number, current_actor(), when)
    _changed(dossier)
    return number


def correct(dossier, fee_due: int, reason: str = "", comment: str = "") -> None:
    """Change the fee due (a reduction, a correction; 0 exempts) for ``reason``.

    ``reason``: a token of ``luanthanh.policy.fee_reasons`` (the control
    panel "Thanh toán"), needed unless the fee goes back to the procedure's
    own.  Only while unpaid or exempt.
    """
    _check_permission(dossier)
    if dossier.fee_status is None:
        _record.assess(dossier, procedure_fee(dossier), current_actor(), now())
    _record.correct(dossier, fee_due, reason, comment, current_actor(), now())
    _changed(dossier)


def exempt(dossier, reason: str, comment: str = "") -> None:
    """Exempt the dossier from its fee (miễn) for ``reason``."""
    correct(dossier, 0, reason, comment)


def refund(dossier, comment: str) -> None:
    """Give back a paid fee (``comment``: why); the receipt number stays."""
    _check_permission(dossier)
    _record.refund(dossier, comment, current_actor(), now())
    _changed(dossier)


def may_collect(dossier) -> bool:
    """Whether the current user may record payments of ``dossier``."""
    return bool(api.user.has_permission(COLLECT_FEES, obj=dossier))


def last_receipt_value(year: int, book=None) -> int:
    """The last receipt number taken in ``year`` (0 if none)."""
    if book is None:
        book = api.portal.get()[DOSSIER_FOLDER_ID]
    return receipts.last_value(book, year)
