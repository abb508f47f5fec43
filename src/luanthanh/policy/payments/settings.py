"""The payment settings (control panel "Thanh toán"), read through one accessor.

The collecting account is read as stored: the control panel says "Để trống
thì không hiện mã VietQR", so an emptied BIN or account number means no
VietQR code, not the schema's demo default (which the generic
:class:`~luanthanh.policy.settings.Settings` would give for an empty
record).  A record that does not exist yet (a site before the upgrade) reads
as its default.
"""

from luanthanh.policy.payments.interfaces import IPaymentSettings
from luanthanh.policy.payments.interfaces import PREFIX
from luanthanh.policy.settings import Settings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


ACCOUNT_FIELDS = ("bank_bin", "account_number", "account_name")


def payment() -> Settings:
    """The records of :class:`IPaymentSettings`, with the schema's defaults."""
    return Settings(IPaymentSettings, PREFIX)


def account_values() -> dict[str, str]:
    """``bank_bin``, ``account_number`` and ``account_name`` as stored ("" when
    emptied), stripped."""
    registry = getUtility(IRegistry)
    values = {}
    for name in ACCOUNT_FIELDS:
        record = f"{PREFIX}.{name}"
        if record in registry.records:
            value = registry.records[record].value
        else:
            value = IPaymentSettings[name].default
        values[name] = (value or "").strip()
    return values
