"""``GET @dossier-lookup`` answers 400: the factors never go into a URL.

Issue #14, finding 11: ``GET @dossier-lookup?phone=…&id_number=…`` put the
applicant's phone and CCCD into proxy logs and browser history.  The GET now
answers a structured 400 in Vietnamese without looking anything up (and
without counting a try); the POST with a JSON body is the lookup.
"""

from luanthanh.policy.testing.scenarios import ID_NUMBER

import pytest
import requests


@pytest.fixture
def url(functional_portal):
    return f"{functional_portal.absolute_url()}/++api++/@dossier-lookup"


USE_POST = {
    "error": {
        "type": "InvalidInput",
        "message": "Tra cứu hồ sơ bằng yêu cầu POST: gửi mã hồ sơ và số điện "
        "thoại (hoặc số định danh cá nhân) trong thân yêu cầu dạng JSON, không "
        "đặt trong địa chỉ.",
    }
}


@pytest.mark.parametrize("factor", [{"phone": "0912345678"}, {"id_number": ID_NUMBER}])
def test_factors_in_the_query_are_refused(http_dossiers, url, factor):
    code = http_dossiers["processing"]
    response = requests.get(
        url, params={"code": code, **factor}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == USE_POST
    assert "state" not in response.text and "token" not in response.text
    assert response.headers["Cache-Control"] == "no-store, private"
    # Positive control: the same factors in a JSON POST body find the dossier.
    found = requests.post(
        url, json={"code": code, **factor}, headers={"Accept": "application/json"}
    )
    assert found.status_code == 200
    assert found.json()["code"] == code


def test_refused_gets_do_not_count(http_dossiers, url):
    """Nothing is looked up, so nothing counts against the limit (10)."""
    code = http_dossiers["processing"]
    for _i in range(12):
        response = requests.get(url, params={"code": code, "phone": "0912345678"})
        assert response.status_code == 400
    found = requests.post(
        url,
        json={"code": code, "phone": "0912345678"},
        headers={"Accept": "application/json"},
    )
    assert found.status_code == 200
