"""The rule that gives a required document its flags (bắt buộc, nộp trực tuyến)."""

from luanthanh.policy.content.documents import default_flags
from luanthanh.policy.content.documents import flags
from luanthanh.policy.testing.builders import required_document

import pytest


@pytest.mark.parametrize(
    "row,expected",
    [
        (required_document("Tờ khai"), (True, True)),
        (required_document("Bản sao", 0, 1), (True, True)),
        (required_document("Căn cước", 0, 0), (True, False)),
        (required_document("Giấy khác", note="Nếu có."), (False, True)),
        (required_document("Giấy khác (nếu có)"), (False, True)),
        (required_document("Giấy khác", note="KHÔNG BẮT BUỘC"), (False, True)),
        (required_document("Ủy quyền", note="Chỉ nộp khi ủy quyền"), (False, True)),
        (required_document("Giấy chứng sinh", note="Bản chính"), (True, True)),
    ],
)
def test_default_flags(row, expected):
    assert tuple(default_flags(row).values()) == expected


def test_stored_flags_win():
    row = required_document("Căn cước", 0, 0) | {"mandatory": False, "online": True}
    assert flags(row) == {"mandatory": False, "online": True}
    assert flags(required_document("Tờ khai") | {"online": None}) == {
        "mandatory": True,
        "online": True,
    }
