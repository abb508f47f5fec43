"""``POST @dossier-rating`` over HTTP, as Anonymous."""

from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from luanthanh.policy.testing.scenarios import ID_NUMBER

import pytest
import requests
import transaction


@pytest.fixture
def url(functional_portal):
    return f"{functional_portal.absolute_url()}/++api++/@dossier-rating"


def post(url, **data):
    return requests.post(url, json=data, headers={"Accept": "application/json"})


def dossier_of(code):
    transaction.begin()
    brains = find_unrestricted(dossier_code=code)
    return brains[0]._unrestrictedGetObject()


def test_rate_once(http_dossiers, url):
    code = http_dossiers["returned"]
    response = post(
        url,
        code=code,
        phone="+84 912 345 678",
        rating="very_satisfied",
        comment="Nhanh, đúng hẹn",
    )
    assert response.status_code == 200, response.text
    assert response.json()["can_rate"] is False
    assert_no_personal_data(response.text)
    dossier = dossier_of(code)
    assert dossier.rating == "very_satisfied"
    assert dossier.rating_comment == "Nhanh, đúng hẹn"
    assert dossier.rated_at.utcoffset().total_seconds() == 0
    assert len(find_unrestricted(rating="very_satisfied")) == 1

    again = post(url, code=code, phone="0912345678", rating="dissatisfied")
    assert again.status_code == 409
    assert again.json()["error"]["message"] == (
        "Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần."
    )
    assert dossier_of(code).rating == "very_satisfied"


def test_rate_with_id_number_without_comment(http_dossiers, url):
    code = http_dossiers["returned"]
    response = post(url, code=code, id_number=ID_NUMBER, rating="neutral")
    assert response.status_code == 200
    assert dossier_of(code).rating_comment is None


@pytest.mark.parametrize(
    "state", ["intake", "processing", "supplement", "result", "rejected"]
)
def test_not_before_returned(http_dossiers, url, state):
    code = http_dossiers[state]
    response = post(url, code=code, phone="0912345678", rating="satisfied")
    assert response.status_code == 409
    assert "sau khi hồ sơ đã trả kết quả" in response.json()["error"]["message"]
    assert dossier_of(code).rating is None


def test_wrong_second_factor_is_not_found(http_dossiers, url):
    code = http_dossiers["returned"]
    lookup_404 = requests.post(
        url.replace("@dossier-rating", "@dossier-lookup"),
        json={"code": "KHONG-CO", "phone": "0912345678"},
        headers={"Accept": "application/json"},
    )
    answers = [
        post(url, code=code, phone="0912345679", rating="satisfied"),
        post(url, code=code, id_number="038090001235", rating="satisfied"),
        post(url, code="KHONG-CO", phone="0912345678", rating="satisfied"),
        post(url, code=code, rating="satisfied"),
    ]
    assert {r.status_code for r in answers} == {404}
    assert {r.content for r in answers} == {lookup_404.content}
    assert dossier_of(code).rating is None


@pytest.mark.parametrize(
    "rating,comment",
    [("", ""), ("excellent", ""), (5, ""), ("satisfied", "x" * 1001)],
)
def test_invalid(http_dossiers, url, rating, comment):
    code = http_dossiers["returned"]
    response = post(url, code=code, phone="0912345678", rating=rating, comment=comment)
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert dossier_of(code).rating is None


def test_not_json(http_dossiers, url):
    response = requests.post(url, data="code=x", headers={"Accept": "application/json"})
    assert response.status_code == 415  # a JSON service takes JSON only
    assert response.json()["type"] == "UnsupportedMediaType"


def test_throttled_like_the_lookup(http_dossiers, url):
    code = http_dossiers["returned"]
    lookup_url = url.replace("@dossier-rating", "@dossier-lookup")
    for _i in range(9):
        requests.post(lookup_url, json={"code": code, "phone": "0900000000"})
    response = post(url, code=code, phone="0900000000", rating="satisfied")
    assert response.status_code == 404  # the 10th try
    response = post(url, code=code, phone="0912345678", rating="satisfied")
    assert response.status_code == 429
    assert response.json()["error"]["type"] == "TooManyRequests"
    assert dossier_of(code).rating is None
