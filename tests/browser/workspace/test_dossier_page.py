"""The dossier page: fields, deadline, history, attachments and transitions."""

from luanthanh.policy import deadlines
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.paths import dossier_in_state
from plone import api
from plone.namedfile.file import NamedBlobFile
from urllib.parse import urlencode

import pytest
import re
import transaction


def _submit(browser, dossier, transition: str, comment: str | None = None):
    """Open the page of ``dossier`` and submit the form of ``transition``."""
    browser.open(dossier.absolute_url())
    form = browser.getForm(id=f"transition-{transition}")
    if comment is not None:
        form.getControl(name="comment").value = comment
    form.submit(name=f"submit-{transition}")


def _state(dossier) -> str:
    """The workflow state of ``dossier`` as the last request committed it."""
    transaction.begin()
    return api.content.get_state(dossier)


def test_every_field_and_history(functional_app, fresh):
    dossier = fresh["s1"]
    attach_file(
        dossier, "giay-khai-sinh.pdf", "Bản sao giấy khai sinh", b"%PDF-1.4 khai sinh"
    )
    dossier.result_file = NamedBlobFile(b"%PDF-1.4 ket qua", filename="ket-qua.pdf")
    dossier.notes = "Gọi lại cho công dân trước 10 giờ."
    transaction.commit()
    browser = browser_for(functional_app, "motcua")
    browser.open(dossier.absolute_url())
    html = browser.contents
    assert browser.headers["status"].startswith("200")
    assert dossier.code in html
    for text in (
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "1.004873",
        "Đỗ Văn Hải",
        "001090000006",
        "0912000006",
        "Trực tuyến",
        "Chờ bổ sung",
        "Ngày tiếp nhận",
        "Ngày hẹn trả kết quả",
        "Chuyên viên tư pháp",  # the assigned official, by name
        "Gọi lại cho công dân trước 10 giờ.",
        "Ghi chú nội bộ",
    ):
        assert text in html, text
    # Dates in local time.
    received = dossier.received_at.astimezone(deadlines.TZ)
    assert received.strftime("%H giờ %M phút ngày %d/%m/%Y") in html
    # History: newest first, with actor names, state titles and the comment.
    timeline = html.split("dossier-timeline", 1)[1]
    assert timeline.index("Yêu cầu bổ sung") < timeline.index("Tiếp nhận")
    assert "Chuyên viên tư pháp" in timeline
    assert "Cán bộ một cửa" in timeline
    assert "Đang giải quyết" in timeline and "Chờ bổ sung" in timeline
    assert "Bổ sung bản sao giấy khai sinh" in timeline
    assert "dossier-due-change" in timeline  # accept set the due date
    # Attachments and the result file, with download links.
    assert "Bản sao giấy khai sinh" in html
    link = f"{dossier.absolute_url()}/giay-khai-sinh.pdf/@@download/file"
    assert link in html
    browser.open(link)
    assert browser.contents.startswith(b"%PDF")
    assert f"{dossier.absolute_url()}/@@download/result_file" in html
    assert "ket-qua.pdf" in html


def test_timeliness_in_vietnamese(functional_app, fresh):
    dossier = fresh["ret"]
    dossier.timeliness = "early"
    transaction.commit()
    browser = browser_for(functional_app, "motcua")
    browser.open(dossier.absolute_url())
    assert "Trước hạn" in browser.contents
    assert "Đã trả kết quả" in browser.contents


def test_overdue_flag(functional_app, fresh):
    browser = browser_for(functional_app, "chuyenvien")
    browser.open(fresh["p2"].absolute_url())
    html = browser.contents
    assert "dossier-badge-overdue" in html
    assert re.search(r"Quá hạn \d+ ngày làm việc", html)
    assert "Ưu tiên" in html


def test_transitions_offered_by_role(functional_app, fresh):
    browser = browser_for(functional_app, "chuyenvien")
    browser.open(fresh["p1"].absolute_url())
    html = browser.contents
    ids = set(re.findall(r'id="transition-([a-z_]+)"', html))
    assert ids == {"request_supplement", "submit_for_approval", "stop"}
    # The reason is marked as required where the workflow needs one.
    form = html.split('id="transition-stop"', 1)[1].split("</form>", 1)[0]
    assert "Lý do (bắt buộc)" in form
    assert 'required="required"' in form
    form = html.split('id="transition-submit_for_approval"', 1)[1].split("</form>", 1)[
        0
    ]
    assert "Lý do (bắt buộc)" not in form
    assert "_authenticator" in form
    # The desk only sees withdraw on a dossier in processing.
    browser = browser_for(functional_app, "motcua")
    browser.open(fresh["p1"].absolute_url())
    assert set(re.findall(r'id="transition-([a-z_]+)"', browser.contents)) == {
        "withdraw"
    }


