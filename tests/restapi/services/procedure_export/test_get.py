"""GET @procedure-export over HTTP, and the Classic UI download @@procedure-export."""

from luanthanh.policy.exchange import procedures as exchange
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.exchange import DEMO_PROCEDURES
from plone import api
from plone.app.testing import SITE_OWNER_NAME

import base64
import csv
import io
import json
import openpyxl
import pytest
import transaction


@pytest.fixture
def demo(functional_portal):
    """The 20 demo procedures, committed so that HTTP requests see them."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        rows = exchange.parse(DEMO_PROCEDURES.read_bytes(), "json")
        exchange.import_procedures(functional_portal["thu-tuc-hanh-chinh"], rows)
    transaction.commit()


@pytest.mark.parametrize(
    "fmt,content_type",
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json; charset=utf-8"),
    ],
)
def test_download(manager_request, demo, fmt, content_type):
    response = manager_request.get(f"/@procedure-export?format={fmt}")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="thu-tuc-hanh-chinh.{fmt}"'
    )
    if fmt == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert tuple(rows[0]) == exchange.ALL_COLUMNS
        assert len(rows) == 21
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == 21
    else:
        assert len(response.json()) == 20


def test_json_is_the_default(manager_request, demo):
    response = manager_request.get("/@procedure-export")
    assert response.status_code == 200
    items = response.json()
    assert [item["code"] for item in items] == sorted(item["code"] for item in items)


@pytest.mark.parametrize("fmt", exchange.FORMATS)
def test_export_imports_unchanged(manager_request, demo, fmt):
    exported = manager_request.get(f"/@procedure-export?format={fmt}").content
    if fmt == "xlsx":
        data = base64.b64encode(exported).decode()
    else:
        data = exported.decode("utf-8-sig")
    body = {"format": fmt, "data": data}
    response = manager_request.post("/@procedure-import", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["unchanged"] == 20


def test_on_the_procedure_folder(manager_request, demo, functional_portal):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.content.create(
            container=functional_portal, type="ProcedureFolder", id="khac", title="Khác"
        )
    transaction.commit()
    assert (
        len(manager_request.get("/thu-tuc-hanh-chinh/@procedure-export").json()) == 20
    )
    assert manager_request.get("/khac/@procedure-export").json() == []


def test_unknown_format(manager_request, demo):
    response = manager_request.get("/@procedure-export?format=pdf")
    assert response.status_code == 400
    assert "Định dạng xuất “pdf” không hợp lệ" in response.json()["error"]["message"]


def test_anonymous_refused(anon_request, demo):
    response = anon_request.get("/@procedure-export?format=csv")
    assert response.status_code == 401
    assert "Đăng ký khai sinh" not in response.text


def test_member_refused(request_factory, functional_portal, demo):
    add_user("bientap", ["Editor"], "Mat-khau-rat-dai-2026")
    transaction.commit()
    session = request_factory(basic_auth=("bientap", "Mat-khau-rat-dai-2026"))
    response = session.get("/@procedure-export?format=json")
    assert response.status_code in (401, 403)


class TestClassicDownload:
    """``@@procedure-export``, linked from the control-panel page."""

    @pytest.mark.parametrize("fmt", exchange.FORMATS)
    def test_download(self, request_factory, demo, fmt):
        session = request_factory(role="Manager", api=False)
        session.headers.pop("Accept")
        response = session.get(f"/@@procedure-export?format={fmt}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="thu-tuc-hanh-chinh.{fmt}"'
        )
        assert response.headers["Content-Type"] == exchange.CONTENT_TYPES[fmt]
        if fmt == "json":
            assert len(json.loads(response.content)) == 20

    def test_anonymous_refused(self, request_factory, demo):
        session = request_factory(api=False)
        session.headers.pop("Accept")
        response = session.get("/@@procedure-export?format=csv", allow_redirects=False)
        assert response.status_code in (302, 401, 403)
        assert "Đăng ký khai sinh" not in response.text

    def test_unknown_format(self, request_factory, demo):
        session = request_factory(role="Manager", api=False)
        session.headers.pop("Accept")
        response = session.get("/@@procedure-export?format=pdf")
        assert response.status_code == 400
