"""Amounts in Vietnamese words (payments/words.py), checked by hand."""

from luanthanh.policy.payments.words import amount_in_words
from luanthanh.policy.payments.words import number_in_words

import pytest


@pytest.mark.parametrize(
    "amount,words",
    [
        (15000, "Mười lăm nghìn đồng"),
        (8000, "Tám nghìn đồng"),
        (105000, "Một trăm lẻ năm nghìn đồng"),
        (1250000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (100000000, "Một trăm triệu đồng"),
        (0, "Không đồng"),
        (7500, "Bảy nghìn năm trăm đồng"),
        (25000, "Hai mươi lăm nghìn đồng"),
        (14000, "Mười bốn nghìn đồng"),
    ],
)
def test_amounts_of_fees(amount, words):
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(
    "number,words",
    [
        # A group after the first keeps its hundreds, as receipts write it
        # (num2words alone: "một nghìn lẻ mười", "một triệu năm mươi nghìn").
        (1010, "một nghìn không trăm mười"),
        (1050000, "một triệu không trăm năm mươi nghìn"),
        (2005000, "hai triệu không trăm lẻ năm nghìn"),
        (1000005, "một triệu không trăm lẻ năm"),
        (100500, "một trăm nghìn năm trăm"),
        (1001, "một nghìn không trăm lẻ một"),
        (5, "năm"),
        (10, "mười"),
        (1000000000, "một tỷ"),
        (
            99999999,
            "chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm "
            "chín mươi chín",
        ),
    ],
)
def test_groups_after_the_first_keep_their_hundreds(number, words):
    assert number_in_words(number) == words


@pytest.mark.parametrize("bad", [-1, 10**18])
def test_out_of_range(bad):
    with pytest.raises(ValueError):
        amount_in_words(bad)


@pytest.mark.parametrize("bad", [1.5, "15000", None, True])
def test_not_a_whole_number(bad):
    with pytest.raises(TypeError):
        amount_in_words(bad)
