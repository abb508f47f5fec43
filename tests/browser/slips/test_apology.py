"""@@phieu-xin-loi: the apology form (POST with CSRF token) and its letter."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from luanthanh.policy import deadlines
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import text_of
from luanthanh.policy.testing.scenarios import DUE
from luanthanh.policy.testing.scenarios import NAMES

import lxml.html
import pytest
import transaction


REASON = "Chờ ý kiến xác minh của Ủy ban nhân dân xã nơi cư trú trước đây."


def next_working_day(after_days: int = 3):
    calendar = deadlines.WorkCalendar.from_registry()
    day = deadlines.local_date(datetime.now(UTC)) + timedelta(days=after_days)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def form_of(http, url):
    page = http.get(f"{url}/@@phieu-xin-loi")
    assert page.status_code == 200
    tree = lxml.html.fromstring(page.text)
    forms = tree.xpath("//form[contains(@class, 'slip-form')]")
    return page, forms[0] if forms else None


def token(form) -> str:
    return form.xpath(".//input[@name='_authenticator']/@value")[0]


def post(http, url, **data):
    return http.post(
        f"{url}/@@phieu-xin-loi",
        data={"form.buttons.issue": "1", **data},
        allow_redirects=False,
    )


@pytest.fixture
def received(fresh_site):
    return fresh_site["dossiers"]["received"], fresh_site["urls"]["received"]


def test_form_offered_for_an_unresolved_dossier(received):
    _dossier, url = received
    page, form = form_of(session_for("motcua"), url)
    assert form is not None
    assert form.get("method") == "post"
    assert token(form)
    # Typed dd/mm/yyyy whatever the browser's locale (browser/dates.py).
    assert form.xpath(".//input[@name='new_date'][@type='text']")
    assert form.xpath(".//input[@name='new_date'][@placeholder='dd/mm/yyyy']")
    assert form.xpath(".//textarea[@name='reason']")
    assert "06/03/2026" in text_of(page.text)  # the legal due date


def test_issue_an_apology(received):
    dossier, url = received
    http = session_for("motcua")
    _page, form = form_of(http, url)
    new_day = next_working_day()
    response = post(
        http,
        url,
        new_date=new_day.isoformat(),
        reason=REASON,
        _authenticator=token(form),
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/@@phieu-xin-loi")

    transaction.begin()
    assert dossier.due_date == DUE  # statistics keep the original due date
    [record] = dossier.apologies
    assert set(record) == {"time", "actor", "new_date", "reason", "approver"}
    assert record["approver"] == "Chủ tịch Ủy ban nhân dân xã Luận Thành"
    assert record["actor"] == "motcua"
    assert record["reason"] == REASON
    assert record["new_date"].utcoffset() == timedelta(0)
    assert record["new_date"].tzinfo is UTC  # never a zoneinfo in the ZODB
    assert deadlines.local_date(record["new_date"]) == new_day
    assert record["time"].tzinfo is UTC

    letter = http.get(f"{url}/@@phieu-xin-loi")
    text = text_of(letter.text)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert NAMES["received"] in text
    assert dossier.code in text
    assert REASON in text
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 06/03/2026" in text
    assert (
        "đề nghị gia hạn thời gian giải quyết hồ sơ đến ngày "
        f"{new_day.strftime('%d/%m/%Y')}"
    ) in text
    assert (
        "Người có thẩm quyền phê duyệt gia hạn: Chủ tịch Ủy ban nhân dân xã Luận Thành"
    ) in text
    assert "Cán bộ một cửa" in text
    today = deadlines.local_date(datetime.now(UTC))
    assert f"Luận Thành, ngày {today.day:02d} tháng" in text

    # A second letter; the first stays readable.
    later = next_working_day(10)
    _page, form = form_of(http, url)
    response = post(
        http,
        url,
        new_date=later.strftime("%d/%m/%Y"),
        reason="Lý do thứ hai",
        approver="Phó Chủ tịch Ủy ban nhân dân xã",
        _authenticator=token(form),
    )
    assert response.status_code == 303
    transaction.begin()
    assert len(dossier.apologies) == 2
    first = text_of(http.get(f"{url}/@@phieu-xin-loi", params={"so": 1}).text)
    assert REASON in first
    assert "Lý do thứ hai" not in first
    latest = text_of(http.get(f"{url}/@@phieu-xin-loi").text)
    assert "Lý do thứ hai" in latest
    assert f"đến ngày {later.strftime('%d/%m/%Y')}" in latest
    assert "phê duyệt gia hạn: Phó Chủ tịch Ủy ban nhân dân xã." in latest
    control = text_of(http.get(f"{url}/@@phieu-kiem-soat").text)
    assert f"đề nghị gia hạn đến ngày {later.strftime('%d/%m/%Y')}" in control

    # A letter stored before the approver was asked still prints, with "—".
    del dossier.apologies[0]["approver"]
    dossier.apologies._p_changed = True
    transaction.commit()
    old = text_of(http.get(f"{url}/@@phieu-xin-loi", params={"so": 1}).text)
    assert "Người có thẩm quyền phê duyệt gia hạn: —." in old


def test_post_without_token_is_refused(received):
    dossier, url = received
    http = session_for("motcua")
    response = post(http, url, new_date=next_working_day().isoformat(), reason=REASON)
    assert response.status_code == 403
    response = post(
        http,
        url,
        new_date=next_working_day().isoformat(),
        reason=REASON,
        _authenticator="forged",
    )
    assert response.status_code == 403
    transaction.begin()
    assert not getattr(dossier, "apologies", None)


@pytest.mark.parametrize(
    "new_date,reason,message",
    [
        ("", REASON, "Nhập ngày hẹn trả kết quả mới."),
        (
            "không phải ngày",
            REASON,
            "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy",
        ),
        ("03/25/2026", REASON, "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy"),
        (
            "2026-03-06",
            REASON,
            "Ngày hẹn mới phải sau ngày hẹn trả kết quả 06/03/2026.",
        ),
        ("2026-03-09", REASON, "Ngày hẹn mới không được trước ngày hôm nay."),
        ("next-saturday", REASON, "không phải ngày làm việc"),
        ("next-working-day", "   ", "Ghi rõ lý do chậm trả kết quả."),
    ],
)
def test_invalid_input_is_explained(received, new_date, reason, message):
    dossier, url = received
    if new_date == "next-saturday":
        day = deadlines.local_date(datetime.now(UTC)) + timedelta(days=7)
        calendar = deadlines.WorkCalendar.from_registry()
        while calendar.is_working_day(day):
            day += timedelta(days=1)
        new_date = day.isoformat()
    elif new_date == "next-working-day":
        new_date = next_working_day().isoformat()
    http = session_for("motcua")
    _page, form = form_of(http, url)
    response = post(
        http, url, new_date=new_date, reason=reason, _authenticator=token(form)
    )
    assert response.status_code == 200
    assert message in text_of(response.text)
    assert "Phiếu chưa được lập" in response.text
    transaction.begin()
    assert not getattr(dossier, "apologies", None)


def test_no_apology_for_a_resolved_dossier(fresh_site):
    url = fresh_site["urls"]["resolved"]
    http = session_for("motcua")
    page, form = form_of(http, url)
    assert form is None
    assert "Chỉ lập phiếu xin lỗi cho hồ sơ đang giải quyết" in text_of(page.text)
    # Forging the POST with a valid token does not help.
    _page, other = form_of(http, fresh_site["urls"]["received"])
    response = post(
        http,
        url,
        new_date=next_working_day().isoformat(),
        reason=REASON,
        _authenticator=token(other),
    )
    assert response.status_code == 403
    transaction.begin()
    assert not getattr(fresh_site["dossiers"]["resolved"], "apologies", None)
