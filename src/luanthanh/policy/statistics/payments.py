"""The figures of fees (phí, lệ phí) of a period, from catalog indexes only.

Thống kê phí, lệ phí (issue #18).  For a period ``[start, end]`` of local
dates, in total, per field, per procedure and per national lĩnh vực:

* ``fees_collected``: the đồng of the fees paid in the period (the local day
  of ``paid_at``); a fee refunded since then no longer counts;
* ``fees_collected_non_cash``: the part paid by VietQR transfer, bank card or
  the national portal
  (:data:`~luanthanh.policy.payments.vocabularies.NON_CASH_METHODS`);
* ``non_cash_rate``: ``fees_collected_non_cash / fees_collected`` (by amount,
  4 decimals), None when nothing was collected;
* ``fees_exempted``: the đồng waived by the fees settled in the period: the
  standard fee of a dossier exempted in it (the day of the exemption), the
  reduction of a fee paid in it (standard − paid);
* ``dossiers_unpaid``: the dossiers *now* (when asked) in the state
  ``result`` (the result is ready at the desk) whose fee is unpaid, among
  those whose result was ready on or before the end of the period: with a
  period ending today, every dossier waiting for its payment.

Like :mod:`.engine`, nothing here wakes a dossier nor reads metadata: the
settlement days are the keys of kind 6 of ``statistics_days``
(:mod:`luanthanh.policy.dossiers.day_keys`); the amounts are the FieldIndexes
``fee_collected`` and ``fee_waived`` (one set per distinct amount, a few
dozen at most), so a sum is Σ amount × |set(amount) ∩ settled in the period|,
C intersections of ``BTrees.IIBTree``; ``payment_method``, ``fee_status`` and
``review_state`` are FieldIndexes.  The split per field intersects; the split
per procedure labels the record ids that count (a few per dossier paid in the
period) with their procedure in one Python pass, as the engine does.

A catalog without those indexes (before upgrade 1026) answers 0.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from collections import Counter
from datetime import date
from datetime import timedelta
from luanthanh.policy.payments.vocabularies import NON_CASH_METHODS
from luanthanh.policy.statistics import national
from luanthanh.policy.statistics.indexes import Indexes


__all__ = ["PAYMENT_KEYS", "SUM_KEYS", "add_figures", "compute", "figures"]

#: The figures of fees, in the order of the issue.
PAYMENT_KEYS = (
    "fees_collected",
    "fees_collected_non_cash",
    "non_cash_rate",
    "fees_exempted",
    "dossiers_unpaid",
)
#: Those that are sums (đồng, or dossiers).
SUM_KEYS = tuple(key for key in PAYMENT_KEYS if key != "non_cash_rate")
#: The indexes read (with ``statistics_days``).
INDEXES = ("fee_status", "payment_method", "fee_collected", "fee_waived")
#: The state of a dossier whose result waits at the desk.
RESULT_STATE = "result"
#: Up to this many values, the split per value counts by intersections.
_FEW_VALUES = 8


def empty() -> dict:
    return dict.fromkeys(SUM_KEYS, 0)


def available(ix: Indexes) -> bool:
    names = ix.catalog.indexes()
    return ix.days and all(name in names for name in INDEXES)


def parts(ix: Indexes, start: date, end: date, universe) -> list:
    """``(key, weight, record ids)``: each figure is Σ weight × len(ids)."""
    after_end = end + timedelta(days=1)
    settled = ix.date_range("fee_settled_at", start, after_end)
    waiting = intersection(
        ix.field_set("review_state", RESULT_STATE), ix.field_set("fee_status", "unpaid")
    )
    if waiting:
        waiting = difference(waiting, ix.date_range("resolved_at", after_end, None))
    if universe is not None:
        settled = intersection(settled, universe)
        waiting = intersection(waiting, universe)
    found = [("dossiers_unpaid", 1, waiting)] if waiting else []
    if not settled:
        return found
    non_cash = multiunion(
        [ix.field_set("payment_method", method) for method in NON_CASH_METHODS]
    )
    for amount, members in ix.field_items("fee_collected"):
        paid = intersection(settled, members)
        if paid:
            found.append(("fees_collected", amount, paid))
            by_transfer = intersection(paid, non_cash)
            if by_transfer:
                found.append(("fees_collected_non_cash", amount, by_transfer))
    for amount, members in ix.field_items("fee_waived"):
        waived = intersection(settled, members)
        if waived:
            found.append(("fees_exempted", amount, waived))
    return found


def _sums(found, members=None) -> dict:
    sums = empty()
    for key, weight, rids in found:
        if members is not None:
            rids = intersection(rids, members)
        sums[key] += weight * len(rids)
    return sums


def _split(ix: Indexes, name: str, found) -> dict:
    """The sums per value of the FieldIndex ``name``."""
    if not found:
        return {}
    counted = multiunion([rids for _key, _weight, rids in found])
    groups = []
    for value, members in ix.field_items(name):
        inside = intersection(counted, members)
        if inside:
            groups.append((value, inside))
    if len(groups) <= _FEW_VALUES:
        return {value: _sums(found, inside) for value, inside in groups}
    get = ix.document_key_getter(name)
    result = {value: empty() for value, _inside in groups}
    for key, weight, rids in found:
        for value, count in Counter(map(get, rids)).items():
            if value in result:
                result[value][key] += weight * count
    return result


def compute(ix: Indexes, start: date, end: date, universe) -> dict:
    """``{"total", "fields", "codes"}``: the sums of :data:`SUM_KEYS` of the
    period, in total, per ``procedure_field`` and per ``procedure_code``."""
    if not available(ix):
        return {"total": empty(), "fields": {}, "codes": {}}
    found = parts(ix, start, end, universe)
    return {
        "total": _sums(found),
        "fields": _split(ix, "procedure_field", found),
        "codes": _split(ix, "procedure_code", found),
    }


def figures(sums: dict | None) -> dict:
    """The figures of :data:`PAYMENT_KEYS` from the sums of one group."""
    sums = sums or empty()
    collected = sums["fees_collected"]
    non_cash = sums["fees_collected_non_cash"]
    return {
        "fees_collected": collected,
        "fees_collected_non_cash": non_cash,
        "non_cash_rate": round(non_cash / collected, 4) if collected else None,
        "fees_exempted": sums["fees_exempted"],
        "dossiers_unpaid": sums["dossiers_unpaid"],
    }


def add_figures(result: dict, sums: dict, codes: dict[str, str]) -> None:
    """Add the figures of fees to the rows of the engine's ``result``.

    ``codes`` maps a procedure code to its national lĩnh vực token.
    """
    result["total"].update(figures(sums["total"]))
    for row in result["by_field"]:
        row.update(figures(sums["fields"].get(row["field"])))
    for row in result["by_procedure"]:
        row.update(figures(sums["codes"].get(row["code"])))
    per_code = {code: {"fees": values} for code, values in sums["codes"].items()}
    groups = national.per_national_field(per_code, codes, lambda: {"fees": empty()})
    for row in result.get("by_national_field", ()):
        group = groups.get(row["national_field"])
        row.update(figures(group["fees"] if group else None))
