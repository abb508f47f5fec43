"""Fixtures for the Classic UI pages, through the WSGI stack."""

from luanthanh.policy.testing.builders import make_content
from luanthanh.policy.testing.builders import required_document
from luanthanh.policy.testing.http import browser_for
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser

import pytest
import transaction


EDITOR = ("bientap", "Biên-tập-1234")


@pytest.fixture
def site(functional_portal):
    """A catalogue with published, private and pending procedures."""
    folder = functional_portal["thu-tuc-hanh-chinh"]
    form = make_content(
        functional_portal["nop-ho-so"],
        "EasyForm",
        "published",
        id="form-ket-hon",
        title="Biểu mẫu đăng ký kết hôn",
    )
    khai_tu = make_content(
        folder,
        "Procedure",
        "published",
        id="dang-ky-khai-tu",
        title="Đăng ký khai tử",
        code="1.000656",
        field="tu-phap-ho-tich",
        processing_days=1,
        online_level="partial",
        audience={"citizen"},
    )
    hidden = make_content(
        folder,
        "Procedure",
        id="thu-tuc-nhap",
        title="Thủ tục nháp bí mật",
        code="9.999999",
        field="tu-phap-ho-tich",
    )
    pending = make_content(
        folder,
        "Procedure",
        id="thu-tuc-cho-duyet",
        title="Thủ tục chờ duyệt",
        code="9.999998",
        field="kinh-te",
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(pending, transition="submit")
    ket_hon = make_content(
        folder,
        "Procedure",
        id="dang-ky-ket-hon",
        title="Đăng ký kết hôn",
        description="Thủ tục đăng ký kết hôn tại Ủy ban nhân dân xã.",
        code="1.000894",
        field="tu-phap-ho-tich",
        processing_days=0,
        processing_note="Trường hợp cần xác minh thì không quá 05 ngày làm việc.",
        online_level="full",
        channels={"direct", "online"},
        fee=0,
        fee_note="Miễn lệ phí",
        audience={"citizen"},
        required_documents=[
            required_document(
                "Tờ khai đăng ký kết hôn",
                note="Theo mẫu",
                template_url="https://example.org/to-khai.docx",
            ),
            required_document("Giấy xác nhận tình trạng hôn nhân"),
        ],
        steps=RichTextValue(
            "<ol><li>Nộp tờ khai</li><li>Nhận kết quả</li></ol>",
            "text/html",
            "text/x-html-safe",
        ),
        conditions=RichTextValue(
            "<p>Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.</p>",
            "text/html",
            "text/x-html-safe",
        ),
        result="Giấy chứng nhận kết hôn",
        legal_basis=["Luật Hộ tịch số 60/2014/QH13"],
    )
    from plone.app.relationfield.behavior import IRelatedItems  # noqa: F401
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds
    from zope.lifecycleevent import modified

    intids = getUtility(IIntIds)
    ket_hon.form = RelationValue(intids.getId(form))
    ket_hon.interlinked = [
        RelationValue(intids.getId(khai_tu)),
        RelationValue(intids.getId(hidden)),
    ]
    modified(ket_hon)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(ket_hon, to_state="published")
    make_content(ket_hon, "File", id="to-khai", title="Tờ khai đăng ký kết hôn (mẫu)")
    make_content(
        folder,
        "Procedure",
        "published",
        id="ho-kinh-doanh",
        title="Đăng ký thành lập hộ kinh doanh",
        code="1.001612",
        field="kinh-te",
        processing_days=3,
        online_level="none",
        fee=100000,
        audience={"citizen", "organization"},
    )
    api.user.create(email="bt@example.org", username=EDITOR[0], password=EDITOR[1])
    api.user.grant_roles(
        username=EDITOR[0], roles=["Editor", "Reader", "Contributor"], obj=folder
    )
    transaction.commit()
    return functional_portal


@pytest.fixture
def anonymous(functional_app):
    return browser_for(functional_app)


@pytest.fixture
def editor(functional_app):
    browser = Browser(functional_app)
    browser.addHeader("Authorization", "Basic {}:{}".format(*EDITOR))
    return browser
