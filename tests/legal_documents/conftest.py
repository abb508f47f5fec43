"""Documents, a procedure and the officials' accounts, through the WSGI stack."""

from datetime import date
from luanthanh.policy.setuphandlers.pdf import make_pdf
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser
from tests.dossiers.conftest import create_officials
from tests.dossiers.conftest import make_procedure
from tests.dossiers.conftest import PASSWORD
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified

import pytest
import transaction


def make_document(portal, state="published", **data):
    values = {
        "title": "Quyết định ban hành Quy chế hoạt động của Trung tâm",
        "document_number": "15/QĐ-UBND",
        "document_type": "quyet-dinh",
        "issued_date": date(2025, 7, 21),
        "issuer": "Ủy ban nhân dân xã Luận Thành",
        "signer": "Chủ tịch Ủy ban nhân dân xã",
        "summary": "Về việc ban hành Quy chế tổ chức và hoạt động của Trung tâm",
    }
    values.update(data)
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=portal["van-ban"], type="LegalDocument", **values
        )
        if state != "private":
            api.content.transition(document, to_state=state)
    return document


def pdf_file(name: str = "van-ban.pdf") -> NamedBlobFile:
    return NamedBlobFile(
        make_pdf(["So: 15/QD-UBND", "Du lieu mau"]),
        contentType="application/pdf",
        filename=name,
    )


def relate(document, *procedures) -> None:
    intids = getUtility(IIntIds)
    document.related_procedures = [RelationValue(intids.getId(p)) for p in procedures]
    modified(document)


@pytest.fixture
def documents(functional_portal):
    """Documents of several types and years, one private, one pending."""
    portal = functional_portal
    create_officials()
    # Plone's way: Contributors add, Editors edit; the writer has both here.
    api.user.grant_roles(
        username="bientap", roles=["Contributor"], obj=portal["van-ban"]
    )
    procedure = make_procedure(portal, title="Đăng ký khai sinh", code="1.001193")
    hidden_procedure = make_procedure(portal, title="Thủ tục ẩn", code="9.000001")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(hidden_procedure, to_state="private")
    docs = {
        "qd15": make_document(portal, file=pdf_file()),
        "kh05": make_document(
            portal,
            title="Kế hoạch cải cách hành chính năm 2026",
            document_number="05/KH-UBND",
            document_type="ke-hoach",
            issued_date=date(2026, 1, 10),
            summary="Triển khai công tác cải cách hành chính năm 2026",
        ),
        "tb12": make_document(
            portal,
            title="Thông báo giờ làm việc",
            document_number="12/TB-UBND",
            document_type="thong-bao",
            issued_date=date(2025, 8, 1),
            summary="Thời gian tiếp nhận và trả kết quả hồ sơ",
        ),
        "draft": make_document(
            portal,
            state="private",
            title="Dự thảo chỉ thị chưa ban hành",
            document_number="99/CT-UBND",
            document_type="chi-thi",
            issued_date=date(2026, 2, 1),
            summary="Dự thảo bí mật về kỷ luật hành chính",
        ),
        "pending": make_document(
            portal,
            state="pending",
            title="Báo cáo chờ duyệt",
            document_number="98/BC-UBND",
            document_type="bao-cao",
            issued_date=date(2026, 2, 2),
            summary="Báo cáo chờ duyệt về kết quả giải quyết",
        ),
    }
    relate(docs["qd15"], procedure, hidden_procedure)
    relate(docs["draft"], procedure)
    docs["procedure"] = procedure
    transaction.commit()
    return docs


def browser_for(app, user: str | None = None) -> Browser:
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if user:
        browser.addHeader("Authorization", f"Basic {user}:{PASSWORD}")
    return browser


@pytest.fixture
def anonymous(functional_app):
    return browser_for(functional_app)
