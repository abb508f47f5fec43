"""POST @procedure-import over HTTP (plone.restapi, WSGI server)."""

from luanthanh.policy.exchange.procedures import COLUMNS
from luanthanh.policy.exchange.procedures import CONTENT_TYPES
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.exchange import BIRTH
from luanthanh.policy.testing.exchange import csv_text
from luanthanh.policy.testing.exchange import DEMO_PROCEDURES
from luanthanh.policy.testing.exchange import procedures
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.protect.authenticator import createToken

import base64
import io
import json
import openpyxl
import pytest
import transaction


PASSWORD = "Mat-khau-rat-dai-2026"

MARRIAGE = {
    **BIRTH,
    "code": "1.000894",
    "title": "Đăng ký kết hôn",
    "processing_days": "3",
    "required_documents": "",
    "legal_basis": "",
}


def token_for(username: str) -> str:
    with api.env.adopt_user(username=username):
        return createToken()


@pytest.fixture
def users(functional_portal):
    """A Site Administrator, an Editor and a Member of the site."""
    add_user("quantri", ["Site Administrator"], PASSWORD)
    add_user("bientap", ["Editor"], PASSWORD)
    add_user("congdan", ["Member"], PASSWORD)
    transaction.commit()


@pytest.fixture
def site_admin(request_factory, users):
    return request_factory(basic_auth=("quantri", PASSWORD))


class TestImportAllowed:
    def test_json_list(self, manager_request):
        items = json.loads(DEMO_PROCEDURES.read_text(encoding="utf-8"))
        response = manager_request.post("/@procedure-import", json=items)
        assert response.status_code == 200, response.text
        data = response.json()
        assert (data["created"], data["updated"], data["unchanged"]) == (20, 0, 0)
        assert data["items"]["created"][0] == "1.001193"
        assert data["message"].startswith("Đã nhập xong: 20 thủ tục mới")
        assert len(procedures()) == 20
        # Twice: nothing changes.
        response = manager_request.post("/@procedure-import", json=items)
        data = response.json()
        assert (data["created"], data["updated"], data["unchanged"]) == (0, 0, 20)

    def test_csv_text_in_json(self, manager_request):
        body = {"format": "csv", "data": csv_text(BIRTH, MARRIAGE), "publish": True}
        response = manager_request.post("/@procedure-import", json=body)
        assert response.status_code == 200, response.text
        assert response.json()["items"]["created"] == ["1.001193", "1.000894"]
        assert procedures() == {"1.001193": "published", "1.000894": "published"}

    def test_xlsx_base64_in_json(self, manager_request):
        workbook = openpyxl.Workbook()
        workbook.active.append(list(COLUMNS))
        workbook.active.append([BIRTH[name] for name in COLUMNS])
        out = io.BytesIO()
        workbook.save(out)
        body = {"format": "xlsx", "data": base64.b64encode(out.getvalue()).decode()}
        response = manager_request.post("/@procedure-import", json=body)
        assert response.status_code == 200, response.text
        assert procedures() == {"1.001193": "private"}

    def test_raw_csv(self, manager_request):
        response = manager_request.post(
            "/@procedure-import?publish=1",
            data=csv_text(BIRTH).encode("utf-8-sig"),
            headers={"Content-Type": "text/csv; charset=utf-8"},
        )
        assert response.status_code == 200, response.text
        assert procedures() == {"1.001193": "published"}

    def test_multipart_with_token(self, functional_portal, manager_request):
        response = manager_request.post(
            "/@procedure-import",
            files={"file": ("thu-tuc.csv", csv_text(BIRTH).encode(), "text/csv")},
            data={"_authenticator": token_for(SITE_OWNER_NAME)},
        )
        assert response.status_code == 200, response.text
        assert response.json()["created"] == 1

    def test_multipart_with_token_header(self, site_admin):
        response = site_admin.post(
            "/@procedure-import",
            files={"file": ("thu-tuc.json", DEMO_PROCEDURES.read_bytes())},
            data={"publish": "on"},
            headers={"X-CSRF-TOKEN": token_for("quantri")},
        )
        assert response.status_code == 200, response.text
        assert set(procedures().values()) == {"published"}

    def test_multipart_with_bearer_token(self, request_factory, users):
        session = request_factory()
        login = session.post("/@login", json={"login": "quantri", "password": PASSWORD})
        assert login.status_code == 200, login.text
        session.headers["Authorization"] = f"Bearer {login.json()['token']}"
        response = session.post(
            "/@procedure-import",
            files={"file": ("thu-tuc.csv", csv_text(BIRTH).encode(), "text/csv")},
        )
        assert response.status_code == 200, response.text

    def test_site_administrator(self, site_admin):
        response = site_admin.post(
            "/@procedure-import", json={"format": "csv", "data": csv_text(BIRTH)}
        )
        assert response.status_code == 200, response.text
        assert procedures() == {"1.001193": "private"}

    def test_on_the_procedure_folder(self, manager_request):
        response = manager_request.post(
            "/thu-tuc-hanh-chinh/@procedure-import",
            json={"format": "csv", "data": csv_text(BIRTH)},
        )
        assert response.status_code == 200, response.text
        transaction.begin()
        (brain,) = api.content.find(procedure_code="1.001193", unrestricted=True)
        assert brain.getPath().endswith("/thu-tuc-hanh-chinh/dang-ky-khai-sinh")


