"""The receipt (Mẫu 01) and the control slip (Mẫu 05) of an online dossier
name the main declared facts: a birth registration's child."""

from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.forms import submit_online
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.http import text_of
from plone import api

import pytest
import transaction


@pytest.fixture
def received(online, browser, functional_portal, fresh_limits):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
    transaction.commit()
    dossier = submit_online(browser, functional_portal)
    fire(dossier, "accept", "motcua")
    transaction.commit()
    return dossier


@pytest.mark.parametrize("slip", ["giay-tiep-nhan", "phieu-kiem-soat"])
def test_slip_names_the_child(functional_app, received, slip):
    browser = browser_for(functional_app, "motcua", raising=True)
    browser.open(f"{received.absolute_url()}/@@{slip}")
    text = text_of(browser.contents)
    assert (
        "Người được khai sinh — Họ, chữ đệm và tên của trẻ: Nguyễn Minh Khôi; "
        "Ngày, tháng, năm sinh: 20/11/2025; Giới tính: Nam." in text
    ), text
    # Not the applicant again, nor the parents, the files or the consent.
    assert "Lê Thị Hoa" not in text
    assert "Giấy chứng sinh.pdf" not in text
    assert "cam đoan" not in text
