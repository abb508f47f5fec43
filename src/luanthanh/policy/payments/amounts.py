"""The đồng a dossier's fee brought in or waived, as the statistics count them.

* collected: ``fee_due`` of a fee ``paid`` (a refunded fee brought nothing);
* waived: ``fee_standard - fee_due`` of a fee ``exempt`` (miễn) or ``paid``
  after a reduction (giảm); nothing while unpaid (the reduction is counted
  when the fee is settled) nor once refunded.

Both count on the day the fee was settled (``fee_settled_at``: ``paid_at``
of a payment, the moment of an exemption).  None means nothing to count: the
catalog indexes only positive amounts (``fee_collected``, ``fee_waived``).
"""

from luanthanh.policy.payments.record import EXEMPT
from luanthanh.policy.payments.record import PAID


__all__ = ["collected", "waived"]


def collected(dossier) -> int | None:
    """The đồng collected for ``dossier`` (None: none)."""
    if getattr(dossier, "fee_status", None) != PAID:
        return None
    return int(dossier.fee_due or 0) or None


def waived(dossier) -> int | None:
    """The đồng waived for ``dossier`` (None: none)."""
    if getattr(dossier, "fee_status", None) not in (PAID, EXEMPT):
        return None
    amount = int(dossier.fee_standard or 0) - int(dossier.fee_due or 0)
    return amount if amount > 0 else None