class TestImportRefused:
    @pytest.fixture(autouse=True)
    def nothing_written(self, functional_portal):
        yield
        assert procedures() == {}

    def test_anonymous(self, anon_request):
        response = anon_request.post(
            "/@procedure-import", json={"format": "csv", "data": csv_text(BIRTH)}
        )
        assert response.status_code == 401

    @pytest.mark.parametrize("username", ["bientap", "congdan"])
    def test_editor_and_member(self, request_factory, users, username):
        session = request_factory(basic_auth=(username, PASSWORD))
        response = session.post(
            "/@procedure-import", json={"format": "csv", "data": csv_text(BIRTH)}
        )
        assert response.status_code in (401, 403)

    def test_invalid_rows(self, manager_request):
        bad = {**MARRIAGE, "code": "1.00x", "fee": "-5"}
        response = manager_request.post(
            "/@procedure-import",
            json={"format": "csv", "data": csv_text(BIRTH, bad)},
        )
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["type"] == "ValidationError"
        assert error["message"] == (
            "Không nhập được: có 2 lỗi. Chưa có thay đổi nào được ghi."
        )
        assert error["errors"] == [
            {
                "line": 4,
                "field": "code",
                "message": "Dòng 4: mã thủ tục “1.00x” không hợp lệ.",
            },
            {
                "line": 4,
                "field": "fee",
                "message": "Dòng 4: “Phí, lệ phí (đồng)” phải là số nguyên không "
                "âm, không phải “-5”.",
            },
        ]

    def test_invalid_json_item(self, manager_request):
        response = manager_request.post(
            "/@procedure-import", json=[{**BIRTH}, {"code": "1.000894"}]
        )
        assert response.status_code == 400
        errors = response.json()["error"]["errors"]
        assert {e["line"] for e in errors} == {2}
        assert errors[0]["message"].startswith("Mục 2: thiếu")

    @pytest.mark.parametrize(
        "body,text",
        [
            (b"{not json", "Tệp JSON không đọc được"),
            (b'{"format": "csv"}', "“format” và “data”"),
            (b'{"format": "pdf", "data": "x"}', "định dạng tệp"),
            (b'{"format": "xlsx", "data": "bm90IGEgemlw"}', "Tệp XLSX không đọc được"),
        ],
    )
    def test_bad_json_body(self, manager_request, body, text):
        response = manager_request.post(
            "/@procedure-import",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400
        (error,) = response.json()["error"]["errors"]
        assert error["line"] is None
        assert text in error["message"]

    def test_multipart_without_token(self, manager_request):
        response = manager_request.post(
            "/@procedure-import",
            files={"file": ("thu-tuc.csv", csv_text(BIRTH).encode(), "text/csv")},
        )
        assert response.status_code == 403
        assert "_authenticator" in response.json()["error"]["message"]

    def test_multipart_without_file(self, functional_portal, manager_request):
        response = manager_request.post(
            "/@procedure-import",
            files={"other": ("x.txt", b"x")},
            data={"_authenticator": token_for(SITE_OWNER_NAME)},
        )
        assert response.status_code == 400
        (error,) = response.json()["error"]["errors"]
        assert error["message"] == "Chưa chọn tệp để nhập."

    @pytest.mark.parametrize(
        "content_type", ["text/plain", "application/x-www-form-urlencoded"]
    )
    def test_form_like_bodies(self, manager_request, content_type):
        response = manager_request.post(
            "/@procedure-import",
            data=csv_text(BIRTH).encode(),
            headers={"Content-Type": content_type},
        )
        assert response.status_code == 415
        assert "không được hỗ trợ" in response.json()["error"]["message"]

    def test_xlsx_content_type_is_raw(self, manager_request):
        response = manager_request.post(
            "/@procedure-import",
            data=b"PK not really",
            headers={"Content-Type": CONTENT_TYPES["xlsx"]},
        )
        assert response.status_code == 400


def test_unknown_national_field_is_a_structured_error(manager_request):
    response = manager_request.post(
        "/@procedure-import",
        json=[
            {**BIRTH, "national_field": "ho-tich"},
            {**MARRIAGE, "national_field": "x"},
        ],
    )
    assert response.status_code == 400, response.text
    (error,) = response.json()["error"]["errors"]
    assert (error["line"], error["field"]) == (2, "national_field")
    assert "danh mục lĩnh vực quốc gia" in error["message"]
    transaction.begin()
    assert procedures() == {}


def test_national_field_is_imported(manager_request):
    response = manager_request.post(
        "/@procedure-import", json=[{**BIRTH, "national_field": "ho-tich"}]
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    exported = manager_request.get("/@procedure-export?format=json")
    assert exported.json()[0]["national_field"] == "ho-tich"
