"""The button of the procedures control panel: forms for the whole catalogue."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from plone import api

import pytest
import transaction


PASSWORD = "Matkhau-1234!"


@pytest.fixture
def catalogue(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        make_procedure(functional_portal, id="a", code="1.000001", title="Thủ tục A")
        make_procedure(functional_portal, id="b", code="1.000002", online_level="none")
    add_user("quantri", ["Site Administrator"], PASSWORD)
    add_user("bientap", ["Editor"], PASSWORD)
    transaction.commit()
    return functional_portal


def test_site_administrator_generates(functional_app, catalogue):
    admin = browser_for(functional_app, "quantri", PASSWORD)
    admin.open(f"{catalogue.absolute_url()}/@@procedure-import")
    admin.getControl("Tạo biểu mẫu trực tuyến cho các thủ tục").click()
    assert admin.url.endswith("/@@procedure-import")
    assert "Đã tạo 1 biểu mẫu trực tuyến: Nộp hồ sơ trực tuyến: Thủ tục A" in (
        admin.contents
    )
    admin.getControl("Tạo biểu mẫu trực tuyến cho các thủ tục").click()
    assert "không tạo thêm biểu mẫu nào" in admin.contents


def test_editor_refused(functional_app, catalogue):
    editor = browser_for(functional_app, "bientap", PASSWORD)
    editor.open(f"{catalogue.absolute_url()}/@@online-forms")
    assert editor.url.endswith("/insufficient-privileges")
    # Positive control: the Site Administrator reaches it (a GET goes back to
    # the control panel).
    admin = browser_for(functional_app, "quantri", PASSWORD)
    admin.open(f"{catalogue.absolute_url()}/@@online-forms")
    assert admin.url.endswith("/@@procedure-import")
