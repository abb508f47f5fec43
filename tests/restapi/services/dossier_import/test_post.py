"""POST @dossier-import over HTTP (plone.restapi, the functional WSGI server)."""

from luanthanh.policy.exchange.dossiers import to_csv
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.exchange import dossier_row
from luanthanh.policy.testing.exchange import dossiers
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.protect.authenticator import createToken

import pytest
import requests
import transaction


CSV = to_csv([dossier_row(), dossier_row(code="HS-2", outcome="", resolved_at="")])


@pytest.fixture
def site(functional_portal):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_officials()
        make_procedure(functional_portal)
    transaction.commit()
    return functional_portal


def post_csv(session, data=CSV):
    return session.post(
        "/@dossier-import",
        data=data,
        headers={"Content-Type": "text/csv; charset=utf-8"},
    )


class TestAllowed:
    def test_text_csv(self, site, manager_request):
        response = post_csv(manager_request)
        assert response.status_code == 200, response.text
        data = response.json()
        assert (data["created"], data["updated"], data["unchanged"]) == (2, 0, 0)
        assert data["message"].startswith("Đã nhập xong: 2 hồ sơ mới")
        assert dossiers() == {
            "000.00.99.H56-250701-0001": "returned",
            "HS-2": "processing",
        }
        data = post_csv(manager_request).json()
        assert (data["created"], data["updated"], data["unchanged"]) == (0, 0, 2)

    def test_multipart_site_administrator(self, site, request_factory):
        session = request_factory(basic_auth=("quantri", PASSWORD))
        with api.env.adopt_user(username="quantri"):
            token = createToken()
        response = session.post(
            "/@dossier-import",
            files={"file": ("ho-so.csv", CSV, "text/csv")},
            data={"_authenticator": token},
        )
        assert response.status_code == 200, response.text
        assert response.json()["created"] == 2
        assert len(dossiers()) == 2

    def test_imported_dossier_in_dashboard_search(self, site, manager_request):
        post_csv(manager_request)
        response = manager_request.get(
            "/@search",
            params={"portal_type": "Dossier", "SearchableText": "Mẫu"},
        )
        assert response.status_code == 200
        # Dossiers are in the dossier catalog only (issue #14): not in @search.
        assert response.json()["items_total"] == 0
        # The Classic UI pages, as the desk sees them: the dashboard's search.
        url = site.absolute_url()
        auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        page = requests.get(
            f"{url}/ho-so/@@ban-lam-viec",
            params={"scope": "all", "q": "Mẫu"},
            auth=auth,
            timeout=60,
        )
        assert page.status_code == 200
        assert "HS-2" in page.text
        view = requests.get(f"{url}/ho-so/hs-2", auth=auth, timeout=60)
        assert view.status_code == 200
        assert "Nhập từ hệ thống cũ" in view.text


class TestRefused:
    @pytest.fixture(autouse=True)
    def nothing_written(self, site):
        yield
        assert dossiers() == {}

    def test_anonymous(self, anon_request):
        assert post_csv(anon_request).status_code == 401

    @pytest.mark.parametrize("username", ["motcua", "chuyenvien", "lanhdao", "congdan"])
    def test_officials_and_citizens(self, request_factory, username):
        session = request_factory(basic_auth=(username, PASSWORD))
        assert post_csv(session).status_code in (401, 403)

    def test_invalid_rows(self, manager_request):
        data = to_csv(
            [dossier_row(), dossier_row(code="HS-2", channel="fax", received_at="x")]
        )
        response = post_csv(manager_request, data)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["type"] == "ValidationError"
        assert error["message"] == (
            "Không nhập được hồ sơ: có 2 lỗi. Chưa có thay đổi nào được ghi."
        )
        assert [(e["line"], e["column"]) for e in error["errors"]] == [
            (3, "channel"),
            (3, "received_at"),
        ]
        assert error["errors"][0]["message"].startswith("Dòng 3, channel:")

    def test_multipart_without_token(self, manager_request):
        response = manager_request.post(
            "/@dossier-import", files={"file": ("ho-so.csv", CSV, "text/csv")}
        )
        assert response.status_code == 403

    def test_wrong_media_type(self, manager_request):
        response = manager_request.post("/@dossier-import", json=[dossier_row()])
        assert response.status_code == 415
        assert "text/csv" in response.json()["error"]["message"]
