"""Documents, a procedure and the officials' accounts, through the WSGI stack."""

from datetime import date
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_document
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import pdf_file
from luanthanh.policy.testing.builders import relate
from luanthanh.policy.testing.http import browser_for
from plone import api

import pytest
import transaction


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


@pytest.fixture
def anonymous(functional_app):
    return browser_for(functional_app)
