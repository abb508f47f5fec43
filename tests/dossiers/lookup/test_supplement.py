"""Supplying what was asked for, and rating, from the lookup page (over HTTP)."""

from luanthanh.policy.config import DEFAULT_PUBLIC_URL
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.files import macro_docx
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PNG
from luanthanh.policy.testing.files import SVG
from luanthanh.policy.testing.http import page_result
from luanthanh.policy.testing.http import page_token
from luanthanh.policy.testing.mails import supplement_mails
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from luanthanh.policy.testing.scenarios import ID_NUMBER
from plone import api
from Products.MailHost.MailHost import MailBase

import pytest
import requests
import transaction


PHONE = "0912 345 678"


@pytest.fixture
def page(functional_portal):
    return f"{functional_portal.absolute_url()}/tra-cuu-ho-so/@@tra-cuu-ho-so"


def dossier_of(portal, code):
    transaction.begin()  # see what the server committed
    brains = find_unrestricted(dossier_code=code)
    return brains[0]._unrestrictedGetObject()


def token_for(page, code, session=requests, **factor):
    """The token the page gives on a lookup (only with a supplement form)."""
    factor = factor or {"phone": PHONE}
    response = session.post(page, data={"action": "lookup", "code": code, **factor})
    assert response.status_code == 200
    return page_token(response.text)