def test_accept_through_the_form(functional_app, fresh):
    dossier = fresh["i1"]
    browser = browser_for(functional_app, "motcua")
    _submit(browser, dossier, "accept")
    assert browser.url == dossier.absolute_url()
    assert (
        "Đã thực hiện thao tác “Tiếp nhận”. Trạng thái hồ sơ: “Đang giải quyết”."
        in (browser.contents)
    )
    assert "“Đang giải quyết”" in browser.contents
    assert _state(dossier) == "processing"
    assert dossier.history[-1]["actor"] == "motcua"


def test_comment_goes_into_history(functional_app, fresh):
    dossier = fresh["p1"]
    browser = browser_for(functional_app, "chuyenvien")
    _submit(browser, dossier, "request_supplement", "Nộp thêm bản sao sổ hộ khẩu")
    assert "Đã thực hiện thao tác “Yêu cầu bổ sung”" in browser.contents
    assert "Nộp thêm bản sao sổ hộ khẩu" in browser.contents
    assert _state(dossier) == "supplement"


def test_missing_comment_refused_with_message(functional_app, fresh):
    dossier = fresh["i1"]
    browser = browser_for(functional_app, "motcua")
    _submit(browser, dossier, "refuse", "   ")
    assert browser.url == dossier.absolute_url()
    assert "Cần ghi rõ lý do từ chối tiếp nhận." in browser.contents
    assert "portalMessage" in browser.contents
    assert _state(dossier) == "intake"
    # With a reason it goes through.
    _submit(browser, dossier, "refuse", "Hồ sơ không thuộc thẩm quyền của xã")
    assert _state(dossier) == "rejected"


@pytest.mark.parametrize(
    "token",
    [{"comment": ""}, {"_authenticator": "0" * 40}],
    ids=["without-token", "wrong-token"],
)
def test_post_without_a_valid_token_refused(functional_app, fresh, token):
    dossier = fresh["i1"]
    browser = browser_for(functional_app, "motcua")
    browser.post(
        f"{dossier.absolute_url()}/@@chuyen-trang-thai",
        urlencode({"transition": "accept", **token}),
    )
    assert browser.headers["status"].startswith("403")
    assert _state(dossier) == "intake"


def test_transition_not_allowed(functional_app, fresh):
    """A processor cannot accept at the desk, even with a valid token."""
    dossier = fresh["p1"]
    browser = browser_for(functional_app, "chuyenvien")
    browser.open(dossier.absolute_url())
    token = re.search(r'name="_authenticator" value="([0-9a-f]+)"', browser.contents)
    browser.post(
        f"{dossier.absolute_url()}/@@chuyen-trang-thai",
        urlencode({"transition": "approve", "_authenticator": token.group(1)}),
    )
    assert "Tài khoản này không được thực hiện thao tác “Phê duyệt”" in browser.contents
    assert _state(dossier) == "processing"


def test_get_does_nothing(functional_app, fresh):
    dossier = fresh["i1"]
    browser = browser_for(functional_app, "motcua")
    browser.open(f"{dossier.absolute_url()}/@@chuyen-trang-thai?transition=accept")
    assert browser.url == dossier.absolute_url()
    assert _state(dossier) == "intake"


def test_refused_to_those_who_may_not_see(functional_app, fresh):
    url = fresh["i1"].absolute_url()
    for user in ("congdan", "bientap", "chuyenvien2"):
        browser = browser_for(functional_app, user)
        browser.open(url)
        assert fresh["i1"].code not in browser.contents, user
        # The book's one 404 (issue #14, finding 3).
        assert browser.headers["status"].startswith("404"), user
    browser = browser_for(functional_app, None)
    browser.open(url)
    assert browser.headers["status"].startswith("404")
    assert fresh["i1"].code not in browser.contents


@pytest.mark.parametrize(
    "data,todo",
    [
        (
            {"result_delivery": "post", "result_address": "Số 5, thôn Đông"},
            "Gửi qua bưu điện (dịch vụ bưu chính công ích) đến: Số 5, thôn Đông",
        ),
        (
            {"result_delivery": "online"},
            "Gửi bản điện tử của kết quả (tệp “Kết quả đã số hóa”) qua thư điện tử "
            "đến: an@example.org",
        ),
        ({}, "Người nộp hồ sơ đến nhận kết quả tại Trung tâm."),
    ],
)
def test_returning_the_result_says_how(functional_app, fresh, data, todo):
    """Beside "Trả kết quả", how the applicant asked to receive the result."""
    with api.env.adopt_roles(["Manager"]):
        dossier = dossier_in_state(api.portal.get(), "result", **data)
    transaction.commit()
    browser = browser_for(functional_app, "motcua")
    browser.open(dossier.absolute_url())
    html = browser.contents
    form = html.split('id="transition-deliver"', 1)[1].split("</form>", 1)[0]
    assert todo in " ".join(form.split())
    # Only there: not beside the other transitions.
    assert html.count("dossier-delivery-todo") == 1
