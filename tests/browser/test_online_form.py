"""The button "Tạo biểu mẫu trực tuyến" of a procedure page, through the WSGI stack."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import required_document
from luanthanh.policy.testing.http import browser_for
from plone import api

import pytest
import transaction


PASSWORD = "Matkhau-1234!"


@pytest.fixture
def procedure(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        procedure = make_procedure(
            functional_portal,
            id="khai-tu",
            title="Đăng ký khai tử",
            required_documents=[
                required_document("Tờ khai đăng ký khai tử"),
                required_document("Giấy báo tử"),
            ],
        )
    add_user("bientap", ["Member"], PASSWORD)
    api.user.grant_roles(username="bientap", roles=["Editor"], obj=procedure)
    transaction.commit()
    return procedure


def test_editor_creates_then_updates(functional_app, procedure):
    editor = browser_for(functional_app, "bientap", PASSWORD)
    editor.open(procedure.absolute_url())
    editor.getControl("Tạo biểu mẫu trực tuyến").click()
    assert editor.url == procedure.absolute_url()
    assert "Đã tạo biểu mẫu trực tuyến" in editor.contents
    assert "với 2 mục tải giấy tờ lên" in editor.contents

    transaction.begin()
    procedure.required_documents = [
        required_document("Tờ khai đăng ký khai tử (mẫu mới)"),
    ]
    transaction.commit()
    editor.open(procedure.absolute_url())
    editor.getControl("Cập nhật biểu mẫu trực tuyến").click()
    assert "đổi tên giay_to_1; bỏ giay_to_2" in editor.contents


def test_anonymous_sees_no_button(functional_app, procedure):
    anonymous = browser_for(functional_app)
    anonymous.open(procedure.absolute_url())
    assert "Tạo biểu mẫu trực tuyến" not in anonymous.contents
    # Positive control: the editor sees it on the same page.
    editor = browser_for(functional_app, "bientap", PASSWORD)
    editor.open(procedure.absolute_url())
    assert "Tạo biểu mẫu trực tuyến" in editor.contents


def test_post_without_token_refused(functional_app, procedure):
    editor = browser_for(functional_app, "bientap", PASSWORD)
    editor.open(procedure.absolute_url())  # the token of the page is not sent
    editor.post(f"{procedure.absolute_url()}/@@online-form", "x=1")
    assert editor.headers["status"].startswith("403")
    transaction.begin()
    assert procedure.form is None