def rest_token(page, code):
    """The token of a lookup over REST, for any state."""
    portal_url = page.split("/tra-cuu-ho-so/")[0]
    response = requests.post(
        f"{portal_url}/++api++/@dossier-lookup",
        json={"code": code, "phone": PHONE},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    return response.json()["token"]


def upload(page, code, token, files, session=requests, **factor):
    factor = factor or {"phone": PHONE}
    data = {"action": "upload", "code": code, "token": token, **factor}
    return session.post(
        page,
        data=data,
        files=[
            ("files:list", (name, body, "application/octet-stream"))
            for name, body in files
        ],
    )


def test_upload_attaches_files_writes_history_and_notifies(
    functional_portal, http_dossiers, page, mails
):
    code = http_dossiers["supplement"]
    due = dossier_of(functional_portal, code).due_date
    token = token_for(page, code)
    response = upload(
        page,
        code,
        token,
        [("Tờ khai bổ sung (bản sao).pdf", PDF), ("ảnh-chụp.png", PNG)],
    )
    assert response.status_code == 200, page_result(response.text)
    html = response.text
    assert "Đã nhận 2 tệp bổ sung" in html
    assert "Tờ khai bổ sung" not in html
    assert_no_personal_data(html)

    dossier = dossier_of(functional_portal, code)
    files = {
        obj.title: obj for obj in dossier.objectValues() if obj.portal_type == "File"
    }
    assert set(files) == {
        "Bản sao sổ hộ khẩu",
        "Tờ khai bổ sung (bản sao).pdf",
        "ảnh-chụp.png",
    }
    assert files["Tờ khai bổ sung (bản sao).pdf"].file.contentType == "application/pdf"
    assert files["ảnh-chụp.png"].file.data == PNG
    entry = dossier.history[-1]
    assert entry["action"] == "supplement_upload"
    assert entry["actor"] == ""
    assert entry["from_state"] == entry["to_state"] == "supplement"
    assert entry["comment"] == (
        "Người nộp hồ sơ nộp bổ sung: Tờ khai bổ sung (bản sao).pdf, ảnh-chụp.png"
    )
    assert entry["due_date_before"] == entry["due_date_after"] == due
    assert entry["time"].utcoffset().total_seconds() == 0
    assert api.content.get_state(dossier) == "supplement"

    sent = supplement_mails(mails)
    assert len(sent) == 1
    assert sent[0]["to"] == "chuyenvien@luanthanh.example.org"
    assert code in sent[0]["subject"]
    assert "Tờ khai bổ sung (bản sao).pdf" in sent[0]["body"]
    assert f"{DEFAULT_PUBLIC_URL}/ho-so/{dossier.getId()}" in sent[0]["body"]


def test_upload_with_id_number(functional_portal, http_dossiers, page, mails):
    code = http_dossiers["supplement"]
    token = token_for(page, code, id_number=ID_NUMBER)
    response = upload(page, code, token, [("cccd.pdf", PDF)], id_number=ID_NUMBER)
    assert response.status_code == 200
    assert len(dossier_of(functional_portal, code).objectIds()) == 2


def test_mail_failure_does_not_break_the_upload(
    functional_portal, http_dossiers, page, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(MailBase, "_send", broken)
    code = http_dossiers["supplement"]
    response = upload(page, code, token_for(page, code), [("a.pdf", PDF)])
    assert response.status_code == 200
    dossier = dossier_of(functional_portal, code)
    assert "a.pdf" in [obj.title for obj in dossier.objectValues()]
    assert dossier.history[-1]["action"] == "supplement_upload"


def _refused(response, status: int, text: str) -> None:
    assert response.status_code == status
    assert text in page_result(response.text)


def _unchanged(portal, code, count=1):
    dossier = dossier_of(portal, code)
    assert len(dossier.objectIds()) == count
    assert [
        e["action"] for e in dossier.history if e["action"] == "supplement_upload"
    ] == []


def test_svg_refused(functional_portal, http_dossiers, page, mails):
    code = http_dossiers["supplement"]
    response = upload(
        page, code, token_for(page, code), [("a.pdf", PDF), ("anh.png", SVG)]
    )
    _refused(response, 400, "không được chấp nhận")
    _unchanged(functional_portal, code)
    assert supplement_mails(mails) == []


def test_macro_docx_refused(functional_portal, http_dossiers, page, mails):
    """Issue #14: a Word file with macros is refused by what it holds, with a
    message that says so; nothing of the upload is attached."""
    code = http_dossiers["supplement"]
    response = upload(
        page, code, token_for(page, code), [("a.pdf", PDF), ("Đơn.docx", macro_docx())]
    )
    _refused(
        response,
        400,
        "Tệp Word “Đơn.docx” có chứa macro, không được chấp nhận. Vui lòng lưu "
        "lại dưới dạng .docx không có macro hoặc PDF.",
    )
    _unchanged(functional_portal, code)
    assert supplement_mails(mails) == []


def test_oversized_file_refused(functional_portal, http_dossiers, page, mails):
    api.portal.set_registry_record("luanthanh.policy.online.max_file_mb", 1)
    transaction.commit()
    code = http_dossiers["supplement"]
    big = PDF + b"0" * (1024 * 1024)
    response = upload(page, code, token_for(page, code), [("lon.pdf", big)])
    _refused(response, 413, "vượt quá mức tối đa 1 MB")
    _unchanged(functional_portal, code)


def test_dossier_total_refused(functional_portal, http_dossiers, page, mails):
    api.portal.set_registry_record("luanthanh.policy.online.max_dossier_mb", 1)
    transaction.commit()
    code = http_dossiers["supplement"]
    half = PDF + b"0" * (600 * 1024)
    token = token_for(page, code)
    response = upload(page, code, token, [("a.pdf", half), ("b.pdf", half)])
    _refused(response, 413, "mỗi hồ sơ")
    _unchanged(functional_portal, code)
    # One fits; the second is refused, counting the one already attached.
    assert upload(page, code, token, [("a.pdf", half)]).status_code == 200
    response = upload(page, code, token, [("b.pdf", half)])
    assert response.status_code == 413


@pytest.mark.parametrize("state", ["processing", "result", "returned", "intake"])
def test_upload_refused_outside_supplement(
    functional_portal, http_dossiers, page, mails, state
):
    code = http_dossiers[state]
    response = upload(page, code, rest_token(page, code), [("a.pdf", PDF)])
    _refused(response, 409, "chờ bổ sung")
    _unchanged(functional_portal, code)


def test_upload_needs_a_token_of_this_dossier(
    functional_portal, http_dossiers, page, mails
):
    code = http_dossiers["supplement"]
    other = rest_token(page, http_dossiers["processing"])
    for token in ("", "123.abc", other):
        response = upload(page, code, token, [("a.pdf", PDF)])
        _refused(response, 403, "Phiên tra cứu đã hết hạn")
    _unchanged(functional_portal, code)


def test_upload_with_wrong_phone_is_not_found(
    functional_portal, http_dossiers, page, mails
):
    code = http_dossiers["supplement"]
    token = token_for(page, code)
    response = upload(page, code, token, [("a.pdf", PDF)], phone="0987654321")
    unknown = requests.post(
        page,
        data={"action": "lookup", "code": "000.00.99.H56-991231-9999", "phone": PHONE},
    )
    assert response.status_code == unknown.status_code == 404
    assert page_result(response.text) == page_result(unknown.text)
    _unchanged(functional_portal, code)


def test_upload_by_a_logged_in_user_passes_plone_protect(
    functional_portal, http_dossiers, page, mails
):
    session = requests.Session()
    session.auth = ("congdan", PASSWORD)
    code = http_dossiers["supplement"]
    token = token_for(page, code, session=session)
    response = upload(page, code, token, [("a.pdf", PDF)], session=session)
    assert response.status_code == 200, page_result(response.text)
    assert len(dossier_of(functional_portal, code).objectIds()) == 2


# Rating ----------------------------------------------------------------------


def rate(page, code, token, rating="very_satisfied", comment="", session=requests):
    return session.post(
        page,
        data={
            "action": "rate",
            "code": code,
            "token": token,
            "phone": PHONE,
            "rating": rating,
            "comment": comment,
        },
    )


def test_rating_form_after_returned_only(http_dossiers, page):
    html = requests.post(
        page,
        data={"action": "lookup", "code": http_dossiers["returned"], "phone": PHONE},
    ).text
    assert 'value="rate"' in html
    for label in (
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
        "Rất không hài lòng",
    ):
        assert f">{label}</label>" in html
    assert 'maxlength="1000"' in html


def test_rate_once(functional_portal, http_dossiers, page):
    code = http_dossiers["returned"]
    token = token_for(page, code)
    response = rate(page, code, token, "satisfied", "Cán bộ hướng dẫn tận tình")
    assert response.status_code == 200, page_result(response.text)
    assert "Cảm ơn ông/bà đã đánh giá" in response.text
    assert 'value="rate"' not in response.text
    dossier = dossier_of(functional_portal, code)
    assert dossier.rating == "satisfied"
    assert dossier.rating_comment == "Cán bộ hướng dẫn tận tình"
    assert dossier.rated_at.utcoffset().total_seconds() == 0
    again = rate(page, code, token, "very_dissatisfied")
    assert again.status_code == 409
    assert "đã được đánh giá" in page_result(again.text)
    assert dossier_of(functional_portal, code).rating == "satisfied"


def test_rate_before_returned_refused(functional_portal, http_dossiers, page):
    code = http_dossiers["result"]
    response = rate(page, code, rest_token(page, code))
    _refused(response, 409, "sau khi hồ sơ đã trả kết quả")
    assert dossier_of(functional_portal, code).rating is None


def test_rate_needs_token(functional_portal, http_dossiers, page):
    code = http_dossiers["returned"]
    assert rate(page, code, "").status_code == 403
    assert dossier_of(functional_portal, code).rating is None
