"""Receipt numbers of fees: ``BL-<yyyy>-<seq6>``, gap-free per year.

A receipt (biên lai thu phí, lệ phí) is an accounting document: its numbers
run without a gap and never repeat within a year.  The counter of the year
lives in an annotation of the tracking book and is incremented in the very
transaction that records the payment.  Two payments recorded at the same
moment write the same counter: ZODB lets one commit and raises a
ConflictError in the other, which Zope retries as a whole (the REST call,
the form, the statement import).  A payment that fails takes no number, as
its transaction is aborted with the counter's increment; so there is no gap,
unlike the dossier codes' separate-transaction sequence
(:mod:`luanthanh.policy.dossiers.codes`).
"""

from BTrees.OOBTree import OOBTree
from luanthanh.policy.content.codes import ReceiptCounter
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "luanthanh.policy.receipt_numbers"
PREFIX = "BL"


def format_number(year: int, value: int) -> str:
    """``BL-2026-000042``."""
    return f"{PREFIX}-{year:04d}-{value:06d}"


def _counters(book) -> OOBTree:
    annotations = IAnnotations(book)
    counters = annotations.get(ANNOTATION_KEY)
    if counters is None:
        counters = annotations[ANNOTATION_KEY] = OOBTree()
    return counters


def next_number(book, year: int) -> str:
    """Take the next receipt number of ``year`` in the current transaction."""
    counters = _counters(book)
    counter = counters.get(year)
    if counter is None:
        counter = counters[year] = ReceiptCounter()
    counter.value += 1
    return format_number(year, counter.value)


def last_value(book, year: int) -> int:
    """The last number taken in ``year`` (0 if none)."""
    counters = IAnnotations(book).get(ANNOTATION_KEY)
    counter = counters.get(year) if counters is not None else None
    return counter.value if counter is not None else 0
