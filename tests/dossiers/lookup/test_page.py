"""The page "Tra cứu hồ sơ" over HTTP, as Anonymous."""

from luanthanh.policy.testing.http import page_result
from luanthanh.policy.testing.http import page_token
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from luanthanh.policy.testing.scenarios import ID_NUMBER
from luanthanh.policy.testing.scenarios import REQUEST
from plone import api

import lxml.html
import pytest
import requests


NOT_FOUND = "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại"


@pytest.fixture
def page(functional_portal):
    return f"{functional_portal.absolute_url()}/tra-cuu-ho-so/@@tra-cuu-ho-so"


def _lookup(page, code, phone=None, id_number=None):
    data = {"action": "lookup", "code": code}
    if phone is not None:
        data["phone"] = phone
    if id_number is not None:
        data["id_number"] = id_number
    return requests.post(page, data=data)


def test_empty_page(functional_portal, page):
    response = requests.get(page)
    assert response.status_code == 200
    html = response.text
    assert "Tra cứu hồ sơ" in html
    assert 'lang="vi"' in html
    assert 'for="lookup-code"' in html
    assert 'for="lookup-phone"' in html
    assert 'for="lookup-id-number"' in html
    assert 'name="viewport"' in html
    assert "no-store" in response.headers["Cache-Control"]


def test_site_root_page(functional_portal):
    response = requests.get(f"{functional_portal.absolute_url()}/@@tra-cuu-ho-so")
    assert response.status_code == 200
    assert 'id="lookup-code"' in response.text


def test_qr_link_fills_the_code(http_dossiers, page):
    code = http_dossiers["processing"]
    response = requests.get(page, params={"code": code})
    assert response.status_code == 200
    assert f'value="{code}"' in response.text
    assert "lookup-status-heading" not in response.text  # no lookup without the phone
    # The phone is not in the URL: a GET with it looks nothing up.
    response = requests.get(page, params={"code": code, "phone": "0912345678"})
    assert "lookup-status-heading" not in response.text


@pytest.mark.parametrize(
    "phone", ["0912345678", "0912 345 678", "+84 912 345 678", "091.234.5678"]
)
def test_right_code_and_phone(http_dossiers, page, phone):
    code = http_dossiers["processing"]
    response = _lookup(page, code, phone=phone)
    assert response.status_code == 200
    html = response.text
    assert "Đang giải quyết" in html
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in html
    assert code in html
    assert 'datetime="' in html  # ISO date beside the dd/mm/yyyy one
    assert_no_personal_data(html)


def test_right_code_and_id_number(http_dossiers, page):
    response = _lookup(page, http_dossiers["processing"], id_number=ID_NUMBER)
    assert response.status_code == 200
    assert "Đang giải quyết" in response.text
    assert_no_personal_data(response.text)


def test_wrong_pairs_answer_like_unknown_codes(http_dossiers, page):
    code = http_dossiers["processing"]
    answers = [
        _lookup(page, code, phone="0912345679"),
        _lookup(page, "000.00.99.H56-991231-9999", phone="0912345678"),
        _lookup(page, code, id_number="038090001235"),
        _lookup(page, code),
    ]
    assert {r.status_code for r in answers} == {404}
    results = {page_result(r.text) for r in answers}
    assert len(results) == 1
    assert NOT_FOUND in results.pop()
    for response in answers:
        assert "lookup-status-heading" not in response.text
        assert_no_personal_data(response.text)


def test_throttle(http_dossiers, page):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("luanthanh.policy.online.lookup_limit", 3)
    import transaction

    transaction.commit()
    code = http_dossiers["processing"]
    assert _lookup(page, code, phone="0912345678").status_code == 200
    assert _lookup(page, code, phone="0000000000").status_code == 404
    assert _lookup(page, code, phone="0912345678").status_code == 200
    response = _lookup(page, code, phone="0912345678")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.text
    assert "lookup-status-heading" not in response.text


def test_supplement_request_shown(http_dossiers, page):
    response = _lookup(page, http_dossiers["supplement"], phone="0912345678")
    html = response.text
    assert "Chờ bổ sung" in html
    assert REQUEST in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="files:list"' in html
    assert page_token(html)
    assert_no_personal_data(html)


@pytest.mark.parametrize("state", ["processing", "result", "rejected", "intake"])
def test_no_supplement_form_elsewhere(http_dossiers, page, state):
    html = _lookup(page, http_dossiers[state], phone="0912345678").text
    assert 'name="files:list"' not in html
    assert REQUEST not in html
    assert 'value="rate"' not in html


def test_refused_at_intake_shows_state_only(http_dossiers, page):
    html = _lookup(page, http_dossiers["rejected"], phone="0912345678").text
    assert "Đã từ chối" in html
    assert "Không thuộc thẩm quyền" not in html


def test_result_ready(http_dossiers, page):
    html = _lookup(page, http_dossiers["result"], phone="0912345678").text
    assert "Đã có kết quả" in html


def test_section_shows_the_page(functional_portal):
    from luanthanh.policy.setuphandlers.lookup import use_lookup_layout

    import transaction

    use_lookup_layout(functional_portal)
    transaction.commit()
    response = requests.get(f"{functional_portal.absolute_url()}/tra-cuu-ho-so")
    assert response.status_code == 200
    assert 'id="lookup-code"' in response.text


def test_every_form_posts(http_dossiers, page):
    """Issue #14, finding 11: the factors never go into a URL.  Every form of
    the page (lookup, supplement, rating) posts."""
    code = http_dossiers["returned"]
    for response in (requests.get(page), _lookup(page, code, phone="0912345678")):
        assert response.status_code == 200
        html = lxml.html.fromstring(response.text)
        forms = html.xpath("//form[.//input[@name='code']]")
        assert forms
        for form in forms:
            assert (form.get("method") or "get").lower() == "post"


def test_factors_in_the_address_look_nothing_up(http_dossiers, page):
    """A GET with the factors in its query only fills the code in."""
    code = http_dossiers["processing"]
    response = requests.get(page, params={"code": code, "phone": "0912345678"})
    assert response.status_code == 200
    assert 'class="lookup-state' not in response.text
    assert "0912345678" not in response.text
    # Positive control: the same factors posted find the dossier.
    assert 'class="lookup-state' in _lookup(page, code, phone="0912345678").text
