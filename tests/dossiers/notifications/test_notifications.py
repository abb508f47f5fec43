"""Who gets which message at which transition, and what it says."""

from luanthanh.policy import api as lt_api
from luanthanh.policy import deadlines
from luanthanh.policy.config import DEFAULT_PUBLIC_URL
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.mails import FROM_ADDRESS
from luanthanh.policy.testing.mails import FROM_NAME
from luanthanh.policy.testing.mails import html
from luanthanh.policy.testing.mails import parse
from luanthanh.policy.testing.mails import plain
from luanthanh.policy.testing.paths import actor_of
from plone import api

import logging
import pytest


APPLICANT = "an@example.org"
OFFICIAL = "chuyenvien@luanthanh.example.org"
APPROVER = "lanhdao@luanthanh.example.org"
SECRET = "BÍ MẬT NỘI BỘ: đã gọi điện cho cán bộ thôn"


def when(value) -> str:
    moment = deadlines.local_datetime(value)
    return f"{moment:%H} giờ {moment:%M} phút ngày {moment:%d/%m/%Y}"


def by_recipient(messages) -> dict:
    found = {}
    for message in messages:
        found.setdefault(message["To"], []).append(message)
    return found


def test_accept_tells_the_applicant_and_the_official(dossier, sent):
    fire(dossier, "accept", "motcua")
    messages = by_recipient(sent())
    assert sorted(messages) == [APPLICANT, OFFICIAL]

    [receipt] = messages[APPLICANT]
    assert receipt["Subject"] == f"Hồ sơ {dossier.code} đã được tiếp nhận"
    assert receipt["From"].addresses[0].display_name == FROM_NAME
    assert receipt["From"].addresses[0].addr_spec == FROM_ADDRESS
    assert receipt.get_content_type() == "multipart/alternative"
    body = plain(receipt)
    assert "Kính gửi ông/bà Nguyễn Văn An," in body
    assert f"- Mã hồ sơ: {dossier.code}" in body
    assert "- Thủ tục: Cấp Giấy xác nhận tình trạng hôn nhân" in body
    assert f"- Thời gian tiếp nhận: {when(dossier.received_at)}" in body
    assert f"- Ngày hẹn trả kết quả: {when(dossier.due_date)}" in body
    assert when(dossier.due_date).startswith("17 giờ 00 phút ngày ")
    # No site address in the control panel: the default, never the request's.
    lookup = f"{DEFAULT_PUBLIC_URL}/tra-cuu-ho-so/@@tra-cuu-ho-so?code={dossier.code}"
    assert lookup in body
    assert "Trung tâm Phục vụ hành chính công xã Luận Thành" in body
    assert "Địa chỉ: Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa" in body
    assert "Đường dây nóng:" not in body  # no hotline configured: line left out
    assert f'<a href="{lookup}">' in html(receipt)
    for part in receipt.walk():
        if part.get_content_maintype() == "text":
            assert part.get_content_charset() == "utf-8"

    [assignment] = messages[OFFICIAL]
    assert assignment["Subject"] == f"Hồ sơ {dossier.code} được giao cho ông/bà xử lý"
    body = plain(assignment)
    assert "Kính gửi Chuyên viên tư pháp," in body
    assert "- Người nộp: Nguyễn Văn An" in body
    assert f"Mở hồ sơ: {DEFAULT_PUBLIC_URL}/ho-so/{dossier.getId()}" in body


def test_without_applicant_email_only_the_official(portal, procedure, sent):
    dossier = make_dossier(portal, procedure, applicant_email=None)
    fire(dossier, "accept", "motcua")
    assert [m["To"] for m in sent()] == [OFFICIAL]


def test_unassigned_dossier_tells_no_official(portal, procedure, sent):
    api.portal.set_registry_record("luanthanh.policy.dossier.assignees", {})
    dossier = make_dossier(portal, procedure)
    fire(dossier, "accept", "motcua")
    assert [m["To"] for m in sent()] == [APPLICANT]


def test_official_without_email_is_skipped(dossier, sent):
    api.user.get(userid="chuyenvien").setMemberProperties({"email": ""})
    fire(dossier, "accept", "motcua")
    assert [m["To"] for m in sent()] == [APPLICANT]


def test_request_supplement(dossier, mailhost, sent):
    fire(dossier, "accept", "motcua")
    mailhost.reset()
    request = "Bổ sung bản sao Giấy khai sinh có chứng thực;\nảnh 4x6."
    fire(dossier, "request_supplement", "chuyenvien", comment=request)
    [message] = sent()
    assert message["To"] == APPLICANT
    assert message["Subject"] == f"Hồ sơ {dossier.code} cần bổ sung, hoàn thiện"
    body = plain(message)
    assert "Bổ sung bản sao Giấy khai sinh có chứng thực;\nảnh 4x6." in body
    requested = deadlines.local_date(dossier.supplement_requested_at)
    assert f"Ngày yêu cầu: {requested:%d/%m/%Y}." in body
    assert "Bổ sung bản sao Giấy khai sinh có chứng thực;<br>" in html(message)


