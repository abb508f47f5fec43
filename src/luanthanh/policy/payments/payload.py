"""The VietQR payload of a dossier's unpaid fee (issue #18).

The collecting account comes from the control panel "Thanh toán"
(:func:`luanthanh.policy.payments.settings.payment`); the payload itself from
the leaf module :mod:`luanthanh.policy.payments.vietqr`.  The transfer's
description (tag 62, sub-tag 08) is the control panel's template with the
dossier code in it, without Vietnamese marks; VietQR holds at most 25
characters there, so a template too long for the code gives way to the code
alone: the bank statement is matched on the code.
"""

from luanthanh.policy.payments import vietqr
from luanthanh.policy.payments.record import UNPAID
from luanthanh.policy.payments.settings import account_values
from luanthanh.policy.payments.settings import payment

import logging


logger = logging.getLogger(__name__)


def purpose(code: str, template: str | None = None) -> str:
    """The transfer's description for dossier ``code``: the template with
    ``{code}`` replaced (``"LPHC {code}"``), or the code alone when that does
    not fit in :data:`~luanthanh.policy.payments.vietqr.PURPOSE_MAX`
    characters.  Raises ValueError when even the code does not fit."""
    template = payment().purpose_template if template is None else template
    text = vietqr.clean_text((template or "{code}").replace("{code}", code or ""))
    if code and vietqr.clean_text(code) not in text:
        text = vietqr.clean_text(code)  # a template without {code}
    if len(text) > vietqr.PURPOSE_MAX:
        text = vietqr.clean_text(code)
    return vietqr.check_purpose(text)


def account() -> dict[str, str] | None:
    """The collecting account (``bin``, ``bank``, ``number``, ``name``), or
    None when the control panel has none (no VietQR then)."""
    values = account_values()
    bin_code, number = values["bank_bin"], values["account_number"]
    if not (bin_code and number):
        return None
    return {
        "bin": bin_code,
        "bank": vietqr.bank_name(bin_code),
        "number": number,
        "name": values["account_name"],
    }


def qr_payload(dossier) -> str | None:
    """The VietQR payload to pay the dossier's fee, or None: only while the
    fee is unpaid and above 0, with a collecting account in the settings.

    A setting that cannot be written into a VietQR code (checked by the
    control panel, so it should not happen) is logged and gives None: the
    pages then show no code rather than an error.
    """
    fee = getattr(dossier, "fee_due", None)
    if getattr(dossier, "fee_status", None) != UNPAID or not fee:
        return None
    collecting = account()
    if collecting is None:
        return None
    try:
        return vietqr.build(
            collecting["bin"], collecting["number"], fee, purpose(dossier.code)
        )
    except ValueError as error:
        logger.warning("No VietQR code for %s: %s", dossier.code, error)
        return None
