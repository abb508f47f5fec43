"""``POST @dossier-lookup`` (factors in a JSON body) over HTTP, as Anonymous."""

from luanthanh.policy import throttle
from luanthanh.policy.api.lookup import PUBLIC_KEYS
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from luanthanh.policy.testing.scenarios import ID_NUMBER
from luanthanh.policy.testing.scenarios import REQUEST
from plone import api

import pytest
import requests
import transaction


NOT_FOUND = {
    "error": {
        "type": "NotFound",
        "message": "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại (hoặc "
        "số định danh cá nhân) đã nhập. Vui lòng kiểm tra lại.",
    }
}


@pytest.fixture
def url(functional_portal):
    return f"{functional_portal.absolute_url()}/++api++/@dossier-lookup"


def reset():
    """Forget the tries so far (more than the limit in one test)."""
    throttle.limiter.reset()


def get(url, **data):
    """A lookup: the factors in a JSON POST body, never in the URL."""
    return requests.post(url, json=data, headers={"Accept": "application/json"})


@pytest.mark.parametrize(
    "phone",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "091-234-5678",
        "+84912345678",
        "+84 912 345 678",
        "84912345678",
    ],
)
def test_right_code_and_phone(http_dossiers, url, phone):
    code = http_dossiers["processing"]
    response = get(url, code=code, phone=phone)
    assert response.status_code == 200, response.text
    data = response.json()
    assert set(data) == {*PUBLIC_KEYS, "token"}
    assert data["code"] == code
    assert data["state"] == "processing"
    assert data["state_title"] == "Đang giải quyết"
    assert data["procedure"] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    assert data["received_date"]
    assert data["due_date"] > data["received_date"]
    assert data["late"] is False
    assert data["supplement_request"] is None
    assert response.headers["Cache-Control"] == "no-store, private"
    assert_no_personal_data(response.text)


def test_right_code_and_id_number(http_dossiers, url):
    response = get(url, code=http_dossiers["processing"], id_number=ID_NUMBER)
    assert response.status_code == 200
    assert set(response.json()) == {*PUBLIC_KEYS, "token"}
    assert_no_personal_data(response.text)


def test_lower_case_code(http_dossiers, url):
    code = http_dossiers["processing"]
    assert get(url, code=code.lower(), phone="0912345678").status_code == 200


@pytest.mark.parametrize("state", ["intake", "supplement", "result", "returned"])
def test_every_state_without_personal_data(http_dossiers, url, state):
    response = get(url, code=http_dossiers[state], phone="0912345678")
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == state
    assert set(data) == {*PUBLIC_KEYS, "token"}
    assert_no_personal_data(response.text)
    assert (data["supplement_request"] == REQUEST) is (state == "supplement")
    assert data["result_ready"] is (state == "result")
    assert data["returned"] is (state == "returned")
    assert data["can_rate"] is (state == "returned")


def test_refused_at_intake_has_no_reason(http_dossiers, url):
    response = get(url, code=http_dossiers["rejected"], phone="0912345678")
    assert response.json()["state_title"] == "Đã từ chối"
    assert "thẩm quyền" not in response.text


def test_wrong_pairs_and_unknown_codes_answer_the_same(http_dossiers, url):
    code = http_dossiers["processing"]
    other = http_dossiers["returned"]
    answers = [
        get(url, code=code, phone="0912345679"),
        get(url, code=code, phone="0987654321"),
        get(url, code="000.00.99.H56-991231-9999", phone="0912345678"),
        get(url, code="KHONG-CO", phone="0912345678"),
        get(url, code=code, id_number="038090001235"),
        get(url, code=code, id_number="12345"),
        get(url, code=code),
        reset() or get(url, phone="0912345678"),
        get(url, code=code, phone="0912345678x"),
        get(url, code=f"{code}1", phone="0912345678"),
        get(url, code=other[:-1], phone="0912345678"),
    ]
    assert [r.status_code for r in answers] == [404] * len(answers)
    assert {r.content for r in answers} == {answers[0].content}
    assert answers[0].json() == NOT_FOUND
    for response in answers:
        assert "token" not in response.text
        assert_no_personal_data(response.text)


def test_throttle_counts_every_try(http_dossiers, url):
    code = http_dossiers["processing"]
    for i in range(10):  # the default: 10 tries per 10 minutes
        phone = "0912345678" if i % 2 else "0900000000"
        assert get(url, code=code, phone=phone).status_code in (200, 404)
    response = get(url, code=code, phone="0912345678")
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["type"] == "TooManyRequests"
    assert error["message"] == (
        "Ông/bà đã tra cứu quá nhiều lần. Vui lòng thử lại sau 10 phút."
    )
    assert "token" not in response.text


def test_throttle_follows_settings(http_dossiers, url):
    api.portal.set_registry_record("luanthanh.policy.online.lookup_limit", 2)
    api.portal.set_registry_record("luanthanh.policy.online.lookup_window_minutes", 5)
    transaction.commit()
    code = http_dossiers["processing"]
    assert get(url, code=code, phone="0912345678").status_code == 200
    assert get(url, code="X", phone="0912345678").status_code == 404
    response = get(url, code=code, phone="0912345678")
    assert response.status_code == 429
    assert "5 phút" in response.json()["error"]["message"]


def test_not_on_other_contexts(http_dossiers, functional_portal):
    code = http_dossiers["processing"]
    response = requests.post(
        f"{functional_portal.absolute_url()}/++api++/thu-tuc-hanh-chinh/@dossier-lookup",
        json={"code": code, "phone": "0912345678"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 404
    assert "state" not in response.text


@pytest.mark.parametrize(
    "body", [b"code=x&phone=0912345678", b"[1, 2]", b"{not json", b""]
)
def test_not_a_json_object_is_not_found(http_dossiers, url, body):
    """A body that is not a JSON object answers like a wrong pair."""
    response = requests.post(
        url,
        data=body,
        headers={"Accept": "application/json", "Content-Type": "application/json"},
    )
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
