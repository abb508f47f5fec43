"""The control panel "Thanh toán" refuses an account VietQR cannot carry."""

from luanthanh.policy.payments.interfaces import InvalidAccount
from luanthanh.policy.payments.interfaces import InvalidBin
from luanthanh.policy.payments.interfaces import validate_account
from luanthanh.policy.payments.interfaces import validate_bin

import pytest


@pytest.mark.parametrize("value", ["", "970405", "970415"])
def test_good_bins(value):
    assert validate_bin(value)


@pytest.mark.parametrize("value", ["97040", "9704055", "ABCDEF"])
def test_bad_bins(value):
    with pytest.raises(InvalidBin):
        validate_bin(value)


@pytest.mark.parametrize("value", ["", "3800201000999", "VQR0123456789"])
def test_good_accounts(value):
    assert validate_account(value)


@pytest.mark.parametrize("value", ["3800-2010", "x" * 20, "tài khoản"])
def test_bad_accounts(value):
    with pytest.raises(InvalidAccount):
        validate_account(value)