def test_submit_for_approval_tells_the_approvers(portal, dossier, mailhost, sent):
    api.user.create(
        email="phochutich2@luanthanh.example.org",
        username="lanhdao2",
        password="Matkhau-1234!",
        properties={"fullname": "Chủ tịch UBND xã"},
    )
    api.group.add_user(groupname="lanh-dao", username="lanhdao2")
    api.user.create(
        email="x@example.org", username="lanhdao3", password="Matkhau-1234!"
    )
    api.user.get(userid="lanhdao3").setMemberProperties({"email": ""})
    api.group.add_user(groupname="lanh-dao", username="lanhdao3")
    fire(dossier, "accept", "motcua")
    mailhost.reset()
    fire(dossier, "submit_for_approval", "chuyenvien")
    messages = by_recipient(sent())
    assert sorted(messages) == [APPROVER, "phochutich2@luanthanh.example.org"]
    [message] = messages[APPROVER]
    assert message["Subject"] == f"Hồ sơ {dossier.code} chờ phê duyệt"
    body = plain(message)
    assert "Kính gửi Phó Chủ tịch UBND xã," in body
    assert "- Người trình: Chuyên viên tư pháp" in body
    assert f"Mở hồ sơ: {DEFAULT_PUBLIC_URL}/ho-so/{dossier.getId()}" in body
    assert "Kính gửi Chủ tịch UBND xã," in plain(
        messages["phochutich2@luanthanh.example.org"][0]
    )


def test_approve_tells_the_applicant_the_result_is_ready(dossier, mailhost, sent):
    fire(dossier, "accept", "motcua")
    fire(dossier, "submit_for_approval", "chuyenvien")
    mailhost.reset()
    fire(dossier, "approve", "lanhdao")
    [message] = sent()
    assert message["To"] == APPLICANT
    assert message["Subject"] == f"Hồ sơ {dossier.code} đã có kết quả"
    assert "đã có kết quả giải quyết" in plain(message)


@pytest.mark.parametrize(
    "path,transition,actor,subject",
    [
        ([], "refuse", "motcua", "không được tiếp nhận"),
        (["accept", "submit_for_approval"], "deny", "lanhdao", "bị từ chối giải quyết"),
        (["accept"], "stop", "chuyenvien", "đã dừng giải quyết"),
    ],
)
def test_refusal_and_stop_give_the_reason(
    dossier, mailhost, sent, path, transition, actor, subject
):
    for step in path:
        fire(dossier, step, actor_of(dossier, step))
    mailhost.reset()
    reason = "Hồ sơ không thuộc thẩm quyền giải quyết của xã <Luận Thành>."
    fire(dossier, transition, actor, comment=reason)
    [message] = sent()
    assert message["To"] == APPLICANT
    assert message["Subject"] == f"Hồ sơ {dossier.code} {subject}"
    assert f"Lý do:\n{reason}" in plain(message)
    assert "&lt;Luận Thành&gt;" in html(message)
    assert "<Luận Thành>" not in html(message)


@pytest.mark.parametrize(
    "path",
    [
        ["accept", "submit_for_approval", "send_back"],
        ["accept", "request_supplement", "resume"],
        ["accept", "submit_for_approval", "approve", "deliver"],
        ["withdraw"],
    ],
)
def test_other_transitions_send_nothing(dossier, mailhost, path):
    for step in path[:-1]:
        fire(dossier, step, actor_of(dossier, step), comment="Lý do")
    mailhost.reset()
    fire(dossier, path[-1], actor_of(dossier, path[-1]), comment="Lý do")
    assert list(mailhost.messages) == []


def test_internal_notes_never_leave(portal, procedure, mailhost):
    dossier = make_dossier(portal, procedure, notes=SECRET)
    steps = [
        ("accept", "motcua"),
        ("request_supplement", "chuyenvien"),
        ("resume", "chuyenvien"),
        ("submit_for_approval", "chuyenvien"),
        ("approve", "lanhdao"),
    ]
    for transition, actor in steps:
        fire(dossier, transition, actor, comment="Bổ sung giấy tờ")
    assert len(mailhost.messages) == 5
    for raw in mailhost.messages:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        message = parse(raw)
        assert SECRET not in text
        assert SECRET not in plain(message)
        assert SECRET not in html(message)
        assert "BÍ MẬT" not in plain(message)


def test_a_failure_to_send_keeps_the_transition(dossier, mailhost, caplog):
    def broken(*args, **kwargs):
        raise OSError("máy chủ thư không trả lời")

    mailhost.send = broken
    with caplog.at_level(logging.ERROR, logger="luanthanh.policy"):
        fire(dossier, "accept", "motcua")
    assert api.content.get_state(dossier) == "processing"
    assert dossier.history[-1]["action"] == "accept"
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 2  # the applicant's and the official's message
    assert all(dossier.code in r.getMessage() for r in errors)


