"""The receipt (Mẫu 01), item 6: "Đăng ký nhận kết quả tại:" and the channel
the applicant chose, as an official prints it over HTTP."""

from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import text_of
from luanthanh.policy.testing.paths import dossier_in_state
from plone import api

import lxml.html
import pytest
import transaction


CENTER = "Trung tâm Phục vụ hành chính công xã Luận Thành"
CENTER_ADDRESS = "Số 1 đường Trung tâm, xã Luận Thành, tỉnh Thanh Hóa"
BRING = "Khi đến nhận kết quả, ông/bà mang theo Giấy tiếp nhận này"

CHANNELS = {
    "center": ({}, f"6. Đăng ký nhận kết quả tại: {CENTER}, {CENTER_ADDRESS}."),
    "post": (
        {"result_address": "Số 5, thôn Đông, xã Luận Thành, tỉnh Thanh Hóa"},
        "6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, đến địa "
        "chỉ: Số 5, thôn Đông, xã Luận Thành, tỉnh Thanh Hóa.",
    ),
    "online": (
        {"applicant_email": "an@example.org"},
        "6. Đăng ký nhận kết quả tại: Trực tuyến: bản điện tử của kết quả được "
        "gửi đến thư điện tử an@example.org.",
    ),
}


@pytest.fixture
def receipts(functional_portal):
    """A received dossier for each channel: its receipt's item 6 and text."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        api.portal.set_registry_record("luanthanh.policy.site.address", CENTER_ADDRESS)
        procedure = make_procedure(functional_portal)
        dossiers = {
            channel: dossier_in_state(
                functional_portal,
                "processing",
                procedure,
                result_delivery=channel,
                **data,
            )
            for channel, (data, _item) in CHANNELS.items()
        }
    transaction.commit()
    found = {}
    for channel, dossier in dossiers.items():
        response = session_for("motcua").get(
            f"{dossier.absolute_url()}/@@giay-tiep-nhan"
        )
        assert response.status_code == 200
        document = lxml.html.fromstring(response.text)
        [item] = document.xpath("//p[contains(@class, 'slip-delivery')]")
        found[channel] = (
            " ".join(item.text_content().split()),
            text_of(response.text),
        )
    return found


def test_item_6_prints_the_chosen_channel(receipts):
    for channel, (_data, expected) in CHANNELS.items():
        item, text = receipts[channel]
        assert item == expected, channel
        assert "6. Nhận kết quả tại" not in text
    # The center is named only where the applicant comes to it.
    assert CENTER_ADDRESS not in receipts["post"][0]
    assert CENTER_ADDRESS not in receipts["online"][0]


def test_bring_the_receipt_only_to_the_center(receipts):
    assert BRING in receipts["center"][1]
    assert BRING not in receipts["post"][1]
    assert BRING not in receipts["online"][1]
