"""The persistent counters behind dossier codes and receipt numbers.

Stored in the tracking book's annotations since 1.0; existing databases name
this module, so the class stays here.  The sequences that use it are in
:mod:`luanthanh.policy.dossiers.codes`.
"""

from persistent import Persistent


class DailyCounter(Persistent):
    """The last number handed out on one day."""

    def __init__(self):
        self.value = 0


class ReceiptCounter(Persistent):
    """The last receipt number (biên lai thu phí, lệ phí) of one year.

    Taken only in the transaction that records the payment
    (:mod:`luanthanh.policy.payments.receipts`): two payments at once
    conflict on it and one is retried, so numbers never repeat nor skip.
    """

    def __init__(self):
        self.value = 0