def test_no_sender_configured_sends_nothing(dossier, mailhost, caplog):
    api.portal.set_registry_record("plone.email_from_address", "")
    with caplog.at_level(logging.WARNING, logger="luanthanh.policy"):
        fire(dossier, "accept", "motcua")
    assert api.content.get_state(dossier) == "processing"
    assert list(mailhost.messages) == []
    assert any("email_from_address" in r.getMessage() for r in caplog.records)


def test_hotline_and_email_in_the_signature(dossier, sent):
    api.portal.set_registry_record("luanthanh.policy.site.hotline", "0237 3852 123")
    api.portal.set_registry_record(
        "luanthanh.policy.site.email", "hcc@luanthanh.example.org"
    )
    fire(dossier, "accept", "motcua")
    body = plain(sent()[0])
    assert "Đường dây nóng: 0237 3852 123" in body
    assert "Thư điện tử: hcc@luanthanh.example.org" in body


def test_without_the_approvers_group_nobody_is_told(dossier, mailhost):
    fire(dossier, "accept", "motcua")
    api.group.delete(groupname="lanh-dao")
    mailhost.reset()
    fire(dossier, "submit_for_approval", "chuyenvien")
    assert api.content.get_state(dossier) == "approval"
    assert list(mailhost.messages) == []


@pytest.mark.parametrize(
    "data,says,not_says",
    [
        (
            {},
            "Mời ông/bà đến Trung tâm Phục vụ hành chính công xã Luận Thành để "
            "nhận kết quả",
            "bưu chính",
        ),
        (
            {"result_delivery": "post", "result_address": "Số 5, thôn Đông"},
            "Kết quả sẽ được gửi đến ông/bà qua dịch vụ bưu chính công ích, theo "
            "địa chỉ: Số 5, thôn Đông.",
            "Mời ông/bà đến",
        ),
        (
            {"result_delivery": "online"},
            "Bản điện tử của kết quả sẽ được gửi đến ông/bà qua thư điện tử "
            "an@example.org.",
            "Mời ông/bà đến",
        ),
    ],
)
def test_result_mail_follows_the_chosen_channel(
    portal, procedure, mailhost, sent, data, says, not_says
):
    dossier = make_dossier(portal, procedure, **data)
    fire(dossier, "accept", "motcua")
    fire(dossier, "submit_for_approval", "chuyenvien")
    mailhost.reset()
    fire(dossier, "approve", "lanhdao")
    [message] = sent()
    body = " ".join(plain(message).split())
    assert says in body
    assert not_says not in body


@pytest.mark.parametrize(
    "data,says,not_says",
    [
        (
            {},
            "Khi đến Trung tâm Phục vụ hành chính công xã Luận Thành nhận kết "
            "quả, ông/bà mang theo Giấy tiếp nhận",
            "bưu chính",
        ),
        (
            {"result_delivery": "post", "result_address": "Số 5, thôn Đông"},
            "Kết quả sẽ được gửi đến ông/bà qua dịch vụ bưu chính công ích, theo "
            "địa chỉ: Số 5, thôn Đông.",
            "Khi đến",
        ),
        (
            {"result_delivery": "online"},
            "Bản điện tử của kết quả sẽ được gửi đến ông/bà qua thư điện tử "
            "an@example.org.",
            "Khi đến",
        ),
    ],
)
def test_accept_mail_follows_the_chosen_channel(
    portal, procedure, mailhost, sent, data, says, not_says
):
    """The acceptance mail asks the applicant to bring the receipt only when
    they come to the center for the result."""
    dossier = make_dossier(portal, procedure, **data)
    mailhost.reset()
    fire(dossier, "accept", "motcua")
    [message] = by_recipient(sent())[APPLICANT]
    body = " ".join(plain(message).split())
    assert says in body
    assert not_says not in body


def test_mails_tell_the_fee_and_how_to_pay_it(portal, procedure, mailhost, sent):
    procedure.fee = 15000
    dossier = make_dossier(portal, procedure)
    fire(dossier, "accept", "motcua")
    accepted = plain(by_recipient(sent())[APPLICANT][0])
    assert "Phí, lệ phí phải nộp: 15.000 đồng." in accepted
    assert "mã VietQR trên trang tra cứu hồ sơ" in accepted
    with api.env.adopt_user(username="motcua"):
        number = lt_api.payment.record(dossier, "vietqr")
    fire(dossier, "submit_for_approval", "chuyenvien")
    mailhost.reset()
    fire(dossier, "approve", "lanhdao")
    [message] = sent()
    assert f"Phí, lệ phí 15.000 đồng: đã nộp (biên lai số {number})." in plain(message)


def test_no_fee_line_for_a_dossier_without_fee(dossier, sent):
    assert dossier.fee_status == "exempt"
    fire(dossier, "accept", "motcua")
    assert "Phí, lệ phí" not in plain(by_recipient(sent())[APPLICANT][0])
